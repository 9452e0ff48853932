package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph/render"
	"github.com/claimnet/claimnet/internal/atomicfile"
	"github.com/claimnet/claimnet/internal/termsafe"
	"github.com/spf13/cobra"
)

// app carries the streams a command reads and writes, so tests can run
// the whole command line in-process, and the context of the one command
// line it runs, which Ctrl-C cancels.
type app struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer // a *stdoutWriter: its first error fails the command
	stderr io.Writer

	// renderers are the Graphviz workers the command started, closed
	// before run returns (see closeRenderers).
	mu        sync.Mutex
	renderers []*render.Renderer
	finished  bool
	starting  sync.WaitGroup // renderers being started
}

// usageError marks a mistake in the command line itself: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// reportedError is an error whose details were already printed.
type reportedError struct{ err error }

func (e reportedError) Error() string { return e.err.Error() }

// run runs the command line args and returns its exit status: 0 on
// success, 1 for an error (a failed write to stdout included), 2 for a
// usage error, and 128+N after signal N (130 for SIGINT, 143 for
// SIGTERM), which cancels the command's context. A second signal kills
// the process the default way.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	stop := notifySignals(cancel)
	defer stop()

	out := &stdoutWriter{w: stdout}
	a := &app{ctx: ctx, stdin: stdin, stdout: out, stderr: stderr}
	root := a.rootCmd()
	root.SetArgs(jqArgs(args))
	root.SetIn(stdin)
	root.SetOut(out)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	a.closeRenderers()
	if err == nil && out.failed() != nil {
		err = fmt.Errorf("write standard output: %w", out.failed())
	}
	var sig signalError
	if errors.As(context.Cause(ctx), &sig) {
		// Whatever the command made of the cancellation, the user asked
		// it to stop: say so in one line, without the "context canceled"
		// chain.
		if err != nil && !errors.Is(err, context.Canceled) {
			fmt.Fprintf(stderr, "claimnet: %s\n", termsafe.Text(err.Error()))
		}
		fmt.Fprintf(stderr, "claimnet: %s\n", sig)
		return sig.status()
	}
	if err == nil {
		return 0
	}
	msg := termsafe.Text(err.Error())
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "claimnet: %s\nRun 'claimnet help' for usage.\n", msg)
		return 2
	case errors.As(err, new(reportedError)):
		return 1
	case isCobraUsage(err):
		fmt.Fprintf(stderr, "claimnet: %s\nRun 'claimnet help' for usage.\n", msg)
		return 2
	}
	fmt.Fprintf(stderr, "claimnet: %s\n", msg)
	return 1
}

// stdoutWriter writes to standard output and keeps the first error, after
// which it writes nothing more: run fails the command with it, so output
// lost to a full disk or a closed pipe is never a success.
// A writer that an interrupted command abandoned (atomicfile.Stream) may
// still be in a write when run asks for the error, hence the lock.
type stdoutWriter struct {
	mu  sync.Mutex
	w   io.Writer
	err error
}

func (s *stdoutWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	s.err = err
	return n, err
}

// failed returns the first write error.
func (s *stdoutWriter) failed() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// isCobraUsage recognises the errors cobra itself returns for an unknown
// command, which it does not type.
func isCobraUsage(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag") || strings.Contains(msg, "flag needs an argument")
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "claimnet",
		Short: "Actor–claim networks from annotated news and opinion texts",
		Long: `claimnet turns YAML annotations of news and opinion texts (actors, the claims
they make, and each actor's stance on each claim with the verbatim quote) into
networks: it validates them, analyses them, renders figures, answers jq queries
and exports to Gephi, R, networkx and d3.

DATASET is a directory of annotation files (or one file); without it the
built-in dataset istanbul-2025 (the Afghanistan–Pakistan talks, Oct–Nov 2025)
is used.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(a.checkCmd(), a.statsCmd())
	for _, add := range a.extraCommands() {
		root.AddCommand(add())
	}
	return root
}

// args wraps a cobra argument check so its failure is a usage error.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, a []string) error {
		if err := check(c, a); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// loadDataset loads the dataset named on the command line, or the
// built-in one, stopping when ctx is done. Validation problems are
// printed one a line and returned as a reportedError; warnings are
// printed as path: warning: message.
func (a *app) loadDataset(ctx context.Context, argv []string) (*annotations.Dataset, error) {
	var d *annotations.Dataset
	var err error
	if len(argv) == 0 {
		d, err = annotations.LoadEmbedded()
	} else {
		d, err = annotations.LoadDirContext(ctx, argv[0])
	}
	if err != nil {
		return nil, a.reportProblems(err)
	}
	for _, w := range d.Warnings {
		where := termsafe.String(w.Pos.String())
		if w.Pos.File == "" {
			where = termsafe.String(datasetName(argv))
		}
		fmt.Fprintf(a.stderr, "%s: warning: %s\n", where, w.Message())
	}
	return d, nil
}

// reportProblems prints an ErrorList one problem a line with a count, and
// passes other errors through.
func (a *app) reportProblems(err error) error {
	var list annotations.ErrorList
	if !errors.As(err, &list) {
		return err
	}
	for _, e := range list {
		fmt.Fprintln(a.stderr, termsafe.Text(e.Error()))
	}
	n := len(list)
	plural := "s"
	if n == 1 {
		plural = ""
	}
	fmt.Fprintf(a.stderr, "%d problem%s\n", n, plural)
	return reportedError{err}
}

// datasetName names the dataset for messages, safe to print on a
// terminal.
func datasetName(argv []string) string {
	if len(argv) == 0 {
		return annotations.EmbeddedName + " (built in)"
	}
	return termsafe.String(argv[0])
}

// output writes through write to standard output when path is "" or "-",
// and otherwise atomically to path (see atomicfile.WriteFileContext): a
// regular file is not replaced unless force, and nothing else ever is.
// The writer fails once the command is interrupted, so a long write stops
// and no file is put in place.
func (a *app) output(path string, force bool, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return atomicfile.Stream(a.ctx, a.stdout, write)
	}
	return atomicfile.WriteFileContext(a.ctx, path, force, write)
}

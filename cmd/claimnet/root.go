package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/internal/atomic"
	"github.com/spf13/cobra"
)

// app carries the streams a command reads and writes, so tests can run
// the whole command line in-process.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// usageError marks a mistake in the command line itself: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// reportedError is an error whose details were already printed.
type reportedError struct{ err error }

func (e reportedError) Error() string { return e.err.Error() }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin, stdout, stderr}
	root := a.rootCmd()
	root.SetArgs(jqArgs(args))
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	// Ctrl-C cancels the context that long work (loading, analyses,
	// queries) checks, so the command stops with an error, not mid-write.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "claimnet: %v\nRun 'claimnet help' for usage.\n", err)
		return 2
	case errors.As(err, new(reportedError)):
		return 1
	case isCobraUsage(err):
		fmt.Fprintf(stderr, "claimnet: %v\nRun 'claimnet help' for usage.\n", err)
		return 2
	}
	fmt.Fprintf(stderr, "claimnet: %v\n", err)
	return 1
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
		where := annotations.Escape(w.Pos.String())
		if w.Pos.File == "" {
			where = annotations.Escape(datasetName(argv))
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
		fmt.Fprintln(a.stderr, e.Error())
	}
	n := len(list)
	plural := "s"
	if n == 1 {
		plural = ""
	}
	fmt.Fprintf(a.stderr, "%d problem%s\n", n, plural)
	return reportedError{err}
}

// datasetName names the dataset for messages.
func datasetName(argv []string) string {
	if len(argv) == 0 {
		return annotations.EmbeddedName + " (built in)"
	}
	return argv[0]
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// output writes through write to standard output when path is "" or "-",
// and otherwise atomically to path, which is not replaced unless force.
func (a *app) output(path string, force bool, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(a.stdout)
	}
	return atomic.WriteFile(path, force, write)
}

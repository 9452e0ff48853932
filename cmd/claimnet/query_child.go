package main

// claimnet query runs the jq program in a child process: claimnet
// re-executes itself with the same command line and queryChildEnv set.
// The child limits its own memory and stack (limitQueryChild), so that a
// program that allocates without bound or nests values millions of levels
// deep makes the child fail, which the parent reports as an error,
// instead of taking the machine's memory or crashing claimnet with a Go
// stack trace. The child tells the parent it finished on its own (with
// whatever exit status) by writing queryDoneMark to file descriptor 3;
// without the mark the child crashed, and the parent replaces the
// runtime's report on standard error with a one-line message.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

const (
	// queryChildEnv marks the child process.
	queryChildEnv = "CLAIMNET_QUERY_CHILD"
	// queryDoneMark is what the child writes to fd 3 when it finishes
	// without crashing.
	queryDoneMark = "claimnet query done\n"
	// maxQueryStack bounds the child's goroutine stacks.
	maxQueryStack = 64 << 20
)

func inQueryChild() bool { return os.Getenv(queryChildEnv) != "" }

// queryStack is the stack limit of a child allowed limit bytes: a quarter
// of it, between 16 MiB and maxQueryStack.
func queryStack(limit int64) int64 { return min(max(limit/4, 16<<20), maxQueryStack) }

// limitQueryChild bounds the child's memory and stack: the garbage
// collector works to keep the heap under limit, the address space may
// grow by no more than limit (plus the stack allowance) over what the
// process has mapped now (setAddressLimit, where the system has one), and
// a goroutine stack deeper than queryStack(limit) ends the process.
func limitQueryChild(limit int64) {
	if limit <= 0 {
		return
	}
	debug.SetMemoryLimit(limit)
	debug.SetMaxStack(int(queryStack(limit)))
	setAddressLimit(limit + 2*queryStack(limit))
}

// queryChildDone tells the parent that the child finished on its own,
// on fd 3 when that is the pipe the parent passed (not a file the
// environment variable was set for by someone else).
func queryChildDone() {
	f := os.NewFile(3, "claimnet-query-done")
	if f == nil {
		return
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		return
	}
	_, _ = io.WriteString(f, queryDoneMark)
}

// childExit is the exit status of a child that finished on its own and
// has said what it had to say on standard error.
type childExit struct{ code int }

func (e childExit) Error() string { return fmt.Sprintf("query: exit status %d", e.code) }

// runQueryChild runs the query command of cmd in a child process with a
// memory limit of limit bytes, passing standard output through. It
// returns nil when the child succeeds, a reportedError when it fails
// after reporting why, and an error saying what went wrong when it
// crashes (out of memory, stack overflow) or cannot be started.
func (a *app) runQueryChild(cmd *cobra.Command, argv []string, limit int64) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("query: cannot start the query process: %w (use --max-memory 0 to run without one)", err)
	}
	ctx := cmd.Context()
	child := exec.CommandContext(ctx, exe, childArgs(cmd, argv, limit)...)
	child.Env = append(os.Environ(), queryChildEnv+"=1")
	child.Stdout = a.stdout
	stderr := &holdWriter{dst: a.stderr, max: 1 << 20}
	child.Stderr = stderr
	// On Ctrl-C the child, in the same process group, has the signal too;
	// when only the parent's context ends, pass the interrupt on.
	child.Cancel = func() error { return child.Process.Signal(os.Interrupt) }
	child.WaitDelay = 10 * time.Second
	markR, markW, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("query: cannot start the query process: %w", err)
	}
	defer markR.Close()
	child.ExtraFiles = []*os.File{markW}
	if err := child.Start(); err != nil {
		markW.Close()
		return fmt.Errorf("query: cannot start the query process: %w (use --max-memory 0 to run without one)", err)
	}
	markW.Close()
	mark := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(io.LimitReader(markR, int64(len(queryDoneMark))))
		mark <- b
	}()
	waitErr := child.Wait()
	done := string(<-mark) == queryDoneMark
	var exit *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exit) && ctx.Err() == nil {
		// Copying the child's output failed (standard output is full or
		// closed): that is this command's error, whatever the child said.
		return fmt.Errorf("write standard output: %w", waitErr)
	}
	code := child.ProcessState.ExitCode()
	if done {
		if err := stderr.release(); err != nil {
			return err
		}
		if code == 0 && waitErr == nil {
			return nil
		}
		return reportedError{childExit{code}}
	}
	if ctx.Err() != nil {
		return reportedError{fmt.Errorf("query: stopped: %w", ctx.Err())}
	}
	return crashError(stderr.held(), child.ProcessState, limit)
}

// crashError describes the end of a child that did not finish on its own.
func crashError(report []byte, st *os.ProcessState, limit int64) error {
	text := string(report)
	fatal := ""
	for _, line := range strings.Split(text, "\n") {
		if msg, ok := strings.CutPrefix(line, "fatal error: "); ok {
			fatal = msg
			break
		}
	}
	switch {
	case strings.Contains(text, "stack overflow") || strings.Contains(text, "stack exceeds"):
		return fmt.Errorf("query: the program nests too deeply: it needs more than the %s stack of --max-memory %s",
			byteSize(queryStack(limit)), byteSize(limit))
	case strings.Contains(text, "out of memory") || strings.Contains(text, "cannot allocate memory") ||
		strings.Contains(fatal, "newosproc") || strings.Contains(text, "failed to create new OS thread"):
		return fmt.Errorf("query: the program needs more than --max-memory %s", byteSize(limit))
	case fatal != "":
		return fmt.Errorf("query: the query process failed: %s", fatal)
	case st != nil && !st.Exited():
		return fmt.Errorf("query: the query process was stopped by a signal (%s); "+
			"if the system ran out of memory, try a lower --max-memory than %s", st, byteSize(limit))
	}
	return fmt.Errorf("query: the query process ended without an answer (%s)", st)
}

// childArgs rebuilds the query command line for the child: every flag
// given, --max-memory as limit, then the positional arguments after "--".
func childArgs(cmd *cobra.Command, argv []string, limit int64) []string {
	out := []string{cmd.Name()}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if f.Name == "max-memory" {
			return
		}
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			for _, v := range sv.GetSlice() {
				out = append(out, "--"+f.Name+"="+v)
			}
			return
		}
		out = append(out, "--"+f.Name+"="+f.Value.String())
	})
	out = append(out, "--max-memory="+strconv.FormatInt(limit, 10), "--")
	return append(out, argv...)
}

// holdWriter holds what the child writes to standard error, up to max
// bytes, until the child has ended and the parent knows whether it is a
// message for the user (release) or the runtime's crash report (held).
// Past max bytes the child cannot be reporting a crash of a few lines
// only, so what is held is released and the rest passed through.
type holdWriter struct {
	dst     io.Writer
	max     int
	buf     bytes.Buffer
	passing bool
	err     error
}

func (h *holdWriter) Write(p []byte) (int, error) {
	if !h.passing && h.buf.Len()+len(p) <= h.max {
		return h.buf.Write(p)
	}
	if !h.passing {
		h.passing = true
		if _, err := h.dst.Write(h.buf.Bytes()); err != nil && h.err == nil {
			h.err = err
		}
		h.buf.Reset()
	}
	if _, err := h.dst.Write(p); err != nil && h.err == nil {
		h.err = err
	}
	return len(p), nil
}

func (h *holdWriter) release() error {
	if _, err := h.dst.Write(h.buf.Bytes()); err != nil && h.err == nil {
		h.err = err
	}
	h.buf.Reset()
	return h.err
}

func (h *holdWriter) held() []byte { return h.buf.Bytes() }

// byteSize is a number of bytes as a flag: 1073741824, 1GiB, 512MiB,
// 1.5G (powers of 1024 whether or not the unit has the i), 0.
type byteSize int64

var sizeUnits = []struct {
	suffix string
	shift  uint
}{
	{"TiB", 40}, {"GiB", 30}, {"MiB", 20}, {"KiB", 10},
	{"TB", 40}, {"GB", 30}, {"MB", 20}, {"KB", 10},
	{"T", 40}, {"G", 30}, {"M", 20}, {"K", 10}, {"B", 0},
}

func (b byteSize) String() string {
	n := int64(b)
	for _, u := range sizeUnits[:4] {
		switch {
		case n >= 1<<u.shift && n%(1<<u.shift) == 0:
			return strconv.FormatInt(n>>u.shift, 10) + u.suffix
		case n >= 1<<u.shift:
			return strconv.FormatFloat(float64(n)/float64(int64(1)<<u.shift), 'f', 1, 64) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}

func (b *byteSize) Set(s string) error {
	num, shift := strings.TrimSpace(s), uint(0)
	for _, u := range sizeUnits {
		if len(num) > len(u.suffix) && strings.EqualFold(num[len(num)-len(u.suffix):], u.suffix) {
			num, shift = strings.TrimSpace(num[:len(num)-len(u.suffix)]), u.shift
			break
		}
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(f) || f < 0 {
		return fmt.Errorf("%q is not a size: want a number of bytes or a number and a unit such as 512MiB or 4GiB", s)
	}
	v := f * float64(int64(1)<<shift)
	if v >= math.MaxInt64/2 {
		return fmt.Errorf("%q is too large a size", s)
	}
	*b = byteSize(v)
	return nil
}

func (b *byteSize) Type() string { return "size" }

// defaultQueryMemory is half the memory available to claimnet: of the
// machine, or of the cgroup's limit when it is lower; 4 GiB when neither
// is known.
func defaultQueryMemory() int64 {
	total := physicalMemory()
	if c := cgroupMemory(); c > 0 && (total <= 0 || c < total) {
		total = c
	}
	if total <= 0 {
		return 4 << 30
	}
	return total / 2 &^ (1<<20 - 1)
}

// cgroupMemory reads the memory limit of the cgroup (v2, then v1) claimnet
// runs in; 0 when there is none.
func cgroupMemory() int64 {
	for _, p := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		v, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		if err == nil && v > 0 && v < 1<<50 {
			return v
		}
	}
	return 0
}

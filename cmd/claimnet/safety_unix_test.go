//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimnet/claimnet/internal/testutil"
)

// TestOutputSpecialTargets: --force never replaces a named pipe or a link
// to a device; the target is named, the error says what it is, and it is
// left as it was. (export -o /dev/full --force, run as root, replaced the
// device with a regular file.)
func TestOutputSpecialTargets(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": tinyDataset, "sub/report.yaml": tinySource})
	for _, tc := range []struct {
		name string
		make func(t *testing.T, p string)
		kind string
		mode fs.FileMode
	}{
		{"fifo", func(t *testing.T, p string) {
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip(err)
			}
		}, "not a regular file but a named pipe", fs.ModeNamedPipe},
		{"link to device", func(t *testing.T, p string) {
			if err := os.Symlink(os.DevNull, p); err != nil {
				t.Skip(err)
			}
		}, "not a regular file but a character device (the symbolic link points to " + os.DevNull + ")", fs.ModeSymlink},
	} {
		for _, cmd := range outputCommands {
			p := filepath.Join(t.TempDir(), "target")
			tc.make(t, p)
			args := append(append([]string{}, cmd...), "-o", p, "--force", data)
			code, _, stderr := runCLI(t, args...)
			if code != 1 || !strings.Contains(stderr, "write "+p+": "+tc.kind) {
				t.Errorf("%s: %s: exit %d, stderr %q; want exit 1 and %q", tc.name, strings.Join(args, " "), code, stderr, tc.kind)
			}
			if fi, err := os.Lstat(p); err != nil || fi.Mode().Type() != tc.mode {
				t.Errorf("%s: %s: target is now %v (%v)", tc.name, strings.Join(args, " "), fi.Mode(), err)
			}
		}
	}
}

// TestOutputUmask: a new output file gets 0666 less the umask (it was
// always 0644).
func TestOutputUmask(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": tinyDataset, "sub/report.yaml": tinySource})
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	for _, cmd := range outputCommands {
		p := filepath.Join(t.TempDir(), "out")
		args := append(append([]string{}, cmd...), "-o", p, data)
		if code, _, stderr := runCLI(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s under umask 077: mode %v (%v), want 0600", strings.Join(args, " "), fi.Mode().Perm(), err)
		}
	}
}

// TestGenUmask: gen's directory gets 0777 less the umask like its files
// (it was always 0700, the mode of os.MkdirTemp).
func TestGenUmask(t *testing.T) {
	old := syscall.Umask(0o002)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "gen")
	if code, _, stderr := runCLI(t, "gen", "--statements", "100", "--actors", "10", "--claims", "10", "--sources", "2", "-o", dir); code != 0 {
		t.Fatalf("gen: exit %d: %s", code, stderr)
	}
	for p, want := range map[string]fs.FileMode{dir: 0o775, filepath.Join(dir, "sources"): 0o775, filepath.Join(dir, "actors.yaml"): 0o664} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s under umask 002: mode %v (%v), want %v", p, fi.Mode().Perm(), err, want)
		}
	}
}

// buildClaimnet builds the command into a temporary directory.
func buildClaimnet(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "claimnet")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestBinary runs the built command where in-process tests cannot: a real
// /dev/full as standard output, and signals.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs it on generated data; skipped with -short")
	}
	bin := buildClaimnet(t)

	t.Run("dev-full", func(t *testing.T) {
		full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("/dev/full: %v", err)
			}
			t.Skip(err)
		}
		defer full.Close()
		for _, args := range [][]string{{"check"}, {"stats"}, {"stats", "--json"}, {"analyse"}, {"help"}} {
			var stderr bytes.Buffer
			cmd := exec.Command(bin, args...)
			cmd.Stdout, cmd.Stderr = full, &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 1 ||
				!strings.Contains(stderr.String(), "no space left on device") || strings.Contains(stderr.String(), "goroutine") {
				t.Errorf("claimnet %s >/dev/full: %v, stderr %q; want exit 1 and the write error", strings.Join(args, " "), err, stderr.String())
			}
		}
	})

	// A dataset whose export takes a second or so to write.
	data := filepath.Join(t.TempDir(), "data")
	if code, _, stderr := runCLI(t, "gen", "--statements", "20000", "--actors", "200", "--claims", "400", "--sources", "20", "-o", data); code != 0 {
		t.Fatalf("gen: exit %d: %s", code, stderr)
	}

	// Ctrl-C while export writes its file: exit 130, one line on stderr,
	// no file and no temporary file. It used to finish and exit 0.
	t.Run("sigint-export-file", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "network.json")
		p := start(t, bin, "export", "--per-statement", "-o", target, data)
		if !p.waitFor(func() bool { return hasTemp(t, dir) }, 60*time.Second) {
			t.Fatalf("export never started writing: %s", p.stderr.String())
		}
		p.cmd.Process.Signal(syscall.SIGINT)
		code := p.wait(t, 30*time.Second)
		if code != 130 || p.stderr.String() != "claimnet: interrupted\n" {
			t.Errorf("export after SIGINT: exit %d, stderr %q; want 130 and \"claimnet: interrupted\"", code, p.stderr.String())
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("left behind after SIGINT: %v", entries)
		}
	})

	// Ctrl-C while export writes to a pipe nobody reads yet: the write
	// in progress ends when the reader drains the pipe, and the next one
	// stops the command.
	t.Run("sigint-export-stdout", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "export", "--per-statement", data)
		cmd.Stdout = w
		p := startCmd(t, cmd)
		w.Close()
		first := make([]byte, 1)
		if _, err := io.ReadFull(r, first); err != nil { // export is writing
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond) // and blocked on the full pipe
		p.cmd.Process.Signal(syscall.SIGINT)
		n, _ := io.Copy(io.Discard, r)
		code := p.wait(t, 30*time.Second)
		if code != 130 || p.stderr.String() != "claimnet: interrupted\n" {
			t.Errorf("export to a pipe after SIGINT: exit %d after %d more bytes, stderr %q; want 130", code, n, p.stderr.String())
		}
	})

	// Ctrl-C while Graphviz lays out a figure of seconds: exit 130 at
	// once, no file, and the Graphviz worker process killed with the
	// layout, not left to finish it.
	t.Run("sigint-render", func(t *testing.T) {
		if _, err := os.Stat("/proc/self/task"); err != nil {
			t.Skip("needs /proc to find the worker process")
		}
		dir := t.TempDir()
		target := filepath.Join(dir, "figure.svg")
		p := start(t, bin, "render", "actor-claim", "--layout", "neato", "-o", target, data)
		var worker int
		if !p.waitFor(func() bool { worker = childOf(p.cmd.Process.Pid); return worker != 0 }, 60*time.Second) {
			t.Fatalf("render never started its Graphviz worker: %s", p.stderr.String())
		}
		time.Sleep(300 * time.Millisecond) // into the layout
		p.cmd.Process.Signal(syscall.SIGINT)
		signalled := time.Now()
		code := p.wait(t, 30*time.Second)
		if took := time.Since(signalled); took > 2*time.Second {
			t.Errorf("render took %v to stop after SIGINT", took)
		}
		if code != 130 || p.stderr.String() != "claimnet: interrupted\n" {
			t.Errorf("render after SIGINT: exit %d, stderr %q; want 130 and \"claimnet: interrupted\"", code, p.stderr.String())
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("left behind after SIGINT: %v", entries)
		}
		if alive(worker) {
			stat, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", worker))
			cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", worker))
			time.Sleep(200 * time.Millisecond)
			t.Errorf("the Graphviz worker %d still runs after render stopped: %s %q (alive 200 ms later: %v)", worker, stat, cmdline, alive(worker))
		}
	})

	// SIGTERM while gen writes: exit 143 and no directory, temporary or
	// not.
	t.Run("sigterm-gen", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "gen")
		p := start(t, bin, "gen", "--statements", "100000", "--sources", "400", "-o", target)
		if !p.waitFor(func() bool { return hasTemp(t, dir) }, 60*time.Second) {
			t.Fatalf("gen never started writing: %s", p.stderr.String())
		}
		p.cmd.Process.Signal(syscall.SIGTERM)
		code := p.wait(t, 30*time.Second)
		if code != 143 || p.stderr.String() != "claimnet: terminated\n" {
			t.Errorf("gen after SIGTERM: exit %d, stderr %q; want 143 and \"claimnet: terminated\"", code, p.stderr.String())
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("left behind after SIGTERM: %v", entries)
		}
	})
}

// proc is a started command.
type proc struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	done   chan error // receives Wait's result
}

func start(t *testing.T, bin string, args ...string) *proc {
	t.Helper()
	return startCmd(t, exec.Command(bin, args...))
}

func startCmd(t *testing.T, cmd *exec.Cmd) *proc {
	t.Helper()
	p := &proc{cmd: cmd, done: make(chan error, 1)}
	cmd.Stderr = &p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })
	return p
}

// hasTemp reports whether dir holds a temporary file or directory of the
// atomic writers (.NAME.tmpNNN).
func hasTemp(t *testing.T, dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			return true
		}
	}
	return false
}

// waitFor polls cond every 2 ms until it holds; false if the process
// ended first or the time is up.
func (p *proc) waitFor(cond func() bool, limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		select {
		case err := <-p.done:
			p.done <- err
			return false
		default:
		}
		time.Sleep(2 * time.Millisecond)
	}
	return false
}

// wait waits for the process and returns its exit status, killing it
// after limit.
func (p *proc) wait(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case err := <-p.done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				t.Errorf("killed by %v instead of exiting", ws.Signal())
			}
			return exit.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(limit):
		p.cmd.Process.Kill()
		t.Fatalf("still running %s after the signal", limit)
		return -1
	}
}

// TestNotifySignals: SIGINT and SIGTERM (not only os.Interrupt) cancel
// with the signal as the cause, whose exit status is 128+N.
func TestNotifySignals(t *testing.T) {
	for _, tc := range []struct {
		sig    syscall.Signal
		status int
		msg    string
	}{{syscall.SIGINT, 130, "interrupted"}, {syscall.SIGTERM, 143, "terminated"}} {
		ctx, cancel := context.WithCancelCause(context.Background())
		stop := notifySignals(cancel)
		if err := syscall.Kill(os.Getpid(), tc.sig); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Second):
			t.Fatalf("%v did not cancel the context", tc.sig)
		}
		stop()
		var sig signalError
		if !errors.As(context.Cause(ctx), &sig) || sig.status() != tc.status || sig.Error() != tc.msg {
			t.Errorf("%v: cause %v, want %q and status %d", tc.sig, context.Cause(ctx), tc.msg, tc.status)
		}
	}
}

// childOf returns the pid of a child process of pid, or 0 when it has
// none (Linux's /proc/PID/task/TID/children).
func childOf(pid int) int {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	for _, f := range tasks {
		b, _ := os.ReadFile(f)
		if fields := strings.Fields(string(b)); len(fields) > 0 {
			child, _ := strconv.Atoi(fields[0])
			return child
		}
	}
	return 0
}

// alive reports whether process pid runs (and is not a zombie).
func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// The state follows the command name in parentheses.
	_, rest, _ := strings.Cut(string(b), ") ")
	return !strings.HasPrefix(rest, "Z")
}

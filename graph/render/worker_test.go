package render

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
)

// workerEnv makes the test binary a Graphviz worker (see TestMain).
const workerEnv = "CLAIMNET_RENDER_TEST_WORKER"

// TestMain serves Graphviz when the test binary is started as a worker by
// workerRenderer, as claimnet serves it when it re-executes itself.
func TestMain(m *testing.M) {
	switch os.Getenv(workerEnv) {
	case "serve":
		if err := ServeGraphviz(context.Background(), os.Stdin, os.Stdout); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	case "crash":
		os.Stderr.WriteString("worker crashed on purpose\n")
		os.Exit(3)
	}
	os.Exit(m.Run())
}

// workerCommand returns a command that starts this test binary as a
// worker in mode (see TestMain).
func workerCommand(t testing.TB, mode string) func() *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return func() *exec.Cmd {
		c := exec.Command(exe)
		c.Env = append(os.Environ(), workerEnv+"="+mode)
		return c
	}
}

func workerRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := NewWorkerRenderer(context.Background(), workerCommand(t, "serve"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// slowFigure is a figure whose neato layout takes seconds.
func slowFigure(t testing.TB) *Figure {
	t.Helper()
	d, err := gen.Generate(gen.Config{Actors: 300, Claims: 600, Statements: 3000, Sources: 60, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	m, an := analysed(t, d, graph.Window{})
	f, err := Build(context.Background(), m, an, Options{Layout: LayoutNeato})
	if err != nil {
		t.Fatal(err)
	}
	if f.Nodes < 600 {
		t.Fatalf("the figure has %d nodes; the test needs a slow layout", f.Nodes)
	}
	return f
}

// TestWorkerMatchesInProcess draws every view in a worker and in-process:
// the bytes must be the same. PDF and PNG are drawn in the parent from the
// SVG compared here, so they follow.
func TestWorkerMatchesInProcess(t *testing.T) {
	m, an := analysed(t, smallDataset(t), graph.Window{})
	w, in := workerRenderer(t), renderer(t)
	for _, o := range []Options{
		{},
		{View: ViewActors},
		{View: ViewArguments},
		{View: ViewEgo, Node: "north-gov"},
		{Layout: LayoutSfdp, Theme: ThemePrint},
	} {
		for _, format := range []string{FormatSVG, FormatPositioned} {
			f, err := Build(context.Background(), m, an, o)
			if err != nil {
				t.Fatal(err)
			}
			var a, b bytes.Buffer
			if err := w.Render(context.Background(), f, format, &a); err != nil {
				t.Fatalf("%s %s in a worker: %v", o.View, format, err)
			}
			if err := in.Render(context.Background(), f, format, &b); err != nil {
				t.Fatal(err)
			}
			if a.Len() == 0 || !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s %s (%s): the worker drew %d bytes, in-process %d, not the same", o.View, format, o.Layout, a.Len(), b.Len())
			}
		}
	}
}

// TestWorkerCancel cancels a layout of seconds 300 ms after it starts,
// after a garbage collection started in the parent: Render must return
// context.Canceled promptly. An in-process layout cannot be preempted, so
// there the collection, and the cancellation with it, would wait for the
// layout to end. The Renderer then draws again, in a new worker.
func TestWorkerCancel(t *testing.T) {
	big := slowFigure(t)
	r := workerRenderer(t)
	ctx, cancel := context.WithCancel(context.Background())
	gc := make(chan time.Duration, 1)
	time.AfterFunc(200*time.Millisecond, func() {
		start := time.Now()
		runtime.GC()
		gc <- time.Since(start)
	})
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	err := r.Render(ctx, big, FormatSVG, io.Discard)
	took := time.Since(start)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Render = %v, want context.Canceled", err)
	}
	// Bounds against hanging, not speed targets: the layout takes seconds.
	if took > 1500*time.Millisecond {
		t.Errorf("Render returned %v after it started, %v after the cancel", took, took-300*time.Millisecond)
	}
	if d := <-gc; d > time.Second {
		t.Errorf("a garbage collection during the layout took %v", d)
	}
	m, an := analysed(t, smallDataset(t), graph.Window{})
	small, err := Build(context.Background(), m, an, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := r.Render(context.Background(), small, FormatSVG, &a); err != nil {
		t.Fatalf("Render after a cancel: %v", err)
	}
	if err := renderer(t).Render(context.Background(), small, FormatSVG, &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the figure drawn after a cancel differs from the in-process one")
	}

	// Close kills a running layout and does not wait for it.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- r.Render(ctx, big, FormatSVG, io.Discard) }()
	time.Sleep(100 * time.Millisecond)
	start = time.Now()
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err == nil {
			t.Error("Render while closing succeeded")
		}
	case <-time.After(1500 * time.Millisecond):
		t.Fatal("Render went on after Close")
	}
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Errorf("Close took %v", d)
	}
	if err := r.Render(context.Background(), small, FormatSVG, io.Discard); err == nil {
		t.Error("Render after Close succeeded")
	}
}

// TestWorkerErrors: Graphviz's errors come back and the worker goes on; a
// worker that dies is reported with what it said, and restarted.
func TestWorkerErrors(t *testing.T) {
	ctx := context.Background()
	r := workerRenderer(t)
	if _, err := r.run(ctx, []byte("graph { a -- "), "dot", "svg"); err == nil {
		t.Error("a syntax error was not reported")
	}
	out, err := r.run(ctx, []byte("graph { a -- b }"), "dot", "svg")
	if err != nil || !bytes.Contains(out, []byte("<svg")) {
		t.Errorf("after an error the worker drew %q, %v", out, err)
	}

	// Starting succeeds (the process starts); the calls fail.
	crash, err := NewWorkerRenderer(ctx, workerCommand(t, "crash"))
	if err != nil {
		t.Fatal(err)
	}
	defer crash.Close()
	for range 2 {
		_, err := crash.run(ctx, []byte("graph { a -- b }"), "dot", "svg")
		if err == nil || !strings.Contains(err.Error(), "worker crashed on purpose") {
			t.Errorf("a crashed worker reported %v", err)
		}
	}

	missing := func() *exec.Cmd { return exec.Command("/nonexistent/claimnet-worker") }
	if _, err := NewWorkerRenderer(ctx, missing); err == nil {
		t.Error("a worker that cannot start was not reported")
	}
}

// TestServeGraphviz: the worker's side of the protocol, on requests
// written here.
func TestServeGraphviz(t *testing.T) {
	tests := []struct {
		name, in string
		replies  []string // the status of each reply
		wantErr  string
	}{
		{"none", "", nil, ""},
		{"two", "dot svg 16\ngraph { a -- b }dot plain 12\ngraph { a } ", []string{"ok", "ok"}, ""},
		{"graphviz error", "dot svg 6\ngraph{dot svg 9\ngraph{a}\n", []string{"error", "ok"}, ""},
		{"bad header", "dot svg\ngraph{}", nil, "malformed header"},
		{"bad length", "dot svg -4\n", nil, "malformed length"},
		{"huge length", "dot svg 99999999999\n", nil, "malformed length"},
		{"cut short", "dot svg 100\ngraph {", nil, "unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := ServeGraphviz(context.Background(), strings.NewReader(tt.in), &out)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("ServeGraphviz = %v, want %q", err, tt.wantErr)
			}
			rd := bufio.NewReader(&out)
			var got []string
			for {
				fields, body, err := readMessage(rd, 2)
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if fields[0] == "ok" && len(body) == 0 {
					t.Error("an ok reply with no output")
				}
				got = append(got, fields[0])
			}
			if strings.Join(got, " ") != strings.Join(tt.replies, " ") {
				t.Errorf("replies %v, want %v", got, tt.replies)
			}
		})
	}
}

// BenchmarkWorker compares drawing the standard actor-claim figure (the
// 40 most central nodes) as SVG in a worker process and in-process, and
// measures what starting a worker costs (start, one small figure, close):
// the price of a figure command's responsiveness to Ctrl-C.
func BenchmarkWorker(b *testing.B) {
	ctx := context.Background()
	m, an := builtIn(b)
	f, err := Build(ctx, m, an, Options{Top: 40})
	if err != nil {
		b.Fatal(err)
	}
	small, err := Build(ctx, m, an, Options{View: ViewEgo, Node: "sirajuddin-haqqani", Depth: 1})
	if err != nil {
		b.Fatal(err)
	}
	in, err := NewRenderer(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	for _, bc := range []struct {
		name string
		r    *Renderer
	}{{"in-process", in}, {"worker", workerRenderer(b)}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if err := bc.r.Render(ctx, f, FormatSVG, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("start", func(b *testing.B) {
		for b.Loop() {
			r, err := NewWorkerRenderer(ctx, workerCommand(b, "serve"))
			if err != nil {
				b.Fatal(err)
			}
			if err := r.Render(ctx, small, FormatSVG, io.Discard); err != nil {
				b.Fatal(err)
			}
			r.Close()
		}
	})
}

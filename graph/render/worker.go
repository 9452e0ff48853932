package render

// A worker Renderer runs Graphviz in a child process. Graphviz runs as
// WebAssembly compiled to machine code, which the Go runtime cannot
// preempt: while a layout runs, a garbage collection that must stop the
// world waits for it to end, and so does every goroutine of the process,
// the one that would notice a cancelled context included. A layout in a
// child process stops no goroutine of the parent, and cancelling it kills
// the child, so the layout stops using the core too.
//
// The protocol is line-framed: a request is the line "ENGINE FORMAT N"
// followed by N bytes of DOT; a reply is "ok N" followed by N bytes of
// output, or "error N" followed by N bytes of Graphviz's error message
// (the worker goes on serving). Anything else ends the worker.

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"
)

// maxWorkerMessage bounds the length a request or reply may announce, so
// that a corrupt header cannot make either side allocate without bound.
const maxWorkerMessage = 1 << 30

// worker is the parent's side of a Graphviz worker process.
type worker struct {
	command func() *exec.Cmd
	// turn is held by the one request in flight.
	turn chan struct{}

	mu     sync.Mutex // guards the fields below
	proc   *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	stderr *tailWriter
	closed bool
	// served counts the calls the running child has answered.
	served int
}

// NewWorkerRenderer starts a Renderer whose Graphviz runs in a child
// process: command returns the command to start, which must call
// ServeGraphviz on its standard input and output (claimnet re-executes
// itself with an environment variable that tells it so). A Renderer may
// start the command more than once: a call whose context is done kills
// the child at once, and the next call starts another. Each child is a
// Graphviz of its own, so worker Renderers lay out figures in parallel.
//
// Prefer it to NewRenderer in programs that must stay responsive while a
// figure is laid out (see Renderer).
func NewWorkerRenderer(ctx context.Context, command func() *exec.Cmd) (*Renderer, error) {
	w := &worker{command: command, turn: make(chan struct{}, 1)}
	w.turn <- struct{}{}
	defer func() { <-w.turn }()
	if err := w.start(); err != nil {
		return nil, fmt.Errorf("render: start graphviz: %w", err)
	}
	return &Renderer{worker: w}, nil
}

// start starts the child. The caller holds the turn.
func (w *worker) start() error {
	c := w.command()
	in, err := c.StdinPipe()
	if err != nil {
		return err
	}
	out, err := c.StdoutPipe()
	if err != nil {
		return err
	}
	stderr := &tailWriter{max: 4 << 10}
	c.Stderr = stderr
	setParentDeathSignal(c)
	if err := c.Start(); err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		_ = c.Process.Kill()
		_ = c.Wait()
		return errClosed
	}
	w.proc, w.in, w.out, w.stderr = c, in, bufio.NewReader(out), stderr
	return nil
}

// stop kills the child, if one runs, and waits for it.
func (w *worker) stop() {
	w.mu.Lock()
	c := w.proc
	w.proc, w.in, w.out, w.served = nil, nil, nil, 0
	w.mu.Unlock()
	if c != nil {
		_ = c.Process.Kill()
		_ = c.Wait()
	}
}

// close stops the child for good.
func (w *worker) close() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	w.stop()
}

// run sends one request to the child and returns its reply. When ctx is
// done first, the child is killed and run returns ctx.Err().
func (w *worker) run(ctx context.Context, src []byte, engine graphviz.Layout, format graphviz.Format) ([]byte, error) {
	select {
	case w.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-w.turn }()
	w.mu.Lock()
	closed, running, used := w.closed, w.proc != nil, w.served > 0
	w.mu.Unlock()
	if closed {
		return nil, errClosed
	}
	if running && used && engine == graphviz.FDP {
		// fdp lays a graph out by the memory addresses of its nodes,
		// which depend on every call the instance served before (see
		// Renderer): a fresh child lays it out as a new process does.
		w.stop()
		running = false
	}
	if !running {
		if err := w.start(); err != nil {
			return nil, fmt.Errorf("start graphviz: %w", err)
		}
	}
	w.mu.Lock()
	in, out, stderr := w.in, w.out, w.stderr
	w.mu.Unlock()
	if in == nil {
		return nil, errClosed // closed while starting
	}
	type result struct {
		out []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := exchange(in, out, src, engine, format)
		done <- result{res, err}
	}()
	select {
	case res := <-done:
		w.mu.Lock()
		w.served++
		w.mu.Unlock()
		var gerr graphvizError
		if res.err != nil && !errors.As(res.err, &gerr) {
			// The child is gone or out of step: start afresh next time.
			w.stop()
			if w.isClosed() {
				return nil, errClosed
			}
			if tail := strings.TrimSpace(stderr.String()); tail != "" {
				return nil, fmt.Errorf("graphviz process failed: %w: %s", res.err, tail)
			}
			return nil, fmt.Errorf("graphviz process failed: %w", res.err)
		}
		return res.out, res.err
	case <-ctx.Done():
		w.stop() // ends exchange too: its pipes close
		<-done
		return nil, ctx.Err()
	}
}

func (w *worker) isClosed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.closed
}

// graphvizError is an error Graphviz reported for one request; the
// worker that reported it goes on serving.
type graphvizError struct{ msg string }

func (e graphvizError) Error() string { return e.msg }

// exchange writes one request and reads its reply.
func exchange(in io.Writer, out *bufio.Reader, src []byte, engine graphviz.Layout, format graphviz.Format) ([]byte, error) {
	if _, err := fmt.Fprintf(in, "%s %s %d\n", engine, format, len(src)); err != nil {
		return nil, err
	}
	if _, err := in.Write(src); err != nil {
		return nil, err
	}
	fields, body, err := readMessage(out, 2)
	if err != nil {
		return nil, err
	}
	switch fields[0] {
	case "ok":
		return body, nil
	case "error":
		return nil, graphvizError{string(body)}
	}
	return nil, fmt.Errorf("unexpected reply %q", fields[0])
}

// readMessage reads a header line of n space-separated fields, the last
// of which is the length of the body that follows, and the body. It
// returns io.EOF when r ends before the header starts.
func readMessage(r *bufio.Reader, n int) ([]string, []byte, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		if err == io.EOF && line == "" {
			return nil, nil, io.EOF
		}
		return nil, nil, fmt.Errorf("read header: %w", noEOF(err))
	}
	fields := strings.Fields(line)
	if len(fields) != n {
		return nil, nil, fmt.Errorf("malformed header %q", strings.TrimSpace(line))
	}
	size, err := strconv.Atoi(fields[n-1])
	if err != nil || size < 0 || size > maxWorkerMessage {
		return nil, nil, fmt.Errorf("malformed length in header %q", strings.TrimSpace(line))
	}
	body := make([]byte, size)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, nil, fmt.Errorf("read body: %w", noEOF(err))
	}
	return fields, body, nil
}

// noEOF turns an end of input in the middle of a message into
// io.ErrUnexpectedEOF.
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// ServeGraphviz is the body of a Graphviz worker process (see
// NewWorkerRenderer): it reads layout requests from r, runs them with
// Graphviz and writes the results to w, until r ends (it then returns
// nil) or a request is malformed.
func ServeGraphviz(ctx context.Context, r io.Reader, w io.Writer) error {
	gv, err := graphviz.New(ctx)
	if err != nil {
		return fmt.Errorf("graphviz worker: start graphviz: %w", err)
	}
	defer gv.Close()
	in, out := bufio.NewReader(r), bufio.NewWriter(w)
	for {
		fields, src, err := readMessage(in, 3)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("graphviz worker: request: %w", err)
		}
		res, err := runGraphviz(ctx, gv, src, graphviz.Layout(fields[0]), graphviz.Format(fields[1]))
		status := "ok"
		if err != nil {
			status, res = "error", []byte(err.Error())
		}
		fmt.Fprintf(out, "%s %d\n", status, len(res))
		out.Write(res)
		if err := out.Flush(); err != nil {
			return fmt.Errorf("graphviz worker: reply: %w", err)
		}
	}
}

// tailWriter keeps the last max bytes written to it: the end of a
// child's standard error, which says why it failed.
type tailWriter struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tailWriter) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = bytes.Clone(t.buf[over:])
	}
	return len(p), nil
}

func (t *tailWriter) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

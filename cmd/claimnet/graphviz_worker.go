package main

// claimnet lays out figures with Graphviz in a child process: it
// re-executes itself with graphvizWorkerEnv set, and the child serves
// Graphviz calls on its standard input and output (render.ServeGraphviz).
// In-process, the Go runtime cannot preempt Graphviz's WebAssembly, so a
// garbage collection during a layout would stop claimnet, its Ctrl-C
// handling included, until the layout ended; a child is killed at once.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/claimnet/claimnet/graph/render"
)

// graphvizWorkerEnv marks the worker process.
const graphvizWorkerEnv = "CLAIMNET_GRAPHVIZ_WORKER"

func inGraphvizWorker() bool { return os.Getenv(graphvizWorkerEnv) != "" }

// serveGraphviz is the whole of a worker process; it returns the exit
// status. The worker leaves signals to its parent, which kills it when
// it is no longer wanted: a Ctrl-C at the terminal, which reaches both,
// then always ends in the parent's message and exit status.
func serveGraphviz() int {
	signal.Ignore(syscall.SIGINT, syscall.SIGTERM)
	if err := render.ServeGraphviz(context.Background(), os.Stdin, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "claimnet: %v\n", err)
		return 1
	}
	return 0
}

// newRenderer starts Graphviz for a command of a (see rendererWith): the
// renderer is closed when the command ends, if it was not before, and
// none is started after.
func (a *app) newRenderer(ctx context.Context) (*render.Renderer, error) {
	a.mu.Lock()
	if a.finished {
		a.mu.Unlock()
		return nil, context.Canceled
	}
	a.starting.Add(1)
	a.mu.Unlock()
	defer a.starting.Done()
	exe, err := os.Executable()
	if err != nil {
		exe = "" // in-process
	}
	r, err := rendererWith(ctx, exe)
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.finished {
		// The command ended while the worker started (a writer still
		// unwinding after a signal): closeRenderers waits for this.
		r.Close()
		return nil, context.Canceled
	}
	a.renderers = append(a.renderers, r)
	return r, nil
}

// closeRenderers closes the renderers of a's command, killing their
// worker processes, those still starting included, before it returns:
// a command cancelled by a signal returns while its writer may still be
// unwinding (see atomicfile.Stream), and no worker may outlive claimnet.
func (a *app) closeRenderers() {
	a.mu.Lock()
	rs := a.renderers
	a.renderers, a.finished = nil, true
	a.mu.Unlock()
	a.starting.Wait()
	for _, r := range rs {
		r.Close()
	}
}

// rendererWith starts Graphviz in a worker process, executable exe run
// again, or in-process when exe is "" or cannot be started (removed or
// replaced while claimnet ran, say): the figure is the same either way.
func rendererWith(ctx context.Context, exe string) (*render.Renderer, error) {
	if exe == "" {
		return render.NewRenderer(ctx)
	}
	r, err := render.NewWorkerRenderer(ctx, func() *exec.Cmd {
		c := exec.Command(exe)
		c.Env = append(os.Environ(), graphvizWorkerEnv+"=1")
		return c
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return render.NewRenderer(ctx)
	}
	return r, nil
}

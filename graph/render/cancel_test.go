package render

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime/debug"
	"testing"
	"time"

	"github.com/claimnet/claimnet/graph"
)

// TestRenderCancel cancels an in-process layout that takes seconds
// (neato on about 800 nodes) 100 ms after it starts: Render must return
// context.Canceled promptly, Close must not wait for the abandoned
// layout, and Graphviz must work again afterwards. Before Render watched
// the context it returned only when the layout was done, seconds later.
//
// A garbage collection that starts while an in-process layout runs stops
// every goroutine until the layout ends (see Renderer; a CI run failed so,
// and TestWorkerCancel shows a worker has no such stall), so this test of
// the abandonment turns the collector off while it runs.
func TestRenderCancel(t *testing.T) {
	big := slowFigure(t)
	m, an := analysed(t, smallDataset(t), graph.Window{})
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	shared := renderer(t) // started before the turn is taken below
	r, err := NewRenderer(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	err = r.Render(ctx, big, FormatSVG, io.Discard)
	took := time.Since(start)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Render = %v, want context.Canceled", err)
	}
	// A bound against hanging, not a speed target: the whole layout takes
	// 2 to 4 s on this 2-core machine.
	if took > 1500*time.Millisecond {
		t.Errorf("Render returned %v after it started, %v after the cancel", took, took-100*time.Millisecond)
	}
	start = time.Now()
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("Close waited %v for the abandoned layout", took)
	}
	if err := r.Render(context.Background(), big, FormatSVG, io.Discard); err == nil {
		t.Error("Render after Close succeeded")
	}

	// Waiting for the turn watches the context too.
	waitCtx, cancelWait := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancelWait()
	small, err := Build(context.Background(), m, an, Options{Top: 5})
	if err != nil {
		t.Fatal(err)
	}
	if err := shared.Render(waitCtx, small, FormatSVG, io.Discard); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Render while the abandoned layout runs = %v, want context.DeadlineExceeded", err)
	}

	// Once the abandoned layout ends, Graphviz works as before.
	var a, b bytes.Buffer
	if err := shared.Render(context.Background(), small, FormatSVG, &a); err != nil {
		t.Fatal(err)
	}
	if err := shared.Render(context.Background(), small, FormatSVG, &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) || a.Len() == 0 {
		t.Error("renders after the abandoned layout differ or are empty")
	}
}

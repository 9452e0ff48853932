package render

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
)

// TestRenderCancel cancels a layout that takes seconds (neato on about
// 800 nodes; on a faster machine the layout of 400 ended before the test
// waited for it) 100 ms after it starts: Render must return
// context.Canceled promptly, Close must not wait for the abandoned
// layout, and Graphviz must work again afterwards. Before Render watched
// the context it returned only when the layout was done, seconds later.
func TestRenderCancel(t *testing.T) {
	d, err := gen.Generate(gen.Config{Actors: 300, Claims: 600, Statements: 3000, Sources: 60, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	m, an := analysed(t, d, graph.Window{})
	big, err := Build(context.Background(), m, an, Options{Layout: LayoutNeato})
	if err != nil {
		t.Fatal(err)
	}
	if big.Nodes < 600 {
		t.Fatalf("the figure has %d nodes; the test needs a slow layout", big.Nodes)
	}
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

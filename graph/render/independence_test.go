package render

import (
	"bytes"
	"context"
	"io"
	"testing"
)

// TestLayoutIndependentOfEarlierCalls lays out a figure, draws another
// with the same engine and lays out the first again: Graphviz runs in one
// instance per process, and what an earlier call leaves behind must not
// move the figure. In-process, fdp's layouts do depend on it; a worker
// lays each fdp layout out in a fresh child, so there fdp is checked too.
func TestLayoutIndependentOfEarlierCalls(t *testing.T) {
	ctx := context.Background()
	m, an := builtIn(t)
	for _, rc := range []struct {
		name string
		r    *Renderer
	}{{"in-process", renderer(t)}, {"worker", workerRenderer(t)}} {
		for _, layout := range []string{LayoutNeato, LayoutDot, LayoutCirco, LayoutSfdp, LayoutFdp} {
			t.Run(rc.name+"/"+layout, func(t *testing.T) {
				if layout == LayoutFdp && rc.name == "in-process" {
					t.Skip("fdp's layout depends on where Graphviz's memory allocator puts its nodes (see Renderer)")
				}
				build := func(node string) *Figure {
					t.Helper()
					f, err := Build(ctx, m, an, Options{View: ViewEgo, Node: node, Depth: 2, Layout: layout})
					if err != nil {
						t.Fatal(err)
					}
					return f
				}
				first, err := rc.r.Positioned(ctx, build("khawaja-asif"))
				if err != nil {
					t.Fatal(err)
				}
				if err := rc.r.Render(ctx, build("pakistan-government"), FormatSVG, io.Discard); err != nil {
					t.Fatal(err)
				}
				again, err := rc.r.Positioned(ctx, build("khawaja-asif"))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(first, again) {
					t.Errorf("the same figure laid out again after another came out different")
				}
			})
		}
	}
}

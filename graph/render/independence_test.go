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
// move the figure.
func TestLayoutIndependentOfEarlierCalls(t *testing.T) {
	ctx := context.Background()
	m, an := builtIn(t)
	r := renderer(t)
	for _, tc := range []struct {
		layout string
		skip   string
	}{
		{layout: LayoutNeato},
		{layout: LayoutDot},
		{layout: LayoutCirco},
		{layout: LayoutSfdp},
		{layout: LayoutFdp, skip: "fdp's layout depends on where Graphviz's memory allocator puts its nodes (see Renderer)"},
	} {
		t.Run(tc.layout, func(t *testing.T) {
			if tc.skip != "" {
				t.Skip(tc.skip)
			}
			build := func(node string) *Figure {
				t.Helper()
				f, err := Build(ctx, m, an, Options{View: ViewEgo, Node: node, Depth: 2, Layout: tc.layout})
				if err != nil {
					t.Fatal(err)
				}
				return f
			}
			first, err := r.Positioned(ctx, build("khawaja-asif"))
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Render(ctx, build("pakistan-government"), FormatSVG, io.Discard); err != nil {
				t.Fatal(err)
			}
			again, err := r.Positioned(ctx, build("khawaja-asif"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, again) {
				t.Errorf("the same figure laid out again after another came out different")
			}
		})
	}
}

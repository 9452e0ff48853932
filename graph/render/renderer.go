package render

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/goccy/go-graphviz"
)

// Output formats, the values Render takes.
const (
	// FormatSVG is the figure as SVG, drawn by Graphviz.
	FormatSVG = "svg"
	// FormatPNG is the SVG figure rasterised by claimnet at 2× scale
	// (144 dpi) with the Go fonts.
	FormatPNG = "png"
	// FormatDOT is the figure's graph as claimnet hands it to the layout
	// engine (Figure.DOT): any Graphviz lays it out the same way.
	FormatDOT = "dot"
	// FormatPositioned is the laid-out figure, legend, title and caption
	// included, as DOT with every position fixed: Graphviz's
	// "neato -n2 -Tpdf" turns it into the same figure in any format the
	// local Graphviz writes, PDF included.
	FormatPositioned = "positioned"
)

// Formats lists the output formats.
var Formats = []string{FormatSVG, FormatPNG, FormatDOT, FormatPositioned}

// Renderer lays out and draws figures with Graphviz, compiled to
// WebAssembly and run in-process by go-graphviz: no Graphviz binary is
// needed. Graphviz is not safe for concurrent use, and go-graphviz runs
// one WebAssembly instance per process, so a Renderer serialises its
// calls; use one Renderer per process. A layout cannot be interrupted
// once it has started: the context is checked before and between the
// Graphviz calls.
type Renderer struct {
	mu sync.Mutex
	gv *graphviz.Graphviz
	// graphviz is the time spent inside Graphviz (parsing, layout and
	// drawing), for the benchmarks that split it from claimnet's own work.
	graphviz time.Duration
}

// NewRenderer starts Graphviz. The first start in a process compiles the
// WebAssembly module (about half a second; go-graphviz caches the
// compiled code under the temporary directory, which changes only how
// long starting takes, never the output).
func NewRenderer(ctx context.Context) (*Renderer, error) {
	gv, err := graphviz.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("render: start graphviz: %w", err)
	}
	return &Renderer{gv: gv}, nil
}

// Close releases Graphviz's context.
func (r *Renderer) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.gv == nil {
		return nil
	}
	err := r.gv.Close()
	r.gv = nil
	if err != nil {
		return fmt.Errorf("render: close graphviz: %w", err)
	}
	return nil
}

// Render writes f to w in format (one of Formats).
func (r *Renderer) Render(ctx context.Context, f *Figure, format string, w io.Writer) error {
	if !slices.Contains(Formats, format) {
		return fmt.Errorf("render: format %q: want one of %v", format, Formats)
	}
	if format == FormatDOT {
		if _, err := w.Write(f.DOT()); err != nil {
			return fmt.Errorf("render: %w", err)
		}
		return nil
	}
	pos, err := r.Positioned(ctx, f)
	if err != nil {
		return err
	}
	if format == FormatPositioned {
		if _, err := w.Write(pos); err != nil {
			return fmt.Errorf("render: %w", err)
		}
		return nil
	}
	svg, err := r.run(ctx, pos, graphviz.NOP2, graphviz.SVG)
	if err != nil {
		return fmt.Errorf("render: draw: %w", err)
	}
	if format == FormatPNG {
		if err := rasterize(ctx, svg, 2, w); err != nil {
			return fmt.Errorf("render: png: %w", err)
		}
		return nil
	}
	if _, err := w.Write(svg); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return nil
}

// Positioned lays out f with its layout engine and returns the DOT text of
// the finished figure: the graph with the positions Graphviz chose, and
// the legend, title and caption placed around it at fixed positions.
//
// The force layouts (neato, fdp, sfdp) run in two passes: Graphviz places
// the nodes without removing overlaps, claimnet moves overlapping nodes
// apart (removeOverlaps), and Graphviz routes the edges between the nodes
// at their final positions (neato -n2).
func (r *Renderer) Positioned(ctx context.Context, f *Figure) ([]byte, error) {
	var laid []byte
	var err error
	switch f.Layout {
	case LayoutNeato, LayoutFdp, LayoutSfdp:
		laid, err = r.forceLayout(ctx, f)
	default:
		laid, err = r.run(ctx, f.DOT(), graphviz.Layout(f.Layout), graphviz.XDOT)
	}
	if err != nil {
		return nil, fmt.Errorf("render: layout with %s: %w", f.Layout, err)
	}
	pos, err := compose(laid, f)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return pos, nil
}

// forceLayout places f's nodes with its force layout, removes overlaps,
// and routes the edges; it returns Graphviz's DOT output.
func (r *Renderer) forceLayout(ctx context.Context, f *Figure) ([]byte, error) {
	raw := f.g.with(f.View, attr{"overlap", "true"}, attr{"splines", "false"})
	plain, err := r.run(ctx, raw, graphviz.Layout(f.Layout), graphviz.Format("plain"))
	if err != nil {
		return nil, err
	}
	at, err := parsePlain(plain)
	if err != nil {
		return nil, err
	}
	boxes := make([]nodeBox, len(f.g.nodes))
	for i, n := range f.g.nodes {
		b, ok := at[n.id]
		if !ok {
			return nil, fmt.Errorf("layout output has no node %q", n.id)
		}
		boxes[i] = b
	}
	removeOverlaps(boxes)
	pinned := *f.g
	pinned.nodes = make([]dotNode, len(f.g.nodes))
	for i, n := range f.g.nodes {
		pinned.nodes[i] = dotNode{n.id, append(slices.Clone(n.attrs),
			attr{"pos", str(num(boxes[i].x) + "," + num(boxes[i].y) + "!")})}
	}
	src := pinned.with(f.View, attr{"layout", str("nop2")}, attr{"overlap", "true"})
	return r.run(ctx, src, graphviz.NOP2, graphviz.XDOT)
}

// run parses src, lays it out with engine and returns it in format.
func (r *Renderer) run(ctx context.Context, src []byte, engine graphviz.Layout, format graphviz.Format) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.gv == nil {
		return nil, fmt.Errorf("renderer is closed")
	}
	start := time.Now()
	defer func() { r.graphviz += time.Since(start) }()
	g, err := graphviz.ParseBytes(src)
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	defer g.Close()
	var buf bytes.Buffer
	r.gv.SetLayout(engine)
	if err := r.gv.Render(ctx, g, format, &buf); err != nil {
		return nil, err
	}
	if buf.Len() == 0 {
		return nil, fmt.Errorf("graphviz wrote nothing")
	}
	return buf.Bytes(), nil
}

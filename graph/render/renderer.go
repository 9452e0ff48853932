package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goccy/go-graphviz"
)

// Output formats, the values Render takes.
const (
	// FormatSVG is the figure as SVG, drawn by Graphviz.
	FormatSVG = "svg"
	// FormatPDF is the same drawing as FormatSVG, drawn by claimnet as a
	// one-page vector PDF with its fonts embedded.
	FormatPDF = "pdf"
	// FormatPNG is the same drawing rasterised by claimnet at Options.DPI
	// (default DefaultDPI) pixels per inch of the figure's size.
	FormatPNG = "png"
	// FormatDOT is the figure's graph as claimnet hands it to the layout
	// engine (Figure.DOT): any Graphviz lays it out the same way.
	FormatDOT = "dot"
	// FormatPositioned is the laid-out figure, legend, title and caption
	// included, as DOT with every position fixed: Graphviz's
	// "neato -n2" draws the same figure from it in any format.
	FormatPositioned = "positioned"
)

// Formats lists the output formats.
var Formats = []string{FormatSVG, FormatPDF, FormatPNG, FormatDOT, FormatPositioned}

// FormatOf returns the format a file name's extension asks for: .svg,
// .pdf, .png, .dot and .gv. ok is false for any other extension, and
// format is "" for a name without one.
func FormatOf(name string) (format string, ok bool) {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case "":
		return "", true
	case ".svg":
		return FormatSVG, true
	case ".pdf":
		return FormatPDF, true
	case ".png":
		return FormatPNG, true
	case ".dot", ".gv":
		return FormatDOT, true
	}
	return "", false
}

// Renderer lays out and draws figures with Graphviz, compiled to
// WebAssembly and run by go-graphviz: no Graphviz binary is needed. A
// Renderer may be shared by goroutines; its Graphviz calls are serialised.
//
// A Renderer made by NewRenderer runs Graphviz in-process. go-graphviz runs
// one WebAssembly instance per process, so every such Renderer of a
// process takes turns at it. Graphviz does not watch the context while it
// lays out a graph, so each call runs in a goroutine of its own, and a
// call whose context is done returns ctx.Err() at once, leaving the
// abandoned layout to finish in the background: its result is dropped,
// and until it ends the next in-process Graphviz call waits for its turn
// (that wait watches the context too). The machine code the WebAssembly
// is compiled to cannot be preempted by the Go runtime, though: a garbage
// collection that starts while a layout runs stops every goroutine of the
// process until the layout ends, and a cancellation then takes effect
// only when the layout is over.
//
// A Renderer made by NewWorkerRenderer runs Graphviz in a child process,
// which has none of these limits: the parent's goroutines go on while a
// layout runs, and a call whose context is done kills the layout with its
// process. claimnet's commands use one.
//
// neato, dot and sfdp lay a figure out the same way whatever Graphviz
// calls came before in the process (sfdp reads the C library's rand()
// before seeding it, so each sfdp layout is preceded by a fixed one that
// leaves rand() in one state). fdp does not: Graphviz orders the ends of
// the edges of the graph fdp lays out by the nodes' memory addresses,
// which depend on every allocation the instance made before, so the same
// figure laid out by fdp twice in a process may come out in other places
// the second time. A worker Renderer therefore lays out each fdp graph in
// a fresh child process, so its fdp figures do not depend on the calls
// before them; an in-process Renderer gives the same figures for the same
// calls in the same order only, and a program that draws several figures
// with fdp in-process gets each in the places the order of its calls
// gives.
type Renderer struct {
	// worker runs Graphviz for a Renderer made by NewWorkerRenderer.
	worker *worker

	mu sync.Mutex         // guards the fields below
	gv *graphviz.Graphviz // in-process Graphviz; nil once closed
	// graphviz is the time spent inside Graphviz (parsing, layout and
	// drawing), for the benchmarks that split it from claimnet's own work,
	// and calls the number of Graphviz runs.
	graphviz time.Duration
	calls    int
}

// graphvizTurn is held by the one Graphviz call running in the process.
// It is package-level because the WebAssembly instance it guards is:
// go-graphviz creates it when its package is initialised.
var graphvizTurn = make(chan struct{}, 1)

// takeTurn waits for the process's Graphviz instance, or for ctx to be done.
func takeTurn(ctx context.Context) error {
	select {
	case graphvizTurn <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func releaseTurn() { <-graphvizTurn }

// NewRenderer starts Graphviz. The first start in a process compiles the
// WebAssembly module (about half a second; go-graphviz caches the
// compiled code under the temporary directory, which changes only how
// long starting takes, never the output).
func NewRenderer(ctx context.Context) (*Renderer, error) {
	if err := takeTurn(ctx); err != nil {
		return nil, err
	}
	defer releaseTurn()
	gv, err := graphviz.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("render: start graphviz: %w", err)
	}
	return &Renderer{gv: gv}, nil
}

// Close releases Graphviz. A worker Renderer's process is killed. An
// in-process Renderer does not wait for a layout that was abandoned (see
// Renderer): when one is still running, its context is released in the
// background once it ends, and Close returns nil.
func (r *Renderer) Close() error {
	if r.worker != nil {
		r.worker.close()
		return nil
	}
	r.mu.Lock()
	gv := r.gv
	r.gv = nil
	r.mu.Unlock()
	if gv == nil {
		return nil
	}
	select {
	case graphvizTurn <- struct{}{}:
	default:
		go func() {
			graphvizTurn <- struct{}{}
			defer releaseTurn()
			_ = gv.Close()
		}()
		return nil
	}
	defer releaseTurn()
	if err := gv.Close(); err != nil {
		return fmt.Errorf("render: close graphviz: %w", err)
	}
	return nil
}

// Render writes f to w in format (one of Formats).
func (r *Renderer) Render(ctx context.Context, f *Figure, format string, w io.Writer) error {
	if !slices.Contains(Formats, format) {
		return fmt.Errorf("render: format %q: want one of %v", format, Formats)
	}
	if f.g == nil {
		return fmt.Errorf("render: the figure was not made by Build")
	}
	if format == FormatDOT {
		if _, err := w.Write(f.DOT()); err != nil {
			return fmt.Errorf("render: %w", err)
		}
		return nil
	}
	if format == FormatPositioned {
		pos, err := r.Positioned(ctx, f)
		if err != nil {
			return err
		}
		if _, err := w.Write(pos); err != nil {
			return fmt.Errorf("render: %w", err)
		}
		return nil
	}
	svg, d, scale, err := r.draw(ctx, f)
	if err != nil {
		return err
	}
	switch format {
	case FormatPNG:
		dpi := f.size.DPI
		if dpi == 0 {
			dpi = DefaultDPI
		}
		err = d.writePNG(ctx, scale, dpi, w)
	case FormatPDF:
		err = d.writePDF(ctx, scale, w)
	default:
		if scale != 1 {
			svg = resizeSVG(svg, d.w*scale, d.h*scale)
		}
		_, err = w.Write(svg)
	}
	if err != nil {
		return fmt.Errorf("render: %s: %w", format, err)
	}
	return nil
}

// draw lays out f and draws it as Graphviz's SVG, read back as a drawing,
// and returns the factor f's size asks it to be drawn at (a *FitError when
// its text would be too small at that size).
func (r *Renderer) draw(ctx context.Context, f *Figure) (svg []byte, d *drawing, scale float64, err error) {
	pos, err := r.Positioned(ctx, f)
	if err != nil {
		return nil, nil, 0, err
	}
	svg, err = r.run(ctx, pos, graphviz.NOP2, graphviz.SVG)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("render: draw: %w", err)
	}
	d, err = newDrawing(svg)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("render: %w", err)
	}
	scale, err = f.size.scale(d, f.Nodes)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("render %s: %w", f.View, err)
	}
	return svg, d, scale, nil
}

// Positioned lays out f with its layout engine and returns the DOT text of
// the finished figure: the graph with the positions Graphviz chose, and
// the legend, title and caption placed around it at fixed positions.
//
// The force layouts (neato, fdp, sfdp) place the nodes without removing
// overlaps; claimnet then moves overlapping nodes apart (removeOverlaps).
// Edges routed around the nodes are routed by Graphviz between the nodes
// at their final positions (neato -n2) before the legend is placed. Large
// figures, whose edges are straight lines (see maxRoutedNodes), skip that
// pass: their text has every node's position and no edge's, and the one
// Graphviz pass that draws the figure draws the edges too. Any Graphviz
// draws straight edges between fixed nodes alike.
func (r *Renderer) Positioned(ctx context.Context, f *Figure) ([]byte, error) {
	laid, bb, err := r.layOut(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("render: layout with %s: %w", f.Layout, err)
	}
	pos, err := compose(laid, bb, f)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return pos, nil
}

// layOut lays out f's graph, legend aside, as Positioned describes, and
// returns its DOT text with every node placed (and every edge, unless
// Graphviz draws them straight when it draws the figure) and its bounding
// box. It sets f.placed.
func (r *Renderer) layOut(ctx context.Context, f *Figure) ([]byte, box, error) {
	switch f.Layout {
	case LayoutNeato, LayoutFdp, LayoutSfdp:
		pl, err := r.place(ctx, f)
		if err != nil {
			return nil, box{}, err
		}
		if f.straight {
			f.placed = pl.positions(len(f.g.nodes))
			return pl.pinned().with(f.View, attr{"layout", str("nop2")}, attr{"overlap", "true"}), boundingBox(pl.boxes), nil
		}
		return r.route(ctx, f, pl)
	}
	laid, err := r.run(ctx, f.DOT(), graphviz.Layout(f.Layout), graphviz.XDOT)
	if err != nil {
		return nil, box{}, err
	}
	bb, err := layoutBB(laid)
	return laid, bb, err
}

// placement is a figure's graph with its nodes placed: the graph as drawn
// (see dotGraph.labelNodes: f's nodes, then a node for each edge label),
// the nodes' boxes, the label nodes, and which nodes were pinned at
// Options.Positions.
type placement struct {
	g      *dotGraph
	boxes  []nodeBox
	labels []edgeLabel
	fixed  []bool
}

// pinned returns p's graph with every node pinned at its box's centre.
func (p *placement) pinned() *dotGraph {
	pinned := *p.g
	pinned.nodes = make([]dotNode, len(p.g.nodes))
	for i, n := range p.g.nodes {
		pinned.nodes[i] = dotNode{n.id, setAttrs(n.attrs,
			attr{"pos", str(num(p.boxes[i].x) + "," + num(p.boxes[i].y) + "!")})}
	}
	return &pinned
}

// positions returns the centres of the first n nodes (the figure's own,
// labels aside), rounded to hundredths of a point.
func (p *placement) positions(n int) Positions {
	out := make(Positions, n)
	for i, nd := range p.g.nodes[:n] {
		out[nd.id] = Point{roundTo(p.boxes[i].x, 2), roundTo(p.boxes[i].y, 2)}
	}
	return out
}

// place places f's nodes with its force layout and removes overlaps, and
// places the edge labels on the straight lines between their edges' ends,
// or beside them when the edges are not routed (see placeLabels).
func (r *Renderer) place(ctx context.Context, f *Figure) (*placement, error) {
	// Edge labels become nodes of their own, tied to both ends of their
	// edge, so that the layout and the overlap removal keep them clear of
	// the nodes and of each other; Graphviz's external labels, placed
	// after the layout, pile up where several labelled edges meet.
	g, layout, labels := f.g.labelNodes()
	// Nodes with a given position are pinned there (neato reads pos in
	// inches); the others are placed around them. Pinned layouts are
	// neither translated nor packed, so that the given coordinates stay.
	given := layout
	fixed := make([]bool, len(g.nodes))
	over := []attr{{"overlap", "true"}, {"splines", "false"}}
	if len(f.given) > 0 {
		c := *layout
		c.nodes = make([]dotNode, len(layout.nodes))
		for i, n := range layout.nodes {
			c.nodes[i] = n
			if p, ok := f.given[n.id]; ok && i < len(f.g.nodes) {
				fixed[i] = true
				c.nodes[i].attrs = setAttrs(n.attrs, attr{"pos", str(num4(p.X/72) + "," + num4(p.Y/72) + "!")})
			}
		}
		if slices.Contains(fixed, true) {
			given = &c
			over = append(over, attr{"pack", "false"}, attr{"notranslate", "true"})
		}
	}
	raw := given.with(f.View, over...)
	plain, err := r.run(ctx, raw, graphviz.Layout(f.Layout), graphviz.Format("plain"))
	if err != nil {
		return nil, err
	}
	at, err := parsePlain(plain)
	if err != nil {
		return nil, err
	}
	boxes := make([]nodeBox, len(g.nodes))
	for i, n := range g.nodes {
		b, ok := at[n.id]
		if !ok {
			return nil, fmt.Errorf("layout output has no node %q", n.id)
		}
		if fixed[i] {
			// Exactly where it was, not as rounded by the plain output.
			b.x, b.y = f.given[n.id].X, f.given[n.id].Y
		}
		boxes[i] = b
	}
	if slices.Contains(fixed, true) {
		placeNew(layout, boxes, fixed)
	}
	removeOverlaps(boxes, fixed, f.aspect())
	// Edges too short to show their arrowheads are lengthened, and the
	// overlaps that makes removed, a few rounds at most.
	for range 3 {
		if !separateLinked(g, boxes, fixed, labels) {
			break
		}
		removeOverlaps(boxes, fixed, f.aspect())
	}
	// Edges routed around the nodes pass through their labels; straight
	// ones have them beside.
	placeLabels(g, boxes, labels, nil, !f.straight)
	pl := &placement{g: g, boxes: boxes, labels: labels, fixed: fixed}
	f.placed = pl.positions(len(f.g.nodes))
	return pl, nil
}

// placeNew puts each node without a given position at the mean of its
// neighbours that have one, or, for a node whose neighbours have none
// either, at the mean of those placed so in the round before (a new
// actor of new claims, a removed claim of a diff's removed actor); a
// node with no placed neighbour at all goes under the layout's lower
// right corner. Overlap removal then moves them to the nearest free
// room. Neato places such nodes by stress with the others pinned, which
// can leave them far from their neighbours.
func placeNew(g *dotGraph, boxes []nodeBox, fixed []bool) {
	index := make(map[string]int, len(g.nodes))
	for i, n := range g.nodes {
		index[n.id] = i
	}
	placed := slices.Clone(fixed)
	for {
		// Each round places the nodes next to those placed before it, so
		// the order of the nodes does not matter.
		sx, sy, cnt := make([]float64, len(boxes)), make([]float64, len(boxes)), make([]int, len(boxes))
		for _, e := range g.edges {
			a, okA := index[e.from]
			b, okB := index[e.to]
			if !okA || !okB {
				continue
			}
			if placed[a] && !placed[b] {
				sx[b], sy[b], cnt[b] = sx[b]+boxes[a].x, sy[b]+boxes[a].y, cnt[b]+1
			}
			if placed[b] && !placed[a] {
				sx[a], sy[a], cnt[a] = sx[a]+boxes[b].x, sy[a]+boxes[b].y, cnt[a]+1
			}
		}
		more := false
		for i := range boxes {
			if cnt[i] > 0 {
				// A little below the mean, so that a node between two
				// neighbours does not sit on the edge joining them.
				boxes[i].x, boxes[i].y = sx[i]/float64(cnt[i]), sy[i]/float64(cnt[i])-boxes[i].hh
				placed[i], more = true, true
			}
		}
		if !more {
			break
		}
	}
	var pinned []nodeBox
	for i, b := range boxes {
		if fixed[i] {
			pinned = append(pinned, b)
		}
	}
	bb := boundingBox(pinned)
	for i := range boxes {
		if !placed[i] {
			boxes[i].x, boxes[i].y = bb.x1+boxes[i].hw, bb.y0-boxes[i].hh
		}
	}
}

// num4 formats v with at most four decimals.
func num4(v float64) string { return strconv.FormatFloat(roundTo(v, 4), 'f', -1, 64) }

func roundTo(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

// boundingBox is the box around the nodes, as Graphviz's bb would be
// with straight edges between them.
func boundingBox(boxes []nodeBox) box {
	if len(boxes) == 0 {
		return box{}
	}
	bb := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, b := range boxes {
		bb.x0, bb.y0 = min(bb.x0, b.x-b.hw), min(bb.y0, b.y-b.hh)
		bb.x1, bb.y1 = max(bb.x1, b.x+b.hw), max(bb.y1, b.y+b.hh)
	}
	return bb
}

var errClosed = errors.New("renderer is closed")

func (r *Renderer) closed() bool {
	if r.worker != nil {
		return r.worker.isClosed()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.gv == nil
}

// run parses src, lays it out with engine and returns it in format. It
// returns ctx.Err() as soon as ctx is done, even while Graphviz is still
// working (see Renderer).
func (r *Renderer) run(ctx context.Context, src []byte, engine graphviz.Layout, format graphviz.Format) ([]byte, error) {
	if r.worker != nil {
		start := time.Now()
		out, err := r.worker.run(ctx, src, engine, format)
		r.count(time.Since(start))
		return out, err
	}
	if r.closed() {
		return nil, errClosed
	}
	if err := takeTurn(ctx); err != nil {
		return nil, err
	}
	r.mu.Lock()
	gv := r.gv
	r.mu.Unlock()
	if gv == nil {
		releaseTurn()
		return nil, errClosed
	}
	type result struct {
		out []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer releaseTurn()
		start := time.Now()
		// Graphviz's calls are made to the end, whatever happens to ctx,
		// so that its state stays consistent for the next call.
		out, err := runGraphviz(context.WithoutCancel(ctx), gv, src, engine, format)
		r.count(time.Since(start))
		done <- result{out, err}
	}()
	select {
	case res := <-done:
		return res.out, res.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// count records a Graphviz call that took d.
func (r *Renderer) count(d time.Duration) {
	r.mu.Lock()
	r.graphviz += d
	r.calls++
	r.mu.Unlock()
}

// runGraphviz is one parse, layout and render, made while holding the
// process's turn at Graphviz.
func runGraphviz(ctx context.Context, gv *graphviz.Graphviz, src []byte, engine graphviz.Layout, format graphviz.Format) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("graphviz failed: %v", p)
		}
	}()
	if engine == graphviz.SFDP {
		// sfdp draws from the C library's rand() before it seeds it, so
		// its layout depends on the sfdp call before it in the process;
		// a fixed sfdp layout first leaves rand() in the same state every
		// time.
		if _, err := layOutOnce(ctx, gv, sfdpReset, graphviz.SFDP, graphviz.Format("plain")); err != nil {
			return nil, fmt.Errorf("reset sfdp: %w", err)
		}
	}
	return layOutOnce(ctx, gv, src, engine, format)
}

// sfdpReset is the graph runGraphviz lays out before each sfdp layout.
// Its start value is the seed sfdp gives srand.
var sfdpReset = []byte("graph{start=1; a--b}")

// layOutOnce parses src, lays it out with engine and returns it in format.
func layOutOnce(ctx context.Context, gv *graphviz.Graphviz, src []byte, engine graphviz.Layout, format graphviz.Format) ([]byte, error) {
	g, err := graphviz.ParseBytes(src)
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	defer g.Close()
	var buf bytes.Buffer
	gv.SetLayout(engine)
	if err := gv.Render(ctx, g, format, &buf); err != nil {
		return nil, err
	}
	if buf.Len() == 0 {
		return nil, fmt.Errorf("graphviz wrote nothing")
	}
	return buf.Bytes(), nil
}

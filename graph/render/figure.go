package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
)

// Figures with more nodes or edges than these get straight edges instead
// of edges routed around the nodes (except with the dot layout, whose
// routing is part of the layout); so does an actors figure bounded by
// Options.MaxEdges.
const (
	maxRoutedNodes = 120
	maxRoutedEdges = 300
)

// Figure is a figure built from a Model and its Analysis, ready to be
// laid out and drawn by a Renderer. Building it is claimnet's part of the
// work (selecting, bounding and styling nodes and edges); laying it out
// is Graphviz's.
type Figure struct {
	// View and Layout are the view drawn and the layout engine used.
	View, Layout string
	// Nodes and Edges count the nodes and edges of the figure's graph,
	// legend aside.
	Nodes, Edges int
	// Note says what was left out (top N, thin edges, the window), or is
	// empty when the figure shows everything the view has.
	Note string

	g *dotGraph
	// straight is set when the figure's edges are straight lines (large
	// figures, any layout but dot), which Renderer.Positioned draws in
	// the same Graphviz pass as the legend.
	straight bool
	legend   []legendSection
	size     sizing
	// given are Options.Positions; placed are the positions the last
	// layout gave the nodes.
	given, placed Positions
	// layout is the one layout of the panels of small multiples.
	layout Positions
	// legendWidth, when positive, is the width the legend below the
	// graph may take (small multiples for a page: as wide as the text
	// allows, so that its sections sit side by side).
	legendWidth float64
	title       string
	caption     string
	th          *theme
}

// legendSection is a titled column of legend entries.
type legendSection struct {
	title string
	items []legendItem
	// nested draws the items' node samples inside one another, sharing
	// their bottom, each labelled at its top: the compact legend of
	// sizes, largest first.
	nested bool
}

// legendItem is one legend entry: a sample edge or node drawn with the
// attributes the figure uses, and its explanation.
type legendItem struct {
	label string
	edge  []attr
	node  []attr
}

// Build makes the figure o describes from m and its analysis an (which
// must be Analyze's result for m). It reads only the Model and the
// Analysis, and (for the actors view) the one-mode networks dnanet.OneMode
// computes from the Model. The result is the same for the same inputs.
func Build(ctx context.Context, m *graph.Model, an *analysis.Analysis, o Options) (*Figure, error) {
	r, err := o.resolve()
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if len(an.Actors) != len(m.Actors) || len(an.Claims) != len(m.Claims) {
		return nil, fmt.Errorf("render: the analysis is not of this model (%d actors and %d claims, model has %d and %d)",
			len(an.Actors), len(an.Claims), len(m.Actors), len(m.Claims))
	}
	size, err := o.sizing()
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if size.Width > 0 || size.Height > 0 {
		// A figure drawn at a given size is for a page, where every text
		// must stay legible when it is scaled down: one text size for
		// labels, legend and notes, the title a little larger.
		th := *r.th
		th.small, th.title = th.fontSize, th.fontSize+3
		r.th = &th
	}
	f := &Figure{View: r.View, th: r.th, title: r.Title, caption: r.Caption, size: size, given: o.Positions}
	b := &builder{m: m, an: an, o: r, f: f, g: &dotGraph{}}
	switch r.View {
	case ViewActorClaim:
		err = b.actorClaim()
	case ViewActors:
		err = b.actors(ctx)
	case ViewArguments:
		err = b.arguments()
	case ViewEgo:
		err = b.ego()
	}
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", r.View, err)
	}
	b.finish()
	if len(b.g.nodes) == 0 {
		return nil, fmt.Errorf("render %s: %w", r.View, b.empty())
	}
	if r.NoLegend {
		f.legend = nil
	}
	return f, nil
}

// ErrEmpty is the error of a view that has nothing to draw; the error
// Build returns wraps it with the reason.
var ErrEmpty = errors.New("nothing to draw")

// empty says why the view has no node, and what the options hid.
func (b *builder) empty() error {
	var why string
	switch b.o.View {
	case ViewActors:
		why = "no two actors agree or conflict on a claim"
	case ViewArguments:
		why = "no claim supports or attacks another (a claim's supports: and attacks: fields)"
	default:
		why = "no actor takes a stance on a claim"
	}
	if b.f.Note != "" {
		why += " among what the options leave: " + b.f.Note
	} else if !b.m.Window.IsZero() {
		why += " in the window"
	}
	return fmt.Errorf("%w: %s", ErrEmpty, why)
}

// DOT returns the figure's graph in the DOT language as it is handed to
// the layout engine, before the legend, title and caption are placed.
func (f *Figure) DOT() []byte {
	var buf bytes.Buffer
	f.g.write(&buf, f.View)
	return buf.Bytes()
}

// builder carries the inputs and the figure under construction.
type builder struct {
	m  *graph.Model
	an *analysis.Analysis
	o  *resolved
	f  *Figure
	g  *dotGraph
	// notes are the parts of Figure.Note.
	notes []string
	// sizeLegend, groupsShown and actorShown record how the actors were
	// drawn, for the legend.
	sizeLegend  sizeScale
	groupsShown *groups
	actorShown  func(int) bool
	// shapes are the actors' node shapes under Options.ShapeBy, or nil.
	shapes *shapeSet
	// straight asks for straight edges whatever the figure's size.
	straight bool
}

// finish chooses the layout engine when the options leave it to the
// figure's size, and sets the graph-wide attributes of the engine and
// theme.
func (b *builder) finish() {
	th := b.o.th
	switch {
	case b.o.Layout != "":
	case narrow(b.f.size.Width) && !b.o.placed && (b.o.View == ViewActorClaim || b.o.View == ViewEgo):
		b.o.Layout = LayoutDot
	default:
		b.o.Layout = DefaultLayout(b.o.View, len(b.g.nodes))
	}
	b.f.Layout = b.o.Layout
	ga := []attr{
		{"layout", str(b.o.Layout)},
		{"fontname", str(th.font)},
		{"fontsize", num(th.fontSize)},
		{"bgcolor", str(th.bg)},
		{"forcelabels", "true"},
		{"pad", "0.2"},
		{"outputorder", "edgesfirst"},
	}
	// Edges routed around the nodes cost Graphviz time that grows fast
	// with the graph (0.8 s for the 86 nodes and 170 edges of the whole
	// built-in dataset, 47 s for 260 nodes); larger figures get straight
	// edges.
	splines := "true"
	if b.straight || len(b.g.nodes) > maxRoutedNodes || len(b.g.edges) > maxRoutedEdges {
		splines = "line"
		b.f.straight = b.o.Layout != LayoutDot
	}
	switch b.o.Layout {
	case LayoutNeato:
		// Stress majorization from a fixed start, then node overlaps
		// removed (Prism when Graphviz has it, else Voronoi cells).
		// Separate components are laid out apart and packed together.
		ga = append(ga, attr{"mode", "major"}, attr{"start", "7"}, attr{"overlap", "prism"},
			attr{"overlap_scaling", "-4"}, attr{"sep", str("+10")}, attr{"splines", splines}, attr{"pack", "true"})
	case LayoutFdp, LayoutSfdp:
		ga = append(ga, attr{"start", "7"}, attr{"overlap", "prism"}, attr{"sep", str("+10")}, attr{"splines", splines}, attr{"pack", "true"})
	case LayoutCirco:
		ga = append(ga, attr{"splines", splines}, attr{"mindist", "0.4"})
	case LayoutDot:
		ga = append(ga, attr{"splines", "true"}, attr{"nodesep", "0.25"}, attr{"ranksep", "0.5"})
		// newrank ranks the whole graph at once. Graphviz 2.43's dot
		// crashes when it is combined with pack (the arguments view packs
		// its argument chains), so a packed graph goes without it: the
		// figures have no clusters, and the layout is the same.
		packed := slices.ContainsFunc(b.g.graphAttrs, func(a attr) bool { return a.key == "pack" && a.val == "true" })
		if !packed {
			ga = append(ga, attr{"newrank", "true"})
		}
		// Stances run from actors to claims: drawn left to right, the
		// actors and the claims make two columns, which a narrow figure
		// (a journal's column) holds where two wide rows do not.
		if b.o.View != ViewArguments && narrow(b.f.size.Width) {
			ga = append(ga, attr{"rankdir", "LR"})
		}
		// For a page, whose width is what limits the figure, the
		// components go one under another: side by side (Graphviz's
		// default packing) the arguments view of the built-in dataset's
		// 8 most central claims is 799 pt wide, stacked 450 pt. They are
		// 24 pt apart (pack's margin; 8 by default), so that two stacked
		// components do not read as one.
		if packed && b.f.size.Width > 0 {
			ga = append(ga, attr{"packmode", str("array_1")})
			for i, a := range b.g.graphAttrs {
				if a.key == "pack" {
					b.g.graphAttrs[i].val = "24"
				}
			}
		}
	}
	if b.o.Layout == LayoutDot {
		// dot takes whole-number weights only and has no use for len.
		for i := range b.g.edges {
			b.g.edges[i].attrs = slices.DeleteFunc(b.g.edges[i].attrs, func(a attr) bool {
				return a.key == "len" || a.key == "weight"
			})
		}
	}
	b.g.graphAttrs = append(ga, b.g.graphAttrs...)
	b.g.nodeAttrs = append([]attr{
		{"fontname", str(th.font)},
		{"fontsize", num(th.fontSize)},
		{"fontcolor", str(th.ink)},
		{"color", str(th.ink)},
		{"penwidth", "1"},
		{"margin", str("0.12,0.06")},
	}, b.g.nodeAttrs...)
	b.g.edgeAttrs = append([]attr{
		{"fontname", str(th.font)},
		{"fontsize", num(th.small)},
		{"fontcolor", str(th.muted)},
		{"arrowsize", "0.8"},
	}, b.g.edgeAttrs...)
	b.f.g = b.g
	b.f.Nodes, b.f.Edges = len(b.g.nodes), len(b.g.edges)
	if w := b.m.Window; !w.IsZero() {
		b.notes = append(b.notes, "statements dated "+windowText(w))
	}
	b.notes = append([]string{b.shownCounts()}, b.notes...)
	b.f.Note = strings.Join(b.notes, "; ")
}

// shownCounts says how many of the actors and claims with statements the
// figure draws and, when it leaves some out, which the view leaves out
// whatever the options (the options' own cuts are in b.notes).
func (b *builder) shownCounts() string {
	var actors, claims, activeA, activeC int
	for _, n := range b.g.nodes {
		switch {
		case strings.HasPrefix(n.id, "actor:"):
			actors++
		case strings.HasPrefix(n.id, "claim:"):
			claims++
		}
	}
	for i := range b.an.Actors {
		if b.an.Actors[i].Centrality[analysis.Degree] > 0 {
			activeA++
		}
	}
	for i := range b.an.Claims {
		if b.an.Claims[i].Centrality[analysis.Degree] > 0 {
			activeC++
		}
	}
	var parts []string
	if b.o.View != ViewArguments {
		parts = append(parts, fmt.Sprintf("%d of %d actors", actors, activeA))
	}
	if b.o.View != ViewActors {
		parts = append(parts, fmt.Sprintf("%d of %d claims", claims, activeC))
	}
	s := strings.Join(parts, " and ") + " with statements"
	if (b.o.View == ViewArguments || actors == activeA) && (b.o.View == ViewActors || claims == activeC) {
		return s
	}
	switch b.o.View {
	case ViewActors:
		s += " (claims are not drawn; actors without an agreement or conflict tie drawn are left out)"
	case ViewArguments:
		s += " (actors are not drawn; claims that support or attack no claim, and are supported or attacked by none, are left out)"
	case ViewEgo:
		if len(b.notes) > 0 {
			break // the note on the cut says it
		}
		s += fmt.Sprintf(" (those within %s of the centre)", plural(b.o.Depth, "hop", "hops"))
	default:
		if b.o.Top > 0 && actors+claims < b.o.Top || b.o.MinWeight > 1 {
			s += " (nodes left without an edge are dropped)"
		}
	}
	return s
}

func windowText(w graph.Window) string {
	switch {
	case w.From != 0 && w.To != 0:
		return w.From.String() + " to " + w.To.String()
	case w.From != 0:
		return "from " + w.From.String()
	default:
		return "up to " + w.To.String()
	}
}

// centrality returns the o.SizeBy score of actor a or claim c.
func (b *builder) actorScore(a int) float64 { return b.an.Actors[a].Centrality[b.o.SizeBy] }

// ranked is a node of the two-mode graph: an actor or a claim index.
type ranked struct {
	actor bool
	index int
}

// topN keeps the n candidates that come first in the analysis's ranking
// by SizeBy (analysis.Rankings.ByMeasure: highest score first, ties in
// model order, actors before claims), in the order given, and reports
// whether any was dropped. n ≤ 0 keeps all.
func (b *builder) topN(cands []ranked, n int) ([]ranked, bool) {
	if n <= 0 || len(cands) <= n {
		return cands, false
	}
	na := len(b.m.Actors)
	node := func(r ranked) int {
		if r.actor {
			return r.index
		}
		return na + r.index
	}
	want := make(map[int]bool, len(cands))
	for _, c := range cands {
		want[node(c)] = true
	}
	kept := make(map[int]bool, n)
	for _, v := range b.an.Rankings.ByMeasure[b.o.SizeBy] {
		if len(kept) == n {
			break
		}
		if want[v] {
			kept[v] = true
		}
	}
	keep := make([]ranked, 0, n)
	for _, c := range cands {
		if kept[node(c)] {
			keep = append(keep, c)
		}
	}
	return keep, true
}

// sizeScale maps a centrality score to a node's minimum width and height
// in inches, so that the node's area grows linearly with the score: the
// top score gets maxW × maxH, a zero score minW × minH.
type sizeScale struct {
	max                    float64
	minW, maxW, minH, maxH float64
}

func (s sizeScale) size(score float64) (w, h float64) {
	t := 0.0
	if s.max > 0 && score > 0 {
		t = math.Sqrt(min(score/s.max, 1))
	}
	// float64(...) keeps the compiler from fusing the multiply and add
	// (as it may on arm64), so every machine computes the same sizes.
	return s.minW + float64(t*(s.maxW-s.minW)), s.minH + float64(t*(s.maxH-s.minH))
}

// penWidth maps a statement count (or edge weight) to a line width in
// points: 1 for one statement, growing with the square root so that a
// heavy edge stays readable next to a light one.
func penWidth(w float64) float64 {
	if w <= 1 {
		return 1
	}
	return min(1+float64(1.6*math.Sqrt(w-1)), 7)
}

// weightSamples picks the weights the legend shows line widths for: the
// least and greatest weight drawn and up to two powers of two between.
func weightSamples(minW, maxW float64) []float64 {
	minW = max(minW, 1)
	out := []float64{minW}
	for _, w := range []float64{2, 4, 8, 16, 32, 64} {
		if w > minW && w < maxW && len(out) < 3 {
			out = append(out, w)
		}
	}
	if maxW > minW {
		out = append(out, maxW)
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// formatScore formats a centrality score for the legend.
func formatScore(v float64) string {
	switch {
	case v == math.Trunc(v) && math.Abs(v) < 1e9:
		return fmt.Sprintf("%.0f", v)
	case math.Abs(v) >= 10:
		return fmt.Sprintf("%.1f", v)
	case math.Abs(v) >= 0.01:
		return fmt.Sprintf("%.3f", v)
	default:
		return fmt.Sprintf("%.2g", v)
	}
}

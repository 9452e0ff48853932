package render

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/series"
)

// TimeWindows are the time windows a figure over time is drawn for:
// DNA's classic windows of Size moving by Step (series.Analyses places
// them), each holding the statements dated within it, weighted equally.
type TimeWindows struct {
	// Size is the window's length (30d, 2w, ...); Step moves its
	// mid-point, and 0 means one unit of Size.
	Size, Step series.Span
	// Columns is the number of panels side by side in Multiples; 0 means
	// ⌈√n⌉ for n windows.
	Columns int
}

// Grid geometry of the small multiples, in points.
const (
	panelGapX   = 36 // between two panels side by side
	panelGapY   = 20 // between a panel and the title of the one below
	panelTitleH = 26 // the panel's title, above its frame
	panelPad    = 10 // between the frame and the nodes
)

// ghostStyle is the look of an actor that is drawn in the layout of
// every panel but has no tie in the panel's window.
func ghostStyle(th *theme) []attr {
	return []attr{{"style", "dashed"}, {"color", str("#BBBBBB")}, {"fontcolor", str("#999999")},
		{"fillcolor", str(th.bg)}, {"peripheries", "1"}}
}

// windowAnalyses places the windows of tw over m's dated statements and
// analyses each; an empty series is an ErrEmpty saying why.
func windowAnalyses(ctx context.Context, m *graph.Model, tw TimeWindows) (*series.AnalysisSeries, error) {
	s, err := series.Analyses(ctx, m, tw.Size, tw.Step)
	if err != nil {
		return nil, err
	}
	if len(s.Windows) > 0 {
		return s, nil
	}
	var lo, hi annotations.Date
	for _, st := range m.Statements {
		if st.Date == 0 {
			continue
		}
		if lo == 0 || st.Date < lo {
			lo = st.Date
		}
		if st.Date > hi {
			hi = st.Date
		}
	}
	if lo == 0 {
		return nil, fmt.Errorf("%w: no statement is dated, so there is no time window", ErrEmpty)
	}
	return nil, fmt.Errorf("%w: no window of %s fits between the first and the last dated statement (%s to %s); give a smaller window",
		ErrEmpty, s.Size, lo, hi)
}

// Multiples builds small multiples of the actors view: one panel per time
// window of tw, each drawing the actor network of the statements dated in
// that window, with every actor at the same place in every panel. The
// layout is made once, by r, for the actors view of the statements of all
// the windows together (or taken from o.Positions, whose actors keep
// their place), and each actor keeps that figure's colour and size in
// every panel; an actor without a tie in a window is drawn grey and
// dashed there, so the panels read as one picture changing over time.
// The options are the actors view's (o.View must be empty or
// ViewActors); the dot and circo layouts, which cannot keep given
// positions, are refused. Figure.Positions returns the one layout.
func Multiples(ctx context.Context, r *Renderer, m *graph.Model, o Options, tw TimeWindows) (*Figure, error) {
	if o.View == "" {
		o.View = ViewActors
	}
	if o.View != ViewActors {
		return nil, fmt.Errorf("render: small multiples are of the %s view, not %s", ViewActors, o.View)
	}
	if o.Layout == LayoutDot || o.Layout == LayoutCirco {
		return nil, fmt.Errorf("render: small multiples need a layout that keeps positions (neato, fdp or sfdp), not %s", o.Layout)
	}
	if tw.Columns < 0 {
		return nil, fmt.Errorf("render: columns %d: want 1 or more (0: about the square root of the windows)", tw.Columns)
	}
	s, err := windowAnalyses(ctx, m, tw)
	if err != nil {
		return nil, fmt.Errorf("render small multiples: %w", err)
	}
	first, last := s.Windows[0], s.Windows[len(s.Windows)-1]

	// The one layout: the actors figure of all the windows' statements.
	all, err := graph.Compile(ctx, m.Data, graph.WithWindow(graph.Window{From: first.Start, To: last.End}))
	if err != nil {
		return nil, fmt.Errorf("render small multiples: %w", err)
	}
	allAn, err := analysis.Analyze(ctx, all)
	if err != nil {
		return nil, fmt.Errorf("render small multiples: %w", err)
	}
	uo := o
	uo.Title, uo.Caption = "", ""
	union, err := Build(ctx, all, allAn, uo)
	if err != nil {
		return nil, fmt.Errorf("render small multiples: the windows together: %w", err)
	}
	// For a page, the panels draw each actor as a small numbered circle
	// and one key under them names the numbers: with the names in every
	// panel, four panels at 17 cm left 4 pt text.
	sized := o.Width > 0 || o.Height > 0
	if sized {
		numbers := map[string]int{}
		for _, nd := range union.g.nodes {
			if id, ok := strings.CutPrefix(nd.id, "actor:"); ok {
				numbers[id] = len(numbers) + 1
			}
		}
		uo.numbers, o.numbers = numbers, numbers
		if union, err = Build(ctx, all, allAn, uo); err != nil {
			return nil, fmt.Errorf("render small multiples: the windows together: %w", err)
		}
	}
	pl, err := r.place(ctx, union)
	if err != nil {
		return nil, fmt.Errorf("render small multiples: layout with %s: %w", union.Layout, err)
	}
	n := len(union.g.nodes)
	area := compactArea
	if sized {
		area = compactNumbered
	}
	boxes := slices.Clone(pl.boxes[:n])
	if sized {
		// Half the usual gap between the small circles: the boxes are
		// shrunk while they are packed.
		for i := range boxes {
			boxes[i].hw, boxes[i].hh = boxes[i].hw-overlapGap/4, boxes[i].hh-overlapGap/4
		}
	}
	boxes = compact(boxes, area)
	if sized {
		for i := range boxes {
			boxes[i].hw, boxes[i].hh = boxes[i].hw+overlapGap/4, boxes[i].hh+overlapGap/4
		}
	}
	layout := make(Positions, n)
	for i, nd := range union.g.nodes {
		layout[nd.id] = Point{roundTo(boxes[i].x, 2), roundTo(boxes[i].y, 2)}
	}
	nodeAttrs := make(map[string][]attr, len(union.g.nodes))
	for _, n := range union.g.nodes {
		nodeAttrs[n.id] = n.attrs
	}
	bb := boundingBox(boxes)
	bb = box{bb.x0 - panelPad, bb.y0 - panelPad, bb.x1 + panelPad, bb.y1 + panelPad}

	th := union.th
	cols := tw.Columns
	switch {
	case cols == 0 && sized:
		cols = pageColumns(len(s.Windows), bb, union.size, th)
	case cols == 0:
		cols = int(math.Ceil(math.Sqrt(float64(len(s.Windows)))))
	}
	cols = min(cols, len(s.Windows))
	g := &dotGraph{graphAttrs: slices.Clone(union.g.graphAttrs), nodeAttrs: union.g.nodeAttrs, edgeAttrs: union.g.edgeAttrs}
	given := make(Positions)
	edges, dropped := 0, 0
	wo := o
	wo.Top, wo.Title, wo.Caption, wo.NoLegend, wo.Positions = 0, "", "", true, layout
	for i, win := range s.Windows {
		col, row := i%cols, i/cols
		ox := float64(col)*(bb.w()+panelGapX) - bb.x0
		oy := -float64(row)*(bb.h()+panelGapY+panelTitleH) - bb.y1
		prefix := fmt.Sprintf("w%d/", i+1)
		mw, err := graph.Compile(ctx, m.Data, graph.WithWindow(graph.Window{From: win.Start, To: win.End}))
		if err != nil {
			return nil, fmt.Errorf("render small multiples: %w", err)
		}
		var wg *dotGraph
		f, err := Build(ctx, mw, win.Analysis, wo)
		switch {
		case err == nil:
			wg = f.g
		case errors.Is(err, ErrEmpty):
			wg = &dotGraph{}
		default:
			return nil, fmt.Errorf("render small multiples: window %s to %s: %w", win.Start, win.End, err)
		}
		// The frame, then the title above it.
		frame := prefix + "frame"
		g.node(frame, attr{"shape", "box"}, attr{"label", `" "`}, attr{"fixedsize", "true"},
			attr{"width", num(bb.w() / 72)}, attr{"height", num(bb.h() / 72)},
			attr{"color", str("#CCCCCC")}, attr{"style", "solid"}, attr{"penwidth", "0.75"}, attr{"tooltip", `""`})
		given[frame] = Point{ox + bb.x0 + bb.w()/2, oy + bb.y0 + bb.h()/2}
		statements := 0
		for _, st := range mw.Statements {
			if st.Date != 0 {
				statements++
			}
		}
		title := fmt.Sprintf("%s (%s)", dateSpan(win.Start, win.End), plural(statements, "statement", "statements"))
		tid := prefix + "title"
		g.node(tid, attr{"shape", "plaintext"}, attr{"margin", "0"}, attr{"label", quote(title)},
			attr{"fontname", str(th.boldFont)}, attr{"fontsize", num(th.fontSize)}, attr{"tooltip", `""`})
		given[tid] = Point{ox + bb.x0 + bb.w()/2, oy + bb.y1 + panelTitleH/2}
		active := make(map[string]bool, len(wg.nodes))
		for _, n := range wg.nodes {
			if _, ok := layout[n.id]; ok {
				active[n.id] = true
			} else {
				dropped++
			}
		}
		for _, n := range union.g.nodes {
			attrs := nodeAttrs[n.id]
			if !active[n.id] {
				attrs = setAttrs(attrs, ghostStyle(th)...)
			}
			g.node(prefix+n.id, attrs...)
			p := layout[n.id]
			given[prefix+n.id] = Point{p.X + ox, p.Y + oy}
		}
		for _, e := range wg.edges {
			if !active[e.from] || !active[e.to] {
				continue
			}
			g.edges = append(g.edges, dotEdge{prefix + e.from, prefix + e.to, e.attrs})
			edges++
		}
	}
	pinAll(g, given)
	for i, a := range g.graphAttrs {
		if a.key == "splines" {
			g.graphAttrs[i].val = "line"
		}
	}
	notes := []string{
		fmt.Sprintf("one panel per %s window moving by %s (%s, %s to %s), each the actor network of the statements dated in it",
			sizeWords(tw.Size), spanWords(stepOf(tw)), plural(len(s.Windows), "window", "windows"), first.Start, last.End),
		"every actor at the same place in every panel, laid out once on the statements of all the windows together",
		"colour and size as in that figure; grey dashed: no tie drawn in that window",
	}
	if dropped > 0 {
		notes = append(notes, fmt.Sprintf("%s of the windows not in that figure left out", plural(dropped, "actor", "actors")))
	}
	notes = append(notes, "all windows: "+union.Note)
	legend := slices.Clone(union.legend)
	if sized {
		key, rest := actorKey(all, union)
		legend = append(key, rest...)
	}
	legend = append(legend, legendSection{title: "In a window", items: []legendItem{
		{label: "no tie drawn in the window", node: setAttrs(
			[]attr{{"shape", "ellipse"}, {"width", "0.5"}, {"height", "0.25"}}, ghostStyle(th)...)},
	}})
	if o.NoLegend {
		legend = nil
	}
	f := &Figure{
		View: ViewActors, Layout: union.Layout, Nodes: len(union.g.nodes), Edges: edges,
		Note: strings.Join(notes, "; "), g: g, straight: true, legend: legend, size: union.size,
		given: given, title: o.Title, caption: o.Caption, th: th, layout: layout,
	}
	if sized {
		f.legendWidth = pageLimit(union.size, th)
	}
	return f, nil
}

// keyRows is the most actors a section of the key of numbered panels
// lists, and keyName the longest name it writes in full.
const (
	keyRows = 8
	keyName = 26
)

// actorKey returns the key of the numbered actors of union (a figure of
// m built with Options.numbers), and union's legend without the section
// it replaces: the actors grouped by their colour's entry in that
// section ("Coalition 1", "Pakistan side", ...), each number on its
// circle in the actor's colour beside the actor's name, at most keyRows
// to a section.
func actorKey(m *graph.Model, union *Figure) (key, rest []legendSection) {
	var groups legendSection
	for _, sec := range union.legend {
		if strings.HasPrefix(sec.title, "Actors by") {
			groups = sec
			continue
		}
		rest = append(rest, sec)
	}
	titles := map[string]string{} // fill colour → group title
	var order []string
	for _, it := range groups.items {
		fill := attrVal(it.node, "fillcolor")
		if _, ok := titles[fill]; !ok {
			title, _, _ := strings.Cut(it.label, ": ")
			titles[fill] = title
			order = append(order, fill)
		}
	}
	byFill := map[string][]legendItem{}
	for _, nd := range union.g.nodes {
		id, ok := strings.CutPrefix(nd.id, "actor:")
		if !ok {
			continue
		}
		a, ok := m.ActorIndex(id)
		if !ok {
			continue
		}
		name := []rune(m.Actors[a].Name)
		if len(name) > keyName {
			name = append(name[:keyName-1], '…')
		}
		fill := attrVal(nd.attrs, "fillcolor")
		if _, ok := titles[fill]; !ok {
			titles[fill] = "Other actors"
			order = append(order, fill)
		}
		byFill[fill] = append(byFill[fill], legendItem{label: string(name), node: []attr{
			{"shape", "circle"}, {"style", "filled"}, {"fillcolor", fill},
			{"label", attrVal(nd.attrs, "label")}, {"width", "0.24"}, {"height", "0.24"}}})
	}
	for _, fill := range order {
		items := byFill[fill]
		for i := 0; i < len(items); i += keyRows {
			title := titles[fill]
			if i > 0 {
				title += " (continued)"
			}
			key = append(key, legendSection{title: title, items: items[i:min(i+keyRows, len(items))]})
		}
	}
	return key, rest
}

// pageColumns chooses the columns of n panels of the box bb for a figure
// drawn at size sz: as many as fit side by side with their text at the
// least size (Options.MinFont) or larger at the page's width, so that
// the figure is drawn as small, and so as short, as its text allows; one
// if none fits.
func pageColumns(n int, bb box, sz sizing, th *theme) int {
	if sz.Width <= 0 {
		return int(math.Ceil(math.Sqrt(float64(n))))
	}
	limit := pageLimit(sz, th)
	cols := 1
	for c := 2; c <= n; c++ {
		if float64(c)*bb.w()+float64(c-1)*panelGapX > limit {
			break
		}
		cols = c
	}
	return cols
}

// pageLimit is the widest a figure drawn at size sz may be, in points at
// its natural size, for its text to be no smaller than the least size
// (Options.MinFont) at sz.Width, its pad aside; a little under, so that
// rounding keeps the text at that size.
func pageLimit(sz sizing, th *theme) float64 {
	// The figure's pad (0.2 in) on either side is part of its width.
	return 0.99*sz.Width*th.small/cmp.Or(sz.MinFont, DefaultMinFont) - 2*0.2*72
}

// compactArea is the area of the box of centres of small multiples'
// layout, in multiples of the area of the nodes (each with a gap): a
// force layout leaves room for the edges (see spreadArea) that the small
// panels of small multiples cannot spare.
const compactArea = 1.2

// compactNumbered is compactArea for the panels of small numbered
// circles drawn for a page, whose edges are short.
const compactNumbered = 1.0

// compact moves the boxes towards their centre, x and y by the same
// factor, until the box of their centres has area times the nodes' area,
// and then pushes overlapping boxes apart again; a layout that is
// already as dense is left alone.
func compact(boxes []nodeBox, area float64) []nodeBox {
	out := slices.Clone(boxes)
	if len(out) < 2 {
		return out
	}
	c := boundingBox(out)
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	nodes := 0.0
	for _, b := range out {
		x0, y0, x1, y1 = min(x0, b.x), min(y0, b.y), max(x1, b.x), max(y1, b.y)
		nodes += float64((2*b.hw + overlapGap) * (2*b.hh + overlapGap))
	}
	s := math.Sqrt(area * nodes / (max(x1-x0, 1) * max(y1-y0, 1)))
	if s >= 1 {
		return out
	}
	cx, cy := (c.x0+c.x1)/2, (c.y0+c.y1)/2
	for i := range out {
		out[i].x, out[i].y = cx+(out[i].x-cx)*s, cy+(out[i].y-cy)*s
	}
	separate(out, nil)
	return out
}

// pinAll gives every node of g its position in given as a pinned pos
// attribute (inches, as neato reads it), so that the DOT text of a
// figure built with fixed positions (Figure.DOT) lays out as drawn.
func pinAll(g *dotGraph, given Positions) {
	for i, n := range g.nodes {
		if p, ok := given[n.id]; ok {
			g.nodes[i].attrs = append(n.attrs, attr{"pos", str(num4(p.X/72) + "," + num4(p.Y/72) + "!")})
		}
	}
}

var monthAbbr = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// dateSpan writes the dates from and to, both included, the short way:
// "22–26 Oct 2025", "30 Oct – 3 Nov 2025", "28 Dec 2025 – 3 Jan 2026".
func dateSpan(from, to annotations.Date) string {
	switch {
	case from == to:
		return shortDate(from, true)
	case from.Year() != to.Year():
		return shortDate(from, true) + " – " + shortDate(to, true)
	case from.Month() != to.Month():
		return shortDate(from, false) + " – " + shortDate(to, true)
	}
	return fmt.Sprintf("%d–%s", from.Day(), shortDate(to, true))
}

// shortDate writes d as "3 Nov", with the year when year is set.
func shortDate(d annotations.Date, year bool) string {
	s := fmt.Sprintf("%d %s", d.Day(), monthAbbr[d.Month()-1])
	if year {
		s += fmt.Sprintf(" %d", d.Year())
	}
	return s
}

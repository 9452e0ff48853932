package render

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/goccy/go-graphviz"
)

// ViewDiff names the figure Renderer.Diff draws: the union of two
// versions' actor–claim networks with what was added and removed marked.
const ViewDiff = "diff"

// Change marks in a diff figure: the edge labels of added, removed and
// re-stanced edges.
const (
	markAdded   = "+"
	markRemoved = "−"
	markChanged = "±"
)

// Diff builds the figure of the change from an old version of a dataset
// to a new one: the union of the two actor–claim figures (Build with
// View actor-claim and the other options o gives), with the actors,
// claims and stance edges that only the new version has drawn thick and
// marked +, those that only the old one has dashed in grey and marked −,
// and an actor's edge to a claim whose stances changed marked ±. The
// nodes of the new figure keep the positions the new figure's layout
// gives them (the layout is run for it here); the removed ones are placed
// around them by the same engine. The legend explains the change styles
// and the new figure's own. o.Layout must be empty or a force layout
// (neato, fdp, sfdp); old and new are compiled models and oldAn and
// newAn their analyses.
func (r *Renderer) Diff(ctx context.Context, old *graph.Model, oldAn *analysis.Analysis, new *graph.Model, newAn *analysis.Analysis, o Options) (*Figure, error) {
	if o.View != "" && o.View != ViewActorClaim && o.View != ViewDiff {
		return nil, fmt.Errorf("render diff: the figure is of the actor-claim view, not %q", o.View)
	}
	if o.Layout != "" && !slices.Contains([]string{LayoutNeato, LayoutFdp, LayoutSfdp}, o.Layout) {
		return nil, fmt.Errorf("render diff: layout %q: want neato, fdp or sfdp, which keep the new version's positions", o.Layout)
	}
	o.View = ViewActorClaim
	o.placed = true
	fNew, err := Build(ctx, new, newAn, o)
	if err != nil {
		return nil, err
	}
	fOld, err := Build(ctx, old, oldAn, o)
	if err != nil {
		return nil, err
	}
	pl, err := r.place(ctx, fNew)
	if err != nil {
		return nil, fmt.Errorf("render diff: layout of the new version: %w", err)
	}
	th := fNew.th
	g := &dotGraph{
		graphAttrs: setAttrs(fNew.g.graphAttrs, attr{"layout", str(string(graphviz.NOP2))}, attr{"overlap", "true"}),
		nodeAttrs:  fNew.g.nodeAttrs,
		edgeAttrs:  fNew.g.edgeAttrs,
	}
	inOld := map[string]bool{}
	for _, n := range fOld.g.nodes {
		inOld[n.id] = true
	}
	inNew := map[string]bool{}
	var added, removed int
	for _, n := range fNew.g.nodes {
		inNew[n.id] = true
		attrs := n.attrs
		if !inOld[n.id] {
			attrs = setAttrs(attrs, addedNode(th)...)
			added++
		}
		g.node(n.id, attrs...)
	}
	for _, n := range fOld.g.nodes {
		if !inNew[n.id] {
			g.node(n.id, setAttrs(n.attrs, removedNode(th)...)...)
			removed++
		}
	}
	at, err := r.placeAround(ctx, g, fNew.Layout, pl.boxes)
	if err != nil {
		return nil, fmt.Errorf("render diff: %w", err)
	}
	for i := range g.nodes {
		g.nodes[i].attrs = setAttrs(g.nodes[i].attrs, attr{"pos", str(num(at[i].x) + "," + num(at[i].y) + "!")})
	}
	// Edges: by actor and claim. The stance class of a pair (support,
	// oppose or both) decides whether an edge in both versions changed.
	class := func(m *graph.Model) map[[2]string]string {
		out := map[[2]string]string{}
		for _, p := range m.Pairs() {
			c := annotations.Support.String()
			switch {
			case p.Support > 0 && p.Oppose > 0:
				c = "both"
			case p.Oppose > 0:
				c = annotations.Oppose.String()
			}
			out[[2]string{actorID(m, p.Actor), claimID(m, p.Claim)}] = c
		}
		return out
	}
	oldClass, newClass := class(old), class(new)
	var addedE, removedE, changedE int
	for _, e := range fNew.g.edges {
		k := [2]string{e.from, e.to}
		switch oc, ok := oldClass[k]; {
		case !ok || !inOld[e.from] || !inOld[e.to]:
			g.edges = append(g.edges, dotEdge{e.from, e.to, setAttrs(e.attrs, addedEdge(th, e.attrs)...)})
			addedE++
		case oc != newClass[k]:
			g.edges = append(g.edges, dotEdge{e.from, e.to, setAttrs(e.attrs, changedEdge(th, e.attrs)...)})
			changedE++
		default:
			g.edges = append(g.edges, e)
		}
	}
	for _, e := range fOld.g.edges {
		if _, ok := newClass[[2]string{e.from, e.to}]; ok && inNew[e.from] && inNew[e.to] {
			continue
		}
		g.edges = append(g.edges, dotEdge{e.from, e.to, setAttrs(e.attrs, removedEdge(th)...)})
		removedE++
	}
	f := &Figure{
		View: ViewDiff, Layout: string(graphviz.NOP2), Nodes: len(g.nodes), Edges: len(g.edges),
		Note: fmt.Sprintf("%d nodes and %d edges added, %d and %d removed, %d edges with a changed stance; positions of the new version",
			added, addedE, removed, removedE, changedE),
		g: g, straight: fNew.straight, th: th, title: fNew.title, caption: fNew.caption,
	}
	if !o.NoLegend {
		f.legend = append([]legendSection{diffLegend(th)}, fNew.legend...)
	}
	return f, nil
}

// placeAround places the nodes of g: the first len(fixed) of them (the
// new version's) at their boxes, and the others (the removed ones) where
// the force layout engine puts them with the first ones pinned, then moved
// clear of every other node (the fixed ones never move).
func (r *Renderer) placeAround(ctx context.Context, g *dotGraph, engine string, fixed []nodeBox) ([]nodeBox, error) {
	pinned := *g
	pinned.nodes = slices.Clone(g.nodes)
	for i, b := range fixed {
		// Inches, pinned (!): the force engines' input unit.
		pinned.nodes[i].attrs = setAttrs(g.nodes[i].attrs, attr{"pos", str(num(b.x/72) + "," + num(b.y/72) + "!")})
	}
	src := pinned.with(ViewDiff, attr{"layout", str(engine)}, attr{"overlap", "true"}, attr{"splines", "false"})
	plain, err := r.run(ctx, src, graphviz.Layout(engine), graphviz.Format("plain"))
	if err != nil {
		return nil, err
	}
	laid, err := parsePlain(plain)
	if err != nil {
		return nil, err
	}
	out := make([]nodeBox, len(g.nodes))
	copy(out, fixed)
	// The engine may translate the whole layout; the pinned nodes tell by
	// how much.
	var dx, dy float64
	if len(fixed) > 0 {
		b := laid[g.nodes[0].id]
		dx, dy = fixed[0].x-b.x, fixed[0].y-b.y
	}
	for i := len(fixed); i < len(g.nodes); i++ {
		b, ok := laid[g.nodes[i].id]
		if !ok {
			return nil, fmt.Errorf("layout output has no node %q", g.nodes[i].id)
		}
		b.x, b.y = b.x+dx, b.y+dy
		out[i] = b
	}
	clearOf(out, len(fixed))
	return out, nil
}

// clearOf moves each box from index movable on until it overlaps no other
// box (with overlapGap between), pushing it the shorter way out of each
// box it overlaps; the boxes before movable stay. It gives up after
// maxOverlapRounds rounds.
func clearOf(boxes []nodeBox, movable int) {
	for range maxOverlapRounds {
		moved := false
		for i := movable; i < len(boxes); i++ {
			bi := &boxes[i]
			for j := range boxes {
				if j == i {
					continue
				}
				bj := boxes[j]
				ox := bi.hw + bj.hw + overlapGap - math.Abs(bi.x-bj.x)
				oy := bi.hh + bj.hh + overlapGap - math.Abs(bi.y-bj.y)
				if ox <= 0 || oy <= 0 {
					continue
				}
				moved = true
				if ox <= oy {
					if bi.x < bj.x || (bi.x == bj.x && i < j) {
						bi.x -= ox + 0.01
					} else {
						bi.x += ox + 0.01
					}
				} else if bi.y < bj.y || (bi.y == bj.y && i < j) {
					bi.y -= oy + 0.01
				} else {
					bi.y += oy + 0.01
				}
			}
		}
		if !moved {
			return
		}
	}
}

// addedNode is the look of a node only the new version has: a thick
// border and a + before its tooltip's text.
func addedNode(th *theme) []attr {
	return []attr{{"penwidth", "3.5"}, {"color", str(th.ink)}, {"xlabel", quote(markAdded)}, {"fontcolor", str(th.ink)}}
}

// removedNode is the look of a node only the old version has: a dashed
// grey border, no fill, grey text.
func removedNode(th *theme) []attr {
	return []attr{{"style", str("dashed")}, {"color", str(th.muted)}, {"fontcolor", str(th.muted)},
		{"fillcolor", str(th.bg)}, {"penwidth", "1.5"}, {"xlabel", quote(markRemoved)}, {"peripheries", "1"}}
}

// addedEdge is the look of an edge only the new version has: its own
// style, thicker, labelled +.
func addedEdge(th *theme, attrs []attr) []attr {
	w := 1.0
	for _, a := range attrs {
		if a.key == "penwidth" {
			fmt.Sscan(a.val, &w)
		}
	}
	return []attr{{"penwidth", num(w + 2.5)}, {"label", quote(markAdded)}, {"fontcolor", str(th.ink)}}
}

// removedEdge is the look of an edge only the old version has: dotted,
// grey and thin, labelled −, its arrowhead still telling the stance.
func removedEdge(th *theme) []attr {
	return []attr{{"style", "dotted"}, {"color", str(th.muted)}, {"penwidth", "1.5"},
		{"label", quote(markRemoved)}, {"fontcolor", str(th.muted)}}
}

// changedEdge is the look of an edge in both versions whose stances
// changed: a double line in the new stance's colour and style, labelled
// ±.
func changedEdge(th *theme, attrs []attr) []attr {
	color := th.ink
	for _, a := range attrs {
		if a.key == "color" {
			color = strings.Trim(a.val, `"`)
		}
	}
	return []attr{{"color", str(color + ":" + th.bg + ":" + color)}, {"label", quote(markChanged)}, {"fontcolor", str(th.ink)}}
}

// diffLegend explains the change styles.
func diffLegend(th *theme) legendSection {
	box := []attr{{"shape", "box"}, {"style", str("rounded,filled")}, {"fillcolor", str(th.claimFill)},
		{"width", "0.4"}, {"height", "0.22"}}
	edge := stanceStyle(th, annotations.Support, 1)
	// The samples go without the + and − labels, which the text says.
	sample := func(over []attr) []attr {
		return slices.DeleteFunc(setAttrs(edge, over...), func(a attr) bool { return a.key == "label" || a.key == "fontcolor" })
	}
	return legendSection{title: "Change from the old version to the new", items: []legendItem{
		{label: "added (+): in the new version only", edge: sample(addedEdge(th, edge))},
		{label: "removed (−): in the old version only", edge: sample(removedEdge(th))},
		{label: "stance changed (±): double line, new stance", edge: sample(changedEdge(th, edge))},
		{label: "actor or claim added: thick border", node: setAttrs(box, addedNode(th)[:2]...)},
		{label: "actor or claim removed: dashed, grey", node: setAttrs(box, removedNode(th)[:4]...)},
	}}
}

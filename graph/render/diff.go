package render

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
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
// nodes of the new figure keep the positions they have when the new
// figure is drawn on its own (it is laid out here); the removed ones are
// placed around them as nodes new to Options.Positions are, and the
// figure is then drawn as the force layouts' figures are: edges routed
// around the nodes (a removed node moved off an edge that passes too
// close to it) and the marks placed beside their edges. The legend
// explains the change styles and the new figure's own. o.Layout must be
// empty or a force layout (neato, fdp, sfdp); old and new are compiled
// models and oldAn and newAn their analyses.
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
	if _, _, err := r.layOut(ctx, fNew); err != nil {
		return nil, fmt.Errorf("render diff: layout of the new version: %w", err)
	}
	th := fNew.th
	g := &dotGraph{graphAttrs: fNew.g.graphAttrs, nodeAttrs: fNew.g.nodeAttrs, edgeAttrs: fNew.g.edgeAttrs}
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
			g.edges = append(g.edges, marked(e, addedEdge(th, e.attrs)))
			addedE++
		case oc != newClass[k]:
			g.edges = append(g.edges, marked(e, changedEdge(th, e.attrs)))
			changedE++
		default:
			g.edges = append(g.edges, e)
		}
	}
	for _, e := range fOld.g.edges {
		if _, ok := newClass[[2]string{e.from, e.to}]; ok && inNew[e.from] && inNew[e.to] {
			continue
		}
		g.edges = append(g.edges, marked(e, removedEdge(th)))
		removedE++
	}
	// The union may be too large for routed edges where the new figure
	// was not (see maxRoutedNodes).
	straight := fNew.straight || len(g.nodes) > maxRoutedNodes || len(g.edges) > maxRoutedEdges
	if straight {
		g.graphAttrs = setAttrs(g.graphAttrs, attr{"splines", "line"})
	}
	at := fNew.Positions()
	pinAll(g, at)
	f := &Figure{
		View: ViewDiff, Layout: fNew.Layout, Nodes: len(g.nodes), Edges: len(g.edges),
		Note: fmt.Sprintf("%d nodes and %d edges added, %d and %d removed, %d edges with a changed stance; positions of the new version",
			added, addedE, removed, removedE, changedE),
		g: g, straight: straight, given: at, th: th, title: fNew.title, caption: fNew.caption,
		size: fNew.size, // the size, least text size and resolution asked for
	}
	if !o.NoLegend {
		f.legend = append([]legendSection{diffLegend(th)}, fNew.legend...)
	}
	return f, nil
}

// marked returns edge e drawn with look, one of the change looks, whose
// external label (xlabel) is the change mark: external labels are placed
// beside their edges clear of the nodes and of each other. The edge's
// own label (a reversal's counts), which Graphviz would draw at the
// edge's middle, where the mark may be, follows the mark in it.
func marked(e dotEdge, look []attr) dotEdge {
	attrs := setAttrs(e.attrs, look...)
	if own := attrVal(e.attrs, "label"); own != `""` {
		mark := attrVal(look, "xlabel")
		attrs = slices.DeleteFunc(setAttrs(attrs, attr{"xlabel", strings.TrimSuffix(mark, `"`) + " " + strings.TrimPrefix(own, `"`)}),
			func(a attr) bool { return a.key == "label" })
	}
	return dotEdge{e.from, e.to, attrs}
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
	return []attr{{"penwidth", num(w + 2.5)}, {"xlabel", quote(markAdded)}, {"fontcolor", str(th.ink)}}
}

// removedEdge is the look of an edge only the old version has: dotted,
// grey and thin, labelled −, its arrowhead still telling the stance.
func removedEdge(th *theme) []attr {
	return []attr{{"style", "dotted"}, {"color", str(th.muted)}, {"penwidth", "1.5"},
		{"xlabel", quote(markRemoved)}, {"fontcolor", str(th.muted)}}
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
	return []attr{{"color", str(color + ":" + th.bg + ":" + color)}, {"xlabel", quote(markChanged)}, {"fontcolor", str(th.ink)}}
}

// diffLegend explains the change styles.
func diffLegend(th *theme) legendSection {
	box := []attr{{"shape", "box"}, {"style", str("rounded,filled")}, {"fillcolor", str(th.claimFill)},
		{"width", "0.4"}, {"height", "0.22"}}
	edge := stanceStyle(th, annotations.Support, 1)
	// The samples go without the + and − labels, which the text says.
	sample := func(over []attr) []attr {
		return slices.DeleteFunc(setAttrs(edge, over...), func(a attr) bool { return a.key == "xlabel" || a.key == "fontcolor" })
	}
	return legendSection{title: "Change from the old version to the new", items: []legendItem{
		{label: "added (+): in the new version only", edge: sample(addedEdge(th, edge))},
		{label: "removed (−): in the old version only", edge: sample(removedEdge(th))},
		{label: "stance changed (±): double line, new stance", edge: sample(changedEdge(th, edge))},
		{label: "actor or claim added: thick border", node: setAttrs(box, addedNode(th)[:2]...)},
		{label: "actor or claim removed: dashed, grey", node: setAttrs(box, removedNode(th)[:4]...)},
	}}
}

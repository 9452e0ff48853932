package render

import (
	"fmt"
	"math"

	"github.com/claimnet/claimnet/annotations"
)

// stanceLegend explains the stance edges the figure draws.
func (b *builder) stanceLegend(es *stanceEdgeSet) {
	th := b.o.th
	sec := legendSection{title: "Stances (actor → claim)"}
	if es.support {
		sec.items = append(sec.items, legendItem{label: "supports", edge: stanceStyle(th, annotations.Support, 2)})
	}
	if es.oppose {
		sec.items = append(sec.items, legendItem{label: "opposes", edge: stanceStyle(th, annotations.Oppose, 2)})
	}
	if es.reversals > 0 {
		sec.items = append(sec.items, legendItem{label: "reversal: both (+supporting/−opposing)", edge: reversalStyle(th, 2)})
	}
	if len(sec.items) > 0 {
		b.f.legend = append(b.f.legend, sec)
	}
	b.widthLegend(float64(es.minWeight), float64(es.maxWeight), "Line width: statements")
}

// widthLegend shows line widths for a few weights from minW to maxW.
func (b *builder) widthLegend(minW, maxW float64, title string) {
	if maxW <= 1 || maxW <= minW {
		return
	}
	th := b.o.th
	sec := legendSection{title: title}
	for _, w := range weightSamples(minW, maxW) {
		sec.items = append(sec.items, legendItem{label: formatScore(w), edge: []attr{
			{"color", str(th.muted)}, {"arrowhead", "none"}, {"penwidth", num(penWidth(w))}}})
	}
	b.f.legend = append(b.f.legend, sec)
}

// nodeLegend explains the actor colours and sizes and the claim boxes.
func (b *builder) nodeLegend(grp *groups, contested bool) {
	th := b.o.th
	if grp != nil {
		used := make([]bool, len(grp.entries))
		for a := range b.m.Actors {
			if b.actorShown(a) {
				used[grp.of[a]] = true
			}
		}
		title := "Actors by " + b.o.ColorBy
		if b.o.ColorBy == ColorByTag {
			title = "Actors by first tag"
		}
		sec := legendSection{title: title}
		for i, e := range grp.entries {
			if !used[i] {
				continue
			}
			style := "filled"
			if e.dashed {
				style = "filled,dashed"
			}
			n := []attr{{"shape", "ellipse"}, {"style", str(style)}, {"fillcolor", str(e.fill)},
				{"width", "0.4"}, {"height", "0.22"}}
			if e.periph > 1 {
				n = append(n, attr{"peripheries", fmt.Sprint(e.periph)})
			}
			label := e.label
			cut := coalitionNameMax
			if narrow(b.f.size.Width) {
				cut = coalitionNameMaxNarrow
			}
			for _, a := range e.members {
				// Name the coalition by a member the reader can find.
				if b.actorShown(a) {
					label = coalitionLabel(b.m, e.coalition, e.members, a, cut)
					break
				}
			}
			sec.items = append(sec.items, legendItem{label: label, node: n})
		}
		b.f.legend = append(b.f.legend, sec)
		b.shapeLegend()
		b.scaleLegend()
	}
	if b.f.View == ViewActors {
		return
	}
	sec := legendSection{title: "Claims"}
	sec.items = append(sec.items, legendItem{label: "claim", node: []attr{
		{"shape", "box"}, {"style", str("rounded,filled")}, {"fillcolor", str(th.claimFill)},
		{"width", "0.4"}, {"height", "0.22"}}})
	if contested {
		sec.items = append(sec.items, legendItem{label: "contested: supported and opposed", node: []attr{
			{"shape", "box"}, {"style", str("rounded,filled")}, {"fillcolor", str(th.contestedFill)},
			{"peripheries", "2"}, {"width", "0.4"}, {"height", "0.22"}}})
	}
	b.f.legend = append(b.f.legend, sec)
}

// scaleLegend shows the actor node sizes for the largest score shown, the
// smallest, and a round number about a quarter of the largest between.
func (b *builder) scaleLegend() {
	s := b.sizeLegend
	if s.max <= 0 {
		return
	}
	lo := s.max
	for a := range b.m.Actors {
		if b.actorShown(a) {
			lo = min(lo, b.actorScore(a))
		}
	}
	values := []float64{s.max}
	if mid := roundNice(s.max / 4); mid > lo && mid < s.max {
		values = append(values, mid)
	}
	if lo < s.max {
		values = append(values, lo)
	}
	th := b.o.th
	sec := legendSection{title: "Actor size: " + measureName(b.o.SizeBy), nested: true}
	for _, v := range values {
		w, h := s.size(v)
		sec.items = append(sec.items, legendItem{label: formatScore(v), node: []attr{
			{"shape", "ellipse"}, {"style", "filled"}, {"fillcolor", str(th.bg)}, {"color", str(th.muted)},
			{"width", num(w)}, {"height", num(h)}}})
	}
	b.f.legend = append(b.f.legend, sec)
}

// roundNice rounds v down to one significant digit (1, 2 or 5 times a
// power of ten), so legend samples show round numbers.
func roundNice(v float64) float64 {
	if v <= 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, f := range []float64{5, 2, 1} {
		if v >= f*p {
			return f * p
		}
	}
	return p
}

// measureName describes a centrality measure for a legend title.
func measureName(m string) string {
	switch m {
	case "degree":
		return "degree (statements)"
	case "pagerank":
		return "PageRank"
	case "betweenness":
		return "betweenness"
	case "harmonic":
		return "harmonic closeness"
	case "eigenvector":
		return "eigenvector centrality"
	case "hub", "authority":
		return "HITS " + m + " score"
	}
	return m
}

package render

import (
	"fmt"

	"github.com/claimnet/claimnet/graph"
)

// arguments builds the claim layer: the claims that support or attack
// another claim or are supported or attacked (or the Top most central of
// them), with an edge per argument link. Each claim's box counts its
// supporting (▲) and opposing (▼) actors.
func (b *builder) arguments() error {
	m, th := b.m, b.o.th
	linked := make([]bool, len(m.Claims))
	for _, e := range m.Arguments {
		if e.From != e.To {
			linked[e.From], linked[e.To] = true, true
		}
	}
	var cands []ranked
	for c := range m.Claims {
		if linked[c] {
			cands = append(cands, ranked{false, c})
		}
	}
	total := len(cands)
	keep, cut := b.topN(cands, b.o.Top)
	if cut {
		b.notes = append(b.notes, fmt.Sprintf("the %d most central of %d linked claims (%s)", len(keep), total, b.o.SizeBy))
	}
	in := make([]bool, len(m.Claims))
	for _, r := range keep {
		in[r.index] = true
	}
	deg := make([]int, len(m.Claims))
	var supports, attacks, contested bool
	var edges []dotEdge
	for _, e := range m.Arguments {
		if e.From == e.To || !in[e.From] || !in[e.To] {
			continue
		}
		deg[e.From]++
		deg[e.To]++
		st := argumentStyle(th, e.Type)
		if e.Type == graph.Supports {
			supports = true
		} else {
			attacks = true
		}
		edges = append(edges, dotEdge{claimID(m, e.From), claimID(m, e.To), append(st,
			attr{"tooltip", quote(m.Claims[e.From].ID + " " + e.Type + " " + m.Claims[e.To].ID)})})
	}
	b.addClaims(func(c int) bool {
		if in[c] && deg[c] > 0 && b.an.Claims[c].Contested {
			contested = true
		}
		return in[c] && deg[c] > 0
	}, true)
	b.g.edges = append(b.g.edges, edges...)
	// Premises below the claims they argue for; the separate argument
	// chains packed into a block rather than laid out in one long row.
	b.g.graphAttrs = append(b.g.graphAttrs, attr{"rankdir", "BT"}, attr{"pack", "true"})

	sec := legendSection{title: "Arguments (claim → claim)"}
	if supports {
		sec.items = append(sec.items, legendItem{label: "supports", edge: argumentStyle(th, graph.Supports)})
	}
	if attacks {
		sec.items = append(sec.items, legendItem{label: "attacks", edge: argumentStyle(th, graph.Attacks)})
	}
	b.f.legend = append(b.f.legend, sec)
	cs := legendSection{title: "Claims"}
	cs.items = append(cs.items, legendItem{label: "▲ supporting, ▼ opposing actors", node: []attr{
		{"shape", "box"}, {"style", str("rounded,filled")}, {"fillcolor", str(th.claimFill)},
		{"width", "0.4"}, {"height", "0.22"}}})
	if contested {
		cs.items = append(cs.items, legendItem{label: "contested: supported and opposed", node: []attr{
			{"shape", "box"}, {"style", str("rounded,filled")}, {"fillcolor", str(th.contestedFill)},
			{"peripheries", "2"}, {"width", "0.4"}, {"height", "0.22"}}})
	}
	b.f.legend = append(b.f.legend, cs)
	return nil
}

// argumentStyle is the look of a supports or attacks link between
// claims, matching the support and oppose edges of the other views.
func argumentStyle(th *theme, typ string) []attr {
	if typ == graph.Supports {
		return []attr{{"color", str(th.support)}, {"style", "solid"}, {"arrowhead", "normal"}, {"penwidth", "1.5"}}
	}
	return []attr{{"color", str(th.attack)}, {"style", "dashed"}, {"arrowhead", "tee"}, {"penwidth", "1.5"}}
}

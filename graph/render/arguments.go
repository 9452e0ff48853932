package render

import (
	"container/heap"
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
	in := make([]bool, len(m.Claims))
	if b.o.Top > 0 && total > b.o.Top {
		n := b.topLinked(b.o.Top, in)
		b.notes = append(b.notes, fmt.Sprintf("the %d most central of %d linked claims (%s), each linked to another one shown", n, total, b.o.SizeBy))
	} else {
		for _, r := range cands {
			in[r.index] = true
		}
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

// topLinked marks in up to n claims of the argument layer, chosen so that
// every one has an argument link to another chosen one: it starts from the
// most central claim (by SizeBy) and repeatedly adds the most central claim
// linked to one already chosen, starting again from the most central one
// left when none is (and two more fit). Taking the n most central claims
// regardless of links could leave none of them linked to another, and an
// empty figure. It returns the number chosen.
func (b *builder) topLinked(n int, in []bool) int {
	m := b.m
	na := len(m.Actors)
	// The claims each claim argues with, in either direction, from the
	// model's argument layer (claim nodes are numbered after the actors).
	adj := make([][]int, len(m.Claims))
	for c := range m.Claims {
		for _, v := range m.Neighbours(m.ClaimNode(c), graph.ArgumentLayer) {
			adj[c] = append(adj[c], int(v)-na)
		}
	}
	var order []int
	for _, v := range b.an.Rankings.ByMeasure[b.o.SizeBy] {
		if v >= na && len(adj[v-na]) > 0 {
			order = append(order, v-na)
		}
	}
	rank := make([]int, len(m.Claims))
	for i, c := range order {
		rank[c] = i
	}
	// frontier holds the ranks of unchosen claims linked to a chosen one,
	// the most central on top; next is where the search for the most
	// central unchosen claim resumes.
	frontier := &rankHeap{}
	chosen, next := 0, 0
	take := func(c int) {
		in[c] = true
		chosen++
		for _, d := range adj[c] {
			if !in[d] {
				heap.Push(frontier, rank[d])
			}
		}
	}
	for chosen < n {
		for frontier.Len() > 0 && in[order[(*frontier)[0]]] {
			heap.Pop(frontier)
		}
		if frontier.Len() > 0 {
			take(order[heap.Pop(frontier).(int)])
			continue
		}
		for next < len(order) && in[order[next]] {
			next++
		}
		if next == len(order) || n-chosen < 2 {
			break
		}
		take(order[next])
	}
	return chosen
}

// rankHeap is a min-heap of ranking positions.
type rankHeap []int

func (h rankHeap) Len() int           { return len(h) }
func (h rankHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h rankHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *rankHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *rankHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

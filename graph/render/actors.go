package render

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/claimnet/claimnet/graph/dnanet"
)

// actors builds the one-mode actor network: the actors with statements in
// the window (or the Top most central of them), an agreement edge for
// each pair with a positive congruence weight and a conflict edge for
// each pair with a positive conflict weight, both as dnanet.OneMode
// computes them (without normalisation). Agreement edges pull actors
// together in the layout; conflict edges are drawn at three times the
// length, so opponents sit apart.
func (b *builder) actors(ctx context.Context) error {
	m, th := b.m, b.o.th
	con, err := dnanet.OneMode(ctx, m, dnanet.NetworkOptions{Aggregate: dnanet.AggregateCongruence})
	if err != nil {
		return err
	}
	conf, err := dnanet.OneMode(ctx, m, dnanet.NetworkOptions{Aggregate: dnanet.AggregateConflict})
	if err != nil {
		return err
	}
	var cands []ranked
	for _, n := range con.Nodes {
		cands = append(cands, ranked{true, n.Index})
	}
	total := len(cands)
	keep, cut := b.topN(cands, b.o.Top)
	if cut {
		b.notes = append(b.notes, fmt.Sprintf("the %d most central of %d actors (%s)", len(keep), total, b.o.SizeBy))
	}
	in := make([]bool, len(m.Actors))
	for _, r := range keep {
		in[r.index] = true
	}
	// Join the two networks' edges into one list of actor pairs.
	type pair struct {
		a, c         int
		agree, confl float64
	}
	var ps []pair
	index := map[[2]int]int{}
	add := func(net *dnanet.Network, conflict bool) {
		for _, e := range net.Edges {
			a, c := net.Nodes[e.Source].Index, net.Nodes[e.Target].Index
			if a > c {
				a, c = c, a
			}
			if !in[a] || !in[c] || e.Weight <= 0 {
				continue
			}
			k := [2]int{a, c}
			i, ok := index[k]
			if !ok {
				i = len(ps)
				index[k] = i
				ps = append(ps, pair{a: a, c: c})
			}
			if conflict {
				ps[i].confl = e.Weight
			} else {
				ps[i].agree = e.Weight
			}
		}
	}
	add(con, false)
	add(conf, true)
	slices.SortFunc(ps, func(x, y pair) int {
		if x.a != y.a {
			return x.a - y.a
		}
		return x.c - y.c
	})
	// The weight threshold: MinWeight, raised when more pairs than
	// MaxEdges reach it to the weight of the MaxEdges-th heaviest pair;
	// of the pairs of exactly that weight, only the first tieKeep (in
	// actor order) are drawn.
	thr, tieKeep, eligible := b.o.MinWeight, -1, 0
	if limit := b.o.MaxEdges; limit > 0 {
		var ws []float64
		for _, p := range ps {
			if w := max(p.agree, p.confl); w >= thr {
				ws = append(ws, w)
			}
		}
		eligible = len(ws)
		if len(ws) > limit {
			slices.SortFunc(ws, func(x, y float64) int { return cmp.Compare(y, x) })
			thr = ws[limit-1]
			above, _ := slices.BinarySearchFunc(ws, thr, func(w, t float64) int { return cmp.Compare(t, w) })
			tieKeep = limit - above
		} else {
			eligible = 0
		}
	}
	deg := make([]int, len(m.Actors))
	var edges []dotEdge
	minW, maxW := 0.0, 0.0
	hidden, tiesHidden := 0, 0
	var agree, conflict, mixed bool
	for _, p := range ps {
		ag, cf := p.agree, p.confl
		if ag < thr {
			ag = 0
		}
		if cf < thr {
			cf = 0
		}
		if tieKeep >= 0 && max(ag, cf) == thr {
			if tieKeep == 0 {
				tiesHidden++
				continue
			}
			tieKeep--
		}
		if (p.agree > 0 && ag == 0) || (p.confl > 0 && cf == 0) {
			hidden++
		}
		var st []attr
		var tip string
		names := m.Actors[p.a].Name + " – " + m.Actors[p.c].Name
		switch {
		case ag > 0 && cf > 0:
			mixed = true
			st = mixedStyle(th, ag, cf)
			tip = fmt.Sprintf("%s: congruence weight %s, conflict weight %s", names, formatScore(ag), formatScore(cf))
		case ag > 0:
			agree = true
			st = agreementStyle(th, ag)
			tip = fmt.Sprintf("%s: congruence weight %s", names, formatScore(ag))
		case cf > 0:
			conflict = true
			st = conflictStyle(th, cf)
			tip = fmt.Sprintf("%s: conflict weight %s", names, formatScore(cf))
		default:
			continue
		}
		maxW = max(maxW, ag, cf)
		for _, w := range []float64{ag, cf} {
			if w > 0 && (minW == 0 || w < minW) {
				minW = w
			}
		}
		deg[p.a]++
		deg[p.c]++
		edges = append(edges, dotEdge{actorID(m, p.a), actorID(m, p.c), append(st, attr{"tooltip", quote(tip)})})
	}
	switch {
	case eligible > 0:
		// The threshold was raised to keep MaxEdges pairs.
		note := fmt.Sprintf("the %d heaviest of %d actor pairs: %s of weight below %s hidden",
			b.o.MaxEdges, eligible, plural(hidden, "edge", "edges"), num(thr))
		if tiesHidden > 0 {
			note += fmt.Sprintf(", and %s of weight %s (the last in actor order)", plural(tiesHidden, "pair", "pairs"), num(thr))
		}
		b.notes = append(b.notes, note)
		// A network this dense gains little from edges routed around the
		// nodes, and routing its 200 edges took 2 to 4 s.
		b.straight = true
	case hidden > 0:
		b.notes = append(b.notes, fmt.Sprintf("%s of weight below %s hidden", plural(hidden, "edge", "edges"), num(thr)))
	}
	grp, err := actorGroups(m, b.an, b.o)
	if err != nil {
		return err
	}
	b.addActors(grp, func(a int) bool { return in[a] && deg[a] > 0 })
	b.g.edges = append(b.g.edges, edges...)

	sec := legendSection{title: "Actor pairs"}
	if agree {
		sec.items = append(sec.items, legendItem{label: "agree: same stance on a claim", edge: agreementStyle(th, 2)})
	}
	if conflict {
		sec.items = append(sec.items, legendItem{label: "conflict: opposite stances", edge: conflictStyle(th, 2)})
	}
	if mixed {
		sec.items = append(sec.items, legendItem{label: "both, on different claims", edge: mixedStyle(th, 2, 2)})
	}
	if len(sec.items) > 0 {
		b.f.legend = append(b.f.legend, sec)
	}
	b.widthLegend(minW, maxW, "Line width: weight of the pair")
	b.nodeLegend(grp, false)
	return nil
}

// agreementStyle and conflictStyle are the looks of the undirected
// actor–actor edges: agreement solid in the support colour, conflict
// dashed in the oppose colour.
func agreementStyle(th *theme, w float64) []attr {
	return []attr{{"color", str(th.agree)}, {"style", "solid"}, {"dir", "none"},
		{"penwidth", num(penWidth(w))}, {"len", "1.2"}, {"weight", num(w)}}
}

// mixedStyle is the look of a pair that both agrees and conflicts (on
// different claims, or one of them reversing): two parallel lines in the
// agreement and conflict colours, as wide as the heavier weight.
func mixedStyle(th *theme, agree, conflict float64) []attr {
	w := max(agree, conflict)
	l, weight := "1.2", num(agree)
	if conflict > agree {
		l, weight = "3.6", "0.2"
	}
	return []attr{{"color", str(th.agree + ":" + th.oppose)}, {"style", "solid"}, {"dir", "none"},
		{"penwidth", num(max(penWidth(w)/2, 1))}, {"len", l}, {"weight", weight}}
}

func conflictStyle(th *theme, w float64) []attr {
	return []attr{{"color", str(th.oppose)}, {"style", "dashed"}, {"dir", "none"},
		{"penwidth", num(penWidth(w))}, {"len", "3.6"}, {"weight", "0.2"}}
}

package analysis

import (
	"cmp"
	"slices"
)

// Rankings are the orders in which an Analysis's results are read: every
// "most central" and "most contested" list in claimnet (the analyse
// tables, render's Top, the query functions centrality and contested)
// comes from here, so they all agree. Analyze computes them once.
type Rankings struct {
	// ByMeasure maps each measure name (Measures) to every node of the
	// two-mode graph, as an index (actors 0..A−1, claims A..A+C−1, as in
	// graph.Model.TwoMode), by score on the measure from highest to
	// lowest, ties in node order (actors before claims, model order).
	ByMeasure map[string][]int
	// Contested lists the indices of the contested claims, by
	// contestation from highest to lowest; ties by the number of distinct
	// actors taking part (len(Supporters) + len(Opposers)), more first;
	// remaining ties in model order.
	Contested []int
}

// rank computes an's Rankings from its results.
func rank(an *Analysis) {
	na := len(an.Actors)
	n := na + len(an.Claims)
	// The scores are read out of the per-node maps once; reading them in
	// the comparison cost a second on 70,000 nodes.
	score := make([]float64, n)
	an.Rankings.ByMeasure = make(map[string][]int, len(Measures))
	for _, measure := range Measures {
		order := make([]int, n)
		for v := range order {
			order[v] = v
			if v < na {
				score[v] = an.Actors[v].Centrality[measure]
			} else {
				score[v] = an.Claims[v-na].Centrality[measure]
			}
		}
		// Ties in model order: the same order a stable sort gives.
		slices.SortFunc(order, func(x, y int) int {
			if c := cmp.Compare(score[y], score[x]); c != 0 {
				return c
			}
			return cmp.Compare(x, y)
		})
		an.Rankings.ByMeasure[measure] = order
	}
	an.Rankings.Contested = []int{}
	for i, c := range an.Claims {
		if c.Contested {
			an.Rankings.Contested = append(an.Rankings.Contested, i)
		}
	}
	slices.SortStableFunc(an.Rankings.Contested, func(x, y int) int {
		cx, cy := &an.Claims[x], &an.Claims[y]
		if c := cmp.Compare(cy.Contestation, cx.Contestation); c != 0 {
			return c
		}
		return cmp.Compare(len(cy.Supporters)+len(cy.Opposers), len(cx.Supporters)+len(cx.Opposers))
	})
}

// TopActors returns the indices of up to n actors with a positive score on
// the measure and a stance edge in the analysed window, in the order of
// Rankings.ByMeasure (n < 0: all of them).
func (an *Analysis) TopActors(measure string, n int) []int {
	return an.top(measure, n, 0, len(an.Actors))
}

// TopClaims returns the indices of up to n claims with a positive score on
// the measure and a stance edge in the analysed window, in the order of
// Rankings.ByMeasure (n < 0: all of them).
func (an *Analysis) TopClaims(measure string, n int) []int {
	return an.top(measure, n, len(an.Actors), len(an.Actors)+len(an.Claims))
}

// top returns, shifted down by lo, up to n nodes in lo..hi−1 with a
// positive score, in ranking order.
func (an *Analysis) top(measure string, n, lo, hi int) []int {
	out := []int{}
	for _, v := range an.Rankings.ByMeasure[measure] {
		if n >= 0 && len(out) >= n {
			break
		}
		if v < lo || v >= hi {
			continue
		}
		var s float64
		if v < len(an.Actors) {
			s = an.Actors[v].Centrality[measure]
		} else {
			s = an.Claims[v-len(an.Actors)].Centrality[measure]
		}
		if !(s > 0) {
			break // the rest of the ranking scores no more
		}
		// A node without statements in the window scores under PageRank
		// all the same (the teleport share); it is not among the top.
		if an.degree(v) == 0 {
			continue
		}
		out = append(out, v-lo)
	}
	return out
}

// degree returns node v's degree score (actors first, then claims).
func (an *Analysis) degree(v int) float64 {
	if v < len(an.Actors) {
		return an.Actors[v].Centrality[Degree]
	}
	return an.Claims[v-len(an.Actors)].Centrality[Degree]
}

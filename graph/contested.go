package graph

import (
	"fmt"
	"slices"

	"github.com/claimnet/claimnet/annotations"
)

// contest fills each claim's supporters, opposers, Contested and
// Contestation, and the Analysis's Reversals and Conflicts. All are
// computed over the Model's stance edges, so over the statements within
// its window.
//
// Definitions, with S(c) the distinct actors with a supporting statement
// on claim c and O(c) those with an opposing one (an actor holding both
// stances is in both):
//
//   - c is contested when some a ∈ S(c) and b ∈ O(c) have a ≠ b. An actor
//     alone holding both stances does not make a claim contested.
//   - contestation(c) = 1 − |s − o|/(s + o) with s = |S(c)|, o = |O(c)|, when
//     c is contested, and 0 otherwise: 1 when the actors are evenly split,
//     falling towards 0 as one side dominates.
//   - a reversal is an actor in S(c) ∩ O(c); First and Last are the
//     earliest and latest dates of its statements on c.
//   - a conflict edge is an unordered pair {a, b}, a ≠ b, with a ∈ S(c) and
//     b ∈ O(c), listed once per claim.
//
// Reversals are ordered by actor, then claim; conflicts by claim, then the
// first actor, then the second, all in model order. A claim with s
// supporters, o opposers and i actors on both sides has s·o − i − i(i−1)/2
// conflict edges, so a large dataset has millions: only the first limit
// of them are listed (all when limit < 0), and an.Methods["conflicts"]
// says how many there are.
func contest(m *Model, an *Analysis, limit int) {
	type reversalAt struct{ actor, claim int }
	var reversals []reversalAt
	var sup, opp []int
	var pairs [][2]int
	total := 0
	for c := range m.Claims {
		sup, opp = sup[:0], opp[:0]
		// The claim's edges are by actor, support before oppose.
		for _, e := range m.byClaim[m.claimOff[c]:m.claimOff[c+1]] {
			st := m.Stances[e]
			if st.Stance == annotations.Support {
				sup = append(sup, st.Actor)
			} else {
				opp = append(opp, st.Actor)
			}
		}
		cr := &an.Claims[c]
		for _, a := range sup {
			cr.Supporters = append(cr.Supporters, m.Actors[a].ID)
		}
		for _, a := range opp {
			cr.Opposers = append(cr.Opposers, m.Actors[a].ID)
		}
		// Contested unless there is no pair of distinct actors across the
		// two sides: either side empty, or both are the same single actor.
		cr.Contested = len(sup) > 0 && len(opp) > 0 && !(len(sup) == 1 && len(opp) == 1 && sup[0] == opp[0])
		if cr.Contested {
			s, o := float64(len(sup)), float64(len(opp))
			d := s - o
			if d < 0 {
				d = -d
			}
			cr.Contestation = 1 - d/(s+o)
		}
		// Reversals: actors on both sides (both lists are sorted).
		both := 0
		for i, j := 0, 0; i < len(sup) && j < len(opp); {
			switch {
			case sup[i] < opp[j]:
				i++
			case sup[i] > opp[j]:
				j++
			default:
				reversals = append(reversals, reversalAt{sup[i], c})
				both++
				i++
				j++
			}
		}
		if !cr.Contested {
			continue
		}
		count := len(sup)*len(opp) - both - both*(both-1)/2
		total += count
		if limit >= 0 && len(an.Conflicts) >= limit {
			continue
		}
		// Conflict pairs: every distinct a ∈ S, b ∈ O, as an unordered
		// pair; sorting and dropping repeats keeps each pair once when both
		// actors hold both stances.
		pairs = pairs[:0]
		for _, a := range sup {
			for _, b := range opp {
				if a != b {
					pairs = append(pairs, [2]int{min(a, b), max(a, b)})
				}
			}
		}
		slices.SortFunc(pairs, func(x, y [2]int) int {
			if x[0] != y[0] {
				return x[0] - y[0]
			}
			return x[1] - y[1]
		})
		pairs = slices.Compact(pairs)
		if limit >= 0 && len(an.Conflicts)+len(pairs) > limit {
			pairs = pairs[:limit-len(an.Conflicts)]
		}
		for _, p := range pairs {
			an.Conflicts = append(an.Conflicts, ConflictEdge{A: m.Actors[p[0]].ID, B: m.Actors[p[1]].ID, Claim: m.Claims[c].ID})
		}
	}
	// Reversals were found by claim; order them by actor, then claim, and
	// take their dates from the actor's edges on the claim.
	slices.SortFunc(reversals, func(x, y reversalAt) int {
		if x.actor != y.actor {
			return x.actor - y.actor
		}
		return x.claim - y.claim
	})
	an.Reversals = make([]Reversal, 0, len(reversals))
	for _, r := range reversals {
		var first, last annotations.Date
		for e := m.actorOff[r.actor]; e < m.actorOff[r.actor+1]; e++ {
			st := m.Stances[e]
			if st.Claim != r.claim {
				continue
			}
			if st.First != 0 && (first == 0 || st.First < first) {
				first = st.First
			}
			if st.Last > last {
				last = st.Last
			}
		}
		an.Reversals = append(an.Reversals, Reversal{Actor: m.Actors[r.actor].ID, Claim: m.Claims[r.claim].ID, First: first, Last: last})
	}
	if an.Conflicts == nil {
		an.Conflicts = []ConflictEdge{}
	}
	if len(an.Conflicts) == total {
		an.Methods["conflicts"] = fmt.Sprintf("all %d", total)
	} else {
		an.Methods["conflicts"] = fmt.Sprintf("first %d of %d (raise the limit with WithConflictLimit)", len(an.Conflicts), total)
	}
}

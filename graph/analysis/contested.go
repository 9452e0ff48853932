package analysis

import (
	"fmt"
	"slices"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
)

// Contestation returns the contestation of every claim of m, in model
// order: 1 − |s − o|/(s + o) for a contested claim, with s its distinct
// supporters and o its distinct opposers in the window, and 0 for a claim
// that is not contested (no two distinct actors on opposite sides).
func Contestation(m *graph.Model) []float64 {
	an := shell(m)
	contest(m, an, 0)
	out := make([]float64, len(an.Claims))
	for i, c := range an.Claims {
		out[i] = c.Contestation
	}
	return out
}

// Reversals returns the actors of m that hold both stances on a claim in
// the window, by actor, then claim, in model order.
func Reversals(m *graph.Model) []Reversal {
	an := shell(m)
	contest(m, an, 0)
	return an.Reversals
}

// Conflicts returns the conflict edges of m, the pairs {a, b} of distinct
// actors with a supporting and b opposing the same claim, once per claim,
// ordered by claim, then the actors in model order: the first limit of
// them (all when limit < 0), and how many there are.
func Conflicts(m *graph.Model, limit int) (edges []ConflictEdge, total int) {
	an := shell(m)
	total = contest(m, an, limit)
	return an.Conflicts, total
}

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
func contest(m *graph.Model, an *Analysis, limit int) (conflicts int) {
	type reversalAt struct{ actor, claim int }
	var reversals []reversalAt
	var sup, opp []int
	total := 0
	for c := range m.Claims {
		sup, opp = sup[:0], opp[:0]
		// The claim's edges are by actor, support before oppose.
		for _, e := range m.ClaimEdgeIndices(c) {
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
		room := count
		if limit >= 0 {
			room = min(room, limit-len(an.Conflicts))
		}
		an.Conflicts = conflictPairs(an.Conflicts, m, c, sup, opp, room)
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
		// The actor's edges are sorted by claim: its one or two edges on
		// the claim are found by binary search.
		lo, hi := m.ActorEdgeRange(r.actor)
		edges := m.Stances[lo:hi]
		i, _ := slices.BinarySearchFunc(edges, r.claim, func(e graph.StanceEdge, c int) int { return e.Claim - c })
		var first, last annotations.Date
		for ; i < len(edges) && edges[i].Claim == r.claim; i++ {
			st := edges[i]
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
	return total
}

// conflictPairs appends to out the first room conflict edges of claim c,
// whose supporters sup and opposers opp are sorted actor indices: every
// unordered pair {a, b}, a ≠ b, of a ∈ sup and b ∈ opp, once, ordered by
// the lesser actor, then the greater.
//
// It walks the actors of sup ∪ opp in increasing order; the partners of
// actor x that come after it are the opposers after x when x supports, the
// supporters after x when it opposes, and both lists merged (without
// repeats) when it holds both stances. Both tails are found by pointers
// that only move forward, so the cost is O(len(sup) + len(opp) + room), not
// that of all the claim's pairs.
func conflictPairs(out []ConflictEdge, m *graph.Model, c int, sup, opp []int, room int) []ConflictEdge {
	claim := m.Claims[c].ID
	emit := func(a, b int) bool {
		out = append(out, ConflictEdge{A: m.Actors[a].ID, B: m.Actors[b].ID, Claim: claim})
		room--
		return room > 0
	}
	if room <= 0 {
		return out
	}
	i, j := 0, 0 // next unvisited supporter and opposer
	for i < len(sup) || j < len(opp) {
		var x int
		inS, inO := false, false
		switch {
		case j == len(opp) || (i < len(sup) && sup[i] < opp[j]):
			x, inS = sup[i], true
			i++
		case i == len(sup) || opp[j] < sup[i]:
			x, inO = opp[j], true
			j++
		default: // sup[i] == opp[j]
			x, inS, inO = sup[i], true, true
			i++
			j++
		}
		// sup[i:] and opp[j:] are the actors after x.
		switch {
		case inS && inO:
			for p, q := i, j; p < len(sup) || q < len(opp); {
				var y int
				switch {
				case q == len(opp) || (p < len(sup) && sup[p] < opp[q]):
					y = sup[p]
					p++
				case p == len(sup) || opp[q] < sup[p]:
					y = opp[q]
					q++
				default:
					y = sup[p]
					p++
					q++
				}
				if !emit(x, y) {
					return out
				}
			}
		case inS:
			for _, y := range opp[j:] {
				if !emit(x, y) {
					return out
				}
			}
		default:
			for _, y := range sup[i:] {
				if !emit(x, y) {
					return out
				}
			}
		}
	}
	return out
}

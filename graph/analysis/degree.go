package analysis

import (
	"github.com/claimnet/claimnet/graph"
)

// DegreeCentrality returns each node's weighted degree in the two-mode
// graph of m, deg(v) = Σ_u w(v,u): the number of statements on v's stance
// edges (for an actor, its statements in the window; for a claim, the
// statements on it). Scores are indexed as the two-mode graph's nodes.
func DegreeCentrality(m *graph.Model) []float64 {
	return tidyScores(weightedDegree(m.CSR()))
}

// weightedDegree returns each node's weighted degree in the two-mode
// graph: deg(v) = Σ_u w(v,u), the number of statements on v's stance
// edges (for an actor, its statements in the window; for a claim, the
// statements on it).
func weightedDegree(g *graph.CSR) []float64 {
	deg := make([]float64, g.N)
	for v := range g.N {
		_, w := g.Neighbours(v)
		for _, x := range w {
			deg[v] += x
		}
	}
	return deg
}

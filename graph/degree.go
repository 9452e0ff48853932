package graph

// weightedDegree returns each node's weighted degree in the two-mode
// graph: deg(v) = Σ_u w(v,u), the number of statements on v's stance
// edges (for an actor, its statements in the window; for a claim, the
// statements on it).
func weightedDegree(g *csr) []float64 {
	deg := make([]float64, g.n)
	for v := range g.n {
		_, w := g.neighbours(v)
		for _, x := range w {
			deg[v] += x
		}
	}
	return deg
}

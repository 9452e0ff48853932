package graph

import "context"

// centralities computes every centrality measure on the two-mode csr g
// and stores them in an, recording in an.Methods how each was computed.
func centralities(ctx context.Context, m *Model, g *csr, an *Analysis, cfg *analyzeConfig) error {
	setCentrality(an, Degree, weightedDegree(g))
	an.Methods[Degree] = "exact"
	for _, name := range Measures[1:] {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Filled in by the measures' own files.
		setCentrality(an, name, make([]float64, g.n))
	}
	return nil
}

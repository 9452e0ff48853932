package analysis

import (
	"context"
	"fmt"
	"math"

	"github.com/claimnet/claimnet/graph"
)

// Node scores. Every centrality function returns one score per node of
// the model's two-mode graph (graph.Model.TwoMode, graph.CSR): actors at
// 0..A−1 and claims at A..A+C−1, rounded as Analyze stores them (see
// tidyScores).

// shortestPaths runs the breadth-first searches of betweenness and
// harmonic closeness on g, sampling pivots when g has more nodes than the
// threshold and exact is not set.
func (cfg *analyzeConfig) shortestPaths(ctx context.Context, g *graph.CSR) (*pathScores, error) {
	sample := 0
	if !cfg.exact && g.N > cfg.threshold {
		sample = cfg.pivots
	}
	return shortestPaths(ctx, g, sample, cfg.seed)
}

// centralities computes every centrality measure on the two-mode csr g
// and stores them in an, recording in methods how each was computed.
// Each measure is defined in its own file: degree.go, betweenness.go,
// harmonic.go, pagerank.go, eigenvector.go, hits.go.
func centralities(ctx context.Context, g *graph.CSR, an *Analysis, methods map[string]string, cfg *analyzeConfig) error {
	setCentrality(an, Degree, weightedDegree(g))
	methods[Degree] = "exact"

	ps, err := cfg.shortestPaths(ctx, g)
	if err != nil {
		return err
	}
	setCentrality(an, Betweenness, ps.betweenness)
	setCentrality(an, Harmonic, ps.harmonic)
	method := "exact"
	if ps.sampled > 0 {
		// The Hoeffding bound of one node's normalised score at p = 0.05.
		eps := float64(ps.active) / float64(g.N-1) * math.Sqrt(math.Log(2/0.05)/(2*float64(ps.sampled)))
		method = fmt.Sprintf("sampled (%d pivots of %d nodes with edges, seed %d; per-node error ≤ %.3f with probability 0.95)",
			ps.sampled, ps.active, cfg.seed, eps)
	}
	methods[Betweenness] = method
	methods[Harmonic] = method

	pr, it, err := pageRank(ctx, g)
	if err != nil {
		return err
	}
	setCentrality(an, PageRank, pr)
	methods[PageRank] = fmt.Sprintf("exact (power iteration, %d steps)", it)

	ev, it, err := eigenvector(ctx, g)
	if err != nil {
		return err
	}
	setCentrality(an, Eigenvector, ev)
	methods[Eigenvector] = fmt.Sprintf("exact (power iteration on A², %d steps)", it)

	hub, auth, it, err := hits(ctx, g)
	if err != nil {
		return err
	}
	setCentrality(an, Hub, hub)
	setCentrality(an, Authority, auth)
	methods[Hub] = fmt.Sprintf("exact (power iteration, %d steps)", it)
	methods[Authority] = methods[Hub]
	return nil
}

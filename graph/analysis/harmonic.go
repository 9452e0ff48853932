package analysis

import (
	"context"

	"github.com/claimnet/claimnet/graph"
)

// HarmonicCentrality returns the normalised harmonic closeness of every
// node of m's two-mode graph, ignoring statement counts:
//
//	H(v) = 1/(n−1) · Σ_{u≠v} 1/d(u,v)
//
// with n the number of nodes, d(u,v) the number of edges on a shortest
// path and 1/d = 0 when v cannot be reached (the definition in full is the
// comment above). Above the sample threshold of opts it is the sampled
// estimate. Scores are indexed as the two-mode graph's nodes.
func HarmonicCentrality(ctx context.Context, m *graph.Model, opts ...AnalyzeOption) ([]float64, error) {
	ps, err := pathScoresOf(ctx, m, opts)
	if err != nil {
		return nil, err
	}
	return tidyScores(ps.harmonic), nil
}

// Harmonic closeness, normalised, on the unweighted undirected two-mode
// graph (csr; an edge is an edge whatever its statement count):
//
//	H(v) = 1/(n−1) · Σ_{u≠v} 1/d(u,v)
//
// where n is the number of nodes (every actor and claim of the model,
// isolated ones included), d(u,v) the number of edges on a shortest u–v
// path and 1/d = 0 when v cannot be reached. H is in [0, 1]: networkx's
// harmonic_centrality divided by n−1, and gonum's network.Harmonic over
// unit-weight shortest paths divided by n−1. It is 0 when n ≤ 1.
//
// It comes from the same breadth-first searches as betweenness (see
// shortestPaths): the search from s adds 1/d(s,v) to every v it reaches.
// Above the sample threshold the sum over u is estimated from the same k
// pivots, drawn from the n' nodes with an edge and scaled by n'/k (an
// unbiased estimate). Each term 1/d is in [0, 1], so by Hoeffding's
// inequality one node's normalised score is within ε =
// (n'/(n−1))·sqrt(ln(2/p)/(2k)) of its exact value with probability at
// least 1−p.

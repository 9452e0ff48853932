package analysis

import (
	"context"
	"fmt"
	"math"

	"github.com/claimnet/claimnet/graph"
)

// PageRank parameters.
const (
	// PageRankDamping is the damping factor d.
	PageRankDamping = 0.85
	// PageRankTolerance ends the iteration: it stops once the L1 norm of
	// the change of the score vector is below it.
	PageRankTolerance = 1e-12
	// maxIterations bounds every power iteration.
	maxIterations = 10000
)

// PageRankCentrality returns the PageRank of every node of m's two-mode
// graph, each edge taken as two arcs weighted by its statement count,
//
//	PR(v) = (1−d)/n + d · ( Σ_{u∈N(v)} PR(u)·w(u,v)/k(u) + Σ_{u: k(u)=0} PR(u)/n ),
//
// with d = PageRankDamping, n the number of nodes and k(u) the weighted
// degree (pageRank below gives the details). Scores are indexed as the
// two-mode graph's nodes.
func PageRankCentrality(ctx context.Context, m *graph.Model) ([]float64, error) {
	pr, _, err := pageRank(ctx, m.CSR())
	if err != nil {
		return nil, err
	}
	return tidyScores(pr), nil
}

// pageRank returns the PageRank of every node of the two-mode graph g,
// each undirected edge taken as two arcs weighted by its statement count:
//
//	PR(v) = (1−d)/n + d · ( Σ_{u∈N(v)} PR(u)·w(u,v)/k(u) + Σ_{u: k(u)=0} PR(u)/n )
//
// with d = PageRankDamping, n the number of nodes and k(u) = Σ_x w(u,x)
// the weighted degree: a node without edges (a dangling node) spreads its
// score uniformly over all nodes. The scores sum to 1. The power
// iteration starts from the uniform vector 1/n and stops when
// Σ_v |PR_{t+1}(v) − PR_t(v)| < PageRankTolerance; it is deterministic
// (nodes in index order, neighbours in csr order). This is networkx's
// pagerank(alpha=0.85) with weights and gonum's network.PageRank on the
// graph with both arcs (which starts from a random vector).
func pageRank(ctx context.Context, g *graph.CSR) ([]float64, int, error) {
	n := g.N
	if n == 0 {
		return nil, 0, nil
	}
	d := PageRankDamping
	k := weightedDegree(g)
	x := make([]float64, n)
	y := make([]float64, n)
	xs := make([]float64, n)
	for v := range x {
		x[v] = 1 / float64(n)
	}
	for it := 1; it <= maxIterations; it++ {
		if it%32 == 0 && ctx.Err() != nil {
			return nil, it, ctx.Err()
		}
		dangling := 0.0
		for u := range n {
			if k[u] == 0 {
				dangling += x[u]
				xs[u] = 0
			} else {
				xs[u] = x[u] / k[u]
			}
		}
		base := (1-d)/float64(n) + d*dangling/float64(n)
		diff := 0.0
		for v := range n {
			s := 0.0
			lo, hi := g.Off[v], g.Off[v+1]
			for i := lo; i < hi; i++ {
				s += xs[g.Adj[i]] * g.W[i]
			}
			y[v] = base + d*s
			diff += math.Abs(y[v] - x[v])
		}
		x, y = y, x
		if diff < PageRankTolerance {
			return x, it, nil
		}
	}
	return nil, maxIterations, fmt.Errorf("pagerank: no convergence in %d iterations", maxIterations)
}

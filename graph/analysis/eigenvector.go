package analysis

import (
	"context"
	"fmt"
	"math"

	"github.com/claimnet/claimnet/graph"
)

// EigenvectorTolerance ends the eigenvector and HITS iterations: they stop
// once the L1 norm of the change of the (L2-normalised) vector is below
// it.
const EigenvectorTolerance = 1e-12

// EigenvectorCentrality returns the eigenvector centrality of every node
// of m's two-mode graph: the principal eigenvector x of its weighted
// adjacency matrix A (A_uv the statement count of the edge u–v),
// non-negative and scaled to ‖x‖₂ = 1, λ₁ x(v) = Σ_{u∈N(v)} w(u,v) x(u)
// (eigenvector below gives how it is computed). Scores are indexed as the
// two-mode graph's nodes.
func EigenvectorCentrality(ctx context.Context, m *graph.Model) ([]float64, error) {
	ev, _, err := eigenvector(ctx, m.CSR())
	if err != nil {
		return nil, err
	}
	return tidyScores(ev), nil
}

// eigenvector returns the eigenvector centrality of every node of the
// two-mode graph g: the principal eigenvector x of its weighted adjacency
// matrix A (A_uv = statement count of the edge u–v), non-negative and
// scaled to ‖x‖₂ = 1,
//
//	λ₁ x(v) = Σ_{u∈N(v)} w(u,v) x(u).
//
// The two-mode graph is bipartite, so its eigenvalues come in pairs ±λ
// and plain power iteration on A swings between two vectors without
// settling. Shifting to A + I (networkx's eigenvector_centrality) does not
// help in practice: the ratio (λ₁−1)/(λ₁+1) that sets its speed is close
// to 1 when λ₁ is large (thousands of iterations on a million statements).
// The iteration is therefore on A², whose top eigenvalue λ₁² has the
// actor part (u, 0) and the claim part (0, v) of x as eigenvectors:
// y_{t+1} = A²y_t / ‖A²y_t‖₂ from the uniform vector, until
// Σ_v |y_{t+1}(v) − y_t(v)| < EigenvectorTolerance, which converges at the
// rate (λ₂/λ₁)². The limit is (αu, βv) for some α, β > 0, and
// y + Ay/λ₁ = (α+β)(u, v) recovers x after normalising. As a consequence
// (an identity the tests check) an actor's eigenvector centrality is its
// HITS hub score divided by √2 and a claim's its authority score divided
// by √2. When the graph has several components the vector is on the
// component with the largest λ₁ and is 0 elsewhere.
func eigenvector(ctx context.Context, g *graph.CSR) ([]float64, int, error) {
	n := g.N
	if n == 0 {
		return nil, 0, nil
	}
	y := make([]float64, n)
	t := make([]float64, n)
	next := make([]float64, n)
	for v := range y {
		y[v] = 1 / math.Sqrt(float64(n))
	}
	for it := 1; it <= maxIterations; it++ {
		if it%32 == 0 && ctx.Err() != nil {
			return nil, it, ctx.Err()
		}
		g.MulVec(t, y)
		norm := math.Sqrt(g.MulVec(next, t))
		if norm == 0 { // no edges: every score is 0
			clear(y)
			return y, it, nil
		}
		diff := scaleDiff(next, y, norm)
		y, next = next, y
		if diff < EigenvectorTolerance {
			// Ay has norm λ₁‖y‖ = λ₁.
			lambda := math.Sqrt(g.MulVec(t, y))
			norm := 0.0
			for v := range y {
				y[v] += t[v] / lambda
				norm += y[v] * y[v]
			}
			norm = math.Sqrt(norm)
			for v := range y {
				y[v] /= norm
			}
			return y, it, nil
		}
	}
	return nil, maxIterations, fmt.Errorf("eigenvector: no convergence in %d iterations", maxIterations)
}

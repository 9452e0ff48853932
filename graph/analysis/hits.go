package analysis

import (
	"context"
	"fmt"
	"math"

	"github.com/claimnet/claimnet/graph"
)

// HITS returns Kleinberg's hub and authority scores of every node of m's
// directed actor→claim graph, each arc weighted by its statement count
// W_ac: auth(c) ∝ Σ_a W_ac · hub(a) and hub(a) ∝ Σ_c W_ac · auth(c), each
// vector scaled to ‖·‖₂ = 1 (hits below gives the details). Actors are the
// hubs and claims the authorities. Scores are indexed as the two-mode
// graph's nodes.
func HITS(ctx context.Context, m *graph.Model) (hub, authority []float64, err error) {
	hub, authority, _, err = hits(ctx, m.CSR())
	if err != nil {
		return nil, nil, err
	}
	return tidyScores(hub), tidyScores(authority), nil
}

// hits returns Kleinberg's hub and authority scores on the directed
// actor→claim graph, each arc weighted by its statement count W_ac:
//
//	auth(c) ∝ Σ_a W_ac · hub(a),    hub(a) ∝ Σ_c W_ac · auth(c),
//
// each vector scaled to ‖·‖₂ = 1. Only actors have out-arcs and only
// claims in-arcs, so a claim's hub score and an actor's authority score
// are 0: actors are the hubs and claims the authorities. The iteration
// starts from hub = 1 on every node and alternates the two updates
// (authorities first, as gonum's network.HITS does) until both vectors
// change by less than EigenvectorTolerance in L1 norm; hub is then the
// principal left and auth the principal right singular vector of W. With
// unit weights this is gonum's network.HITS; with statement counts it is
// networkx's hits with weights, scaled to unit L2 norm instead of unit
// sum.
func hits(ctx context.Context, g *graph.CSR) (hub, auth []float64, iterations int, err error) {
	n, na := g.N, g.Actors
	hub = make([]float64, n)
	auth = make([]float64, n)
	if n == 0 {
		return hub, auth, 0, nil
	}
	for v := range na {
		hub[v] = 1
	}
	nextHub := make([]float64, n)
	nextAuth := make([]float64, n)
	for it := 1; it <= maxIterations; it++ {
		if it%32 == 0 && ctx.Err() != nil {
			return nil, nil, it, ctx.Err()
		}
		// Authorities: claims, from the hubs of their actors.
		norm := 0.0
		for c := na; c < n; c++ {
			s := 0.0
			lo, hi := g.Off[c], g.Off[c+1]
			for i := lo; i < hi; i++ {
				s += hub[g.Adj[i]] * g.W[i]
			}
			nextAuth[c] = s
			norm += s * s
		}
		dAuth := scaleDiff(nextAuth[na:], auth[na:], math.Sqrt(norm))
		auth, nextAuth = nextAuth, auth
		// Hubs: actors, from the authorities of their claims.
		norm = 0
		for a := range na {
			s := 0.0
			lo, hi := g.Off[a], g.Off[a+1]
			for i := lo; i < hi; i++ {
				s += auth[g.Adj[i]] * g.W[i]
			}
			nextHub[a] = s
			norm += s * s
		}
		dHub := scaleDiff(nextHub[:na], hub[:na], math.Sqrt(norm))
		hub, nextHub = nextHub, hub
		if dAuth < EigenvectorTolerance && dHub < EigenvectorTolerance {
			return hub, auth, it, nil
		}
	}
	return nil, nil, maxIterations, fmt.Errorf("hits: no convergence in %d iterations", maxIterations)
}

// scaleDiff divides next by norm (when it is not 0) and returns the L1
// norm of next − prev.
func scaleDiff(next, prev []float64, norm float64) float64 {
	d := 0.0
	for i := range next {
		if norm > 0 {
			next[i] /= norm
		}
		d += math.Abs(next[i] - prev[i])
	}
	return d
}

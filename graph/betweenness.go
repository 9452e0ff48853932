package graph

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
)

// Betweenness centrality, normalised, on the unweighted undirected
// two-mode graph (csr; statement counts are ignored, an edge is an edge):
//
//	C_B(v) = 2/((n−1)(n−2)) · Σ_{s<t; s,t≠v} σ_st(v)/σ_st
//
// where n is the number of nodes (every actor and claim of the model,
// isolated ones included), σ_st is the number of shortest s–t paths and
// σ_st(v) the number of them through v. Each unordered pair counts once,
// so C_B is in [0, 1]: networkx's betweenness_centrality(normalized=True),
// and gonum's network.Betweenness divided by (n−1)(n−2). It is 0 when
// n ≤ 2.
//
// It is computed with Brandes' algorithm (U. Brandes, A faster algorithm
// for betweenness centrality, J. Math. Sociol. 25(2), 2001): a breadth-
// first search from every source s, then the dependencies δ_s(v) =
// Σ_{w: v precedes w} σ_sv/σ_sw · (1 + δ_s(w)) accumulated in reverse
// order, so that Σ_s δ_s(v) = Σ_{s≠t} σ_st(v)/σ_st (ordered pairs, twice
// the unordered sum).
//
// Above the sample threshold the sum over s is estimated from k pivots
// drawn without replacement, by a seeded generator, from the n' nodes
// with at least one edge, and scaled by n'/k (U. Brandes and C. Pich,
// Centrality estimation in large networks, Int. J. Bifurc. Chaos 17(7),
// 2007). The estimate is unbiased; since each δ_s(v) ≤ n−2, Hoeffding's
// inequality bounds the error of one node's normalised score: with
// probability at least 1−p it is within ε = (n'/(n−1))·sqrt(ln(2/p)/(2k)).

// pathScores are the measures from breadth-first searches of the two-mode
// graph: betweenness and harmonic closeness, both normalised.
type pathScores struct {
	betweenness, harmonic []float64
	// sampled is the number of pivots (0 when exact), active the number
	// of nodes with an edge they were drawn from.
	sampled, active int
}

// sourceBlocks is the number of blocks the sources are cut into. Each
// block's partial sums are computed by one worker, in source order, and
// the blocks are added up in block order, so the result is the same bit
// for bit whatever the number of workers or their scheduling.
const sourceBlocks = 64

// shortestPaths computes betweenness and harmonic closeness of every
// node of g, exactly or, when sample > 0, from sample pivots drawn with
// seed.
func shortestPaths(ctx context.Context, g *csr, sample int, seed int64) (*pathScores, error) {
	n := g.n
	ps := &pathScores{betweenness: make([]float64, n), harmonic: make([]float64, n)}
	var sources []int32
	for v := range n {
		if g.off[v+1] > g.off[v] {
			sources = append(sources, int32(v))
		}
	}
	ps.active = len(sources)
	scale := 1.0
	if sample > 0 && sample < len(sources) {
		r := rand.New(rand.NewPCG(uint64(seed), 0x636c61696d6e6574)) // "claimnet"
		perm := r.Perm(len(sources))[:sample]
		slices.Sort(perm)
		pivots := make([]int32, sample)
		for i, p := range perm {
			pivots[i] = sources[p]
		}
		scale = float64(len(sources)) / float64(sample)
		sources = pivots
		ps.sampled = sample
	}
	if len(sources) == 0 {
		return ps, nil
	}

	nb := min(sourceBlocks, len(sources))
	type partial struct {
		block  int
		bc, hc []float64
		err    error
	}
	free := make(chan partial, nb)
	results := make(chan partial, nb)
	blocks := make(chan int, nb)
	for b := range nb {
		blocks <- b
	}
	close(blocks)
	workers := min(runtime.GOMAXPROCS(0), nb)
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bfs := newBrandes(n)
			for b := range blocks {
				var p partial
				select {
				case p = <-free:
					clear(p.bc)
					clear(p.hc)
				default:
					p = partial{bc: make([]float64, n), hc: make([]float64, n)}
				}
				p.block = b
				lo, hi := b*len(sources)/nb, (b+1)*len(sources)/nb
				for i, s := range sources[lo:hi] {
					if i%16 == 0 && ctx.Err() != nil {
						p.err = ctx.Err()
						break
					}
					bfs.run(g, s, p.bc, p.hc)
				}
				results <- p
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// Add the blocks up in block order as they arrive.
	pending := make(map[int]partial)
	next := 0
	var err error
	for p := range results {
		if p.err != nil && err == nil {
			err = p.err
			cancel()
		}
		pending[p.block] = p
		for {
			q, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			for v := range n {
				ps.betweenness[v] += q.bc[v]
				ps.harmonic[v] += q.hc[v]
			}
			select {
			case free <- q:
			default:
			}
		}
	}
	if err != nil {
		return nil, err
	}
	if next != nb {
		return nil, fmt.Errorf("shortest paths: %d of %d blocks done", next, nb)
	}

	// Σ_s δ_s(v) counts ordered pairs; the normalisation 2/((n−1)(n−2)) of
	// the unordered sum is 1/((n−1)(n−2)) of it.
	bnorm, hnorm := 0.0, 0.0
	if n > 2 {
		bnorm = scale / (float64(n-1) * float64(n-2))
	}
	if n > 1 {
		hnorm = scale / float64(n-1)
	}
	for v := range n {
		ps.betweenness[v] *= bnorm
		ps.harmonic[v] *= hnorm
	}
	return ps, nil
}

// brandes is one worker's scratch space for single-source searches.
type brandes struct {
	dist  []int32 // −1: not reached
	sigma []float64
	delta []float64
	order []int32 // nodes in the order the search reached them
}

func newBrandes(n int) *brandes {
	b := &brandes{dist: make([]int32, n), sigma: make([]float64, n), delta: make([]float64, n), order: make([]int32, 0, n)}
	for i := range b.dist {
		b.dist[i] = -1
	}
	return b
}

// run searches from s and adds δ_s(v) to bc[v] and 1/d(s,v) to hc[v] for
// every node v ≠ s that s reaches. The predecessors of w are found again
// as the neighbours one step closer to s, so no lists are kept.
func (b *brandes) run(g *csr, s int32, bc, hc []float64) {
	dist, sigma, delta := b.dist, b.sigma, b.delta
	order := b.order[:0]
	dist[s], sigma[s] = 0, 1
	order = append(order, s)
	for head := 0; head < len(order); head++ {
		v := order[head]
		dv := dist[v] + 1
		for _, w := range g.adj[g.off[v]:g.off[v+1]] {
			switch dist[w] {
			case -1:
				dist[w] = dv
				order = append(order, w)
				sigma[w] = sigma[v]
			case dv:
				sigma[w] += sigma[v]
			}
		}
	}
	for i := len(order) - 1; i > 0; i-- {
		w := order[i]
		dw := dist[w] - 1
		coeff := (1 + delta[w]) / sigma[w]
		for _, v := range g.adj[g.off[w]:g.off[w+1]] {
			if dist[v] == dw {
				delta[v] += sigma[v] * coeff
			}
		}
		bc[w] += delta[w]
		hc[w] += 1 / float64(dist[w])
	}
	for _, v := range order {
		dist[v], sigma[v], delta[v] = -1, 0, 0
	}
	b.order = order
}

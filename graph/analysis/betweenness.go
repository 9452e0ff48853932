package analysis

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"github.com/claimnet/claimnet/graph"
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

// BetweennessCentrality returns the normalised betweenness of every node
// of m's two-mode graph, ignoring statement counts:
//
//	C_B(v) = 2/((n−1)(n−2)) · Σ_{s<t; s,t≠v} σ_st(v)/σ_st
//
// with n the number of nodes, σ_st the number of shortest s–t paths and
// σ_st(v) the number of them through v (the definition in full is the
// comment above). Above the sample threshold of opts (see
// WithSampleThreshold, WithExact, WithPivots, WithSeed) it is the sampled
// estimate. Scores are indexed as the two-mode graph's nodes.
func BetweennessCentrality(ctx context.Context, m *graph.Model, opts ...AnalyzeOption) ([]float64, error) {
	ps, err := pathScoresOf(ctx, m, opts)
	if err != nil {
		return nil, err
	}
	return tidyScores(ps.betweenness), nil
}

// pathScoresOf runs the breadth-first searches of m's two-mode graph.
func pathScoresOf(ctx context.Context, m *graph.Model, opts []AnalyzeOption) (*pathScores, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	return cfg.shortestPaths(ctx, m.CSR())
}

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
func shortestPaths(ctx context.Context, g *graph.CSR, sample int, seed int64) (*pathScores, error) {
	n := g.N
	ps := &pathScores{betweenness: make([]float64, n), harmonic: make([]float64, n)}
	var sources []int32
	for v := range n {
		if g.Off[v+1] > g.Off[v] {
			sources = append(sources, int32(v))
		}
	}
	ps.active = len(sources)
	scale := 1.0
	if sample > 0 && sample < len(sources) {
		scale = float64(len(sources)) / float64(sample)
		sources = samplePivots(sources, sample, seed)
		ps.sampled = sample
	}
	if len(sources) == 0 {
		return ps, nil
	}
	// The searches run on a copy of g relabelled in breadth-first order,
	// so that nodes near each other in the graph are near in memory.
	h, newID, size := relabelBFS(g)
	for i, s := range sources {
		sources[i] = newID[s]
	}

	nb := min(sourceBlocks, len(sources))
	type partial struct {
		block int
		acc   []pathSums // by new label
		err   error
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
			bfs := newBrandes(h)
			for b := range blocks {
				var p partial
				select {
				case p = <-free:
					clear(p.acc)
				default:
					p = partial{acc: make([]pathSums, n)}
				}
				p.block = b
				lo, hi := b*len(sources)/nb, (b+1)*len(sources)/nb
				for i, s := range sources[lo:hi] {
					if i%16 == 0 && ctx.Err() != nil {
						p.err = ctx.Err()
						break
					}
					bfs.run(h, s, int(size[s]), p.acc)
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
				a := q.acc[newID[v]]
				ps.betweenness[v] += a.bc
				ps.harmonic[v] += a.hc
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

// samplePivots draws k of the sources without replacement, with seed,
// and returns them in increasing order.
func samplePivots(sources []int32, k int, seed int64) []int32 {
	r := rand.New(rand.NewPCG(uint64(seed), 0x636c61696d6e6574)) // "claimnet"
	perm := r.Perm(len(sources))[:k]
	slices.Sort(perm)
	pivots := make([]int32, k)
	for i, p := range perm {
		pivots[i] = sources[p]
	}
	return pivots
}

// relabelBFS returns g relabelled in breadth-first order, the new label
// of each node, and the size of each (newly labelled) node's connected
// component. The search starts at a node of highest degree, and
// again at the lowest unvisited node with an edge of each further
// component; isolated nodes come last. Each row keeps its neighbours in
// the order g has them (mapped to the new labels), so a search of the copy
// visits the same nodes in the same order as one of g, and every sum it
// makes is the same bit for bit.
func relabelBFS(g *graph.CSR) (*graph.CSR, []int32, []int32) {
	n := g.N
	newID := make([]int32, n)
	for i := range newID {
		newID[i] = -1
	}
	order := make([]int32, 0, n)
	size := make([]int32, n) // by new label
	visit := func(root int32) {
		first := len(order)
		newID[root] = int32(len(order))
		order = append(order, root)
		for head := len(order) - 1; head < len(order); head++ {
			for _, w := range g.Adj[g.Off[order[head]]:g.Off[order[head]+1]] {
				if newID[w] < 0 {
					newID[w] = int32(len(order))
					order = append(order, w)
				}
			}
		}
		for u := first; u < len(order); u++ {
			size[u] = int32(len(order) - first)
		}
	}
	hub, deg := -1, int32(0)
	for v := range n {
		if d := g.Off[v+1] - g.Off[v]; d > deg {
			hub, deg = v, d
		}
	}
	if hub >= 0 {
		visit(int32(hub))
	}
	for v := range n {
		if newID[v] < 0 && g.Off[v+1] > g.Off[v] {
			visit(int32(v))
		}
	}
	for v := range n {
		if newID[v] < 0 {
			newID[v] = int32(len(order))
			size[len(order)] = 1
			order = append(order, int32(v))
		}
	}
	h := &graph.CSR{N: n, Actors: g.Actors, Off: make([]int32, n+1), Adj: make([]int32, len(g.Adj))}
	for u, v := range order {
		row := g.Adj[g.Off[v]:g.Off[v+1]]
		h.Off[u+1] = h.Off[u] + int32(len(row))
		dst := h.Adj[h.Off[u]:h.Off[u+1]]
		for i, w := range row {
			dst[i] = newID[w]
		}
	}
	return h, newID, size
}

// pathSums are one node's sums over the sources of a block: its
// dependencies (betweenness) and inverse distances (harmonic closeness),
// side by side so that one memory access reaches both.
type pathSums struct{ bc, hc float64 }

// brandesNode is a node's state in a single-source search, side by side
// so that one memory access reaches both: its number of shortest paths
// from the source, and, once the accumulation has passed it, its
// coefficient (1 + δ_s(w)) / σ_sw, which is all its predecessors read of
// it. The distances are kept apart, in a compact array that stays in
// cache: most neighbours a search looks at are only tested for their
// distance.
type brandesNode struct {
	sigma float64
	coeff float64
}

// brandes is one worker's scratch space for single-source searches.
type brandes struct {
	dist  []int32 // −1: not reached
	node  []brandesNode
	order []int32 // nodes in the order the search reached them
	// The successors of order[i] (its neighbours one step further from
	// the source) are succs[succOff[i]:succOff[i+1]].
	succs   []int32
	succOff []int32
}

func newBrandes(g *graph.CSR) *brandes {
	n := g.N
	b := &brandes{
		dist: make([]int32, n), node: make([]brandesNode, n), order: make([]int32, 0, n),
		succs: make([]int32, 0, len(g.Adj)), succOff: make([]int32, n+1),
	}
	for i := range b.dist {
		b.dist[i] = -1
	}
	return b
}

// run searches from s, whose connected component has size nodes, and
// adds δ_s(v) to acc[v].bc and 1/d(s,v) to acc[v].hc for every node v ≠ s
// that s reaches.
//
// When the search expands v, it writes down v's successors, the
// neighbours it reaches or finds one step further; the accumulation then
// goes back through the nodes, deepest first, and each node pulls
// δ_s(v) = Σ_w σ_sv · (1 + δ_s(w)) / σ_sw over its successors w. A node's
// predecessors are never needed as such, so once the search has reached
// all size nodes of the component the deepest level is not expanded at
// all: it has no successors, and its edges lead back. On a debate of a
// few levels that is a large share of the edges (half of them on uniform
// data). Each node's state is reset once the search is done.
func (b *brandes) run(g *graph.CSR, s int32, size int, acc []pathSums) {
	dist, node, succOff := b.dist, b.node, b.succOff
	order, succs := b.order[:0], b.succs[:0]
	dist[s], node[s].sigma = 0, 1
	order = append(order, s)
	last := int32(-1) // once every node is reached: the deepest level
	head := 0
	for ; head < len(order); head++ {
		v := order[head]
		if dist[v] == last {
			break
		}
		succOff[head] = int32(len(succs))
		dv, sv := dist[v]+1, node[v].sigma
		for _, w := range g.Adj[g.Off[v]:g.Off[v+1]] {
			switch dist[w] {
			case -1:
				dist[w] = dv
				node[w].sigma = sv
				order = append(order, w)
				succs = append(succs, w)
			case dv:
				node[w].sigma += sv
				succs = append(succs, w)
			}
		}
		if last < 0 && len(order) == size {
			last = dv
		}
	}
	for i := head; i <= len(order); i++ {
		succOff[i] = int32(len(succs))
	}
	for i := len(order) - 1; i > 0; i-- {
		v := order[i]
		sv := node[v].sigma
		var delta float64
		for _, w := range succs[succOff[i]:succOff[i+1]] {
			delta += sv * node[w].coeff
		}
		node[v].coeff = (1 + delta) / sv
		a := &acc[v]
		a.bc += delta
		a.hc += 1 / float64(dist[v])
	}
	// The coefficients are read until the last node is done.
	for _, v := range order {
		dist[v], node[v] = -1, brandesNode{}
	}
	b.order, b.succs = order, succs
}

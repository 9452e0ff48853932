package analysis

import (
	"context"
	"math"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/internal/graphtest"
)

// brandesReference is Brandes' single-source search as the textbook has
// it: separate dist, sigma and delta arrays indexed by the csr's own
// labels, every node expanded, and the accumulation pushing each node's
// dependency to its predecessors, found by scanning its neighbours again.
// It is the oracle of TestShortestPathsMatchReference.
func brandesReference(g *graph.CSR, s int32, dist []int32, sigma, delta []float64, order []int32, bc, hc []float64) []int32 {
	order = order[:0]
	dist[s], sigma[s] = 0, 1
	order = append(order, s)
	for head := 0; head < len(order); head++ {
		v := order[head]
		dv := dist[v] + 1
		for _, w := range g.Adj[g.Off[v]:g.Off[v+1]] {
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
		for _, v := range g.Adj[g.Off[w]:g.Off[w+1]] {
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
	return order
}

// closeScore tells whether two scores agree to 1e-12 relative, and are
// both zero when one is.
func closeScore(a, b float64) bool {
	if a == 0 || b == 0 {
		return a == b
	}
	return math.Abs(a-b) <= 1e-12*max(math.Abs(a), math.Abs(b))
}

// shortestPathsReference sums brandesReference over the sources of
// shortestPaths in its blocks and block order, and normalises the same way.
func shortestPathsReference(g *graph.CSR, sources []int32, scale float64) (bc, hc []float64) {
	n := g.N
	bc, hc = make([]float64, n), make([]float64, n)
	dist := make([]int32, n)
	for i := range dist {
		dist[i] = -1
	}
	sigma, delta := make([]float64, n), make([]float64, n)
	var order []int32
	nb := min(sourceBlocks, len(sources))
	pb, ph := make([]float64, n), make([]float64, n)
	for b := range nb {
		clear(pb)
		clear(ph)
		for _, s := range sources[b*len(sources)/nb : (b+1)*len(sources)/nb] {
			order = brandesReference(g, s, dist, sigma, delta, order, pb, ph)
		}
		for v := range n {
			bc[v] += pb[v]
			hc[v] += ph[v]
		}
	}
	bnorm, hnorm := 0.0, 0.0
	if n > 2 {
		bnorm = scale / (float64(n-1) * float64(n-2))
	}
	if n > 1 {
		hnorm = scale / float64(n-1)
	}
	for v := range n {
		bc[v] *= bnorm
		hc[v] *= hnorm
	}
	return bc, hc
}

// TestShortestPathsMatchReference checks that betweenness and harmonic
// closeness, computed on the graph relabelled in breadth-first order, with
// each node pulling its dependency from its successors and the deepest
// level left unexpanded, agree with those of the reference search to
// within rounding (the sums are made in another order; 1e-12 relative,
// before tidyScores rounds to 12 digits), exact and sampled, on the
// built-in dataset, gen data and shaped data; a score is zero in both or
// in neither.
func TestShortestPathsMatchReference(t *testing.T) {
	builtIn, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, ds := range []struct {
		name string
		d    *annotations.Dataset
	}{
		{"built-in", builtIn},
		{"gen", shapeDataset(t, "gen", 5000)},
		{"uniform", shapeDataset(t, "uniform", 5000)},
		{"split", shapeDataset(t, "split", 5000)},
		{"many-claims", shapeDataset(t, "many-claims", 5000)},
	} {
		g := graphtest.Compile(t, ds.d).CSR()
		for _, sample := range []int{0, 37} {
			ps, err := shortestPaths(context.Background(), g, sample, 3)
			if err != nil {
				t.Fatal(err)
			}
			// The sources shortestPaths used: every node with an edge, or the
			// pivots drawn from them.
			var sources []int32
			for v := range g.N {
				if g.Off[v+1] > g.Off[v] {
					sources = append(sources, int32(v))
				}
			}
			scale := 1.0
			if ps.sampled > 0 {
				sources = samplePivots(sources, sample, 3)
				scale = float64(ps.active) / float64(sample)
			}
			bc, hc := shortestPathsReference(g, sources, scale)
			for v := range g.N {
				if !closeScore(bc[v], ps.betweenness[v]) || !closeScore(hc[v], ps.harmonic[v]) {
					t.Errorf("%s, sample %d, node %d: betweenness %v, harmonic %v; reference %v, %v", ds.name, sample, v, ps.betweenness[v], ps.harmonic[v], bc[v], hc[v])
					break
				}
			}
		}
	}
}

// BenchmarkShortestPaths times the sampled betweenness and harmonic
// closeness of Analyze (256 pivots) at 1M statements; Reference is the
// search as it was, on the same pivots (one worker: compare with -cpu 1).
func BenchmarkShortestPaths(b *testing.B) {
	for _, shape := range []string{"gen", "uniform", "popular-first"} {
		g := graphtest.Compile(b, shapeDataset(b, shape, 1000000)).CSR()
		b.Run(shape, func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				if _, err := shortestPaths(context.Background(), g, DefaultPivots, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(shape+"/reference", func(b *testing.B) {
			var sources []int32
			for v := range g.N {
				if g.Off[v+1] > g.Off[v] {
					sources = append(sources, int32(v))
				}
			}
			sources = samplePivots(sources, DefaultPivots, 1)
			defer reportCPU(b)()
			for b.Loop() {
				shortestPathsReference(g, sources, 1)
			}
		})
	}
}

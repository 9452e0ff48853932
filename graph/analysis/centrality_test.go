package analysis

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"testing"

	"github.com/claimnet/claimnet/internal/graphtest"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/mat"
)

// pairs builds statements from "actor claim" pairs, all supports, one
// statement each unless a pair repeats.
func pairs(ps ...string) [][4]string {
	var out [][4]string
	for _, p := range ps {
		var a, c string
		fmt.Sscan(p, &a, &c)
		out = append(out, [4]string{a, c, "support", ""})
	}
	return out
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// TestCentralityHand checks every measure against values worked out by
// hand on tiny graphs.
func TestCentralityHand(t *testing.T) {
	s3, s6 := math.Sqrt(3), math.Sqrt(6)
	// PageRank of the star K1,3: C = (1−d)/4 + 3d·L, L = (1−d)/4 + d·C/3.
	d := PageRankDamping
	b := (1 - d) / 4
	prC := (b + 3*d*b) / (1 - d*d)
	prL := b + d*prC/3
	for _, tt := range []struct {
		name  string
		stmts [][4]string
		want  map[string]map[string]float64 // node id → measure → value
	}{
		{
			name:  "star",
			stmts: pairs("a x", "a y", "a z"),
			want: map[string]map[string]float64{
				"a": {Degree: 3, Betweenness: 1, Harmonic: 1, PageRank: prC, Eigenvector: 1 / math.Sqrt2, Hub: 1, Authority: 0},
				"x": {Degree: 1, Betweenness: 0, Harmonic: 2.0 / 3, PageRank: prL, Eigenvector: 1 / s6, Hub: 0, Authority: 1 / s3},
			},
		},
		{
			name:  "path a-x-b-y",
			stmts: pairs("a x", "b x", "b y"),
			want: map[string]map[string]float64{
				"a": {Degree: 1, Betweenness: 0, Harmonic: (1 + 0.5 + 1.0/3) / 3},
				"x": {Degree: 2, Betweenness: 2.0 / 3, Harmonic: (1 + 1 + 0.5) / 3},
				"b": {Degree: 2, Betweenness: 2.0 / 3},
			},
		},
		{
			name:  "K2,3 with weights",
			stmts: append(pairs("a x", "a y", "a z", "b x", "b y", "b z"), pairs("a x")...),
			want: map[string]map[string]float64{
				"a": {Degree: 4, Betweenness: 1.5 / 6, Harmonic: 3.5 / 4},
				"x": {Degree: 3, Betweenness: 1.0 / 18, Harmonic: 3.0 / 4},
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			an := mustAnalyze(t, graphtest.Compile(t, graphtest.Dataset(t, tt.stmts...)))
			scores := map[string]map[string]float64{}
			for _, a := range an.Actors {
				scores[a.ID] = a.Centrality
			}
			for _, c := range an.Claims {
				scores[c.ID] = c.Centrality
			}
			for id, ms := range tt.want {
				for m, want := range ms {
					if got := scores[id][m]; !near(got, want, 1e-9) {
						t.Errorf("%s %s = %.12g, want %.12g", id, m, got, want)
					}
				}
			}
		})
	}
}

// randomStatements makes a connected random two-mode graph: every actor
// has a statement on claim c0, and further random statements of either
// stance.
func randomStatements(seed uint64, actors, claims, extra int, unit bool) [][4]string {
	r := rand.New(rand.NewPCG(seed, 1))
	var out [][4]string
	seen := map[[2]int]bool{}
	add := func(a, c int, stance string) {
		if unit && seen[[2]int{a, c}] {
			return
		}
		seen[[2]int{a, c}] = true
		out = append(out, [4]string{fmt.Sprintf("a%d", a), fmt.Sprintf("c%d", c), stance, ""})
	}
	for a := range actors {
		add(a, 0, "support")
	}
	for c := 1; c < claims; c++ {
		add(r.IntN(actors), c, "oppose")
	}
	for range extra {
		st := "support"
		if r.IntN(2) == 0 {
			st = "oppose"
		}
		add(r.IntN(actors), r.IntN(claims), st)
	}
	return out
}

// TestCentralityGonum compares the measures with gonum's on random
// graphs: gonum's are slower or not deterministic, but an independent
// implementation.
func TestCentralityGonum(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			unit := seed%2 == 0 // gonum's HITS ignores weights
			m := graphtest.Compile(t, graphtest.Dataset(t, randomStatements(seed, 12+int(seed), 9, 40, unit)...))
			an := mustAnalyze(t, m)
			n := len(m.Actors) + len(m.Claims)
			score := func(v int64, name string) float64 {
				i, isActor := m.NodeOf(v)
				if isActor {
					return an.Actors[i].Centrality[name]
				}
				return an.Claims[i].Centrality[name]
			}
			check := func(name string, want map[int64]float64, scale float64) {
				t.Helper()
				for v := int64(0); v < int64(n); v++ {
					if got := score(v, name) * scale; !near(got, want[v], 1e-9) {
						t.Errorf("%s of node %d = %.12g, gonum %.12g", name, v, got, want[v])
					}
				}
			}
			two := m.TwoMode()
			unw := simple.NewUndirectedGraph()
			for v := range n {
				unw.AddNode(simple.Node(v))
			}
			edges := two.Edges()
			for edges.Next() {
				unw.SetEdge(simple.Edge{F: edges.Edge().From(), T: edges.Edge().To()})
			}
			// gonum sums over ordered pairs, unnormalised.
			check(Betweenness, network.Betweenness(unw), float64((n-1)*(n-2)))
			check(Harmonic, network.Harmonic(unw, path.DijkstraAllPaths(unw)), float64(n-1))

			both := simple.NewWeightedDirectedGraph(0, 0)
			for v := range n {
				both.AddNode(simple.Node(v))
			}
			wedges := two.WeightedEdges()
			for wedges.Next() {
				e := wedges.WeightedEdge().(simple.WeightedEdge)
				both.SetWeightedEdge(simple.WeightedEdge{F: e.F, T: e.T, W: e.W})
				both.SetWeightedEdge(simple.WeightedEdge{F: e.T, T: e.F, W: e.W})
			}
			check(PageRank, network.PageRank(both, PageRankDamping, 1e-14), 1)

			if unit {
				ha := network.HITS(m.StanceDigraph(), 1e-14)
				hub, auth := map[int64]float64{}, map[int64]float64{}
				for id, x := range ha {
					hub[id], auth[id] = x.Hub, x.Authority
				}
				check(Hub, hub, 1)
				check(Authority, auth, 1)
			}

			// Eigenvector: the principal eigenvector of the dense matrix.
			a := mat.NewSymDense(n, nil)
			wedges = two.WeightedEdges()
			for wedges.Next() {
				e := wedges.WeightedEdge().(simple.WeightedEdge)
				a.SetSym(int(e.F.ID()), int(e.T.ID()), e.W)
			}
			var es mat.EigenSym
			if !es.Factorize(a, true) {
				t.Fatal("eigen decomposition failed")
			}
			var vecs mat.Dense
			es.VectorsTo(&vecs)
			ev := map[int64]float64{}
			for v := range n {
				ev[int64(v)] = math.Abs(vecs.At(v, n-1)) // ascending eigenvalues
			}
			check(Eigenvector, ev, 1)
			// On a bipartite graph, eigenvector = (hub, authority)/√2.
			for v := int64(0); v < int64(n); v++ {
				want := (score(v, Hub) + score(v, Authority)) / math.Sqrt2
				if got := score(v, Eigenvector); !near(got, want, 1e-9) {
					t.Errorf("eigenvector of %d = %g, (hub+authority)/√2 = %g", v, got, want)
				}
			}
		})
	}
}

// TestSampled checks the pivot estimates: with as many pivots as nodes
// they are exact, with fewer they stay within the documented bound, and
// they do not depend on the number of workers.
func TestSampled(t *testing.T) {
	m := graphtest.Compile(t, graphtest.Dataset(t, randomStatements(7, 150, 120, 500, false)...))
	g := m.CSR()
	ctx := context.Background()
	exact, err := shortestPaths(ctx, g, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	all, err := shortestPaths(ctx, g, g.N, 1)
	if err != nil {
		t.Fatal(err)
	}
	for v := range g.N {
		if all.betweenness[v] != exact.betweenness[v] || all.harmonic[v] != exact.harmonic[v] {
			t.Fatalf("all pivots differ from exact at node %d", v)
		}
	}
	k := 64
	est, err := shortestPaths(ctx, g, k, 1)
	if err != nil {
		t.Fatal(err)
	}
	// The bound at p = 1e-6 for one node; a union over all nodes still
	// leaves a failure chance below 1e-3.
	eps := float64(est.active) / float64(g.N-1) * math.Sqrt(math.Log(2/1e-6)/(2*float64(k)))
	var worstB, worstH float64
	for v := range g.N {
		worstB = max(worstB, math.Abs(est.betweenness[v]-exact.betweenness[v]))
		worstH = max(worstH, math.Abs(est.harmonic[v]-exact.harmonic[v]))
	}
	if worstB > eps || worstH > eps {
		t.Errorf("sampled error betweenness %g, harmonic %g; bound %g", worstB, worstH, eps)
	}
	t.Logf("k=%d: worst error betweenness %.4f harmonic %.4f, bound %.4f", k, worstB, worstH, eps)

	prev := runtime.GOMAXPROCS(1)
	one, err := shortestPaths(ctx, g, k, 1)
	runtime.GOMAXPROCS(prev)
	if err != nil {
		t.Fatal(err)
	}
	for v := range g.N {
		if one.betweenness[v] != est.betweenness[v] || one.harmonic[v] != est.harmonic[v] {
			t.Fatalf("one worker and %d workers differ at node %d", prev, v)
		}
	}
}

// TestSampledSwitch checks that Analyze samples above the threshold and
// WithExact turns sampling off.
func TestSampledSwitch(t *testing.T) {
	m := graphtest.Compile(t, graphtest.Dataset(t, randomStatements(3, 40, 30, 100, false)...))
	an := mustAnalyze(t, m, WithSampleThreshold(10), WithPivots(8))
	if got := an.Methods[Betweenness]; got[:7] != "sampled" {
		t.Errorf("method above the threshold = %q", got)
	}
	an = mustAnalyze(t, m, WithSampleThreshold(10), WithPivots(8), WithExact(true))
	if got := an.Methods[Betweenness]; got != "exact" {
		t.Errorf("method with WithExact = %q", got)
	}
	keys := make([]string, 0, len(an.Methods))
	for k := range an.Methods {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) < len(Measures) {
		t.Errorf("methods %v lack some measures", keys)
	}
}

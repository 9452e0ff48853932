package analysis

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/dnanet"
	"github.com/claimnet/claimnet/internal/graphtest"
	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"
)

// congruenceGraph builds the congruence (or conflict) network of m with
// dnanet.OneMode, the DNA network code, as a gonum graph over actor indices.
func congruenceGraph(t *testing.T, m *graph.Model, aggregate string) *simple.WeightedUndirectedGraph {
	t.Helper()
	nw, err := dnanet.OneMode(context.Background(), m, dnanet.NetworkOptions{Aggregate: aggregate, Isolates: true})
	if err != nil {
		t.Fatal(err)
	}
	g := simple.NewWeightedUndirectedGraph(0, 0)
	for a := range m.Actors {
		g.AddNode(simple.Node(a))
	}
	for _, e := range nw.Edges {
		g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(nw.Nodes[e.Source].Index), T: simple.Node(nw.Nodes[e.Target].Index), W: e.Weight})
	}
	return g
}

// TestStanceMatrixIsOneMode checks that the factorised networks the
// coalitions use, XXᵀ minus the diagonal, are the congruence and conflict
// networks dnanet.OneMode computes: one definition, two ways of storing it.
func TestStanceMatrixIsOneMode(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		m := graphtest.Compile(t, graphtest.Dataset(t, randomStatements(seed, 15, 10, 60, false)...))
		x := newStanceMatrix(m)
		for _, agg := range []string{dnanet.AggregateCongruence, dnanet.AggregateConflict} {
			g := congruenceGraph(t, m, agg)
			for i := range x.rows {
				for j := range x.rows {
					var w int64
					if i != j {
						w = x.dot(i, j, agg == dnanet.AggregateConflict)
					}
					got := 0.0
					if e := g.WeightedEdge(int64(i), int64(j)); e != nil {
						got = e.Weight()
					}
					if float64(w) != got {
						t.Fatalf("seed %d %s W[%d][%d] = %d, dnanet.OneMode %g", seed, agg, i, j, w, got)
					}
				}
			}
			// Degrees.
			k := x.degrees(agg == dnanet.AggregateConflict)
			for i := range x.rows {
				var want float64
				it := g.From(int64(i))
				for it.Next() {
					want += g.WeightedEdge(int64(i), it.Node().ID()).Weight()
				}
				if float64(k[i]) != want {
					t.Fatalf("seed %d %s degree %d = %d, want %g", seed, agg, i, k[i], want)
				}
			}
		}
	}
}

// dot returns row i times row j of X (conflict: against the other
// stance's columns).
func (x *stanceMatrix) dot(i, j int, conflict bool) int64 {
	row := map[int32]int64{}
	for e := x.off[j]; e < x.off[j+1]; e++ {
		row[x.col[e]] = x.val[e]
	}
	var s int64
	for e := x.off[i]; e < x.off[i+1]; e++ {
		c := x.col[e]
		if conflict {
			c ^= 1
		}
		s += x.val[e] * row[c]
	}
	return s
}

// TestModularityGonum checks Q of the coalitions against gonum's
// community.Q on the dnanet.OneMode congruence network, and that the Louvain
// result is as good as gonum's Modularize on it.
func TestModularityGonum(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		for _, gamma := range []float64{1, 0.5, 2} {
			t.Run(fmt.Sprint(seed, "/", gamma), func(t *testing.T) {
				m := graphtest.Compile(t, graphtest.Dataset(t, randomStatements(seed, 30, 12, 120, false)...))
				an := mustAnalyze(t, m, WithResolution(gamma))
				g := congruenceGraph(t, m, dnanet.AggregateCongruence)
				var comms [][]gonumgraph.Node
				for _, grp := range an.Coalitions.Groups {
					var c []gonumgraph.Node
					for _, id := range grp {
						a, _ := m.ActorIndex(id)
						c = append(c, simple.Node(a))
					}
					comms = append(comms, c)
				}
				for a, r := range an.Actors {
					if r.Coalition < 0 {
						comms = append(comms, []gonumgraph.Node{simple.Node(a)})
					}
				}
				want := community.Q(g, comms, gamma)
				if !near(an.Coalitions.Modularity, want, 1e-9) {
					t.Errorf("Q = %.12g, gonum %.12g", an.Coalitions.Modularity, want)
				}
				best := community.Modularize(g, gamma, nil)
				gq := community.Q(g, best.Communities(), gamma)
				if an.Coalitions.Modularity < gq-0.02 {
					t.Errorf("Q = %.4f, gonum's Louvain finds %.4f", an.Coalitions.Modularity, gq)
				}
			})
		}
	}
}

func TestCoalitionsHand(t *testing.T) {
	for _, tt := range []struct {
		name         string
		stmts        [][4]string
		groups       [][]string
		coalition    map[string]int
		modularity   float64
		polarization float64
	}{
		{
			name:   "two camps on one claim",
			stmts:  [][4]string{{"a", "x", "support", ""}, {"b", "x", "support", ""}, {"c", "x", "oppose", ""}, {"d", "x", "oppose", ""}},
			groups: [][]string{{"a", "b"}, {"c", "d"}},
			// Two disjoint edges: Q = 2·(2/4 − (2/4)²).
			modularity: 0.5,
			// Camps {a,b}, {c,d}: (2 − (−4))/(4 + 8).
			polarization: 0.5,
		},
		{
			name:         "two actors in conflict and no agreement",
			stmts:        [][4]string{{"a", "x", "support", ""}, {"b", "x", "oppose", ""}},
			groups:       [][]string{},
			coalition:    map[string]int{"a": -1, "b": -1},
			polarization: 0.5,
		},
		{
			name:         "everyone agrees",
			stmts:        [][4]string{{"a", "x", "support", ""}, {"b", "x", "support", ""}, {"c", "x", "support", ""}},
			groups:       [][]string{{"a", "b", "c"}},
			coalition:    map[string]int{"a": 0, "c": 0},
			modularity:   0,
			polarization: 0,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			an := mustAnalyze(t, graphtest.Compile(t, graphtest.Dataset(t, tt.stmts...)))
			c := an.Coalitions
			if !reflect.DeepEqual(c.Groups, tt.groups) {
				t.Errorf("groups %v, want %v", c.Groups, tt.groups)
			}
			for _, a := range an.Actors {
				if want, ok := tt.coalition[a.ID]; ok && a.Coalition != want {
					t.Errorf("coalition of %s = %d, want %d", a.ID, a.Coalition, want)
				}
			}
			if !near(c.Modularity, tt.modularity, 1e-12) || !near(c.Polarization, tt.polarization, 1e-12) {
				t.Errorf("Q %g P %g, want %g %g", c.Modularity, c.Polarization, tt.modularity, tt.polarization)
			}
		})
	}
}

// TestPlantedCamps checks that two camps opposed on every claim are found
// as the two coalitions, and that they are polarised.
func TestPlantedCamps(t *testing.T) {
	var stmts [][4]string
	for a := range 10 {
		for c := range 6 {
			if (a+c)%4 == 0 { // leave some pairs out
				continue
			}
			st := "support"
			if (a < 5) != (c%2 == 0) {
				st = "oppose"
			}
			stmts = append(stmts, [4]string{fmt.Sprintf("a%d", a), fmt.Sprintf("c%d", c), st, ""})
		}
	}
	an := mustAnalyze(t, graphtest.Compile(t, graphtest.Dataset(t, stmts...)))
	want := [][]string{{"a0", "a1", "a2", "a3", "a4"}, {"a5", "a6", "a7", "a8", "a9"}}
	if !reflect.DeepEqual(an.Coalitions.Groups, want) {
		t.Errorf("groups %v, want %v", an.Coalitions.Groups, want)
	}
	if an.Coalitions.Polarization < 0.4 {
		t.Errorf("polarization %g of two opposed camps", an.Coalitions.Polarization)
	}
}

// TestAnalyzeDeterministic checks that two runs give byte-identical JSON.
func TestAnalyzeDeterministic(t *testing.T) {
	m := graphtest.Compile(t, graphtest.Dataset(t, randomStatements(11, 80, 50, 400, false)...))
	var out [2][]byte
	for i := range out {
		an := mustAnalyze(t, m, WithSampleThreshold(50), WithPivots(16))
		b, err := json.Marshal(an)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = b
	}
	if string(out[0]) != string(out[1]) {
		t.Error("two runs of Analyze differ")
	}
}

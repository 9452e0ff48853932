package dnanet_test

import (
	"context"
	"math"
	"testing"

	"github.com/claimnet/claimnet/annotations/dna"
	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/dnanet"
	"github.com/claimnet/claimnet/internal/testutil"
)

// sampleModel imports DNA's sample database (shared/dna/sample.dna,
// beside the repository) with organizations as actors and compiles it.
func sampleModel(t *testing.T) *graph.Model {
	t.Helper()
	path := testutil.SharedPath(t, "dna", "sample.dna")
	r, err := dna.ReadFile(context.Background(), path, dna.Options{Actor: "organization"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := graph.Compile(context.Background(), r.Dataset)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// matrixSum is the sum of the network's full matrix, as rDNA's sum(nw)
// computes it: a one-mode matrix holds each edge twice.
func matrixSum(n *dnanet.Network) float64 {
	s := 0.0
	for _, e := range n.Edges {
		s += e.Weight
	}
	if n.Type == dnanet.NetworkOneMode {
		s *= 2
	}
	return s
}

func weight(n *dnanet.Network, from, to string) float64 {
	for _, e := range n.Edges {
		a, b := n.Nodes[e.Source].Name, n.Nodes[e.Target].Name
		if (a == from && b == to) || (a == to && b == from) {
			return e.Weight
		}
	}
	return 0
}

// TestDNAConformance reproduces rDNA's own tests of dna_network on the
// sample database (rDNA/tests/testthat/test-network.R) and the example
// of its documentation.
func TestDNAConformance(t *testing.T) {
	m := sampleModel(t)
	ctx := context.Background()
	const (
		epa      = "Environmental Protection Agency"
		alliance = "Alliance to Save Energy"
		eea      = "Energy and Environmental Analysis, Inc."
	)

	// dna_network(networkType = "twomode"): 7 × 6, sum 40, 22 edges;
	// the row "Ener*" starts 2, 0.
	two, err := dnanet.TwoModeNetwork(ctx, m, dnanet.NetworkOptions{Aggregate: dnanet.AggregateIgnore})
	if err != nil {
		t.Fatal(err)
	}
	if rows, cols := two.Rows, len(two.Nodes)-two.Rows; rows != 7 || cols != 6 {
		t.Errorf("two-mode: %d × %d, want 7 × 6", rows, cols)
	}
	if s := matrixSum(two); s != 40 {
		t.Errorf("two-mode: sum %v, want 40", s)
	}
	if len(two.Edges) != 22 {
		t.Errorf("two-mode: %d edges, want 22", len(two.Edges))
	}
	if two.Nodes[0].Name != alliance || two.Nodes[7].Name != "CO2 legislation will not hurt the economy." {
		t.Errorf("two-mode: first row %q, first column %q", two.Nodes[0].Name, two.Nodes[7].Name)
	}
	if w, w2 := weight(two, eea, "CO2 legislation will not hurt the economy."), weight(two, eea, "Cap and trade is the solution."); w != 2 || w2 != 0 {
		t.Errorf("two-mode: Ener* row starts %v, %v, want 2, 0", w, w2)
	}

	// dna_network(networkType = "onemode") with the ignore aggregation:
	// 7 × 7, sum 276, 21 edges; the row "Envi*" starts 10, 2.
	one, err := dnanet.OneMode(ctx, m, dnanet.NetworkOptions{Aggregate: dnanet.AggregateIgnore})
	if err != nil {
		t.Fatal(err)
	}
	if len(one.Nodes) != 7 {
		t.Errorf("one-mode: %d nodes, want 7", len(one.Nodes))
	}
	if s := matrixSum(one); s != 276 {
		t.Errorf("one-mode: sum %v, want 276", s)
	}
	if len(one.Edges) != 21 {
		t.Errorf("one-mode: %d edges, want 21", len(one.Edges))
	}
	if w, w2 := weight(one, epa, alliance), weight(one, epa, eea); w != 10 || w2 != 2 {
		t.Errorf("one-mode: Envi* row starts %v, %v, want 10, 2", w, w2)
	}

	// Congruence with average normalisation: round(sum) 26.
	cong, err := dnanet.OneMode(ctx, m, dnanet.NetworkOptions{Aggregate: dnanet.AggregateCongruence, Normalize: dnanet.NormalizeAverage})
	if err != nil {
		t.Fatal(err)
	}
	if s := math.Round(matrixSum(cong)); s != 26 {
		t.Errorf("congruence/average: rounded sum %v (%v), want 26", s, matrixSum(cong))
	}

	// The same without the concept "There should be legislation to
	// regulate emissions." and the organizations Senate and Sierra Club:
	// 5 × 5, round(sum) 10.
	ex, err := dnanet.OneMode(ctx, m, dnanet.NetworkOptions{
		Aggregate: dnanet.AggregateCongruence, Normalize: dnanet.NormalizeAverage,
		ExcludeClaims: []string{"There should be legislation to regulate emissions."},
		ExcludeActors: []string{"Senate", "sierra-club"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Nodes) != 5 {
		t.Errorf("excluded: %d nodes, want 5", len(ex.Nodes))
	}
	if s := math.Round(matrixSum(ex)); s != 10 {
		t.Errorf("excluded: rounded sum %v (%v), want 10", s, matrixSum(ex))
	}
}

// TestOneModeMatchesDense checks the sparse, parallel one-mode network
// against the definitions computed densely from the statements, on a
// generated dataset big enough to spread over several workers.
func TestOneModeMatchesDense(t *testing.T) {
	d, err := gen.Generate(gen.Config{Actors: 300, Claims: 120, Statements: 6000, Sources: 40, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	m, err := graph.Compile(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{dnanet.NodeActor, dnanet.NodeClaim} {
		// x[i][j][k] with k = 1 support, 0 oppose.
		index := map[string]int{}
		var rowIDs []string
		if mode == dnanet.NodeActor {
			for i, a := range m.Actors {
				index[a.ID] = i
				rowIDs = append(rowIDs, a.ID)
			}
		} else {
			for i, c := range m.Claims {
				index[c.ID] = i
				rowIDs = append(rowIDs, c.ID)
			}
		}
		items := map[string]int{}
		x := make([]map[int]*[2]float64, len(rowIDs))
		act := make([]float64, len(rowIDs))
		for i := range x {
			x[i] = map[int]*[2]float64{}
		}
		for _, s := range m.Statements {
			r, it := index[s.Actor], s.Claim
			if mode == dnanet.NodeClaim {
				r, it = index[s.Claim], s.Actor
			}
			j, ok := items[it]
			if !ok {
				j = len(items)
				items[it] = j
			}
			if x[r][j] == nil {
				x[r][j] = &[2]float64{}
			}
			k := 0
			if s.Stance > 0 {
				k = 1
			}
			x[r][j][k]++
			act[r]++
		}
		get := func(r, j, k int) float64 {
			if v := x[r][j]; v != nil {
				return v[k]
			}
			return 0
		}
		// The sums of every pair, once.
		type sums struct{ con, conf, jac float64 }
		pairs := map[[2]int]sums{}
		for a := range rowIDs {
			for b := a + 1; b < len(rowIDs); b++ {
				var p sums
				for j := range len(items) {
					for k := 0; k < 2; k++ {
						xa, xb := get(a, j, k), get(b, j, k)
						p.con += xa * xb
						p.conf += xa * get(b, j, 1-k)
						switch {
						case xb == 0:
							p.jac += xa
						case xa == 0:
							p.jac += xb
						default:
							p.jac += xa * xb
						}
					}
				}
				if p.con+p.conf > 0 {
					pairs[[2]int{a, b}] = p
				}
			}
		}
		for _, agg := range dnanet.OneModeAggregates {
			for _, nz := range dnanet.OneModeNormalizations {
				n, err := dnanet.OneMode(context.Background(), m, dnanet.NetworkOptions{Mode: mode, Aggregate: agg, Normalize: nz})
				if err != nil {
					t.Fatal(err)
				}
				got := map[[2]string]float64{}
				for _, e := range n.Edges {
					got[[2]string{n.Nodes[e.Source].ID, n.Nodes[e.Target].ID}] = e.Weight
				}
				want := map[[2]string]float64{}
				for ab, p := range pairs {
					a, b := ab[0], ab[1]
					v := map[string]float64{dnanet.AggregateIgnore: p.con + p.conf, dnanet.AggregateCongruence: p.con, dnanet.AggregateConflict: p.conf, dnanet.AggregateSubtract: p.con - p.conf}[agg]
					div := map[string]float64{dnanet.NormalizeNo: 1, dnanet.NormalizeAverage: (act[a] + act[b]) / 2, dnanet.NormalizeCosine: act[a] * act[b], dnanet.NormalizeJaccard: p.jac}[nz]
					if div != 0 && v != 0 {
						want[[2]string{rowIDs[a], rowIDs[b]}] = v / div
					}
				}
				if len(got) != len(want) {
					t.Errorf("%s %s/%s: %d edges, want %d", mode, agg, nz, len(got), len(want))
				}
				for k, w := range want {
					if g := got[k]; math.Abs(g-w) > 1e-9*math.Max(1, math.Abs(w)) {
						t.Errorf("%s %s/%s: %v weighs %v, want %v", mode, agg, nz, k, g, w)
						break
					}
				}
			}
		}
	}
}

package graph_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimnet/claimnet/annotations/dna"
	"github.com/claimnet/claimnet/graph"
)

// sampleModel imports DNA's sample database (shared/dna/sample.dna,
// beside the repository) with organizations as actors and compiles it.
func sampleModel(t *testing.T) *graph.Model {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	var path string
	for path == "" {
		if p := filepath.Join(dir, "shared", "dna", "sample.dna"); fileExists(p) {
			path = p
		} else if parent := filepath.Dir(dir); parent != dir {
			dir = parent
		} else {
			t.Skip("shared/dna/sample.dna not found")
		}
	}
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

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// matrixSum is the sum of the network's full matrix, as rDNA's sum(nw)
// computes it: a one-mode matrix holds each edge twice.
func matrixSum(n *graph.Network) float64 {
	s := 0.0
	for _, e := range n.Edges {
		s += e.Weight
	}
	if n.Type == graph.NetworkOneMode {
		s *= 2
	}
	return s
}

func weight(n *graph.Network, from, to string) float64 {
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
	two, err := graph.TwoModeNetwork(ctx, m, graph.NetworkOptions{Aggregate: graph.AggregateIgnore})
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
	one, err := graph.OneMode(ctx, m, graph.NetworkOptions{Aggregate: graph.AggregateIgnore})
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
	cong, err := graph.OneMode(ctx, m, graph.NetworkOptions{Aggregate: graph.AggregateCongruence, Normalize: graph.NormalizeAverage})
	if err != nil {
		t.Fatal(err)
	}
	if s := math.Round(matrixSum(cong)); s != 26 {
		t.Errorf("congruence/average: rounded sum %v (%v), want 26", s, matrixSum(cong))
	}

	// The same without the concept "There should be legislation to
	// regulate emissions." and the organizations Senate and Sierra Club:
	// 5 × 5, round(sum) 10.
	ex, err := graph.OneMode(ctx, m, graph.NetworkOptions{
		Aggregate: graph.AggregateCongruence, Normalize: graph.NormalizeAverage,
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

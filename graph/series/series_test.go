package series_test

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/dnanet"
	"github.com/claimnet/claimnet/graph/series"
	"github.com/claimnet/claimnet/internal/dnasample"
)

// TestSampleGaussianWindowCount: rDNA's test of dna_polarization runs
// timeWindow "days", windowSize 8, kernel "gaussian", indentTime FALSE on
// sample.dna and gets 22 networks.
func TestSampleGaussianWindowCount(t *testing.T) {
	m := dnasample.Model(t, graph.Window{})
	s, err := series.Compute(context.Background(), m, series.Options{Size: series.Span{N: 8, Unit: series.Days}, Kernel: series.KernelGaussian, NoIndent: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Windows) != 22 {
		t.Errorf("%d windows, want 22", len(s.Windows))
	}
	for _, w := range s.Windows {
		t.Logf("%s %s %s %d nodes %d edges", w.Start, w.Mid, w.End, len(w.Nodes), len(w.Edges))
	}
}

// TestClassicWindowsEqualStaticNetworks: without a kernel every window's
// network is the static network of the statements dated within it
// (dnanet.OneMode and dnanet.TwoModeNetwork of a model compiled with the
// window), for every aggregation and normalisation.
func TestClassicWindowsEqualStaticNetworks(t *testing.T) {
	d, err := gen.Generate(gen.Config{Actors: 60, Claims: 25, Statements: 1500, Sources: 90, Seed: 3,
		From: 20250101, To: 20250331})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m, err := graph.Compile(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	type combo struct {
		typ, mode, agg, norm string
	}
	var combos []combo
	for _, a := range dnanet.OneModeAggregates {
		for _, n := range dnanet.OneModeNormalizations {
			combos = append(combos, combo{dnanet.NetworkOneMode, dnanet.NodeActor, a, n})
		}
	}
	combos = append(combos, combo{dnanet.NetworkOneMode, dnanet.NodeClaim, dnanet.AggregateSubtract, dnanet.NormalizeJaccard})
	for _, a := range dnanet.TwoModeAggregates {
		for _, n := range dnanet.TwoModeNormalizations {
			combos = append(combos, combo{dnanet.NetworkTwoMode, "", a, n})
		}
	}
	for _, c := range combos {
		net := dnanet.NetworkOptions{Mode: c.mode, Aggregate: c.agg, Normalize: c.norm}
		s, err := series.Compute(ctx, m, series.Options{Type: c.typ, Network: net,
			Size: series.Span{N: 21, Unit: series.Days}, Step: series.Span{N: 9, Unit: series.Days}})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Windows) < 5 {
			t.Fatalf("%v: only %d windows", c, len(s.Windows))
		}
		for _, w := range s.Windows {
			if got := w.End.Time().Sub(w.Start.Time()).Hours() / 24; got != 20 {
				t.Fatalf("window %s..%s is %v days long, want 21 days", w.Start, w.End, got+1)
			}
			mw, err := graph.Compile(ctx, d, graph.WithWindow(graph.Window{From: w.Start, To: w.End}))
			if err != nil {
				t.Fatal(err)
			}
			var want *dnanet.Network
			if c.typ == dnanet.NetworkOneMode {
				want, err = dnanet.OneMode(ctx, mw, net)
			} else {
				want, err = dnanet.TwoModeNetwork(ctx, mw, net)
			}
			if err != nil {
				t.Fatal(err)
			}
			sameNetwork(t, fmt.Sprintf("%v window %s", c, w.Mid), w, want)
		}
	}
}

func sameNetwork(t *testing.T, name string, w series.Window, want *dnanet.Network) {
	t.Helper()
	if !reflect.DeepEqual(w.Nodes, want.Nodes) || w.Rows != want.Rows {
		t.Fatalf("%s: nodes %v (rows %d), static %v (rows %d)", name, w.Nodes, w.Rows, want.Nodes, want.Rows)
	}
	if len(w.Edges) != len(want.Edges) {
		t.Fatalf("%s: %d edges, static %d", name, len(w.Edges), len(want.Edges))
	}
	for i, e := range w.Edges {
		f := want.Edges[i]
		if e.Source != f.Source || e.Target != f.Target || math.Abs(e.Weight-f.Weight) > 1e-12*math.Max(1, math.Abs(f.Weight)) {
			t.Fatalf("%s: edge %d is %v, static %v", name, i, e, f)
		}
	}
}

package analysis

import (
	"context"
	"reflect"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/internal/graphtest"
)

// TestFunctionsMatchAnalyze checks that each exported measure function
// gives exactly what Analyze stores for it, on the built-in dataset.
func TestFunctionsMatchAnalyze(t *testing.T) {
	ctx := context.Background()
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	m := graphtest.Compile(t, d)
	an := mustAnalyze(t, m)
	stored := func(name string) []float64 {
		var out []float64
		for _, a := range an.Actors {
			out = append(out, a.Centrality[name])
		}
		for _, c := range an.Claims {
			out = append(out, c.Centrality[name])
		}
		return out
	}
	must := func(s []float64, err error) []float64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	hub, auth, err := HITS(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]float64{
		Degree:      DegreeCentrality(m),
		Betweenness: must(BetweennessCentrality(ctx, m)),
		Harmonic:    must(HarmonicCentrality(ctx, m)),
		PageRank:    must(PageRankCentrality(ctx, m)),
		Eigenvector: must(EigenvectorCentrality(ctx, m)),
		Hub:         hub,
		Authority:   auth,
	} {
		if want := stored(name); !reflect.DeepEqual(got, want) {
			t.Errorf("%s function = %v, Analyze %v", name, got, want)
		}
	}
	cont := Contestation(m)
	for i, c := range an.Claims {
		if cont[i] != c.Contestation {
			t.Errorf("Contestation[%s] = %v, Analyze %v", c.ID, cont[i], c.Contestation)
		}
	}
	if got := Reversals(m); !reflect.DeepEqual(got, an.Reversals) {
		t.Errorf("Reversals = %v, Analyze %v", got, an.Reversals)
	}
	edges, total := Conflicts(m, -1)
	if !reflect.DeepEqual(edges, an.Conflicts) || total != len(an.Conflicts) {
		t.Errorf("Conflicts = %d of %d, Analyze %d", len(edges), total, len(an.Conflicts))
	}
	if edges, total := Conflicts(m, 2); len(edges) != 2 || total != len(an.Conflicts) {
		t.Errorf("Conflicts(2) = %d of %d, want 2 of %d", len(edges), total, len(an.Conflicts))
	}
	coal, of, err := FindCoalitions(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(coal, an.Coalitions) {
		t.Errorf("FindCoalitions = %+v, Analyze %+v", coal, an.Coalitions)
	}
	for i, a := range an.Actors {
		if of[i] != a.Coalition {
			t.Errorf("FindCoalitions: %s in %d, Analyze %d", a.ID, of[i], a.Coalition)
		}
	}
	if _, err := BetweennessCentrality(ctx, m, WithPivots(0)); err == nil {
		t.Error("BetweennessCentrality with 0 pivots: no error")
	}
	if _, _, err := FindCoalitions(ctx, m, WithResolution(0)); err == nil {
		t.Error("FindCoalitions with resolution 0: no error")
	}
}

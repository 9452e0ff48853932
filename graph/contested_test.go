package graph

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func mustAnalyze(t testing.TB, m *Model, opts ...AnalyzeOption) *Analysis {
	t.Helper()
	an, err := Analyze(context.Background(), m, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return an
}

func claimResult(t testing.TB, an *Analysis, id string) ClaimResult {
	t.Helper()
	for _, c := range an.Claims {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no claim %q", id)
	return ClaimResult{}
}

// TestContestedReversalWindow is the scenario of the issue: an actor
// opposes a claim and supports it two days later while another actor
// supports it.
func TestContestedReversalWindow(t *testing.T) {
	d := testDataset(t,
		[4]string{"a", "x", "oppose", "2025-10-01"},
		[4]string{"a", "x", "support", "2025-10-03"},
		[4]string{"b", "x", "support", "2025-10-02"},
	)
	an := mustAnalyze(t, mustCompile(t, d))
	x := claimResult(t, an, "x")
	if !x.Contested {
		t.Errorf("x not contested over the whole range: %+v", x)
	}
	if want := []Reversal{{Actor: "a", Claim: "x", First: date(t, "2025-10-01"), Last: date(t, "2025-10-03")}}; !reflect.DeepEqual(an.Reversals, want) {
		t.Errorf("reversals = %+v, want %+v", an.Reversals, want)
	}
	if want := []ConflictEdge{{A: "a", B: "b", Claim: "x"}}; !reflect.DeepEqual(an.Conflicts, want) {
		t.Errorf("conflicts = %+v, want %+v", an.Conflicts, want)
	}

	later := mustAnalyze(t, mustCompile(t, d, WithWindow(Window{From: date(t, "2025-10-02")})))
	x = claimResult(t, later, "x")
	if x.Contested || x.Contestation != 0 {
		t.Errorf("x contested from the second day: %+v", x)
	}
	if len(later.Reversals) != 0 || len(later.Conflicts) != 0 {
		t.Errorf("reversals %+v, conflicts %+v from the second day; want none", later.Reversals, later.Conflicts)
	}
}

func TestContested(t *testing.T) {
	for _, tt := range []struct {
		name       string
		statements [][4]string
		sup, opp   []string
		contested  bool
		score      float64
		reversals  []Reversal
		conflicts  []ConflictEdge
	}{
		{
			name:       "uncontested",
			statements: [][4]string{{"a", "x", "support", ""}, {"b", "x", "support", ""}},
			sup:        []string{"a", "b"}, opp: []string{},
			conflicts: []ConflictEdge{},
		},
		{
			name:       "one actor alone on both sides",
			statements: [][4]string{{"a", "x", "support", "2025-10-02"}, {"a", "x", "oppose", ""}},
			sup:        []string{"a"}, opp: []string{"a"},
			reversals: []Reversal{{Actor: "a", Claim: "x", First: 20251002, Last: 20251002}},
			conflicts: []ConflictEdge{},
		},
		{
			name:       "even split",
			statements: [][4]string{{"a", "x", "support", ""}, {"b", "x", "oppose", ""}},
			sup:        []string{"a"}, opp: []string{"b"}, contested: true, score: 1,
			conflicts: []ConflictEdge{{"a", "b", "x"}},
		},
		{
			name: "three to one",
			statements: [][4]string{
				{"a", "x", "support", ""}, {"b", "x", "support", ""}, {"c", "x", "support", ""}, {"d", "x", "oppose", ""},
			},
			sup: []string{"a", "b", "c"}, opp: []string{"d"}, contested: true, score: 0.5,
			conflicts: []ConflictEdge{{"a", "d", "x"}, {"b", "d", "x"}, {"c", "d", "x"}},
		},
		{
			name: "two reversals count once per pair",
			statements: [][4]string{
				{"a", "x", "support", ""}, {"a", "x", "oppose", ""}, {"b", "x", "oppose", ""}, {"b", "x", "support", ""},
			},
			sup: []string{"a", "b"}, opp: []string{"a", "b"}, contested: true, score: 1,
			reversals: []Reversal{{Actor: "a", Claim: "x"}, {Actor: "b", Claim: "x"}},
			conflicts: []ConflictEdge{{"a", "b", "x"}},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			an := mustAnalyze(t, mustCompile(t, testDataset(t, tt.statements...)))
			x := claimResult(t, an, "x")
			if !reflect.DeepEqual(x.Supporters, tt.sup) || !reflect.DeepEqual(x.Opposers, tt.opp) {
				t.Errorf("supporters %v opposers %v, want %v %v", x.Supporters, x.Opposers, tt.sup, tt.opp)
			}
			if x.Contested != tt.contested || x.Contestation != tt.score {
				t.Errorf("contested %v %v, want %v %v", x.Contested, x.Contestation, tt.contested, tt.score)
			}
			if tt.reversals == nil {
				tt.reversals = []Reversal{}
			}
			if !reflect.DeepEqual(an.Reversals, tt.reversals) {
				t.Errorf("reversals %+v, want %+v", an.Reversals, tt.reversals)
			}
			if !reflect.DeepEqual(an.Conflicts, tt.conflicts) {
				t.Errorf("conflicts %+v, want %+v", an.Conflicts, tt.conflicts)
			}
		})
	}
}

func TestConflictLimit(t *testing.T) {
	d := testDataset(t,
		[4]string{"a", "x", "support", ""}, [4]string{"b", "x", "support", ""},
		[4]string{"a", "x", "oppose", ""}, [4]string{"c", "x", "oppose", ""},
		[4]string{"a", "y", "support", ""}, [4]string{"c", "y", "oppose", ""},
	)
	m := mustCompile(t, d)
	all := mustAnalyze(t, m, WithConflictLimit(-1))
	// x: S = {a, b}, O = {a, c}, i = 1: 2·2 − 1 − 0 = 3 pairs; y: 1.
	want := []ConflictEdge{{"a", "b", "x"}, {"a", "c", "x"}, {"b", "c", "x"}, {"a", "c", "y"}}
	if !reflect.DeepEqual(all.Conflicts, want) || all.Methods["conflicts"] != "all 4" {
		t.Errorf("conflicts %v (%s), want %v", all.Conflicts, all.Methods["conflicts"], want)
	}
	two := mustAnalyze(t, m, WithConflictLimit(2))
	if !reflect.DeepEqual(two.Conflicts, want[:2]) || two.Methods["conflicts"] != "first 2 of 4 (raise the limit with WithConflictLimit)" {
		t.Errorf("limited conflicts %v (%s)", two.Conflicts, two.Methods["conflicts"])
	}
}

// TestAnalyzeEdgeCases checks datasets and windows with little or nothing
// in them: every score is a number (JSON has no NaN) and nothing fails.
func TestAnalyzeEdgeCases(t *testing.T) {
	d := testDataset(t,
		[4]string{"a", "x", "support", "2025-10-01"},
		[4]string{"b", "y", "oppose", "2025-10-02"},
	)
	for _, tt := range []struct {
		name string
		w    Window
	}{
		{"empty window", Window{From: date(t, "2026-01-01")}},
		{"one statement", Window{To: date(t, "2025-10-01")}},
		{"two components", Window{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			an := mustAnalyze(t, mustCompile(t, d, WithWindow(tt.w)))
			if _, err := json.Marshal(an); err != nil {
				t.Fatal(err)
			}
			for _, a := range an.Actors {
				if len(a.Centrality) != len(Measures) {
					t.Errorf("%s has %d measures", a.ID, len(a.Centrality))
				}
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Analyze(ctx, mustCompile(t, d)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Analyze returned %v", err)
	}
	if _, err := Analyze(context.Background(), mustCompile(t, d), WithPivots(0)); err == nil {
		t.Error("0 pivots accepted")
	}
}

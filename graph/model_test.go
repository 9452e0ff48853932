package graph

import (
	"context"
	"testing"

	"github.com/claimnet/claimnet/annotations"
)

// testDataset builds a dataset in code. Each statement is
// "actor claim stance date", and every id named is declared.
func testDataset(t testing.TB, statements ...[4]string) *annotations.Dataset {
	t.Helper()
	var actors []*annotations.Actor
	var claims []*annotations.Claim
	seenA, seenC := map[string]bool{}, map[string]bool{}
	src := &annotations.Source{ID: "src", Title: "Source"}
	var stmts []*annotations.Statement
	for _, s := range statements {
		if !seenA[s[0]] {
			seenA[s[0]] = true
			actors = append(actors, &annotations.Actor{ID: s[0], Name: s[0], Type: "person"})
		}
		if !seenC[s[1]] {
			seenC[s[1]] = true
			claims = append(claims, &annotations.Claim{ID: s[1], Text: s[1]})
		}
		st, ok := annotations.ParseStance(s[2])
		if !ok {
			t.Fatalf("bad stance %q", s[2])
		}
		var date annotations.Date
		if s[3] != "" {
			var err error
			if date, err = annotations.ParseDate(s[3]); err != nil {
				t.Fatal(err)
			}
		}
		stmts = append(stmts, &annotations.Statement{Actor: s[0], Claim: s[1], Stance: st, Quote: "q", Source: "src", Date: date})
	}
	d, err := annotations.New(actors, claims, []*annotations.Source{src}, stmts, nil)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustCompile(t testing.TB, d *annotations.Dataset, opts ...Option) *Model {
	t.Helper()
	m, err := Compile(context.Background(), d, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func date(t testing.TB, s string) annotations.Date {
	d, err := annotations.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCompileStances(t *testing.T) {
	d := testDataset(t,
		[4]string{"b", "x", "support", "2025-10-03"},
		[4]string{"a", "x", "oppose", "2025-10-01"},
		[4]string{"a", "x", "support", "2025-10-03"},
		[4]string{"a", "x", "support", "2025-10-05"},
		[4]string{"a", "y", "support", ""},
	)
	m := mustCompile(t, d)
	// Actors in dataset order: b, a. Claims: x, y.
	want := []StanceEdge{
		{Actor: 0, Claim: 0, Stance: annotations.Support, Weight: 1, First: date(t, "2025-10-03"), Last: date(t, "2025-10-03")},
		{Actor: 1, Claim: 0, Stance: annotations.Support, Weight: 2, First: date(t, "2025-10-03"), Last: date(t, "2025-10-05")},
		{Actor: 1, Claim: 0, Stance: annotations.Oppose, Weight: 1, First: date(t, "2025-10-01"), Last: date(t, "2025-10-01")},
		{Actor: 1, Claim: 1, Stance: annotations.Support, Weight: 1},
	}
	if len(m.Stances) != len(want) {
		t.Fatalf("stances = %+v", m.Stances)
	}
	for i := range want {
		if m.Stances[i] != want[i] {
			t.Errorf("stance %d = %+v, want %+v", i, m.Stances[i], want[i])
		}
	}
	if got := m.EdgeStatements(1); len(got) != 2 || got[0].Date.String() != "2025-10-03" || got[1].Date.String() != "2025-10-05" {
		t.Errorf("EdgeStatements(1) = %v", got)
	}
	if got := m.ClaimEdges(0); len(got) != 3 || got[0] != 0 || got[1] != 1 || got[2] != 2 {
		t.Errorf("ClaimEdges(0) = %v", got)
	}
	if got := m.ActorEdges(1); len(got) != 3 {
		t.Errorf("ActorEdges(1) = %v", got)
	}
	wantPairs := []Pair{
		{Actor: 0, Claim: 0, Support: 1, First: date(t, "2025-10-03"), Last: date(t, "2025-10-03")},
		{Actor: 1, Claim: 0, Support: 2, Oppose: 1, First: date(t, "2025-10-01"), Last: date(t, "2025-10-05")},
		{Actor: 1, Claim: 1, Support: 1},
	}
	if got := m.Pairs(); len(got) != len(wantPairs) {
		t.Errorf("Pairs = %+v", got)
	} else {
		for i := range got {
			if got[i] != wantPairs[i] {
				t.Errorf("pair %d = %+v, want %+v", i, got[i], wantPairs[i])
			}
		}
	}
	g := m.TwoMode()
	if w, ok := g.Weight(m.ActorNode(1), m.ClaimNode(0)); !ok || w != 3 {
		t.Errorf("two-mode weight a–x = %v, want 3", w)
	}
	if n := g.Nodes().Len(); n != 4 {
		t.Errorf("two-mode nodes = %d, want 4", n)
	}
}

func TestCompileWindow(t *testing.T) {
	d := testDataset(t,
		[4]string{"a", "x", "oppose", "2025-10-01"},
		[4]string{"a", "x", "support", "2025-10-03"},
		[4]string{"b", "x", "support", "2025-10-03"},
		[4]string{"c", "x", "support", ""},
	)
	tests := []struct {
		w    Window
		want int
	}{
		{Window{}, 4},
		{Window{From: date(t, "2025-10-02")}, 2},
		{Window{To: date(t, "2025-10-01")}, 1},
		{Window{From: date(t, "2025-10-01"), To: date(t, "2025-10-03")}, 3},
	}
	for _, tt := range tests {
		m := mustCompile(t, d, WithWindow(tt.w))
		if len(m.Statements) != tt.want {
			t.Errorf("window %s: %d statements, want %d", tt.w, len(m.Statements), tt.want)
		}
	}
	if _, err := Compile(context.Background(), d, WithWindow(Window{From: date(t, "2025-10-05"), To: date(t, "2025-10-01")})); err == nil {
		t.Error("reversed window compiled without error")
	}
}

package graph_test

import (
	"context"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/internal/graphtest"
)

func TestCompileStances(t *testing.T) {
	d := graphtest.Dataset(t,
		[4]string{"b", "x", "support", "2025-10-03"},
		[4]string{"a", "x", "oppose", "2025-10-01"},
		[4]string{"a", "x", "support", "2025-10-03"},
		[4]string{"a", "x", "support", "2025-10-05"},
		[4]string{"a", "y", "support", ""},
	)
	m := graphtest.Compile(t, d)
	// Actors in dataset order: b, a. Claims: x, y.
	want := []graph.StanceEdge{
		{Actor: 0, Claim: 0, Stance: annotations.Support, Weight: 1, First: graphtest.Date(t, "2025-10-03"), Last: graphtest.Date(t, "2025-10-03")},
		{Actor: 1, Claim: 0, Stance: annotations.Support, Weight: 2, First: graphtest.Date(t, "2025-10-03"), Last: graphtest.Date(t, "2025-10-05")},
		{Actor: 1, Claim: 0, Stance: annotations.Oppose, Weight: 1, First: graphtest.Date(t, "2025-10-01"), Last: graphtest.Date(t, "2025-10-01")},
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
	wantPairs := []graph.Pair{
		{Actor: 0, Claim: 0, Support: 1, First: graphtest.Date(t, "2025-10-03"), Last: graphtest.Date(t, "2025-10-03")},
		{Actor: 1, Claim: 0, Support: 2, Oppose: 1, First: graphtest.Date(t, "2025-10-01"), Last: graphtest.Date(t, "2025-10-05")},
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
	d := graphtest.Dataset(t,
		[4]string{"a", "x", "oppose", "2025-10-01"},
		[4]string{"a", "x", "support", "2025-10-03"},
		[4]string{"b", "x", "support", "2025-10-03"},
		[4]string{"c", "x", "support", ""},
	)
	tests := []struct {
		w    graph.Window
		want int
	}{
		{graph.Window{}, 4},
		{graph.Window{From: graphtest.Date(t, "2025-10-02")}, 2},
		{graph.Window{To: graphtest.Date(t, "2025-10-01")}, 1},
		{graph.Window{From: graphtest.Date(t, "2025-10-01"), To: graphtest.Date(t, "2025-10-03")}, 3},
	}
	for _, tt := range tests {
		m := graphtest.Compile(t, d, graph.WithWindow(tt.w))
		if len(m.Statements) != tt.want {
			t.Errorf("window %s: %d statements, want %d", tt.w, len(m.Statements), tt.want)
		}
	}
	if _, err := graph.Compile(context.Background(), d, graph.WithWindow(graph.Window{From: graphtest.Date(t, "2025-10-05"), To: graphtest.Date(t, "2025-10-01")})); err == nil {
		t.Error("reversed window compiled without error")
	}
}

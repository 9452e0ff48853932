package graph_test

import (
	"context"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
)

// TestCompileChecksReferences checks that Compile refuses a hand-built
// Dataset with a dangling or duplicate reference, naming it, instead of
// taking index 0 for it.
func TestCompileChecksReferences(t *testing.T) {
	valid := func() *annotations.Dataset {
		return &annotations.Dataset{
			Actors:  []*annotations.Actor{{ID: "a"}, {ID: "b", Affiliation: "a"}},
			Claims:  []*annotations.Claim{{ID: "x", Supports: []string{"y"}}, {ID: "y", Attacks: []string{"x"}}},
			Sources: []*annotations.Source{{ID: "s"}},
			Statements: []*annotations.Statement{
				{Actor: "a", Claim: "x", Stance: annotations.Support, Source: "s", Date: 20251001},
				{Actor: "b", Claim: "y", Stance: annotations.Oppose, Source: "s", Date: 20251002},
			},
			Relations: []*annotations.Relation{{From: "a", To: []string{"b"}, Type: "allies", Source: "s"}},
		}
	}
	for _, tt := range []struct {
		name   string
		break_ func(d *annotations.Dataset)
		window graph.Window
		want   string
	}{
		{"valid", func(*annotations.Dataset) {}, graph.Window{}, ""},
		{"supports", func(d *annotations.Dataset) { d.Claims[0].Supports = []string{"nope"} }, graph.Window{}, `claim "x" supports "nope", which is not a declared claim`},
		{"attacks", func(d *annotations.Dataset) { d.Claims[1].Attacks = []string{"nope"} }, graph.Window{}, `claim "y" attacks "nope"`},
		{"relation from", func(d *annotations.Dataset) { d.Relations[0].From = "nope" }, graph.Window{}, `relation allies is from "nope", which is not a declared actor`},
		{"relation to", func(d *annotations.Dataset) { d.Relations[0].To = []string{"b", "nope"} }, graph.Window{}, `is to "nope", which is not a declared actor`},
		{"affiliation", func(d *annotations.Dataset) { d.Actors[1].Affiliation = "nope" }, graph.Window{}, `actor "b" is affiliated with "nope"`},
		{"statement actor", func(d *annotations.Dataset) { d.Statements[1].Actor = "nope" }, graph.Window{}, `statement is by "nope"`},
		{"statement claim", func(d *annotations.Dataset) { d.Statements[1].Claim = "nope" }, graph.Window{}, `statement is on "nope"`},
		{"statement source", func(d *annotations.Dataset) { d.Statements[1].Source = "nope" }, graph.Window{}, `cites source "nope"`},
		{"statement outside the window", func(d *annotations.Dataset) { d.Statements[1].Claim = "nope" }, graph.Window{To: 20251001}, `statement is on "nope"`},
		{"no stance", func(d *annotations.Dataset) { d.Statements[0].Stance = 0 }, graph.Window{}, `has no stance; want support or oppose`},
		{"duplicate actor", func(d *annotations.Dataset) {
			d.Actors = append(d.Actors, &annotations.Actor{ID: "a", Pos: annotations.Pos{File: "actors.yaml", Line: 9, Col: 3}})
		}, graph.Window{}, `actor "a" at actors.yaml:9:3 is declared twice`},
		{"duplicate claim", func(d *annotations.Dataset) { d.Claims = append(d.Claims, &annotations.Claim{ID: "y"}) }, graph.Window{}, `claim "y" is declared twice`},
		{"duplicate source", func(d *annotations.Dataset) { d.Sources = append(d.Sources, &annotations.Source{ID: "s"}) }, graph.Window{}, `source "s" is declared twice`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := valid()
			tt.break_(d)
			_, err := graph.Compile(context.Background(), d, graph.WithWindow(tt.window))
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Compile: %v", err)
			case tt.want != "" && err == nil:
				t.Fatalf("Compile: no error, want %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Fatalf("Compile: %v, want %q", err, tt.want)
			}
		})
	}
}

// TestCompileFacts checks the per-node, per-relation and per-source facts
// the model carries.
func TestCompileFacts(t *testing.T) {
	d, err := annotations.New(
		[]*annotations.Actor{{ID: "a", Name: "A", Type: "person"}, {ID: "b", Name: "B", Type: "person"}, {ID: "c", Name: "C", Type: "person"}},
		[]*annotations.Claim{{ID: "x", Text: "X"}, {ID: "y", Text: "Y"}},
		[]*annotations.Source{{ID: "s", Title: "S"}, {ID: "t", Title: "T"}},
		[]*annotations.Statement{
			{Actor: "a", Claim: "x", Stance: annotations.Support, Quote: "q", Source: "s", Date: 20251003},
			{Actor: "a", Claim: "x", Stance: annotations.Oppose, Quote: "q", Source: "t", Date: 20251001},
			{Actor: "b", Claim: "x", Stance: annotations.Support, Quote: "q", Source: "s"},
			{Actor: "b", Claim: "y", Stance: annotations.Support, Quote: "q", Source: "s", Date: 20251009},
		},
		[]*annotations.Relation{
			{From: "c", To: []string{"a"}, Type: "allies", Quote: "q", Source: "s", Date: 20250920},
			{From: "c", To: []string{"a"}, Type: "allies", Quote: "q", Source: "s", Date: 20251020},
			{From: "b", To: []string{"c"}, Type: "allies", Quote: "q", Source: "s"},
		})
	if err != nil {
		t.Fatal(err)
	}
	m, err := graph.Compile(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	wantActors := []graph.NodeFacts{{2, 20250920, 20251020}, {2, 20251009, 20251009}, {0, 20250920, 20251020}}
	wantClaims := []graph.NodeFacts{{3, 20251001, 20251003}, {1, 20251009, 20251009}}
	for i, w := range wantActors {
		if m.ActorFacts[i] != w {
			t.Errorf("ActorFacts[%s] = %+v, want %+v", m.Actors[i].ID, m.ActorFacts[i], w)
		}
	}
	for i, w := range wantClaims {
		if m.ClaimFacts[i] != w {
			t.Errorf("ClaimFacts[%s] = %+v, want %+v", m.Claims[i].ID, m.ClaimFacts[i], w)
		}
	}
	if got := m.SourceStatements; len(got) != 2 || got[0] != 3 || got[1] != 1 {
		t.Errorf("SourceStatements = %v, want [3 1]", got)
	}
	for _, e := range m.Relations {
		from, to := m.Actors[e.From].ID, m.Actors[e.To].ID
		switch from + to {
		case "ca":
			if e.First != 20250920 || e.Last != 20251020 {
				t.Errorf("relation c→a dates %s..%s", e.First, e.Last)
			}
		case "bc":
			if e.First != 0 || e.Last != 0 {
				t.Errorf("undated relation b→c dates %s..%s", e.First, e.Last)
			}
		}
	}
	// Within a window the facts count only what is inside it.
	m, err = graph.Compile(context.Background(), d, graph.WithWindow(graph.Window{From: 20251002}))
	if err != nil {
		t.Fatal(err)
	}
	if f := m.ActorFacts[0]; f != (graph.NodeFacts{1, 20251003, 20251020}) {
		t.Errorf("windowed ActorFacts[a] = %+v", f)
	}
	if got := m.SourceStatements; got[0] != 2 || got[1] != 0 {
		t.Errorf("windowed SourceStatements = %v, want [2 0]", got)
	}
}

package query_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/query"
)

// smallDataset: a government (with a minister), rebels, a mediator and a
// silent observer; the government reverses on talks; guarantees support
// talks and blame attacks them; the government criticizes and threatens
// the rebels and the mediator mediates between them.
func smallDataset(t testing.TB) *annotations.Dataset {
	t.Helper()
	actors := []*annotations.Actor{
		{ID: "gov", Name: "Government", Type: "government"},
		{ID: "minister", Name: "Minister", Type: "person", Affiliation: "gov"},
		{ID: "rebels", Name: "Rebels", Type: "group"},
		{ID: "mediator", Name: "Mediator", Type: "state"},
		{ID: "quiet", Name: "Quiet", Type: "person"},
	}
	claims := []*annotations.Claim{
		{ID: "talks", Text: "Talks should continue."},
		{ID: "guarantees", Text: "Guarantees must be written.", Supports: []string{"talks"}},
		{ID: "blame", Text: "Rebels act from abroad.", Attacks: []string{"talks"}},
	}
	sources := []*annotations.Source{{ID: "s", Title: "S", Published: 20251019}}
	st := func(a, c string, s annotations.Stance, date annotations.Date) *annotations.Statement {
		return &annotations.Statement{Actor: a, Claim: c, Stance: s, Quote: a + " on " + c, Source: "s", Date: date}
	}
	stmts := []*annotations.Statement{
		st("gov", "talks", annotations.Support, 20251019),
		st("gov", "talks", annotations.Oppose, 20251102),
		st("minister", "guarantees", annotations.Support, 20251020),
		st("minister", "guarantees", annotations.Support, 20251025),
		st("rebels", "talks", annotations.Oppose, 20251021),
		st("rebels", "blame", annotations.Oppose, 20251021),
		st("mediator", "talks", annotations.Support, 20251019),
	}
	rels := []*annotations.Relation{
		{From: "mediator", Type: annotations.RelMediates, To: []string{"gov", "rebels"}, Quote: "q", Source: "s"},
		{From: "gov", Type: annotations.RelCriticizes, To: []string{"rebels"}, Quote: "q", Source: "s"},
		{From: "gov", Type: annotations.RelThreatens, To: []string{"rebels"}, Quote: "q", Source: "s"},
	}
	d, err := annotations.New(actors, claims, sources, stmts, rels)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func newGraph(t testing.TB, d *annotations.Dataset) *query.Graph {
	t.Helper()
	ctx := context.Background()
	m, err := graph.Compile(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	an, err := analysis.Analyze(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	g, err := query.NewGraph(m, an)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// compact runs program and returns its results as compact JSON, one a line.
func compact(t *testing.T, g *query.Graph, program string, opts ...query.Option) (string, error) {
	t.Helper()
	vals, err := query.Eval(context.Background(), program, g, opts...)
	var b bytes.Buffer
	for _, v := range vals {
		if err := (query.Encoder{Compact: true}).Encode(&b, v); err != nil {
			t.Fatal(err)
		}
	}
	return strings.TrimSpace(b.String()), err
}

func TestFunctions(t *testing.T) {
	g := newGraph(t, smallDataset(t))
	for _, tt := range []struct {
		program string
		want    string
	}{
		// Document order: gov, minister, rebels, mediator, quiet, talks, guarantees, blame.
		{`neighbors("gov")`, `["minister","rebels","mediator","talks"]`},
		{`neighbors("gov"; ["stance"])`, `["talks"]`},
		{`neighbors("gov"; "relation")`, `["minister","rebels","mediator"]`},
		{`neighbors("talks"; ["argument"])`, `["guarantees","blame"]`},
		{`neighbors("quiet")`, `[]`},
		// Two shortest paths of length 3: via talks or via rebels; the
		// breadth-first search reaches rebels (document index 2) before
		// talks (5) from gov, and blame first from rebels.
		{`path("minister"; "blame")`, `["minister","gov","rebels","blame"]`},
		{`path("minister"; "blame"; ["stance", "argument"])`, `["minister","guarantees","talks","blame"]`},
		{`path("minister"; "blame"; ["stance"])`, `null`},
		{`path("quiet"; "gov")`, `null`},
		{`path("gov"; "gov")`, `["gov"]`},
		{`supporters("talks")`, `["gov","mediator"]`},
		{`opposers("talks")`, `["gov","rebels"]`},
		{`supporters("blame"), opposers("blame")`, "[]\n[\"rebels\"]"},
		{`contested`, `["talks"]`},
		{`centrality("degree")[0]`, `{"id":"talks","kind":"claim","score":4}`},
		{`[centrality("degree")[] | select(.kind == "actor") | .id]`, `["gov","minister","rebels","mediator","quiet"]`},
		{`node("gov") | {label, kind, actor_type, statements}`, `{"actor_type":"government","kind":"actor","label":"Government","statements":2}`},
		{`[statements("minister")[] | .date]`, `["2025-10-20","2025-10-25"]`},
		{`[statements("talks")[] | .actor]`, `["gov","gov","rebels","mediator"]`},
		{`[.edges[] | select(.layer == "relation") | .kind]`, `["criticizes","threatens","member-of","mediates","mediates"]`},
		{`.reversals[] | [.actor, .claim]`, `["gov","talks"]`},
		{`try neighbors("nope") catch .`, `"neighbors: no node \"nope\""`},
		{`try supporters("gov") catch .`, `"supporters: \"gov\" is an actor, not a claim"`},
		{`try neighbors("gov"; ["stances"]) catch .`, `"neighbors: unknown layer \"stances\"; the layers are \"stance\", \"argument\" and \"relation\""`},
		{`try centrality("fame") catch .`, `"centrality: unknown measure \"fame\"; the measures are degree, betweenness, harmonic, pagerank, eigenvector, hub, authority"`},
		{`try neighbors(1) catch .`, `"neighbors: the node id must be a string, not number"`},
		// jq's own path/1 still works beside path/2.
		{`[path(.nodes[0].id)]`, `[["nodes",0,"id"]]`},
	} {
		t.Run(tt.program, func(t *testing.T) {
			got, err := compact(t, g, tt.program)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestGraphMethods(t *testing.T) {
	g := newGraph(t, smallDataset(t))
	p, err := g.Path("minister", "blame")
	if err != nil || strings.Join(p, " ") != "minister gov rebels blame" {
		t.Errorf("Path = %v, %v", p, err)
	}
	n, err := g.Neighbors("gov", "stance")
	if err != nil || strings.Join(n, " ") != "talks" {
		t.Errorf("Neighbors = %v, %v", n, err)
	}
	if _, err := g.Neighbors("gov", "nope"); err == nil {
		t.Error("Neighbors with an unknown layer: no error")
	}
	if _, err := g.Path("gov", "nobody"); err == nil {
		t.Error("Path to an unknown node: no error")
	}
	c := g.Contested()
	if len(c) != 1 || c[0] != "talks" {
		t.Errorf("Contested = %v", c)
	}
}

func TestVariables(t *testing.T) {
	g := newGraph(t, smallDataset(t))
	ids, err := query.ParseValue(`["gov", "rebels"]`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := compact(t, g, `[$ids[] | neighbors(.) | length], $who`, query.WithVar("ids", ids), query.WithVar("$who", "me"))
	if err != nil {
		t.Fatal(err)
	}
	if got != "[4,4]\n\"me\"" {
		t.Errorf("got %s", got)
	}
	for _, bad := range []string{`{`, `1 2`, ``} {
		if _, err := query.ParseValue(bad); err == nil {
			t.Errorf("ParseValue(%q): no error", bad)
		}
	}
}

func TestParseError(t *testing.T) {
	g := newGraph(t, smallDataset(t))
	for _, tt := range []struct {
		program, msg, excerpt string
		line, col             int
	}{
		{`.nodes[] | select(.kind == ]`, `unexpected token "]"`, ".nodes[] | select(.kind == ]\n                           ^\n", 1, 28},
		{".nodes[]\n| select(.kind ==)", `unexpected token ")"`, "| select(.kind ==)\n                 ^\n", 2, 18},
		{`.nodes[`, `unexpected EOF`, ".nodes[\n       ^\n", 1, 8},
		{`"é" | }`, `unexpected token "}"`, "\"é\" | }\n      ^\n", 1, 7},
	} {
		_, err := query.Compile(tt.program, g)
		var pe *query.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: error %v, want a *ParseError", tt.program, err)
			continue
		}
		if pe.Msg != tt.msg || pe.Line != tt.line || pe.Column != tt.col {
			t.Errorf("%q: %d:%d %s, want %d:%d %s", tt.program, pe.Line, pe.Column, pe.Msg, tt.line, tt.col, tt.msg)
		}
		if pe.Excerpt() != tt.excerpt {
			t.Errorf("%q: excerpt\n%s\nwant\n%s", tt.program, pe.Excerpt(), tt.excerpt)
		}
	}
	if _, err := query.Compile(`nosuch(1)`, g); err == nil || !strings.Contains(err.Error(), "function not defined: nosuch/1") {
		t.Errorf("undefined function: %v", err)
	}
}

func TestRunErrors(t *testing.T) {
	g := newGraph(t, smallDataset(t))
	q, err := query.Compile(`last(range(1e12))`, g)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = q.Run(ctx, func(any) error { return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("endless program: %v, want a deadline error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopping took %s", d)
	}
	if _, err := query.Eval(context.Background(), `.nodes[0].label | keys`, g); err == nil || !strings.HasPrefix(err.Error(), "query: ") {
		t.Errorf("runtime error: %v", err)
	}
	vals, err := query.Eval(context.Background(), `1, halt, 2`, g)
	if err != nil || len(vals) != 1 {
		t.Errorf("halt: %v, %v", vals, err)
	}
	if _, err := query.Eval(context.Background(), `"bye\n" | halt_error`, g); err == nil {
		t.Error("halt_error: no error")
	}
}

func TestEncoder(t *testing.T) {
	v := map[string]any{"b": []any{1, "x<&>"}, "a": nil}
	for _, tt := range []struct {
		enc  query.Encoder
		in   any
		want string
	}{
		{query.Encoder{}, v, "{\n  \"a\": null,\n  \"b\": [\n    1,\n    \"x<&>\"\n  ]\n}\n"},
		{query.Encoder{Compact: true}, v, `{"a":null,"b":[1,"x<&>"]}` + "\n"},
		{query.Encoder{Raw: true}, "line", "line\n"},
		{query.Encoder{}, "line", "\"line\"\n"},
		{query.Encoder{Raw: true, Compact: true}, []any{}, "[]\n"},
		{query.Encoder{}, []any{}, "[]\n"},
	} {
		var b bytes.Buffer
		if err := tt.enc.Encode(&b, tt.in); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.enc, b.String(), tt.want)
		}
	}
}

// TestInputIsDocument checks that the program's input is the graph
// document: the same JSON the json export writes.
func TestInputIsDocument(t *testing.T) {
	g := newGraph(t, smallDataset(t))
	vals, err := query.Eval(context.Background(), `.`, g)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(vals[0])
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(g.Document())
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	json.Unmarshal(got, &a)
	json.Unmarshal(want, &b)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Error("the query input differs from the graph document")
	}
}

// TestRankingsAgree checks that the query functions contested and
// centrality list what the analysis ranks, in its order, on the built-in
// dataset (where contested once put the 2-for/2-against claim 4th, and
// analyse put it 1st).
func TestRankingsAgree(t *testing.T) {
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	g := newGraph(t, d)
	an := g.Analysis
	var want []string
	for _, c := range an.Rankings.Contested {
		want = append(want, an.Claims[c].ID)
	}
	if got := g.Contested(); !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("Contested = %v, analysis ranks %v", got, want)
	}
	first := an.Claims[an.Rankings.Contested[0]]
	for _, c := range an.Claims {
		if c.Contested && c.Contestation == first.Contestation && len(c.Supporters)+len(c.Opposers) > len(first.Supporters)+len(first.Opposers) {
			t.Errorf("contested: %s (%d actors) ranks below %s (%d actors) at the same contestation",
				c.ID, len(c.Supporters)+len(c.Opposers), first.ID, len(first.Supporters)+len(first.Opposers))
		}
	}
	for _, measure := range analysis.Measures {
		scored, err := g.Centrality(measure)
		if err != nil {
			t.Fatal(err)
		}
		na := len(an.Actors)
		for i, v := range an.Rankings.ByMeasure[measure] {
			id := ""
			if v < na {
				id = an.Actors[v].ID
			} else {
				id = an.Claims[v-na].ID
			}
			if scored[i].ID != id {
				t.Fatalf("centrality(%q)[%d] = %s, analysis ranks %s", measure, i, scored[i].ID, id)
			}
		}
	}
}

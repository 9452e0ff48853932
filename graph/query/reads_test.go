package query

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/itchyny/gojq"
)

// readsCases are programs and whether readsStatements must say they may
// read the document's statements. Each that does not is run on the
// document with and without its statements by TestReadsStatementsSound.
var readsCases = []struct {
	program string
	reads   bool
}{
	{`.nodes | length`, false},
	{`.nodes[] | select(.kind == "claim") | .statements`, false},
	{`.sources[] | "\(.statements)\t\(.id)"`, false},
	{`[.nodes[] | .id] as $ids | $ids | length`, false},
	{`. as $d | $d.nodes[0].id`, false},
	{`. as $d | [$d.edges[] | select(.layer == "argument")] | length`, false},
	{`statements("khawaja-asif") | length`, false},
	{`[.statements[] | .quote] | length`, true},
	{`.statements | length`, true},
	{`."statements" | length`, true},
	{`.["statements"] | length`, true},
	{`. as $d | $d.statements`, true},
	{`. as $d | .nodes | $d`, true},
	{`.`, true},
	{`keys`, true},
	{`length`, true},
	{`.[] | length`, true},
	{`.. | numbers`, true},
	{`to_entries[0].key`, true},
	{`tojson | length`, true},
	{`.["state" + "ments"] | length`, true},
	{`"statements" as $k | .[$k] | length`, true},
	{`getpath(["statements"]) | length`, true},
	{`paths | length`, true},
	{`{a: .} | .a.statements | length`, true},
	{`[.] | .[0].statements | length`, true},
	{`def f: .statements; f | length`, true},
	{`reduce .nodes[] as $n (.; .x) | .statements | length`, true},
	{`reduce .nodes[] as $n (0; . + 1)`, false},
	{`foreach .nodes[] as $n (0; . + 1; .) | select(. == 3)`, false},
	{`first(.nodes[]).id`, false},
	{`limit(2; .nodes[]) | .id`, false},
	{`select(.version == "1") | .nodes | length`, false},
	{`select(.version == "1")`, true},
	{`if .version == "1" then .nodes[0].id else .edges[0].id end`, false},
	{`if .version == "1" then .nodes[0].id end`, true},
	{`try error(.) catch length`, true},
	{`try (.nodes | error) catch length`, false},
	{`. == .`, true},
	{`.nodes |= length`, true},
	{`.version |= "2" | .version`, true},
	{`@json`, true},
	{`@text "\(.nodes | length)"`, false},
	{`"\(.)" | length`, true},
	{`. as [$a] | $a`, true},
	{`. as {nodes: $n} | $n | length`, true},
	{`.nodes as [$a, $b] | $a.id`, false},
	{`{n: .nodes | length, v: .version}`, false},
	{`{version} | .version`, false},
	{`{statements} | .statements | length`, true},
	{`. as $d | {$d} | .d.statements | length`, true},
	{`path(.statements)`, true},
	{`neighbors("khawaja-asif") | length`, false},
	{`[centrality("betweenness")[] | select(.kind == "actor")][:5] | length`, false},
	{`contested | length`, false},
	{`node("khawaja-asif").label`, false},
	{`isempty(.nodes[])`, false},
	{`range(3) | . * 2`, false},
	{`type`, false},
	{`error`, true},
	{`.nodes[0] as $n | . as $d | $n.id`, false},
	{`.conflicts | group_by([.a, .b]) | length`, false},
	{`.coalitions.groups | to_entries | length`, false},
	{`[.nodes[] | .id] | map(. as $id | $id) | length`, false},
	{`.nodes | map(.statements) | add`, false},
	{`. as $d | .nodes | map($d.version) | length`, false},
	{`. as $d | .nodes | map($d) | length`, true},
	{`.version as $v | $v`, false},
	{`.statements? // [] | length`, true},
	{`label $out | .nodes[] | .id, break $out`, false},
	{`-.nodes[0].statements`, false},
	{`-.`, true},
	{`.nodes[.version | length]`, false},
	{`.[.version]`, true},
	{`.nodes[1:3] | length`, false},
	{`.[1:3]`, true},
}

func TestReadsStatements(t *testing.T) {
	for _, tt := range readsCases {
		q, err := gojq.Parse(tt.program)
		if err != nil {
			t.Fatalf("%s: %v", tt.program, err)
		}
		fields, all := fieldsRead(q)
		if got := all || fields["statements"]; got != tt.reads {
			t.Errorf("fieldsRead(%s) = %v, %v; want statements read %v", tt.program, fields, all, tt.reads)
		}
	}
}

// TestReadsStatementsSound runs every program that fieldsRead says reads
// some fields of the document only on the whole document and on those
// fields: the results (or errors) must be the same.
func TestReadsStatementsSound(t *testing.T) {
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m, err := graph.Compile(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	an, err := analysis.Analyze(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewGraph(m, an)
	if err != nil {
		t.Fatal(err)
	}
	collect := func(q *Query, all bool) ([]any, string) {
		q.all = all
		var out []any
		err := q.Run(ctx, func(v any) error { out = append(out, v); return nil })
		if err != nil {
			return out, err.Error()
		}
		return out, ""
	}
	for _, tt := range readsCases {
		q, err := Compile(tt.program, g)
		if err != nil {
			t.Fatalf("%s: %v", tt.program, err)
		}
		if tt.reads {
			continue
		}
		if q.all {
			t.Errorf("%s: Compile says it reads the whole document", tt.program)
		}
		with, errWith := collect(q, true)
		without, errWithout := collect(q, false)
		if !reflect.DeepEqual(with, without) || errWith != errWithout {
			t.Errorf("%s: with the statements %v (%s), without %v (%s)", tt.program, with, errWith, without, errWithout)
		}
	}
}

// TestAdjacency compares the adjacency lists with the map-based ones they
// replaced, on the built-in dataset and generated data.
func TestAdjacency(t *testing.T) {
	ctx := context.Background()
	istanbul, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	generated, err := gen.Generate(gen.Config{Actors: 300, Claims: 500, Statements: 6000, Sources: 40, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*annotations.Dataset{istanbul, generated} {
		m, err := graph.Compile(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		an, err := analysis.Analyze(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		g, err := NewGraph(m, an)
		if err != nil {
			t.Fatal(err)
		}
		sets := make([]map[int32]uint8, len(g.Document.Nodes))
		for _, e := range g.Document.Edges {
			a, b := g.index[e.Source], g.index[e.Target]
			if a == b {
				continue
			}
			bit, _ := layerBit(e.Layer)
			for _, p := range [][2]int{{a, b}, {b, a}} {
				if sets[p[0]] == nil {
					sets[p[0]] = map[int32]uint8{}
				}
				sets[p[0]][int32(p[1])] |= bit
			}
		}
		for i, s := range sets {
			var want []neighbor
			for n, bits := range s {
				want = append(want, neighbor{n, bits})
			}
			slices.SortFunc(want, func(x, y neighbor) int { return int(x.node - y.node) })
			if !slices.Equal(g.adj[i], want) {
				t.Fatalf("node %d: adjacency %v, want %v", i, g.adj[i], want)
			}
		}
	}
}

func TestCheck(t *testing.T) {
	var pe *ParseError
	if err := Check(`.nodes[`); !errors.As(err, &pe) || pe.Line != 1 {
		t.Errorf("syntax error: %v", err)
	}
	if err := Check(`nosuch(1)`); err == nil || !strings.Contains(err.Error(), "function not defined: nosuch/1") {
		t.Errorf("undefined function: %v", err)
	}
	if err := Check(`$who`); err == nil {
		t.Error("undefined variable: no error")
	}
	if err := Check(`$who | neighbors(.)`, WithVar("who", "x")); err != nil {
		t.Errorf("valid program: %v", err)
	}
}

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
	"github.com/claimnet/claimnet/internal/graphtest"
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
	ctx := context.Background()
	g := builtInGraph(t)
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

// TestAdjacency checks the traversals the query functions read from the
// Model (graph.Model.Neighbours and NodeStatements) against the graph
// document's edges and statements, on the built-in dataset and generated
// data: the neighbours of a node are the other ends of its edges, for
// every set of layers, and its statements those naming it.
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
		sets := make([]map[int64]graph.Layers, len(g.Document().Nodes))
		for _, e := range g.Document().Edges {
			a, b := g.index[e.Source], g.index[e.Target]
			if a == b {
				continue
			}
			bit, _ := layerBit(e.Layer)
			for _, p := range [][2]int{{a, b}, {b, a}} {
				if sets[p[0]] == nil {
					sets[p[0]] = map[int64]graph.Layers{}
				}
				sets[p[0]][int64(p[1])] |= bit
			}
		}
		stmts := make([][]int32, len(g.Document().Nodes))
		for k, s := range g.Document().Statements {
			for _, id := range []string{s.Actor, s.Claim} {
				stmts[g.index[id]] = append(stmts[g.index[id]], int32(k))
			}
		}
		for i, s := range sets {
			for layers := graph.Layers(1); layers <= graph.AllLayers; layers++ {
				want := []int64{}
				for n, bits := range s {
					if bits&layers != 0 {
						want = append(want, n)
					}
				}
				slices.Sort(want)
				if got := m.Neighbours(int64(i), layers); !slices.Equal(got, want) && len(got)+len(want) > 0 {
					t.Fatalf("node %d layers %b: Neighbours %v, want %v", i, layers, got, want)
				}
			}
			if got := m.NodeStatements(int64(i)); !slices.Equal(got, stmts[i]) {
				t.Fatalf("node %d: NodeStatements %v, want %v", i, got, stmts[i])
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

// TestRecordsBuiltWhenRead checks that the records of the document are
// built only for a program that reads them, and that the summary the
// other fields come from agrees with the whole document.
func TestRecordsBuiltWhenRead(t *testing.T) {
	ctx := context.Background()
	g := builtInGraph(t)
	m := g.Model
	for _, tt := range []struct {
		program string
		built   bool
	}{
		{`.nodes | length`, false},
		{`[centrality("pagerank")[] | .id] | length`, false},
		{`.coalitions.modularity`, false},
		{`neighbors("khawaja-asif") | length`, false},
		{`.statements | length`, true},
	} {
		if _, err := Eval(ctx, tt.program, g); err != nil {
			t.Fatalf("%s: %v", tt.program, err)
		}
		if built := g.doc != nil; built != tt.built {
			t.Errorf("%s: document built = %v, want %v", tt.program, built, tt.built)
		}
	}
	full := g.Document()
	if len(full.Statements) != len(m.Statements) || len(full.Statements) == 0 {
		t.Fatalf("whole document has %d statements, the model %d", len(full.Statements), len(m.Statements))
	}
	if !reflect.DeepEqual(g.summary.Nodes, full.Nodes) || !reflect.DeepEqual(g.summary.Coalitions, full.Coalitions) ||
		!reflect.DeepEqual(g.summary.Measures, full.Measures) {
		t.Error("the summary's nodes or analysis results differ from the whole document's")
	}
	if len(g.summary.Edges)+len(g.summary.Statements)+len(g.summary.Relations)+len(g.summary.Sources) != 0 {
		t.Error("the summary has records")
	}
}

// builtInGraph is the query graph of the built-in dataset.
func builtInGraph(t *testing.T) *Graph {
	t.Helper()
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	m := graphtest.Compile(t, d)
	an, err := analysis.Analyze(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewGraph(m, an)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/export"
	"github.com/claimnet/claimnet/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// tinyDataset is a small dataset that has every feature the exports must
// carry: a reversal (two stance edges between one actor and one claim),
// two relation types and two declarations of one between the same actors,
// member-of, supports and attacks, an undated statement, an inactive
// actor and claim, and quotes and names with characters XML, CSV, DOT and
// JSON escape.
func tinyDataset(t testing.TB) *annotations.Dataset {
	t.Helper()
	day := func(s string) annotations.Date {
		d, err := annotations.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	pos := func(line int) annotations.Pos { return annotations.Pos{File: "tiny.yaml", Line: line, Col: 5} }
	actors := []*annotations.Actor{
		{ID: "gov", Name: "Government of Aland", Type: "government", Aliases: []string{"Capital", "the \"centre\""}, Pos: pos(1)},
		{ID: "minister", Name: "Defence Minister", Type: "person", Role: "Minister of Defence, Aland", Affiliation: "gov", Pos: pos(2)},
		{ID: "rebels", Name: "Rebels", Type: "group", Tags: []string{"armed", "banned"}, Pos: pos(3)},
		{ID: "mediator", Name: "Mediator & Co <Ltd>", Type: "state", Tags: []string{"mediator"}, Pos: pos(4)},
		{ID: "quiet", Name: "Quiet Observer", Type: "person", Pos: pos(5)},
	}
	claims := []*annotations.Claim{
		{ID: "talks", Text: "Talks should continue, \"now\".", Topic: "talks", About: []string{"gov", "rebels"}, Pos: pos(10)},
		{ID: "guarantees", Text: "Guarantees must be written; verbal ones fail.", Topic: "talks", Supports: []string{"talks"}, Pos: pos(11)},
		{ID: "blame", Text: "Rebels act from abroad.", Topic: "security", Attacks: []string{"talks"}, Pos: pos(12)},
		{ID: "unused", Text: "Nobody says this.", Topic: "security", Pos: pos(13)},
	}
	sources := []*annotations.Source{
		{ID: "s1", Title: "Report", Outlet: "Daily", Author: "A. Writer", Published: day("2025-10-19"), File: "s1.txt", Pos: pos(20)},
		{ID: "s2", Title: "Undated column", Outlet: "Weekly", File: "s2.txt", Pos: pos(21)},
	}
	st := func(line int, actor, claim string, stance annotations.Stance, quote, src, date string, direct bool) *annotations.Statement {
		s := &annotations.Statement{Actor: actor, Claim: claim, Stance: stance, Quote: quote, Source: src, Direct: direct, Pos: pos(line)}
		if date != "" {
			s.Date = day(date)
		}
		return s
	}
	statements := []*annotations.Statement{
		st(30, "gov", "talks", annotations.Support, `We want talks, "now".`, "s1", "2025-10-19", true),
		st(31, "gov", "talks", annotations.Oppose, "Talks are over & done <for now>.", "s1", "2025-11-02", true),
		st(32, "minister", "guarantees", annotations.Support, "Only written guarantees; nothing verbal", "s1", "2025-10-20", false),
		st(33, "minister", "guarantees", annotations.Support, "Guarantees, in writing — again", "s1", "2025-10-25", true),
		st(34, "rebels", "talks", annotations.Oppose, "No talks.", "s2", "", true),
		st(35, "rebels", "blame", annotations.Oppose, "We act from here, not abroad", "s1", "2025-10-21", false),
		st(36, "mediator", "talks", annotations.Support, "Dialogue é la seule voie", "s1", "", true),
	}
	relations := []*annotations.Relation{
		{From: "mediator", Type: annotations.RelMediates, To: []string{"gov", "rebels"}, Quote: "mediated by Mediator", Source: "s1", Date: day("2025-10-19"), Pos: pos(40)},
		{From: "gov", Type: annotations.RelCriticizes, To: []string{"rebels"}, Quote: "the rebels lie", Source: "s1", Date: day("2025-10-21"), Pos: pos(41)},
		{From: "gov", Type: annotations.RelThreatens, To: []string{"rebels"}, Quote: "we will strike", Source: "s1", Date: day("2025-10-22"), Pos: pos(42)},
		{From: "gov", Type: annotations.RelCriticizes, To: []string{"rebels"}, Quote: "they lie again", Source: "s1", Date: day("2025-10-23"), Pos: pos(43)},
	}
	d, err := annotations.New(actors, claims, sources, statements, relations)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func build(t testing.TB, d *annotations.Dataset, w graph.Window, opts ...export.Option) *export.Document {
	t.Helper()
	ctx := context.Background()
	m, err := graph.Compile(ctx, d, graph.WithWindow(w))
	if err != nil {
		t.Fatal(err)
	}
	an, err := analysis.Analyze(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := export.Build(m, an, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// exportAll writes every format of doc into dir under the names
// readback.py expects, and returns the files' contents by name.
func exportAll(t testing.TB, doc *export.Document, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, f := range []struct{ name, format string }{
		{"graph.json", export.FormatJSON},
		{"graph.node-link.json", export.FormatNodeLink},
		{"graph.graphml", export.FormatGraphML},
		{"graph.gexf", export.FormatGEXF},
		{"graph.dot", export.FormatDOT},
	} {
		var buf bytes.Buffer
		if err := export.Write(context.Background(), &buf, doc, f.format, testStyle(doc)); err != nil {
			t.Fatalf("%s: %v", f.format, err)
		}
		files[f.name] = buf.Bytes()
	}
	var nodes, edges bytes.Buffer
	if err := export.WriteCSV(context.Background(), &nodes, &edges, doc); err != nil {
		t.Fatal(err)
	}
	files["nodes.csv"], files["edges.csv"] = nodes.Bytes(), edges.Bytes()
	if dir != "" {
		for name, b := range files {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return files
}

// TestGolden compares every export of the tiny dataset, aggregated and
// per statement, with testdata/golden; -update rewrites the files.
func TestGolden(t *testing.T) {
	for _, mode := range []struct {
		name string
		opts []export.Option
	}{
		{"aggregated", nil},
		{"per-statement", []export.Option{export.PerStatement(true)}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			doc := build(t, tinyDataset(t), graph.Window{}, mode.opts...)
			for name, got := range exportAll(t, doc, "") {
				testutil.Golden(t, filepath.Join("testdata", "golden", mode.name, name), got, *update)
			}
		})
	}
}

// TestStreamedSameBytes checks that a Streamed document, whose records
// are made as they are written, writes every format byte for byte as the
// whole document does, aggregated and per statement, and yields the same
// records.
func TestStreamedSameBytes(t *testing.T) {
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, per := range []bool{false, true} {
		whole := build(t, d, graph.Window{}, export.PerStatement(per))
		streamed := build(t, d, graph.Window{}, export.PerStatement(per), export.Streamed())
		if streamed.Edges != nil || streamed.Statements != nil || len(whole.Statements) == 0 {
			t.Fatalf("per statement %v: streamed document holds %d edges and %d statements; whole %d statements",
				per, len(streamed.Edges), len(streamed.Statements), len(whole.Statements))
		}
		a, b := exportAll(t, whole, ""), exportAll(t, streamed, "")
		for name := range a {
			if !bytes.Equal(a[name], b[name]) {
				t.Errorf("per statement %v: %s differs between the whole and the streamed document", per, name)
			}
		}
		if got, want := collect(streamed.AllEdges()), whole.Edges; !reflect.DeepEqual(got, want) || streamed.NumEdges() != len(want) {
			t.Errorf("per statement %v: streamed edges differ (%d of %d)", per, len(got), len(want))
		}
		if got, want := collect(streamed.AllStatements()), whole.Statements; !reflect.DeepEqual(got, want) {
			t.Errorf("per statement %v: streamed statements differ", per)
		}
		if got, want := collect(streamed.AllRelations()), whole.Relations; !reflect.DeepEqual(got, want) || len(want) == 0 {
			t.Errorf("per statement %v: streamed relations differ (%d of %d)", per, len(got), len(want))
		}
		if got, want := collect(streamed.AllSources()), whole.Sources; !reflect.DeepEqual(got, want) {
			t.Errorf("per statement %v: streamed sources differ", per)
		}
	}
}

// collect copies the records an iterator yields (it may reuse one).
func collect[T any](seq iter.Seq[*T]) []T {
	var out []T
	for x := range seq {
		out = append(out, *x)
	}
	return out
}

// TestDeterministic builds and writes the Istanbul dataset twice and
// expects byte-identical output.
func TestDeterministic(t *testing.T) {
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	a := exportAll(t, build(t, d, graph.Window{}), "")
	b := exportAll(t, build(t, d, graph.Window{}), "")
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// readback is the report of testdata/readback.py for one reader.
type readback struct {
	Nodes    int      `json:"nodes"`
	Edges    int      `json:"edges"`
	Claims   *int     `json:"claims_by_type"`
	Problems []string `json:"problems"`
	Skipped  string   `json:"skipped"`
}

// python returns Debian's python3 when it has networkx and igraph, or
// skips the test.
func python(t *testing.T) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import networkx, igraph").Run(); err != nil {
		testutil.Missing(t, "%s lacks networkx or igraph (apt-get install python3-networkx python3-igraph): %v", py, err)
	}
	return py
}

// TestReadBack writes every export and reads each back with networkx
// (GraphML, node-link JSON, GEXF, DOT through pydot), igraph (GraphML,
// the CSV tables) and ElementTree (GEXF 1.3), expecting the document's
// nodes, edges, weights and attributes in each.
func TestReadBack(t *testing.T) {
	py := python(t)
	istanbul, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		d    *annotations.Dataset
		w    graph.Window
		opts []export.Option
	}{
		{"tiny", tinyDataset(t), graph.Window{}, nil},
		{"tiny per statement", tinyDataset(t), graph.Window{}, []export.Option{export.PerStatement(true)}},
		{"istanbul", istanbul, graph.Window{}, nil},
		{"istanbul per statement", istanbul, graph.Window{}, []export.Option{export.PerStatement(true)}},
		{"istanbul window", istanbul, graph.Window{From: 20251101, To: 20251105}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := build(t, tc.d, tc.w, tc.opts...)
			dir := t.TempDir()
			exportAll(t, doc, dir)
			cmd := exec.Command(py, filepath.Join("testdata", "readback.py"), filepath.Join(dir, "graph.json"), dir,
				filepath.Join("..", "..", "docs", "graph-document.schema.json"))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("readback.py: %v\n%s", err, stderr.String())
			}
			var report map[string]json.RawMessage
			if err := json.Unmarshal(out, &report); err != nil {
				t.Fatalf("readback.py output: %v\n%s", err, out)
			}
			claims := 0
			for _, n := range doc.Nodes {
				if n.Kind == export.KindClaim {
					claims++
				}
			}
			for reader, raw := range report {
				if reader == "versions" {
					t.Logf("versions: %s", raw)
					continue
				}
				var r readback
				if err := json.Unmarshal(raw, &r); err != nil {
					t.Fatalf("%s: %v", reader, err)
				}
				if r.Skipped != "" {
					t.Logf("%s skipped: %s", reader, r.Skipped)
					continue
				}
				if len(r.Problems) > 0 {
					shown := r.Problems[:min(len(r.Problems), 10)]
					t.Errorf("%s: %d problems:\n  %s", reader, len(r.Problems), strings.Join(shown, "\n  "))
				}
				if r.Nodes != len(doc.Nodes) || r.Edges != len(doc.Edges) {
					t.Errorf("%s: %d nodes and %d edges, want %d and %d", reader, r.Nodes, r.Edges, len(doc.Nodes), len(doc.Edges))
				}
				if r.Claims != nil && *r.Claims != claims {
					t.Errorf("%s: %d nodes with type true, want the %d claims", reader, *r.Claims, claims)
				}
			}
		})
	}
}

// testStyle gives every node a colour, as the CLI does with the figures'
// colours (render.Colors), so that readers see a colour on every node.
func testStyle(doc *export.Document) export.Style {
	palette := []string{"#77AADD", "#EE8866", "#BBBBBB"}
	st := export.Style{Colors: map[string]string{}, ColorBy: "test"}
	for i, n := range doc.Nodes {
		st.Colors[n.ID] = palette[i%len(palette)]
	}
	return st
}

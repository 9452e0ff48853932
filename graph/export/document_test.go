package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/export"
)

func TestSign(t *testing.T) {
	for _, tt := range []struct {
		layer, kind string
		want        int
	}{
		{export.LayerStance, "support", 1},
		{export.LayerStance, "oppose", -1},
		{export.LayerArgument, "supports", 1},
		{export.LayerArgument, "attacks", -1},
		{export.LayerRelation, "cooperates-with", 1},
		{export.LayerRelation, "member-of", 1},
		{export.LayerRelation, "threatens", -1},
		{export.LayerRelation, "criticizes", -1},
		{export.LayerRelation, "mediates", 0},
		{export.LayerRelation, "negotiates-with", 0},
		{export.LayerStance, "supports", 0},
		{"other", "support", 0},
	} {
		if got := export.Sign(tt.layer, tt.kind); got != tt.want {
			t.Errorf("Sign(%s, %s) = %d, want %d", tt.layer, tt.kind, got, tt.want)
		}
	}
}

func TestBuild(t *testing.T) {
	agg := build(t, tinyDataset(t), graph.Window{})
	per := build(t, tinyDataset(t), graph.Window{}, export.PerStatement(true))
	// Aggregated: 6 stance edges (gov holds both stances on talks), 2
	// argument edges, 5 relation edges (criticizes twice is one edge).
	count := func(d *export.Document) map[string]int {
		c := map[string]int{}
		for _, e := range d.Edges {
			c[e.Layer]++
		}
		return c
	}
	if c := count(agg); c["stance"] != 6 || c["argument"] != 2 || c["relation"] != 5 {
		t.Errorf("aggregated edges by layer: %v", c)
	}
	if c := count(per); c["stance"] != 7 || c["argument"] != 2 || c["relation"] != 6 {
		t.Errorf("per-statement edges by layer: %v", c)
	}
	// Every statement points at an edge between its actor and claim, of
	// its stance; the weights add up to the statements.
	for _, d := range []*export.Document{agg, per} {
		byID := map[string]export.Edge{}
		total := 0
		for _, e := range d.Edges {
			byID[e.ID] = e
			if e.Layer == export.LayerStance {
				total += e.Weight
			}
		}
		for _, s := range d.Statements {
			e := byID[s.Edge]
			if e.Source != s.Actor || e.Target != s.Claim || e.Stance != s.Stance {
				t.Errorf("statement at %s: edge %+v", s.At, e)
			}
		}
		if total != len(d.Statements) {
			t.Errorf("stance weights sum to %d, want %d statements", total, len(d.Statements))
		}
		for _, r := range d.Relations {
			if e := byID[r.Edge]; e.Source != r.From || e.Target != r.To || e.Kind != r.Type {
				t.Errorf("relation %+v: edge %+v", r, e)
			}
		}
	}
	n, ok := agg.Node("minister")
	if !ok || n.Kind != export.KindActor || n.Side != "gov" || n.Statements != 2 ||
		n.First.String() != "2025-10-20" || n.Last.String() != "2025-10-25" {
		t.Errorf("minister: %+v %+v", n, n.ActorAttrs)
	}
	n, ok = agg.Node("talks")
	if !ok || !n.Contested || n.ActorAttrs != nil || strings.Join(n.Supporters, ",") != "gov,mediator" {
		t.Errorf("talks: %+v", n)
	}
	if _, ok := agg.Node("nobody"); ok {
		t.Error("Node(nobody) found")
	}
}

func TestBuildWindow(t *testing.T) {
	doc := build(t, tinyDataset(t), graph.Window{From: 20251020, To: 20251031})
	var got []string
	for _, s := range doc.Statements {
		got = append(got, s.At)
	}
	// Dated 2025-10-20, 10-25 and 10-21; the undated statement and those
	// of 10-19 and 11-02 fall out.
	if strings.Join(got, " ") != "tiny.yaml:32:5 tiny.yaml:33:5 tiny.yaml:35:5" {
		t.Errorf("statements in window: %v", got)
	}
	if doc.Window.From.String() != "2025-10-20" || doc.Window.To.String() != "2025-10-31" {
		t.Errorf("window %+v", doc.Window)
	}
	var rels []string
	for _, r := range doc.Relations {
		rels = append(rels, r.Type)
	}
	if strings.Join(rels, " ") != "criticizes threatens criticizes" {
		t.Errorf("relations in window: %v", rels)
	}
}

func TestBuildMismatch(t *testing.T) {
	ctx := context.Background()
	d := tinyDataset(t)
	m, err := graph.Compile(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	other, err := graph.Compile(ctx, d, graph.WithWindow(graph.Window{From: 20251020}))
	if err != nil {
		t.Fatal(err)
	}
	an, err := analysis.Analyze(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := export.Build(m, an); err == nil || !strings.Contains(err.Error(), "window") {
		t.Errorf("analysis of another window: %v", err)
	}
	if _, err := export.Build(m, nil); err == nil {
		t.Error("no analysis: no error")
	}
	an.Window = m.Window
	an.Actors = an.Actors[1:]
	if _, err := export.Build(m, an); err == nil {
		t.Error("analysis with an actor missing: no error")
	}
}

func TestJSONValues(t *testing.T) {
	b, err := json.Marshal(struct {
		D, Z     export.Date
		S, N, In export.Score
	}{20251019, 0, 0.5, export.Score(math.NaN()), export.Score(math.Inf(1))})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"D":"2025-10-19","Z":null,"S":0.5,"N":null,"In":null}` {
		t.Errorf("got %s", b)
	}
	var back struct {
		D, Z export.Date
		N    export.Score
	}
	if err := json.Unmarshal(b, &back); err != nil || back.D != 20251019 || back.Z != 0 || !math.IsNaN(float64(back.N)) {
		t.Errorf("read back %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"D":"2025-13-01"}`), &back); err == nil {
		t.Error("bad date read without error")
	}
}

// TestDocumentRoundTrip decodes the json export into a Document and
// encodes it again, byte for byte.
func TestDocumentRoundTrip(t *testing.T) {
	doc := build(t, tinyDataset(t), graph.Window{}, export.PerStatement(true))
	first, err := export.MarshalJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	var back export.Document
	if err := json.Unmarshal(first, &back); err != nil {
		t.Fatal(err)
	}
	second, err := export.MarshalJSON(&back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Error("the document changes on a JSON round trip")
	}
	if n, ok := back.Node("talks"); !ok || n.ClaimAttrs == nil || n.ActorAttrs != nil {
		t.Errorf("decoded talks: %+v", n)
	}
}

func TestStyle(t *testing.T) {
	doc := build(t, tinyDataset(t), graph.Window{})
	var b bytes.Buffer
	for _, tt := range []struct {
		style export.Style
		err   string
	}{
		{export.Style{SizeBy: "fame"}, `size by "fame"`},
		{export.Style{Colors: map[string]string{"gov": "red"}}, `"red" is not a #RRGGBB colour`},
		{export.Style{MinSize: 10, MaxSize: 5}, "need 0 ≤ min ≤ max"},
	} {
		if err := export.WriteGEXF(context.Background(), &b, doc, tt.style); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%+v: %v, want %q", tt.style, err, tt.err)
		}
	}
	b.Reset()
	if err := export.WriteGEXF(context.Background(), &b, doc, export.Style{Colors: map[string]string{"gov": "#102030"}, SizeBy: "betweenness"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<node id="gov" label="Government of Aland" start="2025-10-19" end="2025-11-02">`) ||
		!strings.Contains(b.String(), `<viz:color r="16" g="32" b="48" a="1.0"></viz:color>`) {
		t.Error("custom colour or interval missing from the GEXF")
	}
	// Without colours, nodes have none: export keeps no palette of its own.
	b.Reset()
	if err := export.WriteGEXF(context.Background(), &b, doc, export.Style{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "viz:color") || !strings.Contains(b.String(), "no colours") {
		t.Error("a GEXF without colours has colours, or does not say so")
	}
	if err := export.Write(context.Background(), &b, doc, "csv", export.Style{}); err == nil {
		t.Error("Write csv: no error")
	}
	if err := export.Write(context.Background(), &b, doc, "xlsx", export.Style{}); err == nil {
		t.Error("Write xlsx: no error")
	}
}

// TestWriteJSON checks that the streaming WriteJSON writes exactly what
// encoding/json's indenting encoder writes for the whole document.
func TestWriteJSON(t *testing.T) {
	istanbul, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	empty, err := annotations.New(nil, nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []*export.Document{
		build(t, tinyDataset(t), graph.Window{}),
		build(t, tinyDataset(t), graph.Window{}, export.PerStatement(true)),
		build(t, istanbul, graph.Window{From: 20251103}),
		build(t, empty, graph.Window{}),
	} {
		want, err := export.MarshalJSON(doc)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := export.WriteJSON(context.Background(), &got, doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("WriteJSON differs from MarshalJSON:\n%s", firstDiff(got.String(), string(want)))
		}
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d: %q vs %q", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines vs %d", len(la), len(lb))
}

// TestEmpty writes every format of an empty dataset's document.
func TestEmpty(t *testing.T) {
	empty, err := annotations.New(nil, nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	files := exportAll(t, build(t, empty, graph.Window{}), "")
	if got := string(files["edges.csv"]); got != "Source,Target,Type,Id,Label,Weight,layer,kind,stance,sign,first,last\n" {
		t.Errorf("edges.csv: %q", got)
	}
	if got := string(files["graph.node-link.json"]); !strings.Contains(got, `"nodes": [
  ],`) {
		t.Errorf("node-link: %s", got)
	}
}

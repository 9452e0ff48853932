package query

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/export"
)

// TestToValue checks that toValue gives what decoding the document's JSON
// gives, for aggregated and per-statement documents of the built-in
// dataset.
func TestToValue(t *testing.T) {
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
	for _, per := range []bool{false, true} {
		doc, err := export.Build(m, an, export.PerStatement(per))
		if err != nil {
			t.Fatal(err)
		}
		got, err := toValue(doc)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ParseValue(string(b))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("per statement %v: toValue differs from the decoded JSON", per)
		}
	}
}

func TestDocFields(t *testing.T) {
	if docFields[nodesField] != "nodes" {
		t.Errorf("docFields[nodesField] = %q", docFields[nodesField])
	}
	b, err := json.Marshal(&export.Document{})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if len(m) != len(docFields) {
		t.Errorf("the document has %d fields, docFields %d", len(m), len(docFields))
	}
	for _, f := range docFields {
		if _, ok := m[f]; !ok {
			t.Errorf("docFields has %q, the document does not", f)
		}
	}
}

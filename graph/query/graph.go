package query

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/export"
)

// Graph is what queries run against: the graph document of a Model and
// its Analysis, as the jq input value, with the indices the graph
// functions answer from. A Graph is read-only once built and safe for
// concurrent queries.
type Graph struct {
	// Model and Analysis are the network and its analysis.
	Model    *graph.Model
	Analysis *analysis.Analysis

	// summary is the document without its records
	// (export.WithoutRecords): nodes and analysis results, which every
	// graph function reads. The whole document is built only when a
	// program reads the records: on a million statements they take most
	// of the time and memory of building it.
	summary *export.Document
	docOnce sync.Once
	doc     *export.Document

	// fields are the top-level fields of Document as jq values (in
	// docFields order), each built when a program first reads it
	// (fieldsRead): a million statements make gigabytes of jq values.
	fields   [len(docFields)]lazyValue
	fullOnce sync.Once
	full     map[string]any // the whole document, built on first use
	// index maps a node id to its document node index, which is also its
	// node id in the Model (actors, then claims, in model order); the
	// graph functions traverse the Model's edges (graph.Model.Neighbours,
	// ShortestPath, NodeStatements).
	index map[string]int
}

// lazyValue is a value built on first use.
type lazyValue struct {
	once sync.Once
	v    any
}

// layerBit gives the model's layer of each edge layer of the document.
func layerBit(layer string) (graph.Layers, bool) {
	switch layer {
	case export.LayerStance:
		return graph.StanceLayer, true
	case export.LayerArgument:
		return graph.ArgumentLayer, true
	case export.LayerRelation:
		return graph.RelationLayer, true
	}
	return 0, false
}

// NewGraph builds the graph document of m and an (aggregated edges) and
// the indices the query functions need.
func NewGraph(m *graph.Model, an *analysis.Analysis) (*Graph, error) {
	doc, err := export.Build(m, an, export.WithoutRecords())
	if err != nil {
		return nil, err
	}
	g := &Graph{Model: m, Analysis: an, summary: doc}
	g.index = make(map[string]int, len(doc.Nodes))
	for i, n := range doc.Nodes {
		g.index[n.ID] = i
	}
	for i, n := range doc.Nodes {
		if v := int64(i); n.Kind == export.KindActor && v != m.ActorNode(i) ||
			n.Kind == export.KindClaim && v != m.ClaimNode(i-len(m.Actors)) {
			return nil, fmt.Errorf("query: document node %d (%s) is not the model's node %d", i, n.ID, i)
		}
	}
	return g, nil
}

// Document returns the graph document built from Model and Analysis,
// building it on first use.
func (g *Graph) Document() *export.Document {
	g.docOnce.Do(func() {
		// NewGraph has built the summary, so the analysis fits the model
		// and Build cannot fail.
		g.doc, _ = export.Build(g.Model, g.Analysis)
	})
	return g.doc
}

// Value returns the graph document as a jq value (maps, slices, strings,
// numbers, booleans and nil), the input of every query.
func (g *Graph) Value() any { return g.fullValue() }

// field returns the top-level field docFields[i] as a jq value.
func (g *Graph) field(i int) any {
	f := &g.fields[i]
	f.once.Do(func() {
		d := g.summary
		if isRecords(i) {
			d = g.Document()
		}
		f.v = fieldValue(d, i)
	})
	return f.v
}

// fullValue is the whole document as a jq value, built on first use.
func (g *Graph) fullValue() map[string]any {
	g.fullOnce.Do(func() {
		g.full = make(map[string]any, len(docFields))
		for i, name := range docFields {
			g.full[name] = g.field(i)
		}
	})
	return g.full
}

// input is the input of a program that reads the given top-level fields
// of the document, or all of it: a document with those fields only,
// which the program cannot tell from the whole.
func (g *Graph) input(fields []int, all bool) map[string]any {
	if all {
		return g.fullValue()
	}
	v := make(map[string]any, len(fields))
	for _, i := range fields {
		v[docFields[i]] = g.field(i)
	}
	return v
}

// normalize turns the json.Numbers of a value decoded with UseNumber
// into int when they are whole and fit, else float64.
func normalize(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalize(x)
		}
	case []any:
		for i, x := range v {
			v[i] = normalize(x)
		}
	case json.Number:
		if i, err := v.Int64(); err == nil && i == int64(int(i)) {
			return int(i)
		}
		f, _ := v.Float64()
		return f
	}
	return v
}

// node looks up the node a function argument names.
func (g *Graph) node(fn string, arg any) (int, error) {
	id, ok := arg.(string)
	if !ok {
		return 0, fmt.Errorf("%s: the node id must be a string, not %s", fn, typeName(arg))
	}
	i, ok := g.index[id]
	if !ok {
		return 0, fmt.Errorf("%s: no node %q", fn, id)
	}
	return i, nil
}

// claim looks up the claim a function argument names.
func (g *Graph) claim(fn string, arg any) (int, error) {
	i, err := g.node(fn, arg)
	if err != nil {
		return 0, err
	}
	if g.summary.Nodes[i].Kind != export.KindClaim {
		return 0, fmt.Errorf("%s: %q is an actor, not a claim", fn, g.summary.Nodes[i].ID)
	}
	return i - len(g.Model.Actors), nil
}

// layers reads a list of layer names into a bit set.
func layers(fn string, arg any) (graph.Layers, error) {
	list, ok := arg.([]any)
	if !ok {
		if s, ok := arg.(string); ok {
			list = []any{s}
		} else {
			return 0, fmt.Errorf("%s: the layers must be a list of names, not %s", fn, typeName(arg))
		}
	}
	var bits graph.Layers
	for _, x := range list {
		s, _ := x.(string)
		b, ok := layerBit(s)
		if !ok {
			return 0, fmt.Errorf("%s: unknown layer %s; the layers are %q, %q and %q",
				fn, jsonString(x), export.LayerStance, export.LayerArgument, export.LayerRelation)
		}
		bits |= b
	}
	return bits, nil
}

// Neighbors returns the ids of the nodes joined to node id by an edge of
// one of the layers (all when layers is empty), in either direction, in
// document node order.
func (g *Graph) Neighbors(id string, layerNames ...string) ([]string, error) {
	bits, err := layerSet("neighbors", layerNames)
	if err != nil {
		return nil, err
	}
	i, err := g.node("neighbors", id)
	if err != nil {
		return nil, err
	}
	return g.neighbors(i, bits), nil
}

func (g *Graph) neighbors(i int, bits graph.Layers) []string {
	out := []string{}
	for _, v := range g.Model.Neighbours(int64(i), bits) {
		out = append(out, g.summary.Nodes[v].ID)
	}
	return out
}

func layerSet(fn string, names []string) (graph.Layers, error) {
	if len(names) == 0 {
		return graph.AllLayers, nil
	}
	list := make([]any, len(names))
	for i, n := range names {
		list[i] = n
	}
	return layers(fn, list)
}

// Path returns a shortest path from node from to node to over the edges
// of the layers (all when layers is empty), taken as undirected and
// unweighted, as the list of node ids from from to to; nil when to is
// unreachable. Among several shortest paths it returns the one a
// breadth-first search finds when it visits each node's neighbours in
// document node order and keeps the first node that reaches each node as
// its predecessor.
func (g *Graph) Path(from, to string, layerNames ...string) ([]string, error) {
	bits, err := layerSet("path", layerNames)
	if err != nil {
		return nil, err
	}
	s, err := g.node("path", from)
	if err != nil {
		return nil, err
	}
	t, err := g.node("path", to)
	if err != nil {
		return nil, err
	}
	return g.path(s, t, bits), nil
}

func (g *Graph) path(s, t int, bits graph.Layers) []string {
	p := g.Model.ShortestPath(int64(s), int64(t), bits)
	if p == nil {
		return nil
	}
	out := make([]string, len(p))
	for i, v := range p {
		out[i] = g.summary.Nodes[v].ID
	}
	return out
}

// Scored is a node and its score on one centrality measure.
type Scored struct {
	ID    string
	Kind  string
	Score float64
}

// Centrality returns every node's score on the measure, in the
// analysis's ranking (analysis.Rankings.ByMeasure): highest first, ties in
// document node order.
func (g *Graph) Centrality(measure string) ([]Scored, error) {
	if !slices.Contains(g.summary.Measures, measure) {
		return nil, fmt.Errorf("centrality: unknown measure %q; the measures are %s",
			measure, strings.Join(g.summary.Measures, ", "))
	}
	an := g.Analysis
	na := len(an.Actors)
	order := an.Rankings.ByMeasure[measure]
	out := make([]Scored, 0, len(order))
	for _, v := range order {
		if v < na {
			out = append(out, Scored{an.Actors[v].ID, export.KindActor, an.Actors[v].Centrality[measure]})
		} else {
			c := &an.Claims[v-na]
			out = append(out, Scored{c.ID, export.KindClaim, c.Centrality[measure]})
		}
	}
	return out, nil
}

// Contested returns the ids of the contested claims in the analysis's
// order (analysis.Rankings.Contested): by contestation from highest to
// lowest, then by the number of actors taking part, more first, then in
// document order.
func (g *Graph) Contested() []string {
	out := make([]string, len(g.Analysis.Rankings.Contested))
	for i, c := range g.Analysis.Rankings.Contested {
		out[i] = g.Analysis.Claims[c].ID
	}
	return out
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case int, float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func jsonString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

package query

import (
	"encoding/json"
	"fmt"
	"math"
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
	// Document is the graph document built from them.
	Document *export.Document

	// fields are the top-level fields of Document as jq values (in
	// docFields order), each built when a program first reads it
	// (fieldsRead): a million statements make gigabytes of jq values.
	fields   [len(docFields)]lazyValue
	fullOnce sync.Once
	full     map[string]any // the whole document, built on first use
	index    map[string]int // node id → document node index
	// adj[i] lists the neighbours of node i in the undirected union of
	// the layers, in document node order, each with the bit set of the
	// layers (layerBit) that join them.
	adj [][]neighbor
	// byNode[i] lists the indices into Document.Statements of the
	// statements whose actor or claim is node i.
	byNode [][]int
}

// lazyValue is a value built on first use.
type lazyValue struct {
	once sync.Once
	v    any
}

type neighbor struct {
	node   int32
	layers uint8
}

// layerBit gives each edge layer a bit of neighbor.layers.
func layerBit(layer string) (uint8, bool) {
	switch layer {
	case export.LayerStance:
		return 1, true
	case export.LayerArgument:
		return 2, true
	case export.LayerRelation:
		return 4, true
	}
	return 0, false
}

const allLayers = 7

// NewGraph builds the graph document of m and an (aggregated edges) and
// the indices the query functions need.
func NewGraph(m *graph.Model, an *analysis.Analysis) (*Graph, error) {
	doc, err := export.Build(m, an)
	if err != nil {
		return nil, err
	}
	return newGraph(m, an, doc)
}

func newGraph(m *graph.Model, an *analysis.Analysis, doc *export.Document) (*Graph, error) {
	g := &Graph{Model: m, Analysis: an, Document: doc}
	g.index = make(map[string]int, len(doc.Nodes))
	for i, n := range doc.Nodes {
		g.index[n.ID] = i
	}
	// The adjacency lists, laid out by node (counting sort), then each
	// sorted by neighbour with the layers of parallel edges merged.
	n := len(doc.Nodes)
	off := make([]int, n+1)
	ends := make([][2]int32, len(doc.Edges))
	for i, e := range doc.Edges {
		a, b := g.index[e.Source], g.index[e.Target]
		ends[i] = [2]int32{int32(a), int32(b)}
		if a != b {
			off[a+1]++
			off[b+1]++
		}
	}
	for i := range n {
		off[i+1] += off[i]
	}
	buf := make([]neighbor, off[n])
	next := slices.Clone(off[:n])
	for i, e := range doc.Edges {
		a, b := ends[i][0], ends[i][1]
		if a == b {
			continue
		}
		bit, _ := layerBit(e.Layer)
		buf[next[a]] = neighbor{b, bit}
		next[a]++
		buf[next[b]] = neighbor{a, bit}
		next[b]++
	}
	g.adj = make([][]neighbor, n)
	for i := range n {
		list := buf[off[i]:off[i+1]]
		slices.SortFunc(list, func(x, y neighbor) int { return int(x.node - y.node) })
		k := 0
		for _, x := range list {
			if k > 0 && list[k-1].node == x.node {
				list[k-1].layers |= x.layers
				continue
			}
			list[k] = x
			k++
		}
		if k > 0 {
			g.adj[i] = list[:k:k]
		}
	}
	g.byNode = make([][]int, len(doc.Nodes))
	for i, s := range doc.Statements {
		a, c := g.index[s.Actor], g.index[s.Claim]
		g.byNode[a] = append(g.byNode[a], i)
		g.byNode[c] = append(g.byNode[c], i)
	}
	return g, nil
}

// Value returns the graph document as a jq value (maps, slices, strings,
// numbers, booleans and nil), the input of every query.
func (g *Graph) Value() any { return g.fullValue() }

// field returns the top-level field docFields[i] as a jq value.
func (g *Graph) field(i int) any {
	f := &g.fields[i]
	f.once.Do(func() { f.v = fieldValue(g.Document, i) })
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
	if g.Document.Nodes[i].Kind != export.KindClaim {
		return 0, fmt.Errorf("%s: %q is an actor, not a claim", fn, g.Document.Nodes[i].ID)
	}
	return i - len(g.Model.Actors), nil
}

// layers reads a list of layer names into a bit set.
func layers(fn string, arg any) (uint8, error) {
	list, ok := arg.([]any)
	if !ok {
		if s, ok := arg.(string); ok {
			list = []any{s}
		} else {
			return 0, fmt.Errorf("%s: the layers must be a list of names, not %s", fn, typeName(arg))
		}
	}
	var bits uint8
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

func (g *Graph) neighbors(i int, bits uint8) []string {
	out := []string{}
	for _, n := range g.adj[i] {
		if n.layers&bits != 0 {
			out = append(out, g.Document.Nodes[n.node].ID)
		}
	}
	return out
}

func layerSet(fn string, names []string) (uint8, error) {
	if len(names) == 0 {
		return allLayers, nil
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

func (g *Graph) path(s, t int, bits uint8) []string {
	pred := make([]int32, len(g.adj))
	for i := range pred {
		pred[i] = -1
	}
	pred[s] = int32(s)
	queue := []int{s}
	for len(queue) > 0 && pred[t] < 0 {
		u := queue[0]
		queue = queue[1:]
		for _, n := range g.adj[u] {
			if n.layers&bits != 0 && pred[n.node] < 0 {
				pred[n.node] = int32(u)
				queue = append(queue, int(n.node))
			}
		}
	}
	if pred[t] < 0 {
		return nil
	}
	var rev []string
	for v := t; ; v = int(pred[v]) {
		rev = append(rev, g.Document.Nodes[v].ID)
		if v == s {
			break
		}
	}
	slices.Reverse(rev)
	return rev
}

// Scored is a node and its score on one centrality measure.
type Scored struct {
	ID    string
	Kind  string
	Score float64
}

// Centrality returns every node's score on the measure, highest first,
// ties (and NaN scores, which come last) in document node order.
func (g *Graph) Centrality(measure string) ([]Scored, error) {
	if !slices.Contains(g.Document.Measures, measure) {
		return nil, fmt.Errorf("centrality: unknown measure %q; the measures are %s",
			measure, strings.Join(g.Document.Measures, ", "))
	}
	out := make([]Scored, 0, len(g.Document.Nodes))
	for i, a := range g.Analysis.Actors {
		out = append(out, Scored{a.ID, export.KindActor, score(g.Analysis.Actors[i].Centrality, measure)})
	}
	for i, c := range g.Analysis.Claims {
		out = append(out, Scored{c.ID, export.KindClaim, score(g.Analysis.Claims[i].Centrality, measure)})
	}
	slices.SortStableFunc(out, func(a, b Scored) int {
		an, bn := math.IsNaN(a.Score), math.IsNaN(b.Score)
		switch {
		case an && bn:
			return 0
		case an:
			return 1
		case bn:
			return -1
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return out, nil
}

func score(c map[string]float64, measure string) float64 {
	v, ok := c[measure]
	if !ok {
		return math.NaN()
	}
	return v
}

// Contested returns the ids of the contested claims, by contestation
// from highest to lowest, ties in document order.
func (g *Graph) Contested() []string {
	var idx []int
	for i, c := range g.Analysis.Claims {
		if c.Contested {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		x, y := g.Analysis.Claims[a].Contestation, g.Analysis.Claims[b].Contestation
		switch {
		case x > y:
			return -1
		case x < y:
			return 1
		}
		return 0
	})
	out := make([]string, len(idx))
	for i, c := range idx {
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

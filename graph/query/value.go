package query

import (
	"math"

	"github.com/claimnet/claimnet/graph/export"
)

// toValue converts the document to the plain values gojq works on (maps,
// slices, strings, int, float64, bool, nil), field by field as its JSON
// form has them: the same value encoding/json would give, without
// writing and parsing the JSON. TestInputIsDocument holds the two equal.
func toValue(d *export.Document) (any, error) {
	v := make(map[string]any, len(docFields))
	for i, name := range docFields {
		v[name] = fieldValue(d, i)
	}
	return v, nil
}

// docFields are the top-level fields of the document, in its JSON order.
var docFields = [...]string{
	"version", "window", "per_statement", "measures", "nodes", "edges", "statements",
	"relations", "sources", "reversals", "conflicts", "coalitions", "methods",
}

// nodesField is the index of "nodes" in docFields.
const nodesField = 4

// isRecords tells whether docFields[i] lists records, which
// export.WithoutRecords leaves out.
func isRecords(i int) bool {
	switch docFields[i] {
	case "edges", "statements", "relations", "sources":
		return true
	}
	return false
}

// fieldIndex returns the index of a top-level field in docFields.
func fieldIndex(name string) (int, bool) {
	for i, f := range docFields {
		if f == name {
			return i, true
		}
	}
	return 0, false
}

// fieldValue is the top-level field docFields[i] of the document as a jq
// value.
func fieldValue(d *export.Document, i int) any {
	switch docFields[i] {
	case "version":
		return d.Version
	case "window":
		return map[string]any{"from": dateValue(d.Window.From), "to": dateValue(d.Window.To)}
	case "per_statement":
		return d.PerStatement
	case "measures":
		return stringList(d.Measures)
	case "nodes":
		nodes := make([]any, len(d.Nodes))
		for i := range d.Nodes {
			nodes[i] = nodeValue(&d.Nodes[i])
		}
		return nodes
	case "edges":
		edges := make([]any, len(d.Edges))
		for i := range d.Edges {
			edges[i] = edgeValue(&d.Edges[i])
		}
		return edges
	case "statements":
		stmts := make([]any, len(d.Statements))
		for i := range d.Statements {
			stmts[i] = statementValue(&d.Statements[i])
		}
		return stmts
	case "relations":
		rels := make([]any, len(d.Relations))
		for i, r := range d.Relations {
			rels[i] = map[string]any{
				"from": r.From, "to": r.To, "type": r.Type, "quote": r.Quote, "source": r.Source,
				"date": dateValue(r.Date), "edge": r.Edge, "at": r.At,
			}
		}
		return rels
	case "sources":
		sources := make([]any, len(d.Sources))
		for i, s := range d.Sources {
			sources[i] = map[string]any{
				"id": s.ID, "title": s.Title, "outlet": s.Outlet, "author": s.Author,
				"published": dateValue(s.Published), "file": s.File, "statements": s.Statements,
			}
		}
		return sources
	case "reversals":
		revs := make([]any, len(d.Reversals))
		for i, r := range d.Reversals {
			revs[i] = map[string]any{"actor": r.Actor, "claim": r.Claim, "first": dateValue(r.First), "last": dateValue(r.Last)}
		}
		return revs
	case "conflicts":
		confs := make([]any, len(d.Conflicts))
		for i, c := range d.Conflicts {
			confs[i] = map[string]any{"a": c.A, "b": c.B, "claim": c.Claim}
		}
		return confs
	case "coalitions":
		groups := make([]any, len(d.Coalitions.Groups))
		for i, g := range d.Coalitions.Groups {
			groups[i] = stringList(g)
		}
		return map[string]any{
			"groups": groups, "modularity": scoreValue(d.Coalitions.Modularity),
			"polarization": scoreValue(d.Coalitions.Polarization),
			"resolution":   scoreValue(d.Coalitions.Resolution), "seed": int(d.Coalitions.Seed),
		}
	case "methods":
		methods := make(map[string]any, len(d.Methods))
		for k, v := range d.Methods {
			methods[k] = v
		}
		return methods
	}
	return nil
}

func statementValue(s *export.Statement) map[string]any {
	return map[string]any{
		"actor": s.Actor, "claim": s.Claim, "stance": s.Stance, "sign": s.Sign, "quote": s.Quote,
		"source": s.Source, "date": dateValue(s.Date), "direct": s.Direct, "note": s.Note,
		"edge": s.Edge, "at": s.At,
	}
}

func nodeValue(n *export.Node) map[string]any {
	c := make(map[string]any, len(n.Centrality))
	for k, v := range n.Centrality {
		c[k] = scoreValue(v)
	}
	// Room for every field: growing the map on the way costs a third of
	// the time on large documents.
	v := make(map[string]any, 16)
	v["id"], v["kind"], v["label"], v["active"] = n.ID, n.Kind, n.Label, n.Active
	v["statements"], v["first"], v["last"], v["centrality"] = n.Statements, dateValue(n.First), dateValue(n.Last), c
	if a := n.ActorAttrs; a != nil {
		v["actor_type"], v["role"], v["affiliation"], v["side"] = a.ActorType, a.Role, a.Affiliation, a.Side
		v["aliases"], v["tags"], v["coalition"] = stringList(a.Aliases), stringList(a.Tags), a.Coalition
	}
	if cl := n.ClaimAttrs; cl != nil {
		v["text"], v["topic"], v["about"] = cl.Text, cl.Topic, stringList(cl.About)
		v["contested"], v["contestation"] = cl.Contested, scoreValue(cl.Contestation)
		v["supporters"], v["opposers"] = stringList(cl.Supporters), stringList(cl.Opposers)
	}
	return v
}

func edgeValue(e *export.Edge) map[string]any {
	v := map[string]any{
		"id": e.ID, "source": e.Source, "target": e.Target, "layer": e.Layer, "kind": e.Kind,
		"sign": e.Sign, "weight": e.Weight, "first": dateValue(e.First), "last": dateValue(e.Last),
	}
	if e.Stance != "" {
		v["stance"] = e.Stance
	}
	if e.Quote != "" {
		v["quote"] = e.Quote
	}
	if e.TextSource != "" {
		v["text_source"] = e.TextSource
	}
	if e.Direct != nil {
		v["direct"] = *e.Direct
	}
	return v
}

func dateValue(d export.Date) any {
	if d == 0 {
		return nil
	}
	return d.String()
}

// scoreValue is a Score as JSON has it: null when not finite, an int
// when whole (as encoding/json writes 2.0 as 2), else a float64.
func scoreValue(s export.Score) any {
	f := float64(s)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return int(f)
	}
	return f
}

func stringList(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

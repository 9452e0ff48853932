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
	nodes := make([]any, len(d.Nodes))
	for i := range d.Nodes {
		nodes[i] = nodeValue(&d.Nodes[i])
	}
	edges := make([]any, len(d.Edges))
	for i := range d.Edges {
		edges[i] = edgeValue(&d.Edges[i])
	}
	stmts := make([]any, len(d.Statements))
	for i, s := range d.Statements {
		stmts[i] = map[string]any{
			"actor": s.Actor, "claim": s.Claim, "stance": s.Stance, "sign": s.Sign, "quote": s.Quote,
			"source": s.Source, "date": dateValue(s.Date), "direct": s.Direct, "note": s.Note,
			"edge": s.Edge, "at": s.At,
		}
	}
	rels := make([]any, len(d.Relations))
	for i, r := range d.Relations {
		rels[i] = map[string]any{
			"from": r.From, "to": r.To, "type": r.Type, "quote": r.Quote, "source": r.Source,
			"date": dateValue(r.Date), "edge": r.Edge, "at": r.At,
		}
	}
	sources := make([]any, len(d.Sources))
	for i, s := range d.Sources {
		sources[i] = map[string]any{
			"id": s.ID, "title": s.Title, "outlet": s.Outlet, "author": s.Author,
			"published": dateValue(s.Published), "file": s.File, "statements": s.Statements,
		}
	}
	revs := make([]any, len(d.Reversals))
	for i, r := range d.Reversals {
		revs[i] = map[string]any{"actor": r.Actor, "claim": r.Claim, "first": dateValue(r.First), "last": dateValue(r.Last)}
	}
	confs := make([]any, len(d.Conflicts))
	for i, c := range d.Conflicts {
		confs[i] = map[string]any{"a": c.A, "b": c.B, "claim": c.Claim}
	}
	groups := make([]any, len(d.Coalitions.Groups))
	for i, g := range d.Coalitions.Groups {
		groups[i] = stringList(g)
	}
	methods := make(map[string]any, len(d.Methods))
	for k, v := range d.Methods {
		methods[k] = v
	}
	return map[string]any{
		"version":       d.Version,
		"window":        map[string]any{"from": dateValue(d.Window.From), "to": dateValue(d.Window.To)},
		"per_statement": d.PerStatement,
		"measures":      stringList(d.Measures),
		"nodes":         nodes,
		"edges":         edges,
		"statements":    stmts,
		"relations":     rels,
		"sources":       sources,
		"reversals":     revs,
		"conflicts":     confs,
		"coalitions": map[string]any{
			"groups": groups, "modularity": scoreValue(d.Coalitions.Modularity),
			"polarization": scoreValue(d.Coalitions.Polarization),
			"resolution":   scoreValue(d.Coalitions.Resolution), "seed": int(d.Coalitions.Seed),
		},
		"methods": methods,
	}, nil
}

func nodeValue(n *export.Node) map[string]any {
	c := make(map[string]any, len(n.Centrality))
	for k, v := range n.Centrality {
		c[k] = scoreValue(v)
	}
	v := map[string]any{
		"id": n.ID, "kind": n.Kind, "label": n.Label, "active": n.Active, "statements": n.Statements,
		"first": dateValue(n.First), "last": dateValue(n.Last), "centrality": c,
	}
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

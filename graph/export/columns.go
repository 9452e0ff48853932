package export

import (
	"math"
	"strconv"
	"strings"
)

// valueType is the type of an attribute column.
type valueType int

const (
	tString valueType = iota
	tInt
	tDouble
	tBool
	tList // a list of strings: "; "-joined in the tabular formats
)

// value is one attribute value of one node or edge.
type value struct {
	s    string
	i    int
	f    float64
	b    bool
	list []string
}

// column is one attribute of the nodes or the edges, flattened from the
// document: get reports the value and whether the node or edge has it
// (an actor has no claim attributes, and vice versa).
type column struct {
	name string
	typ  valueType
	get  func(any) (value, bool)
}

// ListSep joins the items of a list attribute in the formats whose
// attributes are scalars (GraphML, GEXF, CSV, DOT).
const ListSep = "; "

// text formats v for the tabular formats.
func (c column) text(v value) string {
	switch c.typ {
	case tInt:
		return strconv.Itoa(v.i)
	case tDouble:
		return formatDouble(v.f)
	case tBool:
		return strconv.FormatBool(v.b)
	case tList:
		return strings.Join(v.list, ListSep)
	}
	return v.s
}

// appendXML appends v as text, escaped for XML.
func (c column) appendXML(b []byte, v value) []byte {
	switch c.typ {
	case tInt:
		return strconv.AppendInt(b, int64(v.i), 10)
	case tDouble:
		return appendDouble(b, v.f)
	case tBool:
		return strconv.AppendBool(b, v.b)
	case tList:
		for i, s := range v.list {
			if i > 0 {
				b = append(b, ListSep...)
			}
			b = appendXMLText(b, s)
		}
		return b
	}
	return appendXMLText(b, v.s)
}

// jsonValue returns v as a JSON-ready value: lists stay lists.
func (c column) jsonValue(v value) any {
	switch c.typ {
	case tInt:
		return v.i
	case tDouble:
		return Score(v.f)
	case tBool:
		return v.b
	case tList:
		return v.list
	}
	return v.s
}

// formatDouble writes f as the shortest decimal that reads back as f, and
// NaN and the infinities as XML Schema writes them (NaN, INF, -INF).
func formatDouble(f float64) string { return string(appendDouble(nil, f)) }

func appendDouble(b []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, "NaN"...)
	case math.IsInf(f, 1):
		return append(b, "INF"...)
	case math.IsInf(f, -1):
		return append(b, "-INF"...)
	}
	return strconv.AppendFloat(b, f, 'g', -1, 64)
}

func str(s string) (value, bool)    { return value{s: s}, true }
func integer(i int) (value, bool)   { return value{i: i}, true }
func boolean(b bool) (value, bool)  { return value{b: b}, true }
func list(l []string) (value, bool) { return value{list: l}, true }
func date(d Date) (value, bool)     { return value{s: d.String()}, d != 0 }

func actorCol(name string, typ valueType, get func(*Node) (value, bool)) column {
	return column{name, typ, func(x any) (value, bool) {
		n := x.(*Node)
		if n.ActorAttrs == nil {
			return value{}, false
		}
		return get(n)
	}}
}

func claimCol(name string, typ valueType, get func(*Node) (value, bool)) column {
	return column{name, typ, func(x any) (value, bool) {
		n := x.(*Node)
		if n.ClaimAttrs == nil {
			return value{}, false
		}
		return get(n)
	}}
}

func nodeCol(name string, typ valueType, get func(*Node) (value, bool)) column {
	return column{name, typ, func(x any) (value, bool) { return get(x.(*Node)) }}
}

func edgeCol(name string, typ valueType, get func(*Edge) (value, bool)) column {
	return column{name, typ, func(x any) (value, bool) { return get(x.(*Edge)) }}
}

// nodeColumns lists the node attributes of the exports, after the id and
// the label: the document's node fields flattened (centrality.M becomes
// centrality_M), plus the bipartite markers type (igraph: false for
// actors, true for claims) and is_actor (statnet), and the counts
// n_supporters and n_opposers.
func (d *Document) nodeColumns() []column {
	cols := []column{
		nodeCol("kind", tString, func(n *Node) (value, bool) { return str(n.Kind) }),
		nodeCol("type", tBool, func(n *Node) (value, bool) { return boolean(n.Kind == KindClaim) }),
		nodeCol("is_actor", tBool, func(n *Node) (value, bool) { return boolean(n.Kind == KindActor) }),
		nodeCol("active", tBool, func(n *Node) (value, bool) { return boolean(n.Active) }),
		nodeCol("statements", tInt, func(n *Node) (value, bool) { return integer(n.Statements) }),
		nodeCol("first", tString, func(n *Node) (value, bool) { return date(n.First) }),
		nodeCol("last", tString, func(n *Node) (value, bool) { return date(n.Last) }),
		actorCol("actor_type", tString, func(n *Node) (value, bool) { return str(n.ActorType) }),
		actorCol("role", tString, func(n *Node) (value, bool) { return str(n.Role) }),
		actorCol("affiliation", tString, func(n *Node) (value, bool) { return str(n.Affiliation) }),
		actorCol("side", tString, func(n *Node) (value, bool) { return str(n.Side) }),
		actorCol("aliases", tList, func(n *Node) (value, bool) { return list(n.Aliases) }),
		actorCol("tags", tList, func(n *Node) (value, bool) { return list(n.Tags) }),
		actorCol("coalition", tInt, func(n *Node) (value, bool) { return integer(n.Coalition) }),
		claimCol("text", tString, func(n *Node) (value, bool) { return str(n.Text) }),
		claimCol("topic", tString, func(n *Node) (value, bool) { return str(n.Topic) }),
		claimCol("about", tList, func(n *Node) (value, bool) { return list(n.About) }),
		claimCol("contested", tBool, func(n *Node) (value, bool) { return boolean(n.Contested) }),
		claimCol("contestation", tDouble, func(n *Node) (value, bool) { return value{f: float64(n.Contestation)}, true }),
		claimCol("supporters", tList, func(n *Node) (value, bool) { return list(n.Supporters) }),
		claimCol("opposers", tList, func(n *Node) (value, bool) { return list(n.Opposers) }),
		claimCol("n_supporters", tInt, func(n *Node) (value, bool) { return integer(len(n.Supporters)) }),
		claimCol("n_opposers", tInt, func(n *Node) (value, bool) { return integer(len(n.Opposers)) }),
	}
	for _, m := range d.Measures {
		cols = append(cols, nodeCol("centrality_"+m, tDouble, func(n *Node) (value, bool) {
			s, ok := n.Centrality[m]
			return value{f: float64(s)}, ok
		}))
	}
	return cols
}

// edgeColumns lists the edge attributes of the exports, after the
// source, the target and the id (and, in formats that have one, the
// weight).
func (d *Document) edgeColumns(withWeight bool) []column {
	var cols []column
	if withWeight {
		cols = append(cols, edgeCol("weight", tDouble, func(e *Edge) (value, bool) { return value{f: float64(e.Weight)}, true }))
	}
	cols = append(cols,
		edgeCol("layer", tString, func(e *Edge) (value, bool) { return str(e.Layer) }),
		edgeCol("kind", tString, func(e *Edge) (value, bool) { return str(e.Kind) }),
		edgeCol("stance", tString, func(e *Edge) (value, bool) { return value{s: e.Stance}, e.Stance != "" }),
		edgeCol("sign", tInt, func(e *Edge) (value, bool) { return integer(e.Sign) }),
		edgeCol("first", tString, func(e *Edge) (value, bool) { return date(e.First) }),
		edgeCol("last", tString, func(e *Edge) (value, bool) { return date(e.Last) }),
	)
	if d.PerStatement {
		cols = append(cols,
			edgeCol("quote", tString, func(e *Edge) (value, bool) { return value{s: e.Quote}, e.Quote != "" }),
			edgeCol("text_source", tString, func(e *Edge) (value, bool) { return value{s: e.TextSource}, e.TextSource != "" }),
			edgeCol("direct", tBool, func(e *Edge) (value, bool) {
				if e.Direct == nil {
					return value{}, false
				}
				return boolean(*e.Direct)
			}),
		)
	}
	return cols
}

package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/dnanet"
)

// Network formats: the DNA networks of claimnet network (one-mode or
// two-mode) as GraphML and GEXF, for Gephi, networkx and igraph.
const (
	NetworkGraphML = "graphml"
	NetworkGEXF    = "gexf"
)

// netAttr is one node attribute of a network export.
type netAttr struct {
	name, typ string // typ: string or int
	value     func(n dnanet.NetworkNode) (string, bool)
}

// networkAttrs are the node attributes: label (name or claim text), kind
// (actor or claim), and for actors type, side (the affiliation root) and
// coalition (the index of the actor's coalition in an, when in one) and
// tags (joined by "; "), for claims topic.
func networkAttrs(m *graph.Model, an *analysis.Analysis) []netAttr {
	actor := func(n dnanet.NetworkNode) bool { return n.Kind == dnanet.NodeActor }
	return []netAttr{
		{"label", "string", func(n dnanet.NetworkNode) (string, bool) { return n.Name, true }},
		{"kind", "string", func(n dnanet.NetworkNode) (string, bool) { return n.Kind, true }},
		{"type", "string", func(n dnanet.NetworkNode) (string, bool) {
			if !actor(n) {
				return "", false
			}
			return m.Actors[n.Index].Type, true
		}},
		{"side", "string", func(n dnanet.NetworkNode) (string, bool) {
			if !actor(n) || an == nil {
				return "", false
			}
			return an.Actors[n.Index].Side, an.Actors[n.Index].Side != ""
		}},
		{"coalition", "int", func(n dnanet.NetworkNode) (string, bool) {
			if !actor(n) || an == nil || an.Actors[n.Index].Coalition < 0 {
				return "", false
			}
			return strconv.Itoa(an.Actors[n.Index].Coalition), true
		}},
		{"tags", "string", func(n dnanet.NetworkNode) (string, bool) {
			if !actor(n) || len(m.Actors[n.Index].Tags) == 0 {
				return "", false
			}
			return strings.Join(m.Actors[n.Index].Tags, "; "), true
		}},
		{"topic", "string", func(n dnanet.NetworkNode) (string, bool) {
			if actor(n) {
				return "", false
			}
			return m.Claims[n.Index].Topic, m.Claims[n.Index].Topic != ""
		}},
	}
}

// WriteNetwork writes the DNA network n of m (from dnanet.OneMode or
// dnanet.TwoModeNetwork) as GraphML or GEXF 1.3: an undirected graph whose
// nodes are n's nodes by id, with the attributes label, kind, and for
// actors type, side, coalition (from an, which may be nil) and tags, for
// claims topic, and whose edges carry the weight (a double; GEXF's weight
// attribute). Characters XML cannot hold are written as U+FFFD.
func WriteNetwork(ctx context.Context, w io.Writer, m *graph.Model, an *analysis.Analysis, n *dnanet.Network, format string) error {
	attrs := networkAttrs(m, an)
	bw := bufio.NewWriterSize(w, 1<<16)
	var b []byte
	ids := make([][]byte, len(n.Nodes))
	for i, node := range n.Nodes {
		ids[i] = appendXMLText(nil, node.ID)
	}
	switch format {
	case NetworkGraphML:
		bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
		for _, a := range attrs {
			fmt.Fprintf(bw, "  <key id=\"%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", a.name, a.name, a.typ)
		}
		bw.WriteString("  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n  <graph id=\"G\" edgedefault=\"undirected\">\n")
		for i, node := range n.Nodes {
			b = append(append(append(b[:0], "    <node id=\""...), ids[i]...), "\">"...)
			for _, a := range attrs {
				if v, ok := a.value(node); ok {
					b = append(append(append(b, "<data key=\""...), a.name...), "\">"...)
					b = append(appendXMLText(b, v), "</data>"...)
				}
			}
			b = append(b, "</node>\n"...)
			bw.Write(b)
		}
		for i, e := range n.Edges {
			if i%4096 == 0 && ctx.Err() != nil {
				return fmt.Errorf("write network: %w", ctx.Err())
			}
			b = append(append(append(b[:0], "    <edge source=\""...), ids[e.Source]...), "\" target=\""...)
			b = append(append(b, ids[e.Target]...), "\"><data key=\"weight\">"...)
			b = append(appendDouble(b, e.Weight), "</data></edge>\n"...)
			bw.Write(b)
		}
		bw.WriteString("  </graph>\n</graphml>\n")
	case NetworkGEXF:
		bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
  <meta>
    <creator>claimnet</creator>
`)
		desc := "DNA " + n.Type + " network"
		if n.Type == dnanet.NetworkOneMode {
			desc += " of " + n.Mode + "s"
		}
		desc += ", aggregate " + n.Aggregate + ", normalize " + n.Normalize + ", duplicates " + n.Duplicates
		fmt.Fprintf(bw, "    <description>%s</description>\n  </meta>\n  <graph mode=\"static\" defaultedgetype=\"undirected\">\n    <attributes class=\"node\">\n", appendXMLText(nil, desc))
		for i, a := range attrs[1:] { // the label is GEXF's own
			typ := a.typ
			if typ == "int" {
				typ = "integer"
			}
			fmt.Fprintf(bw, "      <attribute id=\"%d\" title=\"%s\" type=\"%s\"/>\n", i, a.name, typ)
		}
		fmt.Fprintf(bw, "    </attributes>\n    <nodes count=\"%d\">\n", len(n.Nodes))
		for i, node := range n.Nodes {
			b = append(append(append(b[:0], "      <node id=\""...), ids[i]...), "\" label=\""...)
			b = append(appendXMLText(b, node.Name), "\"><attvalues>"...)
			for j, a := range attrs[1:] {
				if v, ok := a.value(node); ok {
					b = append(strconv.AppendInt(append(b, "<attvalue for=\""...), int64(j), 10), "\" value=\""...)
					b = append(appendXMLText(b, v), "\"/>"...)
				}
			}
			b = append(b, "</attvalues></node>\n"...)
			bw.Write(b)
		}
		fmt.Fprintf(bw, "    </nodes>\n    <edges count=\"%d\">\n", len(n.Edges))
		for i, e := range n.Edges {
			if i%4096 == 0 && ctx.Err() != nil {
				return fmt.Errorf("write network: %w", ctx.Err())
			}
			b = strconv.AppendInt(append(b[:0], "      <edge id=\""...), int64(i), 10)
			b = append(append(append(b, "\" source=\""...), ids[e.Source]...), "\" target=\""...)
			b = append(append(b, ids[e.Target]...), "\" weight=\""...)
			b = append(appendDouble(b, e.Weight), "\"/>\n"...)
			bw.Write(b)
		}
		bw.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	default:
		return fmt.Errorf("write network: the format is graphml or gexf, not %q", format)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write network: %w", err)
	}
	return nil
}

package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// WriteGraphML writes d as GraphML: a directed graph whose nodes carry
// the node columns and whose edges carry the edge columns (docs/
// graph-document.md lists them), each declared by a <key> with its
// attr.type (string, int, double or boolean). Lists are joined with
// ListSep. Parallel edges keep their document ids, which networkx reads
// as the multigraph keys.
func WriteGraphML(w io.Writer, d *Document) error {
	bw := bufio.NewWriter(w)
	gcols := d.graphColumns()
	ncols := d.nodeColumns()
	ecols := d.edgeColumns(true)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	writeKeys := func(prefix, domain string, cols []column) {
		for _, c := range cols {
			fmt.Fprintf(bw, "  <key id=\"%s_%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
				prefix, c.name, domain, c.name, graphMLType(c.typ))
		}
	}
	writeKeys("g", "graph", gcols)
	writeKeys("n", "node", append([]column{labelColumn()}, ncols...))
	writeKeys("e", "edge", ecols)
	bw.WriteString("  <graph id=\"claimnet\" edgedefault=\"directed\">\n")
	writeData(bw, "    ", "g", gcols, d)
	for i := range d.Nodes {
		n := &d.Nodes[i]
		fmt.Fprintf(bw, "    <node id=\"%s\">\n", xmlAttr(n.ID))
		writeData(bw, "      ", "n", append([]column{labelColumn()}, ncols...), n)
		bw.WriteString("    </node>\n")
	}
	for i := range d.Edges {
		e := &d.Edges[i]
		fmt.Fprintf(bw, "    <edge id=\"%s\" source=\"%s\" target=\"%s\">\n", xmlAttr(e.ID), xmlAttr(e.Source), xmlAttr(e.Target))
		writeData(bw, "      ", "e", ecols, e)
		bw.WriteString("    </edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: graphml: %w", err)
	}
	return nil
}

func writeData(w *bufio.Writer, indent, prefix string, cols []column, x any) {
	for _, c := range cols {
		v, ok := c.get(x)
		if !ok {
			continue
		}
		fmt.Fprintf(w, "%s<data key=\"%s_%s\">%s</data>\n", indent, prefix, c.name, xmlText(c.text(v)))
	}
}

// labelColumn is the node label as a column, for the formats that have
// no label field of their own.
func labelColumn() column {
	return nodeCol("label", tString, func(n *Node) (value, bool) { return str(n.Label) })
}

// graphColumns are the attributes of the graph as a whole.
func (d *Document) graphColumns() []column {
	get := func(f func(*Document) (value, bool)) func(any) (value, bool) {
		return func(x any) (value, bool) { return f(x.(*Document)) }
	}
	return []column{
		{"version", tString, get(func(d *Document) (value, bool) { return str(d.Version) })},
		{"window_from", tString, get(func(d *Document) (value, bool) { return date(d.Window.From) })},
		{"window_to", tString, get(func(d *Document) (value, bool) { return date(d.Window.To) })},
		{"per_statement", tBool, get(func(d *Document) (value, bool) { return boolean(d.PerStatement) })},
	}
}

func graphMLType(t valueType) string {
	switch t {
	case tInt:
		return "int"
	case tDouble:
		return "double"
	case tBool:
		return "boolean"
	}
	return "string"
}

// xmlText escapes s for XML character data; characters XML cannot hold
// become U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// xmlAttr escapes s for a double-quoted XML attribute value.
func xmlAttr(s string) string { return xmlText(s) }

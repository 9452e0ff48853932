package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteNodeLink writes d as node-link JSON, the form networkx's
// node_link_data writes and node_link_graph reads, and that d3's force
// layout takes: {"directed": true, "multigraph": true, "graph": {...},
// "nodes": [{"id", ...}], "links": [{"source", "target", "key", ...}]}.
// The edges are under "links" (networkx ≤ 3.3's default; networkx ≥ 3.4
// reads them with node_link_graph(data, edges="links")), keyed by their
// document id. Attributes are the same columns as GraphML's, but lists
// stay JSON lists and absent attributes are left out.
func WriteNodeLink(w io.Writer, d *Document) error {
	var buf bytes.Buffer
	buf.WriteString("{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": ")
	graph := orderedObject{}
	for _, c := range d.graphColumns() {
		if v, ok := c.get(d); ok {
			graph = append(graph, field{c.name, c.jsonValue(v)})
		}
	}
	if err := writeJSONValue(&buf, graph); err != nil {
		return err
	}
	buf.WriteString(",\n  \"nodes\": [")
	ncols := append([]column{labelColumn()}, d.nodeColumns()...)
	for i := range d.Nodes {
		obj := orderedObject{{"id", d.Nodes[i].ID}}
		obj = appendFields(obj, ncols, &d.Nodes[i])
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		if err := writeJSONValue(&buf, obj); err != nil {
			return err
		}
	}
	buf.WriteString("\n  ],\n  \"links\": [")
	ecols := d.edgeColumns(true)
	for i := range d.Edges {
		e := &d.Edges[i]
		obj := orderedObject{{"source", e.Source}, {"target", e.Target}, {"key", e.ID}}
		obj = appendFields(obj, ecols, e)
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		if err := writeJSONValue(&buf, obj); err != nil {
			return err
		}
	}
	buf.WriteString("\n  ]\n}\n")
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("export: node-link: %w", err)
	}
	return nil
}

// field and orderedObject give JSON objects a fixed key order.
type field struct {
	key   string
	value any
}

type orderedObject []field

// MarshalJSON writes the fields in order on one line.
func (o orderedObject) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			buf.WriteString(", ")
		}
		k, _ := json.Marshal(f.key)
		buf.Write(k)
		buf.WriteString(": ")
		if err := writeJSONValue(&buf, f.value); err != nil {
			return nil, err
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func appendFields(obj orderedObject, cols []column, x any) orderedObject {
	for _, c := range cols {
		if v, ok := c.get(x); ok {
			obj = append(obj, field{c.name, c.jsonValue(v)})
		}
	}
	return obj
}

// writeJSONValue writes v as compact JSON without HTML escaping.
func writeJSONValue(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("export: json: %w", err)
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	return nil
}

// WriteCSV writes d as two CSV tables (RFC 4180, with a header row):
// the nodes, whose first columns are Id and Label, and the edges, whose
// first columns are Source, Target, Type (always "Directed"), Id, Label
// (the edge kind) and Weight. These are the columns Gephi's spreadsheet
// import recognises, and R's igraph::graph_from_data_frame(edges,
// vertices = nodes) takes the first two edge columns as the endpoints and
// the first node column as the vertex name. The other columns are the
// attributes of GraphML, lists joined with ListSep, booleans as true and
// false, absent values empty.
func WriteCSV(nodes, edges io.Writer, d *Document) error {
	ncols := d.nodeColumns()
	nw := csv.NewWriter(nodes)
	header := []string{"Id", "Label"}
	for _, c := range ncols {
		header = append(header, c.name)
	}
	nw.Write(header)
	for i := range d.Nodes {
		n := &d.Nodes[i]
		nw.Write(append([]string{n.ID, n.Label}, row(ncols, n)...))
	}
	nw.Flush()
	if err := nw.Error(); err != nil {
		return fmt.Errorf("export: nodes csv: %w", err)
	}
	ecols := d.edgeColumns(false)
	ew := csv.NewWriter(edges)
	header = []string{"Source", "Target", "Type", "Id", "Label", "Weight"}
	for _, c := range ecols {
		header = append(header, c.name)
	}
	ew.Write(header)
	for i := range d.Edges {
		e := &d.Edges[i]
		ew.Write(append([]string{e.Source, e.Target, "Directed", e.ID, e.Kind, strconv.Itoa(e.Weight)}, row(ecols, e)...))
	}
	ew.Flush()
	if err := ew.Error(); err != nil {
		return fmt.Errorf("export: edges csv: %w", err)
	}
	return nil
}

func row(cols []column, x any) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		if v, ok := c.get(x); ok {
			out[i] = c.text(v)
		}
	}
	return out
}

// WriteDOT writes d as a Graphviz digraph that keeps the structure and
// every attribute (as quoted DOT attributes, lists joined with ListSep)
// but no styling: it is for reading into other tools (pydot, networkx,
// igraph via Graphviz), not for drawing. For figures use claimnet render.
// Node ids and attribute values are quoted; the edge id is the key
// attribute.
func WriteDOT(w io.Writer, d *Document) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("digraph claimnet {\n")
	var gattrs []string
	for _, c := range d.graphColumns() {
		if v, ok := c.get(d); ok {
			gattrs = append(gattrs, c.name+"="+dotQuote(c.text(v)))
		}
	}
	fmt.Fprintf(bw, "  graph [%s];\n", strings.Join(gattrs, ", "))
	ncols := append([]column{labelColumn()}, d.nodeColumns()...)
	for i := range d.Nodes {
		n := &d.Nodes[i]
		fmt.Fprintf(bw, "  %s [%s];\n", dotQuote(n.ID), dotAttrs(ncols, n))
	}
	ecols := d.edgeColumns(true)
	for i := range d.Edges {
		e := &d.Edges[i]
		fmt.Fprintf(bw, "  %s -> %s [key=%s, %s];\n", dotQuote(e.Source), dotQuote(e.Target), dotQuote(e.ID), dotAttrs(ecols, e))
	}
	bw.WriteString("}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: dot: %w", err)
	}
	return nil
}

func dotAttrs(cols []column, x any) string {
	var parts []string
	for _, c := range cols {
		if v, ok := c.get(x); ok {
			parts = append(parts, c.name+"="+dotQuote(c.text(v)))
		}
	}
	return strings.Join(parts, ", ")
}

// dotQuote quotes s as a DOT string: backslashes and double quotes are
// escaped, and line breaks become \n, which DOT readers turn back.
func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/claimnet/claimnet/internal/safetext"
)

// WriteNodeLink writes d as node-link JSON, the form networkx's
// node_link_data writes and node_link_graph reads, and that d3's force
// layout takes: {"directed": true, "multigraph": true, "graph": {...},
// "nodes": [{"id", ...}], "links": [{"source", "target", "key", ...}]}.
// The edges are under "links" (networkx ≤ 3.3's default; networkx ≥ 3.4
// reads them with node_link_graph(data, edges="links")), keyed by their
// document id. Attributes are the same columns as GraphML's, but lists
// stay JSON lists and absent attributes are left out.
func WriteNodeLink(ctx context.Context, w io.Writer, d *Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("export: node-link: %w", err)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	var buf bytes.Buffer
	// spill hands buf to bw once it is large, unless ctx is done.
	spill := func() error {
		if buf.Len() < 1<<16 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("export: node-link: %w", err)
		}
		bw.Write(buf.Bytes())
		buf.Reset()
		return nil
	}
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
		if err := spill(); err != nil {
			return err
		}
	}
	buf.WriteString("\n  ],\n  \"links\": [")
	ecols := d.edgeColumns(true)
	i := 0
	for e := range d.AllEdges() {
		obj := orderedObject{{"source", e.Source}, {"target", e.Target}, {"key", e.ID}}
		obj = appendFields(obj, ecols, e)
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		if err := writeJSONValue(&buf, obj); err != nil {
			return err
		}
		if err := spill(); err != nil {
			return err
		}
		i++
	}
	buf.WriteString("\n  ]\n}\n")
	bw.Write(buf.Bytes())
	if err := bw.Flush(); err != nil {
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
func WriteCSV(ctx context.Context, nodes, edges io.Writer, d *Document) error {
	ncols := d.nodeColumns()
	nw := csv.NewWriter(nodes)
	header := []string{"Id", "Label"}
	for _, c := range ncols {
		header = append(header, c.name)
	}
	nw.Write(header)
	for i := range d.Nodes {
		n := &d.Nodes[i]
		nw.Write(append([]string{CSVText(n.ID), CSVText(n.Label)}, row(ncols, n)...))
		if i%4096 == 0 && ctx.Err() != nil {
			return fmt.Errorf("export: nodes csv: %w", ctx.Err())
		}
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
	i := 0
	for e := range d.AllEdges() {
		ew.Write(append([]string{CSVText(e.Source), CSVText(e.Target), "Directed", CSVText(e.ID), CSVText(e.Kind),
			strconv.Itoa(e.Weight)}, row(ecols, e)...))
		if i%4096 == 0 && ctx.Err() != nil {
			return fmt.Errorf("export: edges csv: %w", ctx.Err())
		}
		i++
	}
	ew.Flush()
	if err := ew.Error(); err != nil {
		return fmt.Errorf("export: edges csv: %w", err)
	}
	return nil
}

// row is the cells of x's columns: text neutralised by CSVText, numbers
// and booleans as they are.
func row(cols []column, x any) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		if v, ok := c.get(x); ok {
			out[i] = c.text(v)
			if c.typ == tString || c.typ == tList {
				out[i] = CSVText(out[i])
			}
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
func WriteDOT(ctx context.Context, w io.Writer, d *Document) error {
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
		if i%4096 == 0 && ctx.Err() != nil {
			return fmt.Errorf("export: dot: %w", ctx.Err())
		}
	}
	ecols := d.edgeColumns(true)
	i := 0
	for e := range d.AllEdges() {
		fmt.Fprintf(bw, "  %s -> %s [key=%s, %s];\n", dotQuote(e.Source), dotQuote(e.Target), dotQuote(e.ID), dotAttrs(ecols, e))
		if i%4096 == 0 && ctx.Err() != nil {
			return fmt.Errorf("export: dot: %w", ctx.Err())
		}
		i++
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
// Characters XML 1.0 cannot hold (NUL and the other controls but tab,
// U+FFFE, U+FFFF and invalid UTF-8) become U+FFFD, as in GraphML and
// GEXF: Graphviz reads DOT labels as XML-like text, and a NUL ends a C
// string.
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
		case '\t':
			b.WriteRune(r)
		default:
			if r < 0x20 || r == 0xFFFE || r == 0xFFFF {
				r = utf8.RuneError
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// CSVText makes s safe as a text cell of a CSV or TSV file opened in a
// spreadsheet, as spreadsheet exports do: a cell that begins with =, +,
// -, @, a tab or a carriage return, which Excel, LibreOffice and Google
// Sheets would read as a formula, gets a single quote (') in front. It
// also replaces the characters XML 1.0 cannot hold (NUL and the other
// controls but tab, line feed and carriage return, U+FFFE, U+FFFF and
// invalid UTF-8) with U+FFFD. Numbers claimnet writes are not text cells
// and are left alone.
func CSVText(s string) string { return safetext.CSV(s) }

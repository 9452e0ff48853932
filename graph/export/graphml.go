package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"unicode/utf8"
)

// WriteGraphML writes d as GraphML: a directed graph whose nodes carry
// the node columns and whose edges carry the edge columns (docs/
// graph-document.md lists them), each declared by a <key> with its
// attr.type (string, int, double or boolean). Lists are joined with
// ListSep. Parallel edges keep their document ids, which networkx reads
// as the multigraph keys.
func WriteGraphML(ctx context.Context, w io.Writer, d *Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("export: graphml: %w", err)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	gcols := d.graphColumns()
	ncols := append([]column{labelColumn()}, d.nodeColumns()...)
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
	writeKeys("n", "node", ncols)
	writeKeys("e", "edge", ecols)
	bw.WriteString("  <graph id=\"claimnet\" edgedefault=\"directed\">\n")
	var b []byte
	b = appendData(b, "    ", "g", gcols, d)
	nopen := dataOpeners("      ", "n", ncols)
	eopen := dataOpeners("      ", "e", ecols)
	for i := range d.Nodes {
		n := &d.Nodes[i]
		b = append(b, `    <node id="`...)
		b = appendXMLText(b, n.ID)
		b = append(b, "\">\n"...)
		b = appendDataWith(b, nopen, ncols, n)
		b = append(b, "    </node>\n"...)
		if len(b) >= 1<<16 {
			if err := writeChunk(ctx, bw, b); err != nil {
				return fmt.Errorf("export: graphml: %w", err)
			}
			b = b[:0]
		}
	}
	for e := range d.AllEdges() {
		b = append(b, `    <edge id="`...)
		b = appendXMLText(b, e.ID)
		b = append(b, `" source="`...)
		b = appendXMLText(b, e.Source)
		b = append(b, `" target="`...)
		b = appendXMLText(b, e.Target)
		b = append(b, "\">\n"...)
		b = appendDataWith(b, eopen, ecols, e)
		b = append(b, "    </edge>\n"...)
		if len(b) >= 1<<16 {
			if err := writeChunk(ctx, bw, b); err != nil {
				return fmt.Errorf("export: graphml: %w", err)
			}
			b = b[:0]
		}
	}
	b = append(b, "  </graph>\n</graphml>\n"...)
	bw.Write(b)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: graphml: %w", err)
	}
	return nil
}

// writeChunk writes b to w unless ctx is done.
func writeChunk(ctx context.Context, w *bufio.Writer, b []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

// dataOpeners returns the opening <data key="..."> tag of each column.
func dataOpeners(indent, prefix string, cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = indent + `<data key="` + prefix + "_" + c.name + `">`
	}
	return out
}

func appendData(b []byte, indent, prefix string, cols []column, x any) []byte {
	return appendDataWith(b, dataOpeners(indent, prefix, cols), cols, x)
}

// appendDataWith appends a <data> element for each column x has.
func appendDataWith(b []byte, open []string, cols []column, x any) []byte {
	for i, c := range cols {
		v, ok := c.get(x)
		if !ok {
			continue
		}
		b = append(b, open[i]...)
		b = c.appendXML(b, v)
		b = append(b, "</data>\n"...)
	}
	return b
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

// appendXMLText appends s escaped for XML character data or a
// double-quoted attribute value, as encoding/xml's EscapeText escapes it:
// the five markup characters, tab, line feed and carriage return as
// character references, and characters XML 1.0 cannot hold (controls
// other than tab, line feed and carriage return, U+FFFE, U+FFFF, and
// invalid UTF-8, which includes lone surrogates) as U+FFFD.
func appendXMLText(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var esc string
		width := 1
		if c < utf8.RuneSelf {
			switch c {
			case '"':
				esc = "&#34;"
			case '\'':
				esc = "&#39;"
			case '&':
				esc = "&amp;"
			case '<':
				esc = "&lt;"
			case '>':
				esc = "&gt;"
			case '\t':
				esc = "&#x9;"
			case '\n':
				esc = "&#xA;"
			case '\r':
				esc = "&#xD;"
			default:
				if c < 0x20 {
					esc = "\uFFFD"
				}
			}
		} else {
			var r rune
			r, width = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && width == 1 || r == 0xFFFE || r == 0xFFFF {
				esc = "\uFFFD"
			}
		}
		i += width
		if esc == "" {
			continue
		}
		b = append(b, s[last:i-width]...)
		b = append(b, esc...)
		last = i
	}
	return append(b, s[last:]...)
}

// ctxWriter is a writer that fails with ctx's error once ctx is done, so
// that an encoder writing to it stops.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

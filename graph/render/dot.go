package render

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// attr is one DOT attribute. Values are written as given: quoted strings
// come from quote, HTML-like labels from html, numbers from num.
type attr struct{ key, val string }

// dotNode is one node statement of a figure's DOT text.
type dotNode struct {
	id    string
	attrs []attr
}

// dotEdge is one edge statement of a figure's DOT text.
type dotEdge struct {
	from, to string
	attrs    []attr
}

// dotGraph is the graph a view builds: statements in the order they are
// written, so the text is the same on every run.
type dotGraph struct {
	graphAttrs []attr
	nodeAttrs  []attr
	edgeAttrs  []attr
	nodes      []dotNode
	edges      []dotEdge
}

func (g *dotGraph) node(id string, attrs ...attr) { g.nodes = append(g.nodes, dotNode{id, attrs}) }

// with returns g's DOT text with the graph attributes over set in place
// of (or besides) g's own.
func (g *dotGraph) with(name string, over ...attr) []byte {
	c := *g
	c.graphAttrs = setAttrs(g.graphAttrs, over...)
	var buf bytes.Buffer
	c.write(&buf, name)
	return buf.Bytes()
}

// write writes g as a directed graph named name.
func (g *dotGraph) write(buf *bytes.Buffer, name string) {
	fmt.Fprintf(buf, "digraph %s {\n", quote(name))
	writeAttrStmt(buf, "graph", g.graphAttrs)
	writeAttrStmt(buf, "node", g.nodeAttrs)
	writeAttrStmt(buf, "edge", g.edgeAttrs)
	for _, n := range g.nodes {
		buf.WriteString("\t")
		buf.WriteString(quote(n.id))
		writeAttrList(buf, n.attrs)
		buf.WriteString(";\n")
	}
	for _, e := range g.edges {
		buf.WriteString("\t")
		buf.WriteString(quote(e.from))
		buf.WriteString(" -> ")
		buf.WriteString(quote(e.to))
		writeAttrList(buf, e.attrs)
		buf.WriteString(";\n")
	}
	buf.WriteString("}\n")
}

func writeAttrStmt(buf *bytes.Buffer, kind string, attrs []attr) {
	if len(attrs) == 0 {
		return
	}
	buf.WriteString("\t")
	buf.WriteString(kind)
	writeAttrList(buf, attrs)
	buf.WriteString(";\n")
}

func writeAttrList(buf *bytes.Buffer, attrs []attr) {
	if len(attrs) == 0 {
		return
	}
	buf.WriteString(" [")
	for i, a := range attrs {
		if i > 0 {
			buf.WriteString(", ")
		}
		buf.WriteString(a.key)
		buf.WriteString("=")
		buf.WriteString(a.val)
	}
	buf.WriteString("]")
}

// quote returns s as a DOT double-quoted string that Graphviz shows
// literally: backslashes are doubled (so "\N" or "\n" in a name is not an
// escape sequence), double quotes are escaped, and & is written as &amp;
// because Graphviz decodes HTML entities in ordinary labels too. Control
// characters and the other characters unfit for a label (see unfit)
// become spaces.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '&':
			b.WriteString("&amp;")
		case unfit(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// unfit reports whether r must not reach a figure's DOT or SVG text, so
// that the SVG is well-formed XML and the DOT is UTF-8 text any Graphviz
// reads: the controls (C0, which XML 1.0 forbids but for tab, line feed
// and carriage return, DEL and C1), the noncharacters (among them U+FFFE
// and U+FFFF, which XML forbids), and utf8.RuneError, which is what
// ranging over a string gives for a byte that is not UTF-8 (an encoded
// lone surrogate among them).
func unfit(r rune) bool {
	return unicode.IsControl(r) || r == utf8.RuneError ||
		r&0xfffe == 0xfffe || (r >= 0xfdd0 && r <= 0xfdef)
}

// str returns s as a quoted DOT value that is not a label (colours, styles,
// shapes, positions): s comes from this package and needs no entity
// escaping, but it is quoted all the same.
func str(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// num formats a length, width or weight with at most two decimals and no
// trailing zeros, so that the text is short and identical on every
// machine.
func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// escapeHTML escapes text for a Graphviz HTML-like label, whose text is
// XML: &, <, >, " and ' become entities, the characters unfit for a label
// (controls, noncharacters, bytes that are not UTF-8) spaces. A
// backslash is doubled: Graphviz expands escapes such as \N (the node's
// name) in HTML-like labels too, after decoding entities.
func escapeHTML(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&#39;")
		case unfit(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// html wraps HTML-like label markup as a DOT value.
func html(markup string) string { return "<" + markup + ">" }

// wrap breaks s into lines of at most width runes at spaces. A word longer
// than width is broken at width runes so no line overflows. Runs of
// whitespace count as one space. width < 1 leaves s on one line.
func wrap(s string, width int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	if width < 1 {
		return []string{strings.Join(words, " ")}
	}
	var lines []string
	var cur []rune
	for _, w := range words {
		rw := []rune(w)
		for len(rw) > width {
			if len(cur) > 0 {
				lines = append(lines, string(cur))
				cur = nil
			}
			lines = append(lines, string(rw[:width]))
			rw = rw[width:]
		}
		switch {
		case len(cur) == 0:
			cur = append(cur, rw...)
		case len(cur)+1+len(rw) <= width:
			cur = append(cur, ' ')
			cur = append(cur, rw...)
		default:
			lines = append(lines, string(cur))
			cur = append([]rune(nil), rw...)
		}
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

// wrapHTML wraps s and joins the escaped lines with left-aligned breaks
// for an HTML-like label.
func wrapHTML(s string, width int, align string) string {
	lines := wrap(s, width)
	for i, l := range lines {
		lines[i] = escapeHTML(l)
	}
	return strings.Join(lines, `<br align="`+align+`"/>`) + `<br align="` + align + `"/>`
}

// labelNodes returns g with each edge's external label (xlabel) drawn as a
// node of its own: draw is g with the labels as plain-text nodes after g's
// nodes and the edges without their labels; layout is draw with two more
// edges for each label, from the edge's tail to the label and from the
// label to its head, that hold the label by its edge while the layout
// runs. Without labelled edges both are g. labels names, for each label
// node, the edge it labels.
func (g *dotGraph) labelNodes() (draw, layout *dotGraph, labels []edgeLabel) {
	if !slices.ContainsFunc(g.edges, func(e dotEdge) bool { return hasAttr(e.attrs, "xlabel") }) {
		return g, g, nil
	}
	// The label text looks as the edge's own label would (in the edges'
	// font, or the edge's own), on the background's colour: an edge
	// passing behind it (edges are drawn first) is hidden where the text
	// is.
	text := []attr{{"shape", "plaintext"}, {"margin", str("0.02,0.01")}, {"width", "0"}, {"height", "0"},
		{"style", "filled"}, {"fillcolor", attrVal(g.graphAttrs, "bgcolor")}}
	font := func(as []attr) []attr {
		return slices.DeleteFunc(slices.Clone(as), func(a attr) bool {
			return a.key != "fontname" && a.key != "fontsize" && a.key != "fontcolor"
		})
	}
	text = append(text, font(g.edgeAttrs)...)
	d := *g
	d.nodes = slices.Clone(g.nodes)
	d.edges = make([]dotEdge, len(g.edges))
	var ties []dotEdge
	for i, e := range g.edges {
		d.edges[i] = e
		k := slices.IndexFunc(e.attrs, func(a attr) bool { return a.key == "xlabel" })
		if k < 0 {
			continue
		}
		id := fmt.Sprintf("label:%d", i)
		labels = append(labels, edgeLabel{node: len(d.nodes), edge: i})
		own := setAttrs(text, font(e.attrs)...)
		d.nodes = append(d.nodes, dotNode{id, append(own, attr{"label", e.attrs[k].val}, attr{"tooltip", attrVal(e.attrs, "tooltip")})})
		d.edges[i].attrs = slices.Delete(slices.Clone(e.attrs), k, k+1)
		ties = append(ties, dotEdge{e.from, id, []attr{{"len", "0.5"}}}, dotEdge{id, e.to, []attr{{"len", "0.5"}}})
	}
	l := d
	l.edges = append(slices.Clone(d.edges), ties...)
	return &d, &l, labels
}

// edgeLabel is a label node of labelNodes' graph: the index of the node
// and of the edge it labels.
type edgeLabel struct{ node, edge int }

// setAttrs returns attrs with each of over replacing the attribute of the
// same key, or appended; attrs itself is not changed.
func setAttrs(attrs []attr, over ...attr) []attr {
	out := slices.Clone(attrs)
	for _, o := range over {
		if i := slices.IndexFunc(out, func(a attr) bool { return a.key == o.key }); i >= 0 {
			out[i] = o
		} else {
			out = append(out, o)
		}
	}
	return out
}

// hasAttr reports whether as has an attribute key.
func hasAttr(as []attr, key string) bool {
	return slices.ContainsFunc(as, func(a attr) bool { return a.key == key })
}

// attrVal returns the value of as's attribute key, or "" (quoted) when
// it has none.
func attrVal(as []attr, key string) string {
	for _, a := range as {
		if a.key == key {
			return a.val
		}
	}
	return `""`
}

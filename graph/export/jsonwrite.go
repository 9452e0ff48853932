package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"iter"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/claimnet/claimnet/annotations"
)

// The json format is written by hand, record by record: the document's
// fields indented by two spaces, and each record of its lists (nodes,
// edges, statements, ...) on a line of its own, compact, as encoding/json
// marshals it with HTML escaping off. TestWriteJSONOracle holds the values
// equal to encoding/json's. Reflection and Date.MarshalJSON cost 40–55 s
// of CPU at a million statements; indenting every field of every record
// made the file 40% larger (a third of a million-statement document was
// indentation) and no easier to read with grep or a diff, which a record
// per line is.

// oneLine is the depth at which values are written compact, on one line:
// every depth below zero is, and oneLine+1 still is.
const oneLine = -1 << 20

// jsonWriter appends JSON to buf and hands it to w in large pieces.
type jsonWriter struct {
	w   *bufio.Writer
	buf []byte
	err error
}

// flush writes the buffer out once it is large.
func (j *jsonWriter) flush(force bool) {
	if len(j.buf) < 1<<16 && !force {
		return
	}
	if j.err == nil {
		_, j.err = j.w.Write(j.buf)
	}
	j.buf = j.buf[:0]
}

// appendIndent starts a new line indented to depth; below depth 0,
// values are on one line, and it appends nothing.
func appendIndent(b []byte, depth int) []byte {
	if depth < 0 {
		return b
	}
	b = append(b, '\n')
	for range depth {
		b = append(b, ' ', ' ')
	}
	return b
}

// appendKey starts the field name of an object whose fields are at depth.
func appendKey(b []byte, depth int, name string, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = appendIndent(b, depth)
	b = append(b, '"')
	b = append(b, name...)
	if depth < 0 {
		return append(b, '"', ':')
	}
	return append(b, '"', ':', ' ')
}

// appendColon appends the colon after a key of an object whose own
// depth is depth.
func appendColon(b []byte, depth int) []byte {
	if depth < 0 {
		return append(b, ':')
	}
	return append(b, ':', ' ')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes it with HTML
// escaping off: \", \\, \b, \f, \n, \r and \t, other control characters
// as \u00XX, U+2028 and U+2029 as \u2028 and \u2029, and each byte of
// invalid UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONFloat appends f as encoding/json writes a float64 (as
// JavaScript does), or null when it is not finite (Score's form).
func appendJSONFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

func appendJSONDate(b []byte, d Date) []byte {
	if d == 0 {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = appendDate(b, d)
	return append(b, '"')
}

// appendDate appends d.String() without allocating for the dates of
// years 0 to 9999.
func appendDate(b []byte, d Date) []byte {
	a := annotations.Date(d)
	y, m, day := a.Year(), a.Month(), a.Day()
	if d <= 0 || y > 9999 {
		return append(b, d.String()...)
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+day/10), byte('0'+day%10))
}

func appendJSONInt(b []byte, i int64) []byte { return strconv.AppendInt(b, i, 10) }

// appendJSONStrings appends a list of strings whose items are at depth+1.
func appendJSONStrings(b []byte, list []string, depth int) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	if len(list) == 0 {
		return append(b, '[', ']')
	}
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendIndent(b, depth+1)
		b = appendJSONString(b, s)
	}
	b = appendIndent(b, depth)
	return append(b, ']')
}

// appendJSONMap appends a map with sorted keys whose fields are at depth+1.
func appendJSONMap[V any](b []byte, m map[string]V, depth int, value func([]byte, V) []byte) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	if len(m) == 0 {
		return append(b, '{', '}')
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendIndent(b, depth+1)
		b = appendJSONString(b, k)
		b = appendColon(b, depth)
		b = value(b, m[k])
	}
	b = appendIndent(b, depth)
	return append(b, '}')
}

// appendCentrality appends a node's scores, a map whose keys are
// usually the document's measures, sorted in advance.
func appendCentrality(b []byte, c map[string]Score, depth int, sorted []string) []byte {
	if len(c) != len(sorted) || len(c) == 0 {
		return appendJSONMap(b, c, depth, appendScore)
	}
	for _, k := range sorted {
		if _, ok := c[k]; !ok {
			return appendJSONMap(b, c, depth, appendScore)
		}
	}
	b = append(b, '{')
	for i, k := range sorted {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendIndent(b, depth+1)
		b = appendJSONString(b, k)
		b = appendColon(b, depth)
		b = appendScore(b, c[k])
	}
	b = appendIndent(b, depth)
	return append(b, '}')
}

func appendScore(b []byte, s Score) []byte { return appendJSONFloat(b, float64(s)) }

func appendQuoted(b []byte, s string) []byte { return appendJSONString(b, s) }

// appendJSONNode appends n, an object whose fields are at depth+1.
func appendJSONNode(b []byte, n *Node, depth int, sorted []string) []byte {
	f := depth + 1
	b = append(b, '{')
	b = appendJSONString(appendKey(b, f, "id", true), n.ID)
	b = appendJSONString(appendKey(b, f, "kind", false), n.Kind)
	b = appendJSONString(appendKey(b, f, "label", false), n.Label)
	b = strconv.AppendBool(appendKey(b, f, "active", false), n.Active)
	b = appendJSONInt(appendKey(b, f, "statements", false), int64(n.Statements))
	b = appendJSONDate(appendKey(b, f, "first", false), n.First)
	b = appendJSONDate(appendKey(b, f, "last", false), n.Last)
	b = appendCentrality(appendKey(b, f, "centrality", false), n.Centrality, f, sorted)
	if a := n.ActorAttrs; a != nil {
		b = appendJSONString(appendKey(b, f, "actor_type", false), a.ActorType)
		b = appendJSONString(appendKey(b, f, "role", false), a.Role)
		b = appendJSONString(appendKey(b, f, "affiliation", false), a.Affiliation)
		b = appendJSONString(appendKey(b, f, "side", false), a.Side)
		b = appendJSONStrings(appendKey(b, f, "aliases", false), a.Aliases, f)
		b = appendJSONStrings(appendKey(b, f, "tags", false), a.Tags, f)
		b = appendJSONInt(appendKey(b, f, "coalition", false), int64(a.Coalition))
	}
	if c := n.ClaimAttrs; c != nil {
		b = appendJSONString(appendKey(b, f, "text", false), c.Text)
		b = appendJSONString(appendKey(b, f, "topic", false), c.Topic)
		b = appendJSONStrings(appendKey(b, f, "about", false), c.About, f)
		b = strconv.AppendBool(appendKey(b, f, "contested", false), c.Contested)
		b = appendScore(appendKey(b, f, "contestation", false), c.Contestation)
		b = appendJSONStrings(appendKey(b, f, "supporters", false), c.Supporters, f)
		b = appendJSONStrings(appendKey(b, f, "opposers", false), c.Opposers, f)
	}
	b = appendIndent(b, depth)
	return append(b, '}')
}

func appendJSONEdge(b []byte, e *Edge, depth int) []byte {
	f := depth + 1
	b = append(b, '{')
	b = appendJSONString(appendKey(b, f, "id", true), e.ID)
	b = appendJSONString(appendKey(b, f, "source", false), e.Source)
	b = appendJSONString(appendKey(b, f, "target", false), e.Target)
	b = appendJSONString(appendKey(b, f, "layer", false), e.Layer)
	b = appendJSONString(appendKey(b, f, "kind", false), e.Kind)
	if e.Stance != "" {
		b = appendJSONString(appendKey(b, f, "stance", false), e.Stance)
	}
	b = appendJSONInt(appendKey(b, f, "sign", false), int64(e.Sign))
	b = appendJSONInt(appendKey(b, f, "weight", false), int64(e.Weight))
	b = appendJSONDate(appendKey(b, f, "first", false), e.First)
	b = appendJSONDate(appendKey(b, f, "last", false), e.Last)
	if e.Quote != "" {
		b = appendJSONString(appendKey(b, f, "quote", false), e.Quote)
	}
	if e.TextSource != "" {
		b = appendJSONString(appendKey(b, f, "text_source", false), e.TextSource)
	}
	if e.Direct != nil {
		b = strconv.AppendBool(appendKey(b, f, "direct", false), *e.Direct)
	}
	b = appendIndent(b, depth)
	return append(b, '}')
}

func appendJSONStatement(b []byte, s *Statement, depth int) []byte {
	f := depth + 1
	b = append(b, '{')
	b = appendJSONString(appendKey(b, f, "actor", true), s.Actor)
	b = appendJSONString(appendKey(b, f, "claim", false), s.Claim)
	b = appendJSONString(appendKey(b, f, "stance", false), s.Stance)
	b = appendJSONInt(appendKey(b, f, "sign", false), int64(s.Sign))
	b = appendJSONString(appendKey(b, f, "quote", false), s.Quote)
	b = appendJSONString(appendKey(b, f, "source", false), s.Source)
	b = appendJSONDate(appendKey(b, f, "date", false), s.Date)
	b = strconv.AppendBool(appendKey(b, f, "direct", false), s.Direct)
	b = appendJSONString(appendKey(b, f, "note", false), s.Note)
	b = appendJSONString(appendKey(b, f, "edge", false), s.Edge)
	b = appendJSONString(appendKey(b, f, "at", false), s.At)
	b = appendIndent(b, depth)
	return append(b, '}')
}

func appendJSONRelation(b []byte, r *Relation, depth int) []byte {
	f := depth + 1
	b = append(b, '{')
	b = appendJSONString(appendKey(b, f, "from", true), r.From)
	b = appendJSONString(appendKey(b, f, "to", false), r.To)
	b = appendJSONString(appendKey(b, f, "type", false), r.Type)
	b = appendJSONString(appendKey(b, f, "quote", false), r.Quote)
	b = appendJSONString(appendKey(b, f, "source", false), r.Source)
	b = appendJSONDate(appendKey(b, f, "date", false), r.Date)
	b = appendJSONString(appendKey(b, f, "edge", false), r.Edge)
	b = appendJSONString(appendKey(b, f, "at", false), r.At)
	b = appendIndent(b, depth)
	return append(b, '}')
}

func appendJSONSource(b []byte, s *Source, depth int) []byte {
	f := depth + 1
	b = append(b, '{')
	b = appendJSONString(appendKey(b, f, "id", true), s.ID)
	b = appendJSONString(appendKey(b, f, "title", false), s.Title)
	b = appendJSONString(appendKey(b, f, "outlet", false), s.Outlet)
	b = appendJSONString(appendKey(b, f, "author", false), s.Author)
	b = appendJSONDate(appendKey(b, f, "published", false), s.Published)
	b = appendJSONString(appendKey(b, f, "file", false), s.File)
	b = appendJSONInt(appendKey(b, f, "statements", false), int64(s.Statements))
	b = appendIndent(b, depth)
	return append(b, '}')
}

func appendJSONReversal(b []byte, r *Reversal, depth int) []byte {
	f := depth + 1
	b = append(b, '{')
	b = appendJSONString(appendKey(b, f, "actor", true), r.Actor)
	b = appendJSONString(appendKey(b, f, "claim", false), r.Claim)
	b = appendJSONDate(appendKey(b, f, "first", false), r.First)
	b = appendJSONDate(appendKey(b, f, "last", false), r.Last)
	b = appendIndent(b, depth)
	return append(b, '}')
}

func appendJSONConflict(b []byte, c *Conflict, depth int) []byte {
	f := depth + 1
	b = append(b, '{')
	b = appendJSONString(appendKey(b, f, "a", true), c.A)
	b = appendJSONString(appendKey(b, f, "b", false), c.B)
	b = appendJSONString(appendKey(b, f, "claim", false), c.Claim)
	b = appendIndent(b, depth)
	return append(b, '}')
}

// writeJSONList writes a list whose items are at depth+1, each by item,
// checking ctx every few thousand items.
func writeJSONList[T any](ctx context.Context, j *jsonWriter, list iter.Seq[*T], null bool, depth int, item func([]byte, *T, int) []byte) error {
	if null {
		j.buf = append(j.buf, "null"...)
		return nil
	}
	n := 0
	for x := range list {
		if n == 0 {
			j.buf = append(j.buf, '[')
		} else {
			j.buf = append(j.buf, ',')
		}
		j.buf = appendIndent(j.buf, depth+1)
		j.buf = item(j.buf, x, oneLine)
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("export: json: %w", err)
			}
		}
		j.flush(false)
		n++
	}
	if n == 0 {
		j.buf = append(j.buf, '[', ']')
		return nil
	}
	j.buf = appendIndent(j.buf, depth)
	j.buf = append(j.buf, ']')
	return nil
}

// WriteJSON writes d as JSON, the "json" export format: its fields
// indented by two spaces and each record of its lists (nodes, edges,
// statements, relations, sources, reversals, conflicts, coalition groups)
// on one line, written record by record so that a large document is never
// held in memory twice. It stops with ctx's error when
// ctx is done.
func WriteJSON(ctx context.Context, w io.Writer, d *Document) error {
	j := &jsonWriter{w: bufio.NewWriterSize(w, 1<<16), buf: make([]byte, 0, 1<<17)}
	sorted := slices.Compact(slices.Sorted(slices.Values(d.Measures)))
	b := append(j.buf, '{')
	b = appendJSONString(appendKey(b, 1, "version", true), d.Version)
	b = appendKey(b, 1, "window", false)
	b = append(b, '{')
	b = appendJSONDate(appendKey(b, 2, "from", true), d.Window.From)
	b = appendJSONDate(appendKey(b, 2, "to", false), d.Window.To)
	b = append(appendIndent(b, 1), '}')
	b = strconv.AppendBool(appendKey(b, 1, "per_statement", false), d.PerStatement)
	b = appendJSONStrings(appendKey(b, 1, "measures", false), d.Measures, 1)
	j.buf = appendKey(b, 1, "nodes", false)
	lists := []func() error{
		func() error {
			return writeJSONList(ctx, j, pointers(d.Nodes), d.Nodes == nil, 1, func(b []byte, n *Node, depth int) []byte {
				return appendJSONNode(b, n, depth, sorted)
			})
		},
		func() error {
			return writeJSONList(ctx, j, d.AllEdges(), d.Edges == nil && d.records == nil, 1, appendJSONEdge)
		},
		func() error {
			return writeJSONList(ctx, j, d.AllStatements(), d.Statements == nil && d.records == nil, 1, appendJSONStatement)
		},
		func() error {
			return writeJSONList(ctx, j, d.AllRelations(), d.Relations == nil && d.records == nil, 1, appendJSONRelation)
		},
		func() error {
			return writeJSONList(ctx, j, d.AllSources(), d.Sources == nil && d.records == nil, 1, appendJSONSource)
		},
		func() error {
			return writeJSONList(ctx, j, pointers(d.Reversals), d.Reversals == nil, 1, appendJSONReversal)
		},
		func() error {
			return writeJSONList(ctx, j, pointers(d.Conflicts), d.Conflicts == nil, 1, appendJSONConflict)
		},
	}
	names := []string{"edges", "statements", "relations", "sources", "reversals", "conflicts", "coalitions"}
	for i, write := range lists {
		if err := write(); err != nil {
			return err
		}
		j.buf = appendKey(j.buf, 1, names[i], false)
	}
	b = j.buf
	c := &d.Coalitions
	b = append(b, '{')
	b = appendKey(b, 2, "groups", true)
	switch {
	case c.Groups == nil:
		b = append(b, "null"...)
	case len(c.Groups) == 0:
		b = append(b, '[', ']')
	default:
		b = append(b, '[')
		for i, g := range c.Groups {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONStrings(appendIndent(b, 3), g, oneLine)
		}
		b = append(appendIndent(b, 2), ']')
	}
	b = appendScore(appendKey(b, 2, "modularity", false), c.Modularity)
	b = appendScore(appendKey(b, 2, "polarization", false), c.Polarization)
	b = appendScore(appendKey(b, 2, "resolution", false), c.Resolution)
	b = appendJSONInt(appendKey(b, 2, "seed", false), c.Seed)
	b = append(appendIndent(b, 1), '}')
	b = appendJSONMap(appendKey(b, 1, "methods", false), d.Methods, 1, appendQuoted)
	b = append(b, '\n', '}', '\n')
	j.buf = b
	j.flush(true)
	if j.err == nil {
		j.err = j.w.Flush()
	}
	if j.err != nil {
		return fmt.Errorf("export: json: %w", j.err)
	}
	return nil
}

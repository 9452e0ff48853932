package annotations

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// parseYAML parses one YAML document into its node tree. It returns nil for
// an empty file and rejects a second document, which would otherwise be
// silently ignored.
func parseYAML(data []byte) (*yaml.Node, error) {
	doc, _, err := parseYAMLRead(data)
	return doc, err
}

// parseYAMLRead is parseYAML that also returns how many bytes of data
// yaml.v3 had read when it stopped. data is handed to it a line at a
// time, so when parsing fails, the first lines covering those bytes
// already fail to parse: the error is within them.
func parseYAMLRead(data []byte) (*yaml.Node, int, error) {
	r := &lineReader{data: data}
	dec := yaml.NewDecoder(r)
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, r.off, nil
		}
		return nil, r.off, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, r.off, fmt.Errorf("line %d: a second YAML document (after ---); put one document in each file", extra.Line)
	} else if !errors.Is(err, io.EOF) {
		return nil, r.off, err
	}
	if len(doc.Content) == 0 {
		return nil, r.off, nil
	}
	return doc.Content[0], r.off, nil
}

// lineReader reads data no further than the end of the current line
// (a line feed or a carriage return) in each Read, and counts what it
// has read.
type lineReader struct {
	data []byte
	off  int
}

func (r *lineReader) Read(p []byte) (int, error) {
	if r.off >= len(r.data) {
		return 0, io.EOF
	}
	rest := r.data[r.off:]
	if len(rest) > len(p) {
		rest = rest[:len(p)]
	}
	for i, c := range rest {
		if c == '\n' || c == '\r' {
			rest = rest[:i+1]
			break
		}
	}
	n := copy(p, rest)
	r.off += n
	return n, nil
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// locateYAMLError finds the position of a syntax error, given the error
// yaml.v3 returned for data and how far it had read (see parseYAMLRead).
// yaml.v3's parse errors carry no column, and for parser errors the line
// is that of the enclosing block rather than of the fault, so the fault is
// found as the last line of the shortest prefix of whole lines that fails
// to parse.
//
// The search parses few prefixes: the lines yaml.v3 had read fail already,
// the enclosing block's line is tried first, and from the upper end the
// search gallops down (1, 2, 4... lines) before it bisects, so a fault at
// the end of a large file costs a few parses of it, not one per halving.
// Each failing parse tightens the upper bound to the lines it read.
func locateYAMLError(data []byte, err error, read int) (line, col int, msg string) {
	msg = err.Error()
	line = 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	ends := lineEnds(data)
	// linesOf is the number of lines that hold the first n bytes.
	linesOf := func(n int) int { return min(sort.SearchInts(ends, n)+1, len(ends)) }
	if len(ends) > 1 {
		// fails reports whether the first k lines fail to parse, and the
		// number of lines whose bytes yaml.v3 read before it failed.
		fails := func(k int) (bool, int) {
			_, r, perr := parseYAMLRead(data[:ends[k-1]])
			return perr != nil, min(k, linesOf(r))
		}
		lo, hi := 0, len(ends) // the first lo lines parse, the first hi fail
		if read > 0 {
			hi = linesOf(read)
		}
		if line >= 1 && line < hi {
			if f, b := fails(line); f {
				hi = b
			} else {
				lo = line
			}
		}
		for step := 1; hi-step > lo; step *= 2 {
			if f, b := fails(hi - step); f {
				hi = b
			} else {
				lo = hi - step
				break
			}
		}
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			if f, b := fails(mid); f {
				hi = b
			} else {
				lo = mid
			}
		}
		line = hi
	}
	col = 1
	start := 0
	if line > 1 && line-2 < len(ends) {
		start = ends[line-2]
	}
	for i := start; i < len(data) && (data[i] == ' ' || data[i] == '\t'); i++ {
		col++
	}
	return line, col, msg
}

// lineEnds returns the offset just past each line of data. Lines end as
// yaml.v3 ends them: at a line feed, a carriage return, a CR LF pair (one
// break), or U+0085, U+2028 or U+2029.
func lineEnds(data []byte) []int {
	var ends []int
	for i := 0; i < len(data); {
		if n := lineBreak(data, i); n > 0 {
			i += n
			ends = append(ends, i)
			continue
		}
		i++
	}
	if len(data) > 0 && (len(ends) == 0 || ends[len(ends)-1] != len(data)) {
		ends = append(ends, len(data))
	}
	return ends
}

// lineBreak returns the length of the line break at data[i], or 0.
func lineBreak(data []byte, i int) int {
	switch c := data[i]; c {
	case '\n':
		return 1
	case '\r':
		if i+1 < len(data) && data[i+1] == '\n' {
			return 2
		}
		return 1
	case 0xC2:
		if i+1 < len(data) && data[i+1] == 0x85 {
			return 2
		}
	case 0xE2:
		if i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xA8 || data[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}

// fileDecoder turns one file's node tree into entries, recording an Error
// for every problem and going on, so all problems are reported at once.
type fileDecoder struct {
	name string
	r    *fileResult
	// source is the file's source: mapping, the default for its statements.
	source *Source
	// shared is set when the values point into the file's text (the fast
	// parser's trees): own then copies every string an entry keeps, so the
	// text can be freed. Ids that refer to other entries go through ref.
	shared bool
	// fields is the storage mapping takes its field lists from, reused
	// from file to file.
	fields []field
	// slab holds the statements of the file's statements: list, so they
	// are allocated at once.
	slab []Statement
}

// own returns s as a string the dataset may keep.
func (d *fileDecoder) own(s string) string {
	if d.shared {
		return strings.Clone(s)
	}
	return s
}

// ref returns the id s, which refers to another entry, as a string that
// keeps no file's text alive. Validation later replaces it with the
// entry's own id string (Dataset.validate), so that a million mentions
// share the few thousand ids; doing that here, with a table per worker,
// cost a lookup in a table of every id for each mention.
func (d *fileDecoder) ref(s string) string { return d.own(s) }

// refList applies ref to each string of list.
func (d *fileDecoder) refList(list []string) []string {
	for i, s := range list {
		list[i] = d.ref(s)
	}
	return list
}

// ownList applies own to each string of list.
func (d *fileDecoder) ownList(list []string) []string {
	if d.shared {
		for i, s := range list {
			list[i] = strings.Clone(s)
		}
	}
	return list
}

func (d *fileDecoder) pos(n *yaml.Node) Pos { return Pos{d.name, n.Line, n.Column} }

func (d *fileDecoder) errorf(n *yaml.Node, hint, format string, args ...any) {
	d.r.errs = append(d.r.errs, &Error{d.pos(n), fmt.Sprintf(format, args...), hint})
}

var (
	topKeys       = []string{"actors", "claims", "source", "sources", "statements", "relations"}
	actorKeys     = []string{"id", "name", "type", "role", "affiliation", "aliases", "tags"}
	claimKeys     = []string{"id", "text", "topic", "about", "supports", "attacks"}
	sourceKeys    = []string{"id", "title", "outlet", "author", "published", "file"}
	statementKeys = []string{"actor", "claim", "stance", "quote", "source", "date", "direct", "note"}
	relationKeys  = []string{"from", "type", "to", "quote", "source", "date"}
)

func (d *fileDecoder) file(doc *yaml.Node) {
	fields := d.mapping(doc, "the file", topKeys, nil)
	if fields == nil {
		return
	}
	if s, ok := get(fields, "source"); ok {
		if ss, ok := get(fields, "sources"); ok {
			d.errorf(ss.key, "move these sources to a file of their own", "a file holds either one source: or a sources: list, not both")
		}
		d.source = d.sourceEntry(s.value)
		if d.source != nil {
			d.r.sources = append(d.r.sources, d.source)
		}
	}
	// Entries are decoded in a fixed order, whatever the order of keys in
	// the file, so the dataset's order depends only on the files' content.
	if f, ok := get(fields, "actors"); ok {
		d.each(f.value, "actors", func(n *yaml.Node) {
			if a := d.actor(n); a != nil {
				d.r.actors = append(d.r.actors, a)
			}
		})
	}
	if f, ok := get(fields, "claims"); ok {
		d.each(f.value, "claims", func(n *yaml.Node) {
			if c := d.claim(n); c != nil {
				d.r.claims = append(d.r.claims, c)
			}
		})
	}
	if f, ok := get(fields, "sources"); ok {
		d.each(f.value, "sources", func(n *yaml.Node) {
			if s := d.sourceEntry(n); s != nil {
				d.r.sources = append(d.r.sources, s)
			}
		})
	}
	if f, ok := get(fields, "statements"); ok {
		d.r.statements = make([]*Statement, 0, len(f.value.Content))
		if f.value.Kind == yaml.SequenceNode {
			d.slab = make([]Statement, len(f.value.Content))
		}
		d.each(f.value, "statements", func(n *yaml.Node) {
			if s := d.statement(n); s != nil {
				d.r.statements = append(d.r.statements, s)
			}
		})
	}
	if f, ok := get(fields, "relations"); ok {
		d.each(f.value, "relations", func(n *yaml.Node) {
			if rel := d.relation(n); rel != nil {
				d.r.relations = append(d.r.relations, rel)
			}
		})
	}
}

type field struct{ key, value *yaml.Node }

// get returns the field with the given key.
func get(fields []field, key string) (field, bool) {
	for _, f := range fields {
		if f.key.Value == key {
			return f, true
		}
	}
	return field{}, false
}

// mapping checks that n is a mapping with only the allowed keys, each once,
// and that the required keys are there. It returns the fields in file
// order, or nil when n is no mapping at all. The list is valid until the
// next file.
func (d *fileDecoder) mapping(n *yaml.Node, what string, allowed, required []string) []field {
	if !d.kind(n, yaml.MappingNode, what) {
		return nil
	}
	// Fields are appended to d.fields and never overwritten within a file,
	// so lists handed out earlier stay valid when it grows.
	start := len(d.fields)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "", "%s has a key that is not a plain name", what)
			continue
		}
		if prev, dup := get(d.fields[start:], k.Value); dup {
			d.errorf(k, "remove one of them", "duplicate key %q in %s (first at line %d)", k.Value, what, prev.key.Line)
			continue
		}
		if !contains(allowed, k.Value) {
			hint := didYouMean(k.Value, allowed)
			if hint == "" {
				hint = "allowed keys: " + strings.Join(allowed, ", ")
			}
			d.errorf(k, hint, "unknown key %q in %s", k.Value, what)
			continue
		}
		if v.Kind == yaml.AliasNode {
			d.errorf(v, "write the value out in full", "YAML aliases (*%s) are not supported in annotation files", v.Value)
			continue
		}
		d.fields = append(d.fields, field{k, v})
	}
	fields := d.fields[start:len(d.fields):len(d.fields)]
	for _, req := range required {
		if _, ok := get(fields, req); !ok {
			d.errorf(n, "", "%s has no %q", what, req)
		}
	}
	if fields == nil {
		fields = []field{} // a mapping, if an empty one
	}
	return fields
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var kindNames = map[yaml.Kind]string{
	yaml.MappingNode:  "a mapping (key: value lines)",
	yaml.SequenceNode: "a list",
	yaml.ScalarNode:   "a single value",
	yaml.AliasNode:    "an alias",
	yaml.DocumentNode: "a document",
}

func (d *fileDecoder) kind(n *yaml.Node, want yaml.Kind, what string) bool {
	if n.Kind == want {
		return true
	}
	if n.Kind == yaml.AliasNode {
		d.errorf(n, "write the value out in full", "YAML aliases (*%s) are not supported in annotation files", n.Value)
		return false
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		d.errorf(n, "", "%s is empty; expected %s", what, kindNames[want])
		return false
	}
	d.errorf(n, "", "%s must be %s, not %s", what, kindNames[want], kindNames[n.Kind])
	return false
}

// each calls fn for every item of the list n.
func (d *fileDecoder) each(n *yaml.Node, what string, fn func(*yaml.Node)) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "statements:" with nothing under it
	}
	if !d.kind(n, yaml.SequenceNode, what) {
		return
	}
	for _, item := range n.Content {
		fn(item)
	}
}

// str returns the string value of a scalar, or "" after recording an error.
func (d *fileDecoder) str(f field) string {
	v := f.value
	if v.Kind != yaml.ScalarNode {
		d.kind(v, yaml.ScalarNode, strconv.Quote(f.key.Value))
		return ""
	}
	switch v.Tag {
	case "!!str":
		long := contains(longTextKeys, f.key.Value)
		if why := badChar(v.Value, long); why != "" {
			d.errorf(v, badCharHint(long), "%q contains %s", f.key.Value, why)
			return ""
		}
		return v.Value
	case "!!null":
		d.errorf(v, "", "%q is empty", f.key.Value)
		return ""
	}
	d.errorf(v, "put it in quotes: "+f.key.Value+": \""+v.Value+"\"", "%q must be a string, not %s %s", f.key.Value, tagName(v.Tag), v.Value)
	return ""
}

func tagName(tag string) string {
	switch tag {
	case "!!int":
		return "the integer"
	case "!!float":
		return "the number"
	case "!!bool":
		return "the boolean"
	case "!!timestamp":
		return "the date"
	}
	return "the value"
}

// list returns a list of strings; a single string is accepted where
// single is true (as in "to: pakistan").
func (d *fileDecoder) list(f field, single bool) []string {
	v := f.value
	if single && v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
		if s := d.str(f); s != "" {
			return []string{s}
		}
		return nil
	}
	if !d.kind(v, yaml.SequenceNode, strconv.Quote(f.key.Value)) {
		return nil
	}
	out := make([]string, 0, len(v.Content))
	for _, item := range v.Content {
		if s := d.str(field{f.key, item}); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (d *fileDecoder) date(f field) Date {
	v := f.value
	if v.Kind != yaml.ScalarNode || (v.Tag != "!!str" && v.Tag != "!!timestamp") {
		d.errorf(v, "write it as YYYY-MM-DD, e.g. 2025-10-19", "%q must be a date", f.key.Value)
		return 0
	}
	t, err := ParseDate(v.Value)
	if err != nil {
		d.errorf(v, "write it as YYYY-MM-DD, e.g. 2025-10-19", "%q: %v", f.key.Value, err)
		return 0
	}
	return t
}

func (d *fileDecoder) boolean(f field) bool {
	v := f.value
	if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
		d.errorf(v, "write true or false", "%q must be true or false", f.key.Value)
		return false
	}
	return v.Value == "true" || v.Value == "True" || v.Value == "TRUE"
}

// enum returns a string that must be one of allowed.
func (d *fileDecoder) enum(f field, allowed []string) string {
	s := d.str(f)
	if s == "" {
		return s
	}
	for _, a := range allowed {
		if a == s {
			return a // the constant, not a string into the file's text
		}
	}
	hint := didYouMean(s, allowed)
	if hint == "" {
		hint = "one of: " + strings.Join(allowed, ", ")
	} else {
		hint += "; one of: " + strings.Join(allowed, ", ")
	}
	d.errorf(f.value, hint, "%q is not a valid %s", s, f.key.Value)
	return ""
}

func (d *fileDecoder) actor(n *yaml.Node) *Actor {
	fs := d.mapping(n, "actor", actorKeys, []string{"id", "name", "type"})
	if fs == nil {
		return nil
	}
	a := &Actor{Pos: d.pos(n)}
	for _, f := range fs {
		switch f.key.Value {
		case "id":
			a.ID = d.own(d.str(f))
		case "name":
			a.Name = d.own(d.str(f))
		case "type":
			a.Type = d.enum(f, ActorTypes)
		case "role":
			a.Role = d.own(d.str(f))
		case "affiliation":
			a.Affiliation = d.ref(d.str(f))
		case "aliases":
			a.Aliases = d.ownList(d.list(f, false))
		case "tags":
			a.Tags = d.ownList(d.list(f, false))
		}
	}
	return a
}

func (d *fileDecoder) claim(n *yaml.Node) *Claim {
	fs := d.mapping(n, "claim", claimKeys, []string{"id", "text"})
	if fs == nil {
		return nil
	}
	c := &Claim{Pos: d.pos(n)}
	for _, f := range fs {
		switch f.key.Value {
		case "id":
			c.ID = d.own(d.str(f))
		case "text":
			c.Text = d.own(d.str(f))
		case "topic":
			c.Topic = d.own(d.str(f))
		case "about":
			c.About = d.refList(d.list(f, true))
		case "supports":
			c.Supports = d.refList(d.list(f, true))
		case "attacks":
			c.Attacks = d.refList(d.list(f, true))
		}
	}
	return c
}

func (d *fileDecoder) sourceEntry(n *yaml.Node) *Source {
	fs := d.mapping(n, "source", sourceKeys, []string{"id", "title"})
	if fs == nil {
		return nil
	}
	s := &Source{Pos: d.pos(n)}
	for _, f := range fs {
		switch f.key.Value {
		case "id":
			s.ID = d.own(d.str(f))
		case "title":
			s.Title = d.own(d.str(f))
		case "outlet":
			s.Outlet = d.own(d.str(f))
		case "author":
			s.Author = d.own(d.str(f))
		case "published":
			s.Published = d.date(f)
		case "file":
			s.File = d.own(d.corpusPath(f))
		}
	}
	return s
}

// corpusPath checks that a source's file stays inside the corpus directory.
func (d *fileDecoder) corpusPath(f field) string {
	p := d.str(f)
	if p == "" {
		return ""
	}
	if strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || (len(p) > 1 && p[1] == ':') {
		d.errorf(f.value, "give the path relative to the corpus directory, e.g. 004_report.txt", "file %q is absolute", p)
		return ""
	}
	if !validCorpusPath(p) {
		d.errorf(f.value, "give a path inside the corpus directory, without .. or ./", "file %q leaves the corpus directory or is not a clean path", p)
		return ""
	}
	return p
}

var (
	statementRequired           = []string{"actor", "claim", "stance", "quote"}
	statementRequiredWithSource = []string{"actor", "claim", "stance", "quote", "source"}
	relationRequired            = []string{"from", "type", "to", "quote"}
	relationRequiredWithSource  = []string{"from", "type", "to", "quote", "source"}
	stances                     = []string{"support", "oppose"}
)

func (d *fileDecoder) statement(n *yaml.Node) *Statement {
	required := statementRequired
	if d.source == nil {
		required = statementRequiredWithSource
	}
	fs := d.mapping(n, "statement", statementKeys, required)
	if fs == nil {
		return nil
	}
	var s *Statement
	if len(d.slab) > 0 {
		s, d.slab = &d.slab[0], d.slab[1:]
		*s = Statement{Pos: d.pos(n)}
	} else {
		s = &Statement{Pos: d.pos(n)}
	}
	if d.source != nil {
		s.Source = d.source.ID
	}
	for _, f := range fs {
		switch f.key.Value {
		case "actor":
			s.Actor = d.ref(d.str(f))
		case "claim":
			s.Claim = d.ref(d.str(f))
		case "stance":
			if v := d.enum(f, stances); v != "" {
				s.Stance, _ = ParseStance(v)
			}
		case "quote":
			s.Quote = d.own(d.quote(f))
		case "source":
			s.Source = d.ref(d.str(f))
		case "date":
			s.Date = d.date(f)
		case "direct":
			s.Direct = d.boolean(f)
		case "note":
			s.Note = d.own(d.str(f))
		}
	}
	return s
}

func (d *fileDecoder) quote(f field) string {
	q := d.str(f)
	switch {
	case q == "":
	case strings.TrimSpace(q) == "":
		d.errorf(f.value, "give the verbatim words from the source", "%q is blank", f.key.Value)
	case !hasVisible(q):
		d.errorf(f.value, "give the verbatim words from the source; zero-width, format and other invisible characters do not count",
			"%q has no visible character, only %s", f.key.Value, invisibleList(q))
	}
	return q
}

func (d *fileDecoder) relation(n *yaml.Node) *Relation {
	required := relationRequired
	if d.source == nil {
		required = relationRequiredWithSource
	}
	fs := d.mapping(n, "relation", relationKeys, required)
	if fs == nil {
		return nil
	}
	r := &Relation{Pos: d.pos(n)}
	if d.source != nil {
		r.Source = d.source.ID
	}
	for _, f := range fs {
		switch f.key.Value {
		case "from":
			r.From = d.ref(d.str(f))
		case "type":
			r.Type = d.enum(f, RelationTypes)
		case "to":
			r.To = d.refList(d.list(f, true))
		case "quote":
			r.Quote = d.own(d.quote(f))
		case "source":
			r.Source = d.ref(d.str(f))
		case "date":
			r.Date = d.date(f)
		}
	}
	return r
}

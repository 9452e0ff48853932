// Package fastyaml is claimnet's fast path for reading annotation files: a
// parser of the plain subset of YAML they are written in, which builds the
// same yaml.Node tree as yaml.v3 (go.yaml.in/yaml/v3) and gives up on
// anything else, leaving it to yaml.v3. Its one entry point is
// Parser.Parse.
package fastyaml

import (
	"time"
	"unicode/utf8"
	"unsafe"

	"go.yaml.in/yaml/v3"
)

// Parser parses the plain subset of YAML that annotation files are
// written in — block mappings and sequences, one-line plain, quoted and
// flow scalars, comments — into the node tree yaml.v3 would build: the
// same kinds, tags, styles, values, lines and columns (comments are left
// out: the decoder does not read them). It is several times faster than
// yaml.v3 and allocates nothing per node: nodes come from arenas reused
// from file to file, and values are substrings of the file's text.
//
// Anything outside the subset, and every syntax error, makes it give up;
// the file is then parsed by yaml.v3. So which files load, the trees they
// give and every error message are yaml.v3's; FuzzParse checks that the
// trees agree wherever the fast parser accepts.
//
// A tree is valid until the next call of Parse, which reuses its nodes.
// Values point into the data Parse was given, without a copy: a decoder
// must copy the strings it keeps, and the caller may reuse data for the
// next file once it has.
// The zero Parser is ready to use; one Parser serves one goroutine.
type Parser struct {
	text      string
	pos       int // offset of the next unread byte
	line      int // 1-based line of pos
	lineStart int // offset of the first byte of pos's line
	depth     int

	nodes       [][]yaml.Node // arena of nodes, in chunks that never move
	chunk, used int
	ptrs        [][]*yaml.Node // arena of Content slices
	pchunk      int
	pused       int
	stack       []*yaml.Node // children of the collections being parsed
}

const (
	nodeChunk = 1024
	ptrChunk  = 4096
	// maxFastDepth bounds the nesting the fast parser follows; deeper
	// files go to yaml.v3, which has its own limit.
	maxFastDepth = 64
	// maxFastKey keeps keys well under yaml.v3's 1024-character limit on
	// simple keys.
	maxFastKey = 128
)

// Parse returns the root node of data (the document's content, as
// yaml.v3 gives it), or false when data is not in the subset (or is
// empty, or is not YAML at all). The values of the tree share data's
// memory, so data must not change while the tree or a value taken from it
// is in use.
func (p *Parser) Parse(data []byte) (*yaml.Node, bool) {
	if !fastSubset(data) {
		return nil, false
	}
	// A million statements are over a hundred megabytes of text: the tree
	// reads data in place rather than copying it into a string first.
	p.text = unsafe.String(unsafe.SliceData(data), len(data))
	p.pos, p.line, p.lineStart, p.depth = 0, 1, 0, 0
	p.chunk, p.used, p.pchunk, p.pused = 0, 0, 0, 0
	p.stack = p.stack[:0]
	if !p.skipBlank() || p.indent() != 0 {
		return nil, false
	}
	root, ok := p.block(0)
	if !ok || p.pos < len(p.text) {
		return nil, false
	}
	return root, true
}

// fastSubset rejects what the fast parser leaves to yaml.v3 outright:
// tabs, carriage returns, control and other non-printable characters,
// Unicode line breaks, and lines that start with a directive or a
// document marker.
func fastSubset(data []byte) bool {
	lineStart := true
	for i := 0; i < len(data); {
		c := data[i]
		if lineStart && (c == '%' || (c == '-' || c == '.') && i+2 < len(data) && data[i+1] == c && data[i+2] == c) {
			return false
		}
		lineStart = c == '\n'
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if !(r >= 0xA0 && r <= 0xD7FF && r != 0x2028 && r != 0x2029 ||
			r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF ||
			r >= 0x10000 && r <= utf8.MaxRune) {
			return false
		}
		i += size
	}
	return true
}

func (p *Parser) node() *yaml.Node {
	if p.chunk == len(p.nodes) {
		p.nodes = append(p.nodes, make([]yaml.Node, nodeChunk))
	}
	n := &p.nodes[p.chunk][p.used]
	if p.used++; p.used == nodeChunk {
		p.chunk, p.used = p.chunk+1, 0
	}
	return n
}

// content moves the children pushed since base into the Content arena.
func (p *Parser) content(base int) []*yaml.Node {
	items := p.stack[base:]
	n := len(items)
	if n == 0 {
		return nil
	}
	var dst []*yaml.Node
	if n > ptrChunk {
		dst = make([]*yaml.Node, n)
	} else {
		if p.pchunk < len(p.ptrs) && p.pused+n > ptrChunk {
			p.pchunk, p.pused = p.pchunk+1, 0
		}
		if p.pchunk == len(p.ptrs) {
			p.ptrs = append(p.ptrs, make([]*yaml.Node, ptrChunk))
		}
		dst = p.ptrs[p.pchunk][p.pused : p.pused+n : p.pused+n]
		p.pused += n
	}
	copy(dst, items)
	clear(items)
	p.stack = p.stack[:base]
	return dst
}

// col is the 1-based column of offset off on the current line, counted in
// characters as yaml.v3 counts it.
func (p *Parser) col(off int) int {
	s := p.text[p.lineStart:off]
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return 1 + utf8.RuneCountInString(s)
		}
	}
	return 1 + len(s)
}

// skipBlank moves pos, which is at the start of a line, past blank and
// comment-only lines. It reports whether a line with content follows.
func (p *Parser) skipBlank() bool {
	for p.pos < len(p.text) {
		i := p.pos
		for i < len(p.text) && p.text[i] == ' ' {
			i++
		}
		if i < len(p.text) && p.text[i] != '\n' && p.text[i] != '#' {
			return true
		}
		for i < len(p.text) && p.text[i] != '\n' {
			i++
		}
		if i == len(p.text) {
			p.pos = i
			return false
		}
		p.newline(i + 1)
	}
	return false
}

func (p *Parser) newline(next int) {
	p.pos, p.lineStart = next, next
	p.line++
}

// indent counts the spaces at the start of the current line.
func (p *Parser) indent() int {
	i := p.pos
	for i < len(p.text) && p.text[i] == ' ' {
		i++
	}
	return i - p.pos
}

// endLine checks that only spaces and a comment follow offset i on the
// current line, and moves to the next line.
func (p *Parser) endLine(i int) bool {
	j := i
	for j < len(p.text) && p.text[j] == ' ' {
		j++
	}
	if j < len(p.text) && p.text[j] == '#' {
		if j == i && i > p.lineStart {
			return false // a comment needs a space before it
		}
		for j < len(p.text) && p.text[j] != '\n' {
			j++
		}
	}
	if j == len(p.text) {
		p.pos = j
		return true
	}
	if p.text[j] != '\n' {
		return false
	}
	p.newline(j + 1)
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isKeyByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// key returns the end of the simple key starting at at — a word followed
// by ": " or by ":" at the end of the line — or -1.
func (p *Parser) key(at int) int {
	if at >= len(p.text) || !isLetter(p.text[at]) {
		return -1
	}
	i := at + 1
	for i < len(p.text) && isKeyByte(p.text[i]) {
		i++
	}
	if i-at > maxFastKey || i >= len(p.text) || p.text[i] != ':' {
		return -1
	}
	if i+1 < len(p.text) && p.text[i+1] != ' ' && p.text[i+1] != '\n' {
		return -1
	}
	return i
}

// isEntry reports whether a block sequence entry ("- " or a lone "-")
// starts at offset at.
func (p *Parser) isEntry(at int) bool {
	return at < len(p.text) && p.text[at] == '-' &&
		(at+1 == len(p.text) || p.text[at+1] == ' ' || p.text[at+1] == '\n')
}

// block parses the block collection whose first line is the current one,
// indented by ind.
func (p *Parser) block(ind int) (*yaml.Node, bool) {
	at := p.pos + ind
	if p.isEntry(at) {
		return p.sequence(ind)
	}
	if p.key(at) >= 0 {
		return p.mapping(ind, at)
	}
	return nil, false
}

// mapping parses a block mapping whose keys are indented by ind; the first
// key is at offset first of the current line, which may follow a "- ".
func (p *Parser) mapping(ind, first int) (*yaml.Node, bool) {
	if p.depth++; p.depth > maxFastDepth {
		return nil, false
	}
	defer func() { p.depth-- }()
	m := p.node()
	*m = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: p.line, Column: p.col(first)}
	base := len(p.stack)
	at := first
	for {
		end := p.key(at)
		if end < 0 {
			return nil, false
		}
		k := p.node()
		*k = yaml.Node{Kind: yaml.ScalarNode, Tag: plainTag(p.text[at:end]), Value: p.text[at:end], Line: p.line, Column: p.col(at)}
		v, ok := p.value(ind, end+1)
		if !ok {
			return nil, false
		}
		p.stack = append(p.stack, k, v)
		if !p.skipBlank() {
			break
		}
		n := p.indent()
		if n < ind {
			break
		}
		if n > ind {
			return nil, false
		}
		at = p.pos + ind
	}
	m.Content = p.content(base)
	return m, true
}

// value parses what follows a key's colon at offset after, in a mapping
// indented by ind: a value on the same line, or a block below it.
func (p *Parser) value(ind, after int) (*yaml.Node, bool) {
	j := after
	for j < len(p.text) && p.text[j] == ' ' {
		j++
	}
	if j < len(p.text) && p.text[j] != '\n' && (p.text[j] != '#' || j == after) {
		return p.inline(j)
	}
	if !p.endLine(after) || !p.skipBlank() {
		return nil, false // an empty value: yaml.v3 places its null
	}
	n := p.indent()
	switch {
	case n > ind:
		return p.block(n)
	case n == ind && p.isEntry(p.pos+n):
		return p.sequence(ind) // "key:" then "- item" at the key's indentation
	}
	return nil, false
}

// sequence parses a block sequence whose dashes are indented by ind.
func (p *Parser) sequence(ind int) (*yaml.Node, bool) {
	if p.depth++; p.depth > maxFastDepth {
		return nil, false
	}
	defer func() { p.depth-- }()
	s := p.node()
	*s = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: p.line, Column: p.col(p.pos + ind)}
	base := len(p.stack)
	for {
		dash := p.pos + ind
		j := dash + 1
		for j < len(p.text) && p.text[j] == ' ' {
			j++
		}
		var item *yaml.Node
		var ok bool
		switch {
		case j == len(p.text) || p.text[j] == '\n' || p.text[j] == '#' && j > dash+1:
			if !p.endLine(dash+1) || !p.skipBlank() {
				return nil, false
			}
			if n := p.indent(); n > ind {
				item, ok = p.block(n)
			}
		case p.key(j) >= 0:
			item, ok = p.mapping(j-p.lineStart, j)
		default:
			item, ok = p.inline(j)
		}
		if !ok {
			return nil, false
		}
		p.stack = append(p.stack, item)
		if !p.skipBlank() {
			break
		}
		n := p.indent()
		if n < ind {
			break
		}
		if n > ind {
			return nil, false
		}
		if !p.isEntry(p.pos + n) {
			break
		}
	}
	s.Content = p.content(base)
	return s, true
}

// inline parses a scalar or a flow collection at offset j and the rest of
// its line.
func (p *Parser) inline(j int) (*yaml.Node, bool) {
	var n *yaml.Node
	var end int
	var ok bool
	switch c := p.text[j]; {
	case c == '[' || c == '{':
		n, end, ok = p.flow(j)
	case c == '"' || c == '\'':
		n, end, ok = p.quoted(j)
	default:
		n, end, ok = p.plain(j, false)
	}
	if !ok || !p.endLine(end) {
		return nil, false
	}
	return n, true
}

// plainTag is the tag yaml.v3 resolves a plain scalar starting with a
// letter to.
func plainTag(s string) string {
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "null", "Null", "NULL":
		return "!!null"
	}
	return "!!str"
}

// plainStart reports whether a plain scalar starting with c is a string
// to yaml.v3 unless plainTag says otherwise: c is a letter, a character
// beyond ASCII, or one of a few symbols that are neither YAML indicators
// nor the start of a number or a special value.
func plainStart(c byte) bool {
	return isLetter(c) || c >= utf8.RuneSelf || c == '(' || c == '$' || c == '/' || c == '=' || c == '^' || c == '_' || c == ';'
}

// plain parses a one-line plain scalar at j: a string (see plainStart) or
// a date (YYYY-MM-DD, which yaml.v3 tags !!timestamp). Inside a flow
// collection it also stops at a comma or a closing bracket.
func (p *Parser) plain(j int, flow bool) (*yaml.Node, int, bool) {
	c := p.text[j]
	if !plainStart(c) && !(c >= '0' && c <= '9') {
		return nil, 0, false
	}
	i := j
	last := j // just past the last non-space byte
	for i < len(p.text) {
		c := p.text[i]
		if c == '\n' || c == '#' && p.text[i-1] == ' ' {
			break
		}
		if c == ':' && (i+1 == len(p.text) || p.text[i+1] == ' ' || p.text[i+1] == '\n' || flow) {
			return nil, 0, false
		}
		if flow {
			if c == ',' || c == ']' || c == '}' {
				break
			}
			// yaml.v3 ends a plain scalar in a flow collection at any of
			// ",?[]{}", so "[Who?, x]" is an error to it: leave such
			// text (and the comment sign) to it.
			if c == '[' || c == '{' || c == '#' || c == '?' {
				return nil, 0, false
			}
		}
		i++
		if c != ' ' {
			last = i
		}
	}
	v := p.text[j:last]
	var tag string
	switch {
	case plainStart(c):
		tag = plainTag(v)
	case isDate(v):
		tag = "!!timestamp"
	case notNumeric(v):
		tag = "!!str"
	default:
		return nil, 0, false // a number, or something yaml.v3 may take for one
	}
	n := p.node()
	*n = yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v, Line: p.line, Column: p.col(j)}
	return n, last, true
}

// notNumeric reports whether s, which starts with a digit, is certainly
// a string to yaml.v3: it does not start as a timestamp does (four digits
// and a dash) and has a byte that no integer, float or timestamp has.
func notNumeric(s string) bool {
	if len(s) > 4 && s[4] == '-' && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f', c >= 'A' && c <= 'F':
		case c == 'x', c == 'X', c == 'o', c == 'O', c == '.', c == '_', c == '+', c == '-':
		default:
			return true
		}
	}
	return false
}

// isDate reports whether s is a valid YYYY-MM-DD date.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// quoted parses a one-line single- or double-quoted scalar at j.
func (p *Parser) quoted(j int) (*yaml.Node, int, bool) {
	q := p.text[j]
	i := j + 1
	var buf []byte // only when escapes make the value differ from the text
	start := i
	for {
		if i >= len(p.text) || p.text[i] == '\n' {
			return nil, 0, false
		}
		c := p.text[i]
		if c == q {
			if q == '\'' && i+1 < len(p.text) && p.text[i+1] == '\'' {
				buf = append(append(buf, p.text[start:i]...), '\'')
				i += 2
				start = i
				continue
			}
			break
		}
		if c == '\\' && q == '"' {
			if i+1 >= len(p.text) {
				return nil, 0, false
			}
			buf = append(buf, p.text[start:i]...)
			switch e := p.text[i+1]; e {
			case '\\', '"':
				buf = append(buf, e)
				i += 2
			case 'n':
				buf = append(buf, '\n')
				i += 2
			case 't':
				buf = append(buf, '\t')
				i += 2
			case 'u':
				r, ok := hex4(p.text[i+2:])
				if !ok || r >= 0xD800 && r <= 0xDFFF {
					return nil, 0, false
				}
				buf = utf8.AppendRune(buf, r)
				i += 6
			default:
				return nil, 0, false
			}
			start = i
			continue
		}
		i++
	}
	v := p.text[j+1 : i]
	if buf != nil {
		v = string(append(buf, p.text[start:i]...))
	}
	style := yaml.DoubleQuotedStyle
	if q == '\'' {
		style = yaml.SingleQuotedStyle
	}
	n := p.node()
	*n = yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: "!!str", Value: v, Line: p.line, Column: p.col(j)}
	return n, i + 1, true
}

func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[:4]) {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// flow parses a one-line flow sequence ([a, b]) or flow mapping
// ({k: v, k: v}) of scalars at j.
func (p *Parser) flow(j int) (*yaml.Node, int, bool) {
	isMap := p.text[j] == '{'
	closer := byte(']')
	n := p.node()
	*n = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: p.line, Column: p.col(j)}
	if isMap {
		closer = '}'
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
	}
	base := len(p.stack)
	i := p.skipSpaces(j + 1)
	if i < len(p.text) && p.text[i] == closer {
		return n, i + 1, true
	}
	for {
		if isMap {
			end := p.key(i)
			if end < 0 || end+1 >= len(p.text) || p.text[end+1] != ' ' {
				return nil, 0, false
			}
			k := p.node()
			*k = yaml.Node{Kind: yaml.ScalarNode, Tag: plainTag(p.text[i:end]), Value: p.text[i:end], Line: p.line, Column: p.col(i)}
			p.stack = append(p.stack, k)
			i = p.skipSpaces(end + 1)
		}
		if i >= len(p.text) {
			return nil, 0, false
		}
		var item *yaml.Node
		var end int
		var ok bool
		if c := p.text[i]; c == '"' || c == '\'' {
			item, end, ok = p.quoted(i)
		} else {
			item, end, ok = p.plain(i, true)
		}
		if !ok {
			return nil, 0, false
		}
		p.stack = append(p.stack, item)
		i = p.skipSpaces(end)
		if i >= len(p.text) {
			return nil, 0, false
		}
		if p.text[i] == closer {
			break
		}
		if p.text[i] != ',' {
			return nil, 0, false
		}
		i = p.skipSpaces(i + 1)
		if i >= len(p.text) || p.text[i] == closer || p.text[i] == ',' {
			return nil, 0, false // trailing or doubled comma: leave it to yaml.v3
		}
	}
	n.Content = p.content(base)
	return n, i + 1, true
}

func (p *Parser) skipSpaces(i int) int {
	for i < len(p.text) && p.text[i] == ' ' {
		i++
	}
	return i
}

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quote is one quotation in the text. A quotation that runs over several
// paragraphs has one part per paragraph: by the news convention a
// paragraph that opens a quotation without closing it continues in the
// next paragraph, which opens with a quotation mark again.
type quote struct {
	parts    []span // the quoted words in each paragraph, marks excluded
	open     int    // offset of the opening mark
	closeEnd int    // offset just past the closing mark, or the end of the last part when unclosed
	closed   bool
	first    int // unit (kept paragraph) where the quotation opens
	last     int // unit where it ends
}

// words returns the quoted words: the parts joined by one space.
func (q *quote) words(text string) string {
	if len(q.parts) == 1 {
		return text[q.parts[0].start:q.parts[0].end]
	}
	var b strings.Builder
	for i, p := range q.parts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(text[p.start:p.end])
	}
	return b.String()
}

// quoteMark reports whether a double quotation mark starts at text[i]:
// its byte length, and whether it is a typographic opening (“ „ «) or
// closing (” ») mark or the neutral ASCII mark.
func quoteMark(text string, i int) (n int, opening, closing bool) {
	switch c := text[i]; {
	case c == '"':
		return 1, false, false
	case c == '\'' && i+1 < len(text) && text[i+1] == '\'':
		// Two apostrophes stand for a double mark (the New York Times'
		// ''…'' style); they are neutral like the ASCII mark.
		return 2, false, false
	case c < 0x80:
		return 0, false, false
	}
	switch {
	case strings.HasPrefix(text[i:], "“"), strings.HasPrefix(text[i:], "„"):
		return 3, true, false
	case strings.HasPrefix(text[i:], "«"):
		return 2, true, false
	case strings.HasPrefix(text[i:], "”"):
		return 3, false, true
	case strings.HasPrefix(text[i:], "»"):
		return 2, false, true
	}
	return 0, false, false
}

// openContext reports whether a mark of n bytes at i sits where a
// quotation opens: after a space, a bracket, a dash or the start of the
// unit, and before a non-space.
func openContext(text string, u span, i, n int) bool {
	if i+n >= u.end || unicode.IsSpace(firstRune(text[i+n:])) {
		return false
	}
	if i == u.start {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[u.start:i])
	return unicode.IsSpace(r) || strings.ContainsRune("([{—–-/:", r)
}

// findQuotes pairs the quotation marks of the kept units. Typographic
// marks say which way they face, unless their context contradicts it
// (a mistyped ” before a word after a space opens); ASCII marks open
// where the context allows and otherwise close. Nested typographic
// quotations are kept inside their outer one. A quotation still open at
// the end of a unit continues into the next unit if that unit begins with
// an opening mark, and ends with the unit otherwise.
func findQuotes(text string, units []span) []quote {
	var qs []quote
	var cur *quote
	depth := 0
	for ui, u := range units {
		i := u.start
		if cur != nil {
			n, _, closing := quoteMark(text, u.start)
			if n > 0 && !closing && !transcriptLabel(text[u.start+n:u.end]) {
				i = u.start + n
				cur.parts = append(cur.parts, span{i, u.end})
			} else {
				qs = append(qs, *cur)
				cur = nil
			}
		}
		for i < u.end {
			n, opening, closing := quoteMark(text, i)
			if n == 0 {
				if cur == nil {
					if q, ok := singleQuote(text, u, i); ok {
						q.first, q.last = ui, ui
						qs = append(qs, q)
						i = q.closeEnd
						continue
					}
				}
				i++
				continue
			}
			opens := openContext(text, u, i, n)
			switch {
			case cur == nil && (opens || opening):
				cur = &quote{open: i, first: ui, last: ui}
				cur.parts = append(cur.parts, span{i + n, u.end})
				depth = 0
			case cur != nil && opening && opens:
				depth++
			case cur != nil && depth > 0 && (closing || !opens):
				depth--
			case cur != nil && (closing || !opens):
				p := &cur.parts[len(cur.parts)-1]
				p.end = i
				cur.closeEnd, cur.closed, cur.last = i+n, true, ui
				qs = append(qs, *cur)
				cur = nil
			}
			i += n
		}
		if cur != nil {
			cur.closeEnd, cur.last = u.end, ui
		}
	}
	if cur != nil {
		qs = append(qs, *cur)
	}
	out := qs[:0]
	for _, q := range qs {
		for k := range q.parts {
			p := &q.parts[k]
			p.start, p.end = trimSpan(text, p.start, p.end)
		}
		if q.parts[0].start < q.parts[len(q.parts)-1].end {
			out = append(out, q)
		}
	}
	return out
}

// sentences splits the kept units into sentences for attribution. A
// terminator ends a sentence when white space and an upper-case letter,
// a digit or an opening mark follow, unless it ends an abbreviation;
// terminators inside quotations do not count, except at the end of a
// quotation ("… tired.” Next …"). Each sentence lies within one unit.
func (lx *lexicon) sentences(text string, units []span, qs []quote) []span {
	var out []span
	qi := 0
	for _, u := range units {
		start := u.start
		for i := u.start; i < u.end; {
			// Skip the inside of a quotation that covers i.
			for qi < len(qs) && qs[qi].closeEnd <= i {
				qi++
			}
			if qi < len(qs) && qs[qi].open <= i {
				q := qs[qi]
				end := min(q.closeEnd, u.end)
				if q.closed && end == q.closeEnd && endsSentence(text[q.parts[len(q.parts)-1].start:q.parts[len(q.parts)-1].end]) && nextStartsSentence(text, end, u.end) {
					out = append(out, span{start, end})
					start = skipSpace(text, end, u.end)
				}
				i = end
				continue
			}
			c := text[i]
			if (c == '.' || c == '!' || c == '?') && nextStartsSentence(text, i+1, u.end) && !lx.abbreviationBefore(text, u.start, i) {
				out = append(out, span{start, i + 1})
				start = skipSpace(text, i+1, u.end)
				i = start
				continue
			}
			i++
		}
		if start < u.end {
			out = append(out, span{start, u.end})
		}
	}
	return out
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " ")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}

func skipSpace(text string, i, e int) int {
	for i < e {
		n := spaceAt(text, i)
		if n == 0 {
			break
		}
		i += n
	}
	return i
}

// spaceAt returns the length in bytes of the blank at text[i] (a space, a
// tab, or a no-break, thin or narrow no-break space, which news sites put
// between sentences too), or 0.
func spaceAt(text string, i int) int {
	switch {
	case text[i] == ' ' || text[i] == '\t':
		return 1
	case strings.HasPrefix(text[i:], "\u00a0"):
		return len("\u00a0")
	case strings.HasPrefix(text[i:], "\u2009"), strings.HasPrefix(text[i:], "\u202f"):
		return len("\u2009")
	}
	return 0
}

// nextStartsSentence reports whether, after white space at i, a sentence
// can start: an upper-case letter, a digit or a quotation mark follows.
func nextStartsSentence(text string, i, e int) bool {
	if i >= e {
		return true
	}
	if spaceAt(text, i) == 0 {
		return false
	}
	i = skipSpace(text, i, e)
	if i >= e {
		return true
	}
	if n, _, closing := quoteMark(text, i); n > 0 && !closing {
		return true
	}
	r := firstRune(text[i:])
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// abbreviationBefore reports whether the period at i ends an abbreviation
// ("Mr.", "Dr.") or an initial ("J.", "U.S.").
func (lx *lexicon) abbreviationBefore(text string, s, i int) bool {
	if text[i] != '.' {
		return false
	}
	j := i
	for j > s {
		r, n := utf8.DecodeLastRuneInString(text[s:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= n
	}
	w := text[j:i]
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper(firstRune(w)) || strings.Contains(w, ".") {
		return true
	}
	return lx.abbreviations[strings.ToLower(w)]
}

// singleQuote reads a quotation in single marks that opens at i: ‘…’ or
// '…'. Single marks double as apostrophes ("don’t", "the voters’ votes",
// "’90s"), so a quotation in single marks must open where a quotation
// opens (after a space, a bracket or a dash, or at the start of the
// paragraph, and before a letter or digit), close before a space,
// punctuation or the end of the paragraph and after a non-space, hold two
// words or more, and lie within the paragraph with no double mark inside.
func singleQuote(text string, u span, i int) (quote, bool) {
	var n int
	switch {
	case text[i] == '\'':
		n = 1
	case strings.HasPrefix(text[i:], "‘"):
		n = len("‘")
	default:
		return quote{}, false
	}
	if i+n >= u.end || !isWordRune(firstRune(text[i+n:])) {
		return quote{}, false
	}
	if i > u.start {
		r, _ := utf8.DecodeLastRuneInString(text[u.start:i])
		if !unicode.IsSpace(r) && !strings.ContainsRune("([{—–-/:", r) {
			return quote{}, false
		}
	}
	for j := i + n; j < u.end; j++ {
		c := text[j]
		if c == '"' || strings.HasPrefix(text[j:], "“") || strings.HasPrefix(text[j:], "”") {
			return quote{}, false
		}
		m := 0
		switch {
		case c == '\'':
			m = 1
		case strings.HasPrefix(text[j:], "’"):
			m = len("’")
		default:
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(text[:j])
		after := ' '
		if j+m < u.end {
			after = firstRune(text[j+m:])
		}
		if unicode.IsSpace(before) || isWordRune(after) {
			j += m - 1
			continue
		}
		if unicode.IsLetter(before) && (before == 's' || before == 'S') && after == ' ' && !strings.ContainsRune(text[i+n:j], ' ') {
			return quote{}, false
		}
		words := strings.TrimSpace(text[i+n : j])
		if !strings.Contains(words, " ") {
			return quote{}, false
		}
		return quote{parts: []span{{i + n, j}}, open: i, closeEnd: j + m, closed: true}, true
	}
	return quote{}, false
}

// transcriptLabel reports whether s opens with a speaker's label in a
// transcript: one or two words in capitals and a colon ("SMITH:", "MR.
// LEE:"). A quoted paragraph that opens with one starts a new speaker's
// quotation rather than continuing the one before.
func transcriptLabel(s string) bool {
	head, _, ok := strings.Cut(s, ":")
	if !ok || len(head) < 2 || len(head) > 30 {
		return false
	}
	f := strings.Fields(head)
	if len(f) == 0 || len(f) > 2 {
		return false
	}
	for _, x := range f {
		for _, r := range x {
			if !unicode.IsUpper(r) && r != '.' && r != '-' && r != '\'' && r != '’' {
				return false
			}
		}
	}
	return true
}

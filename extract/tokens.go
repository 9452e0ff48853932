package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind tells words, punctuation and whole quotations apart.
type tokKind uint8

const (
	tokWord tokKind = iota
	tokPunct
	tokQuote // a whole quotation, marks included, standing for its words
)

// token is a word, a punctuation mark or a quotation in a stretch of
// outer text (the text outside quotation marks).
type token struct {
	text       string // as written, less a possessive ending
	lower      string // text in lower case
	start, end int    // byte offsets in the document, possessive ending included
	kind       tokKind
	poss       bool // the word ended in ’s, 's or s’
	capital    bool // the word begins with an upper-case letter
}

// lowerCache holds the lower-case forms of one document's capitalised
// words, so that each is made once.
type lowerCache map[string]string

func (c lowerCache) lower(w string) string {
	l, ok := c[w]
	if !ok {
		l = strings.ToLower(w)
		c[w] = l
	}
	return l
}

// tokenize splits text[s:e] into tokens, appending to buf[:0]. The
// quotations in qs whose marks lie inside the range become one tokQuote
// token each; quotations are sorted by their opening offset.
func (c lowerCache) tokenize(text string, s, e int, qs []quote, buf []token) []token {
	toks := buf[:0]
	qi := firstQuoteAfter(qs, s)
	for i := s; i < e; {
		if qi < len(qs) && qs[qi].open <= i {
			q := qs[qi]
			if q.open == i {
				end := min(q.closeEnd, e)
				toks = append(toks, token{text: text[i:end], start: i, end: end, kind: tokQuote})
				i = end
			}
			qi++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := i + n
			for j < e {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				if isJoiner(r2) && j+n2 < e {
					r3, _ := utf8.DecodeRuneInString(text[j+n2:])
					if isWordRune(r3) {
						j += n2
						continue
					}
				}
				break
			}
			// The period of an abbreviation or initial belongs to it:
			// "U.N.", "Mr.", "J.".
			if j < e && text[j] == '.' && abbreviated(text[i:j]) {
				j++
			}
			toks = append(toks, c.wordToken(text, i, j))
			i = j
		default:
			toks = append(toks, token{text: text[i : i+n], lower: text[i : i+n], start: i, end: i + n, kind: tokPunct})
			i += n
		}
	}
	return toks
}

// firstQuoteAfter returns the index of the first quotation opening at or
// after offset s.
func firstQuoteAfter(qs []quote, s int) int {
	lo, hi := 0, len(qs)
	for lo < hi {
		m := (lo + hi) / 2
		if qs[m].open < s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// abbreviated reports whether a period after word w ends an
// abbreviation rather than a sentence: w holds periods ("U.N"), is a
// single capital letter, or is a common title ("Mr", "Dr").
func abbreviated(w string) bool {
	if strings.Contains(w, ".") || len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return true
	}
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Capt", "Sgt", "Sen", "Rep", "Gov", "Del", "Rev", "St", "Jr", "Sr":
		return true
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isJoiner reports whether r may join two parts of one word:
// "Tehrik-i-Taliban", "Pakistan’s", "U.S".
func isJoiner(r rune) bool { return r == '-' || r == '\'' || r == '’' || r == '.' || r == '&' }

func (c lowerCache) wordToken(text string, i, j int) token {
	t := token{start: i, end: j, kind: tokWord}
	w := text[i:j]
	for _, suf := range [...]string{"’s", "'s", "’S", "'S"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			w, t.poss = w[:len(w)-len(suf)], true
			break
		}
	}
	if !t.poss && j < len(text) && (text[j] == '\'' || strings.HasPrefix(text[j:], "’")) && strings.HasSuffix(w, "s") {
		// Plural possessive: "ministers’ remarks". The apostrophe is
		// not followed by a letter, so the word stopped before it.
		next := j + 1
		if text[j] != '\'' {
			next = j + len("’")
		}
		if next >= len(text) || !isWordRune(firstRune(text[next:])) {
			t.poss, t.end = true, next
		}
	}
	t.text = w
	t.capital = unicode.IsUpper(firstRune(w))
	t.lower = w
	if t.capital || w[0] >= utf8.RuneSelf {
		t.lower = c.lower(w)
	} else if strings.ContainsFunc(w, unicode.IsUpper) {
		t.lower = strings.ToLower(w)
	}
	return t
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

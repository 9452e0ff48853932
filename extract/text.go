package extract

import (
	"index/suffixarray"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a half-open byte range [start, end) of the document.
type span struct{ start, end int }

// paragraphs splits text into its non-blank lines, each trimmed of
// surrounding white space. News texts as scraped put one paragraph on a
// line; blank lines only separate.
func paragraphs(text string) []span {
	var ps []span
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '\n')
		end := len(text)
		if j >= 0 {
			end = i + j
		}
		s, e := trimSpan(text, i, end)
		if s < e {
			ps = append(ps, span{s, e})
		}
		i = end + 1
	}
	return ps
}

// trimSpan narrows [s, e) of text past leading and trailing white space.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// minRepeat is the shortest text, in bytes, that the clean-up treats as a
// repetition when it occurs again: shorter lines ("Conclusion", "Thank
// you") repeat legitimately.
const minRepeat = 24

// cleanUp finds the scraping noise of a document: paragraphs that repeat an
// earlier paragraph, paragraphs that are a truncated copy (a prefix) of an
// earlier one, sentences that repeat an earlier sentence, and a fragment
// glued onto a sentence ("…diplomacy.rritory without…") that copies earlier
// text. It returns the paragraphs to keep, trimmed of such fragments, in
// document order, and the number of bytes skipped.
//
// Repeated paragraphs and sentences are found with hashed keys, truncated
// copies by one sort of the paragraphs (see truncatedCopies), and glued
// fragments through an index of the text (see earlier), so the clean-up
// takes time and memory linear in the length of the document, give or
// take a logarithm, whatever its shape.
func cleanUp(text string) (keep []span, skipped int) {
	paras := paragraphs(text)
	truncated := truncatedCopies(text, paras)
	seenPara := make(map[string]bool)
	seenSent := make(map[string]bool)
	ix := &earlier{text: text}
	for i, p := range paras {
		body := text[p.start:p.end]
		if seenPara[body] || truncated[i] {
			skipped += len(body)
			continue
		}
		pieces, n := cleanSentences(text, p, seenSent, ix)
		skipped += n
		seenPara[body] = true
		keep = append(keep, pieces...)
	}
	return keep, skipped
}

// truncatedCopies reports for each paragraph whether it is a truncated copy
// of an earlier one: at least minRepeat bytes long, and a prefix of (or
// equal to) a paragraph before it.
//
// The paragraphs sorted by text (and equal ones latest first) put every
// paragraph right before the paragraphs it is a prefix of, and the earlier
// copies of itself, as one run.
// Walking the sorted order backwards with a stack of the runs seen so far,
// each paragraph takes over the runs on top of the stack that begin with
// its text, and so learns the smallest position in its run. Every
// paragraph is pushed and popped once, and each comparison costs at most
// the length of the paragraph it pops, so after the sort the walk is
// linear in the length of the text.
func truncatedCopies(text string, paras []span) []bool {
	body := func(i int) string { return text[paras[i].start:paras[i].end] }
	order := make([]int, len(paras))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		if c := strings.Compare(body(order[a]), body(order[b])); c != 0 {
			return c < 0
		}
		return order[a] > order[b] // an equal paragraph before it falls in its run
	})
	type run struct{ para, first int } // the run's first paragraph in sorted order, its smallest position
	var stack []run
	out := make([]bool, len(paras))
	for k := len(order) - 1; k >= 0; k-- {
		i := order[k]
		b := body(i)
		first := len(paras)
		for len(stack) > 0 && strings.HasPrefix(body(stack[len(stack)-1].para), b) {
			first = min(first, stack[len(stack)-1].first)
			stack = stack[:len(stack)-1]
		}
		out[i] = len(b) >= minRepeat && first < i
		stack = append(stack, run{i, min(first, i)})
	}
	return out
}

// scanBudget is how many bytes earlier searches directly before it
// builds its index.
const scanBudget = 64 << 20

// earlier answers whether a string occurs in the text before a position.
// It searches the text directly until it has scanned scanBudget bytes
// (which covers every document of ordinary length) and then builds a
// suffix array of the text, so that many searches of a long text cost
// about the length of the text rather than its square.
type earlier struct {
	text    string
	scanned int
	sa      *suffixarray.Index
	first   map[string]int // first offset of each string looked up in sa, -1 when absent
}

// occursBefore reports whether s occurs in text[:end].
func (x *earlier) occursBefore(s string, end int) bool {
	if x.sa == nil && x.scanned+end <= scanBudget {
		x.scanned += end
		return strings.Contains(x.text[:end], s)
	}
	if x.sa == nil {
		x.sa = suffixarray.New([]byte(x.text))
		x.first = make(map[string]int)
	}
	p, ok := x.first[s]
	if !ok {
		p = -1
		for _, o := range x.sa.Lookup([]byte(s), -1) {
			if p < 0 || o < p {
				p = o
			}
		}
		x.first[s] = p
	}
	return p >= 0 && p+len(s) <= end
}

// cleanSentences drops from paragraph p the sentences that repeat an
// earlier sentence of the document, and a fragment glued to the end of a
// sentence that copies text seen before. The kept parts of p are returned
// as spans (more than one when a repeated sentence sat in the middle).
func cleanSentences(text string, p span, seen map[string]bool, ix *earlier) (keep []span, skipped int) {
	cur := p.start
	flush := func(end int) {
		s, e := trimSpan(text, cur, end)
		if s < e {
			keep = append(keep, span{s, e})
		}
	}
	copying := false // inside a pasted copy of earlier text
	for _, s := range rawSentences(text, p) {
		body := text[s.start:s.end]
		if copying && ix.occursBefore(body, s.start) {
			flush(s.start)
			skipped += s.end - s.start
			cur = s.end
			continue
		}
		copying = false
		if len(body) >= minRepeat && seen[body] {
			flush(s.start)
			skipped += s.end - s.start
			cur = s.end
			continue
		}
		if len(body) >= minRepeat {
			seen[body] = true
		}
		// A terminator glued to a lower-case letter marks where a copy
		// of earlier text was pasted in by the scraper.
		if g := gluedBoundary(body); g > 0 {
			frag := body[g:]
			if len(frag) >= minRepeat && ix.occursBefore(frag, s.start+g) {
				flush(s.start + g)
				skipped += len(frag)
				cur = s.end
				copying = true
				continue
			}
		}
	}
	flush(p.end)
	return keep, skipped
}

// rawSentences splits a paragraph at sentence terminators followed by
// white space. It ignores quotation marks: it serves the clean-up, which
// compares whole sentences, and is not the splitter used for attribution.
// A glued terminator ("word.Next") does not split, so that a pasted
// fragment stays inside the sentence it was glued to.
func rawSentences(text string, p span) []span {
	var out []span
	start := p.start
	for i := p.start; i < p.end; i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < p.end && isCloser(text, j) {
			j += closerLen(text, j)
		}
		if j < p.end && text[j] != ' ' && text[j] != '\t' {
			continue
		}
		out = append(out, span{start, j})
		for j < p.end && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		start = j
		i = j - 1
	}
	if start < p.end {
		out = append(out, span{start, p.end})
	}
	return out
}

// isCloser reports whether a closing quotation mark or bracket starts at i.
func isCloser(text string, i int) bool { return closerLen(text, i) > 0 }

func closerLen(text string, i int) int {
	switch text[i] {
	case '"', ')', '\'':
		return 1
	}
	for _, m := range [...]string{"”", "’", "»"} {
		if strings.HasPrefix(text[i:], m) {
			return len(m)
		}
	}
	return 0
}

// gluedBoundary returns the offset in s just after a sentence terminator
// that is immediately followed by a lower-case letter and preceded by a
// lower-case word of three letters or more ("diplomacy.rritory"), or 0.
// Abbreviations such as "e.g." or "U.S." do not qualify.
func gluedBoundary(s string) int {
	for i := 3; i+1 < len(s); i++ {
		if s[i] != '.' && s[i] != '!' && s[i] != '?' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		if !unicode.IsLower(next) {
			continue
		}
		letters := 0
		for k := i - 1; k >= 0 && letters < 3; k-- {
			if s[k] < 'a' || s[k] > 'z' {
				break
			}
			letters++
		}
		if letters == 3 {
			return i + 1
		}
	}
	return 0
}

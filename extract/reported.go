package extract

import (
	"strings"

	"github.com/claimnet/claimnet/annotations"
)

// reported finds reported speech in one sentence: a speaker, a speech verb
// and the proposition after it, as in "X insisted that …", "X rejected
// …", "X accused Y of …" or "According to X, …". Verbs that attribute a
// direct quotation, verbs under a modal or negation ("should insist"),
// and nouns ("Pakistan’s demand") are left out.
func (w *walker) reported(p *parser) {
	lx := w.e.lx
	w.reportedAfter(p)
	// In a sentence that opens with a subordinate clause ("While X
	// accuses Y of …, it …"), a proposition in that clause ends at its
	// first comma.
	var last mention // the subject of the latest speech verb in the sentence
	subEnd := -1
	if p.word(0) && lx.subordinators[p.toks[0].lower] {
		for k := range p.toks {
			if p.punct(k, ",") {
				subEnd = k
				break
			}
		}
	}
	for v := 0; v < len(p.toks); v++ {
		t := p.toks[v]
		if t.kind != tokWord || w.used[t.start] {
			continue
		}
		if t.lower == "according" && p.word(v+1) && p.toks[v+1].lower == "to" {
			w.according(p, v)
			continue
		}
		var a attr
		sv, isVerb := lx.verb(t.lower)
		c := v + 1 // start of the complement
		switch {
		case isVerb && sv.lemma == "call":
			if !p.word(v+1) || p.toks[v+1].lower != "for" {
				continue
			}
			a = attr{m: p.subjectBefore(v), verb: "call for"}
			c = v + 2
		case isVerb && sv.use != useDirect && !p.toks[v].capital:
			if p.word(v-1) && !strings.HasSuffix(t.lower, "ing") && (lx.prepositions[p.toks[v-1].lower] || lx.articles[p.toks[v-1].lower]) {
				continue // a noun: "move beyond blame", "the report", "of comment"
			}
			a = w.verbSpeech(p, v)
			if !a.ok() && !strings.HasSuffix(t.lower, "ing") && !(p.word(v+1) && p.toks[v+1].lower == "by") {
				a.m = p.phraseBefore(v)
			}
			if j, ok := p.skipBackAux(v - 1); ok && p.punct(j, ",") && strings.HasSuffix(t.lower, "ing") && last.ok() {
				a.m = last // "X rejected …, saying …": the participle is X's
			}
			if a.ok() {
				last = a.m
			}
			if strings.HasSuffix(t.lower, "ing") && w.lightVerbBefore(p, v) < 0 {
				if j, ok := p.skipBackAux(v - 1); !ok || !p.punct(j, ",") {
					continue
				}
			}
		case lx.speechNouns[t.lower] && w.lightVerbBefore(p, v) >= 0:
			a = w.nounSpeech(p, v)
			sv = speechVerb{lemma: a.verb, stance: annotations.Support, use: useThat}
			if s2, ok := lx.verb(t.lower); ok {
				sv = s2
			}
		default:
			continue
		}
		if !a.ok() || w.used[a.verbPos] {
			continue
		}
		// "said that …", "told reporters that …", "warned on Monday
		// that …": the proposition follows a "that" close to the verb.
		// A "that" too close to the sentence end is a pronoun ("said
		// the plan could change that soon"), not the complementizer.
		if k := thatAfter(p, c); k >= 0 && (countWords(p, k+1, w.clauseEnd(p, k+1)) >= 3 || sv.use != useReport) {
			c = k + 1
		} else if sv.use == useThat || sv.lemma == "tell" {
			continue
		}
		if c >= len(p.toks) || p.toks[c].kind == tokQuote || p.punct(c, ":") || p.punct(c, ",") {
			continue // the lead-in of a direct quotation, or no complement
		}
		end := w.clauseEnd(p, c)
		if v < subEnd && subEnd < end {
			end = subEnd
		}
		if countWords(p, c, end) < 3 {
			continue
		}
		a.speaker, a.ent = w.disc.resolve(a.m)
		if a.m.kind == mPronoun && a.speaker == "" {
			continue
		}
		st := Statement{
			Quote:  w.text[p.toks[c].start:p.toks[end-1].end],
			Start:  p.toks[c].start,
			End:    p.toks[end-1].end,
			Kind:   Reported,
			Verb:   sv.lemma,
			Stance: sv.stance,
		}
		if a.verb == "call for" {
			st.Verb = a.verb
		}
		w.add(st, a)
		v = end - 1
	}
}

// reportedAfter is the rule for reported speech whose attribution comes
// after it, at the end of the sentence: `The bridge will reopen in May,
// officials said.`, `…, a source told the paper.`, `…, according to the
// report.`, `…, said Jane Roe, a lawyer for the family.` The proposition
// is the sentence up to that comma. An attribution between commas inside
// the sentence interrupts the proposition, which goes on after it: `The
// museum, Ms. Roe said, will open in May.` The statement then quotes the
// whole sentence, attribution included, so that the quote stays verbatim.
func (w *walker) reportedAfter(p *parser) {
	end := len(p.toks)
	for end > 0 && p.toks[end-1].kind == tokPunct {
		end--
	}
	if end == 0 || p.toks[0].kind == tokQuote {
		return
	}
	// The comma before the attribution: the last one within reach of the
	// end, or an earlier one when the words after the last are an
	// apposition ("said Jane Roe, a lawyer for the family").
	for k := end - 1; k > 0 && end-k <= maxApposition; k-- {
		if p.toks[k].kind == tokQuote {
			return
		}
		if !p.punct(k, ",") {
			continue
		}
		if countWords(p, 0, k) < 4 {
			break
		}
		if a, ok := w.attribution(p, k, end); ok {
			w.addReported(p, a, 0, k, -1, -1)
			return
		}
	}
	// An attribution between two commas: `A, X said, B.`
	for c1 := 1; c1 < end; c1++ {
		if p.toks[c1].kind == tokQuote {
			return
		}
		if !p.punct(c1, ",") || countWords(p, 0, c1) < 2 {
			continue
		}
		c2 := c1 + 1
		for c2 < end && c2-c1 <= 10 && p.toks[c2].kind == tokWord {
			c2++
		}
		if !p.punct(c2, ",") || c2-c1 > 10 {
			continue
		}
		b := w.clauseEnd(p, c2+1)
		if countWords(p, c2+1, b) < 3 {
			continue
		}
		if a, ok := w.attribution(p, c1, c2); ok {
			w.addReported(p, a, 0, c1, c2+1, b)
			return
		}
	}
}

// attribution reads tokens [c, end), a comma and the words after it, as
// an attribution that stands on its own: `, officials said`, `, said Jane
// Roe, a lawyer`, `, according to the report`, `, a source told the
// paper on Monday`. A few words may follow the verb or the speaker, but
// no clause.
func (w *walker) attribution(p *parser, c, end int) (attr, bool) {
	tail := &parser{lx: p.lx, text: p.text, toks: p.toks[c:end]}
	n := end - c
	if a := w.trailing(tail); a.ok() && a.verbPos >= 0 && !w.used[a.verbPos] {
		if a.verb != "according to" {
			if sv, ok := w.e.lx.verb(verbWord(a.verb)); !ok || sv.use == useDirect && a.verb != "add" {
				return attr{}, false
			}
		}
		inverted := p.toks[c+1].start == a.verbPos
		if a.m.end+6 >= n || (inverted || a.verb == "according to") && tail.punct(a.m.end, ",") {
			a.speaker, a.ent = w.disc.resolve(a.m)
			return a, true
		}
		return attr{}, false
	}
	// `, according to the latest poll`: any phrase is the source.
	if tail.word(1) && tail.toks[1].lower == "according" && tail.word(2) && tail.toks[2].lower == "to" && n > 3 {
		e := 3
		for e < n && tail.toks[e].kind == tokWord {
			e++
		}
		if e-3 > maxPhrase {
			return attr{}, false
		}
		m := mention{kind: mPhrase, text: tail.spanText(3, e), start: 3, end: e}
		return attr{m: m, verb: "according to", verbPos: tail.toks[1].start}, true
	}
	// `, a source said`, `, attorneys for the family said on Friday`: a
	// subject phrase the mention rules do not know, then a speech verb.
	for v := 2; v < n && v <= maxPhrase+1; v++ {
		if !tail.word(v) {
			return attr{}, false
		}
		sv, ok := w.e.lx.verb(tail.toks[v].lower)
		if !ok || sv.use == useDirect || strings.HasSuffix(tail.toks[v].lower, "ing") || w.used[tail.toks[v].start] {
			continue
		}
		if n-v > 6 || countWords(tail, v+1, n) != n-v-1 {
			return attr{}, false
		}
		m := tail.phraseBefore(v)
		if !m.ok() || m.start != 1 {
			return attr{}, false
		}
		a := attr{m: m, verb: sv.lemma, verbPos: tail.toks[v].start}
		return a, true
	}
	return attr{}, false
}

// addReported adds the reported statement made of tokens [a, b) and, when
// c >= 0, tokens [c, d), attributed by at.
func (w *walker) addReported(p *parser, at attr, a, b, c, d int) {
	for b > a && p.toks[b-1].kind == tokPunct && p.toks[b-1].text != ")" {
		b--
	}
	if b <= a {
		return
	}
	w.used[at.verbPos] = true
	st := Statement{
		Quote: w.text[p.toks[a].start:p.toks[b-1].end],
		Start: p.toks[a].start,
		End:   p.toks[b-1].end,
		Kind:  Reported,
		Verb:  at.verb,
	}
	if c >= 0 && d > c {
		// The quote is verbatim evidence, so it keeps the attribution
		// that interrupts the proposition.
		st.End = p.toks[d-1].end
		st.Quote = w.text[st.Start:st.End]
	}
	if sv, ok := w.e.lx.verb(verbWord(at.verb)); ok {
		st.Stance = sv.stance
	} else {
		st.Stance = annotations.Support
	}
	w.add(st, at)
}

// thatAfter returns the index of a "that" among the six words from c,
// with no punctuation before it, or -1.
func thatAfter(p *parser, c int) int {
	for k := c; k < len(p.toks) && k-c < 6 && p.word(k); k++ {
		if p.toks[k].lower == "that" {
			return k
		}
	}
	return -1
}

// according handles "According to X, …" at token v.
func (w *walker) according(p *parser, v int) {
	m := p.mentionForward(v + 2)
	if !m.ok() {
		return
	}
	c := m.end
	for c < len(p.toks) && c-m.end < 8 && !p.punct(c, ",") {
		c++
	}
	if !p.punct(c, ",") {
		return
	}
	c++
	if c >= len(p.toks) || p.toks[c].kind == tokQuote {
		return
	}
	end := w.clauseEnd(p, c)
	if countWords(p, c, end) < 3 {
		return
	}
	a := attr{m: m, verb: "according to", verbPos: p.toks[v].start}
	a.speaker, a.ent = w.disc.resolve(m)
	w.add(Statement{
		Quote:  w.text[p.toks[c].start:p.toks[end-1].end],
		Start:  p.toks[c].start,
		End:    p.toks[end-1].end,
		Kind:   Reported,
		Verb:   "according to",
		Stance: annotations.Support,
	}, a)
}

// clauseEnd returns the token index where the proposition starting at c
// ends: at a semicolon, colon or dash, at a comma before a new clause
// (", while …", ", emphasizing …"), or at the end of the sentence, with
// trailing punctuation left out.
func (w *walker) clauseEnd(p *parser, c int) int {
	end := len(p.toks)
	for k := c; k < len(p.toks); k++ {
		t := p.toks[k]
		if t.kind != tokPunct {
			continue
		}
		if strings.Contains(";:—–", t.text) || t.text == "-" && k > 0 && p.toks[k-1].end < t.start {
			end = k
			break
		}
		if t.text == "," && p.word(k+1) {
			nw := p.toks[k+1].lower
			if w.e.lx.clauseLinks[nw] || strings.HasSuffix(nw, "ing") {
				end = k
				break
			}
		}
	}
	for end > c && p.toks[end-1].kind == tokPunct && p.toks[end-1].text != ")" {
		end--
	}
	return end
}

// countWords counts the words and quotations in tokens [a, b).
func countWords(p *parser, a, b int) int {
	n := 0
	for k := a; k < b; k++ {
		if p.toks[k].kind != tokPunct {
			n++
		}
	}
	return n
}

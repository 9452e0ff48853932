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
// report.` The proposition is the sentence up to that comma.
func (w *walker) reportedAfter(p *parser) {
	end := len(p.toks)
	for end > 0 && p.toks[end-1].kind == tokPunct {
		end--
	}
	c := -1
	for k := end - 1; k > 0 && end-k <= 16; k-- {
		if p.toks[k].kind == tokQuote {
			return
		}
		if p.punct(k, ",") {
			c = k
			break
		}
	}
	if c < 0 || p.toks[0].kind == tokQuote || countWords(p, 0, c) < 4 {
		return
	}
	tail := &parser{lx: p.lx, text: p.text, toks: p.toks[c:end]}
	a := w.trailing(tail)
	if !a.ok() || a.verbPos < 0 || w.used[a.verbPos] {
		return
	}
	if a.verb != "according to" {
		if sv, ok := w.e.lx.verb(verbWord(a.verb)); !ok || sv.use == useDirect && a.verb != "add" {
			return
		}
	}
	// The attribution must end the sentence, give or take a few words
	// ("officials said on Monday", "a source told the paper").
	if a.m.end+c+6 < end {
		return
	}
	a.speaker, a.ent = w.disc.resolve(a.m)
	if a.m.kind == mPronoun && a.speaker == "" {
		return
	}
	w.used[a.verbPos] = true
	w.add(Statement{
		Quote: w.text[p.toks[0].start:p.toks[c-1].end],
		Start: p.toks[0].start,
		End:   p.toks[c-1].end,
		Kind:  Reported,
		Verb:  a.verb,
	}, a)
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

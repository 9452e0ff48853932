package extract

import (
	"strings"
)

// mentionKind classifies the words that refer to a speaker.
type mentionKind uint8

const (
	mNone    mentionKind = iota
	mName                // a proper name: "Khawaja Asif", "Islamabad", "Asif"
	mPronoun             // "he", "she"
	mRole                // a role without a name: "the minister"
	mGroup               // a collective speaker: "Afghan commentators", "Turkey’s foreign ministry"
	mPhrase              // a subject the other kinds do not cover: "several cast members", "who"; it names no one
)

// mention is a reference to a speaker found in a token list.
type mention struct {
	kind mentionKind
	text string // the words as the text gives them (a name, a pronoun, a role or group phrase)
	role string // for a name, the role the text gives with it ("Defence Minister", "a cloth trader in …")
	// start and end are the token indexes [start, end) of the mention, role included.
	start, end int
}

func (m mention) ok() bool { return m.kind != mNone }

// parser finds mentions in the tokens of one stretch of text.
type parser struct {
	lx   *lexicon
	text string
	toks []token
}

func (p *parser) word(i int) bool { return i >= 0 && i < len(p.toks) && p.toks[i].kind == tokWord }

func (p *parser) punct(i int, s string) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].kind == tokPunct && p.toks[i].text == s
}

// nameWord reports whether token i can be part of a proper name.
func (p *parser) nameWord(i int) bool {
	if !p.word(i) {
		return false
	}
	t := p.toks[i]
	if p.lx.weekdays[t.lower] {
		return false // "Ms. Roe Thursday said": no part of the name
	}
	return t.capital || p.lx.nameParticles[t.lower] && p.word(i+1) && p.toks[i+1].capital
}

// spanText returns the document text of tokens [a, b).
func (p *parser) spanText(a, b int) string {
	if a >= b {
		return ""
	}
	return p.text[p.toks[a].start:p.toks[b-1].end]
}

// nameText is spanText without a possessive ending on the last token.
func (p *parser) nameText(a, b int) string {
	if a >= b {
		return ""
	}
	return p.text[p.toks[a].start:p.toks[b-1].start] + p.toks[b-1].text
}

// isRoleWord reports whether token i names an office, occupation or title.
func (p *parser) isRoleWord(i int) bool {
	if !p.word(i) {
		return false
	}
	w := p.toks[i].lower
	if p.lx.surnameRoles[w] && p.toks[i].capital && p.word(i-1) && p.toks[i-1].capital && !p.toks[i-1].poss {
		// A role word that is also a surname, after a capitalised word:
		// "Larry King", "Mr. King" (but "the king", "King Abdullah").
		return false
	}
	if p.lx.roleWords[w] || p.lx.titles[strings.TrimSuffix(w, ".")] {
		return true
	}
	// "Secretary-General", "vice-president".
	if strings.Contains(w, "-") {
		for _, part := range strings.Split(w, "-") {
			if p.lx.roleWords[part] {
				return true
			}
		}
	}
	return false
}

func (p *parser) isGroupNoun(i int) bool { return p.word(i) && p.lx.groupNouns[p.toks[i].lower] }

// isModifier reports whether token i may modify a role or group noun:
// a capitalised word, a possessive, or a lower-case word that is no
// function word, auxiliary or speech verb ("foreign", "cloth").
func (p *parser) isModifier(i int) bool {
	if !p.word(i) {
		return false
	}
	t := p.toks[i]
	if p.lx.nameStop[t.lower] || p.lx.auxWords[t.lower] || p.lx.modalWords[t.lower] {
		return false
	}
	if _, v := p.lx.verb(t.lower); v {
		return false
	}
	return true
}

// modifiersBefore returns the first index of the run of at most max
// modifiers that ends just before token i.
func (p *parser) modifiersBefore(i, max int) int {
	a := i
	for a > 0 && i-a < max && p.isModifier(a-1) {
		a--
	}
	return a
}

// determinerBefore extends a phrase starting at a over a preceding "the".
func (p *parser) determinerBefore(a int) int {
	if p.word(a-1) && p.toks[a-1].lower == "the" {
		return a - 1
	}
	return a
}

// nameRunBack returns the run [a, j+1) of name words that ends at token
// j, with sentence-opening function words ("The", "According") left out,
// or a > j when there is none. A possessive inside the run ends it: in
// "Pakistan’s Defence Minister" the run is "Defence Minister".
func (p *parser) nameRunBack(j int) int {
	a := j + 1
	for k := j; k >= 0 && p.nameWord(k) && (k == j || !p.toks[k].poss); k-- {
		a = k
	}
	for a <= j && p.lx.nameStop[p.toks[a].lower] {
		a++
	}
	return a
}

// lastRole returns the index of the last role word or title in [a, b), or -1.
func (p *parser) lastRole(a, b int) int {
	for k := b - 1; k >= a; k-- {
		if p.isRoleWord(k) {
			return k
		}
	}
	return -1
}

// mentionBack parses the speaker phrase that ends at token j: a pronoun,
// a name (with the role words before it), a role, or a group.
func (p *parser) mentionBack(j int) mention {
	if !p.word(j) {
		return mention{}
	}
	t := p.toks[j]
	if p.lx.personPronouns[t.lower] {
		return mention{kind: mPronoun, text: t.text, start: j, end: j + 1}
	}
	if t.poss {
		return mention{}
	}
	if p.isGroupNoun(j) {
		a := p.modifiersBefore(j, 4)
		return mention{kind: mGroup, text: p.spanText(a, j+1), start: p.determinerBefore(a), end: j + 1}
	}
	if a := p.nameRunBack(j); a <= j {
		k := p.lastRole(a, j+1)
		if k == j {
			// Only role words: "the Information Minister".
			ra := p.determinerBefore(p.modifiersBefore(a, 4))
			return mention{kind: mRole, text: p.spanText(ra, j+1), start: ra, end: j + 1}
		}
		name := a
		if k >= 0 {
			name = k + 1
		}
		m := mention{kind: mName, text: p.nameText(name, j+1), start: a, end: j + 1}
		// A name linked by a preposition to a group: "reports in X".
		if a >= 2 && p.word(a-1) && p.lx.linkPreps[p.toks[a-1].lower] && p.isGroupNoun(a-2) {
			g := p.modifiersBefore(a-2, 4)
			return mention{kind: mGroup, text: p.spanText(g, j+1), start: p.determinerBefore(g), end: j + 1}
		}
		// Role words before the name: titles in the run, or a lower-case
		// role phrase just before it ("spokesman Zabihullah Mujahid").
		ra := a
		if k < 0 && p.isRoleWord(a-1) {
			ra = p.modifiersBefore(a-1, 4)
			k = a - 1
		}
		if k >= 0 {
			if ra == a {
				ra = p.modifiersBefore(a, 4)
			}
			m.role = p.spanText(ra, k+1)
			m.start = ra
		}
		return m
	}
	if p.isRoleWord(j) {
		a := p.determinerBefore(p.modifiersBefore(j, 4))
		return mention{kind: mRole, text: p.spanText(a, j+1), start: a, end: j + 1}
	}
	return mention{}
}

// possessorBack parses a possessive speaker ending at token j: "Asif’s",
// "the minister’s", "his".
func (p *parser) possessorBack(j int) mention {
	if !p.word(j) {
		return mention{}
	}
	switch t := p.toks[j]; {
	case t.lower == "his" || t.lower == "her":
		return mention{kind: mPronoun, text: t.text, start: j, end: j + 1}
	case !t.poss:
		return mention{}
	}
	a := p.nameRunBack(j)
	if a > j {
		if p.isRoleWord(j) || p.isGroupNoun(j) {
			a = p.determinerBefore(p.modifiersBefore(j, 3))
			kind := mRole
			if p.isGroupNoun(j) {
				kind = mGroup
			}
			return mention{kind: kind, text: p.nameText(a, j+1), start: a, end: j + 1}
		}
		return mention{}
	}
	if k := p.lastRole(a, j+1); k >= 0 {
		if k == j {
			return mention{kind: mRole, text: p.nameText(a, j+1), start: a, end: j + 1}
		}
		return mention{kind: mName, text: p.nameText(k+1, j+1), role: p.spanText(a, k+1), start: a, end: j + 1}
	}
	return mention{kind: mName, text: p.nameText(a, j+1), start: a, end: j + 1}
}

// mentionForward parses the speaker phrase that begins at token i, as in
// "…,” said the minister" or "According to Pakistani officials, …".
func (p *parser) mentionForward(i int) mention {
	if !p.word(i) {
		return mention{}
	}
	t := p.toks[i]
	if p.lx.personPronouns[t.lower] {
		return mention{kind: mPronoun, text: t.text, start: i, end: i + 1}
	}
	start := i
	if t.lower == "the" || t.lower == "a" || t.lower == "an" {
		i++
	}
	// Modifiers up to a role or group noun, or a name run.
	j := i
	for j < len(p.toks) && j-i < 6 && p.isModifier(j) {
		if p.isGroupNoun(j) && !p.nameWord(j+1) && !p.isRoleWord(j+1) {
			// A group noun before a role word modifies it: "campaign
			// spokesman Jane Roe".
			return mention{kind: mGroup, text: p.nameText(i, j+1), start: start, end: j + 1}
		}
		if p.toks[j].poss {
			j++
			continue
		}
		if !p.toks[j].capital && !p.isRoleWord(j) && !p.isModifierBeforeNoun(j) {
			break
		}
		j++
	}
	// [i, j) holds modifiers, role words and name words; the name is the
	// capitalised run after the last role word.
	if j == i {
		return mention{}
	}
	k := p.lastRole(i, j)
	nameStart := i
	if k >= 0 {
		nameStart = k + 1
	}
	ne := nameStart
	for ne < j && p.nameWord(ne) && (ne == nameStart || !p.toks[ne-1].poss) {
		ne++
	}
	for nameStart < ne && p.lx.nameStop[p.toks[nameStart].lower] {
		nameStart++
	}
	switch {
	case nameStart < ne && k >= 0:
		return mention{kind: mName, text: p.nameText(nameStart, ne), role: p.spanText(i, k+1), start: start, end: ne}
	case nameStart < ne:
		return mention{kind: mName, text: p.nameText(nameStart, ne), start: start, end: ne}
	case k >= 0:
		m := mention{kind: mRole, text: p.spanText(start, k+1), start: start, end: k + 1}
		// "the minister, Khawaja Asif," names the holder of the role.
		n := k + 1
		if p.punct(n, ",") {
			n++
		}
		if nm := p.mentionForward(n); nm.kind == mName && nm.role == "" {
			nm.role, nm.start = p.spanText(i, k+1), start
			if p.punct(nm.end, ",") {
				nm.end++
			}
			return nm
		}
		return m
	}
	return mention{}
}

// isModifierBeforeNoun reports whether a lower-case word at i is followed,
// within three words, by a role or group noun: "cloth" in "cloth trader".
func (p *parser) isModifierBeforeNoun(i int) bool {
	for k := i + 1; k <= i+3 && p.isModifier(k); k++ {
		if p.isRoleWord(k) || p.isGroupNoun(k) {
			return true
		}
	}
	return false
}

// skipBackAux moves back from index j over auxiliaries and adverbs. It
// reports false when a modal or negation makes the speech hypothetical.
func (p *parser) skipBackAux(j int) (int, bool) {
	for p.word(j) {
		w := p.toks[j].lower
		switch {
		case p.lx.modalWords[w]:
			return j, false
		case p.lx.weekdays[w]:
			// "X Thursday said", "X on Monday rejected".
			j--
			if p.word(j) && p.toks[j].lower == "on" {
				j--
			}
		case p.lx.auxWords[w], !p.toks[j].capital && len(w) > 4 && strings.HasSuffix(w, "ly"):
			j--
		default:
			return j, true
		}
	}
	return j, true
}

// subjectBefore finds the speaker of the speech verb at token v: the
// phrase before it, past auxiliaries and adverbs, and past an apposition
// between commas. In "Nazir Ahmed, a cloth trader, lamented" the speaker
// is the name before the apposition, which gives the role; in "Pakistan’s
// spokesperson, Tahir Andrabi, told" the apposition is the name and the
// phrase before it the role.
func (p *parser) subjectBefore(v int) mention {
	j, ok := p.skipBackAux(v - 1)
	if !ok || j < 0 {
		return mention{}
	}
	if p.punct(j, ")") {
		// A party and state after a name: "Jane Roe (D-Ohio) said".
		for k := j - 1; k >= 0 && j-k <= 10; k-- {
			if p.punct(k, "(") {
				if j, ok = p.skipBackAux(k - 1); !ok || j < 0 {
					return mention{}
				}
				break
			}
		}
	}
	if p.word(j) && (p.toks[j].lower == "and" || p.toks[j].lower == "but") {
		// A second verb shares the subject: "X said … and added", "X
		// backed Y, but now said".
		return p.sentenceSubject(j)
	}
	if !p.punct(j, ",") {
		// A name in a prepositional phrase is no subject: in "Kenya's
		// government on Monday rejected", skip "on Monday".
		for tries := 0; ; tries++ {
			m := p.mentionBack(j)
			if m.kind != mName && m.kind != mNone || tries == 2 {
				return m
			}
			pp := p.phraseStart(j)
			if pp < 0 {
				return m
			}
			if j, ok = p.skipBackAux(pp - 1); !ok {
				return mention{}
			}
		}
	}
	k := j - 1
	for k >= 0 && j-k <= 12 && !(p.toks[k].kind != tokWord && p.toks[k].text != "-") {
		k--
	}
	if !p.punct(k, ",") || k == j-1 {
		return p.longApposition(j)
	}
	head := p.mentionBack(k - 1)
	if head.kind == mName && p.word(head.start-1) && p.lx.prepositions[p.toks[head.start-1].lower] {
		// A name in a prepositional phrase is no subject: in "X, the
		// foreign minister of France, a member of Y, said" it is X.
		if m := p.longApposition(j); m.ok() {
			return m
		}
	}
	app := p.mentionBack(j - 1)
	if app.kind == mName && app.start <= k+1 {
		if app.role == "" && head.ok() {
			app.role = head.text
			app.start = head.start
		}
		return app
	}
	if head.kind == mName || head.kind == mGroup || head.kind == mRole {
		a := k + 1
		if p.word(a) && (p.toks[a].lower == "a" || p.toks[a].lower == "an" || p.toks[a].lower == "the") {
			a++
		}
		if head.kind == mName && head.role == "" && (a > k+1 || p.lastRole(a, j) >= 0) {
			head.role = p.spanText(a, j)
		}
		return head
	}
	return p.longApposition(j)
}

// longAppositionFrom reports whether a name opening the sentence stands
// before a comma in tokens [0, c) within maxApposition tokens of j.
func (p *parser) longAppositionFrom(c, j int) bool {
	for k := c - 1; k > 0 && j-k <= maxApposition; k-- {
		if p.punct(k, ",") {
			if h := p.mentionBack(k - 1); h.kind == mName && opensSentence(p, h.start) {
				return true
			}
		}
	}
	return false
}

// longApposition finds the subject before a long apposition that ends
// with the comma at token j and may hold commas, brackets and dashes of
// its own: "Jane Roe, director of the X Center (a think tank) and a
// professor at Y, said". The subject is a name that opens its clause
// (at the start, or after punctuation or a quotation) just before one of
// the commas within maxApposition tokens; the words after that comma up
// to the next are its role.
func (p *parser) longApposition(j int) mention {
	for c := j - 1; c > 0 && j-c <= maxApposition; c-- {
		if !p.punct(c, ",") {
			continue
		}
		head := p.mentionBack(c - 1)
		if head.kind != mName || head.start > 0 && (p.word(head.start-1) && !p.lx.nameStop[p.toks[head.start-1].lower] || p.word(head.start-1) && p.lx.prepositions[p.toks[head.start-1].lower]) {
			continue
		}
		if !opensSentence(p, head.start) && p.longAppositionFrom(c-1, j) {
			continue // a place in the apposition: "Jane Roe, 59, of Ashton, Md., said"
		}
		if head.role == "" {
			a := c + 1
			if p.word(a) && (p.toks[a].lower == "a" || p.toks[a].lower == "an" || p.toks[a].lower == "the") {
				a++
			}
			e := a
			for e < j && !p.punct(e, ",") {
				e++
			}
			head.role = p.spanText(a, e)
		}
		return head
	}
	return mention{}
}

// phraseStart returns the index of the preposition of a prepositional
// phrase of at most four words that ends at token j ("on March 3"), or -1.
func (p *parser) phraseStart(j int) int {
	for k := j; k >= 0 && j-k < 4 && p.word(k); k-- {
		if p.lx.prepositions[p.toks[k].lower] {
			if k == j {
				return -1
			}
			return k
		}
	}
	return -1
}

// sentenceSubject returns the first speaker phrase of the token list, the
// subject of its main clause, which a participle after a comma shares:
// "Khawaja Asif has tied …, even urging …".
func (p *parser) sentenceSubject(limit int) mention {
	for i := 0; i < limit; i++ {
		if !p.word(i) {
			continue
		}
		m := p.mentionForward(i)
		if !m.ok() {
			continue
		}
		if m.kind == mName && p.toks[m.end-1].poss {
			// A possessor: "Pakistan’s Defence Minister, …" – keep looking.
			continue
		}
		if p.punct(m.end, ",") {
			if nm := p.mentionForward(m.end + 1); nm.kind == mName && p.punct(nm.end, ",") {
				if nm.role == "" {
					nm.role = m.text
				}
				return nm
			}
		}
		return m
	}
	return mention{}
}

// phraseBefore is the last resort for the subject of a finite speech verb
// at token v that subjectBefore does not recognise: the run of words
// before the verb (past auxiliaries and adverbs), back to punctuation, a
// quotation or a clause link, at most maxPhrase words ("Several cast
// members said", "Experts on the region said", "a listener who said").
// A relative pronoun right before the verb is the subject on its own. It
// gives no mention when the word before the verb cannot end a subject (a
// preposition, "to", a determiner) or when a modal or negation makes the
// speech hypothetical.
func (p *parser) phraseBefore(v int) mention {
	j, ok := p.skipBackAux(v - 1)
	if !ok || !p.word(j) {
		return mention{}
	}
	last := p.toks[j].lower
	if p.toks[j].poss || p.lx.prepositions[last] || p.lx.noSubjectEnd[last] {
		return mention{}
	}
	if _, isVerb := p.lx.verb(last); isVerb {
		return mention{}
	}
	if last == "who" || last == "which" || last == "that" {
		return mention{kind: mPhrase, text: p.toks[j].text, start: j, end: j + 1}
	}
	a := j
	for a > 0 && j-a < maxPhrase-1 && p.word(a-1) && !p.lx.clauseLinks[p.toks[a-1].lower] && !p.lx.subordinators[p.toks[a-1].lower] && p.toks[a-1].lower != "that" {
		a--
	}
	return mention{kind: mPhrase, text: p.spanText(a, j+1), start: a, end: j + 1}
}

// maxPhrase bounds the words of a subject phrase that phraseBefore takes.
const maxPhrase = 8

package extract

import (
	"context"
	"sort"
	"strings"
	"unicode"

	"github.com/claimnet/claimnet/annotations"
)

// walker makes one pass over a document's sentences in text order,
// attributing each quotation and finding reported speech, so that
// coreference sees the names in the order a reader does.
type walker struct {
	e        *Extractor
	text     string
	units    []span
	quotes   []quote
	sents    []span
	disc     *discourse
	out      []Statement
	newIDs   map[string]bool // ids of the proposed actors
	proposed map[string]bool // speakers already proposed
	news     []*annotations.Actor
	used     map[int]bool // offsets of speech verbs that attribute a direct quotation
	attrs    []attr       // the attribution of each quotation, by index
	lower    lowerCache
	bufS     []token
	bufL     []token
	bufT     []token
	bufW     []token
	headline int // the unit that is the document's headline, or -1
	pub      annotations.Date
	// lastReported is the attribution of the last reported speech with a
	// speaker, and lastReportedSent the sentence it stands in (-1: none).
	lastReported     attr
	lastReportedSent int
}

// attr is the attribution found for one quotation.
type attr struct {
	m        mention
	verb     string
	attached bool // set off as an utterance: `said: “…”`, `“…,” he said`
	partial  bool // completes a clause of speech: `urged Kabul to “…”`
	verbPos  int  // offset of the attributing verb, or -1
	carry    bool // a speech verb without a subject after a quotation: `…,” and added, “…”`
	speaker  string
	ent      *entity
	kind     Kind
}

func (a attr) ok() bool { return a.m.ok() }

func (w *walker) run(ctx context.Context) error {
	w.used = make(map[int]bool)
	w.lower = make(lowerCache)
	w.attrs = make([]attr, len(w.quotes))
	w.headline = headline(w.text, w.units)
	w.lastReportedSent = -1
	qi := 0
	for si, s := range w.sents {
		if si%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		w.bufS = w.lower.tokenize(w.text, s.start, s.end, w.quotes, w.bufS)
		p := &parser{lx: w.e.lx, text: w.text, toks: w.bufS}
		head := w.headline >= 0 && s.start < w.units[w.headline].end
		if !head {
			w.noteNames(p)
		}
		for qi < len(w.quotes) && w.quotes[qi].closeEnd <= s.end {
			w.quote(qi)
			qi++
		}
		if !head {
			w.reported(p)
			w.noteSingles(p)
		}
	}
	for ; qi < len(w.quotes); qi++ {
		w.quote(qi)
	}
	return nil
}

// noteNames records the full names of a sentence as antecedents for
// later surnames, roles and pronouns.
func (w *walker) noteNames(p *parser) {
	for j := range p.toks {
		if !p.nameWord(j) || p.nameWord(j+1) && !p.toks[j].poss {
			continue
		}
		var m mention
		if p.toks[j].poss {
			m = p.possessorBack(j)
		} else {
			m = p.mentionBack(j)
		}
		if m.kind == mName && (strings.Contains(m.text, " ") || w.titled(m)) {
			e := w.disc.noteNamed(m.text, m.role)
			if m.role == "" && p.word(m.start-1) && p.toks[m.start-1].lower == "the" {
				w.disc.markDet(e)
			}
			if opensSentence(p, m.start) && !p.toks[m.end-1].poss {
				w.disc.markSalient(e, genderUnknown)
			}
		}
	}
}

// titled reports whether a one-word name comes with a title or a role
// word right before it ("Mr. Obama", "President Obama", "Sen. Warren"):
// a surname, which names a person as well as a full name does.
func (w *walker) titled(m mention) bool {
	f := strings.Fields(strings.ToLower(m.role))
	if len(f) == 0 {
		return false
	}
	last := strings.TrimSuffix(f[len(f)-1], ".")
	return w.e.lx.titles[last] || w.e.lx.roleWords[last]
}

// opensSentence reports whether only function words and punctuation come
// before token i: a name there is the sentence's subject.
func opensSentence(p *parser, i int) bool {
	for k := 0; k < i; k++ {
		if p.word(k) && !p.lx.nameStop[p.toks[k].lower] || p.toks[k].kind == tokQuote {
			return false
		}
	}
	return true
}

// noteSingles records the one-word names of a sentence used on their own,
// after the sentence's speakers are resolved.
func (w *walker) noteSingles(p *parser) {
	for j := range p.toks {
		if !p.nameWord(j) || p.nameWord(j+1) && !p.toks[j].poss || p.nameWord(j-1) && !p.toks[j-1].poss {
			continue
		}
		if t := p.toks[j]; !w.e.lx.nameStop[t.lower] && !w.e.lx.roleWords[t.lower] {
			e := w.disc.noteSingle(t.text)
			// A name that modifies a role or group noun ("Obama
			// consultant Cornell Belcher", "Trump aides") is not the
			// sentence's subject.
			modifier := p.word(j+1) && (p.isRoleWord(j+1) || p.isGroupNoun(j+1) || w.e.lx.orgWords[p.toks[j+1].lower])
			if e != nil && opensSentence(p, j) && !t.poss && !modifier {
				w.disc.markSalient(e, genderUnknown)
			}
		}
	}
}

// sentenceAt returns the index of the sentence that contains offset i.
func (w *walker) sentenceAt(i int) int {
	k := sort.Search(len(w.sents), func(k int) bool { return w.sents[k].start > i })
	return max(k-1, 0)
}

// quote attributes quotation qi and adds it as a statement or term.
func (w *walker) quote(qi int) {
	q := &w.quotes[qi]
	ls := w.sents[w.sentenceAt(q.open)]
	leadStart := ls.start
	if qi > 0 && w.quotes[qi-1].closeEnd > leadStart && w.quotes[qi-1].closeEnd <= q.open && w.attrs[qi-1].kind != Title {
		// The words before a quotation start after the quotation before
		// it, unless that one is a title: `X, at the “Y Forum” sponsored
		// by Z, said: “…”` is X's.
		leadStart = w.quotes[qi-1].closeEnd
	}
	w.bufL = w.lower.tokenize(w.text, leadStart, q.open, nil, w.bufL)
	// A question or exclamation ends its sentence, but its attribution
	// follows: `“Why not?” Ms. Reyes asked.`
	tsi := w.sentenceAt(max(q.closeEnd-1, q.open))
	ts := w.sents[tsi]
	if last := q.parts[len(q.parts)-1]; q.closed && ts.end <= q.closeEnd && tsi+1 < len(w.sents) {
		if end := strings.TrimRight(w.text[last.start:last.end], " "); strings.HasSuffix(end, "?") || strings.HasSuffix(end, "!") {
			if n := w.sents[tsi+1]; w.unitOf(n.start) == q.last {
				ts = n
			}
		}
	}
	trailEnd := max(ts.end, q.closeEnd)
	if qi+1 < len(w.quotes) && w.quotes[qi+1].open < trailEnd {
		trailEnd = w.quotes[qi+1].open
	}
	w.bufT = w.lower.tokenize(w.text, q.closeEnd, trailEnd, nil, w.bufT)
	lead := &parser{lx: w.e.lx, text: w.text, toks: w.bufL}
	trail := &parser{lx: w.e.lx, text: w.text, toks: w.bufT}

	if w.headline >= 0 && q.first == w.headline {
		// Headlines are not speech: a quotation in one is a title or a
		// borrowed phrase, and its attribution is the body's to give.
		st := Statement{Quote: q.words(w.text), Start: q.parts[0].start, End: q.parts[len(q.parts)-1].end,
			Kind: Scare, Why: WhyHeadline}
		w.attrs[qi] = attr{verbPos: -1, kind: Term}
		w.add(st, attr{verbPos: -1})
		return
	}
	a := w.label(q)
	if !a.ok() {
		a = w.trailing(trail)
	}
	if !a.ok() {
		a = w.leading(lead)
	}
	if !a.ok() && !a.carry {
		a = w.colonIntro(q)
	}
	if a.carry && qi > 0 && w.quotes[qi-1].closeEnd == leadStart {
		prev := w.attrs[qi-1]
		a.m, a.speaker, a.ent = prev.m, prev.speaker, prev.ent
	}
	if !a.ok() && !a.carry {
		if b := w.inSentence(qi); b.ok() {
			a = b
		}
	}
	if !a.ok() && !a.carry {
		if m := labelAs(lead); m.ok() {
			a = attr{m: m, verbPos: -1}
		}
	}
	if !a.ok() && !a.carry && qi > 0 && w.quotes[qi-1].closeEnd == leadStart && len(lead.toks) > 0 && coordinated(lead) {
		// A quotation joined to the one before by "and" or "or" shares
		// its speaker: `as a “human leech” and a “spoiled brat.”`
		if prev := w.attrs[qi-1]; prev.speaker != "" && prev.kind != Title {
			a.m, a.speaker, a.ent = prev.m, prev.speaker, prev.ent
		}
	}
	words := q.words(w.text)
	a.kind = w.classify(words, a, lead, trail)
	if !a.ok() && a.kind == Direct && qi > 0 {
		// An unattributed quotation that opens its sentence continues
		// the speaker of the quotation just before, in the same or the
		// previous paragraph: `“…,” he said. “…”`, also after a short
		// quotation that a speech verb attributes (`“not enough,” says
		// X, a founder of Y. “…”`). A title between them (`“…,” she said
		// on “Morning Talk Live.” “…”`) does not count.
		k := qi - 1
		for k > 0 && w.attrs[k].kind == Title && w.quotes[k].first == q.first {
			k--
		}
		prev := w.attrs[k]
		if (prev.kind == Direct || prev.kind == Term && prev.verb != "") && prev.speaker != "" && !hasWords(lead) && w.quotes[k].last >= q.first-1 {
			a.m, a.speaker, a.ent = prev.m, prev.speaker, prev.ent
		}
	}
	if !a.ok() && a.kind == Direct && !hasWords(lead) && w.lastReportedSent >= 0 && w.lastReportedSent == w.sentenceAt(q.open)-1 &&
		(qi == 0 || w.quotes[qi-1].closeEnd < w.sents[w.lastReportedSent].start) {
		// A quotation that opens the sentence right after reported
		// speech, with no quotation between them, continues its speaker:
		// `…, Ms. Roe said. “…”`.
		a.m, a.speaker, a.ent = w.lastReported.m, w.lastReported.speaker, w.lastReported.ent
	}
	if a.ok() && a.speaker == "" && a.ent == nil {
		a.speaker, a.ent = w.disc.resolve(a.m)
	}
	w.attrs[qi] = a
	if a.kind == Term && !a.ok() {
		// A term that nothing attributes is the writer's scare quote.
		a.kind = Scare
	}
	if a.kind == Direct && a.verbPos >= 0 {
		w.used[a.verbPos] = true
	}
	st := Statement{
		Quote: words,
		Start: q.parts[0].start,
		End:   q.parts[len(q.parts)-1].end,
		Kind:  a.kind,
		Verb:  a.verb,
	}
	if a.kind == Direct {
		st.Stance = annotations.Support
	}
	w.add(st, a)
}

// inSentence is the rule for a quotation that no words next to it
// attribute: the speaker of the nearest speech verb of its sentence, before
// or after it, whose subject the sentence names. It covers partial
// quotations inside reported speech (`X said the plan was “a disaster”
// for the state`, `X assured the station that it takes this “very
// seriously.”`) and attributions that sit after other words (`“…” of
// the plan, Mr. X said.`).
func (w *walker) inSentence(qi int) attr {
	q := &w.quotes[qi]
	s := w.sents[w.sentenceAt(q.open)]
	end := max(w.sents[w.sentenceAt(max(q.closeEnd-1, q.open))].end, q.closeEnd)
	// A window of the sentence around the quotation, so that a text of
	// one endless sentence with many quotations stays linear.
	from, to := s.start, end
	if q.open-from > sentenceWindow {
		from = wordStart(w.text, q.open-sentenceWindow)
	}
	if to-q.closeEnd > sentenceWindow {
		to = wordStart(w.text, q.closeEnd+sentenceWindow)
	}
	w.bufW = w.lower.tokenize(w.text, from, to, w.quotes, w.bufW)
	toks := w.bufW
	p := &parser{lx: w.e.lx, text: w.text, toks: toks}
	at := -1
	for k, t := range toks {
		if t.kind == tokQuote && t.start == q.open {
			at = k
		}
	}
	if at < 0 {
		return attr{verbPos: -1}
	}
	best, bestDist := attr{verbPos: -1}, 0
	for v, t := range toks {
		if t.kind != tokWord || t.capital && v > 0 {
			continue
		}
		if _, ok := w.e.lx.verb(t.lower); !ok || strings.HasSuffix(t.lower, "ing") && v > at {
			continue
		}
		a := w.verbSpeech(p, v)
		if !a.ok() {
			continue
		}
		d := at - v
		if d < 0 {
			d = -d
		}
		if !best.ok() || d < bestDist {
			best, bestDist = a, d
		}
	}
	best.partial = best.ok()
	return best
}

// sentenceWindow is how many bytes of a sentence, either side of a
// quotation, inSentence reads.
const sentenceWindow = 600

// wordStart moves i forward to the start of the next word.
func wordStart(text string, i int) int {
	for i < len(text) && text[i] != ' ' && text[i] != '\n' {
		i++
	}
	return i
}

// headline returns the index of the unit that is the document's
// headline, or -1: the first paragraph, when more follow and it is
// written in title case ("Senator Vows To Fight On").
func headline(text string, units []span) int {
	if len(units) < 2 {
		return -1
	}
	u := units[0]
	h := strings.TrimRight(text[u.start:u.end], ".")
	if titleCase(h) {
		return 0
	}
	return -1
}

// titleCase reports whether most words of s other than short function
// words begin with a capital: "Mayor Says City Will Appeal Ruling".
func titleCase(s string) bool {
	caps, n := 0, 0
	for _, f := range strings.Fields(s) {
		r := firstRune(strings.TrimLeft(f, "“\"'‘("))
		if !unicode.IsLetter(r) || len(f) <= 3 && unicode.IsLower(r) {
			continue
		}
		n++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return n >= 3 && caps*10 >= n*8
}

// unitOf returns the index of the kept unit (paragraph) that holds offset i.
func (w *walker) unitOf(i int) int {
	k := sort.Search(len(w.units), func(k int) bool { return w.units[k].start > i })
	return max(k-1, 0)
}

// label is the rule for a transcript: a quotation that opens with a
// speaker's name in capitals and a colon is that speaker's: `"SMITH: We
// will …"`. The name is one or two words of capitals.
func (w *walker) label(q *quote) attr {
	words := w.text[q.parts[0].start:q.parts[0].end]
	if !transcriptLabel(words) {
		return attr{verbPos: -1}
	}
	head, _, _ := strings.Cut(words, ":")
	f := strings.Fields(head)
	m := mention{kind: mName, text: head}
	return attr{m: m, attached: true, verbPos: -1, speaker: strings.Join(f, " "), verb: "say"}
}

// colonIntro is the rule for a quotation that opens a paragraph after a
// paragraph that ends with a colon: the colon introduces it (`The Daily
// Ledger reported:`, `Ms. Reyes continued:`), so that paragraph's last
// sentence attributes it as words before the quotation would.
func (w *walker) colonIntro(q *quote) attr {
	u := w.units[q.first]
	if q.first == 0 || q.open != u.start {
		return attr{verbPos: -1}
	}
	prev := w.units[q.first-1]
	if !strings.HasSuffix(w.text[prev.start:prev.end], ":") {
		return attr{verbPos: -1}
	}
	ps := w.sents[w.sentenceAt(prev.end-1)]
	w.bufW = w.lower.tokenize(w.text, ps.start, prev.end, w.quotes, w.bufW)
	p := &parser{lx: w.e.lx, text: w.text, toks: w.bufW}
	a := w.leading(p)
	if a.carry {
		return attr{verbPos: -1}
	}
	if !a.ok() {
		// A speaker named alone: `Jane Roe, a teacher in Ohio:`.
		end := len(p.toks) - 1
		m := p.mentionForward(0)
		if m.kind == mName && m.end >= end-12 && p.punct(end, ":") {
			a = attr{m: m, verbPos: -1}
		}
	}
	a.attached = a.ok()
	a.partial = false
	return a
}

// hasWords reports whether a token list holds any word.
func hasWords(p *parser) bool {
	for _, t := range p.toks {
		if t.kind != tokPunct {
			return true
		}
	}
	return false
}

// trailing finds an attribution after the closing mark: `“…,” X said`,
// `“…,” said X`, `“…,” X, a trader, said`, `“…,” according to X`.
func (w *walker) trailing(p *parser) attr {
	i := 0
	dash := false
	for i < len(p.toks) && i < 2 && p.toks[i].kind == tokPunct && strings.Contains(",—–-―", p.toks[i].text) {
		dash = dash || p.toks[i].text != ","
		i++
	}
	if !p.word(i) {
		return attr{verbPos: -1}
	}
	if p.toks[i].lower == "according" && p.word(i+1) && p.toks[i+1].lower == "to" {
		if m := p.mentionForward(i + 2); m.ok() {
			return attr{m: m, verb: "according to", attached: true, verbPos: p.toks[i].start}
		}
	}
	if sv, ok := w.e.lx.verb(p.toks[i].lower); ok && !strings.HasSuffix(p.toks[i].lower, "ing") {
		if m := p.mentionForward(i + 1); m.ok() {
			return attr{m: m, verb: sv.lemma, attached: true, verbPos: p.toks[i].start}
		}
	}
	if pastTense(p, i) {
		// Only speech inverts like this: `“…,” beamed Jane Roe`, with a
		// verb of the long tail that the lexicon does not list.
		if m := p.mentionForward(i + 1); m.kind == mName {
			return attr{m: m, verb: p.toks[i].lower, attached: true, verbPos: p.toks[i].start}
		}
	}
	m := p.mentionForward(i)
	if !m.ok() {
		return attr{verbPos: -1}
	}
	j := skipParenthesis(p, m.end)
	if dash && m.kind == mName && !hasWordsFrom(p, j) {
		// A signature after a dash: `“…” ― Jane Roe`.
		return attr{m: m, attached: true, verbPos: -1, verb: "say"}
	}
	if p.punct(j, ",") {
		// An apposition, which may hold commas of its own: `“…,” Jane
		// Roe, director of the X Center and a professor at Y, said.`
		k := j + 1
		found := false
		for ; k < len(p.toks) && k-j <= maxApposition; k++ {
			if p.punct(k, ",") && w.speechVerbAt(p, k+1) >= 0 {
				found = true
				break
			}
		}
		if !found {
			return attr{verbPos: -1}
		}
		if m.kind == mName && m.role == "" {
			a := j + 1
			if p.word(a) && (p.toks[a].lower == "a" || p.toks[a].lower == "an" || p.toks[a].lower == "the") {
				a++
			}
			e := a
			for e < k && !p.punct(e, ",") {
				e++
			}
			m.role = p.spanText(a, e)
		}
		j = k + 1
	}
	if v := w.speechVerbAt(p, j); v >= 0 {
		sv, _ := w.e.lx.verb(p.toks[v].lower)
		return attr{m: m, verb: sv.lemma, attached: true, verbPos: p.toks[v].start}
	}
	if pastTense(p, j) && !hasWordsFrom(p, j+1) && (m.kind == mName || m.kind == mPronoun) {
		// A speaker and a verb of the long tail that end the sentence:
		// `“…,” Jane Roe beamed.`
		return attr{m: m, verb: p.toks[j].lower, attached: true, verbPos: p.toks[j].start}
	}
	return attr{verbPos: -1}
}

// pastTense reports whether token i is a lower-case word in -ed, the
// past tense of a regular verb.
func pastTense(p *parser, i int) bool {
	return p.word(i) && !p.toks[i].capital && len(p.toks[i].lower) > 4 && strings.HasSuffix(p.toks[i].lower, "ed")
}

// verbWord returns the lexicon's key for a verb lemma ("call for" → "call").
func verbWord(lemma string) string {
	w, _, _ := strings.Cut(lemma, " ")
	return w
}

// hasPronoun reports whether s holds a personal pronoun, the mark of an
// utterance rather than a title ("It's Our Time").
func (w *walker) hasPronoun(s string) bool {
	for _, f := range strings.Fields(strings.ToLower(s)) {
		f, _, _ = strings.Cut(strings.ReplaceAll(f, "’", "'"), "'")
		switch f {
		case "i", "we", "you", "it", "he", "she", "they", "me", "us", "my", "our", "your":
			return true
		}
	}
	return false
}

// workTitle reports whether s is written as a title: it begins with a
// capital, every word of four letters or more is capitalised, and it has
// no question or exclamation mark and no sentence inside.
func workTitle(s string) bool {
	if !unicode.IsUpper(firstRune(s)) || strings.ContainsAny(s, "?!") || strings.Contains(s, ". ") {
		return false
	}
	caps := 0
	for _, f := range strings.Fields(s) {
		r := firstRune(f)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			caps++
		} else if len(f) >= 4 {
			return false
		}
	}
	return caps >= 2
}

// hasVerb reports whether a speech verb is among tokens [a, b).
func (w *walker) hasVerb(p *parser, a, b int) bool {
	for k := a; k < b; k++ {
		if p.word(k) {
			if _, ok := w.e.lx.verb(p.toks[k].lower); ok {
				return true
			}
		}
	}
	return false
}

// maxApposition is the longest apposition, in tokens, between a speaker's
// name and the speech verb after it.
const maxApposition = 40

// speechVerbAt returns the index of a speech verb at token j, past
// auxiliaries and adverbs ("has repeatedly said"), or -1.
func (w *walker) speechVerbAt(p *parser, j int) int {
	for p.word(j) && (w.e.lx.auxWords[p.toks[j].lower] || w.e.lx.weekdays[p.toks[j].lower] || strings.HasSuffix(p.toks[j].lower, "ly")) {
		j++
	}
	if p.word(j) {
		if _, ok := w.e.lx.verb(p.toks[j].lower); ok {
			return j
		}
	}
	return -1
}

// skipParenthesis returns the index after a parenthesis of at most ten
// tokens that opens at token j ("(D-Ohio)", "(R)"), or j.
func skipParenthesis(p *parser, j int) int {
	if !p.punct(j, "(") {
		return j
	}
	for k := j + 1; k < len(p.toks) && k-j <= 10; k++ {
		if p.punct(k, ")") {
			return k + 1
		}
	}
	return j
}

// hasWordsFrom reports whether a word or quotation comes at or after token j.
func hasWordsFrom(p *parser, j int) bool {
	for k := j; k < len(p.toks); k++ {
		if p.toks[k].kind != tokPunct {
			return true
		}
	}
	return false
}

// leading finds an attribution before the opening mark: `X said: “…”`,
// `X, a trader, lamented, “…”`, `X told journalists, “…”`, `X's
// statement, “…”`, `According to X, “…”`, `X urged Kabul to “…”`, and
// `…,” and added, “…”` which continues the speaker of the quotation
// before.
func (w *walker) leading(p *parser) attr {
	lx := w.e.lx
	end := len(p.toks)
	set := false
	for end > 0 && p.toks[end-1].kind == tokPunct && strings.Contains(":,—–-(", p.toks[end-1].text) {
		set = true
		end--
	}
	for i := 0; i+1 < end; i++ {
		if p.toks[i].lower == "according" && p.toks[i+1].lower == "to" {
			if m := p.mentionForward(i + 2); m.ok() && m.end >= end-1 {
				return attr{m: m, verb: "according to", attached: set, verbPos: p.toks[i].start}
			}
		}
	}
	// An interview's or a transcript's speaker label: `Lena Voss: “…”`
	// (a name of two words or more, so that "Update:" is none).
	if set && p.punct(end, ":") && end > 0 {
		if m := p.mentionBack(end - 1); m.kind == mName && strings.Contains(m.text, " ") && !hasWordsBefore(p, m.start) {
			return attr{m: m, attached: true, verbPos: -1}
		}
		// A roundup's entry: `Sam Ortiz, editor of a farm weekly: “…”`.
		if m := p.mentionForward(0); m.kind == mName && strings.Contains(m.text, " ") && p.punct(m.end, ",") && end-m.end <= 15 && !w.hasVerb(p, m.end, end) {
			m.role = strings.TrimPrefix(strings.TrimPrefix(p.spanText(m.end+1, end), "a "), "the ")
			return attr{m: m, attached: true, verbPos: -1}
		}
	}
	verbAt, nounAt := -1, -1
	for v := end - 1; v >= 0 && (verbAt < 0 || nounAt < 0); v-- {
		if !p.word(v) {
			continue
		}
		lw := p.toks[v].lower
		if p.toks[v].capital && v > 0 {
			continue // "States" in "the United States" is no verb
		}
		if _, ok := lx.verb(lw); ok && verbAt < 0 && !(lw == "put" && !(p.word(v+1) && p.toks[v+1].lower == "it")) {
			verbAt = v
		}
		if lx.speechNouns[lw] && nounAt < 0 {
			nounAt = v
		}
	}
	if verbAt < 0 && nounAt < 0 {
		if set && p.punct(end, ":") {
			return w.colonSubject(p, end)
		}
		return attr{verbPos: -1}
	}
	// A speech noun after its verb ("responded with his own words")
	// defers to the verb; a noun with a light verb ("issued a warning
	// that") is a speech act of the light verb's subject; otherwise a
	// possessor speaks ("Asif's statement").
	var a attr
	anchor := verbAt
	if nounAt > verbAt && (verbAt < 0 || nounAt-verbAt > 5) {
		a = w.nounSpeech(p, nounAt)
		anchor = nounAt
	} else {
		a = w.verbSpeech(p, verbAt)
	}
	if !a.ok() && !hasWordsBefore(p, anchor) {
		// `…,” and added, “…”`: the speaker of the quotation before.
		a.carry = true
	}
	if a.ok() || a.carry {
		a.attached = set && end-anchor <= 5
		last := p.toks[end-1]
		if sv, ok := lx.verb(p.toks[anchor].lower); ok && sv.use != useDirect && !set && !lx.labelMarkers[last.lower] {
			a.partial = true
		}
	}
	return a
}

// colonSubject is the rule for a clause without a speech verb that
// ends with the colon at token end right before a quotation: its
// subject, a name or he/she that opens the sentence and has words after
// it, introduces the
// quotation (`Ms. Roe then leaned in and boomed: “…”`, `He went further:
// “…”`), and so does a name after a dash (`… in the polls — Jane Roe:
// “…”`, a roundup's entry).
func (w *walker) colonSubject(p *parser, end int) attr {
	if m := p.mentionBack(end - 1); m.kind == mName && strings.Contains(m.text, " ") && m.start > 0 && p.toks[m.start-1].kind == tokPunct && strings.Contains("—–-―", p.toks[m.start-1].text) {
		return attr{m: m, attached: true, verbPos: -1, verb: "say"}
	}
	m := p.sentenceSubject(end)
	if !(m.kind == mName || m.kind == mPronoun && w.e.lx.personPronouns[strings.ToLower(m.text)]) || !opensSentence(p, m.start) || m.end >= end || end-m.end > 10 {
		return attr{verbPos: -1}
	}
	if m.kind == mName && !strings.Contains(m.text, " ") && recent(w.disc.byWord[m.text], w.disc.surnameOf(m.text)) == nil {
		return attr{verbPos: -1} // a one-word name that names no person seen before
	}
	return attr{m: m, attached: true, verbPos: -1, verb: "say"}
}

// hasWordsBefore reports whether any word other than a conjunction comes
// before token i.
func hasWordsBefore(p *parser, i int) bool {
	for k := 0; k < i; k++ {
		if p.word(k) && p.toks[k].lower != "and" && p.toks[k].lower != "then" && p.toks[k].lower != "but" {
			return true
		}
	}
	return false
}

// verbSpeech finds the speaker of the speech verb at v.
func (w *walker) verbSpeech(p *parser, v int) attr {
	lx := w.e.lx
	lw := p.toks[v].lower
	sv, _ := lx.verb(lw)
	a := attr{verb: sv.lemma, verbPos: p.toks[v].start}
	if lw == "put" {
		a.verb = "put it"
	}
	switch {
	case p.word(v+1) && p.toks[v+1].lower == "by":
		// Passive: "described by X as …".
		a.m = p.mentionForward(v + 2)
	case strings.HasSuffix(lw, "ing"):
		j, ok := p.skipBackAux(v - 1)
		switch {
		case ok && p.punct(j, ","):
			// A participle shares the subject of the main clause.
			a.m = p.sentenceSubject(v)
		case ok && j == v-1 && p.word(j) && p.toks[j].poss && w.e.lx.personPronouns[p.toks[j].lower]:
			// "He’s claiming": the ’s is "is".
			a.m = mention{kind: mPronoun, text: p.toks[j].text, start: j, end: j + 1}
		case ok && j < v-1 && p.word(j+1) && w.e.lx.progressiveAux[p.toks[j+1].lower]:
			// The progressive: "Ms. Roe is promising …".
			a.m = p.subjectBefore(v)
		case ok && j == v-1 && p.word(j) && p.toks[j].capital && p.mentionBack(j).kind == mName:
			// A participle right after a name: "footage of Ms. Roe
			// asking, “…”", "a video shows Roe saying …".
			a.m = p.mentionBack(j)
		case ok:
			if l := w.lightVerbBefore(p, v); l >= 0 {
				a.m = p.subjectBefore(l)
			}
		}
	default:
		a.m = p.subjectBefore(v)
	}
	return a
}

// nounSpeech finds the speaker of the speech noun at n.
func (w *walker) nounSpeech(p *parser, n int) attr {
	a := attr{verb: "say", verbPos: p.toks[n].start}
	if sv, ok := w.e.lx.verb(p.toks[n].lower); ok {
		a.verb = sv.lemma
	}
	if l := w.lightVerbBefore(p, n); l >= 0 {
		a.m = p.subjectBefore(l)
		a.verbPos = p.toks[l].start
		return a
	}
	j := n - 1
	for k := 0; k < 3 && p.word(j) && !p.toks[j].capital && !p.toks[j].poss && !w.e.lx.nameStop[p.toks[j].lower]; k++ {
		j--
	}
	a.m = p.possessorBack(j)
	return a
}

// lightVerbBefore returns the index of a light verb governing the noun at
// n ("issued a public warning"), or -1.
func (w *walker) lightVerbBefore(p *parser, n int) int {
	j := n - 1
	for k := 0; k < 4 && p.word(j); k++ {
		if w.e.lx.lightVerbs[p.toks[j].lower] {
			return j
		}
		j--
	}
	return -1
}

// classify tells a statement from a term. A quotation longer than the
// term limit is a statement. A shorter one is a statement when it is set
// off as an utterance and begins with a capital (`“No deal,” he said`),
// when it is a whole sentence of two words or more (`“We refuse.”`), when
// it holds a sentence's punctuation inside, or when it completes a clause of
// reported speech with three words or more (`urged Kabul to “restore
// peace”`); otherwise it is a label: a term. Before all that, a
// quotation of two to seven words in title case that is not set off as an
// utterance is the title of a work, a show or an event (`appeared on
// “Morning Talk Live,”`), which is no speech: when nothing attributes it,
// or it follows a preposition or a possessive (`told the network’s
// “Morning Talk Live”`) rather than a speech verb (`called him “Lyin’
// Larry”` is a label someone uses).
func (w *walker) classify(words string, a attr, lead, trail *parser) Kind {
	core := strings.TrimRight(strings.TrimSpace(words), ".,;:!?… ")
	n := len(strings.Fields(core))
	if !a.attached && n >= 2 && n <= 7 && workTitle(core) && !w.hasPronoun(core) {
		k := len(lead.toks) - 1
		if !a.ok() || lead.word(k) && (w.e.lx.prepositions[lead.toks[k].lower] || lead.toks[k].poss || lead.toks[k].lower == "titled") {
			return Title
		}
	}
	if n > w.e.termMax || strings.ContainsAny(core, ".!?;") {
		return Direct
	}
	upper := unicode.IsUpper(firstRune(core))
	if a.attached && upper {
		return Direct
	}
	// A whole sentence of two words or more: “But we need guarantees.”
	if upper && n >= 2 && endsSentence(strings.TrimSpace(words)) {
		return Direct
	}
	if a.partial && n >= 3 && !hasWords(trail) {
		return Direct
	}
	return Term
}

// add resolves the statement's speaker to an actor, proposes a new actor
// for a named speaker that none matches, and appends the statement.
func (w *walker) add(st Statement, a attr) {
	st.Speaker = a.speaker
	if st.Speaker == "" && st.Why == "" {
		switch a.m.kind {
		case mNone:
			st.Why = WhyNoAttribution
		case mPronoun:
			st.Why = WhyPronoun
		default:
			st.Why = WhyUnnamed
		}
	}
	if a.m.ok() && a.m.text != a.speaker {
		st.Mention = a.m.text
	}
	st.Role = a.m.role
	if st.Role == "" && a.ent != nil {
		st.Role = a.ent.role
	}
	if w.e.lx.titles[strings.ToLower(strings.TrimSuffix(st.Role, "."))] {
		st.Role = "" // "Mr." is no role
	}
	if a.m.ok() {
		st.Actor = w.e.actors.resolve(st.Speaker, a.m)
	}
	if st.Kind == Title {
		st.Speaker, st.Mention, st.Why, a = "", "", "", attr{verbPos: -1}
	}
	if st.Kind.Speech() {
		sv, ok := w.e.lx.verb(verbWord(st.Verb))
		s := w.sents[w.sentenceAt(st.Start)]
		from, to := max(s.start, st.Start-sentenceWindow), min(s.end, st.End+sentenceWindow)
		st.Date, st.DateWords = findDate(outsideQuotes(w.text, from, to, w.quotes), w.pub)
		if w.e.claims != nil {
			// The sentence's words outside the quote: for reported speech
			// the clause that reports it, for a quotation its attribution.
			context := outsideQuotes(w.text, from, max(from, st.Start), w.quotes) + " " + outsideQuotes(w.text, min(st.End, to), to, w.quotes)
			st.Match = w.e.claims.match(st.Quote, context)
		}
		decideStance(&st, sv, ok, st.Match.Linked && w.e.claims.negated[st.Match.Claim])
	}
	if st.Kind == Reported && st.Speaker != "" {
		w.lastReported, w.lastReportedSent = a, w.sentenceAt(st.Start)
	}
	if st.Kind.Speech() && a.ent != nil {
		g := genderUnknown
		if a.m.kind == mPronoun {
			g = pronounGender(a.m.text)
		}
		w.disc.markSalient(a.ent, g)
	}
	if st.Actor == "" && st.Speaker != "" && st.Kind.Speech() {
		w.propose(st, a)
	}
	w.out = append(w.out, st)
}

// propose adds a draft actor for an unmatched named speaker.
func (w *walker) propose(st Statement, a attr) {
	if w.proposed[st.Speaker] {
		return
	}
	if w.proposed == nil {
		w.proposed, w.newIDs = make(map[string]bool), make(map[string]bool)
	}
	w.proposed[st.Speaker] = true
	id := annotations.SuggestID(st.Speaker)
	if id == "" || w.newIDs[id] {
		return
	}
	w.newIDs[id] = true
	typ := annotations.TypePerson
	switch {
	case a.m.kind == mGroup:
		typ = annotations.TypeGroup
	case a.ent != nil && a.ent.person, a.m.kind == mPronoun:
	case w.hasOrgWord(st.Speaker):
		typ = annotations.TypeOrganization
	case !strings.Contains(st.Speaker, " "):
		typ = annotations.TypeState
	}
	role := st.Role
	if a.m.kind != mName {
		role = ""
	}
	w.news = append(w.news, &annotations.Actor{ID: id, Name: st.Speaker, Type: typ, Role: role, Tags: []string{"draft"}})
}

func (w *walker) hasOrgWord(name string) bool {
	for _, f := range strings.Fields(strings.ToLower(name)) {
		if w.e.lx.orgWords[f] {
			return true
		}
	}
	return false
}

// labelAs is the rule for a label that the subject of its sentence gives
// someone or something without a speech verb: `Reid has gone after Trump
// as a “con artist”`, `Roe admires the mayor as a “strong leader”`. The
// quotation follows "as" (and an article), and the sentence's subject, a
// name or a pronoun, is the speaker. "such as", "known as", "so as",
// "as well as" and "the same as" introduce no label of the subject's.
func labelAs(p *parser) mention {
	k := len(p.toks) - 1
	if p.word(k) && (p.toks[k].lower == "a" || p.toks[k].lower == "an" || p.toks[k].lower == "the") {
		k--
	}
	if k < 1 || !p.word(k) || p.toks[k].lower != "as" || !p.word(k-1) {
		return mention{}
	}
	switch p.toks[k-1].lower {
	case "such", "known", "so", "well", "same", "just", "regarded", "seen", "viewed":
		return mention{}
	}
	m := p.sentenceSubject(k)
	if m.kind != mName && m.kind != mPronoun {
		return mention{}
	}
	return m
}

// coordinated reports whether the words p holds only join two
// quotations: "and", "or", an article, commas.
func coordinated(p *parser) bool {
	conj := false
	for k, t := range p.toks {
		switch {
		case p.punct(k, ","):
		case t.lower == "and" || t.lower == "or":
			conj = true
		case t.lower == "a" || t.lower == "an" || t.lower == "the":
		default:
			return false
		}
	}
	return conj
}

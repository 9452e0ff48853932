package extract

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/claimnet/claimnet/annotations"
	"github.com/kljensen/snowball/english"
)

// claimIndex ranks a dataset's claims against the words of a statement
// with Okapi BM25. Each claim is one document made of its text, its topic,
// the names and aliases of the actors it is about, and the quotes of the
// statements that already code it, so that a new wording of an old quote
// finds its claim: the quotes an analyst coded for a claim are the best
// description of what the claim sounds like in the news. Words are
// stemmed (Porter2), so that "harboring" finds "harbour" and
// "inflexibility" finds "inflexible". It is built once by New and only
// read afterwards.
type claimIndex struct {
	ids  []string
	lens []float64
	avg  float64
	post map[string][]posting // term → the claims that hold it
	idf  map[string]float64
	// negated holds the claims whose text, or a quote that supports
	// them, holds a negation ("breaks no law"): a negation in a statement
	// does not turn it against such a claim.
	negated map[string]bool
}

type posting struct {
	doc int
	tf  float64
}

// BM25's parameters: term-frequency saturation and length normalisation.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// The weights of a claim document's fields and of a statement's context
// in claim retrieval. The names and aliases of the actors a claim is about
// count for less than its words: they say whom a claim concerns, not what
// it says. The words of the statement's sentence outside its quote (the
// clause that reports it: "Afghanistan rejected the call for written
// assurances, emphasizing that …") count for less than the quote itself.
const (
	aboutWeight   = 0.5
	contextWeight = 0.25
)

// ClaimThreshold is the relative BM25 score (the score divided by the
// best score the statement's words could reach, see ClaimMatch) from which
// a statement is linked to an existing claim whatever the runner-up.
const ClaimThreshold = 0.15

// ClaimMargin and ClaimFloor make the relative rule of linking: a
// statement whose relative score is below ClaimThreshold but at least
// ClaimFloor is still linked to the best claim when that claim's score is
// at least ClaimMargin times the runner-up's, that is, when the retrieval
// clearly prefers one claim although the statement's wording is far from
// every claim's (a long quote in new words).
const (
	ClaimMargin = 1.5
	ClaimFloor  = 0.05
)

// ClaimCandidates is the number of ranked claims a ClaimMatch keeps, the
// best included, for the analyst to choose from in the draft's note.
const ClaimCandidates = 3

// Candidate is one ranked claim of a ClaimMatch.
type Candidate struct {
	// Claim is the claim's id, Score its BM25 score and Relative its
	// relative score (see ClaimMatch).
	Claim    string
	Score    float64
	Relative float64
}

// ClaimMatch is the claim retrieval's answer for one statement.
type ClaimMatch struct {
	// Claim is the id of the best-ranked existing claim, and Score its
	// BM25 score.
	Claim string
	Score float64
	// Relative is Score divided by the highest score the statement's
	// words could reach (each word at full weight), between 0 and 1.
	Relative float64
	// RunnerUp and RunnerUpScore are the second-ranked claim, if any.
	RunnerUp      string
	RunnerUpScore float64
	// Candidates are the best-ranked claims, at most ClaimCandidates of
	// them, best first (the first is Claim, the second RunnerUp).
	Candidates []Candidate
	// Linked reports whether the statement is proposed for Claim rather
	// than for a new claim: Relative reaches ClaimThreshold, or it
	// reaches ClaimFloor and Score is at least ClaimMargin times
	// RunnerUpScore (Ahead).
	Linked bool
	// Ahead reports that the statement was linked by the margin over the
	// runner-up, not by ClaimThreshold.
	Ahead bool
}

func newClaimIndex(ds *annotations.Dataset) *claimIndex {
	if ds == nil || len(ds.Claims) == 0 {
		return nil
	}
	ix := &claimIndex{post: make(map[string][]posting), idf: make(map[string]float64), negated: make(map[string]bool)}
	docs := make(map[string]int, len(ds.Claims))
	bags := make([]map[string]float64, 0, len(ds.Claims))
	add := func(d int, s string, w float64) {
		for _, t := range claimTerms(s) {
			bags[d][t] += w
			ix.lens[d] += w
		}
	}
	actors := make(map[string]*annotations.Actor, len(ds.Actors))
	for _, a := range ds.Actors {
		if a != nil {
			actors[a.ID] = a
		}
	}
	for _, c := range ds.Claims {
		if c == nil || c.ID == "" {
			continue
		}
		if _, dup := docs[c.ID]; dup {
			continue
		}
		d := len(ix.ids)
		docs[c.ID] = d
		ix.ids = append(ix.ids, c.ID)
		ix.lens = append(ix.lens, 0)
		ix.negated[c.ID] = negationIn(c.Text) != ""
		bags = append(bags, make(map[string]float64))
		add(d, c.Text+" "+c.Topic, 1)
		for _, id := range c.About {
			if a := actors[id]; a != nil {
				add(d, a.Name+" "+strings.Join(a.Aliases, " "), aboutWeight)
			}
		}
	}
	for _, s := range ds.Statements {
		if d, ok := docs[s.Claim]; ok && s.Quote != "" {
			add(d, s.Quote, 1)
			if s.Stance == annotations.Support && negationIn(s.Quote) != "" {
				ix.negated[s.Claim] = true
			}
		}
	}
	total := 0.0
	for d, bag := range bags {
		total += ix.lens[d]
		terms := make([]string, 0, len(bag))
		for t := range bag {
			terms = append(terms, t)
		}
		sort.Strings(terms)
		for _, t := range terms {
			ix.post[t] = append(ix.post[t], posting{d, bag[t]})
		}
	}
	n := float64(len(ix.ids))
	ix.avg = total / math.Max(n, 1)
	for t, ps := range ix.post {
		df := float64(len(ps))
		ix.idf[t] = math.Log(1 + (n-df+0.5)/(df+0.5))
	}
	return ix
}

// match ranks the claims against a statement's quote and its context (the
// words of its sentence outside the quote, at contextWeight) and decides
// whether the statement is linked to the best of them.
func (ix *claimIndex) match(quote, context string) ClaimMatch {
	var m ClaimMatch
	if ix == nil {
		return m
	}
	weights := make(map[string]float64)
	var terms []string
	for _, part := range [...]struct {
		s string
		w float64
	}{{quote, 1}, {context, contextWeight}} {
		for _, t := range claimTerms(part.s) {
			if _, ok := weights[t]; !ok {
				terms = append(terms, t)
			}
			weights[t] = max(weights[t], part.w)
		}
	}
	scores := make(map[int]float64)
	best := 0.0
	for _, t := range terms {
		w := weights[t]
		idf, ok := ix.idf[t]
		if !ok {
			// A word no claim has counts at the weight of the rarest.
			idf = math.Log(1 + (float64(len(ix.ids))-0.5)/1.5)
		}
		best += w * idf * (bm25K1 + 1)
		for _, p := range ix.post[t] {
			norm := bm25K1 * (1 - bm25B + bm25B*ix.lens[p.doc]/ix.avg)
			scores[p.doc] += w * idf * p.tf * (bm25K1 + 1) / (p.tf + norm)
		}
	}
	// The best ClaimCandidates claims, by score then id, kept in order
	// as the scores are read: no sort of every claim that scored.
	ahead := func(a, b int) bool {
		if scores[a] != scores[b] {
			return scores[a] > scores[b]
		}
		return ix.ids[a] < ix.ids[b]
	}
	order := make([]int, 0, ClaimCandidates+1)
	for d := range scores {
		if len(order) == ClaimCandidates && !ahead(d, order[len(order)-1]) {
			continue
		}
		i := len(order)
		for i > 0 && ahead(d, order[i-1]) {
			i--
		}
		order = slices.Insert(order, i, d)
		if len(order) > ClaimCandidates {
			order = order[:ClaimCandidates]
		}
	}
	for _, d := range order {
		c := Candidate{Claim: ix.ids[d], Score: round3(scores[d])}
		if best > 0 {
			c.Relative = round3(scores[d] / best)
		}
		m.Candidates = append(m.Candidates, c)
	}
	if len(m.Candidates) > 0 {
		m.Claim, m.Score, m.Relative = m.Candidates[0].Claim, m.Candidates[0].Score, m.Candidates[0].Relative
	}
	second := 0.0
	if len(order) > 1 {
		m.RunnerUp, m.RunnerUpScore = m.Candidates[1].Claim, m.Candidates[1].Score
		second = scores[order[1]]
	}
	switch {
	case m.Claim == "":
	case m.Relative >= ClaimThreshold:
		m.Linked = true
	case m.Relative >= ClaimFloor && scores[order[0]] >= ClaimMargin*second:
		m.Linked, m.Ahead = true, true
	}
	return m
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// claimStop are words too common to tell claims apart.
var claimStop = wordSet(`the a an and or but of to in on at for from with by as is are was were be been
	being it its this that these those he she they we i you his her their our my your not no
	will would should could can may might must has have had do does did than then there here
	which who whom whose what when where why how all any some so such also just very about into
	over after before said says say told tell s`)

// claimTerms returns the terms of s for claim retrieval: lower-case
// words of two letters or more, without very common words, stemmed by
// the Porter2 (Snowball English) stemmer.
func claimTerms(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(annotations.NormalizeText(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len(f) < 2 || claimStop[f] {
			continue
		}
		t := english.Stem(f, true)
		if syn, ok := claimSynonyms[t]; ok {
			t = syn
		}
		out = append(out, t)
	}
	return out
}

// proposition makes the text of a new claim from a statement's words: a
// clean sentence, not a fragment. It drops a leading "that" and trailing
// commas, capitalises the first letter and ends the sentence with a
// period: `that the talks had failed,` gives "The talks had failed."
func proposition(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "that ")
	s = strings.TrimRight(s, " ,;:—–-")
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	s = string(r)
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "…") {
		s += "."
	}
	return s
}

// negationCues are the words of denial, rejection, refusal and negation
// that turn a statement against the claim it is linked to.
var negationCues = wordSet(`not no never nothing none nobody neither nor false untrue wrong
	deny denies denied denying reject rejects rejected rejecting refuse refuses refused refusing
	dismiss dismissed oppose opposes opposed cannot can't won't don't doesn't didn't isn't aren't
	wasn't weren't shouldn't wouldn't couldn't hasn't haven't`)

// negationIn returns the first negation cue among the words of s, or "".
func negationIn(s string) string {
	for _, f := range strings.FieldsFunc(strings.ToLower(annotations.NormalizeText(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	}) {
		if negationCues[f] {
			return f
		}
		if strings.HasSuffix(f, "n't") {
			return f
		}
	}
	return ""
}

// decideStance sets a statement's stance toward its claim and records the
// cue that decided it. The claim is the statement's own proposition
// unless the retrieval linked it to an existing claim.
//
//   - A verb of denial, rejection, refusal or criticism opposes ("X
//     denied that …", "“…,” X scoffed"): cue "verb: deny".
//   - A statement linked to an existing claim whose words hold a
//     negation that neither the claim's text nor a quote supporting it
//     has ("We never threatened anyone" against "Y threatened Z")
//     opposes it: cue "negation: never".
//     Both together cancel out.
//   - Otherwise the speaker supports what they say: cue "asserted".
func decideStance(st *Statement, verb speechVerb, hasVerb, claimNegated bool) {
	// A direct quotation not linked to a claim is its own claim, which its
	// speaker asserts whatever the verb ("“It is false,” X denied").
	byVerb := hasVerb && verb.stance == annotations.Oppose && (st.Kind == Reported || st.Match.Linked)
	neg := ""
	if st.Match.Linked {
		if n := negationIn(st.Quote); n != "" && !claimNegated {
			neg = n
		}
	}
	switch {
	case byVerb && neg != "":
		st.Stance, st.Cue = annotations.Support, "verb: "+verb.lemma+" of a negation: "+neg
	case byVerb:
		st.Stance, st.Cue = annotations.Oppose, "verb: "+verb.lemma
	case neg != "":
		st.Stance, st.Cue = annotations.Oppose, "negation: "+neg
	default:
		st.Stance, st.Cue = annotations.Support, "asserted"
	}
}

package extract

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/claimnet/claimnet/annotations"
)

// claimIndex ranks a dataset's claims against the words of a statement
// with Okapi BM25. Each claim is one document made of its text, its topic
// and the quotes of the statements that already code it, so that a new
// wording of an old quote finds its claim. It is built once by New and
// only read afterwards.
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

// ClaimThreshold is the relative BM25 score (the score divided by the
// best score the statement's words could reach, see ClaimMatch) from which
// a statement is linked to an existing claim; below it the draft proposes
// a new claim.
const ClaimThreshold = 0.15

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
	// Linked reports whether Relative reaches ClaimThreshold, so that the
	// statement is proposed for Claim rather than for a new claim.
	Linked bool
}

func newClaimIndex(ds *annotations.Dataset) *claimIndex {
	if ds == nil || len(ds.Claims) == 0 {
		return nil
	}
	ix := &claimIndex{post: make(map[string][]posting), idf: make(map[string]float64), negated: make(map[string]bool)}
	docs := make(map[string]int, len(ds.Claims))
	bags := make([]map[string]float64, 0, len(ds.Claims))
	add := func(d int, s string) {
		for _, t := range claimTerms(s) {
			bags[d][t]++
			ix.lens[d]++
		}
	}
	for _, c := range ds.Claims {
		if c == nil || c.ID == "" {
			continue
		}
		docs[c.ID] = len(ix.ids)
		ix.ids = append(ix.ids, c.ID)
		ix.lens = append(ix.lens, 0)
		ix.negated[c.ID] = negationIn(c.Text) != ""
		bags = append(bags, make(map[string]float64))
		add(len(ix.ids)-1, c.Text+" "+c.Topic)
	}
	for _, s := range ds.Statements {
		if d, ok := docs[s.Claim]; ok && s.Quote != "" {
			add(d, s.Quote)
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

// match ranks the claims against text and returns the best and the
// runner-up.
func (ix *claimIndex) match(text string) ClaimMatch {
	var m ClaimMatch
	if ix == nil {
		return m
	}
	scores := make(map[int]float64)
	best := 0.0
	seen := make(map[string]bool)
	for _, t := range claimTerms(text) {
		if seen[t] {
			continue
		}
		seen[t] = true
		idf, ok := ix.idf[t]
		if !ok {
			// A word no claim has counts at the weight of the rarest.
			idf = math.Log(1 + (float64(len(ix.ids))-0.5)/1.5)
		}
		best += idf * (bm25K1 + 1)
		for _, p := range ix.post[t] {
			norm := bm25K1 * (1 - bm25B + bm25B*ix.lens[p.doc]/ix.avg)
			scores[p.doc] += idf * p.tf * (bm25K1 + 1) / (p.tf + norm)
		}
	}
	order := make([]int, 0, len(scores))
	for d := range scores {
		order = append(order, d)
	}
	sort.Slice(order, func(a, b int) bool {
		if scores[order[a]] != scores[order[b]] {
			return scores[order[a]] > scores[order[b]]
		}
		return ix.ids[order[a]] < ix.ids[order[b]]
	})
	if len(order) > 0 {
		m.Claim, m.Score = ix.ids[order[0]], round3(scores[order[0]])
		if best > 0 {
			m.Relative = round3(scores[order[0]] / best)
		}
		m.Linked = m.Relative >= ClaimThreshold
	}
	if len(order) > 1 {
		m.RunnerUp, m.RunnerUpScore = ix.ids[order[1]], round3(scores[order[1]])
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
// words of two letters or more, without very common words, with a plural
// or third-person s taken off long words.
func claimTerms(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(annotations.NormalizeText(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len(f) < 2 || claimStop[f] {
			continue
		}
		if len(f) > 4 && strings.HasSuffix(f, "s") && !strings.HasSuffix(f, "ss") {
			f = f[:len(f)-1]
		}
		out = append(out, f)
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

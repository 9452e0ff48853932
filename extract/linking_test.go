package extract

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/claimnet/claimnet/annotations"
)

// linkDataset is a small dataset of an imaginary border dispute between
// Norland and Vesta, for the claim retrieval's rules.
var linkDataset = &annotations.Dataset{
	Actors: []*annotations.Actor{
		{ID: "vesta", Name: "Vesta", Type: annotations.TypeState, Aliases: []string{"Kessel"}},
		{ID: "norland", Name: "Norland", Type: annotations.TypeState, Aliases: []string{"Ostburg"}},
		{ID: "paul-okafor", Name: "Paul Okafor", Type: annotations.TypePerson},
	},
	Claims: []*annotations.Claim{
		{ID: "vesta-shelters-rebels", Text: "Vesta provides shelter to the rebels of the northern front.", Topic: "rebels", About: []string{"vesta"}},
		{ID: "border-must-reopen", Text: "The border crossings with Vesta must reopen for trade.", Topic: "border"},
		{ID: "talks-collapsed", Text: "The Lund round broke off without an agreement.", Topic: "talks"},
		{ID: "rebels-must-disarm", Text: "The rebels must lay down their weapons.", Topic: "rebels"},
		{ID: "norland-meddles", Text: "Norland meddles in the internal affairs of Vesta.", Topic: "sovereignty", About: []string{"norland", "vesta"}},
	},
	Statements: []*annotations.Statement{
		{Actor: "paul-okafor", Claim: "talks-collapsed", Quote: "the negotiations in Lund ended with nothing", Stance: annotations.Support, Source: "s1"},
	},
}

// TestClaimLinkRules covers what the retrieval does beyond plain BM25 over
// the claims' words: stems, synonyms, the aliases of the actors a claim is
// about, the quotes already coded for a claim, the sentence around a
// quote, and the margin over the runner-up.
func TestClaimLinkRules(t *testing.T) {
	tests := []struct {
		name, text, quote string
		claim             string // the linked claim, or "" for a new one
		ahead             bool   // linked by the margin over the runner-up
		candidates        []string
	}{
		{"a stem and a synonym of the claim's words, and an alias of the actor it is about",
			"Officials in Ostburg accused Kessel of harbouring the rebels.",
			"Kessel of harbouring the rebels", "vesta-shelters-rebels", false, nil},
		{"a quote coded for the claim describes it in other words",
			"Paul Okafor said that the negotiations in Lund were terminated.",
			"the negotiations in Lund were terminated", "talks-collapsed", false, nil},
		{"the sentence around a quote that names nothing",
			"Asked about the border crossings with Vesta, Paul Okafor said: “We need it before the winter.”",
			"We need it before the winter.", "border-must-reopen", true, nil},
		{"far from every claim but clearly closest to one",
			"“Farmers from the hills tell me that idle trucks, shuttered stalls and hungry children are what the closed border crossings bring us every single week,” Paul Okafor said.",
			"Farmers from the hills tell me that idle trucks, shuttered stalls and hungry children are what the closed border crossings bring us every single week,", "border-must-reopen", true, nil},
		{"two claims equally close and both far: a new claim, with both as candidates",
			"“Everyone in the valley still talks about the rebels, the old mill, the winter floods and the new school,” Paul Okafor said.",
			"Everyone in the valley still talks about the rebels, the old mill, the winter floods and the new school,", "", false, []string{"rebels-must-disarm", "vesta-shelters-rebels"}},
		{"words no claim shares give a new claim",
			"“Our orchestra will tour abroad in spring,” Paul Okafor said.",
			"Our orchestra will tour abroad in spring,", "", false, nil},
	}
	e := New(WithActors(linkDataset.Actors), WithClaims(linkDataset))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := statementQuoting(t, e, tt.text, tt.quote)
			if s == nil {
				return
			}
			if got := linkedClaim(s); got != tt.claim || s.Match.Ahead != tt.ahead {
				t.Errorf("got claim %q ahead %v (%+v), want %q ahead %v", got, s.Match.Ahead, s.Match, tt.claim, tt.ahead)
			}
			var ids []string
			for _, c := range s.Match.Candidates {
				ids = append(ids, c.Claim)
			}
			for _, want := range tt.candidates {
				if !slices.Contains(ids, want) {
					t.Errorf("candidates %v, want %s among them", ids, want)
				}
			}
			if len(ids) > ClaimCandidates || len(ids) > 0 && ids[0] != s.Match.Claim {
				t.Errorf("candidates %v: want at most %d, the best (%s) first", ids, ClaimCandidates, s.Match.Claim)
			}
		})
	}
}

func TestClaimTerms(t *testing.T) {
	tests := []struct{ a, b string }{
		{"harbouring", "harbors"},
		{"assurances", "guarantees"},
		{"penalised", "penalize"},
		{"negotiations", "talks"},
		{"neighbouring", "neighbors"},
		{"inflexibility", "inflexible"},
	}
	for _, tt := range tests {
		a, b := claimTerms(tt.a), claimTerms(tt.b)
		if len(a) != 1 || len(b) != 1 || a[0] != b[0] {
			t.Errorf("claimTerms(%q) = %q, claimTerms(%q) = %q, want the same term", tt.a, a, tt.b, b)
		}
	}
	if got := claimTerms("the talks were not held"); strings.Join(got, " ") != "talk held" {
		t.Errorf("claimTerms drops common words: got %q", got)
	}
}

// TestClaimNoteCandidates checks that a draft's note says which rule
// linked the statement and lists the candidates.
func TestClaimNoteCandidates(t *testing.T) {
	tests := []struct {
		m    ClaimMatch
		want string
	}{
		{ClaimMatch{Claim: "a", Score: 2, Relative: 0.3, RunnerUp: "b", RunnerUpScore: 1, Linked: true,
			Candidates: []Candidate{{"a", 2, 0.3}, {"b", 1, 0.15}}},
			"claim: existing a (BM25 2, relative 0.30; candidates: a 0.30, b 0.15)"},
		{ClaimMatch{Claim: "a", Score: 2, Relative: 0.1, RunnerUp: "b", RunnerUpScore: 1, Linked: true, Ahead: true,
			Candidates: []Candidate{{"a", 2, 0.1}, {"b", 1, 0.05}}},
			"claim: existing a (BM25 2, relative 0.10, below 0.15 but 2.0 times the runner-up's score; candidates: a 0.10, b 0.05)"},
		{ClaimMatch{Claim: "a", Score: 1.1, Relative: 0.1, RunnerUp: "b", RunnerUpScore: 1,
			Candidates: []Candidate{{"a", 1.1, 0.1}, {"b", 1, 0.09}}},
			"claim: new (closest existing a at relative 0.10, below 0.15, and not 1.5 times the runner-up's score; candidates: a 0.10, b 0.09)"},
		{ClaimMatch{}, "claim: new (no existing claim shares its words)"},
	}
	for _, tt := range tests {
		if got := claimNote(tt.m); got != tt.want {
			t.Errorf("claimNote(%+v)\n got %s\nwant %s", tt.m, got, tt.want)
		}
	}
}

// TestEvaluateClaimsLeaveOneOut checks that Evaluate links each source's
// statements with a dataset without that source's statements, counts a
// link to any claim the dataset codes for the quote, and reports the
// number with the source's statements seen.
func TestEvaluateClaimsLeaveOneOut(t *testing.T) {
	corpus := fstest.MapFS{
		"a.txt": {Data: []byte("Paul Okafor said that the bakers of Lund want cheaper flour and longer opening hours.\n")},
		"b.txt": {Data: []byte("Paul Okafor said that the orchestra of Lund will tour the islands in spring.\n")},
	}
	gold := &annotations.Dataset{
		Actors: []*annotations.Actor{{ID: "paul-okafor", Name: "Paul Okafor", Type: annotations.TypePerson}},
		Claims: []*annotations.Claim{
			{ID: "bakers-demands", Text: "Bakers want cheaper flour."},
			{ID: "shops-open-longer", Text: "Shops should open longer."},
			{ID: "orchestra-tour", Text: "The orchestra goes on a tour."},
			{ID: "budget-cuts", Text: "The budget will be cut."},
		},
		Sources: []*annotations.Source{{ID: "a", Title: "A", File: "a.txt"}, {ID: "b", Title: "B", File: "b.txt"}},
		Statements: []*annotations.Statement{
			// a codes one quote for two claims: either link is right.
			{Actor: "paul-okafor", Claim: "shops-open-longer", Stance: annotations.Support, Source: "a",
				Quote: "the bakers of Lund want cheaper flour and longer opening hours"},
			{Actor: "paul-okafor", Claim: "bakers-demands", Stance: annotations.Support, Source: "a",
				Quote: "the bakers of Lund want cheaper flour and longer opening hours"},
			// b's claim is described only by b's own quote: the
			// leave-one-out retrieval cannot find it, the other can.
			{Actor: "paul-okafor", Claim: "budget-cuts", Stance: annotations.Support, Source: "b",
				Quote: "the orchestra of Lund will tour the islands in spring"},
		},
	}
	rep, err := Evaluate(context.Background(), corpus, gold, New(WithActors(gold.Actors)))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Coded != 2 || rep.ClaimRight != 1 || rep.ClaimRightSeen != 2 || rep.StanceRight != 2 {
		t.Errorf("coded %d, linked right %d (seen %d), stance right %d; want 2, 1 (2), 2",
			rep.Coded, rep.ClaimRight, rep.ClaimRightSeen, rep.StanceRight)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"claims, leave-one-source-out: 1 of 2", "claims, source's own statements in the dataset: 2 of 2"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

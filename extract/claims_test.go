package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
)

// claimsDataset is a small dataset of the snippets' imaginary country.
var claimsDataset = &annotations.Dataset{
	Actors: knownActors,
	Claims: []*annotations.Claim{
		{ID: "dam-will-flood-valley", Text: "The new dam will flood the northern valley.", Topic: "dam"},
		{ID: "taxes-must-rise", Text: "Taxes on fuel must rise next year.", Topic: "budget"},
		{ID: "port-sale-is-legal", Text: "The sale of the port to a foreign buyer is legal.", Topic: "port"},
		{ID: "valley-needs-water", Text: "The northern valley needs more water for its farms.", Topic: "water"},
	},
	Statements: []*annotations.Statement{
		{Actor: "paul-okafor", Claim: "port-sale-is-legal", Quote: "the harbour deal breaks no law", Stance: annotations.Support},
	},
}

func TestClaimLinkAndStance(t *testing.T) {
	tests := []struct {
		name, text, quote string
		claim             string // the linked claim, or "" for a new one
		runnerUp          bool
		stance            annotations.Stance
		cue               string
	}{
		{"a statement in the claim's words links to it",
			"Paul Okafor said that the dam will flood the northern valley within a decade.",
			"the dam will flood the northern valley within a decade", "dam-will-flood-valley", true, annotations.Support, "asserted"},
		{"an earlier quote of the claim finds it",
			"“The harbour deal breaks no law at all,” Paul Okafor said.",
			"The harbour deal breaks no law at all,", "port-sale-is-legal", false, annotations.Support, "asserted"},
		{"a denial of the claim opposes it",
			"Paul Okafor denied that the dam will flood the valley.",
			"the dam will flood the valley", "dam-will-flood-valley", true, annotations.Oppose, "verb: deny"},
		{"a negation of the claim opposes it",
			"“Fuel taxes will never rise next year,” Paul Okafor said.",
			"Fuel taxes will never rise next year,", "taxes-must-rise", false, annotations.Oppose, "negation: never"},
		{"words no claim shares give a new claim",
			"“Our orchestra will tour abroad in spring,” Paul Okafor said.",
			"Our orchestra will tour abroad in spring,", "", false, annotations.Support, "asserted"},
		{"a quotation that is its own claim is asserted whatever the verb",
			"“Our orchestra never toured abroad,” Paul Okafor denied.",
			"Our orchestra never toured abroad,", "", false, annotations.Support, "asserted"},
	}
	e := New(WithActors(knownActors), WithClaims(claimsDataset))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := statementQuoting(t, e, tt.text, tt.quote)
			if s == nil {
				return
			}
			got := linkedClaim(s)
			if got != tt.claim || s.Stance != tt.stance || s.Cue != tt.cue {
				t.Errorf("got claim %q (%+v) stance %v cue %q, want %q %v %q", got, s.Match, s.Stance, s.Cue, tt.claim, tt.stance, tt.cue)
			}
			if tt.runnerUp && (s.Match.RunnerUp == "" || s.Match.RunnerUpScore > s.Match.Score) {
				t.Errorf("runner-up %q %.3f, want one scored at most %.3f", s.Match.RunnerUp, s.Match.RunnerUpScore, s.Match.Score)
			}
		})
	}
}

func TestDraftClaimCases(t *testing.T) {
	e := New(WithActors(knownActors), WithClaims(claimsDataset))
	text := "Paul Okafor denied that the dam will flood the valley. “Our orchestra will tour abroad in spring,” Paul Okafor said."
	doc, err := e.Extract(context.Background(), "snippet.txt", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	f := DraftFile(doc)
	if len(f.Statements) != 2 {
		t.Fatalf("got %d statements, want 2", len(f.Statements))
	}
	linked, fresh := f.Statements[0], f.Statements[1]
	if linked.Claim != "dam-will-flood-valley" || !strings.Contains(linked.Note, "claim: existing dam-will-flood-valley") || !strings.Contains(linked.Note, "stance: verb: deny") {
		t.Errorf("linked statement: claim %q note %q", linked.Claim, linked.Note)
	}
	if !strings.HasPrefix(fresh.Claim, "todo-") || !strings.Contains(fresh.Note, "claim: new") {
		t.Errorf("new statement: claim %q note %q", fresh.Claim, fresh.Note)
	}
	if len(f.Claims) != 1 || f.Claims[0].Text != "Our orchestra will tour abroad in spring." {
		t.Errorf("new claims %+v, want one clean proposition", f.Claims)
	}
}

func TestProposition(t *testing.T) {
	for in, want := range map[string]string{
		"that the talks had failed,": "The talks had failed.",
		"We will stay.":              "We will stay.",
		"is this the end?":           "Is this the end?",
		"  ":                         "",
	} {
		if got := proposition(in); got != want {
			t.Errorf("proposition(%q) = %q, want %q", in, got, want)
		}
	}
}

// statementQuoting extracts text with e and returns its statement that
// quotes quote, or reports an error and returns nil.
func statementQuoting(t *testing.T, e *Extractor, text, quote string) *Statement {
	t.Helper()
	doc, err := e.Extract(context.Background(), "snippet.txt", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	for i := range doc.Statements {
		if doc.Statements[i].Quote == quote {
			return &doc.Statements[i]
		}
	}
	t.Errorf("no statement quotes %q:\n%s", quote, dump(doc))
	return nil
}

// linkedClaim is the claim s is proposed for, or "" for a new one.
func linkedClaim(s *Statement) string {
	if s.Match.Linked {
		return s.Match.Claim
	}
	return ""
}

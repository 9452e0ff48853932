package extract

import (
	"context"
	"strings"
	"testing"
)

// TestReportedRules has one short text, written for this test, for each
// rule of reported speech: the reported statement whose quote is quote
// must name speaker (or, when speaker is empty, give why). A rule whose
// quote is empty asserts that the text yields no reported statement.
func TestReportedRules(t *testing.T) {
	tests := []struct {
		rule, text, quote, speaker, why string
	}{
		{"a subject phrase the mention rules do not know",
			"Several cast members said the director shouted at the crew every day.",
			"the director shouted at the crew every day", "", WhyUnnamed},
		{"a subject phrase with a prepositional phrase",
			"Experts on ocean shipping said the new canal could change that soon.",
			"the new canal could change that soon", "", WhyUnnamed},
		{"a relative pronoun as subject",
			"The host took calls from listeners who said they had doubts about the plan.",
			"they had doubts about the plan", "", WhyUnnamed},
		{"a possessive before a speech noun is no subject",
			"Sara Kim’s demand for higher wages was ignored by the board.",
			"", "", ""},
		{"an infinitive is no speech",
			"It is too early to say the budget would be cut this year.",
			"", "", ""},
		{"that as a pronoun is no complementizer",
			"The mayor said the new canal could change that soon.",
			"the new canal could change that soon", "", WhyUnnamed},
		{"attribution after the sentence with an unknown subject",
			"The plant will close in June, a source said.",
			"The plant will close in June", "", WhyUnnamed},
		{"inverted attribution with a long apposition",
			"The ad could start this week, said Nora Blake, an adviser to the group that runs the campaign.",
			"The ad could start this week", "Nora Blake", ""},
		{"according to any source phrase",
			"Prices rose by four percent last year, according to the latest survey of shops.",
			"Prices rose by four percent last year", "", WhyUnnamed},
		{"attribution that interrupts the proposition",
			"The museum, Ms. Nora Blake said, will open to visitors in May.",
			"The museum, Ms. Nora Blake said, will open to visitors in May", "Nora Blake", ""},
		{"a plural pronoun names no one",
			"They said the road would reopen next week after the repairs.",
			"the road would reopen next week after the repairs", "", WhyUnnamed},
		{"a speech verb's form after a preposition is a noun",
			"Many residents see the vote as a chance to move beyond blame and rebuild trust between the two towns.",
			"", "", ""},
		{"a speech verb's form after an article is a noun",
			"The panel published the report and two maps of the flooded valley last week.",
			"", "", ""},
		{"a modal makes speech hypothetical",
			"Some council members might say the budget is too small for the city.",
			"", "", ""},
	}
	e := New()
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			doc, err := e.Extract(context.Background(), "snippet.txt", strings.NewReader(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range doc.Statements {
				if s.Kind != Reported {
					continue
				}
				if tt.quote == "" {
					t.Fatalf("got a reported statement, want none:\n%s", dump(doc))
				}
				if s.Quote != tt.quote {
					continue
				}
				if s.Speaker != tt.speaker || s.Why != tt.why {
					t.Errorf("got speaker %q why %q, want %q %q\n%s", s.Speaker, s.Why, tt.speaker, tt.why, dump(doc))
				}
				return
			}
			if tt.quote != "" {
				t.Errorf("no reported statement quotes %q:\n%s", tt.quote, dump(doc))
			}
		})
	}
}

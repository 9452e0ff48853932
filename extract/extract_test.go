package extract

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimnet/claimnet/annotations"
	"go.yaml.in/yaml/v3"
)

// want is one expected statement. Its offsets are checked against the
// position of quote in the snippet (the occurrence after the preceding
// expected statement's).
type want struct {
	kind    Kind
	speaker string
	quote   string
	verb    string
	stance  annotations.Stance
	actor   string
}

// knownActors are the actors of the snippets' imaginary country.
var knownActors = []*annotations.Actor{
	{ID: "freedonia-government", Name: "Government of Freedonia", Type: annotations.TypeGovernment, Aliases: []string{"Fredville", "the Freedonian government"}},
	{ID: "paul-okafor", Name: "Paul Okafor", Type: annotations.TypePerson, Role: "Minister of the Interior of Freedonia"},
	{ID: "freedonia-press-office", Name: "Press office of Freedonia", Type: annotations.TypeGovernment, Role: "Government press secretary", Aliases: []string{"the press secretary"}},
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"quote then name and verb",
			"“We will not back down,” Maria Lopez said on Tuesday.",
			[]want{{Direct, "Maria Lopez", "We will not back down,", "say", annotations.Support, ""}}},
		{"quote then verb and role resolved to the named holder",
			"Foreign Minister John Carter arrived on Monday. “The plan is dead,” said the minister.",
			[]want{{Direct, "John Carter", "The plan is dead,", "say", annotations.Support, ""}}},
		{"name, verb and colon",
			"Mayor Ellen Ward said: “The bridge will reopen next week.”",
			[]want{{Direct, "Ellen Ward", "The bridge will reopen next week.", "say", annotations.Support, ""}}},
		{"apposition between name and verb",
			"Omar Farouk, a fruit seller in the old market, complained, “Nobody buys anything anymore.”",
			[]want{{Direct, "Omar Farouk", "Nobody buys anything anymore.", "complain", annotations.Support, ""}}},
		{"role then name in apposition, verb with object",
			"The spokeswoman, Lina Haddad, told reporters, “We have received no proposal.”",
			[]want{{Direct, "Lina Haddad", "We have received no proposal.", "tell", annotations.Support, ""}}},
		{"according to",
			"According to Peter Brandt, “the deal was never on the table at any point.”",
			[]want{{Direct, "Peter Brandt", "the deal was never on the table at any point.", "according to", annotations.Support, ""}}},
		{"possessive speech noun and surname",
			"Peter Brandt met the envoys. Brandt’s statement, “We expect an answer by Friday,” was read aloud.",
			[]want{{Direct, "Peter Brandt", "We expect an answer by Friday,", "say", annotations.Support, ""}}},
		{"verb with own words",
			"Senator Alan Reyes responded with his own sharp words: “This is a betrayal of the voters.”",
			[]want{{Direct, "Alan Reyes", "This is a betrayal of the voters.", "respond", annotations.Support, ""}}},
		{"pronoun",
			"Ahmed Karimi arrived late. “The talks failed,” he said.",
			[]want{{Direct, "Ahmed Karimi", "The talks failed,", "say", annotations.Support, ""}}},
		{"second quotation of the same speaker with and added",
			"Lina Haddad told reporters, “We have no proposal yet,” and added, “We are still waiting.”",
			[]want{
				{Direct, "Lina Haddad", "We have no proposal yet,", "tell", annotations.Support, ""},
				{Direct, "Lina Haddad", "We are still waiting.", "add", annotations.Support, ""},
			}},
		{"quotation continued in the next sentence",
			"“Prices have doubled,” said Jonas Meyer. “Nobody can afford bread any more.”",
			[]want{
				{Direct, "Jonas Meyer", "Prices have doubled,", "say", annotations.Support, ""},
				{Direct, "Jonas Meyer", "Nobody can afford bread any more.", "", annotations.Support, ""},
			}},
		{"trailing name with apposition",
			"“Prices doubled in a month,” Jonas Meyer, a baker in the town, said.",
			[]want{{Direct, "Jonas Meyer", "Prices doubled in a month,", "say", annotations.Support, ""}}},
		{"ASCII quotation marks",
			`"We are not leaving this place," said Anna Weiss.`,
			[]want{{Direct, "Anna Weiss", "We are not leaving this place,", "say", annotations.Support, ""}}},
		{"scare quotes are terms",
			"The army described the raid as a “limited operation” and moved on to “phase two.”",
			[]want{
				{Term, "", "limited operation", "describe", 0, ""},
				{Term, "", "phase two.", "describe", 0, ""},
			}},
		{"short attributed utterance is a statement",
			"“Never,” Maria Lopez said.",
			[]want{{Direct, "Maria Lopez", "Never,", "say", annotations.Support, ""}}},
		{"partial quotation completing reported speech",
			"Maria Lopez urged the council to “stop the evictions now.”",
			[]want{{Direct, "Maria Lopez", "stop the evictions now.", "urge", annotations.Support, ""}}},
		{"reported: insist that",
			"Opposition leader Rita Mensah insisted that the election had been rigged.",
			[]want{{Reported, "Rita Mensah", "the election had been rigged", "insist", annotations.Support, ""}}},
		{"reported: reject",
			"Minister Paul Okafor rejected the proposal for a joint patrol.",
			[]want{{Reported, "Paul Okafor", "the proposal for a joint patrol", "reject", annotations.Oppose, "paul-okafor"}}},
		{"reported: deny",
			"Paul Okafor denied that any soldiers had crossed the border.",
			[]want{{Reported, "Paul Okafor", "any soldiers had crossed the border", "deny", annotations.Oppose, "paul-okafor"}}},
		{"reported: accuse of",
			"Union leader Sara Kim accused the company of breaking the agreement.",
			[]want{{Reported, "Sara Kim", "the company of breaking the agreement", "accuse", annotations.Support, ""}}},
		{"reported: demand, ending at a new clause",
			"Sara Kim demanded an immediate halt to the layoffs, while the company stayed silent.",
			[]want{{Reported, "Sara Kim", "an immediate halt to the layoffs", "demand", annotations.Support, ""}}},
		{"reported: metonym declared as an alias",
			"Fredville warned that the border would stay closed for months.",
			[]want{{Reported, "Fredville", "the border would stay closed for months", "warn", annotations.Support, "freedonia-government"}}},
		{"unnamed role resolved through an actor's role",
			"As the press secretary put it: “We will answer every question.”",
			[]want{{Direct, "", "We will answer every question.", "put it", annotations.Support, "freedonia-press-office"}}},
		{"speaker label",
			"Lena Voss: “We have said everything we had to say.”\nUpdate: “More later.”",
			[]want{
				{Direct, "Lena Voss", "We have said everything we had to say.", "", annotations.Support, ""},
				{Direct, "", "More later.", "", annotations.Support, ""},
			}},
		{"reported: that after an adverbial",
			"Sara Kim said on Monday that the strike would go on.",
			[]want{{Reported, "Sara Kim", "the strike would go on", "say", annotations.Support, ""}}},
		{"reported: unnamed organisation",
			"The company said it would cut five hundred jobs.",
			[]want{{Reported, "", "it would cut five hundred jobs", "say", annotations.Support, ""}}},
		{"a name in a prepositional phrase is no subject; a participle shares the subject",
			"Freedonia's government on Monday rejected calls for an inquiry, saying the police had acted within the law.",
			[]want{
				{Reported, "Freedonia's government", "calls for an inquiry", "reject", annotations.Oppose, ""},
				{Reported, "Freedonia's government", "the police had acted within the law", "say", annotations.Support, ""},
			}},
		{"reported: attribution after the proposition",
			"The bridge will reopen in May after the repairs, officials said on Monday.",
			[]want{{Reported, "", "The bridge will reopen in May after the repairs", "say", annotations.Support, ""}}},
		{"reported: according to after the proposition",
			"Ruth Odhi spoke first. The vote was delayed by two weeks, according to Ruth Odhi.",
			[]want{{Reported, "Ruth Odhi", "The vote was delayed by two weeks", "according to", annotations.Support, ""}}},
		{"a surname refreshes its person for a later pronoun",
			"Interior Minister Kito Banda spoke first. Opposition leader Ruth Odhi spoke next. Banda dismissed the charge. “They are playing politics,” he said.",
			[]want{{Direct, "Kito Banda", "They are playing politics,", "say", annotations.Support, ""}}},
		{"modal speech is no statement",
			"The council should insist that the company pays for the damage.",
			nil},
		{"nouns are no speech",
			"Sara Kim’s demand for higher wages was ignored.",
			nil},
		{"quotation over two paragraphs",
			"Grace Obi said: “We asked for water and got nothing.\n“We asked for roads and got nothing.”\nThe meeting ended.",
			[]want{{Direct, "Grace Obi", "We asked for water and got nothing. We asked for roads and got nothing.", "say", annotations.Support, ""}}},
		{"unclosed quotation ends with its paragraph",
			"Grace Obi said: “We asked for water and got nothing.\nThe meeting ended without a deal.",
			[]want{{Direct, "Grace Obi", "We asked for water and got nothing.", "say", annotations.Support, ""}}},
		{"abbreviations and hyphenated titles in a trailing attribution",
			"“The situation is very serious,” U.N. Secretary-General Ana Ruiz told reporters.",
			[]want{{Direct, "Ana Ruiz", "The situation is very serious,", "tell", annotations.Support, ""}}},
		{"a capitalised word mid-sentence is no verb",
			"Mr. Daniel Ross said the United States would “stand firm against any aggression.”",
			[]want{{Direct, "Daniel Ross", "stand firm against any aggression.", "say", annotations.Support, ""}}},
		{"short whole sentence continues the previous speaker",
			"“We are ready,” Ms. Vera Lind said. “But guarantees first.”",
			[]want{
				{Direct, "Vera Lind", "We are ready,", "say", annotations.Support, ""},
				{Direct, "Vera Lind", "But guarantees first.", "", annotations.Support, ""},
			}},
		{"repeated paragraph is skipped",
			"Anna Weiss said: “The shelter is full tonight.”\nSupport our newsroom: every gift counts.\nSupport our newsroom: every gift counts.\nAnna Weiss said: “The shelter is full tonight.”",
			[]want{{Direct, "Anna Weiss", "The shelter is full tonight.", "say", annotations.Support, ""}}},
	}
	e := New(WithActors(knownActors))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := e.Extract(context.Background(), "snippet.txt", strings.NewReader(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Statements) != len(tt.want) {
				t.Fatalf("got %d statements, want %d:\n%s", len(doc.Statements), len(tt.want), dump(doc))
			}
			from := 0
			for i, w := range tt.want {
				got := doc.Statements[i]
				if got.Kind != w.kind || got.Speaker != w.speaker || got.Quote != w.quote || got.Verb != w.verb || got.Stance != w.stance || got.Actor != w.actor {
					t.Errorf("statement %d:\n got %+v\nwant %+v", i, got, w)
				}
				span := w.quote
				if strings.Contains(tt.text, "\n“") {
					// A quotation over two paragraphs: the offsets cover
					// both parts and the reopening mark between them.
					span = strings.Replace(w.quote, ". ", ".\n“", 1)
				}
				start := from + strings.Index(tt.text[from:], span)
				end := start + len(span)
				if got.Start != start || got.End != end {
					t.Errorf("statement %d: offsets [%d:%d], want [%d:%d]", i, got.Start, got.End, start, end)
				}
				from = end
			}
		})
	}
}

func dump(d *Document) string {
	var b strings.Builder
	for _, s := range d.Statements {
		b.WriteString("  ")
		b.WriteString(string(s.Kind) + " " + s.Speaker + " [" + s.Verb + "] " + s.Quote + "\n")
	}
	return b.String()
}

func TestNewActors(t *testing.T) {
	doc, err := New().Extract(context.Background(), "x.txt", strings.NewReader("“We are ready,” Tomas Berg, the union chairman, said. “Ready for what?” asked nobody."))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.NewActors) != 1 {
		t.Fatalf("got %d new actors, want 1: %+v", len(doc.NewActors), doc.NewActors)
	}
	a := doc.NewActors[0]
	if a.ID != "tomas-berg" || a.Name != "Tomas Berg" || a.Type != annotations.TypePerson || a.Role != "union chairman" {
		t.Errorf("new actor %+v", *a)
	}
}

func TestCleanUp(t *testing.T) {
	tests := []struct {
		name, text string
		keep       []string
	}{
		{"repeated paragraphs", "One paragraph that says something.\nAppeal: give us money today.\nAppeal: give us money today.\nLast.",
			[]string{"One paragraph that says something.", "Appeal: give us money today.", "Last."}},
		{"truncated copy of an earlier paragraph", "The talks resumed on Monday in the capital after a pause.\nThe talks resumed on Monday in the capital",
			[]string{"The talks resumed on Monday in the capital after a pause."}},
		{"glued duplicated fragment", "Keep the border open for trade and travel. A strong economy helps diplomacy.order open for trade and travel. A strong economy helps diplomacy.",
			[]string{"Keep the border open for trade and travel. A strong economy helps diplomacy."}},
		{"repeated sentence inside a paragraph", "The shelter is full again tonight. Doors close at nine. The shelter is full again tonight. Bring blankets.",
			[]string{"The shelter is full again tonight. Doors close at nine.", "Bring blankets."}},
		{"short repeated lines stay", "Thank you\nThank you",
			[]string{"Thank you"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units, _ := cleanUp(tt.text)
			var got []string
			for _, u := range units {
				got = append(got, tt.text[u.start:u.end])
			}
			if strings.Join(got, "|") != strings.Join(tt.keep, "|") {
				t.Errorf("kept %q, want %q", got, tt.keep)
			}
		})
	}
}

// FuzzExtract checks that no input makes the extractor panic; that text
// that is not UTF-8 is refused with an *annotations.Error and any other
// text is extracted; that every statement's offsets lie within the
// document and in order; and that the draft encodes and loads back.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"“We will not back down,” Maria Lopez said.",
		"Grace Obi said: “We asked for water.\n“And roads.”",
		`"unclosed`, "”reversed“", "“", "a.b.c. “x” ” “ \"", "Mr. . , “,” said", "\n\n“\n“\n",
		"Paul Okafor denied that", "According to", "X's statement, “", "A strong base.rritory base. A strong base.",
		// Bytes that are not UTF-8, and characters a YAML comment cannot hold.
		"Officials called it a “char\xffade” today.", "“We will \xe9 not,” he said.", "\xed\xa0\x80", "“\xe2\x80",
		"Critics called it a “\x00plan\x01.”", "“We \uffff will \ufffe go,” Ana Diaz said. It was a “\ufeffdeal.”",
		"“Not\x1b[31m now,” Ana Diaz said.\rShe called it a “\u2028trap.”", "Ana Diaz said: “\x7f\u0085\u0090”",
		// Repeats, truncated copies and glued fragments.
		"The talks resumed on Monday in the capital after a pause.\nThe talks resumed on Monday in the capital",
		"Visit www.ministry.gov for the text.ministry.gov for the text. Visit www.ministry.gov for the text.",
	} {
		f.Add(s)
	}
	e := New(WithActors(knownActors))
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := e.ExtractText(context.Background(), "fuzz", text)
		if !utf8.ValidString(text) {
			var ae *annotations.Error
			if !errors.As(err, &ae) || ae.Pos.Line < 1 || ae.Pos.Col < 1 {
				t.Fatalf("text that is not UTF-8: %v, want a located *annotations.Error", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range doc.Statements {
			if s.Start < 0 || s.Start > s.End || s.End > len(text) {
				t.Fatalf("offsets [%d:%d] outside a text of %d bytes", s.Start, s.End, len(text))
			}
		}
		var b bytes.Buffer
		if err := EncodeDraft(&b, DraftFile(doc)); err != nil {
			t.Fatalf("draft does not encode: %v", err)
		}
		if err := yaml.Unmarshal(b.Bytes(), new(yaml.Node)); err != nil {
			t.Fatalf("draft is not YAML: %v\n%s", err, b.String())
		}
	})
}

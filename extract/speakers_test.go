package extract

import (
	"context"
	"strings"
	"testing"
)

// TestSpeakerRules has one short text, written for this test, for each
// rule of attribution: the statement whose quote is quote must name
// speaker (or, when speaker is empty, give why) and be of kind kind.
func TestSpeakerRules(t *testing.T) {
	tests := []struct {
		rule, text, quote, speaker, why string
		kind                            Kind
	}{
		{"New York Times double apostrophes",
			"Nora Blake spoke at the dock.\n\n''The harbor will be dredged by spring,'' Ms. Blake said.",
			"The harbor will be dredged by spring,", "Nora Blake", "", Direct},
		{"curly single marks around speech",
			"Tom Reyes spoke last.\n\n‘We have waited long enough,’ Tom Reyes said.",
			"We have waited long enough,", "Tom Reyes", "", Direct},
		{"ASCII single marks around speech",
			"Tom Reyes spoke last.\n\n'We have waited long enough,' Tom Reyes said.",
			"We have waited long enough,", "Tom Reyes", "", Direct},
		{"an apostrophe is no quotation mark",
			"The farmers' union met. Tom Reyes said: “Prices don't cover costs.”",
			"Prices don't cover costs.", "Tom Reyes", "", Direct},
		{"guillemets",
			"Tom Reyes said: «The bridge stays closed.»",
			"The bridge stays closed.", "Tom Reyes", "", Direct},
		{"speech verb of the long tail",
			"“Go and vote,” Dana Price implored the crowd.",
			"Go and vote,", "Dana Price", "", Direct},
		{"verb before the name",
			"“Nothing has changed,” insisted Dana Price.",
			"Nothing has changed,", "Dana Price", "", Direct},
		{"long apposition with commas",
			"“The numbers do not add up,” Leo Marsh, director of the Budget Center and a lecturer at the state college, said of the plan.",
			"The numbers do not add up,", "Leo Marsh", "", Direct},
		{"party label in brackets",
			"“This is a waste of money,” Rep. Ada Quinn (D-Ore.) said Friday.",
			"This is a waste of money,", "Ada Quinn", "", Direct},
		{"dash signature",
			"Readers wrote in.\n\n“The schools need more teachers.” ― Ines Valdez",
			"The schools need more teachers.", "Ines Valdez", "", Direct},
		{"colon introduction in the paragraph before",
			"The Daily Ledger reported:\n\n“The council has not met since March and the budget is late.”",
			"The council has not met since March and the budget is late.", "Daily Ledger", "", Direct},
		{"colon roundup with a name and role",
			"Sam Ortiz, editor of a farm weekly: “The drought is the story of the year.”",
			"The drought is the story of the year.", "Sam Ortiz", "", Direct},
		{"colon after the subject's clause without a speech verb",
			"Dana Price stepped up to the podium and boomed: “We will win this district.”",
			"We will win this district.", "Dana Price", "", Direct},
		{"colon after a pronoun subject",
			"Dana Price spoke last. She went even further: “The budget is a fraud.”",
			"The budget is a fraud.", "Dana Price", "", Direct},
		{"a name after a dash in a roundup",
			"The polls tightened in the west - Lena Voss: “The rural vote decides it.”",
			"The rural vote decides it.", "Lena Voss", "", Direct},
		{"a one-word label before a colon is no speaker",
			"Update: “More details will follow.”",
			"More details will follow.", "", WhyNoAttribution, Direct},
		{"a second verb after but shares the subject",
			"Tom Reyes backed the mayor for years, but now said the council had “lost its way completely.”",
			"lost its way completely.", "Tom Reyes", "", Direct},
		{"a group noun that modifies a role after an inverted verb",
			"“The plan is reckless,” said Reyes campaign spokesman Dale Moss.",
			"The plan is reckless,", "Dale Moss", "", Direct},
		{"an unlisted past-tense verb inverted before a name",
			"“This is a great day!” beamed Nora Blake of Ashton.",
			"This is a great day!", "Nora Blake", "", Direct},
		{"an unlisted past-tense verb that ends the sentence",
			"“We will be back next year,” Dale Moss grinned.",
			"We will be back next year,", "Dale Moss", "", Direct},
		{"transcript labels",
			"Partial transcript:\n\n\"HOST: Will you run again?\n\n\"OKAFOR: I will not run again.\"",
			"OKAFOR: I will not run again.", "OKAFOR", "", Direct},
		{"continuation after the attribution",
			"“The roof leaks,” Mr. Carl Dunn said. “The walls are cracked and the heating is broken.”",
			"The walls are cracked and the heating is broken.", "Carl Dunn", "", Direct},
		{"continuation past a title",
			"“We are ready,” Ms. Vera Lind said on “Morning Talk Live.” “The strike ends when the talks end.”",
			"The strike ends when the talks end.", "Vera Lind", "", Direct},
		{"question attributed after its sentence end",
			"Rita Moss spoke first. “Who will pay for this?” Rita Moss asked.",
			"Who will pay for this?", "Rita Moss", "", Direct},
		{"partial quotation inside reported speech",
			"Rita Moss assured the station that the city takes the matter “very, very seriously.”",
			"very, very seriously.", "Rita Moss", "", Direct},
		{"attribution after other words",
			"“I have admiration for the mechanics” of the proposal, Mr. Hal Grant said.",
			"I have admiration for the mechanics", "Hal Grant", "", Direct},
		{"organisation as speaker",
			"The Tribune reports that the mayor wants to “sell the stadium before the election.”",
			"sell the stadium before the election.", "Tribune", "", Direct},
		{"progressive with a contracted is",
			"Hal Grant spoke in Ohio. He’s claiming that the count is “a complete and total fraud.”",
			"a complete and total fraud.", "Hal Grant", "", Direct},
		{"she skips a man named later",
			"Lucy Park took the stage. Her opponent, Mark Stone, sat in the front row. “We can win this,” she said.",
			"We can win this,", "Lucy Park", "", Direct},
		{"he is never a place",
			"Mr. Oscar Lind visited the Grand Canyon. “It is bigger than I thought,” he said.",
			"It is bigger than I thought,", "Oscar Lind", "", Direct},
		{"a title and a surname name a person for a later pronoun",
			"What Mr. Dunn has seen are the charts of a warming sea. “They are frightening,” he said in an interview.",
			"They are frightening,", "Dunn", "", Direct},
		{"a title and a surname refer to the full name given before",
			"Nora Blake runs the port. The harbor board met on Monday and Ms. Blake spoke. “The dredging starts in spring,” she said.",
			"The dredging starts in spring,", "Nora Blake", "", Direct},
		{"a surname that modifies a role is not the subject",
			"Mark Dunn won the county. Dunn consultant Carl Belt took the stage next. “The margin surprised us all,” he said.",
			"The margin surprised us all,", "Carl Belt", "", Direct},
		{"he with no man named before stays empty",
			"The Pacific Ocean is warming. “It is frightening,” he said.",
			"It is frightening,", "", WhyPronoun, Direct},
		{"a surname used alone first still stands for the full name",
			"Carter arrived late. Governor Ellen Ward and Tom Carter met. Carter spoke last. “We agree,” he said.",
			"We agree,", "Tom Carter", "", Direct},
		{"surname that is a role word",
			"“We want to be paid on time,” said Larry King, a driver.",
			"We want to be paid on time,", "Larry King", "", Direct},
		{"weekday is no part of the name",
			"“We will appeal the ruling,” Charlotte Webb Thursday said.",
			"We will appeal the ruling,", "Charlotte Webb", "", Direct},
		{"the newspaper is the outlet named before",
			"The Harbor Gazette published the letters on Monday. The newspaper wrote that the port was “run like a private club.”",
			"run like a private club.", "Harbor Gazette", "", Direct},
		{"a description with a proper noun is the speaker",
			"“We will not close the mill,” the Ohio businessman said.",
			"We will not close the mill,", "Ohio businessman", "", Direct},
		{"a role without a name stays empty",
			"“We will not close the mill,” a spokesman said.",
			"We will not close the mill,", "", WhyUnnamed, Direct},
		{"title of a show is no speech",
			"Ms. Vera Lind spoke on “Morning Talk Live” about the strike.",
			"Morning Talk Live", "", "", Title},
		{"a nickname given by a speaker is a term",
			"Ms. Vera Lind called him “Lazy Larry” again.",
			"Lazy Larry", "Vera Lind", "", Term},
		{"unattributed quotation says why",
			"The slogan on the wall read “Build the future together now.”",
			"Build the future together now.", "", WhyNoAttribution, Direct},
		{"headline is no speech",
			"Mayor Says Budget Is ‘Dead On Arrival’\n\nThe mayor spoke on Monday about the budget and the parks.",
			"Dead On Arrival", "", WhyHeadline, Scare},
		{"an unattributed short quotation is a scare quote",
			"The council's new “reforms” left the parks without staff.",
			"reforms", "", WhyNoAttribution, Scare},
		{"an attributed short quotation stays a term",
			"Ms. Vera Lind called the plan “a cheap trick” on Monday.",
			"a cheap trick", "Vera Lind", "", Term},
		{"a participle right after a name",
			"The new advert shows footage of Nora Blake asking, “Why are we not further ahead?”",
			"Why are we not further ahead?", "Nora Blake", "", Direct},
		{"a quotation right after reported speech continues its speaker",
			"The council may delay the vote until spring, Tom Reyes said. “The other option is to cancel it.”",
			"The other option is to cancel it.", "Tom Reyes", "", Direct},
		{"a sentence between reported speech and a quotation breaks the chain",
			"Tom Reyes said the vote was delayed. Nora Blake arrived late. “We will try again.”",
			"We will try again.", "", WhyNoAttribution, Direct},
	}
	e := New()
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			doc, err := e.Extract(context.Background(), "snippet.txt", strings.NewReader(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range doc.Statements {
				if s.Quote != tt.quote {
					continue
				}
				if s.Speaker != tt.speaker || s.Kind != tt.kind || s.Why != tt.why {
					t.Errorf("got speaker %q kind %s why %q, want %q %s %q\n%s", s.Speaker, s.Kind, s.Why, tt.speaker, tt.kind, tt.why, dump(doc))
				}
				return
			}
			t.Errorf("no statement quotes %q:\n%s", tt.quote, dump(doc))
		})
	}
}

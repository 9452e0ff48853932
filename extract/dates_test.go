package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
)

func TestFindDate(t *testing.T) {
	pub, _ := annotations.ParseDate("2016-09-28") // a Wednesday
	tests := []struct {
		text, date, words string
	}{
		{"Ms. Roe said on Sunday that the plan failed.", "2016-09-25", "on Sunday"},
		{"Ms. Roe said Wednesday that the plan failed.", "2016-09-28", "Wednesday"},
		{"Ms. Roe said last Wednesday that it failed.", "2016-09-21", "last Wednesday"},
		{"The mayor spoke yesterday.", "2016-09-27", "yesterday"},
		{"The mayor spoke today.", "2016-09-28", "today"},
		{"The mayor spoke this morning.", "2016-09-28", "this morning"},
		{"The mayor spoke last week.", "2016-09-21", "last week"},
		{"In a speech on November 2, the mayor said so.", "2015-11-02", "November 2"},
		{"In a speech on Sept. 12, the mayor said so.", "2016-09-12", "Sept 12"},
		{"In a speech on March 3, 2014, the mayor said so.", "2014-03-03", "March 3, 2014"},
		{"The report of 2016-08-01 said so.", "2016-08-01", "2016-08-01"},
		{"The mayor may speak again.", "", ""},
	}
	for _, tt := range tests {
		d, words := findDate(tt.text, pub)
		if d.String() != tt.date || words != tt.words {
			t.Errorf("findDate(%q) = %s %q, want %s %q", tt.text, d, words, tt.date, tt.words)
		}
	}
}

func TestStatementDates(t *testing.T) {
	text := "Harbor Town, Sept. 28, 2016\n\n“The port stays open,” Ms. Ana Lind said on Monday. She added that the ferries would run “as they did on Friday.”"
	doc, err := New().Extract(context.Background(), "x.txt", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Published.String() != "2016-09-28" {
		t.Fatalf("published %s, want 2016-09-28 from the dateline", doc.Published)
	}
	got := map[string]string{}
	for _, s := range doc.Statements {
		got[s.Quote] = s.Date.String() + " " + s.DateWords
	}
	if g := got["The port stays open,"]; g != "2016-09-26 on Monday" {
		t.Errorf("direct quotation dated %q, want 2016-09-26 on Monday", g)
	}
	if g := got["as they did on Friday."]; g != " " {
		t.Errorf("a date inside the quotation is the speaker's, not the statement's: got %q", g)
	}
	f := DraftFile(doc)
	if f.Source.Published.String() != "2016-09-28" || f.Statements[0].Date.String() != "2016-09-26" || !strings.Contains(f.Statements[0].Note, "date from: on Monday") {
		t.Errorf("draft: source published %s, statement date %s, note %q", f.Source.Published, f.Statements[0].Date, f.Statements[0].Note)
	}
}

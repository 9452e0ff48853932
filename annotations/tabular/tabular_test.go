package tabular_test

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/tabular"
)

// TestRoundTrip writes the built-in dataset's statements as a table and
// reads it back: the same statements, and the same actors, claims and
// sources for every one a statement names.
func TestRoundTrip(t *testing.T) {
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tabular.WriteStatements(&buf, d, d.Statements); err != nil {
		t.Fatal(err)
	}
	back, err := tabular.Read(bytes.NewReader(buf.Bytes()), tabular.Options{Name: "statements.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Statements) != len(d.Statements) {
		t.Fatalf("%d statements back, %d written", len(back.Statements), len(d.Statements))
	}
	for i, s := range d.Statements {
		g := back.Statements[i]
		if g.Actor != s.Actor || g.Claim != s.Claim || g.Stance != s.Stance || g.Quote != s.Quote || g.Source != s.Source ||
			g.Date != s.Date || g.Direct != s.Direct || g.Note != s.Note {
			t.Errorf("statement %d: %+v, want %+v", i, g, s)
		}
	}
	strip := func(x any) any {
		v := reflect.ValueOf(x).Elem()
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		c.FieldByName("Pos").Set(reflect.Zero(c.FieldByName("Pos").Type()))
		return c.Interface()
	}
	named := map[string]bool{}
	for _, s := range d.Statements {
		named[s.Actor] = true
	}
	for _, a := range back.Actors {
		want := d.Actor(a.ID)
		if want == nil {
			t.Errorf("actor %+v is not in the dataset", a)
			continue
		}
		if !named[a.ID] {
			// An actor that is only an affiliation stands in the table by
			// its id alone.
			if a.Name != a.ID {
				t.Errorf("affiliation-only actor %+v", a)
			}
			continue
		}
		if !reflect.DeepEqual(strip(a), strip(want)) {
			t.Errorf("actor %+v, want %+v", a, want)
		}
	}
	for _, c := range back.Claims {
		want := d.Claim(c.ID)
		if want == nil || c.Text != want.Text || c.Topic != want.Topic {
			t.Errorf("claim %+v, want %+v", c, want)
		}
	}
	for _, s := range back.Sources {
		if want := d.Source(s.ID); want == nil || !reflect.DeepEqual(strip(s), strip(want)) {
			t.Errorf("source %+v, want %+v", s, want)
		}
	}
	// And the table of the table is the table.
	var again bytes.Buffer
	if err := tabular.WriteStatements(&again, back, back.Statements); err != nil {
		t.Fatal(err)
	}
	if again.String() != buf.String() {
		t.Error("writing the read table again gives other bytes")
	}
}

func TestReadSpreadsheet(t *testing.T) {
	table := "Organisation,Concept,Agree,Date,Quote,Sector\n" +
		"Sierra Club,Emissions should be cut.,1,2005-01-03,We must cut emissions.,NGO\n" +
		"Senate,Emissions should be cut.,-1,2005-01-04,,gov\n" +
		"Sierra Club,Coal is cheap.,disagree,2005-01-05,Coal is not cheap.,NGO\n"
	d, err := tabular.Read(strings.NewReader(table), tabular.Options{Name: "coded.csv", Headers: map[string]string{"actor": "Organisation", "stance": "Agree"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Actors) != 2 || d.Actors[0].ID != "sierra-club" || d.Actors[0].Name != "Sierra Club" || len(d.Claims) != 2 || len(d.Sources) != 1 {
		t.Fatalf("actors %+v claims %+v sources %+v", d.Actors, d.Claims, d.Sources)
	}
	st := d.Statements
	if st[0].Stance != annotations.Support || st[1].Stance != annotations.Oppose || st[2].Stance != annotations.Oppose {
		t.Errorf("stances %v %v %v", st[0].Stance, st[1].Stance, st[2].Stance)
	}
	if st[1].Quote != annotations.NoQuote || st[1].Pos.String() != "coded.csv:3:1" {
		t.Errorf("quote-less row: quote %q at %s", st[1].Quote, st[1].Pos)
	}
	// check --corpus names the statement without a quote.
	err = annotations.CheckCorpus(d, nil)
	if err == nil || !strings.Contains(err.Error(), "coded.csv:3:1: statement has no quote") {
		t.Errorf("CheckCorpus: %v", err)
	}
}

// TestReadReportsEveryProblem: all bad rows at once, each at its line.
func TestReadReportsEveryProblem(t *testing.T) {
	table := "actor,claim,stance,date,actor_type\n" +
		"A,X,support,2025-01-01,person\n" +
		"A,X,maybe,2025-01-01,person\n" + // line 3: stance
		",X,support,2025-01-01,person\n" + // line 4: actor
		"A,X,support,2025-02-30,person\n" + // line 5: date
		"A,Y,oppose,2025-01-02,group\n" // line 6: another type for A
	_, err := tabular.Read(strings.NewReader(table), tabular.Options{Name: "bad.csv"})
	var list annotations.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err %v, want an ErrorList", err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Pos.String())
	}
	want := []string{"bad.csv:3:3", "bad.csv:4:1", "bad.csv:5:4", "bad.csv:6:5"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("positions %v, want %v\n%v", got, want, err)
	}
	for _, tt := range []struct{ table, msg string }{
		{"", "the table is empty"},
		{"actor,claim\nA,X\n", "no stance column"},
		{"actor,claim,stance\n", "no statements"},
		{"actor,claim,stance\nA,\"X,support\n", "bad.csv:2"},
	} {
		_, err := tabular.Read(strings.NewReader(tt.table), tabular.Options{Name: "bad.csv"})
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%q: err %v, want %q", tt.table, err, tt.msg)
		}
	}
	if _, err := tabular.Read(strings.NewReader("a,b,c\n"), tabular.Options{Headers: map[string]string{"organisation": "a"}}); !errors.Is(err, tabular.ErrHeader) {
		t.Errorf("mapping to no column: %v", err)
	}
}

func TestParseStance(t *testing.T) {
	for in, want := range map[string]annotations.Stance{
		"support": annotations.Support, " Agree ": annotations.Support, "1": annotations.Support, "+1": annotations.Support, "TRUE": annotations.Support,
		"oppose": annotations.Oppose, "disagree": annotations.Oppose, "0": annotations.Oppose, "-1": annotations.Oppose, "−1": annotations.Oppose, "false": annotations.Oppose,
	} {
		if got, ok := tabular.ParseStance(in); !ok || got != want {
			t.Errorf("ParseStance(%q) = %v, %v", in, got, ok)
		}
	}
	if _, ok := tabular.ParseStance("2"); ok {
		t.Error("2 is a stance")
	}
}

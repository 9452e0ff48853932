package agree

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/claimnet/claimnet/annotations"
)

// TestMerge merges the codings of TestOneStanceOneMissing: two agreed
// statements as they are, the stance disagreement and the statement only
// A has marked for review; the result loads as a dataset.
func TestMerge(t *testing.T) {
	codings := []Coding{
		coding(t, "a", stTruce+stOver+stHope+stDoubt),
		coding(t, "b", stTruce+stOver+stDoubtS),
	}
	rep, err := Compare(context.Background(), codings)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Merge(rep, codings)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := annotations.Encode(&buf, f); err != nil {
		t.Fatal(err)
	}
	d, err := annotations.Load(fstest.MapFS{"merged.yaml": {Data: buf.Bytes()}}, ".")
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(d.Statements) != 4 || len(d.Actors) != 2 || len(d.Claims) != 2 || len(d.Sources) != 1 {
		t.Fatalf("merged %+v", d.Stats())
	}
	var notes []string
	for _, s := range d.Statements {
		if strings.HasPrefix(s.Note, ReviewPrefix) {
			notes = append(notes, s.Quote+": "+s.Note)
		}
	}
	want := []string{
		"hoped the talks go on: REVIEW: only one coder has this statement.",
		"doubted the truce would last a week: REVIEW: the coders disagree: b coded bina support truce.",
	}
	if strings.Join(notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("review notes:\n%s\nwant:\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}
	if _, err := Merge(rep, codings[:1]); err == nil {
		t.Error("Merge with too few codings")
	}
}

package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/internal/testutil"
)

const agreeCodebook = `actors:
  - {id: amir, name: Amir, type: person}
  - {id: bina, name: Bina, type: person}
claims:
  - {id: truce, text: The truce holds.}
  - {id: talks, text: The talks go on.}
`

func agreeCoding(t *testing.T, statements string) string {
	return testutil.WriteFiles(t, map[string]string{
		"codebook.yaml": agreeCodebook,
		"s.yaml":        "source: {id: s1, title: Tiny, file: tiny.txt}\nstatements:\n" + statements,
	})
}

// TestAgreeCommand: two codings of one source that differ in one stance
// and one missing statement (α by hand in annotations/agree's test of the
// same case: stance 4/9 = 0.444, percent 2/3, κ 0.4).
func TestAgreeCommand(t *testing.T) {
	a := agreeCoding(t, `  - {actor: amir, claim: truce, stance: support, quote: "the truce holds"}
  - {actor: bina, claim: talks, stance: oppose, quote: "the talks are over"}
  - {actor: amir, claim: talks, stance: support, quote: "hoped the talks go on"}
  - {actor: bina, claim: truce, stance: oppose, quote: "doubted the truce would last a week"}
`)
	b := agreeCoding(t, `  - {actor: amir, claim: truce, stance: support, quote: "the truce holds"}
  - {actor: bina, claim: talks, stance: oppose, quote: "the talks are over"}
  - {actor: bina, claim: truce, stance: support, quote: "the truce would last a week"}
`)
	corpus := testutil.WriteFiles(t, map[string]string{"tiny.txt": "Amir said the truce holds. Bina said the talks are over. Amir hoped the talks go on. Bina doubted the truce would last a week."})
	code, stdout, stderr := runCLI(t, "agree", "--corpus", corpus, a, b)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"character ranges in the corpus",
		"Agreement over 3 units coded by two or more coders (6 values)",
		"  stance    0.444  66.7%    0.400\n",
		"  claim     1.000  100.0%   1.000\n",
		"Source s1: 3 units matched, 1 only one coder has",
		"≠       stance: A oppose / B support",
		"only A  amir support talks",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = runCLI(t, "agree", "--json", a, b)
	var rep struct {
		Spans     string
		Agreement []struct {
			Variable string
			Alpha    *float64
		}
	}
	if err := json.Unmarshal([]byte(stdout), &rep); code != 0 || err != nil {
		t.Fatalf("exit %d, %v", code, err)
	}
	if rep.Spans != "quote" || rep.Agreement[1].Variable != "stance" || rep.Agreement[1].Alpha == nil || *rep.Agreement[1].Alpha > 0.445 || *rep.Agreement[1].Alpha < 0.444 {
		t.Errorf("json %+v", rep)
	}
}

func TestAgreeErrors(t *testing.T) {
	a := agreeCoding(t, `  - {actor: amir, claim: truce, stance: support, quote: "the truce holds"}
`)
	bad := testutil.WriteFiles(t, map[string]string{"a.yaml": "actors: [{id: x}]\n"})
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"agree", a}, 2, "requires at least 2 arg"},
		{[]string{"agree", "--corpus", "/nonexistent", a, a}, 2, "--corpus /nonexistent: not a directory"},
		{[]string{"agree", "--top", "0", a, a}, 2, "--top must be at least 1"},
		{[]string{"agree", a, bad}, 1, "a.yaml:1:"},
		{[]string{"agree", "--corpus", t.TempDir(), a, a}, 1, "s.yaml:3:5: source \"s1\": open tiny.txt"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
}

func TestMergeCommand(t *testing.T) {
	a := agreeCoding(t, `  - {actor: amir, claim: truce, stance: support, quote: "the truce holds"}
  - {actor: bina, claim: talks, stance: oppose, quote: "the talks are over"}
`)
	b := agreeCoding(t, `  - {actor: amir, claim: truce, stance: support, quote: "the truce holds"}
  - {actor: bina, claim: talks, stance: support, quote: "the talks are over"}
`)
	out := filepath.Join(t.TempDir(), "merged.yaml")
	if code, _, stderr := runCLI(t, "merge", "-o", out, a, b); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "query", "-r", ".statements[] | .note // \"-\"", out)
	if code != 0 {
		t.Fatalf("the merged dataset: exit %d: %s", code, stderr)
	}
	if want := "\nREVIEW: the coders disagree: " + b + " coded bina support talks.\n"; stdout != want {
		t.Errorf("notes %q, want %q", stdout, want)
	}
	if code, _, stderr := runCLI(t, "merge", "-o", out, a, b); code != 1 || !strings.Contains(stderr, "exists") {
		t.Errorf("existing output: exit %d, %s", code, stderr)
	}
}

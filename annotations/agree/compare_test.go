package agree

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"math"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/internal/testutil"
)

const tinyCodebook = `actors:
  - {id: amir, name: Amir, type: person}
  - {id: bina, name: Bina, type: person}
claims:
  - {id: truce, text: The truce holds.}
  - {id: talks, text: The talks go on.}
`

// tinySource is one source of four sentences and its text.
const tinyText = "Amir said the truce holds. Bina said the talks are over. Amir hoped the talks go on. Bina doubted the truce would last a week."

// coding loads a one-source dataset of statements (YAML list items).
func coding(t *testing.T, name, statements string) Coding {
	t.Helper()
	fsys := fstest.MapFS{
		"codebook.yaml": {Data: []byte(tinyCodebook)},
		"s.yaml":        {Data: []byte("source: {id: s1, title: Tiny, file: tiny.txt}\nstatements:\n" + statements)},
	}
	d, err := annotations.Load(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	return Coding{Coder: name, Data: d}
}

const (
	stTruce  = "  - {actor: amir, claim: truce, stance: support, quote: \"the truce holds\"}\n"
	stOver   = "  - {actor: bina, claim: talks, stance: oppose, quote: \"the talks are over\"}\n"
	stHope   = "  - {actor: amir, claim: talks, stance: support, quote: \"hoped the talks go on\"}\n"
	stDoubt  = "  - {actor: bina, claim: truce, stance: oppose, quote: \"doubted the truce would last a week\"}\n"
	stDoubtS = "  - {actor: bina, claim: truce, stance: support, quote: \"the truce would last a week\"}\n"
)

// TestOneStanceOneMissing is the case: two codings of one source
// that differ in one stance and one missing statement. Coder B's doubt
// quote is shorter than A's but inside it, so the two are one unit; B
// has no statement for "hoped the talks go on". The stance data are
// then, unit by unit (A, B): (support, support), (oppose, oppose),
// (support, –), (oppose, support). By hand: three pairable units, n = 6;
// o_ss = 2, o_oo = 2, o_so = o_os = 1; n_s = n_o = 3; α = 1 − (n−1)·2 /
// (2·n_s·n_o) = 1 − 10/18 = 4/9. Percent agreement 2/3; κ: p_o = 2/3,
// p_e = (2/3)(1/3) + (1/3)(2/3) = 4/9, κ = (2/3 − 4/9)/(5/9) = 2/5.
// Claims and actors agree on every pairable unit: α is undefined for
// neither (two values each), and 1.
func TestOneStanceOneMissing(t *testing.T) {
	for _, withCorpus := range []bool{false, true} {
		var opts []Option
		if withCorpus {
			opts = append(opts, WithCorpus(fstest.MapFS{"tiny.txt": {Data: []byte(tinyText)}}))
		}
		a := coding(t, "a", stTruce+stOver+stHope+stDoubt)
		b := coding(t, "b", stTruce+stOver+stDoubtS)
		rep, err := Compare(context.Background(), []Coding{a, b}, opts...)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Sources) != 1 {
			t.Fatalf("sources %+v", rep.Sources)
		}
		su := rep.Sources[0]
		if su.Matched != 3 || su.Single != 1 {
			t.Errorf("corpus %v: matched %d, single %d; want 3 and 1", withCorpus, su.Matched, su.Single)
		}
		for _, u := range su.Units {
			if u.Coders() == 1 && (u.Coded[1] != nil || u.Coded[0].Quote != "hoped the talks go on") {
				t.Errorf("the unit only one coder has: %+v %+v", u.Coded[0], u.Coded[1])
			}
			if u.Coders() == 2 && u.Coded[0].Stance != u.Coded[1].Stance && u.Coded[0].Claim != "truce" {
				t.Errorf("the stance that differs is on %s", u.Coded[0].Claim)
			}
		}
		want := map[string][3]float64{ // alpha, percent, kappa
			VarStance: {4.0 / 9, 2.0 / 3, 0.4},
			VarClaim:  {1, 1, 1},
			VarActor:  {1, 1, 1},
		}
		for _, ag := range rep.Agreement {
			w := want[ag.Variable]
			if ag.Alpha == nil || ag.Percent == nil || ag.Kappa == nil {
				t.Fatalf("%s: undefined %+v", ag.Variable, ag)
			}
			if math.Abs(*ag.Alpha-w[0]) > 1e-12 || math.Abs(*ag.Percent-w[1]) > 1e-12 || math.Abs(*ag.Kappa-w[2]) > 1e-12 {
				t.Errorf("%s: alpha %v percent %v kappa %v, want %v", ag.Variable, *ag.Alpha, *ag.Percent, *ag.Kappa, w)
			}
			if ag.Units != 3 || ag.Values != 6 {
				t.Errorf("%s: %d units, %d values; want 3 and 6", ag.Variable, ag.Units, ag.Values)
			}
		}
		if len(rep.Confusions) != 0 {
			t.Errorf("confusions %+v", rep.Confusions)
		}
	}
}

func TestQuoteOverlap(t *testing.T) {
	c := func(q string) *Coded { return &Coded{norm: annotations.NormalizeText(q)} }
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"the truce holds", "the truce holds", 15},
		{"said the truce holds", "the truce", 9},
		{"Amir said the truce holds", "the truce holds for now", 15}, // end of a starts b
		{"the truce holds for now", "Amir said the truce holds", 15}, // and the other way round
		{"Amir said the truce", "the truce holds", 0},                // 9 characters: too few
		{"the talks are over", "hoped the talks go on", 0},
		{"", "anything", 0},
	} {
		if got := overlap(c(tc.a), c(tc.b)); got != tc.want {
			t.Errorf("overlap(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	s := func(a, b int) *Coded { return &Coded{Span: &Span{a, b}} }
	if overlap(s(0, 10), s(5, 20)) != 5 || overlap(s(0, 10), s(10, 20)) != 0 {
		t.Error("span overlap")
	}
}

// TestSameQuoteTwoClaims: one quote coded for two claims by both coders
// gives two units, each matched on its claim, whatever the order.
func TestSameQuoteTwoClaims(t *testing.T) {
	x := "  - {actor: amir, claim: truce, stance: support, quote: \"the truce holds\"}\n"
	y := "  - {actor: amir, claim: talks, stance: support, quote: \"the truce holds\"}\n"
	rep, err := Compare(context.Background(), []Coding{coding(t, "a", x+y), coding(t, "b", y+x)})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range rep.Sources[0].Units {
		if u.Coders() != 2 || u.Coded[0].Claim != u.Coded[1].Claim {
			t.Errorf("unit %+v %+v", u.Coded[0], u.Coded[1])
		}
	}
	if a := rep.Agreement[0]; a.Percent == nil || *a.Percent != 1 {
		t.Errorf("claim agreement %+v", a)
	}
}

func TestThreeCodersAndSkipped(t *testing.T) {
	a := coding(t, "a", stTruce+stOver)
	b := coding(t, "b", stTruce)
	c := coding(t, "c", strings.ReplaceAll(stOver, "claim: talks", "claim: truce"))
	rep, err := Compare(context.Background(), []Coding{a, b, c})
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Sources[0]; got.Matched != 2 || got.Single != 0 {
		t.Errorf("matched %d single %d", got.Matched, got.Single)
	}
	if rep.Agreement[0].Kappa != nil {
		t.Error("kappa for three coders")
	}
	if len(rep.Confusions) != 1 || rep.Confusions[0] != (Confusion{"talks", "truce", 1}) {
		t.Errorf("confusions %+v", rep.Confusions)
	}
	rep, err = Compare(context.Background(), []Coding{a, b}, WithSources("nowhere"))
	if err != nil || len(rep.Sources) != 0 {
		t.Errorf("WithSources: %v %+v", err, rep)
	}
	if _, err := Compare(context.Background(), []Coding{a}); !errors.Is(err, ErrTooFewCodings) {
		t.Errorf("one coding: %v", err)
	}
}

func TestQuoteNotInCorpus(t *testing.T) {
	a := coding(t, "a", "  - {actor: amir, claim: truce, stance: support, quote: \"never said\"}\n")
	_, err := Compare(context.Background(), []Coding{a, a}, WithCorpus(fstest.MapFS{"tiny.txt": {Data: []byte(tinyText)}}))
	if err == nil || !strings.Contains(err.Error(), "s.yaml:3:") || !strings.Contains(err.Error(), "quote not found in tiny.txt") {
		t.Errorf("err = %v", err)
	}
}

var update = flag.Bool("update", false, "rewrite the golden files")

// TestIstanbulSecondCoding compares the built-in dataset's coding of
// source 000 with the second coding in testdata, against the corpus,
// with a golden JSON report; the numbers in it are checked here.
func TestIstanbulSecondCoding(t *testing.T) {
	corpus := testutil.SharedPath(t, "corpus")
	a, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	b, err := annotations.LoadDir("testdata/istanbul-000-coder-b")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Compare(context.Background(), []Coding{{"istanbul-2025", a}, {"coder-b", b}}, WithCorpus(os.DirFS(corpus)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sources) != 1 || len(rep.Skipped) != 4 {
		t.Fatalf("%d sources compared, %d skipped", len(rep.Sources), len(rep.Skipped))
	}
	su := rep.Sources[0]
	// 27 statements each: one only A has, one only B has, 26 matched.
	if su.Matched != 26 || su.Single != 2 {
		t.Errorf("matched %d, single %d; want 26 and 2", su.Matched, su.Single)
	}
	if c := rep.Confusions; len(c) != 1 || c[0] != (Confusion{"pakistan-externalizes-blame", "pakistan-nurtured-militancy", 2}) {
		t.Errorf("confusions %+v", c)
	}
	got, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, "testdata/istanbul-000.json", append(got, '\n'), *update)
}

package agree

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// reliability turns rows of coders' values (one string per coder, units
// separated by spaces, "." for a missing value) into data[unit][coder].
func reliability(rows ...string) [][]string {
	var coders [][]string
	for _, r := range rows {
		coders = append(coders, strings.Fields(r))
	}
	data := make([][]string, len(coders[0]))
	for u := range data {
		for _, c := range coders {
			v := c[u]
			if v == "." {
				v = ""
			}
			data[u] = append(data[u], v)
		}
	}
	return data
}

// The reliability data of Krippendorff's worked example C (four observers,
// twelve units, missing values), "Computing Krippendorff's
// Alpha-Reliability" (2011).
var paperC = reliability(
	"1 2 3 3 2 1 4 1 2 . . .",
	"1 2 3 3 2 2 4 1 2 5 . 3",
	". 3 3 3 2 3 4 2 2 5 1 .",
	"1 2 3 3 2 4 4 1 2 5 1 .",
)

// TestAlphaPaperMissing reproduces the nominal α of the worked example
// with missing values. Derivation from the data: unit 12 has one value
// and is not pairable, leaving 11 units and n = 40 pairable values. The
// coincidence matrix (value order 1..5) is
//
//	     1     2     3     4    5   | n_c
//	1    7    4/3   1/3   1/3   .   |  9
//	2   4/3  10    4/3   1/3   .   | 13
//	3   1/3  4/3    8    1/3   .   | 10
//	4   1/3  1/3   1/3    4    .   |  5
//	5    .    .     .     .    3   |  3
//
// so Σ o_cc = 32 and Σ n_c(n_c−1) = 72+156+90+20+6 = 344, and
// α = (39·32 − 344) / (40·39 − 344) = 904/1216 = 0.743.
func TestAlphaPaperMissing(t *testing.T) {
	cm := NewCoincidences(paperC)
	if cm.Units != 11 {
		t.Errorf("pairable units = %d, want 11", cm.Units)
	}
	want := [][]float64{
		{7, 4.0 / 3, 1.0 / 3, 1.0 / 3, 0},
		{4.0 / 3, 10, 4.0 / 3, 1.0 / 3, 0},
		{1.0 / 3, 4.0 / 3, 8, 1.0 / 3, 0},
		{1.0 / 3, 1.0 / 3, 1.0 / 3, 4, 0},
		{0, 0, 0, 0, 3},
	}
	if strings.Join(cm.Values, " ") != "1 2 3 4 5" {
		t.Fatalf("values %v", cm.Values)
	}
	for i := range want {
		for j := range want[i] {
			if math.Abs(cm.O[i][j]-want[i][j]) > 1e-12 {
				t.Errorf("o[%s][%s] = %v, want %v", cm.Values[i], cm.Values[j], cm.O[i][j], want[i][j])
			}
		}
	}
	_, n := cm.Marginals()
	if math.Abs(n-40) > 1e-12 {
		t.Errorf("n = %v, want 40", n)
	}
	a, ok := cm.Alpha()
	if !ok || math.Abs(a-904.0/1216) > 1e-12 {
		t.Fatalf("alpha = %v (%v), want 904/1216", a, ok)
	}
	if got := round3(a); got != "0.743" {
		t.Errorf("alpha = %s, want 0.743", got)
	}
}

func round3(x float64) string { return strings.TrimSpace(fmtFloat(x, 3)) }

// TestAlphaPaperTwoCoders reproduces the two-observer examples of the
// same paper: A (binary, ten units) and B (nominal, twelve units).
//
// A: o_00 = 10, o_01 = o_10 = 4, o_11 = 2; n = 20, n_0 = 14, n_1 = 6;
// α = (19·12 − (182 + 30)) / (380 − 212) = 16/168 = 0.095.
//
// B: values a..e with n_a = 4, n_b = 6, n_c = 6, n_d = 6, n_e = 2 (n =
// 24) and Σ o_cc = 18 (nine agreeing units; the other three are a–b, d–b
// and a–d); α = (23·18 − (12+30+30+30+2)) / (552 − 104) = 310/448 = 0.692.
func TestAlphaPaperTwoCoders(t *testing.T) {
	for _, tc := range []struct {
		name string
		data [][]string
		want float64
		out  string
	}{
		{"binary", reliability("0 1 0 0 0 0 0 0 1 0", "1 1 1 0 0 1 0 0 0 0"), 16.0 / 168, "0.095"},
		{"nominal", reliability("a a b b d c c c e d d a", "b a b b b c c c e d d d"), 310.0 / 448, "0.692"},
	} {
		a, ok := Alpha(tc.data)
		if !ok || math.Abs(a-tc.want) > 1e-12 || round3(a) != tc.out {
			t.Errorf("%s: alpha = %v (%v), want %v = %s", tc.name, a, ok, tc.want, tc.out)
		}
	}
}

// TestOneStanceDiffers is the two-coder case of the issue, by hand: four
// units both coded (stances s s o s against s o o s) and a fifth only the
// first coder has, which is not pairable. o_ss = 4, o_so = o_os = 1, o_oo
// = 2; n_s = 5, n_o = 3, n = 8; α = 1 − (n−1)·(o_so+o_os)/(2·n_s·n_o) =
// 1 − 7·2/30 = 8/15. Percent agreement 3/4; κ: p_o = 3/4, p_e = 3/4·2/4 +
// 1/4·2/4 = 1/2, κ = 1/2.
func TestOneStanceDiffers(t *testing.T) {
	data := reliability("s s o s o", "s o o s .")
	a, ok := Alpha(data)
	if !ok || math.Abs(a-8.0/15) > 1e-12 {
		t.Errorf("alpha = %v, want 8/15", a)
	}
	if p, _ := PercentAgreement(data); p != 0.75 {
		t.Errorf("percent = %v, want 0.75", p)
	}
	if k, _ := CohenKappa(data); math.Abs(k-0.5) > 1e-12 {
		t.Errorf("kappa = %v, want 0.5", k)
	}
}

func TestUndefined(t *testing.T) {
	for _, tc := range []struct {
		name string
		data [][]string
	}{
		{"no pairable unit", reliability("a b", ". .")},
		{"one value throughout", reliability("a a a", "a a a")},
		{"nothing", nil},
	} {
		if a, ok := Alpha(tc.data); ok {
			t.Errorf("%s: alpha = %v, want undefined", tc.name, a)
		}
	}
	if _, ok := CohenKappa(reliability("a a", "a a")); ok {
		t.Error("kappa defined with p_e = 1")
	}
	if _, ok := PercentAgreement(reliability("a .", ". b")); ok {
		t.Error("percent agreement defined with no pair")
	}
}

func fmtFloat(x float64, prec int) string { return strconv.FormatFloat(x, 'f', prec, 64) }

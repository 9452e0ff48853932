package series_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/dnanet"
	"github.com/claimnet/claimnet/graph/series"
)

// dataset builds a dataset of actors a, b, c and claims x, y from
// statements written "actor claim +|- YYYY-MM-DD".
func dataset(t *testing.T, stmts ...string) *graph.Model {
	t.Helper()
	d := &annotations.Dataset{Sources: []*annotations.Source{{ID: "s", Title: "S"}}}
	for _, id := range []string{"a", "b", "c"} {
		d.Actors = append(d.Actors, &annotations.Actor{ID: id, Name: strings.ToUpper(id), Type: annotations.TypePerson})
	}
	for _, id := range []string{"x", "y"} {
		d.Claims = append(d.Claims, &annotations.Claim{ID: id, Text: "Claim " + id})
	}
	for _, s := range stmts {
		f := strings.Fields(s)
		date, err := annotations.ParseDate(f[3])
		if err != nil {
			t.Fatal(err)
		}
		st := annotations.Support
		if f[2] == "-" {
			st = annotations.Oppose
		}
		d.Statements = append(d.Statements, &annotations.Statement{Actor: f[0], Claim: f[1], Stance: st, Date: date, Quote: s, Source: "s"})
	}
	m, err := graph.Compile(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func days(n int) series.Span { return series.Span{N: n, Unit: series.Days} }

// edge returns the weight between two node ids in a window, 0 if none.
func edge(w series.Window, a, b string) float64 {
	for _, e := range w.Edges {
		s, t := w.Nodes[e.Source].ID, w.Nodes[e.Target].ID
		if (s == a && t == b) || (s == b && t == a) {
			return e.Weight
		}
	}
	return 0
}

func byMid(t *testing.T, s *series.Series, mid string) series.Window {
	t.Helper()
	for _, w := range s.Windows {
		if w.Mid.String() == mid {
			return w
		}
	}
	t.Fatalf("no window with mid-point %s", mid)
	return series.Window{}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

// TestKernelsByHand checks values derived by hand from DNA 3.1's
// Exporter (computeKernelSmoothedTimeSlices, processTimeSlice, zeta) on
// three statements: A supports x on 10 January, B on 12 and 20 January.
func TestKernelsByHand(t *testing.T) {
	m := dataset(t, "a x + 2025-01-10", "b x + 2025-01-12", "b x + 2025-01-20")
	ctx := context.Background()
	phi := func(v float64) float64 { return math.Exp(-v*v/2) / math.Sqrt(2*math.Pi) }
	tests := []struct {
		name      string
		opts      series.Options
		windows   int
		first     [3]string // start, mid, end of the first window
		mid       string
		want      float64
		corrected float64
	}{
		// Indented: mid-points from 10 + 2 to 20 − 2 days. At 12 January
		// the window is 10–14; A is v = 2·2/4 = 1 away, B 0; uniform
		// weights ½ and ½, the pair √(½·½) = ½.
		{"uniform", series.Options{Size: days(4), Kernel: series.KernelUniform}, 7,
			[3]string{"2025-01-10", "2025-01-12", "2025-01-14"}, "2025-01-12", 0.5, 0.5},
		// Size 3 is made 4.
		{"odd size", series.Options{Size: days(3), Kernel: series.KernelUniform}, 7,
			[3]string{"2025-01-10", "2025-01-12", "2025-01-14"}, "2025-01-12", 0.5, 0.5},
		// Not indented: mid-points from 10 to 20 January; at 10 January
		// the window is 10–12 (clamped to the first date); A at v = 0,
		// B at v = 2·(10−12)/4 = −1. Triangular as coded: |1 − v| gives
		// 1 and 2, pair √2; corrected 1 − |v| gives B 0, no edge.
		{"triangular", series.Options{Size: days(4), Kernel: series.KernelTriangular, NoIndent: true}, 11,
			[3]string{"2025-01-10", "2025-01-10", "2025-01-12"}, "2025-01-10", math.Sqrt2, 0},
		// Epanechnikov as coded: ¾(1 − v)² gives ¾ and 3, pair 1.5;
		// corrected ¾(1 − v²) gives B 0.
		{"epanechnikov", series.Options{Size: days(4), Kernel: series.KernelEpanechnikov, NoIndent: true}, 11,
			[3]string{"2025-01-10", "2025-01-10", "2025-01-12"}, "2025-01-10", 1.5, 0},
		// Gaussian: the window is the whole range and every statement
		// counts: √φ(0)·(√φ(−1) + √φ(−5)).
		{"gaussian", series.Options{Size: days(4), Kernel: series.KernelGaussian, NoIndent: true}, 11,
			[3]string{"2025-01-10", "2025-01-10", "2025-01-20"}, "2025-01-10",
			math.Sqrt(phi(0)) * (math.Sqrt(phi(1)) + math.Sqrt(phi(5))), math.Sqrt(phi(0)) * (math.Sqrt(phi(1)) + math.Sqrt(phi(5)))},
		// Average normalisation under a kernel, as DNA codes it: the
		// weight times Σ 2/(n + n') over the cells either actor has in
		// the whole range: (x, support) with 1 and 2 statements, 2/3.
		// Corrected: divided by the mean kernel-weighted activity,
		// (½ + ½)/2, which gives the static window's average weight 1.
		{"average", series.Options{Size: days(4), Kernel: series.KernelUniform,
			Network: dnanet.NetworkOptions{Normalize: dnanet.NormalizeAverage}}, 7,
			[3]string{"2025-01-10", "2025-01-12", "2025-01-14"}, "2025-01-12", 0.5 * 2 / 3, 1},
		// Classic windows (no kernel): round((4 − 1)/2) = 2 days either
		// side, so a window of five days; windows wholly inside 10–20.
		{"classic", series.Options{Size: days(4)}, 7,
			[3]string{"2025-01-10", "2025-01-12", "2025-01-14"}, "2025-01-12", 1, 1},
		{"classic odd", series.Options{Size: days(5)}, 7,
			[3]string{"2025-01-10", "2025-01-12", "2025-01-14"}, "2025-01-12", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, corrected := range []bool{false, true} {
				o := tt.opts
				o.Corrected = corrected
				s, err := series.Compute(ctx, m, o)
				if err != nil {
					t.Fatal(err)
				}
				if len(s.Windows) != tt.windows {
					t.Fatalf("corrected %v: %d windows, want %d", corrected, len(s.Windows), tt.windows)
				}
				w0 := s.Windows[0]
				if got := [3]string{w0.Start.String(), w0.Mid.String(), w0.End.String()}; got != tt.first {
					t.Errorf("first window %v, want %v", got, tt.first)
				}
				want := tt.want
				if corrected {
					want = tt.corrected
				}
				if got := edge(byMid(t, s, tt.mid), "a", "b"); !near(got, want) {
					t.Errorf("corrected %v: A–B at %s weighs %v, want %v", corrected, tt.mid, got, want)
				}
			}
		})
	}
}

func TestOddSizeNoteAndFallbacks(t *testing.T) {
	m := dataset(t, "a x + 2025-01-10", "b x - 2025-01-12")
	s, err := series.Compute(context.Background(), m, series.Options{Size: days(3), Kernel: series.KernelUniform,
		Network: dnanet.NetworkOptions{Normalize: dnanet.NormalizeJaccard}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Size != days(4) || s.Normalize != dnanet.NormalizeAverage || len(s.Notes) != 2 {
		t.Errorf("size %v, normalize %s, notes %q", s.Size, s.Normalize, s.Notes)
	}
	two, err := series.Compute(context.Background(), m, series.Options{Type: dnanet.NetworkTwoMode, Size: days(4), Kernel: series.KernelUniform, NoIndent: true,
		Network: dnanet.NetworkOptions{Aggregate: dnanet.AggregateCombine, Normalize: dnanet.NormalizeActivity}})
	if err != nil {
		t.Fatal(err)
	}
	if two.Aggregate != dnanet.AggregateSubtract || two.Normalize != dnanet.NormalizeNo || len(two.Notes) != 2 {
		t.Errorf("two-mode: aggregate %s, normalize %s, notes %q", two.Aggregate, two.Normalize, two.Notes)
	}
	// Two-mode under a kernel sums ζ, support positive: B's oppose at
	// the mid-point 12 January weighs −½.
	w := byMid(t, two, "2025-01-12")
	if len(w.Edges) != 2 || w.Edges[1].Weight != -0.5 || w.Edges[0].Weight != 0.5 {
		t.Errorf("two-mode edges %v", w.Edges)
	}
}

// TestDuplicatesIgnoreYearAsDNA: DNA compares the week number without
// the year, so a statement in week 2 of 2025 repeats one in week 2 of
// 2024; corrected, the two count.
func TestDuplicatesIgnoreYearAsDNA(t *testing.T) {
	m := dataset(t, "a x + 2024-01-10", "a x + 2025-01-08", "b x + 2025-01-08")
	for _, tt := range []struct {
		corrected bool
		want      float64
	}{{false, 0}, {true, 1}} {
		s, err := series.Compute(context.Background(), m, series.Options{Size: days(1),
			Network: dnanet.NetworkOptions{Duplicates: dnanet.DuplicatesWeek}, Corrected: tt.corrected})
		if err != nil {
			t.Fatal(err)
		}
		if got := edge(byMid(t, s, "2025-01-08"), "a", "b"); got != tt.want {
			t.Errorf("corrected %v: A–B on 8 January 2025 weighs %v, want %v", tt.corrected, got, tt.want)
		}
	}
}

func TestSpans(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want series.Span
		bad  bool
	}{{"30d", days(30), false}, {"2w", series.Span{N: 2, Unit: series.Weeks}, false}, {"6m", series.Span{N: 6, Unit: series.Months}, false},
		{"1y", series.Span{N: 1, Unit: series.Years}, false}, {"0d", series.Span{}, true}, {"d", series.Span{}, true}, {"3x", series.Span{}, true}, {"-2d", series.Span{}, true}} {
		got, err := series.ParseSpan(tt.in)
		if (err != nil) != tt.bad || got != tt.want {
			t.Errorf("ParseSpan(%q) = %v, %v", tt.in, got, err)
		}
	}
}

// TestMonthWindows: months step as Java's plusMonths (31 January plus a
// month is 28 February, and the day stays clamped), and the distance is
// Period.between's months.
func TestMonthWindows(t *testing.T) {
	m := dataset(t, "a x + 2025-01-31", "b x + 2025-03-01", "c x + 2025-06-30")
	s, err := series.Compute(context.Background(), m, series.Options{Size: series.Span{N: 2, Unit: series.Months}, Kernel: series.KernelUniform, NoIndent: true})
	if err != nil {
		t.Fatal(err)
	}
	var mids []string
	for _, w := range s.Windows {
		mids = append(mids, w.Mid.String())
	}
	if got := strings.Join(mids, " "); got != "2025-01-31 2025-02-28 2025-03-28 2025-04-28 2025-05-28 2025-06-28" {
		t.Errorf("mid-points %s", got)
	}
	// At 28 February the window is 31 January (clamped) to 28 March; A
	// is 0 months away (28 − 31 < 0), B −0 months: both weigh ½.
	if got := edge(byMid(t, s, "2025-02-28"), "a", "b"); !near(got, 0.5) {
		t.Errorf("A–B at 28 February: %v, want 0.5", got)
	}
}

// TestAnalyses: each window's analysis is that of the model compiled
// with the window's dates.
func TestAnalyses(t *testing.T) {
	m := dataset(t, "a x + 2025-01-10", "b x - 2025-01-12", "c x + 2025-01-20", "a y - 2025-01-20")
	ctx := context.Background()
	s, err := series.Analyses(ctx, m, days(5), series.Span{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Windows) != 7 || s.Windows[0].Mid.String() != "2025-01-12" || s.Windows[0].Start.String() != "2025-01-10" {
		t.Fatalf("%d windows, first %+v", len(s.Windows), s.Windows[0])
	}
	w := s.Windows[0]
	if len(w.Analysis.Conflicts) != 1 || w.Analysis.Window.From != w.Start || w.Analysis.Window.To != w.End {
		t.Errorf("window %s–%s: conflicts %v, analysis window %v", w.Start, w.End, w.Analysis.Conflicts, w.Analysis.Window)
	}
	last := s.Windows[len(s.Windows)-1]
	if len(last.Analysis.Conflicts) != 0 {
		t.Errorf("last window %s–%s: conflicts %v", last.Start, last.End, last.Analysis.Conflicts)
	}
}

package analysis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/internal/graphtest"
)

func mustAnalyze(t testing.TB, m *graph.Model, opts ...AnalyzeOption) *Analysis {
	t.Helper()
	an, err := Analyze(context.Background(), m, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return an
}

func claimResult(t testing.TB, an *Analysis, id string) ClaimResult {
	t.Helper()
	for _, c := range an.Claims {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no claim %q", id)
	return ClaimResult{}
}

// TestContestedReversalWindow is the scenario of the issue: an actor
// opposes a claim and supports it two days later while another actor
// supports it.
func TestContestedReversalWindow(t *testing.T) {
	d := graphtest.Dataset(t,
		[4]string{"a", "x", "oppose", "2025-10-01"},
		[4]string{"a", "x", "support", "2025-10-03"},
		[4]string{"b", "x", "support", "2025-10-02"},
	)
	an := mustAnalyze(t, graphtest.Compile(t, d))
	x := claimResult(t, an, "x")
	if !x.Contested {
		t.Errorf("x not contested over the whole range: %+v", x)
	}
	if want := []Reversal{{Actor: "a", Claim: "x", First: graphtest.Date(t, "2025-10-01"), Last: graphtest.Date(t, "2025-10-03")}}; !reflect.DeepEqual(an.Reversals, want) {
		t.Errorf("reversals = %+v, want %+v", an.Reversals, want)
	}
	if want := []ConflictEdge{{A: "a", B: "b", Claim: "x"}}; !reflect.DeepEqual(an.Conflicts, want) {
		t.Errorf("conflicts = %+v, want %+v", an.Conflicts, want)
	}

	later := mustAnalyze(t, graphtest.Compile(t, d, graph.WithWindow(graph.Window{From: graphtest.Date(t, "2025-10-02")})))
	x = claimResult(t, later, "x")
	if x.Contested || x.Contestation != 0 {
		t.Errorf("x contested from the second day: %+v", x)
	}
	if len(later.Reversals) != 0 || len(later.Conflicts) != 0 {
		t.Errorf("reversals %+v, conflicts %+v from the second day; want none", later.Reversals, later.Conflicts)
	}
}

func TestContested(t *testing.T) {
	for _, tt := range []struct {
		name       string
		statements [][4]string
		sup, opp   []string
		contested  bool
		score      float64
		reversals  []Reversal
		conflicts  []ConflictEdge
	}{
		{
			name:       "uncontested",
			statements: [][4]string{{"a", "x", "support", ""}, {"b", "x", "support", ""}},
			sup:        []string{"a", "b"}, opp: []string{},
			conflicts: []ConflictEdge{},
		},
		{
			name:       "one actor alone on both sides",
			statements: [][4]string{{"a", "x", "support", "2025-10-02"}, {"a", "x", "oppose", ""}},
			sup:        []string{"a"}, opp: []string{"a"},
			reversals: []Reversal{{Actor: "a", Claim: "x", First: 20251002, Last: 20251002}},
			conflicts: []ConflictEdge{},
		},
		{
			name:       "even split",
			statements: [][4]string{{"a", "x", "support", ""}, {"b", "x", "oppose", ""}},
			sup:        []string{"a"}, opp: []string{"b"}, contested: true, score: 1,
			conflicts: []ConflictEdge{{"a", "b", "x"}},
		},
		{
			name: "three to one",
			statements: [][4]string{
				{"a", "x", "support", ""}, {"b", "x", "support", ""}, {"c", "x", "support", ""}, {"d", "x", "oppose", ""},
			},
			sup: []string{"a", "b", "c"}, opp: []string{"d"}, contested: true, score: 0.5,
			conflicts: []ConflictEdge{{"a", "d", "x"}, {"b", "d", "x"}, {"c", "d", "x"}},
		},
		{
			name: "two reversals count once per pair",
			statements: [][4]string{
				{"a", "x", "support", ""}, {"a", "x", "oppose", ""}, {"b", "x", "oppose", ""}, {"b", "x", "support", ""},
			},
			sup: []string{"a", "b"}, opp: []string{"a", "b"}, contested: true, score: 1,
			reversals: []Reversal{{Actor: "a", Claim: "x"}, {Actor: "b", Claim: "x"}},
			conflicts: []ConflictEdge{{"a", "b", "x"}},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			an := mustAnalyze(t, graphtest.Compile(t, graphtest.Dataset(t, tt.statements...)))
			x := claimResult(t, an, "x")
			if !reflect.DeepEqual(x.Supporters, tt.sup) || !reflect.DeepEqual(x.Opposers, tt.opp) {
				t.Errorf("supporters %v opposers %v, want %v %v", x.Supporters, x.Opposers, tt.sup, tt.opp)
			}
			if x.Contested != tt.contested || x.Contestation != tt.score {
				t.Errorf("contested %v %v, want %v %v", x.Contested, x.Contestation, tt.contested, tt.score)
			}
			if tt.reversals == nil {
				tt.reversals = []Reversal{}
			}
			if !reflect.DeepEqual(an.Reversals, tt.reversals) {
				t.Errorf("reversals %+v, want %+v", an.Reversals, tt.reversals)
			}
			if !reflect.DeepEqual(an.Conflicts, tt.conflicts) {
				t.Errorf("conflicts %+v, want %+v", an.Conflicts, tt.conflicts)
			}
		})
	}
}

func TestConflictLimit(t *testing.T) {
	d := graphtest.Dataset(t,
		[4]string{"a", "x", "support", ""}, [4]string{"b", "x", "support", ""},
		[4]string{"a", "x", "oppose", ""}, [4]string{"c", "x", "oppose", ""},
		[4]string{"a", "y", "support", ""}, [4]string{"c", "y", "oppose", ""},
	)
	m := graphtest.Compile(t, d)
	all := mustAnalyze(t, m, WithConflictLimit(-1))
	// x: S = {a, b}, O = {a, c}, i = 1: 2·2 − 1 − 0 = 3 pairs; y: 1.
	want := []ConflictEdge{{"a", "b", "x"}, {"a", "c", "x"}, {"b", "c", "x"}, {"a", "c", "y"}}
	if !reflect.DeepEqual(all.Conflicts, want) || all.Methods["conflicts"] != "all 4" {
		t.Errorf("conflicts %v (%s), want %v", all.Conflicts, all.Methods["conflicts"], want)
	}
	two := mustAnalyze(t, m, WithConflictLimit(2))
	if !reflect.DeepEqual(two.Conflicts, want[:2]) || two.Methods["conflicts"] != "first 2 of 4 (raise the limit with WithConflictLimit)" {
		t.Errorf("limited conflicts %v (%s)", two.Conflicts, two.Methods["conflicts"])
	}
}

// TestAnalyzeEdgeCases checks datasets and windows with little or nothing
// in them: every score is a number (JSON has no NaN) and nothing fails.
func TestAnalyzeEdgeCases(t *testing.T) {
	d := graphtest.Dataset(t,
		[4]string{"a", "x", "support", "2025-10-01"},
		[4]string{"b", "y", "oppose", "2025-10-02"},
	)
	for _, tt := range []struct {
		name string
		w    graph.Window
	}{
		{"empty window", graph.Window{From: graphtest.Date(t, "2026-01-01")}},
		{"one statement", graph.Window{To: graphtest.Date(t, "2025-10-01")}},
		{"two components", graph.Window{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			an := mustAnalyze(t, graphtest.Compile(t, d, graph.WithWindow(tt.w)))
			if _, err := json.Marshal(an); err != nil {
				t.Fatal(err)
			}
			for _, a := range an.Actors {
				if len(a.Centrality) != len(Measures) {
					t.Errorf("%s has %d measures", a.ID, len(a.Centrality))
				}
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Analyze(ctx, graphtest.Compile(t, d)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Analyze returned %v", err)
	}
	if _, err := Analyze(context.Background(), graphtest.Compile(t, d), WithPivots(0)); err == nil {
		t.Error("0 pivots accepted")
	}
}

// contestReference is contest as it was before conflicts were counted
// from the claims' supporter and opposer counts: it builds and sorts every
// conflict pair of a claim, and scans all of an actor's edges for the
// dates of each reversal. It is the oracle of TestContestMatchesReference.
func contestReference(m *graph.Model, an *Analysis, limit int) {
	type reversalAt struct{ actor, claim int }
	var reversals []reversalAt
	var sup, opp []int
	var pairs [][2]int
	total := 0
	for c := range m.Claims {
		sup, opp = sup[:0], opp[:0]
		for _, e := range m.ClaimEdgeIndices(c) {
			st := m.Stances[e]
			if st.Stance == annotations.Support {
				sup = append(sup, st.Actor)
			} else {
				opp = append(opp, st.Actor)
			}
		}
		cr := &an.Claims[c]
		for _, a := range sup {
			cr.Supporters = append(cr.Supporters, m.Actors[a].ID)
		}
		for _, a := range opp {
			cr.Opposers = append(cr.Opposers, m.Actors[a].ID)
		}
		cr.Contested = len(sup) > 0 && len(opp) > 0 && !(len(sup) == 1 && len(opp) == 1 && sup[0] == opp[0])
		if cr.Contested {
			s, o := float64(len(sup)), float64(len(opp))
			d := s - o
			if d < 0 {
				d = -d
			}
			cr.Contestation = 1 - d/(s+o)
		}
		both := 0
		for i, j := 0, 0; i < len(sup) && j < len(opp); {
			switch {
			case sup[i] < opp[j]:
				i++
			case sup[i] > opp[j]:
				j++
			default:
				reversals = append(reversals, reversalAt{sup[i], c})
				both++
				i++
				j++
			}
		}
		if !cr.Contested {
			continue
		}
		total += len(sup)*len(opp) - both - both*(both-1)/2
		if limit >= 0 && len(an.Conflicts) >= limit {
			continue
		}
		pairs = pairs[:0]
		for _, a := range sup {
			for _, b := range opp {
				if a != b {
					pairs = append(pairs, [2]int{min(a, b), max(a, b)})
				}
			}
		}
		slices.SortFunc(pairs, func(x, y [2]int) int {
			if x[0] != y[0] {
				return x[0] - y[0]
			}
			return x[1] - y[1]
		})
		pairs = slices.Compact(pairs)
		if limit >= 0 && len(an.Conflicts)+len(pairs) > limit {
			pairs = pairs[:limit-len(an.Conflicts)]
		}
		for _, p := range pairs {
			an.Conflicts = append(an.Conflicts, ConflictEdge{A: m.Actors[p[0]].ID, B: m.Actors[p[1]].ID, Claim: m.Claims[c].ID})
		}
	}
	slices.SortFunc(reversals, func(x, y reversalAt) int {
		if x.actor != y.actor {
			return x.actor - y.actor
		}
		return x.claim - y.claim
	})
	an.Reversals = make([]Reversal, 0, len(reversals))
	for _, r := range reversals {
		var first, last annotations.Date
		lo, hi := m.ActorEdgeRange(r.actor)
		for e := lo; e < hi; e++ {
			st := m.Stances[e]
			if st.Claim != r.claim {
				continue
			}
			if st.First != 0 && (first == 0 || st.First < first) {
				first = st.First
			}
			if st.Last > last {
				last = st.Last
			}
		}
		an.Reversals = append(an.Reversals, Reversal{Actor: m.Actors[r.actor].ID, Claim: m.Claims[r.claim].ID, First: first, Last: last})
	}
	if an.Conflicts == nil {
		an.Conflicts = []ConflictEdge{}
	}
	if len(an.Conflicts) == total {
		an.Methods["conflicts"] = fmt.Sprintf("all %d", total)
	} else {
		an.Methods["conflicts"] = fmt.Sprintf("first %d of %d (raise the limit with WithConflictLimit)", len(an.Conflicts), total)
	}
}

// analysisShell is the Analysis that Analyze fills, before any analysis.
func analysisShell(m *graph.Model) *Analysis {
	an := &Analysis{Window: m.Window, Actors: make([]ActorResult, len(m.Actors)), Claims: make([]ClaimResult, len(m.Claims)), Methods: map[string]string{}}
	for i, a := range m.Actors {
		an.Actors[i] = ActorResult{ID: a.ID, Name: a.Name, Coalition: -1}
	}
	for i, c := range m.Claims {
		an.Claims[i] = ClaimResult{ID: c.ID, Text: c.Text, Supporters: []string{}, Opposers: []string{}}
	}
	return an
}

// TestContestMatchesReference checks that contest, which counts conflicts
// from the supporter and opposer counts and lists only the pairs it keeps,
// fills the Analysis exactly as the reference that builds every pair does:
// on the built-in dataset, gen data, and shapes with few claims and many
// actors split between the stances, at several limits.
func TestContestMatchesReference(t *testing.T) {
	builtIn, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	// Every actor on both sides of one claim, and every mix of one, two
	// and three stances: the pairs of actors holding both stances are the
	// ones the reference deduplicates.
	var both [][4]string
	for i, st := range []string{"support", "oppose", "support", "oppose", "support"} {
		a := string(rune('a' + i))
		both = append(both, [4]string{a, "x", st, "2025-10-0" + string(rune('1'+i))}, [4]string{a, "y", "support", ""}, [4]string{a, "y", "oppose", "2025-11-01"})
		if i%2 == 0 {
			both = append(both, [4]string{a, "x", "oppose", "2025-10-09"})
		}
	}
	datasets := []struct {
		name string
		d    *annotations.Dataset
	}{
		{"built-in", builtIn},
		{"both stances", graphtest.Dataset(t, both...)},
		{"gen", shapeDataset(t, "gen", 10000)},
		{"zipf", shapeDataset(t, "zipf", 10000)},
		{"uniform", shapeDataset(t, "uniform", 10000)},
		{"few-claims", shapeDataset(t, "few-claims", 10000)},
		{"split", shapeDataset(t, "split", 20000)},
	}
	for _, ds := range datasets {
		for _, w := range []graph.Window{{}, {From: 20250601, To: 20251015}} {
			m := graphtest.Compile(t, ds.d, graph.WithWindow(w))
			for _, limit := range []int{DefaultConflictLimit, -1, 0, 1, 2, 7, 1000} {
				got, want := analysisShell(m), analysisShell(m)
				contest(m, got, limit)
				contestReference(m, want, limit)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s, window %s, limit %d: contest differs from the reference (%d conflicts, %s; want %d, %s)",
						ds.name, w, limit, len(got.Conflicts), got.Methods["conflicts"], len(want.Conflicts), want.Methods["conflicts"])
				}
			}
		}
	}
}

// TestContestWorkBoundedByLimit checks that listing the first few
// conflicts of a claim with two thousand supporters and two thousand
// opposers does not build its four million pairs: contest allocates
// little more than the claim's actor lists and the reversals. (The
// reference allocates over 64 MB here.)
func TestContestWorkBoundedByLimit(t *testing.T) {
	const n = 2000
	var stmts [][4]string
	for i := range 2 * n {
		st := "support"
		if i%2 == 1 {
			st = "oppose"
		}
		stmts = append(stmts, [4]string{fmt.Sprintf("a%d", i), "x", st, ""})
	}
	m := graphtest.Compile(t, graphtest.Dataset(t, stmts...))
	an := analysisShell(m)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	contest(m, an, 10)
	runtime.ReadMemStats(&after)
	if got, want := an.Methods["conflicts"], fmt.Sprintf("first 10 of %d (raise the limit with WithConflictLimit)", n*n); got != want {
		t.Errorf("conflicts: %q, want %q", got, want)
	}
	if len(an.Conflicts) != 10 || an.Conflicts[9] != (ConflictEdge{A: "a0", B: "a19", Claim: "x"}) {
		t.Errorf("conflicts = %v, want a0 with the first ten opposers", an.Conflicts)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("contest allocated %d bytes for 10 conflicts of a %d × %d claim; want under 1 MiB", alloc, n, n)
	}
}

// BenchmarkContest times contest alone on the shapes at 1M statements
// with the default limit.
func BenchmarkContest(b *testing.B) {
	for _, shape := range []string{"gen", "zipf", "few-claims", "split", "many-claims"} {
		b.Run(shape, func(b *testing.B) {
			m := graphtest.Compile(b, shapeDataset(b, shape, 1000000))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				contest(m, analysisShell(m), DefaultConflictLimit)
			}
		})
	}
}

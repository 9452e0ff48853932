package analysis

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/internal/graphtest"
	"github.com/claimnet/claimnet/internal/testutil"
)

func ExampleAnalyze() {
	d, err := annotations.New(
		[]*annotations.Actor{
			{ID: "asif", Name: "Khawaja Asif", Type: annotations.TypePerson},
			{ID: "mujahid", Name: "Zabihullah Mujahid", Type: annotations.TypePerson},
		},
		[]*annotations.Claim{{ID: "truce", Text: "The truce should hold."}},
		[]*annotations.Source{{ID: "report", Title: "Report"}},
		[]*annotations.Statement{
			{Actor: "asif", Claim: "truce", Stance: annotations.Oppose, Quote: "no truce", Source: "report", Date: 20251001},
			{Actor: "mujahid", Claim: "truce", Stance: annotations.Support, Quote: "the truce holds", Source: "report", Date: 20251002},
			{Actor: "asif", Claim: "truce", Stance: annotations.Support, Quote: "it may hold", Source: "report", Date: 20251003},
		}, nil)
	if err != nil {
		panic(err)
	}
	for _, w := range []graph.Window{{}, {From: 20251002}} {
		m, err := graph.Compile(context.Background(), d, graph.WithWindow(w))
		if err != nil {
			panic(err)
		}
		an, err := Analyze(context.Background(), m)
		if err != nil {
			panic(err)
		}
		c := an.Claims[0]
		fmt.Printf("%s: contested %v (%.2f), supporters %v, opposers %v, reversals %d\n",
			w, c.Contested, c.Contestation, c.Supporters, c.Opposers, len(an.Reversals))
	}
	// Output:
	// ..: contested true (0.67), supporters [asif mujahid], opposers [asif], reversals 1
	// 2025-10-02..: contested false (0.00), supporters [asif mujahid], opposers [], reversals 0
}

func benchmarkAnalyze(b *testing.B, cfg gen.Config, opts ...AnalyzeOption) {
	d, err := gen.Generate(cfg)
	if err != nil {
		b.Fatal(err)
	}
	m, err := graph.Compile(context.Background(), d)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Analyze(context.Background(), m, opts...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyze runs every analysis of the standard large dataset: a
// million statements by 20,000 actors on 50,000 claims (sampled
// betweenness and harmonic closeness).
func BenchmarkAnalyze(b *testing.B) { benchmarkAnalyze(b, gen.Large) }

// BenchmarkAnalyzeSmall is a quick run: 10,000 statements by 500 actors on
// 1,000 claims, exact.
func BenchmarkAnalyzeSmall(b *testing.B) {
	benchmarkAnalyze(b, gen.Config{Actors: 500, Claims: 1000, Statements: 10000, Sources: 100, Seed: 1})
}

// BenchmarkCompileAnalyze compiles and analyses the large dataset, the
// work of claimnet analyse after loading.
func BenchmarkCompileAnalyze(b *testing.B) {
	d, err := gen.Generate(gen.Large)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, err := graph.Compile(context.Background(), d)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Analyze(context.Background(), m); err != nil {
			b.Fatal(err)
		}
	}
}

// TestNetworkx recomputes every centrality and the modularity of the
// coalitions with networkx (graph/testdata/networkx_check.py), when
// /usr/bin/python3 has it. docs/measures.md tells how to run it.
func TestNetworkx(t *testing.T) {
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import networkx, scipy").Run(); err != nil {
		testutil.Missing(t, "%s with networkx and scipy is needed (apt-get install python3-networkx python3-scipy): %v", python, err)
	}
	for seed := uint64(1); seed <= 3; seed++ {
		m := graphtest.Compile(t, graphtest.Dataset(t, randomStatements(seed, 25, 15, 90, false)...))
		an := mustAnalyze(t, m, WithResolution(float64(seed)/2))
		type input struct {
			Actors     int                  `json:"actors"`
			Claims     int                  `json:"claims"`
			Stances    [][4]int             `json:"stances"`
			Resolution float64              `json:"resolution"`
			Scores     map[string][]float64 `json:"scores"`
			Groups     [][]int              `json:"groups"`
			Modularity float64              `json:"modularity"`
		}
		in := input{Actors: len(m.Actors), Claims: len(m.Claims), Resolution: an.Coalitions.Resolution,
			Scores: map[string][]float64{}, Modularity: an.Coalitions.Modularity, Groups: [][]int{}}
		for _, e := range m.Stances {
			in.Stances = append(in.Stances, [4]int{e.Actor, e.Claim, int(e.Stance), e.Weight})
		}
		for _, name := range Measures {
			for _, a := range an.Actors {
				in.Scores[name] = append(in.Scores[name], a.Centrality[name])
			}
			for _, c := range an.Claims {
				in.Scores[name] = append(in.Scores[name], c.Centrality[name])
			}
		}
		for _, g := range an.Coalitions.Groups {
			var idx []int
			for _, id := range g {
				i, _ := m.ActorIndex(id)
				idx = append(idx, i)
			}
			in.Groups = append(in.Groups, idx)
		}
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(python, filepath.Join("testdata", "networkx_check.py"))
		cmd.Stdin = bytes.NewReader(b)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("networkx_check.py: %v\n%s", err, stderr.String())
		}
		var diff map[string]float64
		if err := json.Unmarshal(out, &diff); err != nil {
			t.Fatalf("networkx_check.py printed %q: %v", out, err)
		}
		for _, name := range append(slices.Clone(Measures), "modularity") {
			d, ok := diff[name]
			if !ok || d > 1e-9 {
				t.Errorf("seed %d: %s differs from networkx by %g (%v)", seed, name, d, ok)
			}
		}
		t.Logf("seed %d: largest differences from networkx %v", seed, diff)
	}
}

// affiliationDataset has a chain of n actors, each affiliated with the
// next, and a small tree beside it: actors t1 and t2 under t0, t3 under
// t2, and a lone actor, each with one statement.
func affiliationDataset(tb testing.TB, n int) *annotations.Dataset {
	tb.Helper()
	var actors []*annotations.Actor
	for i := range n {
		a := &annotations.Actor{ID: fmt.Sprintf("c%d", i), Name: "chain", Type: annotations.TypePerson}
		if i+1 < n {
			a.Affiliation = fmt.Sprintf("c%d", i+1)
		}
		actors = append(actors, a)
	}
	for id, up := range map[string]string{"t0": "", "t1": "t0", "t2": "t0", "t3": "t2", "lone": ""} {
		actors = append(actors, &annotations.Actor{ID: id, Name: id, Type: annotations.TypePerson, Affiliation: up})
	}
	slices.SortFunc(actors[n:], func(a, b *annotations.Actor) int { return strings.Compare(a.ID, b.ID) })
	var stmts []*annotations.Statement
	for _, a := range actors {
		stmts = append(stmts, &annotations.Statement{Actor: a.ID, Claim: "x", Stance: annotations.Support, Quote: "q", Source: "s"})
	}
	d, err := annotations.New(actors, []*annotations.Claim{{ID: "x", Text: "X."}}, []*annotations.Source{{ID: "s", Title: "S"}}, stmts, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// TestAffiliationRoots checks the sides Analyze gives, computed once for
// all actors, against Dataset.AffiliationRoot, on a long chain and a tree.
func TestAffiliationRoots(t *testing.T) {
	d := affiliationDataset(t, 3000)
	m := graphtest.Compile(t, d)
	got := affiliationRoots(m)
	for i, a := range m.Actors {
		if want := d.AffiliationRoot(a.ID); got[i] != want {
			t.Errorf("side of %s = %s, want %s", a.ID, got[i], want)
		}
	}
	if got[0] != "c2999" || got[len(got)-2] != "t0" {
		t.Errorf("sides %v … %v; want c2999 first and t0 for t2", got[0], got[len(got)-2])
	}
}

// BenchmarkAffiliationChain analyses 10,000 actors in one chain of
// affiliations: following each actor's chain to its root on its own is
// quadratic (5·10⁷ steps).
func BenchmarkAffiliationChain(b *testing.B) {
	d := affiliationDataset(b, 10000)
	m := graphtest.Compile(b, d)
	b.Run("roots", func(b *testing.B) {
		for b.Loop() {
			affiliationRoots(m)
		}
	})
	b.Run("reference", func(b *testing.B) { // as Analyze did before
		for b.Loop() {
			for _, a := range m.Actors {
				d.AffiliationRoot(a.ID)
			}
		}
	})
}

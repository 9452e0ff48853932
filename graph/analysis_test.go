package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/gen"
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
	for _, w := range []Window{{}, {From: 20251002}} {
		m, err := Compile(context.Background(), d, WithWindow(w))
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
	m, err := Compile(context.Background(), d)
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
		m, err := Compile(context.Background(), d)
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
		t.Skipf("%s with networkx and scipy is needed: %v", python, err)
	}
	for seed := uint64(1); seed <= 3; seed++ {
		m := mustCompile(t, testDataset(t, randomStatements(seed, 25, 15, 90, false)...))
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

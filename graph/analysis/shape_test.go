package analysis

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
)

// Data shapes for the benchmarks and the equivalence tests. Real debates
// come in many shapes; an analysis must be linear in the statements
// whatever the shape, not only on gen's Zipf data with shuffled ids. At
// 1M statements (counts scale with the statements):
//
//   - gen: annotations/gen's standard large dataset, 20k actors on 50k claims.
//   - popular-first: Zipf activity (exponent 1.1, offset 2) of 20k actors
//     and 50k claims, claim 0 and actor 0 the most active, stances 50/50.
//   - zipf: claims drawn by Zipf 1.1 with offset 1 (claim 0 has a tenth of
//     the statements), 20k actors drawn uniformly, stances 50/50.
//   - few-claims: 20k actors on 500 claims, uniform, stances 50/50.
//   - many-claims: 500 actors on 50k claims, uniform, stances 50/50.
//   - uniform: 50k claims with 20 statements each by distinct actors out of
//     20k, the first ten supporting and the last ten opposing.
//   - split: few claims and many actors split on them: 100 claims, 50k
//     actors, each statement's stance the actor's camp.
var shapes = []string{"gen", "popular-first", "zipf", "few-claims", "many-claims", "uniform", "split"}

// shapeDataset builds the dataset of the named shape with n statements.
func shapeDataset(tb testing.TB, shape string, n int) *annotations.Dataset {
	tb.Helper()
	scale := func(k int) int { return max(1, int(int64(k)*int64(n)/1000000)) }
	if shape == "gen" {
		d, err := gen.Generate(gen.Config{Actors: scale(20000), Claims: scale(50000), Statements: n, Sources: scale(5000), Seed: 1})
		if err != nil {
			tb.Fatal(err)
		}
		return d
	}
	var na, nc int
	switch shape {
	case "popular-first", "zipf", "few-claims", "uniform":
		na, nc = scale(20000), scale(50000)
		if shape == "few-claims" {
			nc = scale(500)
		}
	case "many-claims":
		na, nc = scale(500), scale(50000)
	case "split":
		na, nc = scale(50000), scale(100)
	default:
		tb.Fatalf("unknown shape %q", shape)
	}
	r := rand.New(rand.NewPCG(1, uint64(len(shape))))
	actors := make([]*annotations.Actor, na)
	for i := range actors {
		id := "a" + strconv.Itoa(i)
		actors[i] = &annotations.Actor{ID: id, Name: id, Type: annotations.TypePerson}
	}
	claims := make([]*annotations.Claim, nc)
	for i := range claims {
		id := "c" + strconv.Itoa(i)
		claims[i] = &annotations.Claim{ID: id, Text: "Claim " + id + "."}
	}
	sources := make([]*annotations.Source, scale(1000))
	for i := range sources {
		sources[i] = &annotations.Source{ID: "s" + strconv.Itoa(i), Title: "Source " + strconv.Itoa(i), Published: 20250101}
	}
	stance := func(b bool) annotations.Stance {
		if b {
			return annotations.Support
		}
		return annotations.Oppose
	}
	var actorZipf, claimZipf *rand.Zipf
	switch shape {
	case "popular-first":
		actorZipf = rand.NewZipf(r, 1.1, 2, uint64(na-1))
		claimZipf = rand.NewZipf(r, 1.1, 2, uint64(nc-1))
	case "zipf":
		claimZipf = rand.NewZipf(r, 1.1, 1, uint64(nc-1))
	}
	stmts := make([]*annotations.Statement, 0, n)
	add := func(a, c int, st annotations.Stance) {
		src := sources[r.IntN(len(sources))]
		date := annotations.Date(20250101 + 100*r.IntN(12) + r.IntN(28))
		stmts = append(stmts, &annotations.Statement{Actor: actors[a].ID, Claim: claims[c].ID, Stance: st, Quote: "q", Source: src.ID, Date: date})
	}
	switch shape {
	case "uniform":
		per := max(2, n/nc)
		seen := map[int]bool{}
		for c := 0; len(stmts) < n; c = (c + 1) % nc {
			clear(seen)
			for j := 0; j < per && len(stmts) < n; j++ {
				a := r.IntN(na)
				for seen[a] {
					a = r.IntN(na)
				}
				seen[a] = true
				add(a, c, stance(j < per/2))
			}
		}
	case "split":
		for range n {
			a := r.IntN(na)
			add(a, r.IntN(nc), stance(a%2 == 0))
		}
	default:
		for range n {
			a, c := r.IntN(na), r.IntN(nc)
			if actorZipf != nil {
				a = int(actorZipf.Uint64())
			}
			if claimZipf != nil {
				c = int(claimZipf.Uint64())
			}
			add(a, c, stance(r.IntN(2) == 0))
		}
	}
	d, err := annotations.New(actors, claims, sources, stmts, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// BenchmarkAnalyseShape runs Analyze on each shape at 1M statements and,
// for quick runs, at 20k.
func BenchmarkAnalyseShape(b *testing.B) {
	for _, n := range []int{20000, 1000000} {
		for _, shape := range shapes {
			b.Run(fmt.Sprintf("%s/%dk", shape, n/1000), func(b *testing.B) {
				m, err := graph.Compile(context.Background(), shapeDataset(b, shape, n))
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				b.ReportAllocs()
				defer reportCPU(b)()
				for b.Loop() {
					if _, err := Analyze(context.Background(), m); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// reportCPU starts counting the process's CPU time (user and system);
// the function it returns reports it per iteration as cpu-ns/op. On a
// shared machine CPU time compares runs better than wall time.
func reportCPU(b *testing.B) func() {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			b.Fatal(err)
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	return func() { b.ReportMetric(float64(cpu()-start)/float64(b.N), "cpu-ns/op") }
}

// TestWriteShape writes a shape's dataset as annotation files for
// measuring the CLI, when CLAIMNET_WRITE_SHAPE is SHAPE:STATEMENTS:DIR.
// It is skipped otherwise.
func TestWriteShape(t *testing.T) {
	spec := os.Getenv("CLAIMNET_WRITE_SHAPE")
	if spec == "" {
		t.Skip("CLAIMNET_WRITE_SHAPE not set")
	}
	parts := strings.SplitN(spec, ":", 3)
	if len(parts) != 3 {
		t.Fatalf("CLAIMNET_WRITE_SHAPE=%q; want SHAPE:STATEMENTS:DIR", spec)
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	d := shapeDataset(t, parts[0], n)
	dir := parts[2]
	if err := os.MkdirAll(filepath.Join(dir, "sources"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, f *annotations.File) {
		w, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := annotations.Encode(w, f); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	write("actors.yaml", &annotations.File{Actors: d.Actors})
	write("claims.yaml", &annotations.File{Claims: d.Claims})
	bySource := map[string]*annotations.File{}
	for _, s := range d.Sources {
		bySource[s.ID] = &annotations.File{Source: s}
	}
	for _, s := range d.Statements {
		bySource[s.Source].Statements = append(bySource[s.Source].Statements, s)
	}
	for _, s := range d.Sources {
		write(filepath.Join("sources", s.ID+".yaml"), bySource[s.ID])
	}
}

package annotations

import (
	"fmt"
	"testing"
	"time"
)

// nearestData is 10,000 ids shaped as claimnet gen makes them, and 3,000
// unknown ids: typos of them (a byte changed, dropped, added or two
// swapped) and ids of no resemblance.
func nearestData() (ids, queries []string) {
	for i := range 10000 {
		ids = append(ids, fmt.Sprintf("claim-%05d", i+1))
	}
	rng := uint64(7)
	rnd := func(n int) int {
		rng ^= rng << 13
		rng ^= rng >> 7
		rng ^= rng << 17
		return int(rng % uint64(n))
	}
	for i := range 3000 {
		b := []byte(ids[rnd(len(ids))])
		p := rnd(len(b) - 1)
		switch i % 5 {
		case 0:
			b[p] = "abcxyz0123456789-"[rnd(17)]
		case 1:
			b = append(b[:p], b[p+1:]...)
		case 2:
			b = append(b[:p], append([]byte{"abz09"[rnd(5)]}, b[p:]...)...)
		case 3:
			b[p], b[p+1] = b[p+1], b[p]
		case 4:
			b = []byte(fmt.Sprintf("something-else-%d", i))
		}
		queries = append(queries, string(b))
	}
	return ids, queries
}

// BenchmarkNearest compares the indexed search (Suggester: building the
// index and 3,000 lookups in 10,000 ids) with the linear Nearest, run on
// a tenth of the lookups; ns/query is comparable between the two.
func BenchmarkNearest(b *testing.B) {
	ids, queries := nearestData()
	b.Run("index", func(b *testing.B) {
		start := time.Now()
		for b.Loop() {
			x := NewSuggester(ids)
			for _, q := range queries {
				x.Nearest(q)
			}
		}
		b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N*len(queries)), "ns/query")
	})
	b.Run("linear", func(b *testing.B) {
		qs := queries[:len(queries)/10]
		start := time.Now()
		for b.Loop() {
			for _, q := range qs {
				Nearest(q, ids)
			}
		}
		b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N*len(qs)), "ns/query")
	})
}

// BenchmarkValidateDangling is the case of the issue: a dataset of 10,000
// claims whose 3,000 statements name claims that do not exist.
func BenchmarkValidateDangling(b *testing.B) {
	ids, queries := nearestData()
	for b.Loop() {
		b.StopTimer()
		actors := []*Actor{{ID: "a", Name: "A", Type: TypePerson}}
		claims := make([]*Claim, len(ids))
		for i, id := range ids {
			claims[i] = &Claim{ID: id, Text: "T"}
		}
		sources := []*Source{{ID: "s", Title: "S"}}
		statements := make([]*Statement, len(queries))
		for i, q := range queries {
			statements[i] = &Statement{Actor: "a", Claim: q, Stance: Support, Quote: "q", Source: "s"}
		}
		b.StartTimer()
		if _, err := New(actors, claims, sources, statements, nil); err == nil {
			b.Fatal("no error for dangling claims")
		}
	}
}

// TestSuggesterFindsTypos checks the benchmark's typos are found, and
// within the work each lookup is allowed.
func TestSuggesterFindsTypos(t *testing.T) {
	ids, queries := nearestData()
	x := NewSuggester(ids)
	for i, q := range queries[:100] {
		got, ok := x.Nearest(q)
		want, wantOK := Nearest(q, ids)
		if got != want || ok != wantOK {
			t.Errorf("query %d %q: Suggester %q %v, Nearest %q %v", i, q, got, ok, want, wantOK)
		}
	}
}

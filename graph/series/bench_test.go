package series_test

import (
	"context"
	"sync"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/series"
)

var (
	benchOnce  sync.Once
	benchModel *graph.Model
	benchErr   error
)

// benchModel1M is a generated dataset of 1,000,000 statements (20,000
// actors, 50,000 claims, skewed activity) dated over the year 2025.
func benchModel1M(b *testing.B) *graph.Model {
	benchOnce.Do(func() {
		var d *annotations.Dataset
		d, benchErr = gen.Generate(gen.Config{Actors: 20000, Claims: 50000, Statements: 1000000, Sources: 20000, Seed: 1,
			From: 20250101, To: 20251231})
		if benchErr == nil {
			benchModel, benchErr = graph.Compile(context.Background(), d)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchModel
}

// BenchmarkSeries1M computes the actor congruence networks of daily
// windows of 30 days over 1M statements dated over a year (335 classic
// windows, 365 kernel windows), counting the edges. The Gaussian kernel is
// left out: each of its windows holds every statement, so its series is
// 365 networks of the whole year.
func BenchmarkSeries1M(b *testing.B) {
	m := benchModel1M(b)
	for _, kernel := range []string{series.KernelNone, series.KernelUniform} {
		b.Run(kernel, func(b *testing.B) {
			opts := series.Options{Size: series.Span{N: 30, Unit: series.Days}, Kernel: kernel, NoIndent: true}
			b.ReportAllocs()
			for b.Loop() {
				windows, edges := 0, 0
				err := series.Each(context.Background(), m, opts, nil, func(w *series.Window) error {
					windows++
					edges += len(w.Edges)
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(windows), "windows")
				b.ReportMetric(float64(edges), "edges")
			}
		})
	}
}

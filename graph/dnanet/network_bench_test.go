package dnanet_test

import (
	"context"
	"sync"
	"testing"

	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/dnanet"
)

var (
	benchOnce  sync.Once
	benchModel *graph.Model
	benchErr   error

	fewOnce  sync.Once
	fewModel *graph.Model
	fewErr   error
)

// fewClaimsModel compiles the few-claims shape (annotations/gen's preset:
// 20,000 actors on 500 claims) at a quarter of a million statements: the
// shape whose one-mode network is densest (most actors share claims).
func fewClaimsModel(b *testing.B) *graph.Model {
	fewOnce.Do(func() {
		cfg, err := gen.Config{Statements: 250000, Sources: 1250, Seed: 1}.WithShape(gen.ShapeFewClaims)
		if err != nil {
			fewErr = err
			return
		}
		d, err := gen.Generate(cfg)
		if err != nil {
			fewErr = err
			return
		}
		fewModel, fewErr = graph.Compile(context.Background(), d)
	})
	if fewErr != nil {
		b.Fatal(fewErr)
	}
	return fewModel
}

// scaleModel compiles the benchmark dataset of the scale target: a
// million statements by 20,000 actors on 50,000 claims (annotations/gen,
// skewed like a real debate).
func scaleModel(b *testing.B) *graph.Model {
	benchOnce.Do(func() {
		d, err := gen.Generate(gen.Config{Actors: 20000, Claims: 50000, Statements: 1000000, Sources: 5000, Seed: 1})
		if err != nil {
			benchErr = err
			return
		}
		benchModel, benchErr = graph.Compile(context.Background(), d)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchModel
}

func BenchmarkOneModeCongruence1M(b *testing.B) {
	m := scaleModel(b)
	b.ResetTimer()
	for b.Loop() {
		n, err := dnanet.OneMode(context.Background(), m, dnanet.NetworkOptions{Aggregate: dnanet.AggregateCongruence})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(n.Edges)), "edges")
	}
}

func BenchmarkOneModeJaccardWeek1M(b *testing.B) {
	m := scaleModel(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := dnanet.OneMode(context.Background(), m, dnanet.NetworkOptions{Aggregate: dnanet.AggregateSubtract, Normalize: dnanet.NormalizeJaccard, Duplicates: dnanet.DuplicatesWeek}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTwoMode1M(b *testing.B) {
	m := scaleModel(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := dnanet.TwoModeNetwork(context.Background(), m, dnanet.NetworkOptions{Normalize: dnanet.NormalizeActivity}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOneModeWriteCSV1M(b *testing.B) {
	m := scaleModel(b)
	n, err := dnanet.OneMode(context.Background(), m, dnanet.NetworkOptions{Normalize: dnanet.NormalizeAverage})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		var w countingWriter
		if err := n.WriteCSV(&w); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(w), "bytes")
	}
}

// BenchmarkWriteOneModeCSV1M streams the congruence network of the
// benchmark dataset to a writer as WriteNetwork computes it; compare its
// B/op with BenchmarkOneModeWriteCSV1M's computing and writing.
func BenchmarkWriteOneModeCSV1M(b *testing.B) {
	m := scaleModel(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var w countingWriter
		if err := dnanet.WriteNetwork(context.Background(), &w, m, dnanet.NetworkOneMode, dnanet.FormatCSV, dnanet.NetworkOptions{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(w), "bytes")
	}
}

// BenchmarkOneModeFewClaims computes the one-mode network of the
// few-claims shape, edges kept (OneMode) or streamed to a writer
// (WriteNetwork); -benchmem shows the memory the kept edges take.
func BenchmarkOneModeFewClaims(b *testing.B) {
	m := fewClaimsModel(b)
	b.Run("OneMode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			n, err := dnanet.OneMode(context.Background(), m, dnanet.NetworkOptions{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(len(n.Edges)), "edges")
		}
	})
	b.Run("WriteNetworkCSV", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var w countingWriter
			if err := dnanet.WriteNetwork(context.Background(), &w, m, dnanet.NetworkOneMode, dnanet.FormatCSV, dnanet.NetworkOptions{}); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(w), "bytes")
		}
	})
}

// countingWriter counts what is written to it.
type countingWriter int64

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}

package diff

import (
	"testing"

	"github.com/claimnet/claimnet/annotations/gen"
)

// BenchmarkDatasets compares the annotations of two generated datasets
// of 100,000 statements that share their ids but not their statements
// (another seed), so every statement is added or removed.
func BenchmarkDatasets(b *testing.B) {
	cfg := gen.Config{Actors: 2000, Claims: 5000, Statements: 100000, Sources: 500, Seed: 1}
	old, err := gen.Generate(cfg)
	if err != nil {
		b.Fatal(err)
	}
	cfg.Seed = 2
	new, err := gen.Generate(cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Datasets(old, new)
	}
}

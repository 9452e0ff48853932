package agree

import (
	"context"
	"testing"

	"github.com/claimnet/claimnet/annotations/gen"
)

// BenchmarkCompare compares two codings of generated data without a
// corpus (the quote-text overlap, the slower of the two): a dataset
// against a second generated with another seed, so that most quotes do
// not match, of 10,000 statements in 100 sources (100 a source).
func BenchmarkCompare(b *testing.B) {
	cfg := gen.Config{Actors: 200, Claims: 400, Statements: 10000, Sources: 100, Seed: 1}
	a, err := gen.Generate(cfg)
	if err != nil {
		b.Fatal(err)
	}
	cfg.Seed = 2
	c, err := gen.Generate(cfg)
	if err != nil {
		b.Fatal(err)
	}
	codings := []Coding{{"a", a}, {"b", c}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compare(context.Background(), codings); err != nil {
			b.Fatal(err)
		}
	}
}

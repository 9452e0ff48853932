// Package dnasample gives tests the model of DNA's sample database
// (../shared/dna/sample.dna, beside the repository), the data of rDNA's
// own tests.
package dnasample

import (
	"context"
	"testing"

	"github.com/claimnet/claimnet/annotations/dna"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/internal/testutil"
)

// Model imports sample.dna with organizations as actors and compiles it
// within w (the zero Window for every statement). It skips the test when
// the file is missing (testutil.SharedPath).
func Model(t testing.TB, w graph.Window) *graph.Model {
	t.Helper()
	r, err := dna.ReadFile(context.Background(), testutil.SharedPath(t, "dna", "sample.dna"), dna.Options{Actor: "organization"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := graph.Compile(context.Background(), r.Dataset, graph.WithWindow(w))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

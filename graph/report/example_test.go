package report_test

import (
	"bytes"
	"context"
	"fmt"
	"log"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/report"
)

// Example writes the report of the built-in dataset's statements from
// November 2025, its figure bounded to the 30 most central actors and
// claims.
func Example() {
	ctx := context.Background()
	d, err := annotations.LoadEmbedded()
	if err != nil {
		log.Fatal(err)
	}
	var w graph.Window
	if err := w.From.UnmarshalText([]byte("2025-11-01")); err != nil {
		log.Fatal(err)
	}
	m, err := graph.Compile(ctx, d, graph.WithWindow(w))
	if err != nil {
		log.Fatal(err)
	}
	an, err := analysis.Analyze(ctx, m)
	if err != nil {
		log.Fatal(err)
	}
	var page bytes.Buffer
	if err := report.Write(ctx, &page, m, an, report.Options{Title: "November 2025", Top: 30}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(bytes.HasPrefix(page.Bytes(), []byte("<!DOCTYPE html>")))
	fmt.Println(bytes.Count(page.Bytes(), []byte(`<g id="node`)) >= 30)
	// Output:
	// true
	// true
}

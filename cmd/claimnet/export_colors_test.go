package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/export"
	"github.com/claimnet/claimnet/graph/render"
)

// TestExportEveryColorBy runs export with every --color-by in every
// format on the built-in dataset (where coalition colouring fills the
// actors in no coalition "white", which gexf once refused), and checks
// that gexf colours each node as the figures do (render.Colors).
func TestExportEveryColorBy(t *testing.T) {
	ctx := context.Background()
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	m, err := graph.Compile(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	an, err := analysis.Analyze(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	vizColor := regexp.MustCompile(`<node id="([^"]+)"[^>]*>(?s:.*?)<viz:color r="(\d+)" g="(\d+)" b="(\d+)"`)
	for _, format := range export.Formats() {
		for _, scheme := range append([]string{""}, render.ColorSchemes...) {
			t.Run(format+"/"+scheme, func(t *testing.T) {
				args := []string{"export", "--format", format}
				if scheme != "" {
					args = append(args, "--color-by", scheme)
				}
				if format == export.FormatCSV {
					args = append(args, "-o", filepath.Join(t.TempDir(), "tables"))
				}
				code, stdout, stderr := runCLI(t, args...)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				if format != export.FormatGEXF {
					return
				}
				want, err := render.Colors(m, an, render.Options{ColorBy: scheme})
				if err != nil {
					t.Fatal(err)
				}
				nodes := vizColor.FindAllStringSubmatch(stdout, -1)
				if len(nodes) != len(m.Actors)+len(m.Claims) {
					t.Fatalf("%d coloured nodes, want %d", len(nodes), len(m.Actors)+len(m.Claims))
				}
				for _, n := range nodes {
					var r, g, b int
					fmt.Sscan(n[2], &r)
					fmt.Sscan(n[3], &g)
					fmt.Sscan(n[4], &b)
					if got := fmt.Sprintf("#%02X%02X%02X", r, g, b); got != want[n[1]] {
						t.Errorf("node %s coloured %s, the figures %s", n[1], got, want[n[1]])
					}
				}
			})
		}
	}
}

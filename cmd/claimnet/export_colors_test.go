package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/export"
	"github.com/claimnet/claimnet/graph/render"
)

// builtInAnalysed compiles and analyses the built-in dataset.
func builtInAnalysed(t *testing.T) (*graph.Model, *analysis.Analysis) {
	t.Helper()
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
	return m, an
}

// TestExportEveryColorBy runs export with every --color-by in every
// format on the built-in dataset (where coalition colouring fills the
// actors in no coalition "white", which gexf once refused), and checks
// that gexf colours each node as the figures do (render.Colors).
func TestExportEveryColorBy(t *testing.T) {
	m, an := builtInAnalysed(t)
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

// TestExportEveryShapeBy runs export --format gexf with every --shape-by
// on the built-in dataset and checks that each node's viz:shape is the
// GEXF shape of the one the figures draw it with (render.Shapes), its
// figure_shape attribute that shape itself, that claims are squares and
// that the actors of the two commonest values are told apart (diamond,
// triangle) from the rest (disc); and that graphml, which carries no
// styling, is written too.
func TestExportEveryShapeBy(t *testing.T) {
	m, _ := builtInAnalysed(t)
	node := regexp.MustCompile(`(?s)<node id="([^"]+)".*?</node>`)
	vizShape := regexp.MustCompile(`<viz:shape value="([a-z]+)"`)
	attr := regexp.MustCompile(`<attvalue for="figure_shape" value="([a-z]+)"`)
	for _, scheme := range render.ShapeSchemes {
		t.Run(scheme, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "export", "--format", "gexf", "--shape-by", scheme)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, `<attribute id="figure_shape" title="figure_shape" type="string"`) ||
				!strings.Contains(stdout, "actor shape by "+scheme) {
				t.Errorf("no figure_shape declaration or description")
			}
			want, err := render.Shapes(m, render.Options{ShapeBy: scheme})
			if err != nil {
				t.Fatal(err)
			}
			nodes := node.FindAllStringSubmatch(stdout, -1)
			if len(nodes) != len(m.Actors)+len(m.Claims) {
				t.Fatalf("%d nodes, want %d", len(nodes), len(m.Actors)+len(m.Claims))
			}
			used := map[string]int{}
			for _, n := range nodes {
				v, a := vizShape.FindStringSubmatch(n[0]), attr.FindStringSubmatch(n[0])
				if v == nil || a == nil {
					t.Fatalf("node %s has no viz:shape or figure_shape", n[1])
				}
				gexf, ok := export.GEXFShape(want[n[1]])
				if !ok || v[1] != gexf || a[1] != want[n[1]] {
					t.Errorf("node %s: viz:shape %s, figure_shape %s; the figures draw %s (%s)", n[1], v[1], a[1], want[n[1]], gexf)
				}
				if strings.HasPrefix(n[0], `<node id="`+m.Claims[0].ID+`"`) && v[1] != "square" {
					t.Errorf("claim %s is %s, not square", n[1], v[1])
				}
				used[v[1]]++
			}
			if used["diamond"] == 0 || used["triangle"] == 0 || used["disc"] == 0 {
				t.Errorf("shapes used %v: want the two commonest values as diamond and triangle, the rest disc", used)
			}
		})
	}
	if code, _, stderr := runCLI(t, "export", "--format", "gexf", "--shape-by", "hat"); code != 2 || !strings.Contains(stderr, "shape by") {
		t.Errorf("--shape-by hat: exit %d, %s", code, stderr)
	}
}

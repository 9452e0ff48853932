package render_test

import (
	"context"
	"fmt"
	"io"
	"log"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/render"
)

// ExampleRenderer_Diff draws what changed between two versions of a
// small dataset, on the new version's layout.
func ExampleRenderer_Diff() {
	ctx := context.Background()
	version := func(dir string) (*graph.Model, *analysis.Analysis) {
		d, err := annotations.LoadDir(dir)
		if err != nil {
			log.Fatal(err)
		}
		m, err := graph.Compile(ctx, d)
		if err != nil {
			log.Fatal(err)
		}
		an, err := analysis.Analyze(ctx, m)
		if err != nil {
			log.Fatal(err)
		}
		return m, an
	}
	oldM, oldAn := version("../diff/testdata/old")
	newM, newAn := version("../diff/testdata/new")
	r, err := render.NewRenderer(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	fig, err := r.Diff(ctx, oldM, oldAn, newM, newAn, render.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(fig.Note)
	if err := r.Render(ctx, fig, render.FormatSVG, io.Discard); err != nil {
		log.Fatal(err)
	}
	// Output:
	// 2 nodes and 2 edges added, 1 and 1 removed, 3 edges with a changed stance; positions of the new version
}

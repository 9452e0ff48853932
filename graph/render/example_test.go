package render_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/render"
)

// Example draws the ego network of one actor of the built-in dataset as
// SVG, bounded to its ten most central neighbours.
func Example() {
	ctx := context.Background()
	d, err := annotations.LoadEmbedded()
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
	fig, err := render.Build(ctx, m, an, render.Options{
		View: render.ViewEgo, Node: "khawaja-asif", Depth: 2, Top: 11,
		Title: "Khawaja Asif and his neighbourhood",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(fig.View, fig.Layout, fig.Nodes, "nodes")
	fmt.Println(fig.Note)

	r, err := render.NewRenderer(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	f, err := os.CreateTemp("", "ego-*.svg")
	if err != nil {
		log.Fatal(err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if err := r.Render(ctx, fig, render.FormatSVG, f); err != nil {
		log.Fatal(err)
	}
	// Output:
	// ego neato 11 nodes
	// 7 of 27 actors and 4 of 68 claims with statements; the centre and 10 of its 12 neighbours within 2 hops, the nearest first, the most central (degree) first within a hop
}

// ExampleShapes gives the node shapes the figures draw the built-in
// dataset's actors with when shaped by type.
func ExampleShapes() {
	d, err := annotations.LoadEmbedded()
	if err != nil {
		log.Fatal(err)
	}
	m, err := graph.Compile(context.Background(), d)
	if err != nil {
		log.Fatal(err)
	}
	shapes, err := render.Shapes(m, render.Options{ShapeBy: render.ColorByType})
	if err != nil {
		log.Fatal(err)
	}
	for _, id := range []string{"khawaja-asif", "islamic-emirate", "turkiye", "kabul-must-act-against-ttp"} {
		fmt.Println(id, shapes[id])
	}
	// Output:
	// khawaja-asif hexagon
	// islamic-emirate house
	// turkiye parallelogram
	// kabul-must-act-against-ttp box
}

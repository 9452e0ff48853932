package render

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
)

// standardSet is the figure set scripts/figures.sh renders.
var standardSet = []Options{
	{Top: 40},
	{},
	{Top: 40, Theme: ThemePrint},
	{View: ViewActors, MinWeight: 2},
	{View: ViewArguments},
	{View: ViewEgo, Node: "khawaja-asif", Depth: 2},
	{View: ViewEgo, Node: "sirajuddin-haqqani", Depth: 2},
}

// benchFigures renders figs of d to SVG b.N times and reports, per
// iteration, claimnet's time (compiling the model, analysing it,
// building the figures, placing the legends) apart from Graphviz's
// (parsing, layout and drawing).
func benchFigures(b *testing.B, d *annotations.Dataset, figs []Options) {
	ctx := context.Background()
	r, err := NewRenderer(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	var own time.Duration
	nodes := 0
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		m, err := graph.Compile(ctx, d)
		if err != nil {
			b.Fatal(err)
		}
		an, err := analysis.Analyze(ctx, m)
		if err != nil {
			b.Fatal(err)
		}
		var built []*Figure
		for _, o := range figs {
			f, err := Build(ctx, m, an, o)
			if err != nil {
				b.Fatal(err)
			}
			built = append(built, f)
			nodes = max(nodes, f.Nodes)
		}
		own += time.Since(t0)
		for _, f := range built {
			gv0 := r.graphviz
			t1 := time.Now()
			if err := r.Render(ctx, f, FormatSVG, io.Discard); err != nil {
				b.Fatal(err)
			}
			// Render's time outside Graphviz is claimnet's (the legend).
			own += time.Since(t1) - (r.graphviz - gv0)
		}
	}
	b.ReportMetric(float64(own.Milliseconds())/float64(b.N), "claimnet-ms/op")
	b.ReportMetric(float64(r.graphviz.Milliseconds())/float64(b.N), "graphviz-ms/op")
	b.ReportMetric(float64(nodes), "max-nodes")
}

// BenchmarkStandardSet renders the seven SVG figures of scripts/figures.sh.
func BenchmarkStandardSet(b *testing.B) {
	d, err := annotations.LoadEmbedded()
	if err != nil {
		b.Fatal(err)
	}
	benchFigures(b, d, standardSet)
}

// Generated datasets of about 300 and 1,000 active actors and claims.
var (
	gen300  = gen.Config{Actors: 120, Claims: 240, Statements: 1200, Sources: 30, Seed: 1}
	gen1000 = gen.Config{Actors: 400, Claims: 800, Statements: 4000, Sources: 100, Seed: 1}
)

// figureCase is a figure the size benchmarks render.
type figureCase struct {
	name string
	o    Options
}

// The default actor-claim and actors figures, whose layout engine, edge
// routing and (for the actors view) edge bound follow the figure's size.
var (
	actorClaimCase = figureCase{"actor-claim", Options{}}
	actorsCase     = figureCase{"actors", Options{View: ViewActors}}
)

func benchSize(b *testing.B, cfg gen.Config, cases ...figureCase) {
	d, err := gen.Generate(cfg)
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) { benchFigures(b, d, []Options{tc.o}) })
	}
}

// BenchmarkFigure300 renders figures of a generated dataset with 318
// active actors and claims, every one of them drawn: the default
// actor-claim and actors figures, and actor-claim in neato and sfdp.
func BenchmarkFigure300(b *testing.B) {
	benchSize(b, gen300, actorClaimCase, actorsCase,
		figureCase{"actor-claim-neato", Options{Layout: LayoutNeato}},
		figureCase{"actor-claim-sfdp", Options{Layout: LayoutSfdp}})
}

// BenchmarkFigure1000 renders the default actor-claim and actors figures
// of a generated dataset with 1,056 active actors and claims, every one of
// them drawn. (The actor-claim figure in neato, the default before sizes
// chose the engine, took 45 to 51 s a run.)
func BenchmarkFigure1000(b *testing.B) { benchSize(b, gen1000, actorClaimCase, actorsCase) }

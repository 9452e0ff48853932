package render

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
)

// TestDefaultLayoutBySize checks that an empty Options.Layout picks neato
// for figures of up to MaxNeatoNodes nodes and sfdp above, dot for the
// arguments, and that a layout asked for is kept.
func TestDefaultLayoutBySize(t *testing.T) {
	d, err := gen.Generate(gen300)
	if err != nil {
		t.Fatal(err)
	}
	m, an := analysed(t, d, graph.Window{})
	for _, tc := range []struct {
		o      Options
		layout string
		large  bool
	}{
		{Options{}, LayoutSfdp, true},
		{Options{Top: MaxNeatoNodes}, LayoutNeato, false},
		{Options{Top: MaxNeatoNodes + 1}, LayoutSfdp, true},
		{Options{Layout: LayoutNeato}, LayoutNeato, true},
		{Options{Layout: LayoutFdp, Top: 10}, LayoutFdp, false},
		{Options{View: ViewArguments}, LayoutDot, false},
		{Options{View: ViewEgo, Node: m.Actors[0].ID, Top: 30}, LayoutNeato, false},
	} {
		f, err := Build(context.Background(), m, an, tc.o)
		if err != nil {
			t.Fatal(err)
		}
		if f.Layout != tc.layout || (f.Nodes > MaxNeatoNodes) != tc.large {
			t.Errorf("%+v: %s with %d nodes, want %s and large=%v", tc.o, f.Layout, f.Nodes, tc.layout, tc.large)
		}
		if want := `layout="` + f.Layout + `"`; !bytes.Contains(f.DOT(), []byte(want)) {
			t.Errorf("%+v: the DOT text does not say %s", tc.o, want)
		}
	}
	if got := DefaultLayout(ViewActorClaim, MaxNeatoNodes); got != LayoutNeato {
		t.Errorf("DefaultLayout at the limit = %s", got)
	}
}

var weightRE = regexp.MustCompile(`(?:congruence|conflict) weight ([0-9.]+)`)

// TestActorsMaxEdges checks the actors view's bound on actor pairs: by
// default at most DefaultMaxEdges pairs, the heaviest, with the note saying
// what is hidden; a negative MaxEdges draws every pair.
func TestActorsMaxEdges(t *testing.T) {
	d, err := gen.Generate(gen300)
	if err != nil {
		t.Fatal(err)
	}
	m, an := analysed(t, d, graph.Window{})
	all, err := Build(context.Background(), m, an, Options{View: ViewActors, MaxEdges: -1})
	if err != nil {
		t.Fatal(err)
	}
	if all.Edges <= DefaultMaxEdges {
		t.Fatalf("the test needs more than %d actor pairs; has %d", DefaultMaxEdges, all.Edges)
	}
	def, err := Build(context.Background(), m, an, Options{View: ViewActors})
	if err != nil {
		t.Fatal(err)
	}
	if def.Edges != DefaultMaxEdges {
		t.Errorf("default: %d edges, want %d", def.Edges, DefaultMaxEdges)
	}
	if want := "the " + itoa(DefaultMaxEdges) + " heaviest of " + itoa(all.Edges) + " actor pairs"; !strings.Contains(def.Note, want) {
		t.Errorf("note %q does not say %q", def.Note, want)
	}
	// Every pair drawn is at least as heavy as every pair hidden.
	heaviest := func(f *Figure) map[[2]string]float64 {
		out := map[[2]string]float64{}
		for _, e := range f.g.edges {
			for _, a := range e.attrs {
				if a.key != "tooltip" {
					continue
				}
				for _, m := range weightRE.FindAllStringSubmatch(a.val, -1) {
					out[[2]string{e.from, e.to}] = max(out[[2]string{e.from, e.to}], atof(t, m[1]))
				}
			}
		}
		return out
	}
	shown, every := heaviest(def), heaviest(all)
	least := -1.0
	for k, w := range shown {
		if every[k] != w {
			t.Fatalf("pair %v: weight %v drawn, %v in the whole network", k, w, every[k])
		}
		if least < 0 || w < least {
			least = w
		}
	}
	for k, w := range every {
		if _, ok := shown[k]; !ok && w > least {
			t.Errorf("pair %v of weight %v hidden while one of weight %v is drawn", k, w, least)
		}
	}
	// MinWeight still applies below the bound, and a small bound is kept.
	small, err := Build(context.Background(), m, an, Options{View: ViewActors, MaxEdges: 5})
	if err != nil {
		t.Fatal(err)
	}
	if small.Edges != 5 || !strings.Contains(small.Note, "the 5 heaviest of") {
		t.Errorf("MaxEdges 5: %d edges, note %q", small.Edges, small.Note)
	}
}

// TestStraightEdgesOnePass checks that a large force-layout figure, whose
// edges are straight, takes two Graphviz runs (layout, then the drawing
// with the legend) instead of three, and that it still draws every edge.
func TestStraightEdgesOnePass(t *testing.T) {
	d, err := gen.Generate(gen300)
	if err != nil {
		t.Fatal(err)
	}
	m, an := analysed(t, d, graph.Window{})
	r := renderer(t)
	for _, tc := range []struct {
		o     Options
		runs  int
		large bool
	}{
		{Options{View: ViewActors, MaxEdges: -1}, 2, true},
		{Options{Top: MaxNeatoNodes + 10}, 2, true},
		{Options{View: ViewActors}, 2, true},
		{Options{Top: 40}, 3, false},
	} {
		f, err := Build(context.Background(), m, an, tc.o)
		if err != nil {
			t.Fatal(err)
		}
		if f.straight != tc.large {
			t.Fatalf("%+v: straight = %v", tc.o, f.straight)
		}
		r.mu.Lock()
		before := r.calls
		r.mu.Unlock()
		var svg bytes.Buffer
		if err := r.Render(context.Background(), f, FormatSVG, &svg); err != nil {
			t.Fatal(err)
		}
		r.mu.Lock()
		runs := r.calls - before
		r.mu.Unlock()
		if runs != tc.runs {
			t.Errorf("%+v: %d Graphviz runs, want %d", tc.o, runs, tc.runs)
		}
		// Every figure edge is drawn, with a path.
		_, elems := svgText(t, svg.Bytes())
		drawn := 0
		for _, e := range f.g.edges {
			if bytes.Contains(svg.Bytes(), []byte("<title>"+xmlEscape(e.from)+"&#45;&gt;"+xmlEscape(e.to)+"</title>")) {
				drawn++
			}
		}
		if drawn != f.Edges || elems["path"] < f.Edges {
			t.Errorf("%+v: %d of %d edges drawn, %d paths", tc.o, drawn, f.Edges, elems["path"])
		}
	}
}

func xmlEscape(s string) string {
	return strings.NewReplacer("-", "&#45;", "&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func itoa(n int) string { return strconv.Itoa(n) }

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

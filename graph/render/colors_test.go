package render

import (
	"bytes"
	"context"
	htmlstd "html"
	"regexp"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
)

// TestColorsMatchFigure checks that Colors gives each node the fill the
// actor-claim figure draws it with, as #RRGGBB (the form exports take),
// for every colour scheme and theme, on a small dataset and the built-in
// one (whose actors in no coalition are filled "white").
func TestColorsMatchFigure(t *testing.T) {
	builtIn, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	hex := regexp.MustCompile(`^#[0-9A-F]{6}$`)
	var opts []Options
	for _, scheme := range ColorSchemes {
		for _, theme := range Themes {
			opts = append(opts, Options{ColorBy: scheme, Theme: theme})
		}
	}
	for _, d := range []*annotations.Dataset{smallDataset(t), builtIn} {
		m, an := analysed(t, d, graph.Window{})
		for _, o := range opts {
			colors, err := Colors(m, an, o)
			if err != nil {
				t.Fatal(err)
			}
			if len(colors) != len(m.Actors)+len(m.Claims) {
				t.Fatalf("%d colours for %d nodes", len(colors), len(m.Actors)+len(m.Claims))
			}
			for id, c := range colors {
				if !hex.MatchString(c) {
					t.Errorf("options %+v: %s has colour %q, not #RRGGBB", o, id, c)
				}
			}
			f, err := Build(context.Background(), m, an, o)
			if err != nil {
				t.Fatal(err)
			}
			node := regexp.MustCompile(`"(actor|claim):([a-z0-9-]+)" \[.*?fillcolor="([^"]+)"`)
			found := 0
			for _, mm := range node.FindAllStringSubmatch(string(f.DOT()), -1) {
				found++
				if got := colors[mm[2]]; got != strings.ToUpper(hexColor(mm[3])) {
					t.Errorf("options %+v: %s %s drawn %s, Colors says %s", o, mm[1], mm[2], mm[3], got)
				}
			}
			if found == 0 {
				t.Fatal("no filled nodes found in the figure's DOT")
			}
		}
	}
}

// TestCoalitionLegendNamesShownActor checks that the legend names each
// coalition by an actor the figure shows, however many are hidden by
// --min-weight or --top.
func TestCoalitionLegendNamesShownActor(t *testing.T) {
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	m, an := analysed(t, d, graph.Window{})
	names := map[string]string{}
	for _, a := range m.Actors {
		names[a.Name] = a.ID
	}
	label := regexp.MustCompile(`Coalition \d+: (.+?) and \d+ more`)
	ctx := context.Background()
	r, err := NewRenderer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, o := range []Options{
		{View: ViewActors},
		{View: ViewActors, MinWeight: 2},
		{View: ViewActors, MinWeight: 4},
		{View: ViewActorClaim, ColorBy: ColorByCoalition, Top: 20},
	} {
		f, err := Build(ctx, m, an, o)
		if err != nil {
			t.Fatal(err)
		}
		var svg bytes.Buffer
		if err := r.Render(ctx, f, FormatSVG, &svg); err != nil {
			t.Fatal(err)
		}
		text := htmlstd.UnescapeString(svg.String())
		labels := label.FindAllStringSubmatch(text, -1)
		if len(labels) == 0 {
			t.Fatalf("options %+v: no coalition in the legend", o)
		}
		for _, l := range labels {
			id, ok := names[l[1]]
			if cut, short := strings.CutSuffix(l[1], "…"); short {
				// A long name is cut at a word: the start of a name.
				for name, nid := range names {
					if strings.HasPrefix(name, cut+" ") && len([]rune(cut)) <= coalitionNameMax {
						id, ok = nid, true
					}
				}
			}
			if !ok {
				t.Errorf("options %+v: legend names %q, no such actor", o, l[1])
				continue
			}
			if !strings.Contains(text, "<title>actor:"+id+"</title>") {
				t.Errorf("options %+v: legend names %s, whom the figure does not show", o, l[1])
			}
		}
	}
}

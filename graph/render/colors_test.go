package render

import (
	"context"
	"regexp"
	"testing"

	"github.com/claimnet/claimnet/graph"
)

// TestColorsMatchFigure checks that Colors gives each node the fill the
// actor-claim figure draws it with.
func TestColorsMatchFigure(t *testing.T) {
	m, an := analysed(t, smallDataset(t), graph.Window{})
	for _, o := range []Options{{}, {ColorBy: ColorByCoalition}, {Theme: ThemePrint}} {
		colors, err := Colors(m, an, o)
		if err != nil {
			t.Fatal(err)
		}
		if len(colors) != len(m.Actors)+len(m.Claims) {
			t.Fatalf("%d colours for %d nodes", len(colors), len(m.Actors)+len(m.Claims))
		}
		f, err := Build(context.Background(), m, an, o)
		if err != nil {
			t.Fatal(err)
		}
		node := regexp.MustCompile(`"(actor|claim):([a-z0-9-]+)" \[.*?fillcolor="(#[0-9A-Fa-f]{6})"`)
		found := 0
		for _, mm := range node.FindAllStringSubmatch(string(f.DOT()), -1) {
			found++
			if got := colors[mm[2]]; got != mm[3] {
				t.Errorf("options %+v: %s %s drawn %s, Colors says %s", o, mm[1], mm[2], mm[3], got)
			}
		}
		if found == 0 {
			t.Fatal("no filled nodes found in the figure's DOT")
		}
	}
}

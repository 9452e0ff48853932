package render

import (
	"bytes"
	"context"
	htmlstd "html"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestShapeByType draws the built-in dataset with actor shapes by type:
// the five most common types (person 10, group 9, state 7, then
// government and media with 4 each, by name) get a shape each, the other
// types and actors without one stay ellipses, the legend names every
// shape the figure shows, and the PDF draws the same figure.
func TestShapeByType(t *testing.T) {
	m, an := builtIn(t)
	ctx := context.Background()
	f, err := Build(ctx, m, an, Options{ShapeBy: ColorByType})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"person": "hexagon", "group": "octagon", "state": "parallelogram",
		"government": "house", "media": "invhouse"}
	nodeRE := regexp.MustCompile(`"actor:([^"]+)" \[[^\n]*?shape=(\w+)`)
	shown := map[string]bool{}
	for _, mm := range nodeRE.FindAllStringSubmatch(string(f.DOT()), -1) {
		a, ok := m.ActorIndex(mm[1])
		if !ok {
			t.Fatalf("no actor %q", mm[1])
		}
		typ := m.Actors[a].Type
		w, ok := want[typ]
		if !ok {
			w = "ellipse"
		}
		if mm[2] != w {
			t.Errorf("actor %s of type %q is a %s, want a %s", mm[1], typ, mm[2], w)
		}
		shown[typ] = true
	}
	if len(shown) < 4 {
		t.Fatalf("the figure shows actors of %d types; the test wants several", len(shown))
	}
	var svg, pdf bytes.Buffer
	r := renderer(t)
	if err := r.Render(ctx, f, FormatSVG, &svg); err != nil {
		t.Fatal(err)
	}
	text := htmlstd.UnescapeString(svg.String())
	if !strings.Contains(text, ">Actor shape: type<") {
		t.Error("the legend has no section on shapes")
	}
	for typ := range shown {
		label := typ
		if _, ok := want[typ]; !ok {
			label = "other types"
		}
		if !strings.Contains(text, ">"+label) {
			t.Errorf("the legend does not name the shape of %q (%q)", typ, label)
		}
	}
	// A hexagon is drawn as a polygon of 6 corners (7 points, closed).
	hexRE := regexp.MustCompile(`<title>actor:[^<]*</title>\s*(?:<g [^>]*><a [^>]*>\s*)?<polygon [^>]*points="([^"]*)"`)
	hexagons := 0
	for _, mm := range hexRE.FindAllStringSubmatch(svg.String(), -1) {
		if len(strings.Fields(mm[1])) == 7 {
			hexagons++
		}
	}
	if hexagons == 0 {
		t.Error("the SVG draws no actor as a hexagon")
	}
	if err := r.Render(ctx, f, FormatPDF, &pdf); err != nil {
		t.Fatal(err)
	}
	mw := svgWidthRE.FindSubmatch(svg.Bytes())
	if mw == nil {
		t.Fatal("SVG has no width")
	}
	w, _ := strconv.ParseFloat(string(mw[1]), 64)
	checkPDF(t, pdf.Bytes(), w)
}

// TestShapeByUnknown refuses an attribute shapes cannot show.
func TestShapeByUnknown(t *testing.T) {
	m, an := builtIn(t)
	_, err := Build(context.Background(), m, an, Options{ShapeBy: ColorBySide})
	if err == nil || !strings.Contains(err.Error(), "shape by") {
		t.Fatalf("ShapeBy side: got %v, want an error naming the shape scheme", err)
	}
}

// TestShapesMatchFigure checks that Shapes gives every node the shape
// the actor-claim figure draws it with, for every ShapeBy.
func TestShapesMatchFigure(t *testing.T) {
	m, an := builtIn(t)
	nodeRE := regexp.MustCompile(`"((?:actor|claim):[^"]+)" \[[^\n]*?shape=(\w+)`)
	for _, scheme := range append([]string{""}, ShapeSchemes...) {
		f, err := Build(context.Background(), m, an, Options{ShapeBy: scheme})
		if err != nil {
			t.Fatal(err)
		}
		got, err := Shapes(m, Options{ShapeBy: scheme})
		if err != nil {
			t.Fatal(err)
		}
		drawn := nodeRE.FindAllStringSubmatch(string(f.DOT()), -1)
		if len(drawn) == 0 {
			t.Fatal("no node in the figure")
		}
		for _, d := range drawn {
			id := d[1][strings.IndexByte(d[1], ':')+1:]
			if got[id] != d[2] {
				t.Errorf("shape by %q: %s is drawn a %s, Shapes says %q", scheme, d[1], d[2], got[id])
			}
		}
	}
	if _, err := Shapes(m, Options{ShapeBy: "hat"}); err == nil {
		t.Error("Shapes with an unknown ShapeBy: no error")
	}
}

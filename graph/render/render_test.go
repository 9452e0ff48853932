package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"fmt"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Names that must come out as text, never as markup or DOT escapes.
const (
	nastyName  = `<script>alert("x")</script> & Co`
	nastyName2 = `Back\Nslash "quoted" & <b>bold</b>`
)

// smallDataset is a hand-made dataset with every feature the figures
// draw: two sides and a mediator, a contested claim, a reversal, support
// and attack links between claims, declared relations and affiliations,
// and names that are markup.
func smallDataset(t testing.TB) *annotations.Dataset {
	t.Helper()
	actors := []*annotations.Actor{
		{ID: "north", Name: "North", Type: "state"},
		{ID: "north-gov", Name: "Government of North", Type: "government", Affiliation: "north"},
		{ID: "north-min", Name: nastyName, Type: "person", Affiliation: "north-gov"},
		{ID: "south", Name: "South", Type: "state"},
		{ID: "south-gov", Name: "Government of South", Type: "government", Affiliation: "south"},
		{ID: "south-spk", Name: nastyName2, Type: "person", Affiliation: "south-gov"},
		{ID: "broker", Name: "Broker State", Type: "state", Tags: []string{"mediator"}},
		{ID: "paper", Name: "The Daily Paper", Type: "media"},
	}
	claims := []*annotations.Claim{
		{ID: "border-open", Text: "The border should stay open for trade even in times of crisis."},
		{ID: "talks-work", Text: "Talks are the only way to settle the dispute & end the fighting.", Supports: []string{"border-open"}},
		{ID: "south-harbours", Text: "South harbours militants who attack North.", Attacks: []string{"talks-work"}},
		{ID: "north-blames", Text: "North blames South to hide its own <failures>.", Attacks: []string{"south-harbours"}},
		{ID: "unlinked", Text: "An unlinked claim."},
	}
	src := []*annotations.Source{{ID: "s1", Title: "Source one"}}
	type st struct {
		a, c, stance, date string
	}
	var stmts []*annotations.Statement
	for _, s := range []st{
		{"north-gov", "south-harbours", "support", "2025-10-01"},
		{"north-gov", "south-harbours", "support", "2025-10-02"},
		{"north-gov", "south-harbours", "support", "2025-10-03"},
		{"north-min", "south-harbours", "support", "2025-10-02"},
		{"north-min", "talks-work", "support", "2025-10-02"},
		{"north-min", "talks-work", "oppose", "2025-10-09"}, // a reversal
		{"south-gov", "south-harbours", "oppose", "2025-10-03"},
		{"south-gov", "north-blames", "support", "2025-10-03"},
		{"south-spk", "north-blames", "support", "2025-10-04"},
		{"south-spk", "talks-work", "support", "2025-10-05"},
		{"broker", "talks-work", "support", "2025-10-06"},
		{"broker", "border-open", "support", "2025-10-06"},
		{"paper", "border-open", "support", "2025-10-07"},
		{"paper", "north-blames", "oppose", "2025-10-07"},
		{"paper", "unlinked", "support", "2025-10-08"},
	} {
		stance, _ := annotations.ParseStance(s.stance)
		d, err := annotations.ParseDate(s.date)
		if err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, &annotations.Statement{Actor: s.a, Claim: s.c, Stance: stance, Quote: "q", Source: "s1", Date: d})
	}
	rels := []*annotations.Relation{
		{From: "north-gov", Type: "criticizes", To: []string{"south-gov"}, Quote: "q", Source: "s1"},
		{From: "north-gov", Type: "negotiates-with", To: []string{"south-gov"}, Quote: "q", Source: "s1"},
		{From: "broker", Type: "mediates", To: []string{"north-gov", "south-gov"}, Quote: "q", Source: "s1"},
	}
	d, err := annotations.New(actors, claims, src, stmts, rels)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func analysed(t testing.TB, d *annotations.Dataset, w graph.Window) (*graph.Model, *analysis.Analysis) {
	t.Helper()
	ctx := context.Background()
	m, err := graph.Compile(ctx, d, graph.WithWindow(w))
	if err != nil {
		t.Fatal(err)
	}
	an, err := analysis.Analyze(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	return m, an
}

// sharedRenderer is one Renderer for the package's tests, as a process
// would use it.
var sharedRenderer = sync.OnceValues(func() (*Renderer, error) { return NewRenderer(context.Background()) })

func renderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := sharedRenderer()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// goldenCases are the figures of the small dataset with golden DOT files.
var goldenCases = []struct {
	name string
	o    Options
}{
	{"actor-claim", Options{}},
	{"actor-claim-print", Options{Theme: ThemePrint, Title: "A <title> & more", Caption: "Caption text."}},
	{"actor-claim-top4", Options{Top: 4, SizeBy: analysis.PageRank}},
	{"actor-claim-minweight", Options{MinWeight: 2}},
	{"actors", Options{View: ViewActors}},
	{"actors-side", Options{View: ViewActors, ColorBy: ColorBySide}},
	{"arguments", Options{View: ViewArguments, Wrap: 20}},
	{"ego-actor", Options{View: ViewEgo, Node: "north-gov"}},
	{"ego-claim-depth2", Options{View: ViewEgo, Node: "talks-work", Depth: 2, Layout: LayoutDot}},
}

func TestGoldenDOT(t *testing.T) {
	m, an := analysed(t, smallDataset(t), graph.Window{})
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Build(context.Background(), m, an, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", tc.name+".dot"), f.DOT())
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	testutil.Golden(t, path, got, *update)
}

// svgText decodes svg as XML and returns the text of its <text>
// elements and the names of every element.
func svgText(t *testing.T, svg []byte) (texts []string, elems map[string]int) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	elems = map[string]int{}
	in := false
	var cur strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			elems[x.Name.Local]++
			if x.Name.Local == "text" {
				in = true
				cur.Reset()
			}
		case xml.CharData:
			if in {
				cur.Write(x)
			}
		case xml.EndElement:
			if x.Name.Local == "text" {
				in = false
				texts = append(texts, cur.String())
			}
		}
	}
	if elems["svg"] != 1 {
		t.Fatalf("SVG has %d <svg> elements", elems["svg"])
	}
	return texts, elems
}

func TestSVGWellFormedAndRenders(t *testing.T) {
	m, an := analysed(t, smallDataset(t), graph.Window{})
	r := renderer(t)
	rsvg, rsvgErr := exec.LookPath("rsvg-convert")
	dir := t.TempDir()
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Build(context.Background(), m, an, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := r.Render(context.Background(), f, FormatSVG, &buf); err != nil {
				t.Fatal(err)
			}
			texts, elems := svgText(t, buf.Bytes())
			if elems["script"] > 0 || elems["b"] > 0 {
				t.Errorf("a name became markup: elements %v", elems)
			}
			joined := strings.Join(texts, "\n")
			if !strings.Contains(joined, "Shown") && tc.o.Top > 0 {
				t.Errorf("bounded figure has no note saying what is shown")
			}
			for _, sec := range f.legend {
				if !strings.Contains(joined, sec.title) {
					t.Errorf("legend heading %q not drawn", sec.title)
				}
			}
			if tc.o.Title != "" && !strings.Contains(joined, tc.o.Title) {
				t.Errorf("title %q not drawn as text", tc.o.Title)
			}
			if rsvgErr != nil {
				return
			}
			in := filepath.Join(dir, tc.name+".svg")
			if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(rsvg, "-o", filepath.Join(dir, tc.name+".png"), in).CombinedOutput()
			if err != nil {
				t.Errorf("rsvg-convert: %v\n%s", err, out)
			}
		})
	}
	if rsvgErr != nil {
		testutil.Missing(t, "rsvg-convert not found; SVGs checked as XML only (CI installs librsvg2-bin)")
	}
}

// TestEscaping checks that names containing markup, entities, quotes and
// DOT escapes are drawn as their literal text.
func TestEscaping(t *testing.T) {
	m, an := analysed(t, smallDataset(t), graph.Window{})
	r := renderer(t)
	for _, o := range []Options{
		{View: ViewEgo, Node: "north-min", Wrap: -1},
		{View: ViewEgo, Node: "south-spk", Wrap: -1},
	} {
		f, err := Build(context.Background(), m, an, o)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := r.Render(context.Background(), f, FormatSVG, &buf); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(buf.Bytes(), []byte("<script")) || bytes.Contains(buf.Bytes(), []byte("<b>")) {
			t.Fatalf("raw markup in the SVG of %s", o.Node)
		}
		texts, _ := svgText(t, buf.Bytes())
		// Actor names are wrapped at 16 characters: join the lines back.
		joined := strings.Join(strings.Fields(strings.Join(texts, "")), "")
		want := map[string]string{"north-min": nastyName, "south-spk": nastyName2}[o.Node]
		if !strings.Contains(joined, strings.Join(strings.Fields(want), "")) {
			t.Errorf("%s: %q is not drawn as text; texts: %q", o.Node, want, texts)
		}
	}
	if got := quote(`a\N"b"&c`); got != `"a\\N\"b\"&amp;c"` {
		t.Errorf("quote = %s", got)
	}
	if got := escapeHTML(`<a href='x'>&amp;\N</a>`); got != `&lt;a href=&#39;x&#39;&gt;&amp;amp;\\N&lt;/a&gt;` {
		t.Errorf("escapeHTML = %s", got)
	}
}

func TestDeterministic(t *testing.T) {
	m, an := analysed(t, smallDataset(t), graph.Window{})
	r := renderer(t)
	for _, format := range []string{FormatSVG, FormatPNG, FormatPositioned, FormatDOT} {
		var outs [2][]byte
		for i := range outs {
			// Build anew each time, from a fresh analysis too.
			m2, an2 := m, an
			if i == 1 {
				m2, an2 = analysed(t, smallDataset(t), graph.Window{})
			}
			f, err := Build(context.Background(), m2, an2, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := r.Render(context.Background(), f, format, &buf); err != nil {
				t.Fatal(err)
			}
			outs[i] = buf.Bytes()
		}
		if !bytes.Equal(outs[0], outs[1]) {
			t.Errorf("%s: two renders differ", format)
		}
	}
}

// TestConcurrent renders from several goroutines through one Renderer,
// which must serialise them and give each the same bytes.
func TestConcurrent(t *testing.T) {
	m, an := analysed(t, smallDataset(t), graph.Window{})
	r := renderer(t)
	f, err := Build(context.Background(), m, an, Options{View: ViewArguments})
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := r.Render(context.Background(), f, FormatSVG, &want); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := r.Render(context.Background(), f, FormatSVG, &buf); err != nil {
				errs <- err
				return
			}
			if !bytes.Equal(buf.Bytes(), want.Bytes()) {
				errs <- fmt.Errorf("concurrent render differs")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestPNG(t *testing.T) {
	m, an := analysed(t, smallDataset(t), graph.Window{})
	// The default resolution first, then others: every pixel is opaque at
	// any of them (an image a fraction of a pixel larger than the figure
	// had a row or column of half-transparent pixels along its edge, a
	// faint line on a coloured page).
	for i, dpi := range []float64{0, 97, 151} {
		f, err := Build(context.Background(), m, an, Options{Title: "PNG", DPI: dpi})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := renderer(t).Render(context.Background(), f, FormatPNG, &buf); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if o, ok := img.(interface{ Opaque() bool }); !ok || !o.Opaque() {
			t.Errorf("at %v dpi the %T PNG has pixels that are not opaque", dpi, img)
		}
		if i > 0 {
			continue
		}
		b := img.Bounds()
		if b.Dx() < 200 || b.Dy() < 200 {
			t.Fatalf("PNG is %v", b)
		}
		// Something is drawn: not every pixel is white.
		dark := 0
		for y := b.Min.Y; y < b.Max.Y; y += 3 {
			for x := b.Min.X; x < b.Max.X; x += 3 {
				if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0x8000 {
					dark++
				}
			}
		}
		if dark < 100 {
			t.Errorf("PNG has only %d dark sample pixels", dark)
		}
	}
}

func TestTopBoundsNodes(t *testing.T) {
	d, err := gen.Generate(gen.Config{Actors: 150, Claims: 150, Statements: 1500, Sources: 20, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	m, an := analysed(t, d, graph.Window{})
	for _, tc := range []struct {
		o   Options
		max int
	}{
		{Options{Top: 25}, 25},
		{Options{Top: 10, View: ViewActors}, 10},
		{Options{Top: 12, View: ViewArguments}, 12},
		{Options{Top: 8, View: ViewEgo, Node: m.Actors[0].ID, Depth: 2}, 8},
	} {
		f, err := Build(context.Background(), m, an, tc.o)
		if err != nil {
			t.Fatal(err)
		}
		if f.Nodes > tc.max || f.Nodes == 0 {
			t.Errorf("%s --top %d: %d nodes", f.View, tc.o.Top, f.Nodes)
		}
		if !strings.Contains(f.Note, "most central") {
			t.Errorf("%s: note %q does not say the figure is bounded", f.View, f.Note)
		}
		// The DOT text has exactly the nodes counted.
		if n := strings.Count(string(f.DOT()), "\n\t\"actor:") + strings.Count(string(f.DOT()), "\n\t\"claim:"); n < f.Nodes {
			t.Errorf("%s: DOT has %d node statements, want %d", f.View, n, f.Nodes)
		}
	}
}

// TestTopKeepsMostCentral checks which nodes --top keeps: those first in
// the analysis's ranking by the size measure, in the order given.
func TestTopKeepsMostCentral(t *testing.T) {
	m, an := analysed(t, smallDataset(t), graph.Window{})
	o, err := Options{SizeBy: analysis.Degree}.resolve()
	if err != nil {
		t.Fatal(err)
	}
	b := &builder{m: m, an: an, o: o}
	// Every claim, then every actor but the first.
	var cands []ranked
	for c := range m.Claims {
		cands = append(cands, ranked{false, c})
	}
	for a := 1; a < len(m.Actors); a++ {
		cands = append(cands, ranked{true, a})
	}
	got, cut := b.topN(cands, 3)
	if !cut || len(got) != 3 {
		t.Fatalf("topN(3) = %v, %v", got, cut)
	}
	// The kept ones are the first three candidates of the ranking.
	na := len(m.Actors)
	var want []ranked
	for _, v := range an.Rankings.ByMeasure[analysis.Degree] {
		if v == 0 {
			continue // actor 0 is not a candidate
		}
		if v < na {
			want = append(want, ranked{true, v})
		} else {
			want = append(want, ranked{false, v - na})
		}
	}
	want = want[:3]
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("topN(3) = %v; want %v kept", got, w)
		}
	}
	// In the order given: claims first.
	for i := 1; i < len(got); i++ {
		if got[i-1].actor && !got[i].actor || got[i-1].actor == got[i].actor && got[i-1].index > got[i].index {
			t.Errorf("topN(3) = %v, not in the order given", got)
		}
	}
	if got, cut := b.topN(cands, 0); cut || len(got) != len(cands) {
		t.Errorf("topN(0) = %v, %v", got, cut)
	}
}

func TestWindow(t *testing.T) {
	from, _ := annotations.ParseDate("2025-10-05")
	m, an := analysed(t, smallDataset(t), graph.Window{From: from})
	f, err := Build(context.Background(), m, an, Options{})
	if err != nil {
		t.Fatal(err)
	}
	dot := string(f.DOT())
	if strings.Contains(dot, "actor:north-gov") {
		t.Errorf("an actor without statements in the window is drawn")
	}
	if !strings.Contains(dot, "actor:paper") || !strings.Contains(f.Note, "from 2025-10-05") {
		t.Errorf("window figure: note %q\n%s", f.Note, dot)
	}
}

func TestBuildErrors(t *testing.T) {
	m, an := analysed(t, smallDataset(t), graph.Window{})
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{View: "pie"}, "view"},
		{Options{View: ViewEgo}, "no node"},
		{Options{View: ViewEgo, Node: "nobody"}, "no actor or claim"},
		{Options{View: ViewEgo, Node: "north-mín"}, `no actor or claim has this id; did you mean "north-min"?`},
		{Options{Node: "north"}, "only for the ego view"},
		{Options{Theme: "neon"}, "theme"},
		{Options{Layout: "twopi"}, "layout"},
		{Options{SizeBy: "fame"}, "size by"},
		{Options{ColorBy: "mood"}, "colour by"},
		{Options{Top: -1}, "top"},
		{Options{Sides: []string{"atlantis"}}, "no such actor"},
	} {
		_, err := Build(context.Background(), m, an, tc.o)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want one containing %q", tc.o, err, tc.want)
		}
	}
	other, otherAn := analysed(t, smallDataset(t), graph.Window{})
	otherAn.Actors = otherAn.Actors[:1]
	if _, err := Build(context.Background(), other, otherAn, Options{}); err == nil {
		t.Error("an analysis of another model is accepted")
	}
	if err := renderer(t).Render(context.Background(), &Figure{}, "jpeg", io.Discard); err == nil {
		t.Error("format jpeg accepted")
	}
	if err := renderer(t).Render(context.Background(), &Figure{}, FormatSVG, io.Discard); err == nil {
		t.Error("a figure Build did not make is drawn")
	}
}

func TestSides(t *testing.T) {
	m, an := analysed(t, smallDataset(t), graph.Window{})
	o, err := Options{}.resolve()
	if err != nil {
		t.Fatal(err)
	}
	g, err := sideGroups(m, an, o)
	if err != nil {
		t.Fatal(err)
	}
	label := func(id string) string {
		a, _ := m.ActorIndex(id)
		return g.entries[g.of[a]].label
	}
	for id, want := range map[string]string{
		"north-min": "North side", "north": "North side", "south-spk": "South side",
		"broker": "Mediators", "paper": "Other actors",
	} {
		if got := label(id); got != want {
			t.Errorf("%s is in %q, want %q", id, got, want)
		}
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		s     string
		width int
		want  []string
	}{
		{"The border should stay open", 12, []string{"The border", "should stay", "open"}},
		{"a  b\n c", 10, []string{"a b c"}},
		{"Supercalifragilistic", 8, []string{"Supercal", "ifragili", "stic"}},
		{"no wrapping here", -1, []string{"no wrapping here"}},
		{"", 5, []string{""}},
	} {
		if got := wrap(tc.s, tc.width); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", tc.s, tc.width, got, tc.want)
		}
	}
}

func TestRemoveOverlaps(t *testing.T) {
	// A crowded layout: 60 boxes of claim size within a small square, some
	// on the very same spot.
	var boxes []nodeBox
	for i := range 60 {
		boxes = append(boxes, nodeBox{x: float64(i%7) * 9, y: float64(i%5) * 7, hw: 80, hh: 30})
	}
	again := slices.Clone(boxes)
	if removeOverlaps(boxes, nil, 0) {
		t.Fatal("overlaps remain after the last round")
	}
	for i := range boxes {
		for j := i + 1; j < len(boxes); j++ {
			a, b := boxes[i], boxes[j]
			if math.Abs(a.x-b.x) < a.hw+b.hw && math.Abs(a.y-b.y) < a.hh+b.hh {
				t.Fatalf("boxes %d and %d overlap: %+v %+v", i, j, a, b)
			}
		}
	}
	removeOverlaps(again, nil, 0)
	if !slices.Equal(boxes, again) {
		t.Error("two runs differ")
	}
	// Boxes well apart already are left where they are.
	apart := []nodeBox{{0, 0, 10, 10}, {1000, 0, 10, 10}, {0, 1000, 10, 10}}
	want := slices.Clone(apart)
	removeOverlaps(apart, nil, 0)
	if !slices.Equal(apart, want) {
		t.Errorf("separate boxes moved: %v", apart)
	}
}

func TestParsePlain(t *testing.T) {
	plain := "graph 1 3 2\nnode \"actor:a \\\"b\\\"\" 1 0.5 2 1 x solid box black white\nnode c 0 0 1 1 c solid ellipse black white\nedge c x 4 0 0 1 1 2 2 3 3 solid black\nstop\n"
	got, err := parsePlain([]byte(plain))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]nodeBox{`actor:a "b"`: {72, 36, 72, 36}, "c": {0, 0, 36, 36}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("parsePlain = %v, want %v", got, want)
	}
	if _, err := parsePlain([]byte("node \"open 1 2 3 4\n")); err == nil {
		t.Error("an unterminated name is accepted")
	}
}

package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/internal/testutil"
	"github.com/tdewolff/canvas"
)

// pageWidth is 17 cm in points.
const pageWidth = 17 / 2.54 * 72

// pageFigures are the standard views at page width, each bounded so that
// it fits there with 7 pt text.
var pageFigures = []Options{
	{Top: 14},
	{Top: 14, Theme: ThemePrint},
	{View: ViewActors, MinWeight: 2},
	{View: ViewArguments, Top: 10},
	{View: ViewEgo, Node: "khawaja-asif", Depth: 2},
	{View: ViewEgo, Node: "sirajuddin-haqqani", Depth: 2},
}

func builtIn(t testing.TB) (*graph.Model, *analysis.Analysis) {
	t.Helper()
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	return analysed(t, d, graph.Window{})
}

// textBox is the box of one text of an SVG, in points, y down.
type textBox struct {
	x0, y0, x1, y1 float64
	text           string
}

// textBoxes measures every text of svg with the fonts the PDF is drawn
// with (Liberation's widths are Helvetica's and Times's, Graphviz's).
func textBoxes(t *testing.T, svg []byte) []textBox {
	t.Helper()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	labels, err := svgTexts(svg)
	if err != nil {
		t.Fatal(err)
	}
	var out []textBox
	for _, l := range labels {
		font := fonts.sans
		if l.bold {
			font = fonts.sansBold
		}
		w := 0.0
		for _, r := range textRuns(l.text, font.Face(l.size, canvas.Black), fonts.fallback.Face(l.size, canvas.Black)) {
			w += r.Width / mmPerPt
		}
		x0 := l.x
		switch l.anchor {
		case "middle":
			x0 -= w / 2
		case "end":
			x0 -= w
		}
		out = append(out, textBox{x0, l.y - 0.75*l.size, x0 + w, l.y + 0.2*l.size, strings.TrimSpace(l.text)})
	}
	return out
}

// overlapping returns the pairs of texts whose boxes overlap by more than
// half a point both ways.
func overlapping(boxes []textBox) []string {
	var out []string
	for i, a := range boxes {
		for _, b := range boxes[i+1:] {
			ox := min(a.x1, b.x1) - max(a.x0, b.x0)
			oy := min(a.y1, b.y1) - max(a.y0, b.y0)
			if ox > 0.5 && oy > 0.5 {
				out = append(out, fmt.Sprintf("%q and %q", a.text, b.text))
			}
		}
	}
	return out
}

var svgWidthRE = regexp.MustCompile(`<svg width="([0-9.]+)pt"`)

// TestPageWidth draws every standard view at 17 cm as SVG, PDF and PNG:
// at that width the SVG has no text below 7 pt and no two texts overlap;
// the PDF is as wide, its fonts embedded (pdffonts), and it rasterises
// (pdftoppm).
func TestPageWidth(t *testing.T) {
	m, an := builtIn(t)
	r := renderer(t)
	ctx := context.Background()
	for _, o := range pageFigures {
		name := fmt.Sprintf("%s-%s-top%d-%s", o.View, o.Node, o.Top, o.Theme)
		t.Run(name, func(t *testing.T) {
			o.Width = pageWidth
			o.Title = "Türkiye, Qatar and the talks"
			o.Caption = "A caption under the figure, wrapped to its width."
			f, err := Build(ctx, m, an, o)
			if err != nil {
				t.Fatal(err)
			}
			var svg, pdf, pngBuf bytes.Buffer
			for format, buf := range map[string]*bytes.Buffer{FormatSVG: &svg, FormatPDF: &pdf, FormatPNG: &pngBuf} {
				if err := r.Render(ctx, f, format, buf); err != nil {
					t.Fatalf("%s: %v", format, err)
				}
			}
			checkPageText(t, svg.Bytes(), pageWidth)
			if _, err := png.Decode(bytes.NewReader(pngBuf.Bytes())); err != nil {
				t.Errorf("PNG: %v", err)
			}
			checkPDF(t, pdf.Bytes(), pageWidth)
		})
	}
}

// checkPageText checks that svg is drawn width wide (any width when width
// is 0), that none of its texts is smaller than DefaultMinFont at the size
// it is drawn at and that no two overlap; it returns the figure's height
// at that size, in points.
func checkPageText(t *testing.T, svg []byte, width float64) float64 {
	t.Helper()
	mw := svgWidthRE.FindSubmatch(svg)
	if mw == nil {
		t.Fatal("SVG has no width")
	}
	shown, _ := strconv.ParseFloat(string(mw[1]), 64)
	if width > 0 && math.Abs(shown-width) > 0.5 {
		t.Errorf("SVG is %.1f pt wide, want %.1f", shown, width)
	}
	d, err := newDrawing(svg)
	if err != nil {
		t.Fatal(err)
	}
	k := shown / d.w
	labels, err := svgTexts(svg)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range labels {
		if l.size*k < DefaultMinFont-0.01 {
			t.Errorf("text %q is %.2f pt at page width", l.text, l.size*k)
		}
	}
	if bad := overlapping(textBoxes(t, svg)); len(bad) > 0 {
		t.Errorf("%d overlapping labels: %s", len(bad), strings.Join(bad, "; "))
	}
	return d.h * k
}

// checkPDF checks with poppler that pdf is one page w points wide, its
// fonts all embedded, and that it rasterises.
func checkPDF(t *testing.T, pdf []byte, w float64) {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 20)])
	}
	for _, tool := range []string{"pdffonts", "pdftoppm", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			testutil.Missing(t, "%s not installed (Debian: poppler-utils)", tool)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "f.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdffonts", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID: emb is 5th from the end.
		if len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	info, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	if m := regexp.MustCompile(`Page size:\s+([0-9.]+) x`).FindSubmatch(info); m == nil {
		t.Errorf("pdfinfo: no page size\n%s", info)
	} else if pw, _ := strconv.ParseFloat(string(m[1]), 64); math.Abs(pw-w) > 0.5 {
		t.Errorf("PDF page is %.1f pt wide, want %.1f", pw, w)
	}
	if out, err := exec.Command("pdftoppm", "-r", "20", "-png", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	img, err := os.ReadFile(filepath.Join(dir, "page-1.png"))
	if err != nil {
		t.Fatalf("pdftoppm wrote no page: %v", err)
	}
	if _, err := png.Decode(bytes.NewReader(img)); err != nil {
		t.Errorf("pdftoppm's page: %v", err)
	}
}

// TestArabicAndAccents draws names in accented Latin and Arabic script:
// the PDF embeds the fallback font for the Arabic.
func TestArabicAndAccents(t *testing.T) {
	d := smallDataset(t)
	d.Actors[0].Name = "Türkiye"
	d.Actors[1].Name = "ذبیح الله مجاهد"
	m, an := analysed(t, d, graph.Window{})
	f, err := Build(context.Background(), m, an, Options{Width: 400})
	if err != nil {
		t.Fatal(err)
	}
	var pdf bytes.Buffer
	if err := renderer(t).Render(context.Background(), f, FormatPDF, &pdf); err != nil {
		t.Fatal(err)
	}
	checkPDF(t, pdf.Bytes(), 400)
	path := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(path, pdf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	fonts, _ := exec.Command("pdffonts", path).CombinedOutput()
	if !strings.Contains(string(fonts), "DejaVuSans") {
		t.Errorf("no DejaVu Sans for the Arabic name:\n%s", fonts)
	}
}

// TestTooSmall: a figure that cannot be drawn at the width with 7 pt
// text is refused with a FitError, and LargestTop finds a Top that fits
// while one more node does not.
func TestTooSmall(t *testing.T) {
	m, an := builtIn(t)
	f, err := Build(context.Background(), m, an, Options{Width: 8.5 / 2.54 * 72})
	if err != nil {
		t.Fatal(err)
	}
	err = renderer(t).Render(context.Background(), f, FormatPDF, &bytes.Buffer{})
	var fit *FitError
	if !errors.As(err, &fit) {
		t.Fatalf("error %v, want a FitError", err)
	}
	if fit.Smallest*fit.Scale >= DefaultMinFont || fit.Nodes != f.Nodes {
		t.Errorf("FitError %+v", fit)
	}
	if !strings.Contains(err.Error(), "below the least size 7 pt") {
		t.Errorf("message %q", err)
	}
	o := Options{Width: 17 / 2.54 * 72}
	top, err := renderer(t).LargestTop(context.Background(), m, an, o)
	if err != nil {
		t.Fatal(err)
	}
	if top <= 1 || top >= f.Nodes {
		t.Fatalf("LargestTop = %d of %d nodes", top, f.Nodes)
	}
	for _, tc := range []struct {
		top  int
		fits bool
	}{{top, true}, {top + 1, false}} {
		o.Top = tc.top
		f, err := Build(context.Background(), m, an, o)
		if err != nil {
			t.Fatal(err)
		}
		err = renderer(t).Render(context.Background(), f, FormatPDF, &bytes.Buffer{})
		if fits := !errors.As(err, &fit); fits != tc.fits || (fits && err != nil) {
			t.Errorf("Top %d: error %v, want fits = %v", tc.top, err, tc.fits)
		}
	}
}

func TestParseLength(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
	}{
		{"17cm", 481.89}, {"170mm", 481.89}, {"6.5in", 468}, {"480pt", 480}, {" 8.5 cm ", 240.94},
	} {
		got, err := ParseLength(tc.in)
		if err != nil || math.Abs(got-tc.want) > 0.01 {
			t.Errorf("ParseLength(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"17", "cm", "-3cm", "0pt", "3 furlongs", "1e9cm"} {
		if _, err := ParseLength(bad); err == nil {
			t.Errorf("ParseLength(%q) accepted", bad)
		}
	}
}

// TestPDFDeterministic: the PDF carries no date, in the document or in
// the embedded fonts.
func TestPDFDeterministic(t *testing.T) {
	m, an := analysed(t, smallDataset(t), graph.Window{})
	var first []byte
	for i := range 2 {
		f, err := Build(context.Background(), m, an, Options{Width: 400})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := renderer(t).Render(context.Background(), f, FormatPDF, &buf); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(buf.Bytes(), []byte("CreationDate")) {
			t.Error("the PDF has a creation date")
		}
		if i == 0 {
			// The fonts' dates were stamped in seconds.
			time.Sleep(1100 * time.Millisecond)
			first = buf.Bytes()
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Error("two PDFs of one figure differ")
		}
	}
}

// renderSVG builds the figure of m and an with o and draws it as SVG.
func renderSVG(t *testing.T, m *graph.Model, an *analysis.Analysis, o Options) (*Figure, []byte) {
	t.Helper()
	f, err := Build(context.Background(), m, an, o)
	if err != nil {
		t.Fatal(err)
	}
	var svg bytes.Buffer
	if err := renderer(t).Render(context.Background(), f, FormatSVG, &svg); err != nil {
		t.Fatal(err)
	}
	return f, svg.Bytes()
}

// TestPagePreset: at the page preset every standard view is drawn within
// 17 × 23 cm with no text under 7 pt, with the Top LargestTop finds where
// the view as asked does not fit.
func TestPagePreset(t *testing.T) {
	m, an := builtIn(t)
	r := renderer(t)
	ctx := context.Background()
	page := Presets["page"]
	for _, o := range pageFigures {
		name := fmt.Sprintf("%s-%s-top%d-%s", o.View, o.Node, o.Top, o.Theme)
		t.Run(name, func(t *testing.T) {
			o.Width, o.Height, o.MinFont = page.Width, page.Height, page.MinFont
			o.Top = 0
			top, err := r.LargestTop(ctx, m, an, o)
			if err != nil || top == 0 {
				t.Fatalf("LargestTop = %d, %v", top, err)
			}
			o.Top = top
			_, svg := renderSVG(t, m, an, o)
			checkPageText(t, svg, 0)
			sz := regexp.MustCompile(`<svg width="([0-9.]+)pt" height="([0-9.]+)pt"`).FindSubmatch(svg)
			if sz == nil {
				t.Fatal("SVG has no size")
			}
			w, _ := strconv.ParseFloat(string(sz[1]), 64)
			h, _ := strconv.ParseFloat(string(sz[2]), 64)
			if w > page.Width+0.5 || h > page.Height+0.5 || min(page.Width-w, page.Height-h) > 0.5 {
				t.Errorf("drawn %.1f × %.1f pt, want within %.1f × %.1f and touching one side", w, h, page.Width, page.Height)
			}
		})
	}
}

// TestColumnPreset: a small figure with a caption fits a column with 7 pt
// text (the caption and note were wrapped to at least 360 pt, wider than
// a column allows at 7 pt, so no figure fitted), and an ego figure's Top
// keeps the nearest nodes first.
func TestColumnPreset(t *testing.T) {
	m, an := builtIn(t)
	col := Presets["column"]
	o := Options{View: ViewEgo, Node: "khawaja-asif", Depth: 2, Top: 5,
		Width: col.Width, Height: col.Height, MinFont: col.MinFont,
		Caption: "A caption under the figure, long enough to be wrapped to the width of a column."}
	f, svg := renderSVG(t, m, an, o)
	// The nearest first: the centre and its four claims, laid out by dot
	// from left to right.
	claims := 0
	for _, m := range laidNodeRE.FindAllSubmatch(f.DOT(), -1) {
		if strings.HasPrefix(string(m[1]), "claim:") {
			claims++
		}
	}
	if f.Nodes != 5 || claims != 4 || f.Layout != LayoutDot || !bytes.Contains(f.DOT(), []byte("rankdir=LR")) {
		t.Errorf("%d nodes, %d claims, layout %s; want the centre and its 4 claims by dot, left to right", f.Nodes, claims, f.Layout)
	}
	checkPageText(t, svg, col.Width)

	// Tops of 4 and less keep no edge of the actor-claim view (its most
	// central nodes are actors): the search goes past them.
	top, err := renderer(t).LargestTop(context.Background(), m, an,
		Options{Top: 8, Width: col.Width, Height: col.Height, MinFont: col.MinFont})
	if err != nil || top < 5 {
		t.Errorf("LargestTop of actor-claim at column = %d, %v; want 5 or more", top, err)
	}

	// The actors view fits a column with a few actors: its coalitions'
	// legend entries, which set its width, name their member shorter
	// ("Coalition 1: Pakhtunkhwa… and 6 more"). No Top fitted before.
	o = Options{View: ViewActors, Width: col.Width, Height: col.Height, MinFont: col.MinFont}
	top, err = renderer(t).LargestTop(context.Background(), m, an, o)
	if err != nil || top < 3 {
		t.Fatalf("LargestTop of the actors view at column = %d, %v; want 3 or more", top, err)
	}
	o.Top = top
	_, svg = renderSVG(t, m, an, o)
	checkPageText(t, svg, col.Width)
	entries := regexp.MustCompile(`Coalition \d+: ([^<]*?) and \d+ more`).FindAllSubmatch(svg, -1)
	if len(entries) == 0 {
		t.Error("the actors view's legend names no coalition")
	}
	for _, l := range entries {
		if n := utf8.RuneCount(l[1]); n > coalitionNameMaxNarrow+1 {
			t.Errorf("coalition entry %q names its member in %d runes, want %d at most", l[0], n, coalitionNameMaxNarrow+1)
		}
	}
}

// TestLandscapeLegendRight: in a box wider than high the legend goes right
// of the graph, and the figure fits the box with no text under 7 pt.
func TestLandscapeLegendRight(t *testing.T) {
	m, an := builtIn(t)
	o := Options{View: ViewEgo, Node: "sirajuddin-haqqani", Depth: 2, Width: 25 / 2.54 * 72, Height: 14 / 2.54 * 72}
	_, svg := renderSVG(t, m, an, o)
	h := checkPageText(t, svg, 0)
	if h > o.Height+0.5 {
		t.Errorf("drawn %.1f pt high, want at most %.1f", h, o.Height)
	}
	labels, err := svgTexts(svg)
	if err != nil {
		t.Fatal(err)
	}
	legendX, nodeX := math.Inf(1), math.Inf(-1)
	for _, l := range labels {
		switch {
		case strings.HasPrefix(l.text, "Stances"):
			legendX = l.x
		case l.text == "Haqqani" || l.text == "Dawat Media":
			nodeX = max(nodeX, l.x)
		}
	}
	if !(legendX > nodeX) {
		t.Errorf("the legend starts at x = %.1f, not right of the nodes (up to %.1f)", legendX, nodeX)
	}
}

// TestNestedSizeLegend: the sizes of the actor size legend are drawn one
// inside another, their labels at least a row apart, so the section is as
// tall as its largest sample rather than the sum of its samples. With the
// samples stacked, the whole Khawaja Asif ego figure (13 nodes) did not
// fit a page: its text would have been 6.9 pt.
func TestNestedSizeLegend(t *testing.T) {
	th, err := themeByName(ThemeDefault)
	if err != nil {
		t.Fatal(err)
	}
	item := func(h float64) legendItem {
		return legendItem{node: []attr{{"width", "1"}, {"height", num(h / 72)}}}
	}
	tests := []struct {
		heights, labels []float64
	}{
		{[]float64{65, 42, 39}, []float64{65, 42, 25}},
		{[]float64{65, 20}, []float64{65, 20}},
		{[]float64{30, 29, 28}, []float64{30, 13, -4}},
	}
	for _, tt := range tests {
		var s legendSection
		for _, h := range tt.heights {
			s.items = append(s.items, item(h))
		}
		_, labels, up, down := nestedRows(s, th)
		for i := range labels {
			if math.Abs(labels[i]-tt.labels[i]) > 0.5 { // heights are given in hundredths of an inch
				t.Errorf("heights %v: labels at %v, want %v", tt.heights, labels, tt.labels)
				break
			}
		}
		half := th.small * 1.3 / 2
		if up < tt.heights[0] || up < labels[0]+half || -down > labels[len(labels)-1]-half {
			t.Errorf("heights %v: the section spans %.1f above and %.1f below the samples' bottom, not all of them", tt.heights, up, down)
		}
	}

	m, an := builtIn(t)
	page := Presets["page"]
	o := Options{View: ViewEgo, Node: "khawaja-asif", Depth: 2, Width: page.Width, Height: page.Height, MinFont: page.MinFont}
	f, svg := renderSVG(t, m, an, o)
	if f.Nodes < 13 {
		t.Fatalf("the ego figure has %d nodes, want all 13", f.Nodes)
	}
	checkPageText(t, svg, 0)
}

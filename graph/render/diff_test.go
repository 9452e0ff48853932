package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/goccy/go-graphviz"
)

// diffVersion compiles and analyses one of graph/diff's two test
// versions, which differ in every way a diff reports.
func diffVersion(t *testing.T, name string) (*graph.Model, *analysis.Analysis) {
	t.Helper()
	d, err := annotations.LoadDir("../diff/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return analysed(t, d, graph.Window{})
}

// nodePos reads the node positions of a positioned figure, by node id.
var nodeStmt = regexp.MustCompile(`(?s)\n\t"((?:actor|claim):[^"]+)"\s*\[([^;]*?)\];`)
var posAttr = regexp.MustCompile(`\bpos="([-\d.]+),([-\d.]+)!?"`)

func nodePos(t *testing.T, dot []byte) map[string][2]float64 {
	t.Helper()
	out := map[string][2]float64{}
	for _, m := range nodeStmt.FindAllSubmatch(dot, -1) {
		p := posAttr.FindSubmatch(m[2])
		if p == nil {
			t.Fatalf("node %s has no position", m[1])
		}
		x, _ := strconv.ParseFloat(string(p[1]), 64)
		y, _ := strconv.ParseFloat(string(p[2]), 64)
		out[string(m[1])] = [2]float64{x, y}
	}
	return out
}

func TestDiffFigure(t *testing.T) {
	ctx := context.Background()
	mo, ao := diffVersion(t, "old")
	mn, an := diffVersion(t, "new")
	r, err := NewRenderer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	f, err := r.Diff(ctx, mo, ao, mn, an, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Added: actor a6 and claim c4 and the three new stance edges, a4's
	// second (opposing) statement on c2 making a reversal; removed: claim
	// c3 and a1's edge to it; stances changed: a3 on c1, a5 and a4 on c2.
	want := "2 nodes and 2 edges added, 1 and 1 removed, 3 edges with a changed stance; positions of the new version"
	if f.Note != want {
		t.Errorf("note %q, want %q", f.Note, want)
	}
	dot := string(f.DOT())
	for _, s := range []string{
		`"claim:c3" [`, `style="dashed"`, `xlabel="−"`, // the removed claim
		`"actor:a6" [`, `penwidth=3.5`, `xlabel="+"`, // the added actor
		`"actor:a1" -> "claim:c3" [`, `style=dotted`, // the removed edge
		`xlabel="±"`, ":" + f.th.bg + ":", // a double line
		`xlabel="± +1/−1"`, // a4's reversal on c2: its counts after the mark
	} {
		if !strings.Contains(dot, s) {
			t.Errorf("DOT lacks %s", s)
		}
	}
	var svg bytes.Buffer
	if err := r.Render(ctx, f, FormatSVG, &svg); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(svg.Bytes()))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
	}
	for _, s := range []string{"Change from the old version to the new", "added (+): in the new version only",
		"removed (−): in the old version only", "stance changed (±): double line, new stance",
		"actor or claim added: thick border", "actor or claim removed: dashed, grey", "Trade resumes."} {
		if !strings.Contains(svg.String(), s) {
			t.Errorf("SVG lacks %q", s)
		}
	}

	// The new version's nodes keep their places relative to each other
	// (the layouts may place the whole differently on the page).
	fNew, err := Build(ctx, mn, an, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pNew, err := r.Positioned(ctx, fNew)
	if err != nil {
		t.Fatal(err)
	}
	pDiff, err := r.Positioned(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	// The marks are label nodes, placed as the other figures' edge
	// labels are, one for each of the 6 added, removed and changed edges.
	if n := strings.Count(string(pDiff), "\n\t\"label:"); n != 6 {
		t.Errorf("%d edge labels drawn as nodes, want 6", n)
	}
	at, atDiff := nodePos(t, pNew), nodePos(t, pDiff)
	ref := "actor:a1"
	for id, p := range at {
		q, ok := atDiff[id]
		if !ok {
			t.Errorf("%s not in the diff figure", id)
			continue
		}
		dx := (p[0] - at[ref][0]) - (q[0] - atDiff[ref][0])
		dy := (p[1] - at[ref][1]) - (q[1] - atDiff[ref][1])
		if math.Hypot(dx, dy) > 1 {
			t.Errorf("%s moved by (%.1f, %.1f) against %s", id, dx, dy, ref)
		}
	}
	if len(atDiff) != len(at)+1 {
		t.Errorf("%d nodes in the diff figure, want the new version's %d and the removed claim", len(atDiff), len(at))
	}

	var again bytes.Buffer
	if err := r.Render(ctx, f, FormatSVG, &again); err != nil || !bytes.Equal(again.Bytes(), svg.Bytes()) {
		t.Errorf("a second drawing differs (%v)", err)
	}
	if _, err := r.Diff(ctx, mo, ao, mn, an, Options{Layout: LayoutDot}); err == nil {
		t.Error("the dot layout accepted")
	}
	if _, err := r.Diff(ctx, mo, ao, mn, an, Options{View: ViewActors}); err == nil {
		t.Error("the actors view accepted")
	}
}

// builtInChange returns two versions of the built-in dataset, compiled
// and analysed: the new one is the dataset, and the old one lacks the
// statements of the dataset's last source and has an actor of its own
// with a stance on each of the dataset's claims its first source has, so
// that the diff figure has added and removed nodes and edges of every
// kind among a dense layout.
func builtInChange(t *testing.T) (old *graph.Model, oldAn *analysis.Analysis, new *graph.Model, newAn *analysis.Analysis) {
	t.Helper()
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	last, first := d.Sources[len(d.Sources)-1].ID, d.Sources[0].ID
	actors := append(slices.Clone(d.Actors), &annotations.Actor{ID: "old-only", Name: "An actor of the old version", Type: "person"})
	var stmts []*annotations.Statement
	seen := map[string]bool{}
	for _, s := range d.Statements {
		if s.Source != last {
			stmts = append(stmts, s)
		}
		if s.Source == first && !seen[s.Claim] {
			seen[s.Claim] = true
			stmts = append(stmts, &annotations.Statement{Actor: "old-only", Claim: s.Claim, Stance: annotations.Support,
				Quote: "q", Source: first, Date: s.Date})
		}
	}
	o, err := annotations.New(actors, d.Claims, d.Sources, stmts, d.Relations)
	if err != nil {
		t.Fatal(err)
	}
	old, oldAn = analysed(t, o, graph.Window{})
	new, newAn = analysed(t, d, graph.Window{})
	return old, oldAn, new, newAn
}

// TestDiffEdgesAvoidNodes checks that the diff figure routes its edges
// as the other force-layout figures do (TestEdgesAvoidNodes): no edge,
// added, removed or kept, passes through a node it does not join, the
// removed nodes being placed among the new version's. The figure must
// come out the same, byte for byte, on every run.
func TestDiffEdgesAvoidNodes(t *testing.T) {
	ctx := context.Background()
	r := renderer(t)
	mo, ao, mn, an := builtInChange(t)
	var first []byte
	for run := range 2 {
		f, err := r.Diff(ctx, mo, ao, mn, an, Options{Top: 30})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(f.DOT()), `"actor:old-only" [`) {
			t.Fatalf("the old version's own actor is not drawn (%s)", f.Note)
		}
		pos, err := r.Positioned(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if run == 0 {
			first = pos
			drawn, err := r.run(ctx, pos, graphviz.NOP2, graphviz.Format("dot"))
			if err != nil {
				t.Fatal(err)
			}
			if bad := edgesThroughNodes(t, drawn, routeClear-routeSlack); len(bad) > 0 {
				t.Errorf("%d edges pass through other nodes:\n%s", len(bad), strings.Join(bad, "\n"))
			}
			continue
		}
		if !bytes.Equal(pos, first) {
			t.Error("a second diff figure of the same versions differs")
		}
	}
}

// TestDiffSized: a diff figure is drawn at the size asked for, with no
// text under the least size, and its PNG at the resolution asked for (it
// was drawn at its natural size and 300 dpi whatever the options).
func TestDiffSized(t *testing.T) {
	ctx := context.Background()
	mo, ao := diffVersion(t, "old")
	mn, an := diffVersion(t, "new")
	r := renderer(t)
	f, err := r.Diff(ctx, mo, ao, mn, an, Options{Width: pageWidth, DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	var svg, pngBuf bytes.Buffer
	if err := r.Render(ctx, f, FormatSVG, &svg); err != nil {
		t.Fatal(err)
	}
	checkPageText(t, svg.Bytes(), pageWidth)
	if err := r.Render(ctx, f, FormatPNG, &pngBuf); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&pngBuf)
	if err != nil {
		t.Fatal(err)
	}
	if w := img.Bounds().Dx(); math.Abs(float64(w)-pageWidth) > 2 {
		t.Errorf("PNG at 72 dpi is %d px wide, want %.0f", w, pageWidth)
	}
}

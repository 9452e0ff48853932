package render

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/series"
)

// span parses a window size or step for the tests.
func span(t testing.TB, s string) series.Span {
	t.Helper()
	sp, err := series.ParseSpan(s)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

// smallModel is the small dataset compiled whole.
func smallModel(t testing.TB) *graph.Model {
	t.Helper()
	m, err := graph.Compile(context.Background(), smallDataset(t))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The small dataset's statements run from 1 to 9 October: 3-day windows
// moving by 2 days are centred on 3, 5 and 7 October (1–3 … 6–8 Oct;
// DNA's classic windows lie wholly within the dates).
func TestMultiples(t *testing.T) {
	ctx := context.Background()
	r := renderer(t)
	m := smallModel(t)
	f, err := Multiples(ctx, r, m, Options{ColorBy: ColorBySide}, TimeWindows{Size: span(t, "3d"), Step: span(t, "2d")})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "multiples.dot"), f.DOT())
	for _, want := range []string{"2–4 Oct 2025 (7 statements)", "4–6 Oct 2025 (4 statements)", "6–8 Oct 2025 (5 statements)"} {
		if !bytes.Contains(f.DOT(), []byte(want)) {
			t.Errorf("no panel titled %q", want)
		}
	}
	if !strings.Contains(f.Note, "3 windows") || !strings.Contains(f.Note, "laid out once") {
		t.Errorf("note %q does not say what the panels show", f.Note)
	}
	var svg, again bytes.Buffer
	if err := r.Render(ctx, f, FormatSVG, &svg); err != nil {
		t.Fatal(err)
	}
	f2, err := Multiples(ctx, r, m, Options{ColorBy: ColorBySide}, TimeWindows{Size: span(t, "3d"), Step: span(t, "2d")})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Render(ctx, f2, FormatSVG, &again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(svg.Bytes(), again.Bytes()) {
		t.Error("the same small multiples gave different SVG bytes")
	}
	// Every actor of the layout is in every panel, at the layout's place
	// moved by the one offset of its panel.
	layout, placed := f.Positions(), f.placed
	if len(layout) == 0 {
		t.Fatal("no layout")
	}
	for w := 1; w <= 3; w++ {
		prefix := "w" + string(rune('0'+w)) + "/"
		var dx, dy float64
		first := true
		for _, id := range slices.Sorted(mapKeys(layout)) {
			p, ok := placed[prefix+id]
			if !ok {
				t.Fatalf("panel %d has no node %s", w, id)
			}
			ddx, ddy := p.X-layout[id].X, p.Y-layout[id].Y
			if first {
				dx, dy, first = ddx, ddy, false
				continue
			}
			if math.Abs(ddx-dx) > 0.01 || math.Abs(ddy-dy) > 0.01 {
				t.Errorf("panel %d: %s moved by (%.2f, %.2f), the panel by (%.2f, %.2f)", w, id, ddx, ddy, dx, dy)
			}
		}
		if w > 1 && dx == 0 && dy == 0 {
			t.Errorf("panel %d drawn on top of the first", w)
		}
	}
	// The reversing minister is silent in 6–8 Oct: drawn as a ghost there.
	dot := string(f.DOT())
	if !strings.Contains(dot, `"w3/actor:north-min" [`) {
		t.Fatal("north-min not in the third panel")
	}
	line := dot[strings.Index(dot, `"w3/actor:north-min" [`):]
	line = line[:strings.IndexByte(line, '\n')]
	if !strings.Contains(line, `style=dashed`) {
		t.Errorf("north-min has no statement in 6–8 Oct but is not drawn as silent: %s", line)
	}
}

func TestTimelineData(t *testing.T) {
	m := smallModel(t)
	pts, sw, actor, err := TimelineData(context.Background(), m, "north-min", TimeWindows{Size: span(t, "3d"), Step: span(t, "1d")})
	if err != nil {
		t.Fatal(err)
	}
	if !actor {
		t.Error("north-min is an actor")
	}
	// north-min: two supporting statements on 2 Oct, an opposing one on 9 Oct.
	type want struct {
		mid          string
		sup, opp     int
		share        float64 // NaN: none
		hasCoalition bool
	}
	nan := math.NaN()
	wants := []want{
		{"2025-10-02", 2, 0, 1, true}, {"2025-10-03", 2, 0, 1, true}, {"2025-10-04", 0, 0, nan, false},
		{"2025-10-05", 0, 0, nan, false}, {"2025-10-06", 0, 0, nan, false}, {"2025-10-07", 0, 0, nan, false},
		{"2025-10-08", 0, 1, 0, false},
	}
	if len(pts) != len(wants) {
		t.Fatalf("%d windows, want %d", len(pts), len(wants))
	}
	for i, w := range wants {
		p := pts[i]
		if p.Mid.String() != w.mid || p.Support != w.sup || p.Oppose != w.opp ||
			!(p.Share == w.share || math.IsNaN(p.Share) && math.IsNaN(w.share)) || (p.Coalition != "") != w.hasCoalition {
			t.Errorf("window %d: %+v, want %+v", i, p, w)
		}
	}
	if len(sw) != 1 || sw[0] != (Switch{Actor: "north-min", Claim: "talks-work", Date: date(t, "2025-10-09"), To: annotations.Oppose}) {
		t.Errorf("switches %+v, want north-min to oppose talks-work on 9 Oct", sw)
	}

	// A claim: talks-work has 3 supporters before north-min opposes.
	pts, _, actor, err = TimelineData(context.Background(), m, "talks-work", TimeWindows{Size: span(t, "3d"), Step: span(t, "1d")})
	if err != nil || actor {
		t.Fatal(err, actor)
	}
	if p := pts[len(pts)-1]; p.Oppose != 1 || p.Contestation != 0 {
		t.Errorf("last window of talks-work: %+v, want 1 opposing statement and no contestation (no supporter then)", p)
	}
	if p := pts[3]; p.Support != 2 || p.Oppose != 0 {
		t.Errorf("4–6 Oct of talks-work: %+v, want 2 supporting", p)
	}
}

func date(t testing.TB, s string) annotations.Date {
	t.Helper()
	d, err := annotations.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestTimeline(t *testing.T) {
	ctx := context.Background()
	m := smallModel(t)
	tw := TimeWindows{Size: span(t, "3d"), Step: span(t, "1d")}
	f, err := Timeline(ctx, m, Options{Node: "north-min", DPI: 72}, tw)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "timeline.dot"), f.DOT())
	dot := string(f.DOT())
	for _, want := range []string{"9 Oct: switch to ▼ oppose on talks-work", "Statements in the window (count)",
		"Share of support (% of the statements in the window)", "Coalition in the window", "no statement",
		"Mid-point of each 3-day window (windows move by 1 day; 2025)"} {
		if !strings.Contains(dot, want) {
			t.Errorf("the chart has no %q", want)
		}
	}
	r := renderer(t)
	var a, b bytes.Buffer
	if err := r.Render(ctx, f, FormatPNG, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(a.Bytes())); err != nil {
		t.Fatal(err)
	}
	f2, err := Timeline(ctx, m, Options{Node: "north-min", DPI: 72}, tw)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Render(ctx, f2, FormatPNG, &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same timeline gave different PNG bytes")
	}
	var svg bytes.Buffer
	if err := r.Render(ctx, f, FormatSVG, &svg); err != nil {
		t.Fatal(err)
	}
	tx, _ := svgText(t, svg.Bytes())
	texts := strings.Join(tx, "\n")
	for _, want := range []string{"North (2)", "supporting statements (count)", "Shown: actor "} {
		if !strings.Contains(texts, want) {
			t.Errorf("the drawn chart has no text %q", want)
		}
	}
	// A claim's chart has the contestation panel and its own title.
	f, err = Timeline(ctx, m, Options{Node: "talks-work"}, tw)
	if err != nil {
		t.Fatal(err)
	}
	if dot := string(f.DOT()); !strings.Contains(dot, "Contestation in the window (0 to 1)") || !strings.Contains(dot, "north-min switches to ▼ oppose") {
		t.Errorf("claim chart lacks the contestation panel or the switch:\n%s", dot)
	}
}

func TestOverTimeErrors(t *testing.T) {
	ctx := context.Background()
	m := smallModel(t)
	tw := TimeWindows{Size: span(t, "3d")}
	undated := smallDataset(t)
	for _, st := range undated.Statements {
		st.Date = 0
	}
	mu, err := graph.Compile(ctx, undated)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		m     *graph.Model
		o     Options
		tw    TimeWindows
		empty bool
		want  string
	}{
		{"unknown node", m, Options{Node: "north-mn"}, tw, false, `node "north-mn": no actor or claim has this id; did you mean "north-min"?`},
		{"no node", m, Options{}, tw, false, "no node given"},
		{"window too large", m, Options{Node: "north-min"}, TimeWindows{Size: span(t, "30d")}, true,
			"no window of 30d fits between the first and the last dated statement (2025-10-01 to 2025-10-09)"},
		{"no dated statement", mu, Options{Node: "north-min"}, tw, true, "no statement is dated"},
		{"silent in every window", m, Options{Node: "north-min"}, TimeWindows{Size: span(t, "3d"), Step: span(t, "3d")}, true,
			`actor "north-min" has no dated statement in any of the 2 windows from 2025-10-03 to 2025-10-08`},
		{"bad theme", m, Options{Node: "north-min", Theme: "neon"}, tw, false, "theme"},
	} {
		t.Run("timeline "+tc.name, func(t *testing.T) {
			_, err := Timeline(ctx, tc.m, tc.o, tc.tw)
			if err == nil || !strings.Contains(err.Error(), tc.want) || errors.Is(err, ErrEmpty) != tc.empty {
				t.Errorf("error %v, want %q (nothing to draw: %v)", err, tc.want, tc.empty)
			}
		})
	}
	r := renderer(t)
	for _, tc := range []struct {
		name  string
		m     *graph.Model
		o     Options
		tw    TimeWindows
		empty bool
		want  string
	}{
		{"other view", m, Options{View: ViewArguments}, tw, false, "small multiples are of the actors view"},
		{"dot layout", m, Options{Layout: LayoutDot}, tw, false, "need a layout that keeps positions"},
		{"negative columns", m, Options{}, TimeWindows{Size: span(t, "3d"), Columns: -1}, false, "columns -1"},
		{"no window", m, Options{}, TimeWindows{Size: span(t, "30d")}, true, "no window of 30d fits"},
		{"no dated statement", mu, Options{}, tw, true, "no statement is dated"},
	} {
		t.Run("multiples "+tc.name, func(t *testing.T) {
			_, err := Multiples(ctx, r, tc.m, tc.o, tc.tw)
			if err == nil || !strings.Contains(err.Error(), tc.want) || errors.Is(err, ErrEmpty) != tc.empty {
				t.Errorf("error %v, want %q (nothing to draw: %v)", err, tc.want, tc.empty)
			}
		})
	}
}

func TestDateSpan(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"2025-10-22", "2025-10-26", "22–26 Oct 2025"},
		{"2025-10-30", "2025-11-03", "30 Oct – 3 Nov 2025"},
		{"2025-12-28", "2026-01-03", "28 Dec 2025 – 3 Jan 2026"},
		{"2025-10-22", "2025-10-22", "22 Oct 2025"},
	} {
		if got := dateSpan(date(t, tc.from), date(t, tc.to)); got != tc.want {
			t.Errorf("dateSpan(%s, %s) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestNiceStep(t *testing.T) {
	for _, tc := range []struct{ top, want float64 }{{1, 1}, {4, 1}, {9, 5}, {10, 5}, {20, 5}, {37, 10}, {120, 50}} {
		if got := niceStep(tc.top); got != tc.want {
			t.Errorf("niceStep(%v) = %v, want %v", tc.top, got, tc.want)
		}
	}
}

// TestCompact: the denser layout of small multiples is smaller than the
// one it starts from and leaves no two nodes overlapping.
func TestCompact(t *testing.T) {
	var boxes []nodeBox
	for i := range 12 {
		boxes = append(boxes, nodeBox{x: float64(i%4) * 300, y: float64(i/4) * 200, hw: 40, hh: 20})
	}
	out := compact(boxes, compactArea)
	before, after := boundingBox(boxes), boundingBox(out)
	if after.w()*after.h() >= before.w()*before.h()/2 {
		t.Errorf("compacted box %.0f × %.0f, from %.0f × %.0f", after.w(), after.h(), before.w(), before.h())
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			a, b := out[i], out[j]
			if math.Abs(a.x-b.x) < a.hw+b.hw && math.Abs(a.y-b.y) < a.hh+b.hh {
				t.Errorf("nodes %d and %d overlap after compacting: %+v %+v", i, j, a, b)
			}
		}
	}
	if boxes[1].x != 300 {
		t.Error("compact changed its input")
	}
}

// TestMultiplesAtPageWidth draws small multiples of the built-in dataset
// at 17 cm: the panels number the actors and one key names them, the
// panels sit in a grid of several columns under one legend, no text is
// smaller than 7 pt, and the figure is no taller than it was measured
// (28.2, 34.0 and 32.0 cm; one column of four panels was 1425 pt, 50 cm,
// and two columns needed 4.3 pt text).
func TestMultiplesAtPageWidth(t *testing.T) {
	ctx := context.Background()
	r := renderer(t)
	m, _ := builtIn(t)
	for _, tc := range []struct {
		window       string
		panels, cols int
		maxHeightCm  float64
	}{
		{"5d", 4, 3, 28.5},
		{"3d", 7, 3, 34.5},
		{"2d", 10, 4, 32.5},
	} {
		t.Run(tc.window, func(t *testing.T) {
			o := Options{MinWeight: 2, Width: pageWidth, Title: "Actor network over time", Caption: "Afghanistan–Pakistan talks."}
			f, err := Multiples(ctx, r, m, o, TimeWindows{Size: span(t, tc.window), Step: span(t, tc.window)})
			if err != nil {
				t.Fatal(err)
			}
			var svg bytes.Buffer
			if err := r.Render(ctx, f, FormatSVG, &svg); err != nil {
				t.Fatal(err)
			}
			// The grid: as many panels, in cols columns.
			xs := map[float64]bool{}
			panels := 0
			for id, p := range f.placed {
				if strings.HasSuffix(id, "/frame") {
					panels++
					xs[math.Round(p.X)] = true
				}
			}
			if panels != tc.panels || len(xs) != tc.cols {
				t.Errorf("%d panels in %d columns, want %d in %d", panels, len(xs), tc.panels, tc.cols)
			}
			// One legend: one section on actor pairs, and a key of the
			// numbers drawn in the panels.
			dot := string(f.g.with(f.View))
			if n := strings.Count(svg.String(), ">Actor pairs<"); n != 1 {
				t.Errorf("%d legends on actor pairs, want 1", n)
			}
			for _, name := range []string{"Government of Pakistan", "Türkiye", "Qatar"} {
				if !strings.Contains(svg.String(), ">"+name+"<") {
					t.Errorf("the key does not name %s", name)
				}
				if strings.Contains(dot, name+"<br") {
					t.Errorf("a panel writes the name %s in its node", name)
				}
			}
			if cm := checkPageText(t, svg.Bytes(), pageWidth) / 72 * 2.54; cm > tc.maxHeightCm {
				t.Errorf("drawn %.1f cm tall, want at most %.1f", cm, tc.maxHeightCm)
			}
		})
	}
}

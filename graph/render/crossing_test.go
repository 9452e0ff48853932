package render

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/goccy/go-graphviz"
)

// A laid-out figure as the positioned DOT text gives it: the shapes of
// its nodes and the splines of its edges, in points.
type (
	laidNode struct {
		id, shape    string
		x, y, rx, ry float64
	}
	laidEdge struct {
		from, to string
		// pts are the B-spline's control points: p0, then three for each
		// cubic Bézier piece.
		pts [][2]float64
		// half is half the width of the stroke: half the pen width, times
		// the parallel lines of a colour list ("a:b").
		half float64
		// tooltip names the edge, as its label node's tooltip does.
		tooltip string
	}
)

var (
	laidNodeRE = regexp.MustCompile(`\n\t"([^"]+)"\s*\[`)
	laidEdgeRE = regexp.MustCompile(`\n\t"([^"]+)" -> "([^"]+)"\s*\[`)
)

// laidOut reads the nodes (legend, label and title nodes aside) and edges
// of a positioned figure.
func laidOut(t *testing.T, pos []byte) ([]laidNode, []laidEdge) {
	t.Helper()
	var nodes []laidNode
	for _, m := range laidNodeRE.FindAllSubmatchIndex(pos, -1) {
		id := string(pos[m[2]:m[3]])
		if !strings.HasPrefix(id, "actor:") && !strings.HasPrefix(id, "claim:") {
			continue
		}
		a, err := attrList(pos[m[1]:])
		if err != nil {
			t.Fatalf("node %s: %v", id, err)
		}
		var x, y float64
		if _, err := fmt.Sscanf(strings.TrimSuffix(a["pos"], "!"), "%g,%g", &x, &y); err != nil {
			t.Fatalf("node %s: pos %q: %v", id, a["pos"], err)
		}
		w, err1 := strconv.ParseFloat(a["width"], 64)
		h, err2 := strconv.ParseFloat(a["height"], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("node %s: size %q × %q", id, a["width"], a["height"])
		}
		nodes = append(nodes, laidNode{id, a["shape"], x, y, w * 36, h * 36})
	}
	var edges []laidEdge
	for _, m := range laidEdgeRE.FindAllSubmatchIndex(pos, -1) {
		e := laidEdge{from: string(pos[m[2]:m[3]]), to: string(pos[m[4]:m[5]])}
		a, err := attrList(pos[m[1]:])
		if err != nil {
			t.Fatalf("edge %s -> %s: %v", e.from, e.to, err)
		}
		pw, err := strconv.ParseFloat(a["penwidth"], 64)
		if err != nil {
			pw = 1
		}
		e.half = pw * float64(strings.Count(a["color"], ":")+1) / 2
		e.tooltip = a["tooltip"]
		for _, f := range strings.Fields(a["pos"]) {
			if strings.HasPrefix(f, "e,") || strings.HasPrefix(f, "s,") {
				continue // arrowhead ends, not control points
			}
			var p [2]float64
			if _, err := fmt.Sscanf(f, "%g,%g", &p[0], &p[1]); err != nil {
				t.Fatalf("edge %s -> %s: pos %q: %v", e.from, e.to, a["pos"], err)
			}
			e.pts = append(e.pts, p)
		}
		edges = append(edges, e)
	}
	if len(nodes) == 0 {
		t.Fatal("no node in the positioned figure")
	}
	return nodes, edges
}

// inside reports whether point p is inside node n's shape grown by
// margin points on every side (shrunk for a negative margin): for an
// ellipse ((x−cx)/(rx+m))² + ((y−cy)/(ry+m))² < 1, for a box
// |x−cx| < rx+m and |y−cy| < ry+m.
func (n laidNode) inside(p [2]float64, margin float64) bool {
	dx, dy := (p[0]-n.x)/(n.rx+margin), (p[1]-n.y)/(n.ry+margin)
	if n.shape == "ellipse" || n.shape == "circle" || n.shape == "" {
		return dx*dx+dy*dy < 1
	}
	return max(math.Abs(dx), math.Abs(dy)) < 1
}

// edgesThroughNodes returns, for every edge of the positioned figure pos
// whose spline passes through a node that is not one of its ends, the
// edge and the node: some point of the sampled spline lies inside the
// node's shape grown by margin points and half the edge's stroke width
// (see laidNode.inside).
func edgesThroughNodes(t *testing.T, pos []byte, margin float64) []string {
	t.Helper()
	nodes, edges := laidOut(t, pos)
	var out []string
	for _, e := range edges {
		pts := sampleSpline(e.pts, 24)
		for _, n := range nodes {
			if n.id == e.from || n.id == e.to {
				continue
			}
			for _, p := range pts {
				if n.inside(p, margin+e.half) {
					out = append(out, fmt.Sprintf("%s – %s through %s (at %.1f, %.1f; the node at %.1f, %.1f, %.1f × %.1f)",
						e.from, e.to, n.id, p[0], p[1], n.x, n.y, 2*n.rx, 2*n.ry))
					break
				}
			}
		}
	}
	return out
}

// crossingFigures are the standard figures the spline check covers, as
// make draws them and at page width.
var crossingFigures = []struct {
	name string
	o    Options
}{
	{"actors", Options{View: ViewActors, MinWeight: 2}},
	{"actors-page", Options{View: ViewActors, MinWeight: 2, Width: pageWidth}},
	{"actor-claim-top40", Options{Top: 40}},
	{"actor-claim-full", Options{}},
	{"actor-claim-print", Options{Top: 40, Theme: ThemePrint}},
	{"actor-claim-page", Options{Top: 14, Width: pageWidth}},
	{"arguments", Options{View: ViewArguments}},
	{"arguments-page", Options{View: ViewArguments, Top: 10, Width: pageWidth}},
	{"ego-khawaja-asif", Options{View: ViewEgo, Node: "khawaja-asif", Depth: 2}},
	{"ego-sirajuddin-haqqani", Options{View: ViewEgo, Node: "sirajuddin-haqqani", Depth: 2}},
}

// TestEdgesAvoidNodes checks that no edge of the standard figures of the
// built-in dataset passes through a node it does not join, so that no
// pair reads as tied to the node between them: every edge's spline,
// sampled along its Bézier pieces, stays out of the ellipse (or box) of
// every other node.
func TestEdgesAvoidNodes(t *testing.T) {
	m, an := builtIn(t)
	r := renderer(t)
	ctx := context.Background()
	for _, tc := range crossingFigures {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Build(ctx, m, an, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			pos, err := r.Positioned(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			// Drawn as the figure is drawn (the nodes' sizes are
			// Graphviz's, from their labels).
			pos, err = r.run(ctx, pos, graphviz.NOP2, graphviz.Format("dot"))
			if err != nil {
				t.Fatal(err)
			}
			if bad := edgesThroughNodes(t, pos, routeClear-routeSlack); len(bad) > 0 {
				t.Errorf("%d edges pass through other nodes:\n%s", len(bad), strings.Join(bad, "\n"))
			}
		})
	}
}

func TestEdgesThroughNodes(t *testing.T) {
	pos := []byte("digraph g {\n" +
		"\t\"actor:a\"\t[pos=\"0,0\", width=1, height=0.5, shape=ellipse];\n" +
		"\t\"actor:b\"\t[pos=\"200,0\", width=1, height=0.5, shape=ellipse];\n" +
		"\t\"actor:c\"\t[pos=\"100,0\", width=1, height=0.5, shape=ellipse];\n" +
		"\t\"claim:d\"\t[pos=\"100,100\", width=1, height=0.5, shape=box];\n" +
		"\t\"actor:a\" -> \"actor:b\"\t[pos=\"36,0 80,10 120,10 164,0\"];\n" +
		"\t\"actor:a\" -> \"claim:d\"\t[pos=\"30,10 43,40 57,70 70,100\"];\n" +
		"}\n")
	got := edgesThroughNodes(t, pos, 0)
	if len(got) != 1 || !strings.HasPrefix(got[0], "actor:a – actor:b through actor:c ") {
		t.Errorf("got %q, want actor:a – actor:b through actor:c alone", got)
	}
}

// laidLabel is an edge label of a positioned figure (a label node, see
// dotGraph.labelNodes): its box and the tooltip it shares with its edge.
type laidLabel struct {
	text, tooltip string
	box           nodeBox
}

var laidLabelRE = regexp.MustCompile(`\n\t"(label:[0-9]+)"\s*\[`)

// laidLabels reads the edge labels of a positioned figure drawn by
// Graphviz (whose width and height are the labels' measured sizes).
func laidLabels(t *testing.T, pos []byte) []laidLabel {
	t.Helper()
	var out []laidLabel
	for _, m := range laidLabelRE.FindAllSubmatchIndex(pos, -1) {
		id := string(pos[m[2]:m[3]])
		a, err := attrList(pos[m[1]:])
		if err != nil {
			t.Fatalf("label %s: %v", id, err)
		}
		var b nodeBox
		if _, err := fmt.Sscanf(strings.TrimSuffix(a["pos"], "!"), "%g,%g", &b.x, &b.y); err != nil {
			t.Fatalf("label %s: pos %q: %v", id, a["pos"], err)
		}
		w, err1 := strconv.ParseFloat(a["width"], 64)
		h, err2 := strconv.ParseFloat(a["height"], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("label %s: size %q × %q", id, a["width"], a["height"])
		}
		b.hw, b.hh = w*36, h*36
		out = append(out, laidLabel{strings.ReplaceAll(a["label"], `\n`, " / "), a["tooltip"], b})
	}
	return out
}

// boxLineGap is the distance from the box b to the polyline l: 0 when l
// passes through b.
func boxLineGap(b nodeBox, l polyline) float64 {
	if l.hitsBox(b) {
		return 0
	}
	d := math.Inf(1)
	corners := [4][2]float64{{b.x - b.hw, b.y - b.hh}, {b.x + b.hw, b.y - b.hh}, {b.x + b.hw, b.y + b.hh}, {b.x - b.hw, b.y + b.hh}}
	for i := 1; i < len(l); i++ {
		p, q := l[i-1], l[i]
		// Outside the box, the nearest points are an end of the segment
		// and the box, or a corner of the box and the segment.
		for _, e := range [2][2]float64{p, q} {
			dx := max(math.Abs(e[0]-b.x)-b.hw, 0)
			dy := max(math.Abs(e[1]-b.y)-b.hh, 0)
			d = min(d, math.Hypot(dx, dy))
		}
		for _, c := range corners {
			d = min(d, pointSegmentDist(c, p, q))
		}
	}
	return d
}

// pointSegmentDist is the distance from c to the segment from p to q.
func pointSegmentDist(c, p, q [2]float64) float64 {
	dx, dy := q[0]-p[0], q[1]-p[1]
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = min(max(((c[0]-p[0])*dx+(c[1]-p[1])*dy)/l2, 0), 1)
	}
	return math.Hypot(c[0]-p[0]-t*dx, c[1]-p[1]-t*dy)
}

// labelsAstray returns, for every edge label of the positioned figure pos
// that does not read as its own edge's, why: its box comes nearer than
// clear points to the stroke of another edge of the graph, or lies
// nearer to another edge's stroke than to its own, or further than near
// points from its own.
func labelsAstray(t *testing.T, pos []byte, clear, near float64) []string {
	t.Helper()
	_, edges := laidOut(t, pos)
	var out []string
	for _, l := range laidLabels(t, pos) {
		own := -1
		gaps := make([]float64, len(edges))
		for i, e := range edges {
			gaps[i] = math.Inf(1)
			if !strings.HasPrefix(e.from, "actor:") && !strings.HasPrefix(e.from, "claim:") {
				continue // the legend's samples
			}
			gaps[i] = boxLineGap(l.box, sampleSpline(e.pts, 24)) - e.half
			if e.tooltip == l.tooltip {
				own = i
			}
		}
		if own < 0 {
			t.Fatalf("label %q: no edge has its tooltip %q", l.text, l.tooltip)
		}
		if gaps[own] > near {
			out = append(out, fmt.Sprintf("%q is %.1f pt from its edge %s -> %s", l.text, gaps[own], edges[own].from, edges[own].to))
		}
		for i, e := range edges {
			if i == own {
				continue
			}
			switch {
			case gaps[i] < clear:
				out = append(out, fmt.Sprintf("%q (of %s -> %s) is %.1f pt from the stroke of %s -> %s",
					l.text, edges[own].from, edges[own].to, gaps[i], e.from, e.to))
			case gaps[i] <= gaps[own]:
				out = append(out, fmt.Sprintf("%q (of %s -> %s, %.1f pt away) is nearer to %s -> %s (%.1f pt)",
					l.text, edges[own].from, edges[own].to, gaps[own], e.from, e.to, gaps[i]))
			}
		}
	}
	return out
}

// TestLabelsByTheirEdges checks that every relation label of the ego
// figures of the built-in dataset, as drawn and at page width, reads as
// its own edge's: it lies by that edge, nearer to it than to any other,
// and clear of every other edge's stroke by as much as the routing keeps
// edges clear of the nodes they pass.
func TestLabelsByTheirEdges(t *testing.T) {
	m, an := builtIn(t)
	r := renderer(t)
	ctx := context.Background()
	for _, node := range []string{"khawaja-asif", "sirajuddin-haqqani"} {
		for _, width := range []float64{0, pageWidth} {
			t.Run(fmt.Sprintf("%s-%.0f", node, width), func(t *testing.T) {
				f, err := Build(ctx, m, an, Options{View: ViewEgo, Node: node, Depth: 2, Width: width})
				if err != nil {
					t.Fatal(err)
				}
				pos, err := r.Positioned(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if pos, err = r.run(ctx, pos, graphviz.NOP2, graphviz.Format("dot")); err != nil {
					t.Fatal(err)
				}
				if bad := labelsAstray(t, pos, routeClear-routeSlack, 2*labelGap); len(bad) > 0 {
					t.Errorf("%d labels astray:\n%s", len(bad), strings.Join(bad, "\n"))
				}
			})
		}
	}
}

package render

import (
	"math"
	"slices"
	"testing"
)

// TestSeparateLinked lengthens an edge between two nodes that nearly
// touch to linkGap, leaves nodes without an edge and a fixed pair alone,
// and moves only the free end of an edge to a fixed node.
func TestSeparateLinked(t *testing.T) {
	g := &dotGraph{
		nodes: []dotNode{{id: "a"}, {id: "b"}, {id: "c"}, {id: "d"}, {id: "e"}, {id: "f"}},
		edges: []dotEdge{{from: "a", to: "b"}, {from: "c", to: "d"}, {from: "e", to: "f"}},
	}
	boxes := []nodeBox{
		{0, 0, 20, 10}, {45, 0, 20, 10}, // a–b: 5 pt apart along x
		{0, 200, 20, 10}, {44, 200, 20, 10}, // c–d: fixed c, 4 pt apart
		{0, 400, 20, 10}, {0, 425, 20, 10}, // e–f: both fixed, 5 pt apart along y
	}
	fixed := []bool{false, false, true, false, true, true}
	if !separateLinked(g, boxes, fixed, nil) {
		t.Fatal("nothing moved")
	}
	gap := func(a, b nodeBox) float64 {
		return max(math.Abs(a.x-b.x)-a.hw-b.hw, math.Abs(a.y-b.y)-a.hh-b.hh)
	}
	if got := gap(boxes[0], boxes[1]); math.Abs(got-linkGap) > 1e-9 {
		t.Errorf("a–b gap %.2f, want %d", got, linkGap)
	}
	if boxes[0].x != -(linkGap-5)/2.0 || boxes[0].y != 0 {
		t.Errorf("a moved to %v, want half the way along x", boxes[0])
	}
	if boxes[2].x != 0 || gap(boxes[2], boxes[3]) != linkGap {
		t.Errorf("c (fixed) at %v, d at %v: want c in place and d %d pt away", boxes[2], boxes[3], linkGap)
	}
	if boxes[4].y != 400 || boxes[5].y != 425 {
		t.Errorf("two fixed nodes moved: %v %v", boxes[4], boxes[5])
	}
	if separateLinked(g, boxes, fixed, nil) {
		t.Error("a second pass moves again")
	}
}

// TestSeparateLinkedLabel makes room on a labelled edge for its label:
// its ends move apart to the label's width and overlapGap either side
// along x, and to its height and overlapGap either side along y.
func TestSeparateLinkedLabel(t *testing.T) {
	g := &dotGraph{
		nodes: []dotNode{{id: "a"}, {id: "b"}, {id: "c"}, {id: "d"}, {id: "label:0"}, {id: "label:1"}},
		edges: []dotEdge{{from: "a", to: "b"}, {from: "c", to: "d"}},
	}
	boxes := []nodeBox{
		{0, 0, 20, 10}, {70, 0, 20, 10}, // a–b: 30 pt apart along x
		{0, 200, 20, 10}, {0, 230, 20, 10}, // c–d: 10 pt apart along y
		{500, 500, 25, 6}, {500, 600, 25, 6},
	}
	labels := []edgeLabel{{node: 4, edge: 0}, {node: 5, edge: 1}}
	if !separateLinked(g, boxes, nil, labels) {
		t.Fatal("nothing moved")
	}
	if got, want := boxes[1].x-boxes[0].x-40, 2*(25.0+overlapGap); math.Abs(got-want) > 1e-9 {
		t.Errorf("a–b gap %.2f, want %.2f", got, want)
	}
	if got, want := boxes[3].y-boxes[2].y-20, 2*(6.0+overlapGap); math.Abs(got-want) > 1e-9 {
		t.Errorf("c–d gap %.2f, want %.2f", got, want)
	}
}

// TestPlaceLabels puts a label beside the middle of its edge, clear of
// a node placed on that spot, and never on another label.
func TestPlaceLabels(t *testing.T) {
	g := &dotGraph{
		nodes: []dotNode{{id: "a"}, {id: "b"}, {id: "label:0"}, {id: "label:1"}, {id: "x"}},
		edges: []dotEdge{{from: "a", to: "b"}, {from: "b", to: "a"}},
	}
	boxes := []nodeBox{
		{0, 0, 20, 10}, {200, 0, 20, 10},
		{500, 500, 25, 6}, {-300, 90, 25, 6}, // the labels, far from their edges
		{100, 12, 10, 6}, // a node right above the middle
	}
	placeLabels(g, boxes, []edgeLabel{{node: 2, edge: 0}, {node: 3, edge: 1}}, nil, false)
	for _, l := range []int{2, 3} {
		b := boxes[l]
		if b.x < 20 || b.x > 180 || math.Abs(b.y) > 3*b.hh+2*labelGap+1 {
			t.Errorf("label %d at (%.1f, %.1f): not beside its edge from (0, 0) to (200, 0)", l, b.x, b.y)
		}
		if math.Abs(b.y) < b.hh {
			t.Errorf("label %d at (%.1f, %.1f) lies on its edge", l, b.x, b.y)
		}
		x := boxes[4]
		if math.Abs(b.x-x.x) < b.hw+x.hw && math.Abs(b.y-x.y) < b.hh+x.hh {
			t.Errorf("label %d at (%.1f, %.1f) overlaps node x", l, b.x, b.y)
		}
	}
	a, b := boxes[2], boxes[3]
	if math.Abs(a.x-b.x) < a.hw+b.hw && math.Abs(a.y-b.y) < a.hh+b.hh {
		t.Errorf("the labels overlap: %v %v", a, b)
	}
}

// TestSeparateAmongFixed frees a box caught between two fixed boxes,
// which pushing out of one pushes into the other round after round: it
// ends clear of both, near where it was, and the fixed boxes stay.
func TestSeparateAmongFixed(t *testing.T) {
	boxes := []nodeBox{
		{0, 0, 50, 50}, {120, 0, 50, 50}, // fixed, 20 pt apart
		{60, 0, 20, 20}, // between them
	}
	fixed := []bool{true, true, false}
	if separate(boxes, fixed) {
		t.Fatal("overlaps remain")
	}
	if boxes[0] != (nodeBox{0, 0, 50, 50}) || boxes[1] != (nodeBox{120, 0, 50, 50}) {
		t.Errorf("fixed boxes moved: %v %v", boxes[0], boxes[1])
	}
	c := boxes[2]
	for _, f := range boxes[:2] {
		if math.Abs(c.x-f.x) < c.hw+f.hw+overlapGap && math.Abs(c.y-f.y) < c.hh+f.hh+overlapGap {
			t.Errorf("the free box at (%.1f, %.1f) overlaps the fixed one at (%.1f, %.1f)", c.x, c.y, f.x, f.y)
		}
	}
	// Just above or below the gap: 50 + 20 + 12 from the centre line.
	if d := math.Hypot(c.x-60, c.y); d > 50+20+overlapGap+overlapGap {
		t.Errorf("the free box went %.1f pt away, to (%.1f, %.1f)", d, c.x, c.y)
	}
}

// TestPlaceLabelsInline puts a label on the middle of its edge, and the
// label of the edge back between the same nodes beside it, on no node
// and keeping linkGap from the edge's ends.
func TestPlaceLabelsInline(t *testing.T) {
	g := &dotGraph{
		nodes: []dotNode{{id: "a"}, {id: "b"}, {id: "label:0"}, {id: "label:1"}},
		edges: []dotEdge{{from: "a", to: "b"}, {from: "b", to: "a"}},
	}
	boxes := []nodeBox{{0, 0, 20, 10}, {200, 0, 20, 10}, {500, 500, 25, 6}, {-300, 90, 25, 6}}
	placeLabels(g, boxes, []edgeLabel{{node: 2, edge: 0}, {node: 3, edge: 1}}, nil, true)
	if b := boxes[2]; b.x != 100 || b.y != 0 {
		t.Errorf("label 0 at (%.1f, %.1f), want the middle of its edge (100, 0)", b.x, b.y)
	}
	a, b := boxes[2], boxes[3]
	if math.Abs(b.x-100) > 20 || math.Abs(b.y) > 2*b.hh+labelGap+1 {
		t.Errorf("label 1 at (%.1f, %.1f): not by the middle of its edge", b.x, b.y)
	}
	if math.Abs(a.x-b.x) < a.hw+b.hw && math.Abs(a.y-b.y) < a.hh+b.hh {
		t.Errorf("the labels overlap: %v %v", a, b)
	}
	for _, l := range []nodeBox{a, b} {
		for _, n := range boxes[:2] {
			if math.Abs(l.x-n.x) < l.hw+n.hw+overlapGap && math.Abs(l.y-n.y) < l.hh+n.hh+overlapGap {
				t.Errorf("label at (%.1f, %.1f) within %d pt of the node at (%.1f, %.1f)", l.x, l.y, overlapGap, n.x, n.y)
			}
		}
	}
}

// TestSpreadCollinear: a layout whose centres lie in one column (or row)
// is spread by a few times at most. The box of the centres had no width,
// so reaching the nodes' area stretched it 24 times: two actors of the
// actors view came out 2,100 pt apart.
func TestSpreadCollinear(t *testing.T) {
	tests := []struct {
		name  string
		boxes []nodeBox
	}{
		{"column", []nodeBox{{71.5, 129.8, 64.8, 32.4}, {71.5, 43.4, 71.5, 43.4}}},
		{"near column", []nodeBox{{71.5, 129.8, 64.8, 32.4}, {70.6, 43.4, 71.5, 43.4}}},
		{"row of three", []nodeBox{{0, 0, 40, 20}, {120, 0.5, 40, 20}, {240, 0, 40, 20}}},
	}
	for _, tt := range tests {
		for _, aspect := range []float64{0, pageAspect} {
			boxes := slices.Clone(tt.boxes)
			spread(boxes, aspect)
			before, after := boundingBox(tt.boxes), boundingBox(boxes)
			if grow := max(after.w()/before.w(), after.h()/before.h()); grow > 3 {
				t.Errorf("%s (aspect %.2f): spread grew the layout %.1f times", tt.name, aspect, grow)
			}
		}
	}
}

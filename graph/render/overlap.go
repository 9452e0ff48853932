package render

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// nodeBox is a laid-out node: its centre and half width and height, in
// points.
type nodeBox struct {
	x, y, hw, hh float64
}

// parsePlain reads the node lines of Graphviz's "plain" output ("node
// NAME X Y WIDTH HEIGHT ...", in inches) into boxes by node name.
func parsePlain(plain []byte) (map[string]nodeBox, error) {
	out := map[string]nodeBox{}
	sc := bufio.NewScanner(bytes.NewReader(plain))
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		rest, ok := strings.CutPrefix(line, "node ")
		if !ok {
			continue
		}
		name, rest, err := plainToken(rest)
		if err != nil {
			return nil, fmt.Errorf("layout output: %w in %q", err, line)
		}
		f := strings.Fields(rest)
		if len(f) < 4 {
			return nil, fmt.Errorf("layout output: short node line %q", line)
		}
		var v [4]float64
		for i := range v {
			if v[i], err = strconv.ParseFloat(f[i], 64); err != nil {
				return nil, fmt.Errorf("layout output: %w in %q", err, line)
			}
		}
		out[name] = nodeBox{v[0] * 72, v[1] * 72, v[2] * 36, v[3] * 36}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("layout output: %w", err)
	}
	return out, nil
}

// plainToken reads one token of the plain format: a double-quoted string
// with backslash escapes, or a run of non-spaces.
func plainToken(s string) (tok, rest string, err error) {
	if !strings.HasPrefix(s, `"`) {
		tok, rest, _ = strings.Cut(s, " ")
		return tok, rest, nil
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		case '"':
			return b.String(), strings.TrimPrefix(s[i+1:], " "), nil
		default:
			b.WriteByte(c)
		}
	}
	return "", "", fmt.Errorf("unterminated name")
}

// spreadArea is how many times the nodes' own area the layout is spread
// over before overlaps are removed.
const spreadArea = 2.0

// spread scales the layout up, about the origin, until the bounding box
// of the node centres has spreadArea times the area of the nodes (with
// their gaps), if it has less. Graphviz's force layouts use edge lengths
// of about an inch whatever the node sizes, so a layout of large claim
// boxes starts crowded; scaling keeps its shape, and the overlaps left
// are then few and local.
//
// aspect, when positive, is the width to height ratio the spread aims at
// (a figure for a page is taller than wide): x and y are scaled apart, by
// no more than a factor of two between them, so that the box of centres
// comes nearer that ratio while its area reaches the target.
func spread(boxes []nodeBox, aspect float64) {
	if len(boxes) < 2 {
		return
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	area, sw, sh := 0.0, 0.0, 0.0
	for _, b := range boxes {
		x0, y0, x1, y1 = min(x0, b.x), min(y0, b.y), max(x1, b.x), max(y1, b.y)
		area += float64((2*b.hw + overlapGap) * (2*b.hh + overlapGap))
		sw, sh = sw+2*b.hw+overlapGap, sh+2*b.hh+overlapGap
	}
	w, h := max(x1-x0, 1), max(y1-y0, 1)
	// The centres of a layout in one row or column span no width or
	// height, so the area of their box would need scaling tens of times
	// (two actors one above the other came out 2,100 pt apart): no
	// scaling goes beyond the nodes laid end to end along the axis that
	// needs the least.
	s := min(math.Sqrt(spreadArea*area/(w*h)), sw/w, sh/h)
	if s <= 1 {
		return
	}
	sx, sy := s, s
	if aspect > 0 {
		// r = sx/sy moves w/h to aspect, within [1/2, 2].
		r := min(max(aspect/(w/h), 0.5), 2)
		sx, sy = s*math.Sqrt(r), s/math.Sqrt(r)
		sx, sy = max(sx, 1), max(sy, 1)
	}
	for i := range boxes {
		boxes[i].x *= sx
		boxes[i].y *= sy
	}
}

// overlapGap is the least gap, in points, left between two nodes.
const overlapGap = 12

// maxOverlapRounds bounds the rounds of removeOverlaps.
const maxOverlapRounds = 400

// removeOverlaps moves the boxes apart until no two overlap (or a
// bound on the rounds is reached), changing the layout as little as it
// can: each round sweeps the boxes in order of their left edges and
// pushes every overlapping pair apart, half each, along the axis where
// they overlap less. The order of the sweep is fixed by the boxes'
// positions and then their order in the slice, so the result is the same
// on every run. It reports whether overlaps remain.
//
// Graphviz's own overlap removal is used for the force layouts only where
// it is compiled in: the WebAssembly build lacks Prism and falls back to
// Voronoi cells, which blow a dense layout up to many times its size
// (34,000 points wide for 318 nodes, against 2,950 here).
//
// Boxes marked fixed (placed where a previous layout had them) stay put:
// the layout is not spread when any is fixed, and a box that overlaps a
// fixed one moves the whole way; two fixed boxes never move. fixed may
// be nil.
func removeOverlaps(boxes []nodeBox, fixed []bool, aspect float64) bool {
	if !slices.Contains(fixed, true) {
		spread(boxes, aspect)
	}
	return separate(boxes, fixed)
}

// separate is removeOverlaps without the spread: it pushes overlapping
// boxes apart, the fixed ones staying put. Among fixed boxes a box pushed
// out of one may land in the next, round after round; a box still
// overlapping when the rounds run out goes to the free place nearest to
// it (settle).
func separate(boxes []nodeBox, fixed []bool) bool {
	if !pushApart(boxes, fixed) {
		return false
	}
	if !slices.Contains(fixed, true) {
		return true
	}
	settle(boxes, fixed)
	return false
}

// pushApart is separate's rounds of pushing overlapping pairs apart. It
// reports whether overlaps remain.
func pushApart(boxes []nodeBox, fixed []bool) bool {
	isFixed := func(i int) bool { return fixed != nil && fixed[i] }
	n := len(boxes)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	for range maxOverlapRounds {
		slices.SortStableFunc(order, func(a, b int) int {
			la, lb := boxes[a].x-boxes[a].hw, boxes[b].x-boxes[b].hw
			switch {
			case la < lb:
				return -1
			case la > lb:
				return 1
			}
			return a - b
		})
		moved := false
		for oi, i := range order {
			bi := &boxes[i]
			for _, j := range order[oi+1:] {
				bj := &boxes[j]
				if bj.x-bj.hw >= bi.x+bi.hw+overlapGap {
					break
				}
				ox := bi.hw + bj.hw + overlapGap - math.Abs(bi.x-bj.x)
				oy := bi.hh + bj.hh + overlapGap - math.Abs(bi.y-bj.y)
				if ox <= 0 || oy <= 0 {
					continue
				}
				// Two fixed boxes stay where they were given even if
				// they touch: their positions were rounded when written,
				// and moving them apart would cascade through the
				// layout that Options.Positions is meant to keep.
				fi, fj := isFixed(i), isFixed(j)
				if fi && fj {
					continue
				}
				moved = true
				// Each moves half the overlap, or a free box all of it
				// when the other is fixed.
				si, sj := 0.5, 0.5
				switch {
				case fi && !fj:
					si, sj = 0, 1
				case fj && !fi:
					si, sj = 1, 0
				}
				if ox <= oy {
					d := ox + 0.02
					if bi.x < bj.x || (bi.x == bj.x && i < j) {
						bi.x, bj.x = bi.x-si*d, bj.x+sj*d
					} else {
						bi.x, bj.x = bi.x+si*d, bj.x-sj*d
					}
				} else {
					d := oy + 0.02
					if bi.y < bj.y || (bi.y == bj.y && i < j) {
						bi.y, bj.y = bi.y-si*d, bj.y+sj*d
					} else {
						bi.y, bj.y = bi.y+si*d, bj.y-sj*d
					}
				}
			}
		}
		if !moved {
			return false
		}
	}
	return true
}

// settle moves each box that is not fixed and overlaps another (with
// overlapGap between) to the nearest place where it overlaps none: the
// first free one of points on circles around it, overlapGap/2 apart,
// the circles overlapGap/2 apart. Boxes are settled in order, each one
// settled an obstacle to the next; fixed boxes that overlap stay.
func settle(boxes []nodeBox, fixed []bool) {
	overlaps := func(b nodeBox, i int) bool {
		for j, o := range boxes {
			if j != i && math.Abs(b.x-o.x) < b.hw+o.hw+overlapGap && math.Abs(b.y-o.y) < b.hh+o.hh+overlapGap {
				return true
			}
		}
		return false
	}
	// A box placed beyond the others overlaps none: the search ends
	// before its circles are this large.
	bb := boundingBox(boxes)
	limit := bb.x1 - bb.x0 + bb.y1 - bb.y0 + 4*overlapGap
	const step float64 = overlapGap / 2
	for i, b := range boxes {
		if fixed[i] || !overlaps(b, i) {
			continue
		}
	search:
		for r := step; r <= limit+b.hw+b.hh; r += step {
			k := int(math.Ceil(2 * math.Pi * r / step))
			for a := range k {
				c := b
				t := 2 * math.Pi * float64(a) / float64(k)
				c.x, c.y = b.x+r*math.Cos(t), b.y+r*math.Sin(t)
				if !overlaps(c, i) {
					boxes[i] = c
					break search
				}
			}
		}
	}
}

// labelGap is the gap, in points, between an edge label and its edge and
// the least gap between a label and the boxes around it.
const labelGap = 3

// placeLabels moves each edge label of g (see labelNodes) to its edge,
// once the nodes have their final places: the layout only holds a label
// near its edge, and overlap removal may push it further. routes, when
// not nil, are the edges' routed lines (see route), by edge index; an
// edge without one is the straight line between its ends' centres.
//
// A label inline goes onto its edge's line, where the edge is then routed
// through it (see route) and every other edge around it, so that it can
// be read as no other edge's: at the middle of the line, or nearer either
// end (to a fifth of the way from it), then beside those spots, moved
// across the line by half the label's extent across it and then until it
// just clears the line; each spot clear by overlapGap of the nodes and
// the labels placed before it and by linkGap of the edge's own ends, so
// that the edge shows, with its arrowhead, on both sides of the label
// (where no spot has that room, by labelGap and overlapGap). A label
// not inline goes beside its edge's line, clear of it by labelGap: at its
// middle, then nearer either end (to a fifth of the way from it), on
// either side and then further out, overlapping no node and no label
// placed before it.
//
// Either way, among the spots as near as each other to the line, one that
// crosses no other edge is taken first. A label with no free spot keeps
// the place it had.
func placeLabels(g *dotGraph, boxes []nodeBox, labels []edgeLabel, routes []polyline, inline bool) {
	if len(labels) == 0 {
		return
	}
	index := make(map[string]int, len(g.nodes))
	for i, n := range g.nodes {
		index[n.id] = i
	}
	isLabel := make([]bool, len(boxes))
	for _, l := range labels {
		isLabel[l.node] = true
	}
	// The boxes a label must keep clear of: every other node, then the
	// labels as they are placed.
	var taken []nodeBox
	for i, b := range boxes {
		if !isLabel[i] {
			taken = append(taken, b)
		}
	}
	lines := make([]polyline, len(g.edges))
	ends := make([][2]int, len(g.edges))
	for i, e := range g.edges {
		a, okA := index[e.from]
		b, okB := index[e.to]
		if !okA || !okB || a == b {
			continue
		}
		ends[i] = [2]int{a, b}
		lines[i] = polyline{{boxes[a].x, boxes[a].y}, {boxes[b].x, boxes[b].y}}
		if i < len(routes) && len(routes[i]) >= 2 {
			lines[i] = routes[i]
		}
	}
	// The gaps a spot keeps from the boxes taken and from its edge's
	// ends: inline, first room for the other edges to pass between the
	// label and the nodes and for the edge's arrowhead, then, where
	// nothing has that room, less.
	gaps := [][2]float64{{labelGap, 0}}
	if inline {
		gaps = [][2]float64{{overlapGap, linkGap}, {labelGap, overlapGap}}
	}
	clear := func(c, t nodeBox, gap float64) bool {
		return math.Abs(c.x-t.x) >= c.hw+t.hw+gap || math.Abs(c.y-t.y) >= c.hh+t.hh+gap
	}
	free := func(c nodeBox, own int, edges bool, gap [2]float64) bool {
		for _, t := range taken {
			if !clear(c, t, gap[0]) {
				return false
			}
		}
		if inline && (!clear(c, boxes[ends[own][0]], gap[1]) || !clear(c, boxes[ends[own][1]], gap[1])) {
			return false
		}
		if !inline && lines[own].hitsBox(c) {
			return false
		}
		if edges {
			for i, l := range lines {
				if i != own && l.hitsBox(c) {
					return false
				}
			}
		}
		return true
	}
	for _, l := range labels {
		line := lines[l.edge]
		lb := boxes[l.node]
		if line == nil {
			taken = append(taken, lb)
			continue
		}
		// The spots in rings of equal preference, nearest first.
		var rings [][]nodeBox
		if inline {
			ts := []float64{0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8}
			for _, k := range []float64{0, 1, 2} {
				var ring []nodeBox
				for _, t := range ts {
					p, nx, ny := line.at(t)
					// The box's half extent across the line; at k = 2,
					// the box just clears the line.
					ext := lb.hw*math.Abs(nx) + lb.hh*math.Abs(ny)
					d := k * ext
					if k == 2 {
						d += labelGap
					}
					for _, side := range []float64{1, -1} {
						ring = append(ring, nodeBox{p[0] + side*d*nx, p[1] + side*d*ny, lb.hw, lb.hh})
						if k == 0 {
							break
						}
					}
				}
				rings = append(rings, ring)
			}
		} else {
			// Beside the line first, then a step further out for each
			// label already in the way.
			for step := range 4 {
				var ring []nodeBox
				for _, t := range []float64{0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8} {
					p, nx, ny := line.at(t)
					// The distance from the box's centre to the line
					// when the box just clears it.
					d := lb.hw*math.Abs(nx) + lb.hh*math.Abs(ny) + labelGap + float64(step)*(2*lb.hh+labelGap)
					for _, side := range []float64{1, -1} {
						ring = append(ring, nodeBox{p[0] + side*d*nx, p[1] + side*d*ny, lb.hw, lb.hh})
					}
				}
				rings = append(rings, ring)
			}
		}
		// In each ring, a spot crossing no other edge, else one crossing
		// some (the label's background hides the edge behind its text).
	search:
		for _, gap := range gaps {
			for _, ring := range rings {
				for _, edges := range []bool{true, false} {
					for _, c := range ring {
						if free(c, l.edge, edges, gap) {
							lb = c
							break search
						}
					}
				}
			}
		}
		boxes[l.node] = lb
		taken = append(taken, lb)
	}
}

// polyline is a line through points (x, y), in points: a straight edge
// from centre to centre, or a routed edge's spline sampled (route).
type polyline [][2]float64

// at returns the point a fraction t of the way along l, by length, and
// the unit normal of l there.
func (l polyline) at(t float64) (p [2]float64, nx, ny float64) {
	total := 0.0
	for i := 1; i < len(l); i++ {
		total += math.Hypot(l[i][0]-l[i-1][0], l[i][1]-l[i-1][1])
	}
	want := t * total
	for i := 1; i < len(l); i++ {
		dx, dy := l[i][0]-l[i-1][0], l[i][1]-l[i-1][1]
		seg := math.Hypot(dx, dy)
		if seg == 0 {
			continue
		}
		if want <= seg || i == len(l)-1 {
			f := min(want/seg, 1)
			return [2]float64{l[i-1][0] + f*dx, l[i-1][1] + f*dy}, -dy / seg, dx / seg
		}
		want -= seg
	}
	return l[0], 0, 1
}

// hitsBox reports whether l passes through the box b.
func (l polyline) hitsBox(b nodeBox) bool {
	for i := 1; i < len(l); i++ {
		if segmentHitsBox(l[i-1][0], l[i-1][1], l[i][0], l[i][1], b) {
			return true
		}
	}
	return false
}

// segmentHitsBox reports whether the segment from (x0, y0) to (x1, y1)
// passes through the box b (Liang–Barsky clipping).
func segmentHitsBox(x0, y0, x1, y1 float64, b nodeBox) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := x1-x0, y1-y0
	for _, pq := range [4][2]float64{
		{-dx, x0 - (b.x - b.hw)}, {dx, (b.x + b.hw) - x0},
		{-dy, y0 - (b.y - b.hh)}, {dy, (b.y + b.hh) - y0},
	} {
		p, q := pq[0], pq[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = max(t0, r)
		} else {
			t1 = min(t1, r)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// linkGap is the least gap, in points, left between two nodes joined by
// an edge, so that the edge shows with its arrowhead (8 pt) between them.
const linkGap = 24

// separateLinked moves the two ends of every edge of g whose boxes are
// closer than linkGap apart along the axis that separates them, half
// each (a free end the whole way when the other is fixed; two fixed ends
// stay). An edge with a label (labels, see labelNodes) keeps its ends as
// far apart as the label's width (or height) and overlapGap on either
// side, so that placeLabels finds it a spot on the edge. It reports
// whether it moved any; overlaps it makes are left to removeOverlaps.
func separateLinked(g *dotGraph, boxes []nodeBox, fixed []bool, labels []edgeLabel) bool {
	index := make(map[string]int, len(g.nodes))
	for i, n := range g.nodes {
		index[n.id] = i
	}
	labelOf := make(map[int]nodeBox, len(labels))
	for _, l := range labels {
		labelOf[l.edge] = boxes[l.node]
	}
	isFixed := func(i int) bool { return fixed != nil && fixed[i] }
	moved := false
	for ei, e := range g.edges {
		i, okA := index[e.from]
		j, okB := index[e.to]
		if !okA || !okB || i == j || (isFixed(i) && isFixed(j)) {
			continue
		}
		a, b := &boxes[i], &boxes[j]
		gx := math.Abs(a.x-b.x) - a.hw - b.hw
		gy := math.Abs(a.y-b.y) - a.hh - b.hh
		// A labelled edge has room for its label between its ends, with
		// the gap placeLabels keeps from the ends at the least.
		needX, needY := float64(linkGap), float64(linkGap)
		if l, ok := labelOf[ei]; ok {
			needX, needY = max(needX, 2*(l.hw+overlapGap)), max(needY, 2*(l.hh+overlapGap))
		}
		if (gx >= gy && gx >= needX) || (gy > gx && gy >= needY) || max(gx, gy) < 0 {
			// Apart enough, or overlapping (removeOverlaps' part).
			continue
		}
		si, sj := 0.5, 0.5
		switch {
		case isFixed(i):
			si, sj = 0, 1
		case isFixed(j):
			si, sj = 1, 0
		}
		if gx >= gy {
			d := needX - gx
			if a.x <= b.x {
				a.x, b.x = a.x-si*d, b.x+sj*d
			} else {
				a.x, b.x = a.x+si*d, b.x-sj*d
			}
		} else {
			d := needY - gy
			if a.y <= b.y {
				a.y, b.y = a.y-si*d, b.y+sj*d
			} else {
				a.y, b.y = a.y+si*d, b.y-sj*d
			}
		}
		moved = true
	}
	return moved
}

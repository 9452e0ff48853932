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
const spreadArea = 3.5

// spread scales the layout up, about the origin, until the bounding box
// of the node centres has spreadArea times the area of the nodes (with
// their gaps), if it has less. Graphviz's force layouts use edge lengths
// of about an inch whatever the node sizes, so a layout of large claim
// boxes starts crowded; scaling keeps its shape, and the overlaps left
// are then few and local.
func spread(boxes []nodeBox) {
	if len(boxes) < 2 {
		return
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	area := 0.0
	for _, b := range boxes {
		x0, y0, x1, y1 = min(x0, b.x), min(y0, b.y), max(x1, b.x), max(y1, b.y)
		area += float64((2*b.hw + overlapGap) * (2*b.hh + overlapGap))
	}
	have := max(x1-x0, 1) * max(y1-y0, 1)
	s := math.Sqrt(spreadArea * area / have)
	if s <= 1 {
		return
	}
	for i := range boxes {
		boxes[i].x *= s
		boxes[i].y *= s
	}
}

// overlapGap is the least gap, in points, left between two nodes.
const overlapGap = 16

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
func removeOverlaps(boxes []nodeBox) bool {
	spread(boxes)
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
				moved = true
				if ox <= oy {
					d := ox/2 + 0.01
					if bi.x < bj.x || (bi.x == bj.x && i < j) {
						bi.x, bj.x = bi.x-d, bj.x+d
					} else {
						bi.x, bj.x = bi.x+d, bj.x-d
					}
				} else {
					d := oy/2 + 0.01
					if bi.y < bj.y || (bi.y == bj.y && i < j) {
						bi.y, bj.y = bi.y-d, bj.y+d
					} else {
						bi.y, bj.y = bi.y+d, bj.y-d
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

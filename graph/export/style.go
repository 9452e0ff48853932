package export

import (
	"fmt"
	"math"
	"strconv"
)

// Style gives each node the colour and size the GEXF export draws it
// with (Gephi shows them as they are).
type Style struct {
	// Colors maps node ids to "#RRGGBB" colours; nodes it leaves out are
	// written without a colour. The figures' colours
	// (graph/render.Colors) are the ones to give, so that a network
	// opened in Gephi looks like the paper's figure: export keeps no
	// palette of its own.
	Colors map[string]string
	// ColorBy says in the file's description what the colours show
	// ("side", "coalition", ...); empty when Colors is.
	ColorBy string
	// Shapes maps node ids to the Graphviz node shapes the figures draw
	// them with (graph/render.Shapes); nodes it leaves out are written
	// without a shape. GEXF 1.3 knows four shapes, so each is written as
	// the nearest of them (GEXFShape), and the figure's own shape as the
	// node attribute figure_shape.
	Shapes map[string]string
	// ShapeBy says in the file's description what the shapes show
	// ("type", "role", ...); empty when Shapes is.
	ShapeBy string
	// SizeBy names the centrality measure node sizes follow; empty means
	// graph.Degree.
	SizeBy string
	// MinSize and MaxSize bound the sizes: a node's size is MinSize +
	// (MaxSize − MinSize)·s/max, with s its score on SizeBy and max the
	// highest score (MinSize when max is 0 or the score is not finite).
	// Zero values mean 4 and 20.
	MinSize, MaxSize float64
}

// resolve fills in the defaults of s for d.
func (s Style) resolve(d *Document) (Style, error) {
	if s.SizeBy == "" {
		s.SizeBy = "degree"
	}
	found := false
	for _, m := range d.Measures {
		found = found || m == s.SizeBy
	}
	if !found {
		return s, fmt.Errorf("export: size by %q: no such measure", s.SizeBy)
	}
	if s.MinSize == 0 && s.MaxSize == 0 {
		s.MinSize, s.MaxSize = 4, 20
	}
	if s.MinSize < 0 || s.MaxSize < s.MinSize {
		return s, fmt.Errorf("export: node sizes %v to %v: need 0 ≤ min ≤ max", s.MinSize, s.MaxSize)
	}
	for id, c := range s.Colors {
		if _, _, _, err := parseHex(c); err != nil {
			return s, fmt.Errorf("export: colour of %s: %w", id, err)
		}
	}
	for id, shape := range s.Shapes {
		if _, ok := GEXFShape(shape); !ok {
			return s, fmt.Errorf("export: shape of %s: %q is not a shape the figures draw", id, shape)
		}
	}
	return s, nil
}

// gexfShapes maps the Graphviz node shapes claimnet's figures draw to the
// shapes of GEXF 1.3's viz:shape (disc, square, triangle, diamond). The
// figures draw claims as boxes (square) and actors as ellipses (disc)
// or, under --shape-by, the actors with the most common values as a
// hexagon, octagon, parallelogram, house and inverted house: the first
// two get the two shapes left (diamond, triangle), the others the nearer
// of them, so Gephi tells apart the two largest groups from each other,
// from the rest and from the claims.
var gexfShapes = map[string]string{
	"ellipse": "disc", "oval": "disc", "circle": "disc",
	"box": "square", "rect": "square", "rectangle": "square", "square": "square",
	"hexagon": "diamond", "parallelogram": "diamond", "diamond": "diamond",
	"octagon": "triangle", "house": "triangle", "invhouse": "triangle", "triangle": "triangle",
}

// GEXFShape returns the GEXF 1.3 viz:shape value (disc, square, triangle
// or diamond) for a Graphviz node shape the figures draw, and whether
// there is one.
func GEXFShape(shape string) (string, bool) {
	v, ok := gexfShapes[shape]
	return v, ok
}

// sizes returns each node's size under s.
func (s Style) sizes(d *Document) []float64 {
	top := 0.0
	for _, n := range d.Nodes {
		if v := float64(n.Centrality[s.SizeBy]); !math.IsNaN(v) && !math.IsInf(v, 0) {
			top = max(top, v)
		}
	}
	out := make([]float64, len(d.Nodes))
	for i, n := range d.Nodes {
		v := float64(n.Centrality[s.SizeBy])
		out[i] = s.MinSize
		if top > 0 && !math.IsNaN(v) && !math.IsInf(v, 0) && v > 0 {
			out[i] += (s.MaxSize - s.MinSize) * v / top
		}
	}
	return out
}

// parseHex reads "#RRGGBB".
func parseHex(c string) (r, g, b uint8, err error) {
	if len(c) != 7 || c[0] != '#' {
		return 0, 0, 0, fmt.Errorf("%q is not a #RRGGBB colour", c)
	}
	v, err := strconv.ParseUint(c[1:], 16, 32)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("%q is not a #RRGGBB colour", c)
	}
	return uint8(v >> 16), uint8(v >> 8), uint8(v), nil
}

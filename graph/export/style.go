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
	return s, nil
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

package export

import (
	"fmt"
	"math"
	"strconv"
)

// Style gives each node the colour and size the GEXF export draws it
// with (Gephi shows them as they are).
type Style struct {
	// Colors maps node ids to "#RRGGBB" colours; nodes it leaves out get
	// DefaultColors' colour.
	Colors map[string]string
	// SizeBy names the centrality measure node sizes follow; empty means
	// graph.Degree.
	SizeBy string
	// MinSize and MaxSize bound the sizes: a node's size is MinSize +
	// (MaxSize − MinSize)·s/max, with s its score on SizeBy and max the
	// highest score (MinSize when max is 0 or the score is not finite).
	// Zero values mean 4 and 20.
	MinSize, MaxSize float64
}

// sidePalette is Paul Tol's "light" qualitative scheme, which stays
// readable on white; sides take its colours in turn.
func sidePalette() []string {
	return []string{"#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00"}
}

// Claim colours: contested claims stand out from the others.
const (
	claimColor     = "#BBBBBB"
	contestedColor = "#DDAA33"
)

// DefaultColors colours the actors by side: each side (affiliation root)
// that has an active actor takes the next colour of Paul Tol's light
// scheme in document order, cycling after eight; claims are grey, and
// contested claims amber.
func DefaultColors(d *Document) map[string]string {
	palette := sidePalette()
	sideColor := map[string]string{}
	out := make(map[string]string, len(d.Nodes))
	for _, n := range d.Nodes {
		if n.ActorAttrs == nil || !n.Active {
			continue
		}
		if _, ok := sideColor[n.Side]; !ok {
			sideColor[n.Side] = palette[len(sideColor)%len(palette)]
		}
	}
	for _, n := range d.Nodes {
		switch {
		case n.ActorAttrs != nil:
			c, ok := sideColor[n.Side]
			if !ok {
				c = claimColor
			}
			out[n.ID] = c
		case n.Contested:
			out[n.ID] = contestedColor
		default:
			out[n.ID] = claimColor
		}
	}
	return out
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
	def := DefaultColors(d)
	colors := make(map[string]string, len(d.Nodes))
	for id, c := range def {
		colors[id] = c
	}
	for id, c := range s.Colors {
		if _, _, _, err := parseHex(c); err != nil {
			return s, fmt.Errorf("export: colour of %s: %w", id, err)
		}
		colors[id] = c
	}
	s.Colors = colors
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

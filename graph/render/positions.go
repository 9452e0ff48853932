package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
)

// Point is a node's position in a figure's layout, in points, y up.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Positions are node positions by node name ("actor:ID" or "claim:ID",
// the names of the figure's DOT graph), as a
// figure's layout placed them: Figure.Positions returns them after a
// render, and Options.Positions feeds them to the next one, so that a
// figure keeps its layout under edits to the annotations. Ids of nodes a
// figure does not draw are ignored, so one file serves several views and
// time windows.
type Positions map[string]Point

// ReadPositions reads positions as JSON: an object of node id to
// {"x": X, "y": Y}.
func ReadPositions(r io.Reader) (Positions, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var p Positions
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("positions: %w; want an object of node id to {\"x\": X, \"y\": Y}", err)
	}
	for _, id := range slices.Sorted(mapKeys(p)) {
		v := p[id]
		if math.IsNaN(v.X) || math.IsNaN(v.Y) || math.IsInf(v.X, 0) || math.IsInf(v.Y, 0) ||
			math.Abs(v.X) > 1e7 || math.Abs(v.Y) > 1e7 {
			return nil, fmt.Errorf("positions: node %q: position %v, %v is not a finite number of points below 10⁷", id, v.X, v.Y)
		}
	}
	return p, nil
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// WriteTo writes p as JSON, one node a line, in id order, positions with
// two decimals: the same positions give the same bytes.
func (p Positions) WriteTo(w io.Writer) (int64, error) {
	var b bytes.Buffer
	b.WriteString("{")
	for i, id := range slices.Sorted(mapKeys(p)) {
		if i > 0 {
			b.WriteString(",")
		}
		key, _ := json.Marshal(id)
		fmt.Fprintf(&b, "\n  %s: {\"x\": %s, \"y\": %s}", key, num(p[id].X), num(p[id].Y))
	}
	b.WriteString("\n}\n")
	n, err := w.Write(b.Bytes())
	return int64(n), err
}

// Positions returns where the figure's nodes were placed by the last
// Render or Positioned call, by node id; nil before that. Only nodes of
// the figure's graph are in it (not the legend's). For small multiples
// (Multiples) it is the one layout of every panel, known from the start.
func (f *Figure) Positions() Positions {
	if f.layout != nil {
		return maps.Clone(f.layout)
	}
	if f.placed == nil {
		return nil
	}
	out := make(Positions, len(f.placed))
	for id, pt := range f.placed {
		out[id] = pt
	}
	return out
}

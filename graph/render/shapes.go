package render

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/claimnet/claimnet/graph"
)

// ShapeSchemes lists the Options.ShapeBy values: the actor attributes
// that actor node shapes can tell apart (see ColorByType).
var ShapeSchemes = []string{ColorByType, ColorByRole, ColorByTag, ColorByAffiliation}

// actorShapes are the node shapes, in order, of the values of the
// attribute Options.ShapeBy names that most actors have; the other
// values and actors without one keep the ellipse. None of them is the
// rounded box of a claim, and each holds a label inside.
var actorShapes = []string{"hexagon", "octagon", "parallelogram", "house", "invhouse"}

// rankedValues returns each actor's value of the attribute key (see
// attributeValue) and the distinct non-empty values, by the number of
// actors that have them (descending), then by value.
func rankedValues(m *graph.Model, key string) (val, values []string) {
	count := map[string]int{}
	val = make([]string, len(m.Actors))
	for a := range m.Actors {
		val[a] = attributeValue(m, a, key)
		if val[a] != "" {
			count[val[a]]++
		}
	}
	values = make([]string, 0, len(count))
	for v := range count {
		values = append(values, v)
	}
	slices.SortFunc(values, func(x, y string) int {
		if c := cmp.Compare(count[y], count[x]); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	return val, values
}

// shapeSet is the node shape of every actor under Options.ShapeBy.
type shapeSet struct {
	key string
	// of is the shape of each model actor; entry its index into labels
	// and shapes, the legend's entries: one per value with a shape of its
	// own, then the ellipse of the other values and of actors without one.
	of     []string
	entry  []int
	labels []string
	shapes []string
}

// actorShapeSet gives the len(actorShapes) values of key most actors
// have a shape each and every other actor the ellipse.
func actorShapeSet(m *graph.Model, key string) *shapeSet {
	val, values := rankedValues(m, key)
	s := &shapeSet{key: key, of: make([]string, len(m.Actors)), entry: make([]int, len(m.Actors))}
	index := map[string]int{}
	for i, v := range values {
		if i >= len(actorShapes) {
			break
		}
		index[v] = i
		s.labels = append(s.labels, v)
		s.shapes = append(s.shapes, actorShapes[i])
	}
	rest := len(s.labels)
	s.shapes = append(s.shapes, "ellipse")
	s.labels = append(s.labels, "")
	for a := range m.Actors {
		i, ok := index[val[a]]
		if !ok {
			i = rest
		}
		s.entry[a], s.of[a] = i, s.shapes[i]
	}
	return s
}

// shapeLegend names the shape of every value the figure shows.
func (b *builder) shapeLegend() {
	s := b.shapes
	if s == nil {
		return
	}
	used := make([]bool, len(s.shapes))
	val, _ := rankedValues(b.m, s.key)
	other, none := false, false
	for a := range b.m.Actors {
		if !b.actorShown(a) {
			continue
		}
		used[s.entry[a]] = true
		if s.entry[a] == len(s.shapes)-1 {
			if val[a] == "" {
				none = true
			} else {
				other = true
			}
		}
	}
	th := b.o.th
	sec := legendSection{title: "Actor shape: " + s.key}
	for i, shape := range s.shapes {
		if !used[i] {
			continue
		}
		label := s.labels[i]
		if i == len(s.shapes)-1 {
			switch {
			case other && none:
				label = "other " + s.key + "s, or none"
			case other:
				label = "other " + s.key + "s"
			default:
				label = "no " + s.key
			}
		}
		sec.items = append(sec.items, legendItem{label: label, node: []attr{
			{"shape", shape}, {"style", "filled"}, {"fillcolor", str(th.bg)}, {"color", str(th.ink)},
			{"width", "0.4"}, {"height", "0.22"}}})
	}
	b.f.legend = append(b.f.legend, sec)
}

// Shapes returns the Graphviz node shape the figures draw each actor and
// claim of m with under o (only o.ShapeBy counts), by id: claims are
// boxes, actors ellipses or, with o.ShapeBy, the shape of their value
// (see ShapeSchemes). Exports use it so that a network opened elsewhere
// shows what the figure shows.
func Shapes(m *graph.Model, o Options) (map[string]string, error) {
	if o.ShapeBy != "" && !slices.Contains(ShapeSchemes, o.ShapeBy) {
		return nil, fmt.Errorf("render: shape by %q: want one of %v", o.ShapeBy, ShapeSchemes)
	}
	out := make(map[string]string, len(m.Actors)+len(m.Claims))
	var s *shapeSet
	if o.ShapeBy != "" {
		s = actorShapeSet(m, o.ShapeBy)
	}
	for i, a := range m.Actors {
		out[a.ID] = "ellipse"
		if s != nil {
			out[a.ID] = s.of[i]
		}
	}
	for _, c := range m.Claims {
		out[c.ID] = "box"
	}
	return out, nil
}

package render

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
)

// groups is the colouring of the actors: one fill (and, in the print
// theme, a border count) per actor, and the legend entries that explain
// them.
type groups struct {
	fill   []string // per model actor
	periph []int    // per model actor; 1 is a plain border
	dashed []bool   // per model actor: mediators in the print theme
	// entries are the swatches of the legend, in order; used reports
	// which entries are drawn in the figure (unused ones are left out).
	entries []swatch
	of      []int // per model actor: index into entries
}

// swatch is one colour in the legend.
type swatch struct {
	label  string
	fill   string
	periph int
	dashed bool
	// For a coalition: its number and its members, most central first, so
	// the legend can name the most central member the figure shows.
	coalition int
	members   []int
}

// actorGroups colours the actors by side or coalition.
func actorGroups(m *graph.Model, an *analysis.Analysis, o *resolved) (*groups, error) {
	switch o.ColorBy {
	case ColorByCoalition:
		return coalitionGroups(m, an, o), nil
	case ColorByType, ColorByRole, ColorByTag, ColorByAffiliation:
		return attributeGroups(m, o, o.ColorBy), nil
	}
	g, err := sideGroups(m, an, o)
	if err != nil || !o.colorByDefault || g.distinct() {
		return g, err
	}
	// No sides and no mediators: every actor would be "other".
	for _, a := range m.Actors {
		if a.Type != "" {
			o.ColorBy = ColorByType
			return attributeGroups(m, o, ColorByType), nil
		}
	}
	o.ColorBy = ColorByCoalition
	return coalitionGroups(m, an, o), nil
}

// distinct reports whether g tells any two actors apart.
func (g *groups) distinct() bool {
	for _, e := range g.of {
		if e != g.of[0] {
			return true
		}
	}
	return false
}

// attributeValue is the value actor a has for an attribute ColorBy.
func attributeValue(m *graph.Model, a int, key string) string {
	act := m.Actors[a]
	switch key {
	case ColorByType:
		return act.Type
	case ColorByRole:
		return act.Role
	case ColorByTag:
		if len(act.Tags) > 0 {
			return act.Tags[0]
		}
	case ColorByAffiliation:
		if r, ok := m.ActorIndex(act.Affiliation); ok {
			return m.Actors[r].Name
		}
	}
	return ""
}

// attributeGroups colours the actors by the value of an attribute: the
// maxGroups values most actors have (ties by value) get a colour each,
// the others share the "other" fill, and actors without one are drawn
// white with a dashed outline.
func attributeGroups(m *graph.Model, o *resolved, key string) *groups {
	th := o.th
	n := len(m.Actors)
	val, values := rankedValues(m, key)
	g := newGroups(n)
	entry := map[string]int{}
	for i, v := range values {
		if i >= maxGroups {
			break
		}
		entry[v] = len(g.entries)
		g.entries = append(g.entries, groupSwatch(th, i, v))
	}
	other := len(g.entries)
	g.entries = append(g.entries, swatch{label: "Other " + key + "s", fill: th.otherFill, periph: 1})
	none := len(g.entries)
	g.entries = append(g.entries, swatch{label: "No " + key, fill: th.bg, periph: 1, dashed: true})
	for a := range m.Actors {
		e, ok := entry[val[a]]
		switch {
		case val[a] == "":
			e = none
		case !ok:
			e = other
		}
		g.set(a, e)
	}
	return g
}

func newGroups(n int) *groups {
	g := &groups{fill: make([]string, n), periph: make([]int, n), dashed: make([]bool, n), of: make([]int, n)}
	return g
}

func (g *groups) set(a, entry int) {
	e := g.entries[entry]
	g.fill[a], g.periph[a], g.dashed[a], g.of[a] = e.fill, e.periph, e.dashed, entry
}

// groupSwatch returns the swatch of the i-th side or coalition.
func groupSwatch(th *theme, i int, label string) swatch {
	s := swatch{label: label, fill: th.groupFills[i%len(th.groupFills)], periph: 1}
	if th.groupPeripheries != nil {
		s.periph = th.groupPeripheries[i%len(th.groupPeripheries)]
	}
	return s
}

// coalitionNameMax is the most runes of a member's name a coalition's
// legend entry shows: long names keep the legend to one column. In a
// narrow figure the entry is cut shorter, as the legend's widest line
// sets the width the figure is scaled from.
const (
	coalitionNameMax       = 24
	coalitionNameMaxNarrow = 12
)

// coalitionLabel names coalition n by one of its members, the name cut
// at a word boundary after at most the given number of runes.
func coalitionLabel(m *graph.Model, n int, members []int, named, most int) string {
	name := m.Actors[named].Name
	if lines := wrap(name, most); len(lines) > 1 {
		name = strings.TrimRight(lines[0], " ,;:(") + "…"
	}
	return fmt.Sprintf("Coalition %d: %s and %d more", n, name, len(members)-1)
}

// sideGroups colours by affiliation root. An actor is a mediator when it
// or its root carries MediatorTag. The sides are o.Sides, or else every
// non-mediator root with at least two affiliated actors besides itself,
// by number of affiliated actors (descending), then model order, at most
// maxGroups of them.
func sideGroups(m *graph.Model, an *analysis.Analysis, o *resolved) (*groups, error) {
	th := o.th
	n := len(m.Actors)
	root := make([]int, n)
	for i := range m.Actors {
		r, ok := m.ActorIndex(an.Actors[i].Side)
		if !ok {
			r = i
		}
		root[i] = r
	}
	mediator := make([]bool, n)
	for i, a := range m.Actors {
		mediator[i] = slices.Contains(a.Tags, MediatorTag) || slices.Contains(m.Actors[root[i]].Tags, MediatorTag)
	}
	var sides []int
	if len(o.Sides) > 0 {
		for _, id := range o.Sides {
			r, ok := m.ActorIndex(id)
			if !ok {
				return nil, fmt.Errorf("side %q: no such actor", id)
			}
			if slices.Contains(sides, r) {
				continue
			}
			sides = append(sides, r)
		}
		if len(sides) > maxGroups {
			return nil, fmt.Errorf("%d sides: at most %d get a colour of their own", len(sides), maxGroups)
		}
	} else {
		members := make([]int, n)
		for i := range m.Actors {
			if root[i] != i {
				members[root[i]]++
			}
		}
		for r := range m.Actors {
			if members[r] >= 2 && !mediator[r] {
				sides = append(sides, r)
			}
		}
		slices.SortStableFunc(sides, func(a, b int) int { return members[b] - members[a] })
		if len(sides) > maxGroups {
			sides = sides[:maxGroups]
		}
	}
	g := newGroups(n)
	sideEntry := make(map[int]int, len(sides))
	for i, r := range sides {
		sideEntry[r] = len(g.entries)
		g.entries = append(g.entries, groupSwatch(th, i, m.Actors[r].Name+" side"))
	}
	med := len(g.entries)
	ms := swatch{label: "Mediators", fill: th.mediatorFill, periph: 1}
	if th.name == ThemePrint {
		ms.dashed = true
	}
	g.entries = append(g.entries, ms)
	other := len(g.entries)
	g.entries = append(g.entries, swatch{label: "Other actors", fill: th.otherFill, periph: 1})
	for i := range m.Actors {
		e, isSide := sideEntry[root[i]]
		switch {
		case mediator[i] && !isSide:
			e = med
		case !isSide:
			e = other
		}
		g.set(i, e)
	}
	return g, nil
}

// coalitionGroups colours by the Analysis's coalitions: the first
// maxGroups coalitions with two or more members get colours of their
// own, named after their most central member by o.SizeBy; the rest share
// one fill, and actors without a coalition another.
func coalitionGroups(m *graph.Model, an *analysis.Analysis, o *resolved) *groups {
	th := o.th
	g := newGroups(len(m.Actors))
	entryOf := make([]int, len(an.Coalitions.Groups))
	small, coloured := -1, 0
	for gi, members := range an.Coalitions.Groups {
		if len(members) < 2 || coloured >= maxGroups {
			if small < 0 {
				small = len(g.entries)
				g.entries = append(g.entries, swatch{label: "Smaller coalitions", fill: th.otherFill, periph: 1})
			}
			entryOf[gi] = small
			continue
		}
		var idx []int
		for _, id := range members {
			if a, ok := m.ActorIndex(id); ok {
				idx = append(idx, a)
			}
		}
		// Most central first; ties in model order (the sort is stable).
		slices.SortStableFunc(idx, func(x, y int) int {
			return cmp.Compare(an.Actors[y].Centrality[o.SizeBy], an.Actors[x].Centrality[o.SizeBy])
		})
		sw := groupSwatch(th, coloured, coalitionLabel(m, gi+1, idx, idx[0], coalitionNameMax))
		sw.coalition, sw.members = gi+1, idx
		entryOf[gi] = len(g.entries)
		g.entries = append(g.entries, sw)
		coloured++
	}
	none := len(g.entries)
	g.entries = append(g.entries, swatch{label: "No coalition", fill: th.bg, periph: 1, dashed: true})
	for i := range m.Actors {
		c := an.Actors[i].Coalition
		if c >= 0 && c < len(entryOf) {
			g.set(i, entryOf[c])
		} else {
			g.set(i, none)
		}
	}
	return g
}

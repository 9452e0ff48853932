package dnanet

import (
	"context"
	"fmt"
	"slices"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
)

// netCell is the number of counted statements of one actor on one claim,
// by stance: x_ij1 (s) and x_ij0 (o) in the network formulas.
type netCell struct {
	actor, claim int32
	s, o         int32
}

// netExclusions marks the actors and claims NetworkOptions excludes.
type netExclusions struct {
	actors, claims []bool
}

func (ex *netExclusions) excluded(kind string, i int) bool {
	if kind == NodeActor {
		return ex.actors[i]
	}
	return ex.claims[i]
}

// exclusions resolves the ids and names to exclude; each must name an
// actor (or claim), so that a misspelt name is not silently ignored.
func exclusions(m *graph.Model, o NetworkOptions) (*netExclusions, error) {
	ex := &netExclusions{actors: make([]bool, len(m.Actors)), claims: make([]bool, len(m.Claims))}
	for _, x := range o.ExcludeActors {
		found := false
		if i, ok := m.ActorIndex(x); ok {
			ex.actors[i], found = true, true
		}
		for i, a := range m.Actors {
			if a.Name == x {
				ex.actors[i], found = true, true
			}
		}
		if !found {
			return nil, fmt.Errorf("%w: no actor has the id or name %q", ErrNetworkOption, x)
		}
	}
	for _, x := range o.ExcludeClaims {
		found := false
		if i, ok := m.ClaimIndex(x); ok {
			ex.claims[i], found = true, true
		}
		for i, c := range m.Claims {
			if c.Text == x {
				ex.claims[i], found = true, true
			}
		}
		if !found {
			return nil, fmt.Errorf("%w: no claim has the id or text %q", ErrNetworkOption, x)
		}
	}
	return ex, nil
}

// networkCells counts the statements of each actor–claim pair under the
// duplicates rule, leaving out excluded actors and claims. The cells are
// sorted by actor, then claim, and each has a positive count.
func networkCells(ctx context.Context, m *graph.Model, o NetworkOptions) ([]netCell, *netExclusions, error) {
	ex, err := exclusions(m, o)
	if err != nil {
		return nil, nil, err
	}
	var dd *deduper
	if o.Duplicates != DuplicatesInclude {
		dd = newDeduper(m, o)
	}
	cells := make([]netCell, 0, len(m.Stances))
	for e := 0; e < len(m.Stances); {
		st := m.Stances[e]
		// The stance edges of one pair are adjacent: support, then oppose.
		end := e + 1
		for end < len(m.Stances) && m.Stances[end].Actor == st.Actor && m.Stances[end].Claim == st.Claim {
			end++
		}
		if e%4096 == 0 && ctx.Err() != nil {
			return nil, nil, fmt.Errorf("network: %w", ctx.Err())
		}
		if ex.actors[st.Actor] || ex.claims[st.Claim] {
			e = end
			continue
		}
		c := netCell{actor: int32(st.Actor), claim: int32(st.Claim)}
		if dd == nil {
			for _, se := range m.Stances[e:end] {
				if se.Stance == annotations.Support {
					c.s += int32(se.Weight)
				} else {
					c.o += int32(se.Weight)
				}
			}
		} else {
			c.s, c.o = dd.count(m, e, end)
		}
		if c.s+c.o > 0 {
			cells = append(cells, c)
		}
		e = end
	}
	return cells, ex, nil
}

// deduper counts one actor–claim pair's statements once per identity:
// the period the duplicates rule names, and the stance unless the
// aggregation ignores it. Of each group of identical statements the
// earliest (by date, then dataset order) is kept, as DNA keeps the first,
// and its stance is counted.
type deduper struct {
	rule        string
	withStance  bool
	sourceIndex map[string]int64
	buf         []dedupItem
}

type dedupItem struct {
	key  int64
	date annotations.Date
	idx  int32
	opp  bool
}

func newDeduper(m *graph.Model, o NetworkOptions) *deduper {
	d := &deduper{rule: o.Duplicates, withStance: o.Aggregate != AggregateIgnore}
	if o.Duplicates == DuplicatesDocument {
		d.sourceIndex = make(map[string]int64, len(m.Data.Sources))
		for i, s := range m.Data.Sources {
			d.sourceIndex[s.ID] = int64(i)
		}
	}
	return d
}

// period returns the number of the duplicates period of statement s.
func (d *deduper) period(s *annotations.Statement) int64 {
	switch d.rule {
	case DuplicatesDocument:
		if i, ok := d.sourceIndex[s.Source]; ok {
			return i
		}
		return -1
	case DuplicatesWeek:
		if s.Date == 0 {
			return 0
		}
		y, w := s.Date.Time().ISOWeek()
		return int64(y)*100 + int64(w)
	case DuplicatesMonth:
		return int64(s.Date) / 100
	case DuplicatesYear:
		return int64(s.Date) / 10000
	}
	return 0 // across the range
}

// count returns the support and oppose counts of the statements behind
// stance edges Stances[from:to], which are one actor–claim pair's.
func (d *deduper) count(m *graph.Model, from, to int) (s, o int32) {
	d.buf = d.buf[:0]
	for _, idx := range m.EdgesStatementIndices(from, to) {
		st := m.Statements[idx]
		it := dedupItem{key: d.period(st) * 2, date: st.Date, idx: idx, opp: st.Stance == annotations.Oppose}
		if d.withStance && it.opp {
			it.key++
		}
		d.buf = append(d.buf, it)
	}
	slices.SortFunc(d.buf, func(a, b dedupItem) int {
		switch {
		case a.key != b.key:
			return cmpInt64(a.key, b.key)
		case a.date != b.date:
			return cmpInt64(int64(a.date), int64(b.date))
		}
		return cmpInt64(int64(a.idx), int64(b.idx))
	})
	for i, it := range d.buf {
		if i > 0 && d.buf[i-1].key == it.key {
			continue
		}
		if it.opp {
			o++
		} else {
			s++
		}
	}
	return s, o
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

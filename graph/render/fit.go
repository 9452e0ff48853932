package render

import (
	"context"
	"errors"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
)

// LargestTop returns the largest Options.Top with which the figure Build
// makes of m and an fits the size o asks for (see FitError), or 0 when
// even the single most central node does not fit. It lays the figure out
// for each candidate, halving the range each time, so it costs a few
// layouts of figures smaller than the one that did not fit; that is what
// a suggestion a user can trust needs, since how much room a layout takes
// is not a function of its node count alone. A larger Top that fits may
// exist when a layout happens to be more compact than a smaller one's.
// With fdp, whose layouts depend on the Graphviz calls before them (see
// Renderer), the Top found fits as laid out here, and may not when the
// figure is laid out first in another process.
func (r *Renderer) LargestTop(ctx context.Context, m *graph.Model, an *analysis.Analysis, o Options) (int, error) {
	// fits reports whether the figure with Options.Top top fits, and
	// whether it is empty (too few nodes kept to draw an edge).
	fits := func(top int) (nodes int, ok, empty bool, err error) {
		o := o
		o.Top = top
		f, err := Build(ctx, m, an, o)
		if errors.Is(err, ErrEmpty) {
			return 0, false, true, nil
		}
		if err != nil {
			return 0, false, false, err
		}
		_, _, _, err = r.draw(ctx, f)
		var fit *FitError
		if errors.As(err, &fit) {
			return f.Nodes, false, false, nil
		}
		return f.Nodes, err == nil, false, err
	}
	// hi is a Top that does not fit: the figure as asked for, with Top
	// bounded by its node count.
	hi, ok, _, err := fits(o.Top)
	if err != nil {
		return 0, err
	}
	if o.Top > 0 {
		hi = min(hi, o.Top)
	}
	if ok {
		return hi, nil
	}
	// The answer is above below, and best fits (or is 0). A Top too
	// small to keep an edge is empty: the answer is above it.
	best, below := 0, 0
	for hi-below > 1 {
		mid := below + (hi-below)/2
		_, ok, empty, err := fits(mid)
		switch {
		case err != nil:
			return 0, err
		case ok:
			best, below = mid, mid
		case empty:
			below = mid
		default:
			hi = mid
		}
	}
	return best, nil
}

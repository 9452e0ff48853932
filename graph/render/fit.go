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
func (r *Renderer) LargestTop(ctx context.Context, m *graph.Model, an *analysis.Analysis, o Options) (int, error) {
	fits := func(top int) (nodes int, ok bool, err error) {
		o := o
		o.Top = top
		f, err := Build(ctx, m, an, o)
		if errors.Is(err, ErrEmpty) {
			return 0, false, nil
		}
		if err != nil {
			return 0, false, err
		}
		_, _, _, err = r.draw(ctx, f)
		var fit *FitError
		if errors.As(err, &fit) {
			return f.Nodes, false, nil
		}
		return f.Nodes, err == nil, err
	}
	// hi is a Top that does not fit: the figure as asked for, with Top
	// bounded by its node count.
	hi, ok, err := fits(o.Top)
	if err != nil {
		return 0, err
	}
	if o.Top > 0 {
		hi = min(hi, o.Top)
	}
	if ok {
		return hi, nil
	}
	lo := 0 // fits, or is 0
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		_, ok, err := fits(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, nil
}

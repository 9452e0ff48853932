package polarization

import (
	"context"
	"fmt"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/dnanet"
	"github.com/claimnet/claimnet/graph/series"
)

// WindowResult is the polarization of one time window.
type WindowResult struct {
	Start annotations.Date `json:"start"`
	Mid   annotations.Date `json:"mid"`
	End   annotations.Date `json:"end"`
	ModelResult
}

// Series computes the polarization of each window of a time-window series
// (series.Options; its network's Aggregate and Normalize are overridden
// with congruence and conflict under average normalisation), as DNA 3.1's
// Polarization does with a time window: the window's congruence and
// conflict networks, optimised as Optimize does, window i with the seed
// opts.Seed + i. Under a kernel the average normalisation is DNA's (or
// the corrected one with so.Corrected), as in series.Compute.
func Series(ctx context.Context, m *graph.Model, so series.Options, opts Options) ([]WindowResult, error) {
	so.Network.Normalize = dnanet.NormalizeAverage
	so.Network.Aggregate = dnanet.AggregateCongruence
	con, err := series.Compute(ctx, m, so)
	if err != nil {
		return nil, fmt.Errorf("polarization: %w", err)
	}
	so.Network.Aggregate = dnanet.AggregateConflict
	conf, err := series.Compute(ctx, m, so)
	if err != nil {
		return nil, fmt.Errorf("polarization: %w", err)
	}
	if len(con.Windows) != len(conf.Windows) {
		return nil, fmt.Errorf("polarization: %d congruence and %d conflict windows", len(con.Windows), len(conf.Windows))
	}
	out := make([]WindowResult, 0, len(con.Windows))
	for i, cw := range con.Windows {
		fw := conf.Windows[i]
		if len(cw.Nodes) != len(fw.Nodes) {
			return nil, fmt.Errorf("polarization: window %s has %d congruence and %d conflict nodes", cw.Mid, len(cw.Nodes), len(fw.Nodes))
		}
		nw := merge(&dnanet.Network{Nodes: cw.Nodes, Edges: cw.Edges}, &dnanet.Network{Nodes: fw.Nodes, Edges: fw.Edges})
		o := opts
		o.Seed = opts.Seed + uint64(i)
		r, err := Optimize(ctx, nw, o)
		if err != nil {
			return nil, err
		}
		out = append(out, WindowResult{Start: cw.Start, Mid: cw.Mid, End: cw.End, ModelResult: modelResult(r, nw)})
	}
	return out, nil
}

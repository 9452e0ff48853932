package polarization

import (
	"context"
	"fmt"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/dnanet"
)

// ModelResult is the polarization of a model's actors (or claims).
type ModelResult struct {
	Result
	// Nodes are the ids of the networks' nodes, in network order;
	// Result.Memberships is aligned with them.
	Nodes []string `json:"nodes"`
	// Groups lists the node ids of each group of the best partition.
	Groups [][]string `json:"groups"`
}

// Compute returns DNA's polarization of m: the one-mode congruence and
// conflict networks of net's node set (actors by default), both with
// average normalisation (net's Aggregate and Normalize are overridden;
// its duplicates rule, exclusions and isolates apply), optimised as
// Optimize does. These are the networks DNA 3.1's Polarization builds
// without a time window.
func Compute(ctx context.Context, m *graph.Model, net dnanet.NetworkOptions, opts Options) (*ModelResult, error) {
	nw, err := FromModel(ctx, m, net)
	if err != nil {
		return nil, err
	}
	r, err := Optimize(ctx, nw, opts)
	if err != nil {
		return nil, err
	}
	mr := modelResult(r, nw)
	return &mr, nil
}

// modelResult names the groups of r by the networks' node names.
func modelResult(r *Result, nw *Networks) ModelResult {
	mr := ModelResult{Result: *r, Nodes: nw.Names}
	if len(r.Memberships) > 0 {
		mr.Groups = make([][]string, r.Clusters)
		for i, g := range r.Memberships {
			mr.Groups[g] = append(mr.Groups[g], nw.Names[i])
		}
	}
	return mr
}

// FromModel builds the congruence and conflict networks, with average
// normalisation, of m's one-mode network under net (Aggregate and
// Normalize are overridden), with the node ids as names.
func FromModel(ctx context.Context, m *graph.Model, net dnanet.NetworkOptions) (*Networks, error) {
	net.Normalize = dnanet.NormalizeAverage
	net.Aggregate = dnanet.AggregateCongruence
	con, err := dnanet.OneMode(ctx, m, net)
	if err != nil {
		return nil, fmt.Errorf("polarization: %w", err)
	}
	net.Aggregate = dnanet.AggregateConflict
	conf, err := dnanet.OneMode(ctx, m, net)
	if err != nil {
		return nil, fmt.Errorf("polarization: %w", err)
	}
	if len(con.Nodes) != len(conf.Nodes) {
		return nil, fmt.Errorf("polarization: the congruence and conflict networks have %d and %d nodes", len(con.Nodes), len(conf.Nodes))
	}
	return merge(con, conf), nil
}

// merge joins a congruence and a conflict network of the same nodes.
func merge(con, conf *dnanet.Network) *Networks {
	nw := &Networks{N: len(con.Nodes), Names: make([]string, len(con.Nodes))}
	for i, n := range con.Nodes {
		nw.Names[i] = n.ID
	}
	// Both edge lists are sorted by source, then target: merge them.
	a, b := con.Edges, conf.Edges
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || (len(a) > 0 && less(a[0], b[0])):
			nw.Pairs = append(nw.Pairs, Pair{A: a[0].Source, B: a[0].Target, Congruence: a[0].Weight})
			a = a[1:]
		case len(a) == 0 || less(b[0], a[0]):
			nw.Pairs = append(nw.Pairs, Pair{A: b[0].Source, B: b[0].Target, Conflict: b[0].Weight})
			b = b[1:]
		default:
			nw.Pairs = append(nw.Pairs, Pair{A: a[0].Source, B: a[0].Target, Congruence: a[0].Weight, Conflict: b[0].Weight})
			a, b = a[1:], b[1:]
		}
	}
	if nw.Names == nil {
		nw.Names = []string{}
	}
	return nw
}

func less(x, y dnanet.NetworkEdge) bool {
	return x.Source < y.Source || (x.Source == y.Source && x.Target < y.Target)
}

package dnanet

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/claimnet/claimnet/graph"
)

// Network kinds, the values of Network.Type.
const (
	NetworkOneMode = "onemode"
	NetworkTwoMode = "twomode"
)

// Node kinds: the values of NetworkNode.Kind, and of NetworkOptions.Mode,
// which names the node set a one-mode network is made of.
const (
	NodeActor = "actor"
	NodeClaim = "claim"
)

// Aggregations: how the stance (DNA's qualifier) enters the edge weights.
// One-mode networks take ignore, congruence, conflict and subtract;
// two-mode networks take ignore, subtract and combine. See OneMode and
// TwoModeNetwork for the definitions.
const (
	AggregateIgnore     = "ignore"
	AggregateCongruence = "congruence"
	AggregateConflict   = "conflict"
	AggregateSubtract   = "subtract"
	AggregateCombine    = "combine"
)

// Normalisations of the edge weights. One-mode networks take no, average,
// jaccard and cosine; two-mode networks take no, activity and prominence.
const (
	NormalizeNo         = "no"
	NormalizeAverage    = "average"
	NormalizeJaccard    = "jaccard"
	NormalizeCosine     = "cosine"
	NormalizeActivity   = "activity"
	NormalizeProminence = "prominence"
)

// Duplicate rules: which statements count when the same actor makes the
// same statement more than once. See NetworkOptions.Duplicates.
const (
	DuplicatesInclude     = "include"
	DuplicatesDocument    = "document"
	DuplicatesWeek        = "week"
	DuplicatesMonth       = "month"
	DuplicatesYear        = "year"
	DuplicatesAcrossRange = "acrossrange"
)

// Allowed option values, in the order help texts list them.
var (
	OneModeAggregates     = []string{AggregateIgnore, AggregateCongruence, AggregateConflict, AggregateSubtract}
	TwoModeAggregates     = []string{AggregateIgnore, AggregateSubtract, AggregateCombine}
	OneModeNormalizations = []string{NormalizeNo, NormalizeAverage, NormalizeJaccard, NormalizeCosine}
	TwoModeNormalizations = []string{NormalizeNo, NormalizeActivity, NormalizeProminence}
	DuplicateRules        = []string{DuplicatesInclude, DuplicatesDocument, DuplicatesWeek, DuplicatesMonth, DuplicatesYear, DuplicatesAcrossRange}
)

// ErrNetworkOption is returned, wrapped, for an option value the network
// does not take or an exclusion that names no actor or claim.
var ErrNetworkOption = errors.New("invalid network option")

// NetworkOptions configures OneMode and TwoModeNetwork. The zero value
// gives DNA's plain networks: every statement in the model's window
// counted, no normalisation, active nodes only.
type NetworkOptions struct {
	// Mode is the node set of a one-mode network: NodeActor (the default)
	// projects the actor–claim network onto the actors, NodeClaim onto the
	// claims. Two-mode networks ignore it.
	Mode string
	// Aggregate is one of OneModeAggregates (default congruence) or
	// TwoModeAggregates (default ignore).
	Aggregate string
	// Normalize is one of OneModeNormalizations or TwoModeNormalizations;
	// the default is no normalisation.
	Normalize string
	// Duplicates decides which of an actor's identical statements count:
	// DuplicatesInclude (the default) counts every statement; the others
	// count statements with the same actor, claim and stance once per
	// source (DuplicatesDocument), ISO calendar week, calendar month,
	// calendar year, or once in the whole window (DuplicatesAcrossRange).
	// Under the ignore aggregation the stance is not part of the identity,
	// as in DNA. Undated statements share one week, month and year.
	Duplicates string
	// Isolates keeps every actor and claim of the model as a node, active
	// in the window or not; without it only the nodes with a counted
	// statement are in the network.
	Isolates bool
	// ExcludeActors and ExcludeClaims leave out the statements of these
	// actors and on these claims, given by id or by name (claim text).
	// Excluded actors and claims are never nodes.
	ExcludeActors []string
	ExcludeClaims []string
}

// Network is a weighted network computed from a Model, in the form DNA
// exports: a one-mode network between actors (or claims), or the two-mode
// actor–claim network.
type Network struct {
	// Type is NetworkOneMode or NetworkTwoMode.
	Type string
	// Mode is the node kind of a one-mode network, NodeActor or NodeClaim;
	// empty for a two-mode network.
	Mode string
	// Aggregate, Normalize and Duplicates are the options the network was
	// computed with, defaults filled in.
	Aggregate, Normalize, Duplicates string
	// Nodes are in model order. In a two-mode network the actors come
	// first: Nodes[:Rows] are actors (the matrix rows) and Nodes[Rows:]
	// claims (the columns). In a one-mode network Rows is len(Nodes).
	Nodes []NetworkNode
	Rows  int
	// Edges have nonzero weights and are sorted by Source, then Target. A
	// one-mode network lists each unordered pair once, with Source <
	// Target, and has no loops; a two-mode network's edges go from an
	// actor to a claim.
	Edges []NetworkEdge
}

// NetworkNode is a node of a Network.
type NetworkNode struct {
	// Kind is NodeActor or NodeClaim.
	Kind string
	// Index is the actor's index into Model.Actors or the claim's into
	// Model.Claims.
	Index int
	// ID is the actor or claim id; Name is the actor's name or the
	// claim's text.
	ID, Name string
}

// NetworkEdge is a weighted edge between two nodes, given by their
// indices into Network.Nodes.
type NetworkEdge struct {
	Source, Target int32
	Weight         float64
}

// OneMode returns the one-mode network of m's actors (or, with Mode
// NodeClaim, of its claims), as Discourse Network Analysis defines it.
//
// Let x_ijk be the number of statements (counted by the duplicates rule)
// of actor i on claim j with stance k, where k = 1 is support and k = 0
// oppose, and a_i = Σ_j Σ_k x_ijk the actor's activity. For two actors
// i ≠ i' the raw weight is
//
//	congruence  Σ_j Σ_k x_ijk · x_i'jk
//	conflict    Σ_j Σ_k x_ijk · x_i'j(1−k)
//	subtract    congruence − conflict
//	ignore      Σ_j (Σ_k x_ijk) · (Σ_k x_i'jk)   (= congruence + conflict)
//
// and it is divided by
//
//	no       1
//	average  (a_i + a_i') / 2
//	jaccard  Σ_jk x_ijk·[x_i'jk = 0] + Σ_jk x_i'jk·[x_ijk = 0] + Σ_jk x_ijk·x_i'jk
//	cosine   a_i · a_i'
//
// with 0 where the divisor is 0 (subtract divides both terms). The
// claim network swaps the roles of actors and claims. The diagonal is
// zero, as in DNA, so the network has no loops.
//
// It is computed sparsely: per row node, over the claims it stated and
// the later actors that stated them (Gustavson's row-wise product X·Xᵀ),
// with one accumulator of the size of the node set per worker, so its
// cost is the number of co-stating pairs, never actors² × claims.
// Rows are spread over GOMAXPROCS workers and merged in row order, so the
// result does not depend on scheduling. The edges take 16 bytes each;
// WriteNetwork writes them as they are computed instead of keeping them.
func OneMode(ctx context.Context, m *graph.Model, opts NetworkOptions) (*Network, error) {
	n, p, err := newOneMode(ctx, m, opts)
	if err != nil {
		return nil, err
	}
	// Each chunk's edges are copied out at their size and joined once:
	// appending to one growing slice would allocate several times the
	// edges' size.
	var parts [][]NetworkEdge
	err = p.edges(ctx, false, func(es []NetworkEdge) error {
		if len(es) > 0 {
			parts = append(parts, slices.Clone(es))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	n.Edges = concatParallel(parts, max(1, runtime.GOMAXPROCS(0)))
	return n, nil
}

// concatParallel joins the parts in order, copying with up to workers
// goroutines: at a few hundred megabytes of edges the copy (and the first
// touch of the new pages) is a good part of the time.
func concatParallel(parts [][]NetworkEdge, workers int) []NetworkEdge {
	offs := make([]int, len(parts)+1)
	for i, p := range parts {
		offs[i+1] = offs[i] + len(p)
	}
	out := make([]NetworkEdge, offs[len(parts)])
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(parts)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(parts) {
					return
				}
				copy(out[offs[i]:], parts[i])
				parts[i] = nil // let the collector have it
			}
		}()
	}
	wg.Wait()
	return out
}

// oneModePlan is a one-mode network ready to be computed: its nodes are
// known, its edges are computed row chunk by row chunk by edges.
type oneModePlan struct {
	nr int // rows: actors, or claims in the claim network
	// rowOff and rowEnt list the items (claims, or actors) of each row,
	// in item order; itemOff and itemEnt the rows of each item, in row
	// order; rowPos is where each row entry sits in its item's list.
	rowOff, itemOff, rowPos []int32
	rowEnt, itemEnt         []netEntry
	activity                []int64 // a_i of each row
	nodeOf                  []int32 // node index of each row, -1 if not a node
	weight                  func(con, conf, ovl, a, b int64) float64
	jaccard                 bool
}

// newOneMode resolves the options and counts the cells of the one-mode
// network of m, returning the network with its nodes and no edges, and
// the plan that computes the edges.
func newOneMode(ctx context.Context, m *graph.Model, opts NetworkOptions) (*Network, *oneModePlan, error) {
	o, err := opts.resolve(NetworkOneMode)
	if err != nil {
		return nil, nil, err
	}
	cells, ex, err := networkCells(ctx, m, o)
	if err != nil {
		return nil, nil, err
	}
	claimMode := o.Mode == NodeClaim
	nr, ni := len(m.Actors), len(m.Claims)
	if claimMode {
		nr, ni = ni, nr
	}
	row := func(c netCell) int32 { return c.actor }
	item := func(c netCell) int32 { return c.claim }
	if claimMode {
		row, item = item, row
	}
	p := &oneModePlan{nr: nr, weight: oneModeWeight(o.Aggregate, o.Normalize), jaccard: o.Normalize == NormalizeJaccard}

	// Row-major lists: the items of each row, in item order (cells are
	// sorted by actor then claim, and a stable counting sort by claim keeps
	// each claim's actors in order).
	p.rowOff = make([]int32, nr+1)
	for _, c := range cells {
		p.rowOff[row(c)+1]++
	}
	for r := 1; r <= nr; r++ {
		p.rowOff[r] += p.rowOff[r-1]
	}
	p.rowEnt = make([]netEntry, len(cells))
	next := slices.Clone(p.rowOff[:nr])
	for _, c := range cells {
		r := row(c)
		p.rowEnt[next[r]] = netEntry{item(c), c.s, c.o}
		next[r]++
	}
	// Item-major lists: the rows of each item, in row order, and where
	// each row entry sits in its item's list.
	p.itemOff = make([]int32, ni+1)
	for _, e := range p.rowEnt {
		p.itemOff[e.other+1]++
	}
	for i := 1; i <= ni; i++ {
		p.itemOff[i] += p.itemOff[i-1]
	}
	p.itemEnt = make([]netEntry, len(p.rowEnt))
	p.rowPos = make([]int32, len(p.rowEnt))
	next = slices.Clone(p.itemOff[:ni])
	p.activity = make([]int64, nr)
	for r := range nr {
		for q := p.rowOff[r]; q < p.rowOff[r+1]; q++ {
			e := p.rowEnt[q]
			at := next[e.other]
			next[e.other]++
			p.itemEnt[at] = netEntry{int32(r), e.s, e.o}
			p.rowPos[q] = at
			p.activity[r] += int64(e.s) + int64(e.o)
		}
	}

	n := &Network{Type: NetworkOneMode, Mode: o.Mode, Aggregate: o.Aggregate, Normalize: o.Normalize, Duplicates: o.Duplicates}
	kind := NodeActor
	if claimMode {
		kind = NodeClaim
	}
	p.nodeOf = n.addNodes(m, kind, nr, func(r int) bool { return p.rowOff[r+1] > p.rowOff[r] }, o.Isolates, ex)
	n.Rows = len(n.Nodes)
	return n, p, nil
}

// oneModeChunk is the number of rows a worker computes at a time.
const oneModeChunk = 64

// edges computes the network's edges and hands them to emit in order,
// sorted by source then target, a chunk of rows at a time. Without full
// each pair is emitted once, from its earlier row (the edges of Network);
// with full from both rows, so that emit sees every row's whole
// neighbourhood, as a matrix row needs (the weights are symmetric).
//
// Chunks are computed on GOMAXPROCS workers and emitted in chunk order;
// a worker starts a chunk only when one of a few buffers is free, so at
// most that many chunks of edges are in memory, whatever the size of the
// network. emit must not keep the slice it is given.
func (p *oneModePlan) edges(ctx context.Context, full bool, emit func([]NetworkEdge) error) error {
	nr := p.nr
	nChunks := (nr + oneModeChunk - 1) / oneModeChunk
	if nChunks == 0 {
		return nil
	}
	parent := ctx
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	workers := max(1, min(runtime.GOMAXPROCS(0), nChunks))
	// A buffer is the right to compute a chunk: workers take one, fill
	// it and pass it on; the emitter gives it back. Two per worker let a
	// worker go on while its last chunk waits for an earlier one.
	free := make(chan []NetworkEdge, 2*workers)
	for range cap(free) {
		free <- nil
	}
	done := make([]chan []NetworkEdge, nChunks)
	for i := range done {
		done[i] = make(chan []NetworkEdge, 1)
	}
	var nextChunk atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One accumulator per row, its fields side by side so that a
			// pair touches one cache line.
			acc := make([]pairAcc, nr)
			var touched []int32
			for {
				var out []NetworkEdge
				select {
				case out = <-free:
				case <-ctx.Done():
					return
				}
				ci := int(nextChunk.Add(1) - 1)
				if ci >= nChunks || ctx.Err() != nil {
					return
				}
				out = out[:0]
				for r := ci * oneModeChunk; r < min(nr, (ci+1)*oneModeChunk); r++ {
					touched, out = p.row(r, full, acc, touched, out)
				}
				done[ci] <- out // buffered: never blocks
			}
		}()
	}
	var err error
emit:
	for ci := range nChunks {
		var out []NetworkEdge
		select {
		case out = <-done[ci]:
		case <-ctx.Done(): // only parent can be done here
			break emit
		}
		if err = emit(out); err != nil {
			break
		}
		done[ci] = nil
		free <- out
	}
	cancel()
	wg.Wait()
	if err != nil {
		return err
	}
	if err := parent.Err(); err != nil {
		return fmt.Errorf("one-mode network: %w", err)
	}
	return nil
}

// row appends the edges of row r (to later rows, or with full to every
// other row), sorted by target, to out. acc and touched are the worker's
// scratch space.
func (p *oneModePlan) row(r int, full bool, acc []pairAcc, touched []int32, out []NetworkEdge) ([]int32, []NetworkEdge) {
	if p.nodeOf[r] < 0 {
		return touched, out
	}
	touched = touched[:0]
	stamp := int32(r + 1)
	for q := p.rowOff[r]; q < p.rowOff[r+1]; q++ {
		e := p.rowEnt[q]
		s, op := int64(e.s), int64(e.o)
		from, end := p.rowPos[q]+1, p.itemOff[e.other+1]
		if full {
			from = p.itemOff[e.other]
		}
		for at := from; at < end; at++ {
			f := p.itemEnt[at]
			if f.other == int32(r) {
				continue
			}
			ac := &acc[f.other]
			if ac.mark != stamp {
				*ac = pairAcc{mark: stamp}
				touched = append(touched, f.other)
			}
			s2, o2 := int64(f.s), int64(f.o)
			ac.con += s*s2 + op*o2
			ac.conf += s*o2 + op*s2
			if p.jaccard {
				if s > 0 && s2 > 0 {
					ac.ovl += s + s2
				}
				if op > 0 && o2 > 0 {
					ac.ovl += op + o2
				}
			}
		}
	}
	// The touched rows in order: sorted when few, else found by scanning
	// the marks of the rows they can be.
	lo := r + 1
	if full {
		lo = 0
	}
	if k := len(touched); k > 0 && k*bits.Len(uint(k)) > p.nr-lo {
		touched = touched[:0]
		for r2 := lo; r2 < p.nr; r2++ {
			if acc[r2].mark == stamp && r2 != r {
				touched = append(touched, int32(r2))
			}
		}
	} else {
		slices.Sort(touched)
	}
	for _, r2 := range touched {
		ac := &acc[r2]
		w := p.weight(ac.con, ac.conf, ac.ovl, p.activity[r], p.activity[r2])
		if w != 0 {
			out = append(out, NetworkEdge{p.nodeOf[r], p.nodeOf[r2], w})
		}
	}
	return touched, out
}

// pairAcc accumulates the sums of one pair of rows: congruence, conflict
// and the Jaccard overlap Σ_{jk: both > 0} (x_ijk + x_i'jk). Mark is the
// row (plus one) it was last reset for.
type pairAcc struct {
	con, conf, ovl int64
	mark           int32
}

// netEntry is one row's (or item's) counts on one item (or row).
type netEntry struct {
	other int32 // the item (in row lists) or the row (in item lists)
	s, o  int32 // support and oppose counts
}

// oneModeWeight returns the weight of a pair from its congruence,
// conflict and jaccard overlap sums and the two activities.
func oneModeWeight(aggregate, normalize string) func(con, conf, ovl, a, b int64) float64 {
	return func(con, conf, ovl, a, b int64) float64 {
		var v float64
		switch aggregate {
		case AggregateIgnore:
			v = float64(con + conf)
		case AggregateCongruence:
			v = float64(con)
		case AggregateConflict:
			v = float64(conf)
		case AggregateSubtract:
			v = float64(con - conf)
		}
		norm := 1.0
		switch normalize {
		case NormalizeAverage:
			norm = float64(a+b) / 2
		case NormalizeCosine:
			norm = float64(a) * float64(b)
		case NormalizeJaccard:
			// m10 + m01 = a + b − overlap; m11 = congruence.
			norm = float64(a + b - ovl + con)
		}
		if norm == 0 {
			return 0
		}
		return v / norm
	}
}

// TwoModeNetwork returns the two-mode actor–claim network of m as
// Discourse Network Analysis defines it. With x_ijk as in OneMode, the
// edge from actor i to claim j weighs
//
//	ignore    x_ij1 + x_ij0        (the number of statements)
//	subtract  x_ij1 − x_ij0        (support minus oppose)
//	combine   1 if i only supports j, 2 if it only opposes j, 3 if both
//
// and is divided by
//
//	no          1
//	activity    the actor's total Σ_j' w_ij' of the ignore weights, i.e.
//	            a_i (combine: the number of claims the actor stated)
//	prominence  the claim's number of statements Σ_i' Σ_k x_i'jk (combine:
//	            the number of actors that stated it)
//
// with 0 where the divisor is 0.
func TwoModeNetwork(ctx context.Context, m *graph.Model, opts NetworkOptions) (*Network, error) {
	o, err := opts.resolve(NetworkTwoMode)
	if err != nil {
		return nil, err
	}
	cells, ex, err := networkCells(ctx, m, o)
	if err != nil {
		return nil, err
	}
	na, nc := len(m.Actors), len(m.Claims)
	rowDen := make([]float64, na)
	colDen := make([]float64, nc)
	for _, c := range cells {
		if o.Aggregate == AggregateCombine {
			rowDen[c.actor]++
			colDen[c.claim]++
		} else {
			rowDen[c.actor] += float64(c.s) + float64(c.o)
			colDen[c.claim] += float64(c.s) + float64(c.o)
		}
	}
	n := &Network{Type: NetworkTwoMode, Aggregate: o.Aggregate, Normalize: o.Normalize, Duplicates: o.Duplicates}
	actorNode := n.addNodes(m, NodeActor, na, func(a int) bool { return rowDen[a] > 0 }, o.Isolates, ex)
	n.Rows = len(n.Nodes)
	claimNode := n.addNodes(m, NodeClaim, nc, func(c int) bool { return colDen[c] > 0 }, o.Isolates, ex)
	n.Edges = make([]NetworkEdge, 0, len(cells))
	for _, c := range cells {
		var w float64
		switch o.Aggregate {
		case AggregateIgnore:
			w = float64(c.s) + float64(c.o)
		case AggregateSubtract:
			w = float64(c.s) - float64(c.o)
		case AggregateCombine:
			if c.s > 0 {
				w++
			}
			if c.o > 0 {
				w += 2
			}
		}
		switch o.Normalize {
		case NormalizeActivity:
			w /= rowDen[c.actor] // cells have a positive count, so > 0
		case NormalizeProminence:
			w /= colDen[c.claim]
		}
		if w != 0 {
			n.Edges = append(n.Edges, NetworkEdge{actorNode[c.actor], claimNode[c.claim], w})
		}
	}
	return n, nil
}

// addNodes appends the nodes of one kind (in model order) and returns the
// node index of each model index, or -1 for those left out: the excluded
// ones, and without isolates the inactive ones.
func (n *Network) addNodes(m *graph.Model, kind string, count int, active func(int) bool, isolates bool, ex *netExclusions) []int32 {
	nodeOf := make([]int32, count)
	for i := range count {
		nodeOf[i] = -1
		if ex.excluded(kind, i) || (!isolates && !active(i)) {
			continue
		}
		nodeOf[i] = int32(len(n.Nodes))
		node := NetworkNode{Kind: kind, Index: i}
		if kind == NodeActor {
			node.ID, node.Name = m.Actors[i].ID, m.Actors[i].Name
		} else {
			node.ID, node.Name = m.Claims[i].ID, m.Claims[i].Text
		}
		n.Nodes = append(n.Nodes, node)
	}
	return nodeOf
}

// resolve fills in the defaults and checks every value for a network of
// type typ.
func (o NetworkOptions) resolve(typ string) (NetworkOptions, error) {
	aggregates, norms := OneModeAggregates, OneModeNormalizations
	if typ == NetworkTwoMode {
		aggregates, norms = TwoModeAggregates, TwoModeNormalizations
		o.Mode = ""
		if o.Aggregate == "" {
			o.Aggregate = AggregateIgnore
		}
	} else {
		if o.Mode == "" {
			o.Mode = NodeActor
		}
		if o.Mode != NodeActor && o.Mode != NodeClaim {
			return o, fmt.Errorf("%w: one-mode networks are of actors or claims, not %q", ErrNetworkOption, o.Mode)
		}
		if o.Aggregate == "" {
			o.Aggregate = AggregateCongruence
		}
	}
	if o.Normalize == "" {
		o.Normalize = NormalizeNo
	}
	if o.Duplicates == "" {
		o.Duplicates = DuplicatesInclude
	}
	if !slices.Contains(aggregates, o.Aggregate) {
		return o, fmt.Errorf("%w: %s networks aggregate by %s, not %q", ErrNetworkOption, typ, orList(aggregates), o.Aggregate)
	}
	if !slices.Contains(norms, o.Normalize) {
		return o, fmt.Errorf("%w: %s networks normalize by %s, not %q", ErrNetworkOption, typ, orList(norms), o.Normalize)
	}
	if !slices.Contains(DuplicateRules, o.Duplicates) {
		return o, fmt.Errorf("%w: duplicates are %s, not %q", ErrNetworkOption, orList(DuplicateRules), o.Duplicates)
	}
	return o, nil
}

// orList formats values as "a, b or c".
func orList(values []string) string {
	s := ""
	for i, v := range values {
		switch {
		case i == 0:
		case i == len(values)-1:
			s += " or "
		default:
			s += ", "
		}
		s += v
	}
	return s
}

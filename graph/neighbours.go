package graph

import "slices"

// Layers is a set of the model's edge layers, for the traversals below.
type Layers uint8

// The edge layers.
const (
	// StanceLayer holds the actor–claim stance edges.
	StanceLayer Layers = 1 << iota
	// ArgumentLayer holds the claim–claim supports and attacks.
	ArgumentLayer
	// RelationLayer holds the actor–actor relations and member-of edges.
	RelationLayer
	// AllLayers is every layer.
	AllLayers = StanceLayer | ArgumentLayer | RelationLayer
)

// edgeIndex lists the argument or relation edges of each node in both
// directions: the edges from node i are edges[outOff[i]:outOff[i+1]] (the
// edge lists are sorted by from, to) and those to it are
// in[inOff[i]:inOff[i+1]], indices into the edge list sorted by from.
type edgeIndex struct {
	outOff, inOff []int32
	in            []int32
}

// newEdgeIndex indexes the n nodes' edges, given their endpoints in the
// edge list's order (sorted by from, then to).
func newEdgeIndex(n int, from, to func(e int) int, edges int) edgeIndex {
	x := edgeIndex{outOff: make([]int32, n+1), inOff: make([]int32, n+1), in: make([]int32, edges)}
	for e := range edges {
		x.outOff[from(e)+1]++
		x.inOff[to(e)+1]++
	}
	for i := range n {
		x.outOff[i+1] += x.outOff[i]
		x.inOff[i+1] += x.inOff[i]
	}
	next := slices.Clone(x.inOff[:n])
	for e := range edges { // by from, so each node's in-edges are by from
		x.in[next[to(e)]] = int32(e)
		next[to(e)]++
	}
	return x
}

// indexEdges builds the argument and relation edge indices.
func (m *Model) indexEdges() {
	m.argIndex = newEdgeIndex(len(m.Claims),
		func(e int) int { return m.Arguments[e].From }, func(e int) int { return m.Arguments[e].To }, len(m.Arguments))
	m.relIndex = newEdgeIndex(len(m.Actors),
		func(e int) int { return m.Relations[e].From }, func(e int) int { return m.Relations[e].To }, len(m.Relations))
}

// Neighbours returns the node ids (ActorNode, ClaimNode) joined to node v
// by an edge of one of layers, in either direction, each once and in
// increasing order; v itself is left out. It reads the model's edge lists
// (the stance edges through their per-actor and per-claim offsets).
func (m *Model) Neighbours(v int64, layers Layers) []int64 {
	var out []int64
	i, isActor := m.NodeOf(v)
	if isActor {
		if layers&StanceLayer != 0 {
			lo, hi := m.ActorEdgeRange(i)
			for _, e := range m.Stances[lo:hi] {
				out = append(out, m.ClaimNode(e.Claim))
			}
		}
		if layers&RelationLayer != 0 {
			out = m.relIndex.appendEnds(out, i, func(e int) (int, int) { return m.Relations[e].From, m.Relations[e].To }, m.ActorNode)
		}
	} else {
		if layers&StanceLayer != 0 {
			for _, e := range m.ClaimEdgeIndices(i) {
				out = append(out, m.ActorNode(m.Stances[e].Actor))
			}
		}
		if layers&ArgumentLayer != 0 {
			out = m.argIndex.appendEnds(out, i, func(e int) (int, int) { return m.Arguments[e].From, m.Arguments[e].To }, m.ClaimNode)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if k, found := slices.BinarySearch(out, v); found {
		out = slices.Delete(out, k, k+1)
	}
	return out
}

// appendEnds appends the node ids of the other ends of node i's edges,
// out and in.
func (x *edgeIndex) appendEnds(out []int64, i int, ends func(e int) (from, to int), node func(int) int64) []int64 {
	for e := x.outOff[i]; e < x.outOff[i+1]; e++ {
		_, to := ends(int(e))
		out = append(out, node(to))
	}
	for _, e := range x.in[x.inOff[i]:x.inOff[i+1]] {
		from, _ := ends(int(e))
		out = append(out, node(from))
	}
	return out
}

// ShortestPath returns a shortest path from node s to node t over the
// edges of layers, taken as undirected and unweighted, as the node ids
// from s to t; nil when t cannot be reached. Among several shortest paths
// it returns the one a breadth-first search finds when it visits each
// node's Neighbours in increasing order and keeps the first node that
// reaches each node as its predecessor.
func (m *Model) ShortestPath(s, t int64, layers Layers) []int64 {
	n := int64(len(m.Actors) + len(m.Claims))
	if s < 0 || s >= n || t < 0 || t >= n {
		return nil
	}
	pred := make([]int64, n)
	for i := range pred {
		pred[i] = -1
	}
	pred[s] = s
	queue := []int64{s}
	for len(queue) > 0 && pred[t] < 0 {
		u := queue[0]
		queue = queue[1:]
		for _, w := range m.Neighbours(u, layers) {
			if pred[w] < 0 {
				pred[w] = u
				queue = append(queue, w)
			}
		}
	}
	if pred[t] < 0 {
		return nil
	}
	var path []int64
	for v := t; ; v = pred[v] {
		path = append(path, v)
		if v == s {
			break
		}
	}
	slices.Reverse(path)
	return path
}

// NodeStatements returns the indices into m.Statements of the statements
// of actor node v, or on claim node v, in increasing order.
func (m *Model) NodeStatements(v int64) []int32 {
	i, isActor := m.NodeOf(v)
	var edges []int32
	if isActor {
		lo, hi := m.ActorEdgeRange(i)
		for e := lo; e < hi; e++ {
			edges = append(edges, int32(e))
		}
	} else {
		edges = m.ClaimEdgeIndices(i)
	}
	var out []int32
	for _, e := range edges {
		out = append(out, m.EdgeStatementIndices(int(e))...)
	}
	slices.Sort(out)
	return out
}

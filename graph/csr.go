package graph

// CSR is the undirected two-mode actor–claim graph in compressed sparse
// row form over dense indices: node v's neighbours are
// Adj[Off[v]:Off[v+1]] (in increasing order) with the matching weights in
// W. Nodes 0..Actors-1 are actors and Actors..N-1 claims, as in
// Model.TwoMode; an edge joins an actor and a claim it has statements on,
// weighted by their number (both stances together). The centralities of
// package graph/analysis read it. A CSR from Model.CSR must not be
// modified.
type CSR struct {
	N      int // nodes
	Actors int // nodes 0..Actors-1 are actors
	Off    []int32
	Adj    []int32
	W      []float64
}

// CSR builds the two-mode CSR of m from its stance edges.
func (m *Model) CSR() *CSR {
	na, nc := len(m.Actors), len(m.Claims)
	n := na + nc
	g := &CSR{N: n, Actors: na, Off: make([]int32, n+1)}
	pairs := m.Pairs() // sorted by actor, then claim
	for _, p := range pairs {
		g.Off[p.Actor+1]++
		g.Off[na+p.Claim+1]++
	}
	for v := 1; v <= n; v++ {
		g.Off[v] += g.Off[v-1]
	}
	g.Adj = make([]int32, g.Off[n])
	g.W = make([]float64, g.Off[n])
	next := make([]int32, n)
	copy(next, g.Off[:n])
	// Actor rows fill in claim order, and claim rows in actor order since
	// pairs are sorted by actor: every row ends up sorted.
	for _, p := range pairs {
		a, c := int32(p.Actor), int32(na+p.Claim)
		g.Adj[next[a]], g.W[next[a]] = c, float64(p.Weight())
		next[a]++
		g.Adj[next[c]], g.W[next[c]] = a, float64(p.Weight())
		next[c]++
	}
	return g
}

// Neighbours returns v's neighbours and the weights of the edges to them.
func (g *CSR) Neighbours(v int) ([]int32, []float64) {
	return g.Adj[g.Off[v]:g.Off[v+1]], g.W[g.Off[v]:g.Off[v+1]]
}

// MulVec sets dst = A·x for the weighted adjacency matrix A of g and
// returns ‖dst‖₂².
func (g *CSR) MulVec(dst, x []float64) float64 {
	sq := 0.0
	for v := range g.N {
		s := 0.0
		lo, hi := g.Off[v], g.Off[v+1]
		for i := lo; i < hi; i++ {
			s += x[g.Adj[i]] * g.W[i]
		}
		dst[v] = s
		sq += s * s
	}
	return sq
}

package graph

// csr is the undirected two-mode actor–claim graph in compressed sparse
// row form over dense indices: node v's neighbours are
// adj[off[v]:off[v+1]] (in increasing order) with the matching weights in
// w. Nodes 0..A-1 are actors and A..A+C-1 claims, as in Model.TwoMode; an
// edge joins an actor and a claim it has statements on, weighted by their
// number (both stances together). It is built once per Analyze and read by
// every centrality.
type csr struct {
	n      int // nodes
	actors int // nodes 0..actors-1 are actors
	off    []int32
	adj    []int32
	w      []float64
}

// newCSR builds the two-mode csr of m from its stance edges.
func newCSR(m *Model) *csr {
	na, nc := len(m.Actors), len(m.Claims)
	n := na + nc
	g := &csr{n: n, actors: na, off: make([]int32, n+1)}
	pairs := m.Pairs() // sorted by actor, then claim
	for _, p := range pairs {
		g.off[p.Actor+1]++
		g.off[na+p.Claim+1]++
	}
	for v := 1; v <= n; v++ {
		g.off[v] += g.off[v-1]
	}
	g.adj = make([]int32, g.off[n])
	g.w = make([]float64, g.off[n])
	next := make([]int32, n)
	copy(next, g.off[:n])
	// Actor rows fill in claim order, and claim rows in actor order since
	// pairs are sorted by actor: every row ends up sorted.
	for _, p := range pairs {
		a, c := int32(p.Actor), int32(na+p.Claim)
		g.adj[next[a]], g.w[next[a]] = c, float64(p.Weight())
		next[a]++
		g.adj[next[c]], g.w[next[c]] = a, float64(p.Weight())
		next[c]++
	}
	return g
}

// neighbours returns v's neighbours and the weights of the edges to them.
func (g *csr) neighbours(v int) ([]int32, []float64) {
	return g.adj[g.off[v]:g.off[v+1]], g.w[g.off[v]:g.off[v+1]]
}

// mulVec sets dst = A·x for the weighted adjacency matrix A of g and
// returns ‖dst‖₂².
func (g *csr) mulVec(dst, x []float64) float64 {
	sq := 0.0
	for v := range g.n {
		s := 0.0
		lo, hi := g.off[v], g.off[v+1]
		for i := lo; i < hi; i++ {
			s += x[g.adj[i]] * g.w[i]
		}
		dst[v] = s
		sq += s * s
	}
	return sq
}

package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/claimnet/claimnet/annotations"
	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
)

// Window is an inclusive range of dates. A zero bound is open. When either
// bound is set, statements and relations without a date are left out,
// since nothing says they fall inside it.
type Window struct {
	From annotations.Date `json:"from,omitempty"`
	To   annotations.Date `json:"to,omitempty"`
}

// IsZero reports whether w selects everything.
func (w Window) IsZero() bool { return w.From == 0 && w.To == 0 }

// Contains reports whether a statement dated d is inside w.
func (w Window) Contains(d annotations.Date) bool {
	if w.IsZero() {
		return true
	}
	if d == 0 {
		return false
	}
	return (w.From == 0 || d >= w.From) && (w.To == 0 || d <= w.To)
}

// String formats w as "FROM..TO", with empty open ends.
func (w Window) String() string { return w.From.String() + ".." + w.To.String() }

// StanceEdge is the aggregate of one actor's statements of one stance on
// one claim within the window.
type StanceEdge struct {
	Actor  int // index into Model.Actors
	Claim  int // index into Model.Claims
	Stance annotations.Stance
	// Weight is the number of statements behind the edge.
	Weight int
	// First and Last are the earliest and latest statement dates (zero
	// when no statement is dated).
	First, Last annotations.Date
}

// Argument edge types.
const (
	Supports = "supports"
	Attacks  = "attacks"
)

// ArgumentEdge is a supports or attacks link from one claim to another.
type ArgumentEdge struct {
	From, To int // indices into Model.Claims
	Type     string
}

// MemberOf is the relation type of the edges that affiliations give.
const MemberOf = "member-of"

// RelationEdge is a directed actor–actor relation of one type: the
// declared relations within the window between the same two actors, or a
// member-of edge from an affiliation (which has no Relations).
type RelationEdge struct {
	From, To  int // indices into Model.Actors
	Type      string
	Relations []*annotations.Relation
}

// Model is the compiled network of a dataset within a window. Its slices
// are in a deterministic order and must not be modified.
type Model struct {
	// Data is the dataset the model was compiled from.
	Data *annotations.Dataset
	// Window is the date range the statements were selected by.
	Window Window
	// Actors and Claims are every declared actor and claim, in dataset
	// order, active in the window or not; see ActorActive.
	Actors []*annotations.Actor
	Claims []*annotations.Claim
	// Statements are the statements within the window, in dataset order.
	Statements []*annotations.Statement
	// Stances are sorted by actor, claim, then support before oppose.
	Stances []StanceEdge
	// Arguments are sorted by from, to, type.
	Arguments []ArgumentEdge
	// Relations are sorted by from, to, type.
	Relations []RelationEdge

	actorIndex map[string]int
	claimIndex map[string]int
	// The statements of Stances[e] are Statements[i] for i in
	// edgeStmts[edgeOff[e]:edgeOff[e+1]], in dataset order.
	edgeOff   []int32
	edgeStmts []int32
	// Stance edges of actor a are Stances[actorOff[a]:actorOff[a+1]].
	actorOff []int32
	// byClaim lists stance edge indices sorted by claim, then actor, stance;
	// the edges of claim c are byClaim[claimOff[c]:claimOff[c+1]].
	byClaim  []int32
	claimOff []int32
}

// Option configures Compile.
type Option func(*compileConfig)

type compileConfig struct {
	window Window
}

// WithWindow selects the statements and relations dated within w.
func WithWindow(w Window) Option { return func(c *compileConfig) { c.window = w } }

// Compile builds the Model of d. It checks ctx between stages, so a
// caller can give up on a very large dataset.
func Compile(ctx context.Context, d *annotations.Dataset, opts ...Option) (*Model, error) {
	var cfg compileConfig
	for _, o := range opts {
		o(&cfg)
	}
	w := cfg.window
	if w.From != 0 && w.To != 0 && w.From > w.To {
		return nil, fmt.Errorf("compile: window starts %s, after it ends %s", w.From, w.To)
	}
	m := &Model{
		Data:       d,
		Window:     w,
		Actors:     d.Actors,
		Claims:     d.Claims,
		actorIndex: make(map[string]int, len(d.Actors)),
		claimIndex: make(map[string]int, len(d.Claims)),
	}
	for i, a := range d.Actors {
		m.actorIndex[a.ID] = i
	}
	for i, c := range d.Claims {
		m.claimIndex[c.ID] = i
	}
	if w.IsZero() {
		m.Statements = d.Statements
	} else {
		for _, s := range d.Statements {
			if w.Contains(s.Date) {
				m.Statements = append(m.Statements, s)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("compile: %w", err)
	}
	if err := m.compileStances(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("compile: %w", err)
	}
	m.compileArguments()
	m.compileRelations()
	return m, nil
}

// compileStances aggregates the statements into stance edges with a
// counting sort on (actor, claim, stance), which keeps it linear in the
// number of statements and free of map-order effects.
func (m *Model) compileStances() error {
	n := len(m.Statements)
	nc := len(m.Claims)
	keys := make([]int64, n)
	for i, s := range m.Statements {
		a, okA := m.actorIndex[s.Actor]
		c, okC := m.claimIndex[s.Claim]
		if !okA || !okC {
			return fmt.Errorf("compile: statement at %s refers to an unknown actor or claim", s.Pos)
		}
		bit := int64(0)
		if s.Stance == annotations.Oppose {
			bit = 1
		}
		keys[i] = (int64(a)*int64(nc)+int64(c))*2 + bit
	}
	order := countingOrder(keys, int64(len(m.Actors)), int64(nc))
	// Count the edges first: growing the slices to a million edges costs
	// more than this pass.
	edges := 0
	for i := range n {
		if i == 0 || keys[order[i]] != keys[order[i-1]] {
			edges++
		}
	}
	m.Stances = make([]StanceEdge, 0, edges)
	m.edgeOff = make([]int32, 0, edges+1)
	m.edgeStmts = order
	for i := 0; i < n; {
		k := keys[order[i]]
		j := i
		e := StanceEdge{}
		for ; j < n && keys[order[j]] == k; j++ {
			d := m.Statements[order[j]].Date
			if d != 0 && (e.First == 0 || d < e.First) {
				e.First = d
			}
			if d > e.Last {
				e.Last = d
			}
		}
		pair := k / 2
		e.Actor = int(pair / int64(nc))
		e.Claim = int(pair % int64(nc))
		e.Stance = annotations.Support
		if k%2 == 1 {
			e.Stance = annotations.Oppose
		}
		e.Weight = j - i
		m.Stances = append(m.Stances, e)
		m.edgeOff = append(m.edgeOff, int32(i))
		i = j
	}
	m.edgeOff = append(m.edgeOff, int32(n))

	m.actorOff = make([]int32, len(m.Actors)+1)
	m.claimOff = make([]int32, nc+1)
	for _, e := range m.Stances {
		m.actorOff[e.Actor+1]++
		m.claimOff[e.Claim+1]++
	}
	for i := 1; i < len(m.actorOff); i++ {
		m.actorOff[i] += m.actorOff[i-1]
	}
	for i := 1; i < len(m.claimOff); i++ {
		m.claimOff[i] += m.claimOff[i-1]
	}
	m.byClaim = make([]int32, len(m.Stances))
	next := append([]int32(nil), m.claimOff[:nc]...)
	for e, st := range m.Stances { // in actor order, so each claim's list is by actor
		m.byClaim[next[st.Claim]] = int32(e)
		next[st.Claim]++
	}
	return nil
}

func (m *Model) compileArguments() {
	for i, c := range m.Claims {
		for _, id := range c.Supports {
			m.Arguments = append(m.Arguments, ArgumentEdge{i, m.claimIndex[id], Supports})
		}
		for _, id := range c.Attacks {
			m.Arguments = append(m.Arguments, ArgumentEdge{i, m.claimIndex[id], Attacks})
		}
	}
	sort.SliceStable(m.Arguments, func(i, j int) bool {
		a, b := m.Arguments[i], m.Arguments[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Type < b.Type
	})
}

func (m *Model) compileRelations() {
	type key struct {
		from, to int
		typ      string
	}
	index := map[key]int{}
	add := func(k key, r *annotations.Relation) {
		i, ok := index[k]
		if !ok {
			i = len(m.Relations)
			index[k] = i
			m.Relations = append(m.Relations, RelationEdge{From: k.from, To: k.to, Type: k.typ})
		}
		if r != nil {
			m.Relations[i].Relations = append(m.Relations[i].Relations, r)
		}
	}
	for i, a := range m.Actors {
		if j, ok := m.actorIndex[a.Affiliation]; ok && a.Affiliation != "" {
			add(key{i, j, MemberOf}, nil)
		}
	}
	for _, r := range m.Data.Relations {
		if !m.Window.Contains(r.Date) {
			continue
		}
		from := m.actorIndex[r.From]
		for _, to := range r.To {
			add(key{from, m.actorIndex[to], r.Type}, r)
		}
	}
	sort.SliceStable(m.Relations, func(i, j int) bool {
		a, b := m.Relations[i], m.Relations[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Type < b.Type
	})
}

// ActorIndex returns the index of the actor with the given id.
func (m *Model) ActorIndex(id string) (int, bool) {
	i, ok := m.actorIndex[id]
	return i, ok
}

// ClaimIndex returns the index of the claim with the given id.
func (m *Model) ClaimIndex(id string) (int, bool) {
	i, ok := m.claimIndex[id]
	return i, ok
}

// EdgeStatements returns the statements behind stance edge e, in dataset order.
func (m *Model) EdgeStatements(e int) []*annotations.Statement {
	idx := m.edgeStmts[m.edgeOff[e]:m.edgeOff[e+1]]
	out := make([]*annotations.Statement, len(idx))
	for i, s := range idx {
		out[i] = m.Statements[s]
	}
	return out
}

// EdgeStatementIndices returns the indices into m.Statements of the
// statements behind stance edge e, in dataset order. The slice is the
// Model's own: do not change it.
func (m *Model) EdgeStatementIndices(e int) []int32 {
	return m.edgeStmts[m.edgeOff[e]:m.edgeOff[e+1]:m.edgeOff[e+1]]
}

// ActorEdges returns the indices of actor a's stance edges, by claim.
func (m *Model) ActorEdges(a int) []int {
	out := make([]int, 0, m.actorOff[a+1]-m.actorOff[a])
	for e := m.actorOff[a]; e < m.actorOff[a+1]; e++ {
		out = append(out, int(e))
	}
	return out
}

// ClaimEdges returns the indices of claim c's stance edges, by actor.
func (m *Model) ClaimEdges(c int) []int {
	out := make([]int, 0, m.claimOff[c+1]-m.claimOff[c])
	for _, e := range m.byClaim[m.claimOff[c]:m.claimOff[c+1]] {
		out = append(out, int(e))
	}
	return out
}

// ActorEdgeRange returns the range lo..hi of actor a's stance edges:
// they are Stances[lo:hi], by claim.
func (m *Model) ActorEdgeRange(a int) (lo, hi int) {
	return int(m.actorOff[a]), int(m.actorOff[a+1])
}

// ClaimEdgeIndices returns the indices of claim c's stance edges, by
// actor, without copying: the slice is the Model's own, do not change it.
func (m *Model) ClaimEdgeIndices(c int) []int32 {
	lo, hi := m.claimOff[c], m.claimOff[c+1]
	return m.byClaim[lo:hi:hi]
}

// EdgesStatementIndices returns the indices into m.Statements of the
// statements behind stance edges Stances[from:to], edge by edge and in
// dataset order within each. The slice is the Model's own: do not change
// it.
func (m *Model) EdgesStatementIndices(from, to int) []int32 {
	lo, hi := m.edgeOff[from], m.edgeOff[to]
	return m.edgeStmts[lo:hi:hi]
}

// ActorActive reports whether actor a has a statement in the window.
func (m *Model) ActorActive(a int) bool { return m.actorOff[a+1] > m.actorOff[a] }

// ClaimActive reports whether claim c has a statement in the window.
func (m *Model) ClaimActive(c int) bool { return m.claimOff[c+1] > m.claimOff[c] }

// ActorNode returns the gonum node id of actor a.
func (m *Model) ActorNode(a int) int64 { return int64(a) }

// ClaimNode returns the gonum node id of claim c.
func (m *Model) ClaimNode(c int) int64 { return int64(len(m.Actors) + c) }

// NodeOf tells which actor or claim a gonum node id of the two-mode graphs
// stands for.
func (m *Model) NodeOf(id int64) (index int, isActor bool) {
	if id < int64(len(m.Actors)) {
		return int(id), true
	}
	return int(id) - len(m.Actors), false
}

// TwoMode returns the undirected actor–claim graph: an edge between an
// actor and a claim it has statements on, weighted by their number (both
// stances together). Every actor and claim is a node.
func (m *Model) TwoMode() *simple.WeightedUndirectedGraph {
	g := simple.NewWeightedUndirectedGraph(0, 0)
	m.addNodes(g)
	for _, p := range m.Pairs() {
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(m.ActorNode(p.Actor)), simple.Node(m.ClaimNode(p.Claim)), float64(p.Weight())))
	}
	return g
}

// StanceDigraph returns the directed actor→claim graph with the same
// weights as TwoMode.
func (m *Model) StanceDigraph() *simple.WeightedDirectedGraph {
	g := simple.NewWeightedDirectedGraph(0, 0)
	m.addNodes(g)
	for _, p := range m.Pairs() {
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(m.ActorNode(p.Actor)), simple.Node(m.ClaimNode(p.Claim)), float64(p.Weight())))
	}
	return g
}

// addNodes adds every actor and claim, so isolates keep their node ids.
func (m *Model) addNodes(g interface{ AddNode(gonumgraph.Node) }) {
	for i := range len(m.Actors) + len(m.Claims) {
		g.AddNode(simple.Node(i))
	}
}

// ArgumentGraph returns the directed claim→claim graph of supports and
// attacks, over the claims' node ids (actors are not in it).
func (m *Model) ArgumentGraph() *simple.DirectedGraph {
	g := simple.NewDirectedGraph()
	for c := range m.Claims {
		g.AddNode(simple.Node(m.ClaimNode(c)))
	}
	for _, e := range m.Arguments {
		if e.From != e.To {
			g.SetEdge(g.NewEdge(simple.Node(m.ClaimNode(e.From)), simple.Node(m.ClaimNode(e.To))))
		}
	}
	return g
}

// RelationGraph returns the directed actor→actor graph of relations and
// member-of edges, over the actors' node ids, weighted by the number of
// relation statements (1 for member-of), summed over relation types.
func (m *Model) RelationGraph() *simple.WeightedDirectedGraph {
	g := simple.NewWeightedDirectedGraph(0, 0)
	for a := range m.Actors {
		g.AddNode(simple.Node(m.ActorNode(a)))
	}
	for _, e := range m.Relations {
		if e.From == e.To {
			continue
		}
		w := float64(max(len(e.Relations), 1))
		from, to := simple.Node(m.ActorNode(e.From)), simple.Node(m.ActorNode(e.To))
		if old := g.WeightedEdge(int64(from), int64(to)); old != nil {
			w += old.Weight()
		}
		g.SetWeightedEdge(g.NewWeightedEdge(from, to, w))
	}
	return g
}

// Pair is everything one actor says about one claim in the window: the
// stance edges of that actor and claim taken together.
type Pair struct {
	Actor, Claim    int // indices into Model.Actors and Model.Claims
	Support, Oppose int // statements of each stance
	// First and Last are the earliest and latest statement dates (zero
	// when no statement is dated).
	First, Last annotations.Date
}

// Weight is the pair's number of statements, both stances together: the
// weight of its edge in the two-mode graph.
func (p Pair) Weight() int { return p.Support + p.Oppose }

// Pairs groups the stance edges by actor and claim, sorted by actor, then
// claim. They are the edges of TwoMode and StanceDigraph.
func (m *Model) Pairs() []Pair {
	out := make([]Pair, 0, len(m.Stances)) // at most one pair per edge
	for _, e := range m.Stances {
		n := len(out)
		if n == 0 || out[n-1].Actor != e.Actor || out[n-1].Claim != e.Claim {
			out = append(out, Pair{Actor: e.Actor, Claim: e.Claim, First: e.First, Last: e.Last})
			n++
		}
		p := &out[n-1]
		if e.Stance == annotations.Support {
			p.Support += e.Weight
		} else {
			p.Oppose += e.Weight
		}
		if e.First != 0 && (p.First == 0 || e.First < p.First) {
			p.First = e.First
		}
		p.Last = max(p.Last, e.Last)
	}
	return out
}

// countingOrder returns the statement indices ordered by key =
// (actor·nc + claim)·2 + stance bit, ties in index order. It is a stable
// two-pass radix sort, first on (claim, stance) and then on actor, so it
// runs in time linear in the statements, actors and claims.
func countingOrder(keys []int64, na, nc int64) []int32 {
	n := len(keys)
	order := make([]int32, n)
	tmp := make([]int32, n)
	for i := range tmp {
		tmp[i] = int32(i)
	}
	pass := func(dst, src []int32, buckets int64, digit func(int64) int64) {
		count := make([]int32, buckets+1)
		for _, i := range src {
			count[digit(keys[i])+1]++
		}
		for b := int64(1); b <= buckets; b++ {
			count[b] += count[b-1]
		}
		for _, i := range src {
			d := digit(keys[i])
			dst[count[d]] = i
			count[d]++
		}
	}
	span := 2 * nc
	pass(order, tmp, span, func(k int64) int64 { return k % span })
	pass(tmp, order, max(na, 1), func(k int64) int64 { return k / span })
	return tmp
}

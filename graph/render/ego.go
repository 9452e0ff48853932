package render

import (
	"fmt"
	"github.com/claimnet/claimnet/annotations"
	"strings"

	"github.com/claimnet/claimnet/graph"
)

// ego builds the neighbourhood of one actor or claim: every node within
// Depth hops of it in the two-mode stance graph (or the Top most central
// of them, the centre always kept), the stance edges among them, and the
// declared relations and affiliations among the actors shown.
func (b *builder) ego() error {
	m := b.m
	na := len(m.Actors)
	centre := -1 // two-mode node: actors 0..na-1, claims na..
	if a, ok := m.ActorIndex(b.o.Node); ok {
		centre = a
	} else if c, ok := m.ClaimIndex(b.o.Node); ok {
		centre = na + c
	} else {
		ids := make([]string, 0, na+len(m.Claims))
		for _, a := range m.Actors {
			ids = append(ids, a.ID)
		}
		for _, c := range m.Claims {
			ids = append(ids, c.ID)
		}
		if near, ok := annotations.Nearest(b.o.Node, ids); ok {
			return fmt.Errorf("node %q: no actor or claim has this id; did you mean %q?", b.o.Node, near)
		}
		return fmt.Errorf("node %q: no actor or claim has this id", b.o.Node)
	}
	ps := m.Pairs()
	adj := make([][]int, na+len(m.Claims))
	for _, p := range ps {
		adj[p.Actor] = append(adj[p.Actor], na+p.Claim)
		adj[na+p.Claim] = append(adj[na+p.Claim], p.Actor)
	}
	dist := make([]int, len(adj))
	for i := range dist {
		dist[i] = -1
	}
	dist[centre] = 0
	queue := []int{centre}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if dist[v] == b.o.Depth {
			continue
		}
		for _, u := range adj[v] {
			if dist[u] < 0 {
				dist[u] = dist[v] + 1
				queue = append(queue, u)
			}
		}
	}
	// Candidates by hop: a Top fills up with the nearest nodes first
	// (the centre's own claims before the actors on them), the most
	// central first within a hop. Ranked over all hops at once, the most
	// central actors two hops away took the places of the claims that
	// join them to the centre, leaving a figure without an edge to it.
	byHop := make([][]ranked, b.o.Depth+1)
	total := 0
	for v, d := range dist {
		if d <= 0 {
			continue
		}
		total++
		if v < na {
			byHop[d] = append(byHop[d], ranked{true, v})
		} else {
			byHop[d] = append(byHop[d], ranked{false, v - na})
		}
	}
	var keep []ranked
	for _, cands := range byHop {
		if b.o.Top == 0 {
			keep = append(keep, cands...)
		} else if room := b.o.Top - 1 - len(keep); room > 0 {
			k, _ := b.topN(cands, room)
			keep = append(keep, k...)
		}
	}
	if len(keep) < total {
		b.notes = append(b.notes, fmt.Sprintf("the centre and %d of its %d neighbours within %s, the nearest first, the most central (%s) first within a hop",
			len(keep), total, plural(b.o.Depth, "hop", "hops"), b.o.SizeBy))
	}
	inA := make([]bool, na)
	inC := make([]bool, len(m.Claims))
	if centre < na {
		inA[centre] = true
	} else {
		inC[centre-na] = true
	}
	for _, r := range keep {
		if r.actor {
			inA[r.index] = true
		} else {
			inC[r.index] = true
		}
	}
	grp, err := actorGroups(m, b.an, b.o)
	if err != nil {
		return err
	}
	es := b.stanceEdges(ps, inA, inC)
	rel := b.relationEdges(inA)
	isCentre := func(v int) bool { return v == centre }
	b.addActors(grp, func(a int) bool {
		return inA[a] && (es.actorDeg[a] > 0 || rel.deg[a] > 0 || isCentre(a))
	})
	b.addClaims(func(c int) bool { return inC[c] && (es.claimDeg[c] > 0 || isCentre(na+c)) }, false)
	// Mark the centre with a heavy outline.
	cid := ""
	if centre < na {
		cid = actorID(m, centre)
	} else {
		cid = claimID(m, centre-na)
	}
	for i := range b.g.nodes {
		if b.g.nodes[i].id == cid {
			b.g.nodes[i].attrs = append(b.g.nodes[i].attrs, attr{"penwidth", "3"})
		}
	}
	b.g.edges = append(b.g.edges, es.edges...)
	b.g.edges = append(b.g.edges, rel.edges...)
	b.stanceLegend(es)
	if rel.declared || rel.member {
		sec := legendSection{title: "Relations (actor → actor)"}
		if rel.declared {
			sec.items = append(sec.items, legendItem{label: "relation, labelled with its type", edge: relationStyle(b.o.th, "")})
		}
		if rel.member {
			sec.items = append(sec.items, legendItem{label: "member of (affiliation)", edge: relationStyle(b.o.th, graph.MemberOf)})
		}
		b.f.legend = append(b.f.legend, sec)
	}
	b.nodeLegend(grp, es.contested)
	return nil
}

// relationEdgeSet is the relation edges among the actors of an ego figure.
type relationEdgeSet struct {
	edges    []dotEdge
	deg      []int
	declared bool // some declared relation is drawn
	member   bool // some member-of edge is drawn
}

// relationEdges draws the model's relations between kept actors: one edge
// per ordered pair for its declared relations, labelled with their types
// and as wide as their number of relation statements, and a member-of edge
// for each affiliation.
func (b *builder) relationEdges(inA []bool) *relationEdgeSet {
	m, th := b.m, b.o.th
	rs := &relationEdgeSet{deg: make([]int, len(m.Actors))}
	rels := m.Relations // sorted by from, to, type
	for i := 0; i < len(rels); {
		j := i
		for j < len(rels) && rels[j].From == rels[i].From && rels[j].To == rels[i].To {
			j++
		}
		from, to := rels[i].From, rels[i].To
		group := rels[i:j]
		i = j
		if from == to || !inA[from] || !inA[to] {
			continue
		}
		var types []string
		n := 0
		for _, e := range group {
			if e.Type == graph.MemberOf {
				rs.member = true
				rs.edges = append(rs.edges, dotEdge{actorID(m, from), actorID(m, to), append(relationStyle(th, graph.MemberOf),
					attr{"tooltip", quote(m.Actors[from].Name + " is a member of " + m.Actors[to].Name)})})
				rs.deg[from]++
				rs.deg[to]++
				continue
			}
			types = append(types, relationLabel(e.Type))
			n += max(len(e.Relations), 1)
		}
		if len(types) == 0 || float64(n) < b.o.MinWeight {
			continue
		}
		rs.declared = true
		label := strings.Join(types, ", ")
		// An external label: Graphviz places it by the edge where it
		// overlaps no node and no other label (forcelabels), which a
		// head or middle label does not avoid.
		rs.edges = append(rs.edges, dotEdge{actorID(m, from), actorID(m, to), append(relationStyle(th, ""),
			attr{"xlabel", centredLabel(types)},
			attr{"penwidth", num(penWidth(float64(n)))},
			attr{"tooltip", quote(fmt.Sprintf("%s %s %s (%s)", m.Actors[from].Name, label, m.Actors[to].Name,
				plural(n, "relation statement", "relation statements")))})})
		rs.deg[from]++
		rs.deg[to]++
	}
	return rs
}

// relationStyle is the look of a relation edge: thin, in the muted ink,
// with an open arrowhead; member-of edges are dotted with a dot at the end.
func relationStyle(th *theme, typ string) []attr {
	if typ == graph.MemberOf {
		return []attr{{"color", str(th.muted)}, {"style", "dotted"}, {"arrowhead", "dot"}, {"penwidth", "1"}}
	}
	return []attr{{"color", str(th.muted)}, {"style", "solid"}, {"arrowhead", "vee"}, {"penwidth", "1"}}
}

func relationLabel(typ string) string {
	if typ == graph.MemberOf {
		return "member of"
	}
	return strings.ReplaceAll(typ, "-", " ")
}

package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
)

// actorWrap is the line width, in characters, of actor names.
const actorWrap = 16

func actorID(m *graph.Model, a int) string { return "actor:" + m.Actors[a].ID }
func claimID(m *graph.Model, c int) string { return "claim:" + m.Claims[c].ID }

// actorClaim builds the two-mode figure: every actor and claim with a
// statement in the window (or the Top most central of them), one edge per
// actor, claim and stance, and one reversal edge where an actor holds
// both stances on a claim.
func (b *builder) actorClaim() error {
	m := b.m
	var cands []ranked
	for a := range m.Actors {
		if m.ActorActive(a) {
			cands = append(cands, ranked{true, a})
		}
	}
	for c := range m.Claims {
		if m.ClaimActive(c) {
			cands = append(cands, ranked{false, c})
		}
	}
	total := len(cands)
	keep, cut := b.topN(cands, b.o.Top)
	if cut {
		b.notes = append(b.notes, fmt.Sprintf("the %d most central of %d actors and claims (%s)", len(keep), total, b.o.SizeBy))
	}
	inA := make([]bool, len(m.Actors))
	inC := make([]bool, len(m.Claims))
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
	es := b.stanceEdges(m.Pairs(), inA, inC)
	b.addActors(grp, func(a int) bool { return inA[a] && es.actorDeg[a] > 0 })
	b.addClaims(func(c int) bool { return inC[c] && es.claimDeg[c] > 0 }, false)
	b.g.edges = append(b.g.edges, es.edges...)
	b.stanceLegend(es)
	b.nodeLegend(grp, es.contested)
	return nil
}

// stanceEdgeSet is the stance edges of a figure and what its legend needs.
type stanceEdgeSet struct {
	edges                []dotEdge
	actorDeg, claimDeg   []int
	minWeight, maxWeight int
	support, oppose      bool
	reversals            int
	contested            bool
	hidden               int
}

// stanceEdges makes the edges between the kept actors and claims, leaving
// out those lighter than MinWeight statements.
func (b *builder) stanceEdges(ps []graph.Pair, inA, inC []bool) *stanceEdgeSet {
	m, th := b.m, b.o.th
	es := &stanceEdgeSet{actorDeg: make([]int, len(m.Actors)), claimDeg: make([]int, len(m.Claims))}
	for _, p := range ps {
		if !inA[p.Actor] || !inC[p.Claim] {
			continue
		}
		from, to := actorID(m, p.Actor), claimID(m, p.Claim)
		tip := m.Actors[p.Actor].Name + " on " + m.Claims[p.Claim].ID
		if p.Support > 0 && p.Oppose > 0 {
			w := p.Support + p.Oppose
			if float64(w) < b.o.MinWeight {
				es.hidden++
				continue
			}
			es.reversals++
			es.minWeight, es.maxWeight = minPositive(es.minWeight, w), max(es.maxWeight, w)
			label := fmt.Sprintf("+%d/−%d", p.Support, p.Oppose)
			es.edges = append(es.edges, dotEdge{from, to, append(reversalStyle(th, w),
				attr{"label", quote(label)},
				attr{"fontcolor", str(th.reverse)},
				attr{"tooltip", quote(fmt.Sprintf("%s: reversal, %d supporting and %d opposing statements, %s to %s",
					tip, p.Support, p.Oppose, p.First, p.Last))})})
		} else {
			w, st := p.Support, annotations.Support
			if p.Oppose > 0 {
				w, st = p.Oppose, annotations.Oppose
			}
			if float64(w) < b.o.MinWeight {
				es.hidden++
				continue
			}
			es.minWeight, es.maxWeight = minPositive(es.minWeight, w), max(es.maxWeight, w)
			if st == annotations.Support {
				es.support = true
			} else {
				es.oppose = true
			}
			es.edges = append(es.edges, dotEdge{from, to, append(stanceStyle(th, st, w),
				attr{"tooltip", quote(fmt.Sprintf("%s: %s, %s", tip, st, plural(w, "statement", "statements")))})})
		}
		es.actorDeg[p.Actor]++
		es.claimDeg[p.Claim]++
		if b.an.Claims[p.Claim].Contested {
			es.contested = true
		}
	}
	if es.hidden > 0 {
		b.notes = append(b.notes, fmt.Sprintf("%s of fewer than %s statements hidden",
			plural(es.hidden, "edge", "edges"), num(b.o.MinWeight)))
	}
	return es
}

// stanceStyle is the look of a support or oppose edge of w statements:
// support is a solid line ending in a filled arrow, oppose a dashed line
// ending in a bar, each in its own colour, so the two differ in colour,
// dash and arrowhead.
func stanceStyle(th *theme, st annotations.Stance, w int) []attr {
	if st == annotations.Support {
		return []attr{{"color", str(th.support)}, {"style", "solid"}, {"arrowhead", "normal"},
			{"penwidth", num(penWidth(float64(w)))}}
	}
	return []attr{{"color", str(th.oppose)}, {"style", "dashed"}, {"arrowhead", "tee"},
		{"penwidth", num(penWidth(float64(w)))}}
}

// reversalStyle is the look of an edge where one actor both supports and
// opposes a claim: a dotted line ending in an open diamond.
func reversalStyle(th *theme, w int) []attr {
	return []attr{{"color", str(th.reverse)}, {"style", "dotted"}, {"arrowhead", "odiamond"},
		{"penwidth", num(penWidth(float64(w)) + 0.5)}}
}

// actorNode returns the attributes of actor a's node.
func (b *builder) actorNode(a int, grp *groups, scale sizeScale) []attr {
	th := b.o.th
	act := b.m.Actors[a]
	w, h := scale.size(b.actorScore(a))
	style := "filled"
	if grp.dashed[a] {
		style = "filled,dashed"
	}
	tip := act.Name
	if act.Role != "" {
		tip += " — " + act.Role
	}
	tip += fmt.Sprintf(" (%s %s)", b.o.SizeBy, formatScore(b.actorScore(a)))
	shape := "ellipse"
	if b.shapes != nil {
		shape = b.shapes.of[a]
	}
	label := html(wrapHTML(act.Name, actorWrap, "center"))
	if k, ok := b.o.numbers[act.ID]; ok {
		label, shape = quote(strconv.Itoa(k)), "circle"
	}
	attrs := []attr{
		{"label", label},
		{"shape", shape},
		{"style", str(style)},
		{"fillcolor", str(grp.fill[a])},
		{"width", num(w)},
		{"height", num(h)},
		{"tooltip", quote(tip)},
	}
	if grp.periph[a] > 1 {
		attrs = append(attrs, attr{"peripheries", fmt.Sprint(grp.periph[a])})
	}
	if b.o.numbers != nil {
		// As sized, however wide Graphviz measures the number.
		attrs = append(attrs, attr{"fixedsize", "true"}, attr{"margin", "0"})
	}
	_ = th
	return attrs
}

// actorSizes is the scale actor nodes are drawn at: a label-sized ellipse
// for the lowest scores, up to about twice as wide for the top one.
func (b *builder) actorSizes(show func(int) bool) sizeScale {
	s := sizeScale{minW: 0.8, maxW: 1.8, minH: 0.4, maxH: 0.9}
	switch {
	case narrow(b.f.size.Width):
		// Two thirds the width in a column, so that the size legend's
		// largest sample leaves room for a second column of legend.
		s = sizeScale{minW: 0.6, maxW: 1.2, minH: 0.35, maxH: 0.7}
	case b.o.numbers != nil:
		// Numbered circles: from one a two-digit number fits in to
		// about twice its area.
		s = sizeScale{minW: 0.26, maxW: 0.4, minH: 0.26, maxH: 0.4}
	}
	for a := range b.m.Actors {
		if show(a) {
			s.max = max(s.max, b.actorScore(a))
		}
	}
	return s
}

// addActors adds a node for each actor show accepts.
func (b *builder) addActors(grp *groups, show func(int) bool) {
	scale := b.actorSizes(show)
	if b.o.ShapeBy != "" {
		b.shapes = actorShapeSet(b.m, b.o.ShapeBy)
	}
	for a := range b.m.Actors {
		if show(a) {
			b.g.node(actorID(b.m, a), b.actorNode(a, grp, scale)...)
		}
	}
	b.sizeLegend = scale
	b.groupsShown = grp
	b.actorShown = show
}

// addClaims adds a box for each claim show accepts; with counts, each
// box also says how many actors support and oppose the claim.
func (b *builder) addClaims(show func(int) bool, counts bool) {
	for c := range b.m.Claims {
		if show(c) {
			b.g.node(claimID(b.m, c), b.claimNode(c, counts)...)
		}
	}
}

// claimNode returns the attributes of claim c's box: its wrapped text,
// with a double border and a tint when it is contested.
func (b *builder) claimNode(c int, counts bool) []attr {
	th := b.o.th
	cl := b.m.Claims[c]
	res := b.an.Claims[c]
	var lab strings.Builder
	lab.WriteString(`<table border="0" cellborder="0" cellspacing="0" cellpadding="0"><tr><td align="left" balign="left">`)
	lines := wrap(cl.Text, b.o.Wrap)
	longest := 0
	for i, l := range lines {
		if i > 0 {
			lab.WriteString("<br/>")
		}
		lab.WriteString(escapeHTML(l))
		longest = max(longest, utf8.RuneCountInString(l))
	}
	if counts {
		fmt.Fprintf(&lab, `<br/><font point-size="%s"><font color="%s">▲ %d</font>   <font color="%s">▼ %d</font></font>`,
			num(th.small+1), th.support, len(res.Supporters), th.oppose, len(res.Opposers))
	}
	// The spacer cell leaves room for fonts wider than the metrics
	// Graphviz measures with (theme.slack). It has a height: an empty
	// cell of no height in a borderless table crashes Graphviz.
	fmt.Fprintf(&lab, `</td><td width="%d" height="1"></td></tr></table>`, int(math.Ceil(float64(longest)*th.fontSize*0.55*th.slack)))
	fill := th.claimFill
	attrs := []attr{{"label", html(lab.String())}, {"shape", "box"}, {"margin", str("0.12,0.08")}}
	if res.Contested {
		fill = th.contestedFill
		attrs = append(attrs, attr{"peripheries", "2"})
	}
	tip := fmt.Sprintf("%s: %d supporting, %d opposing actors", cl.ID, len(res.Supporters), len(res.Opposers))
	if res.Contested {
		tip += fmt.Sprintf("; contested (contestation %.2f)", res.Contestation)
	}
	return append(attrs,
		attr{"style", str("rounded,filled")},
		attr{"fillcolor", str(fill)},
		attr{"tooltip", quote(tip)},
	)
}

// minPositive is the smaller of a and b, where 0 stands for none yet.
func minPositive(a, b int) int {
	if a == 0 {
		return b
	}
	return min(a, b)
}

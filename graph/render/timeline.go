package render

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/series"
)

// Timeline chart geometry, in points.
const (
	tlPanelGap = 40  // between two panels
	tlCountH   = 130 // height of the statements panel
	tlShareH   = 90  // height of the share and contestation panels
	tlCoalH    = 44  // height of the coalition row
	tlSlot     = 80  // width per window, at least
	tlMinW     = 340 // least width of the plot
)

// TimelinePoint is what Timeline draws for one window.
type TimelinePoint struct {
	// Start, Mid and End are the window's dates.
	Start, Mid, End annotations.Date
	// Support and Oppose count the node's statements of each stance dated
	// in the window: an actor's own, or those on a claim.
	Support, Oppose int
	// Share is Support/(Support+Oppose), NaN when both are 0.
	Share float64
	// Coalition names the actor's coalition in the window (after its most
	// central member by degree, ties in model order, and its size), ""
	// when the actor has none; for a claim it is "".
	Coalition string
	// Contestation is the claim's contestation in the window; 0 for an
	// actor.
	Contestation float64
}

// Switch is a change of an actor's stance on a claim: its dated
// statement on the claim at Date takes the stance To, and its statement
// before it (by date, then in dataset order) took the other.
type Switch struct {
	Actor, Claim string
	Date         annotations.Date
	To           annotations.Stance
}

// TimelineData computes what Timeline draws for the actor or claim id:
// one point per window of tw, and the node's stance switches dated within
// the windows. An unknown id is an error naming the nearest.
func TimelineData(ctx context.Context, m *graph.Model, id string, tw TimeWindows) (points []TimelinePoint, switches []Switch, actor bool, err error) {
	ai, isActor := m.ActorIndex(id)
	ci, isClaim := m.ClaimIndex(id)
	if !isActor && !isClaim {
		ids := make([]string, 0, len(m.Actors)+len(m.Claims))
		for _, a := range m.Actors {
			ids = append(ids, a.ID)
		}
		for _, c := range m.Claims {
			ids = append(ids, c.ID)
		}
		msg := fmt.Sprintf("node %q: no actor or claim has this id", id)
		if near, ok := annotations.Nearest(id, ids); ok {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		return nil, nil, false, fmt.Errorf("%s", msg)
	}
	if isActor && isClaim {
		return nil, nil, false, fmt.Errorf("node %q: both an actor and a claim have this id", id)
	}
	s, err := windowAnalyses(ctx, m, tw)
	if err != nil {
		return nil, nil, false, err
	}
	mine := func(st *annotations.Statement) bool {
		if isActor {
			return st.Actor == id
		}
		return st.Claim == id
	}
	for _, w := range s.Windows {
		p := TimelinePoint{Start: w.Start, Mid: w.Mid, End: w.End}
		for _, st := range m.Statements {
			if st.Date == 0 || st.Date < w.Start || st.Date > w.End || !mine(st) {
				continue
			}
			if st.Stance == annotations.Support {
				p.Support++
			} else {
				p.Oppose++
			}
		}
		p.Share = math.NaN()
		if n := p.Support + p.Oppose; n > 0 {
			p.Share = float64(p.Support) / float64(n)
		}
		an := w.Analysis
		if isActor {
			p.Coalition = coalitionName(an, an.Actors[ai].Coalition)
		} else {
			p.Contestation = an.Claims[ci].Contestation
		}
		points = append(points, p)
	}
	first, last := s.Windows[0].Start, s.Windows[len(s.Windows)-1].End
	type key struct{ a, c string }
	prev := map[key]annotations.Stance{}
	var dated []*annotations.Statement
	for _, st := range m.Statements {
		if st.Date != 0 && mine(st) {
			dated = append(dated, st)
		}
	}
	slices.SortStableFunc(dated, func(x, y *annotations.Statement) int { return cmp.Compare(x.Date, y.Date) })
	for _, st := range dated {
		k := key{st.Actor, st.Claim}
		if was, ok := prev[k]; ok && was != st.Stance && st.Date >= first && st.Date <= last {
			switches = append(switches, Switch{Actor: st.Actor, Claim: st.Claim, Date: st.Date, To: st.Stance})
		}
		prev[k] = st.Stance
	}
	return points, switches, isActor, nil
}

// coalitionName names coalition i of an: its most central member by
// degree (ties in model order) and its size; "" for -1.
func coalitionName(an *analysis.Analysis, i int) string {
	if i < 0 || i >= len(an.Coalitions.Groups) {
		return ""
	}
	members := an.Coalitions.Groups[i]
	deg := make(map[string]float64, len(an.Actors))
	name := make(map[string]string, len(an.Actors))
	for _, a := range an.Actors {
		deg[a.ID], name[a.ID] = a.Centrality[analysis.Degree], a.Name
	}
	best := members[0]
	for _, id := range members[1:] {
		if deg[id] > deg[best] {
			best = id
		}
	}
	return fmt.Sprintf("%s (%d)", name[best], len(members))
}

// Timeline builds a line chart of one actor's or claim's measures over
// the time windows of tw (o.Node is its id): the numbers of its
// supporting and opposing statements in each window, its share of
// support, and an actor's coalition (named after its most central member)
// or a claim's contestation, one point per window at the window's
// mid-point. Each switch of stance is a vertical line at its date,
// labelled with its direction and claim (or actor). The chart is drawn by
// a Renderer like any figure; o's Theme, Title, Caption, NoLegend and
// sizes apply, the view's other options do not.
func Timeline(ctx context.Context, m *graph.Model, o Options, tw TimeWindows) (*Figure, error) {
	if o.Node == "" {
		return nil, fmt.Errorf("render timeline: no node given; name an actor or claim id")
	}
	th, err := themeByName(o.Theme)
	if err != nil {
		return nil, fmt.Errorf("render timeline: %w", err)
	}
	size, err := o.sizing()
	if err != nil {
		return nil, fmt.Errorf("render timeline: %w", err)
	}
	pts, sw, isActor, err := TimelineData(ctx, m, o.Node, tw)
	if err != nil {
		return nil, fmt.Errorf("render timeline: %w", err)
	}
	name := o.Node
	if i, ok := m.ActorIndex(o.Node); ok {
		name = m.Actors[i].Name
	}
	total := 0
	for _, p := range pts {
		total += p.Support + p.Oppose
	}
	if total == 0 {
		what := "claim"
		if isActor {
			what = "actor"
		}
		return nil, fmt.Errorf("render timeline: %w: %s %q has no dated statement in any of the %s from %s to %s",
			ErrEmpty, what, o.Node, plural(len(pts), "window", "windows"), pts[0].Start, pts[len(pts)-1].End)
	}
	if size.Width > 0 || size.Height > 0 {
		t := *th
		t.small, t.title = t.fontSize, t.fontSize+3
		th = &t
	}
	c := &chart{g: &dotGraph{}, given: Positions{}, th: th}
	c.draw(pts, sw, isActor, tw)
	pinAll(c.g, c.given)
	c.g.graphAttrs = []attr{{"layout", str(LayoutNeato)}, {"fontname", str(th.font)}, {"fontsize", num(th.fontSize)},
		{"bgcolor", str(th.bg)}, {"pad", "0.2"}, {"splines", "line"}, {"outputorder", "edgesfirst"}}
	c.g.nodeAttrs = []attr{{"fontname", str(th.font)}, {"fontsize", num(th.small)}, {"fontcolor", str(th.ink)},
		{"label", `""`}, {"tooltip", `""`}}
	c.g.edgeAttrs = []attr{{"dir", "none"}, {"tooltip", `""`}}
	lines := legendSection{title: "Lines", items: []legendItem{
		{label: "supporting statements (count)", edge: c.lineStyle(th.support, "solid")},
		{label: "opposing statements (count)", edge: c.lineStyle(th.oppose, "dashed")},
		{label: "share of support (%)", edge: c.lineStyle(th.ink, "solid")},
	}}
	if !isActor {
		lines.items = append(lines.items, legendItem{label: "contestation, 1 − |s − o|/(s + o)", edge: c.lineStyle(th.muted, "dotted")})
	}
	if len(sw) > 0 {
		lines.items = append(lines.items, legendItem{label: "stance switch, at its date", edge: []attr{{"color", str(th.reverse)}, {"style", "dotted"}, {"penwidth", "1.5"}, {"dir", "none"}}})
	}
	legend := []legendSection{lines}
	if o.NoLegend {
		legend = nil
	}
	what := fmt.Sprintf("claim %s (%q)", o.Node, m.Claims[max(ci(m, o.Node), 0)].Text)
	if isActor {
		what = "actor " + name
	}
	notes := []string{fmt.Sprintf("%s over %d %s windows moving by %s (%s to %s), one point per window at its mid-point, counting the statements dated in it",
		what, len(pts), sizeWords(tw.Size), spanWords(stepOf(tw)), pts[0].Start, pts[len(pts)-1].End)}
	if c.gaps > 0 {
		notes = append(notes, fmt.Sprintf("no share of support in %s without statements", plural(c.gaps, "window", "windows")))
	}
	if len(sw) == 0 {
		notes = append(notes, "no stance switch")
	}
	if isActor {
		notes = append(notes, "coalition: the actor's community in the window's congruence network (analysis), named after its most central member by degree, with its size; none: statements but no congruence tie")
	}
	title := o.Title
	if title == "" {
		title = name
		if !isActor {
			title = "Claim " + o.Node
		}
	}
	f := &Figure{
		View: "timeline", Layout: LayoutNeato, Nodes: len(c.g.nodes), Edges: len(c.g.edges),
		Note: strings.Join(notes, "; "), g: c.g, straight: true, legend: legend, size: size,
		given: c.given, title: title, caption: o.Caption, th: th,
	}
	return f, nil
}

func ci(m *graph.Model, id string) int {
	i, ok := m.ClaimIndex(id)
	if !ok {
		return -1
	}
	return i
}

// stepOf is the step of tw, one unit of its size when 0.
func stepOf(tw TimeWindows) series.Span {
	if tw.Step.N == 0 {
		return series.Span{N: 1, Unit: tw.Size.Unit}
	}
	return tw.Step
}

// spanWords writes a span in words: "5 days", "1 week".
func spanWords(s series.Span) string {
	unit := map[series.Unit]string{series.Days: "day", series.Weeks: "week", series.Months: "month", series.Years: "year"}[s.Unit]
	return plural(s.N, unit, unit+"s")
}

// sizeWords writes a window size as an adjective: "5-day".
func sizeWords(s series.Span) string {
	unit := map[series.Unit]string{series.Days: "day", series.Weeks: "week", series.Months: "month", series.Years: "year"}[s.Unit]
	return fmt.Sprintf("%d-%s", s.N, unit)
}

// chart draws a chart as pinned DOT nodes and edges with fixed routes.
type chart struct {
	g     *dotGraph
	given Positions
	th    *theme
	n     int
	gaps  int
	// plots are the vertical extents of the panels drawn, bottom and top.
	plots [][2]float64
}

func (c *chart) id() string {
	c.n++
	return fmt.Sprintf("c%d", c.n)
}

func (c *chart) lineStyle(color, style string) []attr {
	return []attr{{"color", str(color)}, {"style", style}, {"penwidth", "1.5"}, {"dir", "none"}}
}

// line draws a straight line through the points xy (x0, y0, x1, y1, ...).
func (c *chart) line(attrs []attr, xy ...float64) {
	for i := 0; i+3 < len(xy); i += 2 {
		a, b := c.id(), c.id()
		for _, p := range []struct {
			id   string
			x, y float64
		}{{a, xy[i], xy[i+1]}, {b, xy[i+2], xy[i+3]}} {
			c.g.node(p.id, attr{"shape", "point"}, attr{"style", "invis"}, attr{"width", "0.01"}, attr{"height", "0.01"}, attr{"label", `" "`})
			c.given[p.id] = Point{p.x, p.y}
		}
		x0, y0, x1, y1 := xy[i], xy[i+1], xy[i+2], xy[i+3]
		pos := fmt.Sprintf("%s,%s %s,%s %s,%s %s,%s", num(x0), num(y0), num(x0+(x1-x0)/3), num(y0+(y1-y0)/3),
			num(x0+2*(x1-x0)/3), num(y0+2*(y1-y0)/3), num(x1), num(y1))
		c.g.edges = append(c.g.edges, dotEdge{a, b, append([]attr{{"pos", str(pos)}}, attrs...)})
	}
}

// text writes s with its middle at height y, left-aligned at x (align
// 'l'), right-aligned at x ('r') or centred on x ('c').
func (c *chart) text(s string, x, y, pt float64, color, font string, align byte) {
	w := textWidth(s, pt)
	label := leftLabel([]string{s})
	switch align {
	case 'l':
		x += w / 2
	case 'r':
		x -= w / 2
		label = strings.ReplaceAll(label, `\l`, `\r`)
	default:
		label = quote(s)
	}
	id := c.id()
	c.g.node(id, attr{"shape", "plaintext"}, attr{"margin", "0"}, attr{"fixedsize", "true"},
		attr{"width", num(w / 72)}, attr{"height", num(pt * 1.3 / 72)}, attr{"fontsize", num(pt)},
		attr{"fontname", str(font)}, attr{"fontcolor", str(color)}, attr{"label", label})
	c.given[id] = Point{x, y}
}

// marker draws a filled marker of shape at x, y.
func (c *chart) marker(x, y float64, shape, color string) {
	id := c.id()
	sz := 0.09
	if shape == "square" {
		sz = 0.08
	}
	c.g.node(id, attr{"shape", shape}, attr{"fixedsize", "true"}, attr{"width", num(sz)}, attr{"height", num(sz)},
		attr{"style", "filled"}, attr{"fillcolor", str(color)}, attr{"color", str(c.th.bg)}, attr{"penwidth", "0.5"},
		attr{"label", `" "`})
	c.given[id] = Point{x, y}
}

// niceStep is the step of at most five ticks from 0 to top: 1, 2 or 5
// times a power of ten, at least 1.
func niceStep(top float64) float64 {
	raw := top / 4
	if raw <= 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, f := range []float64{1, 2, 5, 10} {
		if f*p >= raw {
			return f * p
		}
	}
	return 10 * p
}

// panel draws a y axis from 0 to top over height h with its lowest point
// at y0, ticks every step labelled by label, horizontal grid lines, and
// the panel's title above; it returns the function from value to height.
func (c *chart) panel(x0, x1, y0, h, top, step float64, title string, label func(float64) string) func(float64) float64 {
	th := c.th
	yOf := func(v float64) float64 { return y0 + v/top*h }
	for v := 0.0; v <= top+1e-9; v += step {
		y := yOf(v)
		col := "#E4E4E4"
		if v == 0 {
			col = th.muted
		}
		c.line([]attr{{"color", str(col)}, {"penwidth", "0.75"}}, x0, y, x1, y)
		c.text(label(v), x0-6, y, th.small, th.muted, th.font, 'r')
	}
	c.line([]attr{{"color", str(th.muted)}, {"penwidth", "0.75"}}, x0, y0, x0, y0+h)
	c.plots = append(c.plots, [2]float64{y0, y0 + h})
	c.text(title, x0, y0+h+14, th.small+1, th.ink, th.boldFont, 'l')
	return yOf
}

func (c *chart) draw(pts []TimelinePoint, sw []Switch, isActor bool, tw TimeWindows) {
	th := c.th
	lo, hi := dayNum(pts[0].Start), dayNum(pts[len(pts)-1].End)
	pw := max(tlMinW, tlSlot*float64(len(pts)))
	x0 := 0.0
	xOf := func(d annotations.Date) float64 {
		if hi == lo {
			return x0 + pw/2
		}
		return x0 + (dayNum(d)-lo)/(hi-lo)*pw
	}
	x1 := x0 + pw
	// From the bottom up: the date axis, the coalition row or the
	// contestation panel, the share panel, the statements panel.
	y := 0.0
	for _, p := range pts {
		x := xOf(p.Mid)
		c.line([]attr{{"color", str(th.muted)}, {"penwidth", "0.75"}}, x, y, x, y-4)
		c.text(shortDate(p.Mid, false), x, y-12, th.small, th.ink, th.font, 'c')
	}
	c.line([]attr{{"color", str(th.muted)}, {"penwidth", "0.75"}}, x0, y, x1, y)
	c.text(fmt.Sprintf("Mid-point of each %s window (windows move by %s; %s)", sizeWords(tw.Size), spanWords(stepOf(tw)), yearsOf(pts)),
		x0+pw/2, y-28, th.small, th.ink, th.font, 'c')
	y += 14
	if isActor {
		c.text("Coalition in the window", x0, y+tlCoalH-4, th.small+1, th.ink, th.boldFont, 'l')
		for _, p := range pts {
			s := p.Coalition
			switch {
			case p.Support+p.Oppose == 0:
				s = "no statement"
			case s == "":
				s = "none"
			}
			lines := wrap(s, 16)
			for i, l := range lines {
				c.text(l, xOf(p.Mid), y+tlCoalH-22-float64(i)*(th.small*1.25), th.small, th.ink, th.font, 'c')
			}
		}
		y += tlCoalH + tlPanelGap/2
	} else {
		yOf := c.panel(x0, x1, y, tlShareH, 1, 0.5, "Contestation in the window (0 to 1)", num)
		var xy []float64
		for _, p := range pts {
			xy = append(xy, xOf(p.Mid), yOf(p.Contestation))
		}
		c.series(xy, c.lineStyle(th.muted, "dotted"), "circle", th.muted)
		y += tlShareH + tlPanelGap
	}
	// The share of support, with gaps where a window has no statement.
	yOf := c.panel(x0, x1, y, tlShareH, 100, 50, "Share of support (% of the statements in the window)", func(v float64) string { return fmt.Sprintf("%.0f", v) })
	var run []float64
	for _, p := range pts {
		if math.IsNaN(p.Share) {
			c.gaps++
			c.series(run, c.lineStyle(th.ink, "solid"), "circle", th.ink)
			run = nil
			continue
		}
		run = append(run, xOf(p.Mid), yOf(100*p.Share))
	}
	c.series(run, c.lineStyle(th.ink, "solid"), "circle", th.ink)
	y += tlShareH + tlPanelGap
	// The statements of each stance.
	most := 1
	for _, p := range pts {
		most = max(most, p.Support, p.Oppose)
	}
	step := niceStep(float64(most))
	top := math.Ceil(float64(most)/step) * step
	yOf = c.panel(x0, x1, y, tlCountH, top, step, "Statements in the window (count)", func(v float64) string { return fmt.Sprintf("%.0f", v) })
	var sup, opp []float64
	for _, p := range pts {
		sup = append(sup, xOf(p.Mid), yOf(float64(p.Support)))
		opp = append(opp, xOf(p.Mid), yOf(float64(p.Oppose)))
	}
	c.series(opp, c.lineStyle(th.oppose, "dashed"), "square", th.oppose)
	c.series(sup, c.lineStyle(th.support, "solid"), "circle", th.support)
	y += tlCountH
	// Stance switches: a vertical line at the date across the panels,
	// labelled above the chart, one label a line.
	for i, s := range sw {
		x := xOf(s.Date)
		for _, p := range c.plots {
			c.line([]attr{{"color", str(th.reverse)}, {"style", "dotted"}, {"penwidth", "1.5"}}, x, p[0], x, p[1])
		}
		arrow := "▼ oppose"
		if s.To == annotations.Support {
			arrow = "▲ support"
		}
		label := fmt.Sprintf("%s: switch to %s on %s", shortDate(s.Date, false), arrow, s.Claim)
		if !isActor {
			label = fmt.Sprintf("%s: %s switches to %s", shortDate(s.Date, false), s.Actor, arrow)
		}
		c.text(label, x, y+30+float64(len(sw)-1-i)*(th.small*1.4), th.small, th.reverse, th.font, 'c')
	}
}

// series draws a line through xy with a marker on each point.
func (c *chart) series(xy []float64, style []attr, shape, color string) {
	if len(xy) >= 4 {
		c.line(style, xy...)
	}
	for i := 0; i+1 < len(xy); i += 2 {
		c.marker(xy[i], xy[i+1], shape, color)
	}
}

func dayNum(d annotations.Date) float64 { return float64(d.Time().Unix() / 86400) }

// yearsOf names the year or years of the windows' mid-points.
func yearsOf(pts []TimelinePoint) string {
	a, b := pts[0].Mid.Year(), pts[len(pts)-1].Mid.Year()
	if a == b {
		return fmt.Sprintf("%d", a)
	}
	return fmt.Sprintf("%d–%d", a, b)
}

// ViewTimeline names the timeline chart (Timeline) where views are listed
// for the command line; it is not a view of Build.
const ViewTimeline = "timeline"

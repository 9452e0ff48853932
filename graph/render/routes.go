package render

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-graphviz"
)

// Edge routing around the nodes of the force layouts.
//
// Graphviz routes each edge as a spline that keeps esep points clear of
// every node's polygon, but an ellipse's obstacle is only half of esep
// larger than the ellipse, and a spline that bends around a node hugs its
// obstacle: a thick edge then reads as touching the node it passes. So
// the routing pass draws every ellipse as a polygon of ellipseSides sides
// of its size (whose obstacle grows by the whole of esep), and after it
// each edge is checked against every node it does not join; a node the
// edge's stroke comes closer to than routeClear is moved off the edge and
// the edges routed again, a few rounds at most.
const (
	// routeSep is esep, the room Graphviz keeps around every node when it
	// routes an edge. Graphviz routes every edge as a straight line when
	// two nodes grown by it touch, so twice it stays under overlapGap
	// with room for the nodes' outlines, which reach half their pen
	// width (up to 1.5 pt) beyond their boxes.
	routeSep = overlapGap/2 - 1.5
	// routeClear is the least gap, in points, between an edge's stroke
	// and a node it does not join.
	routeClear = 1.5
	// routeSlack is how much closer than routeClear an edge may come to
	// a node before the node is moved.
	routeSlack = 0.5
	// ellipseSides is the sides of the polygon an ellipse is routed as
	// (Graphviz's own obstacle for an ellipse has as many): its sides
	// touch the ellipse, and its corners are 8% of the radius out, so
	// the ends of the routed edges are moved onto the ellipse after
	// (route.touch).
	ellipseSides = 8
	// maxRouteRounds bounds the rounds of routing and moving nodes.
	maxRouteRounds = 4
)

// route routes the edges of pl between its nodes with Graphviz (neato
// -n2), moving a node off an edge that passes too close to it (see
// above). Edge labels are then put on their routed edges, and the edges
// routed again, each labelled edge through its label and every other edge
// around it (see splitAtLabels), so that no label reads as another
// edge's. It returns the DOT text of the graph with every node and edge
// placed, and its bounding box, and sets f.placed.
func (r *Renderer) route(ctx context.Context, f *Figure, pl *placement) ([]byte, box, error) {
	n := len(f.g.nodes) // the label nodes come after
	routes, err := r.routeRounds(ctx, f, pl, n, pl.g.edges)
	if err != nil {
		return nil, box{}, err
	}
	pieces := make([][2]int, len(pl.g.edges))
	for i := range pieces {
		pieces[i] = [2]int{i, -1}
	}
	if len(pl.labels) > 0 {
		lines := make([]polyline, len(routes))
		for i, rt := range routes {
			lines[i] = rt.line
		}
		placeLabels(pl.g, pl.boxes, pl.labels, lines, true)
		var edges []dotEdge
		edges, pieces = splitAtLabels(pl)
		if routes, err = r.routeRounds(ctx, f, pl, len(pl.g.nodes), edges); err != nil {
			return nil, box{}, err
		}
	}
	f.placed = pl.positions(len(f.g.nodes))

	g := pl.pinned()
	g.edges = slices.Clone(g.edges)
	var bb box
	for i, b := range pl.boxes {
		nb := box{b.x - b.hw, b.y - b.hh, b.x + b.hw, b.y + b.hh}
		if i == 0 {
			bb = nb
		}
		bb = box{min(bb.x0, nb.x0), min(bb.y0, nb.y0), max(bb.x1, nb.x1), max(bb.y1, nb.y1)}
	}
	for i := range g.edges {
		rt := routes[pieces[i][0]]
		if p := pieces[i][1]; p >= 0 {
			rt = joinRoutes(rt, routes[p])
		}
		g.edges[i].attrs = append(slices.Clone(g.edges[i].attrs), attr{"pos", str(rt.pos())})
		for _, p := range rt.ctrl {
			bb = box{min(bb.x0, p[0]), min(bb.y0, p[1]), max(bb.x1, p[0]), max(bb.y1, p[1])}
		}
	}
	bbText := num(bb.x0) + "," + num(bb.y0) + "," + num(bb.x1) + "," + num(bb.y1)
	return g.with(f.View, attr{"layout", str("nop2")}, attr{"overlap", "true"}, attr{"bb", str(bbText)}), bb, nil
}

// routeRounds routes edges between the first n nodes of pl (the others
// left out), moving the nodes that an edge passes too close to and
// routing again, a few rounds at most, and returns the routes by edge.
func (r *Renderer) routeRounds(ctx context.Context, f *Figure, pl *placement, n int, edges []dotEdge) ([]route, error) {
	index := make(map[string]int, n)
	for i, nd := range pl.g.nodes[:n] {
		index[nd.id] = i
	}
	for round := 0; ; round++ {
		// At the hundredths of a point Options.Positions keeps, so that
		// a figure drawn again at the positions it wrote is the same.
		for i := range pl.boxes[:n] {
			pl.boxes[i].x, pl.boxes[i].y = roundTo(pl.boxes[i].x, 2), roundTo(pl.boxes[i].y, 2)
		}
		routed, err := r.run(ctx, routingGraph(pl, n, edges).with(f.View, attr{"layout", str("nop2")}, attr{"overlap", "true"},
			attr{"esep", str("+" + num(routeSep))}), graphviz.NOP2, graphviz.Format("dot"))
		if err != nil {
			return nil, err
		}
		routes, err := parseRoutes(routed, edges, pl.g.nodes[0].id, pl.boxes[0].x, pl.boxes[0].y)
		if err != nil {
			return nil, err
		}
		for i, e := range edges {
			routes[i].touch(ellipseBox(pl, index[e.from]), ellipseBox(pl, index[e.to]))
		}
		if round == maxRouteRounds || !nudge(pl, n, edges, routes) {
			return routes, nil
		}
		separate(pl.boxes[:n], pl.fixed[:n])
	}
}

// ellipseBox returns the box of node i of pl if it is an ellipse that
// routingGraph draws as a polygon, else nil.
func ellipseBox(pl *placement, i int) *nodeBox {
	if !routedAsPolygon(pl.g.nodes[i]) {
		return nil
	}
	return &pl.boxes[i]
}

// routedAsPolygon reports whether routingGraph draws node n as a polygon
// in place of its ellipse.
func routedAsPolygon(n dotNode) bool {
	shape := strings.Trim(attrVal(n.attrs, "shape"), `"`)
	return shape == "ellipse" || shape == "oval"
}

// splitAtLabels returns the edges of pl's graph as they are routed: each
// labelled edge split at its label into two, from its tail to the label
// without an arrowhead and from the label to its head without an
// arrowtail, so that the edge passes through its label, and the other
// edges, which keep esep from every node, around it. pieces gives, for
// each edge of pl's graph, the index of the routed edge it starts with and
// of the one it ends with (-1 when it is routed whole).
func splitAtLabels(pl *placement) (edges []dotEdge, pieces [][2]int) {
	labelOf := make([]int, len(pl.g.edges))
	for i := range labelOf {
		labelOf[i] = -1
	}
	for _, l := range pl.labels {
		labelOf[l.edge] = l.node
	}
	pieces = make([][2]int, len(pl.g.edges))
	for i, e := range pl.g.edges {
		l := labelOf[i]
		if l < 0 {
			pieces[i] = [2]int{len(edges), -1}
			edges = append(edges, e)
			continue
		}
		id := pl.g.nodes[l].id
		pieces[i] = [2]int{len(edges), len(edges) + 1}
		edges = append(edges,
			dotEdge{e.from, id, setAttrs(e.attrs, attr{"arrowhead", "none"})},
			dotEdge{id, e.to, setAttrs(e.attrs, attr{"arrowtail", "none"})})
	}
	return edges, pieces
}

// routingGraph is pl's graph as it is routed, with its first n nodes
// (the label nodes left out, or not) and edges (see splitAtLabels): every
// node pinned at its place, each ellipse drawn as a polygon of its size
// and each label node as a box of its size.
func routingGraph(pl *placement, n int, edges []dotEdge) *dotGraph {
	isLabel := make([]bool, len(pl.g.nodes))
	for _, l := range pl.labels {
		isLabel[l.node] = true
	}
	g := pl.pinned()
	g.nodes = g.nodes[:n]
	g.edges = edges
	for i, nd := range g.nodes {
		b := pl.boxes[i]
		size := []attr{{"fixedsize", "true"}, {"width", num4(b.hw / 36)}, {"height", num4(b.hh / 36)}}
		switch {
		case isLabel[i]:
			g.nodes[i].attrs = setAttrs(nd.attrs, append(size, attr{"shape", "box"})...)
		case routedAsPolygon(nd):
			g.nodes[i].attrs = setAttrs(nd.attrs, append(size, attr{"shape", "polygon"},
				attr{"sides", strconv.Itoa(ellipseSides)}, attr{"peripheries", "1"})...)
		}
	}
	return g
}

// joinRoutes returns the route of an edge routed in two pieces, a ending
// and b starting at the edge's label: a's start, a straight piece across
// the label (which hides it) and b's end.
func joinRoutes(a, b route) route {
	p, q := a.ctrl[len(a.ctrl)-1], b.ctrl[0]
	ctrl := slices.Clone(a.ctrl)
	ctrl = append(ctrl, [2]float64{p[0] + (q[0]-p[0])/3, p[1] + (q[1]-p[1])/3},
		[2]float64{p[0] + 2*(q[0]-p[0])/3, p[1] + 2*(q[1]-p[1])/3})
	ctrl = append(ctrl, b.ctrl...)
	return route{s: a.s, e: b.e, ctrl: ctrl, line: sampleSpline(ctrl, 16)}
}

// route is an edge as Graphviz routed it: the arrowhead tips at its
// start and end, if it has arrowheads there, the control points of its
// spline, and the spline sampled into a line.
type route struct {
	s, e *[2]float64
	ctrl [][2]float64
	line polyline
}

// pos returns the route as Graphviz's pos attribute.
func (rt route) pos() string {
	var parts []string
	if rt.e != nil {
		parts = append(parts, "e,"+num(rt.e[0])+","+num(rt.e[1]))
	}
	if rt.s != nil {
		parts = append(parts, "s,"+num(rt.s[0])+","+num(rt.s[1]))
	}
	for _, p := range rt.ctrl {
		parts = append(parts, num(p[0])+","+num(p[1]))
	}
	return strings.Join(parts, " ")
}

// touch moves the ends of the route that meet an ellipse drawn as a
// polygon for the routing (see routingGraph) onto the ellipse itself:
// the arrowhead's tip, or the spline's end where it has no arrowhead,
// goes along the line to the node's centre to the ellipse, and the
// points next to it move with it, so that the end keeps its shape.
// tail and head are the boxes of the nodes at the start and the end,
// nil for a node that is not such an ellipse.
func (rt *route) touch(tail, head *nodeBox) {
	if len(rt.ctrl) < 4 {
		return
	}
	last := len(rt.ctrl) - 1
	for _, end := range []struct {
		b        *nodeBox
		tip      *[2]float64
		near     []int
		endpoint int
	}{{tail, rt.s, []int{0, 1}, 0}, {head, rt.e, []int{last, last - 1}, last}} {
		if end.b == nil {
			continue
		}
		p := rt.ctrl[end.endpoint]
		if end.tip != nil {
			p = *end.tip
		}
		k := math.Hypot((p[0]-end.b.x)/end.b.hw, (p[1]-end.b.y)/end.b.hh)
		if k < 1e-9 {
			continue
		}
		dx, dy := (p[0]-end.b.x)/k-(p[0]-end.b.x), (p[1]-end.b.y)/k-(p[1]-end.b.y)
		if end.tip != nil {
			end.tip[0], end.tip[1] = end.tip[0]+dx, end.tip[1]+dy
		}
		for _, i := range end.near {
			rt.ctrl[i][0], rt.ctrl[i][1] = rt.ctrl[i][0]+dx, rt.ctrl[i][1]+dy
		}
	}
	rt.line = sampleSpline(rt.ctrl, 16)
}

// edgeStmtRE finds an edge statement of Graphviz's DOT output (node ids
// in this package's figures are quoted and have no quote or backslash).
var edgeStmtRE = regexp.MustCompile(`(?m)^\s*"([^"\\]*)" -> "([^"\\]*)"\s*\[`)

// nodeStmtRE finds a node statement of Graphviz's DOT output.
var nodeStmtRE = regexp.MustCompile(`(?m)^\s*"([^"\\]*)"\s*\[`)

// parseRoutes reads the routes of the edges from Graphviz's DOT output,
// in the order of edges (edges between the same two nodes in the order
// Graphviz writes them, which is the order they were given), moved from
// Graphviz's frame (which it translates to put the drawing's corner at
// the origin) back to that of the node ref at the centre (x, y).
func parseRoutes(dot []byte, edges []dotEdge, ref string, x, y float64) ([]route, error) {
	var dx, dy float64
	found := false
	for _, m := range nodeStmtRE.FindAllSubmatchIndex(dot, -1) {
		if string(dot[m[2]:m[3]]) != ref {
			continue
		}
		attrs, err := attrList(dot[m[1]:])
		if err != nil {
			return nil, fmt.Errorf("routed node %s: %w", ref, err)
		}
		px, py, ok := strings.Cut(strings.TrimSuffix(attrs["pos"], "!"), ",")
		gx, err1 := strconv.ParseFloat(px, 64)
		gy, err2 := strconv.ParseFloat(py, 64)
		if !ok || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("routed node %s: pos %q", ref, attrs["pos"])
		}
		dx, dy, found = x-gx, y-gy, true
		break
	}
	if !found {
		return nil, fmt.Errorf("routed graph has no node %s", ref)
	}
	byPair := map[[2]string][]route{}
	for _, m := range edgeStmtRE.FindAllSubmatchIndex(dot, -1) {
		from, to := string(dot[m[2]:m[3]]), string(dot[m[4]:m[5]])
		attrs, err := attrList(dot[m[1]:])
		if err != nil {
			return nil, fmt.Errorf("routed edge %s -> %s: %w", from, to, err)
		}
		rt, err := parseRoute(attrs["pos"], dx, dy)
		if err != nil {
			return nil, fmt.Errorf("routed edge %s -> %s: %w", from, to, err)
		}
		k := [2]string{from, to}
		byPair[k] = append(byPair[k], rt)
	}
	out := make([]route, len(edges))
	for i, e := range edges {
		k := [2]string{e.from, e.to}
		if len(byPair[k]) == 0 {
			return nil, fmt.Errorf("routed graph has no edge %s -> %s", e.from, e.to)
		}
		out[i] = byPair[k][0]
		byPair[k] = byPair[k][1:]
	}
	return out, nil
}

// parseRoute reads an edge's pos attribute, moved by (dx, dy): optional
// arrowhead tips ("e,x,y" and "s,x,y") and the spline's control points,
// p0 and three for each cubic Bézier piece.
func parseRoute(pos string, dx, dy float64) (route, error) {
	var rt route
	for _, f := range strings.Fields(pos) {
		prefix := ""
		if strings.HasPrefix(f, "e,") || strings.HasPrefix(f, "s,") {
			prefix, f = f[:1], f[2:]
		}
		x, y, ok := strings.Cut(f, ",")
		px, err1 := strconv.ParseFloat(x, 64)
		py, err2 := strconv.ParseFloat(y, 64)
		if !ok || err1 != nil || err2 != nil {
			return route{}, fmt.Errorf("pos %q: point %q", pos, f)
		}
		p := [2]float64{px + dx, py + dy}
		switch prefix {
		case "e":
			rt.e = &p
		case "s":
			rt.s = &p
		default:
			rt.ctrl = append(rt.ctrl, p)
		}
	}
	if len(rt.ctrl) == 0 || (len(rt.ctrl)-1)%3 != 0 {
		return route{}, fmt.Errorf("pos %q: %d control points, not 3n+1", pos, len(rt.ctrl))
	}
	rt.line = sampleSpline(rt.ctrl, 16)
	return rt, nil
}

// sampleSpline samples the cubic B-spline of control points ctrl (p0, then
// three for each Bézier piece) at steps points a piece.
func sampleSpline(ctrl [][2]float64, steps int) polyline {
	if len(ctrl) < 4 {
		return polyline(slices.Clone(ctrl))
	}
	out := polyline{ctrl[0]}
	for k := 0; k+3 < len(ctrl); k += 3 {
		p0, p1, p2, p3 := ctrl[k], ctrl[k+1], ctrl[k+2], ctrl[k+3]
		for i := 1; i <= steps; i++ {
			t := float64(i) / float64(steps)
			u := 1 - t
			a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
			out = append(out, [2]float64{
				float64(a*p0[0]) + float64(b*p1[0]) + float64(c*p2[0]) + float64(d*p3[0]),
				float64(a*p0[1]) + float64(b*p1[1]) + float64(c*p2[1]) + float64(d*p3[1]),
			})
		}
	}
	return out
}

// attrList reads a DOT attribute list from its opening bracket (already
// consumed) to the closing one: key=value pairs, values quoted (with
// backslash escapes and line continuations), HTML-like (<...>) or bare.
func attrList(b []byte) (map[string]string, error) {
	out := map[string]string{}
	i := 0
	for {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r' || b[i] == ',' || b[i] == ';') {
			i++
		}
		if i >= len(b) {
			return nil, fmt.Errorf("attribute list not closed")
		}
		if b[i] == ']' {
			return out, nil
		}
		j := i
		for j < len(b) && b[j] != '=' && b[j] != ']' {
			j++
		}
		if j >= len(b) || b[j] != '=' {
			return nil, fmt.Errorf("attribute without a value")
		}
		key := string(bytes.TrimSpace(b[i:j]))
		i = j + 1
		var val strings.Builder
		switch {
		case i < len(b) && b[i] == '"':
			i++
			for i < len(b) && b[i] != '"' {
				if b[i] == '\\' && i+1 < len(b) {
					switch b[i+1] {
					case '\n':
					case '"':
						val.WriteByte('"')
					default:
						val.WriteByte('\\')
						val.WriteByte(b[i+1])
					}
					i += 2
					continue
				}
				val.WriteByte(b[i])
				i++
			}
			i++
		case i < len(b) && b[i] == '<':
			depth := 0
			for i < len(b) {
				if b[i] == '<' {
					depth++
				} else if b[i] == '>' {
					depth--
				}
				val.WriteByte(b[i])
				i++
				if depth == 0 {
					break
				}
			}
		default:
			for i < len(b) && b[i] != ',' && b[i] != ']' && b[i] != ' ' && b[i] != '\n' && b[i] != '\t' && b[i] != ';' {
				val.WriteByte(b[i])
				i++
			}
		}
		out[key] = val.String()
	}
}

// strokeHalf is half the width of an edge's stroke, in points: half its
// penwidth, times the number of parallel lines its colour list draws.
func strokeHalf(e dotEdge) float64 {
	pw, err := strconv.ParseFloat(strings.Trim(attrVal(e.attrs, "penwidth"), `"`), 64)
	if err != nil || pw <= 0 {
		pw = 1
	}
	lines := strings.Count(attrVal(e.attrs, "color"), ":") + 1
	return pw * float64(lines) / 2
}

// boxLike reports whether a node of shape is drawn as its box (for
// measuring clearance); other shapes are taken as the ellipse inside it.
func boxLike(shape string) bool {
	switch strings.Trim(shape, `"`) {
	case "box", "rect", "rectangle", "square", "note", "tab", "folder", "box3d", "component", "plaintext", "plain", "none":
		return true
	}
	return false
}

// clearance returns how far (x, y) must move, as a vector, to lie
// margin points outside the node b (an ellipse in its box, or the box
// when isBox), moving it straight away from the node's centre; it is
// zero when the point is that far out already.
func clearance(b nodeBox, isBox bool, margin float64, x, y float64) (dx, dy float64) {
	vx, vy := x-b.x, y-b.y
	d := math.Hypot(vx, vy)
	if d < 1e-9 {
		vx, vy, d = 0, 1, 1e-9
	}
	ux, uy := vx/d, vy/d
	a, c := b.hw+margin, b.hh+margin
	var reach float64 // from the centre to the grown outline along u
	if isBox {
		reach = math.Inf(1)
		if ux != 0 {
			reach = a / math.Abs(ux)
		}
		if uy != 0 {
			reach = min(reach, c/math.Abs(uy))
		}
	} else {
		reach = 1 / math.Sqrt((ux/a)*(ux/a)+(uy/c)*(uy/c))
	}
	if d >= reach {
		return 0, 0
	}
	return ux * (reach - d), uy * (reach - d)
}

// nudge moves every node of pl's first n that the stroke of one of edges
// (routed as routes) passes closer than routeClear to (the edge not being
// one of its own) away from the edge, by as much as the deepest point of
// the edge is too close; a node several edges pass moves by the sum.
// Pinned nodes stay. It reports whether it moved any.
func nudge(pl *placement, n int, edges []dotEdge, routes []route) bool {
	index := make(map[string]int, n)
	for i, nd := range pl.g.nodes[:n] {
		index[nd.id] = i
	}
	isBox := make([]bool, n)
	for i, nd := range pl.g.nodes[:n] {
		isBox[i] = boxLike(attrVal(nd.attrs, "shape"))
	}
	move := make([][2]float64, n)
	moved := false
	for ei, e := range edges {
		line := routes[ei].line
		if len(line) < 2 {
			continue
		}
		from, to := index[e.from], index[e.to]
		margin := strokeHalf(e) + routeClear
		for i := range n {
			if i == from || i == to || pl.fixed[i] {
				continue
			}
			b := pl.boxes[i]
			// The deepest point: the one that must move the most.
			var best [2]float64
			for _, p := range line {
				if math.Abs(p[0]-b.x) > b.hw+margin || math.Abs(p[1]-b.y) > b.hh+margin {
					continue
				}
				dx, dy := clearance(b, isBox[i], margin, p[0], p[1])
				if dx*dx+dy*dy > best[0]*best[0]+best[1]*best[1] {
					best = [2]float64{dx, dy}
				}
			}
			// A spline Graphviz bent round the node hugs its obstacle:
			// moving the node would not move it off, and a shortfall
			// this small does not show.
			if l := math.Hypot(best[0], best[1]); l > routeSlack {
				// The point moves out by moving the node the other way,
				// and a little more, so that rounding keeps it clear.
				move[i][0] -= best[0] * (l + 1) / l
				move[i][1] -= best[1] * (l + 1) / l
				moved = true
			}
		}
	}
	for i, m := range move {
		pl.boxes[i].x += m[0]
		pl.boxes[i].y += m[1]
	}
	return moved
}

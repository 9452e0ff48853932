package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Legend geometry, in points.
const (
	legendGap    = 24   // between the graph and the legend, and between sections
	sampleW      = 40   // width of the sample column
	sampleGap    = 8    // between a sample and its text
	rowMin       = 17   // least height of a legend row
	headingH     = 20   // height of a section heading
	charW        = 0.62 // estimated advance of a character, in ems (wide enough for DejaVu Sans)
	minCaptionW  = 360  // least width the caption is wrapped to
	maxLegendCol = 6    // most sections side by side under a graph
)

var bbRE = regexp.MustCompile(`bb="(-?[0-9.e+]+),(-?[0-9.e+]+),(-?[0-9.e+]+),(-?[0-9.e+]+)"`)

// box is a rectangle in Graphviz's coordinates (points, y up).
type box struct{ x0, y0, x1, y1 float64 }

func (b box) w() float64 { return b.x1 - b.x0 }
func (b box) h() float64 { return b.y1 - b.y0 }

// layoutBB reads the bounding box of the graph from Graphviz's DOT output.
func layoutBB(laid []byte) (box, error) {
	m := bbRE.FindSubmatch(laid)
	if m == nil {
		return box{}, fmt.Errorf("layout output has no bounding box")
	}
	var bb box
	for i, p := range []*float64{&bb.x0, &bb.y0, &bb.x1, &bb.y1} {
		v, err := strconv.ParseFloat(string(m[i+1]), 64)
		if err != nil {
			return box{}, fmt.Errorf("layout output: bounding box: %w", err)
		}
		*p = v
	}
	return bb, nil
}

// compose takes the DOT text of f's graph with its nodes placed (as
// Graphviz wrote it after the layout, or pinned by claimnet), whose
// bounding box is bb, and adds the title, the legend and the caption at
// fixed positions beside the box: below it when the graph is wider than
// tall, else to its right. The result is laid out by neato -n2, which
// keeps every position and edge route.
func compose(laid []byte, bb box, f *Figure) ([]byte, error) {
	end := bytes.LastIndexByte(laid, '}')
	if end < 0 {
		return nil, fmt.Errorf("layout output is not a graph")
	}
	c := &composer{th: f.th}
	c.buf.Write(laid[:end])
	c.buf.WriteString("\t// claimnet: legend, title and caption at fixed positions; lay out with neato -n2\n")

	// A figure sized for a page keeps its legend below, within the
	// graph's width where it can: the width is what the page limits.
	// A figure for a landscape box (a slide) has its legend on the
	// right, where its height is what the box limits.
	sized := f.size.Width > 0
	below := bb.w() >= bb.h() || len(f.legend) == 0 || sized
	if f.size.landscape() && len(f.legend) > 0 {
		below = false
	}
	var used box
	if below {
		used = c.legendBelow(f.legend, bb, f.size, f.legendWidth)
	} else {
		used = c.legendRight(f.legend, bb)
	}
	// The caption and the note go under everything, as wide as the figure.
	left := min(bb.x0, used.x0)
	width := max(max(bb.x1, used.x1)-left, captionWidth(f.size, c.th))
	y := min(bb.y0, used.y0) - legendGap
	if f.caption != "" {
		y = c.paragraph(f.caption, left, y, width, c.th.fontSize, c.th.ink) - 6
	}
	if f.Note != "" {
		c.paragraph("Shown: "+f.Note+".", left, y, width, c.th.small, c.th.muted)
	}
	// Keep Graphviz's positions: no second overlap removal or scaling.
	c.buf.WriteString("\tgraph [overlap=true, overlap_scaling=0, layout=nop2];\n")
	if f.title != "" {
		fmt.Fprintf(&c.buf, "\tgraph [label=%s, labelloc=t, labeljust=l, fontsize=%s, fontname=%s, fontcolor=%s];\n",
			html(escapeHTML(f.title)), num(c.th.title), str(c.th.boldFont), str(c.th.ink))
	}
	c.buf.WriteString("}\n")
	return c.buf.Bytes(), nil
}

// captionWidth is the least width the caption and the note are wrapped
// to: minCaptionW, or for a figure drawn at a width less, so that they
// leave its text at the least size (a column is narrower than
// minCaptionW at 7 pt).
func captionWidth(sz sizing, th *theme) float64 {
	if sz.Width > 0 {
		return min(minCaptionW, pageLimit(sz, th))
	}
	return minCaptionW
}

// composer writes the fixed-position statements.
type composer struct {
	th  *theme
	buf bytes.Buffer
	n   int // legend node counter
}

func (c *composer) id() string {
	c.n++
	return fmt.Sprintf("legend:%d", c.n)
}

// textWidth estimates the width of s in points at size pt.
func textWidth(s string, pt float64) float64 {
	// float64(...) keeps callers' sums from being fused with it.
	return float64(float64(utf8.RuneCountInString(s)) * charW * pt)
}

// sectionSize is the width and height a legend section needs.
func (c *composer) sectionSize(s legendSection) (w, h float64) {
	w = textWidth(s.title, c.th.small+1)
	h = headingH
	sw := sampleColumn(s)
	if s.nested {
		for _, it := range s.items {
			w = max(w, sw+sampleGap+textWidth(it.label, c.th.small))
		}
		_, _, up, down := nestedRows(s, c.th)
		return w, h + 2 + up + down
	}
	for _, it := range s.items {
		w = max(w, sw+sampleGap+textWidth(it.label, c.th.small))
		h += rowHeight(it)
	}
	return w, h
}

// sampleColumn is the width of a section's sample column: room for its
// widest node sample, and at least sampleW.
func sampleColumn(s legendSection) float64 {
	w := float64(sampleW)
	for _, it := range s.items {
		sw, _ := sampleSize(it)
		w = max(w, sw)
	}
	return w
}

func rowHeight(it legendItem) float64 {
	_, h := sampleSize(it)
	return max(rowMin, h+4)
}

// sampleSize is the size of a node sample in points.
func sampleSize(it legendItem) (w, h float64) {
	if it.node == nil {
		return sampleW, 0
	}
	w, h = 0.4*72, 0.22*72
	for _, a := range it.node {
		v, err := strconv.ParseFloat(a.val, 64)
		if err != nil {
			continue
		}
		switch a.key {
		case "width":
			w = v * 72
		case "height":
			h = v * 72
		}
	}
	return w, h
}

// legendBelow places the sections under bb in columns: as many columns
// as fit in about the graph's width, each section going to the column
// that is shortest so far, so the legend stays compact.
// sz is the size the figure is drawn at, if any.
func (c *composer) legendBelow(secs []legendSection, bb box, sz sizing, width float64) box {
	used := box{bb.x0, bb.y0, bb.x0, bb.y0}
	if len(secs) == 0 {
		return used
	}
	ws := make([]float64, len(secs))
	hs := make([]float64, len(secs))
	for i, s := range secs {
		ws[i], hs[i] = c.sectionSize(s)
	}
	limit := max(1.3*bb.w(), 600)
	if sz.Width > 0 {
		// As wide as the page, with the legend's text drawn at 8 pt
		// (or the least size allowed, if larger): a graph narrower than
		// that is otherwise drawn larger than its natural size, its
		// legend stacked down the page in one column.
		limit = max(bb.w(), captionWidth(sz, c.th), sz.Width*c.th.small/max(8, sz.MinFont))
	}
	if width > 0 {
		limit = max(bb.w(), width)
	}
	var cols [][]int
	var total float64
	for k := min(len(secs), maxLegendCol); k >= 1; k-- {
		cols = masonry(hs, k)
		total = legendGap * float64(k-1)
		for _, col := range cols {
			cw := 0.0
			for _, i := range col {
				cw = max(cw, ws[i])
			}
			total += cw
		}
		if total <= limit {
			break
		}
	}
	// A legend wider than the graph is centred under it.
	x, top := bb.x0+min(bb.w()-total, 0)/2, bb.y0-legendGap
	used.x0, used.x1 = x, x
	for _, col := range cols {
		y, cw := top, 0.0
		for _, i := range col {
			cw = max(cw, ws[i])
		}
		for _, i := range col {
			c.section(secs[i], x, y, cw)
			y -= hs[i] + legendGap/2
		}
		used.x1 = max(used.x1, x+cw)
		used.y0 = min(used.y0, y+legendGap/2)
		x += cw + legendGap
	}
	return used
}

// masonry deals sections of heights hs, in order, into k columns, each
// to the column that is shortest so far (the leftmost of equals).
func masonry(hs []float64, k int) [][]int {
	cols := make([][]int, k)
	height := make([]float64, k)
	for i, h := range hs {
		best := 0
		for j := 1; j < k; j++ {
			if height[j] < height[best] {
				best = j
			}
		}
		cols[best] = append(cols[best], i)
		height[best] += h + legendGap/2
	}
	out := cols[:0]
	for _, col := range cols {
		if len(col) > 0 {
			out = append(out, col)
		}
	}
	return out
}

// legendRight places the sections to the right of bb, top-aligned, in as
// few columns as keep the legend no taller than bb (one column at most
// per section), each section going to the column that is shortest so far.
func (c *composer) legendRight(secs []legendSection, bb box) box {
	ws := make([]float64, len(secs))
	hs := make([]float64, len(secs))
	for i, s := range secs {
		ws[i], hs[i] = c.sectionSize(s)
	}
	var cols [][]int
	for k := 1; k <= len(secs); k++ {
		cols = masonry(hs, k)
		tallest := 0.0
		for _, col := range cols {
			h := 0.0
			for _, i := range col {
				h += hs[i] + legendGap/2
			}
			tallest = max(tallest, h)
		}
		if tallest <= bb.h()+legendGap/2 {
			break
		}
	}
	x := bb.x1 + legendGap
	used := box{x, bb.y0, x, bb.y1}
	for _, col := range cols {
		top, cw := bb.y1, 0.0
		for _, i := range col {
			cw = max(cw, ws[i])
		}
		for _, i := range col {
			c.section(secs[i], x, top, cw)
			top -= hs[i] + legendGap/2
			used.y0 = min(used.y0, top)
		}
		used.x1 = max(used.x1, x+cw)
		x += cw + legendGap
	}
	return used
}

// nestedRows returns, for a nested section, the heights of its samples,
// and the heights of their labels' middles above the samples' shared
// bottom: each at its sample's top, or rowMin under the label above when
// that is higher (the tops of samples of near sizes are close). up and
// down are how far the section reaches above and below that bottom.
func nestedRows(s legendSection, th *theme) (hs, labels []float64, up, down float64) {
	hs = make([]float64, len(s.items))
	labels = make([]float64, len(s.items))
	for i, it := range s.items {
		_, hs[i] = sampleSize(it)
		labels[i] = hs[i]
		if i > 0 {
			labels[i] = min(labels[i], labels[i-1]-rowMin)
		}
	}
	half := th.small * 1.3 / 2 // half a label's height
	up = max(hs[0], labels[0]+half)
	down = max(0, half-labels[len(labels)-1])
	return hs, labels, up, down
}

// nestedSection draws the samples of a nested section (see
// legendSection) under top, with a thin leader from each sample's top to
// its label.
func (c *composer) nestedSection(s legendSection, x, top, w float64) {
	th := c.th
	sw := sampleColumn(s)
	hs, labels, up, _ := nestedRows(s, th)
	base := top - 2 - up // the samples' shared bottom
	cx := x + sw/2
	for i, it := range s.items {
		c.nodeSample(cx, base+hs[i]/2, it.node)
		x0, y0 := cx, base+hs[i]
		x1, y1 := x+sw+sampleGap-2, base+labels[i]
		var pos []string
		for k := range 4 {
			t := float64(k) / 3
			pos = append(pos, num(x0+t*(x1-x0))+","+num(y0+t*(y1-y0)))
		}
		c.edgeSample(x0, y0, x1, y1, []attr{{"label", `""`}, {"tooltip", `""`}, {"dir", "none"},
			{"color", str(th.muted)}, {"penwidth", "0.5"}, {"pos", str(strings.Join(pos, " "))}})
		c.text(it.label, x+sw+sampleGap, y1, w-sw-sampleGap, th.small, th.ink, th.font)
	}
}

// nodeSample writes a legend node drawn with attrs, centred at x, y.
func (c *composer) nodeSample(x, y float64, attrs []attr) {
	fmt.Fprintf(&c.buf, "\t%s", quote(c.id()))
	writeAttrList(&c.buf, append([]attr{{"label", `" "`}, {"fixedsize", "true"},
		{"pos", str(num(x) + "," + num(y) + "!")}}, attrs...))
	c.buf.WriteString(";\n")
}

// edgeSample writes a legend edge drawn with attrs (its pos among them)
// between invisible points at x0, y0 and x1, y1.
func (c *composer) edgeSample(x0, y0, x1, y1 float64, attrs []attr) {
	a, b := c.id(), c.id()
	for _, p := range []struct {
		id   string
		x, y float64
	}{{a, x0, y0}, {b, x1, y1}} {
		fmt.Fprintf(&c.buf, "\t%s [shape=point, style=invis, width=0.01, height=0.01, label=\"\", pos=\"%s,%s!\"];\n",
			quote(p.id), num(p.x), num(p.y))
	}
	fmt.Fprintf(&c.buf, "\t%s -> %s", quote(a), quote(b))
	writeAttrList(&c.buf, attrs)
	c.buf.WriteString(";\n")
}

// section writes one legend section with its top-left corner at x, top.
func (c *composer) section(s legendSection, x, top, w float64) {
	th := c.th
	c.text(s.title, x, top-headingH/2, w, th.small+1, th.ink, th.boldFont)
	if s.nested {
		c.nestedSection(s, x, top-headingH, w)
		return
	}
	y := top - headingH
	sw := sampleColumn(s)
	for _, it := range s.items {
		h := rowHeight(it)
		cy := y - h/2
		switch {
		case it.edge != nil:
			c.edgeSample(x+2, cy, x+sampleW, cy, append([]attr{{"label", `""`}, {"tooltip", `""`},
				{"pos", str(samplePos(it.edge, x+2, x+sampleW, cy))}}, it.edge...))
		case it.node != nil:
			c.nodeSample(x+sw/2, cy, it.node)
		}
		c.text(it.label, x+sw+sampleGap, cy, w-sw-sampleGap, th.small, th.ink, th.font)
		y -= h
	}
}

// text writes one line of left-aligned text whose left edge is at x and
// middle at y.
func (c *composer) text(s string, x, y, w, pt float64, color, font string) {
	w = max(w, textWidth(s, pt))
	fmt.Fprintf(&c.buf, "\t%s [shape=plaintext, margin=0, fixedsize=true, width=%s, height=%s, fontsize=%s, fontname=%s, fontcolor=%s, label=%s, pos=\"%s,%s!\"];\n",
		quote(c.id()), num(w/72), num(pt*1.3/72), num(pt), str(font), str(color), leftLabel([]string{s}), num(x+w/2), num(y))
}

// paragraph writes s wrapped to width points below y (the top) and
// returns the y of its bottom.
func (c *composer) paragraph(s string, x, y, width, pt float64, color string) float64 {
	perLine := max(int(width/(charW*pt)), 20)
	lines := wrap(s, perLine)
	lineH := pt * 1.25
	h := float64(len(lines)) * lineH
	fmt.Fprintf(&c.buf, "\t%s [shape=plaintext, margin=0, fixedsize=true, width=%s, height=%s, fontsize=%s, fontname=%s, fontcolor=%s, label=%s, pos=\"%s,%s!\"];\n",
		quote(c.id()), num(width/72), num(h/72), num(pt), str(c.th.font), str(color), leftLabel(lines), num(x+width/2), num(y-h/2))
	return y - h
}

// leftLabel is a quoted DOT label of left-justified lines.
func leftLabel(lines []string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, l := range lines {
		q := quote(l)
		b.WriteString(q[1 : len(q)-1])
		b.WriteString(`\l`)
	}
	b.WriteByte('"')
	return b.String()
}

// arrowLength is the length, in points, Graphviz gives an arrowhead of
// the given type at arrowsize 0.8 (the figures' edge default).
func arrowLength(typ string) float64 {
	switch typ {
	case "none":
		return 0
	case "tee":
		return 3.2
	case "dot":
		return 6.4
	case "odiamond", "diamond":
		return 9.6
	}
	return 8
}

// samplePos is the pos attribute of a straight legend edge from x0 to x1
// at height y: a cubic Bézier spline between the arrowheads, with the
// start and end points of the arrowheads the edge attributes call for.
// With every edge positioned, neato -n2 keeps Graphviz's routes of the
// figure's edges instead of routing them all again.
func samplePos(attrs []attr, x0, x1, y float64) string {
	head, tail, dir := "normal", "normal", "forward"
	for _, a := range attrs {
		switch a.key {
		case "arrowhead":
			head = a.val
		case "arrowtail":
			tail = a.val
		case "dir":
			dir = a.val
		}
	}
	var pre string
	a, b := x0, x1
	if dir == "forward" || dir == "both" {
		if l := arrowLength(head); l > 0 {
			pre += "e," + num(x1) + "," + num(y) + " "
			b = x1 - l
		}
	}
	if dir == "back" || dir == "both" {
		if l := arrowLength(tail); l > 0 {
			pre += "s," + num(x0) + "," + num(y) + " "
			a = x0 + l
		}
	}
	third := (b - a) / 3
	return pre + num(a) + "," + num(y) + " " + num(a+third) + "," + num(y) + " " +
		num(b-third) + "," + num(y) + " " + num(b) + "," + num(y)
}

// centredLabel is a quoted DOT label of centred lines.
func centredLabel(lines []string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, l := range lines {
		if i > 0 {
			b.WriteString(`\n`)
		}
		q := quote(l)
		b.WriteString(q[1 : len(q)-1])
	}
	b.WriteByte('"')
	return b.String()
}

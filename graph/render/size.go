package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// DefaultMinFont is the smallest text, in points, a figure drawn at a
// given size may have when Options.MinFont is 0: the least size journals
// accept for text in figures.
const DefaultMinFont = 7

// Presets are the sizes Options can be given by name: the width of a
// journal's column, of a page's text block and of a slide, each with the
// height it leaves a figure and the least text size.
var Presets = map[string]Preset{
	"column": {Width: 8.5 / 2.54 * 72, Height: 23 / 2.54 * 72, MinFont: DefaultMinFont},
	"page":   {Width: 17 / 2.54 * 72, Height: 23 / 2.54 * 72, MinFont: DefaultMinFont},
	"slide":  {Width: 25 / 2.54 * 72, MinFont: 12},
}

// PresetNames lists the keys of Presets in the order help texts show them.
var PresetNames = []string{"column", "page", "slide"}

// Preset is a figure size: the width and the greatest height in points
// (0: any), and the smallest text, in points, the figure may have at that
// size. The height of a page or a column is what a text block leaves (23
// cm of an A4 or letter page, with room for the caption line). A slide's
// is not bounded: its text is larger than the page's, and at 25 × 14 cm,
// the legend on the right, only the built-in dataset's arguments view
// fitted with 12 pt text (with a Top of 2).
type Preset struct {
	Width, Height, MinFont float64
}

var lengthRE = regexp.MustCompile(`^\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(cm|mm|in|pt|px)\s*$`)

// ParseLength reads a length such as "17cm", "170mm", "6.5in" or "480pt"
// and returns it in points (1 in = 72 pt = 2.54 cm; px is taken as pt).
func ParseLength(s string) (float64, error) {
	m := lengthRE.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return 0, fmt.Errorf("length %q: want a positive number and a unit, cm, mm, in or pt (17cm, 6.5in, 480pt)", s)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil || !(v > 0) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("length %q: want a positive number and a unit, cm, mm, in or pt", s)
	}
	switch m[2] {
	case "cm":
		v *= 72 / 2.54
	case "mm":
		v *= 72 / 25.4
	case "in":
		v *= 72
	}
	return v, nil
}

// sizing is the part of Options that sizes a drawn figure.
type sizing struct {
	Width, Height, MinFont, DPI float64
}

func (o Options) sizing() (sizing, error) {
	s := sizing{Width: o.Width, Height: o.Height, MinFont: o.MinFont, DPI: o.DPI}
	for _, v := range []struct {
		name string
		v    float64
	}{{"width", s.Width}, {"height", s.Height}, {"minimum font size", s.MinFont}, {"resolution", s.DPI}} {
		if !(v.v >= 0) || math.IsInf(v.v, 0) {
			return s, fmt.Errorf("%s %v: want a positive number (0 for the default)", v.name, v.v)
		}
	}
	if s.MinFont == 0 {
		s.MinFont = DefaultMinFont
	}
	return s, nil
}

// FitError is the error of a figure that cannot be drawn at the size asked
// for without text smaller than the least size allowed.
type FitError struct {
	// Width and Height are the figure's natural size in points, Scale the
	// factor the size asked for would shrink it by.
	Width, Height, Scale float64
	// Smallest is the smallest text of the figure at its natural size and
	// MinFont the least size allowed, in points.
	Smallest, MinFont float64
	// Nodes is the figure's node count (Renderer.LargestTop finds how
	// many would fit).
	Nodes int
}

func (e *FitError) Error() string {
	return fmt.Sprintf("the figure is %.0f × %.0f pt; drawn %.0f × %.0f pt, its smallest text (%.3g pt) would be %.1f pt, below the least size %.3g pt: keep fewer of its %d nodes, or draw it larger",
		e.Width, e.Height, e.Width*e.Scale, e.Height*e.Scale, e.Smallest, e.Smallest*e.Scale, e.MinFont, e.Nodes)
}

// scale returns the factor the drawing d is drawn at: 1 when no size is
// given, else the largest that keeps it within the width and the height
// asked for. It is a *FitError when that would make any text smaller than
// MinFont.
func (s sizing) scale(d *drawing, nodes int) (float64, error) {
	k := 1.0
	switch {
	case s.Width > 0 && s.Height > 0:
		k = min(s.Width/d.w, s.Height/d.h)
	case s.Width > 0:
		k = s.Width / d.w
	case s.Height > 0:
		k = s.Height / d.h
	default:
		return 1, nil
	}
	if d.minFont > 0 && d.minFont*k < s.MinFont-1e-9 {
		return 0, &FitError{Width: d.w, Height: d.h, Scale: k, Smallest: d.minFont, MinFont: s.MinFont, Nodes: nodes}
	}
	return k, nil
}

var svgSizeRE = regexp.MustCompile(`<svg width="[0-9.]+pt" height="[0-9.]+pt"`)

// resizeSVG sets the size at which Graphviz's SVG is shown, keeping its
// viewBox: the drawing is scaled to w × h points.
func resizeSVG(svg []byte, w, h float64) []byte {
	loc := svgSizeRE.FindIndex(svg)
	if loc == nil {
		return svg
	}
	var out bytes.Buffer
	out.Write(svg[:loc[0]])
	fmt.Fprintf(&out, `<svg width="%spt" height="%spt"`, num(w), num(h))
	out.Write(svg[loc[1]:])
	return out.Bytes()
}

// svgLabel is one text element of an SVG in the SVG's user units, with its
// font size; for tests and the smallest-text check.
type svgLabel struct {
	x, y, size float64
	anchor     string
	text       string
	bold       bool
}

// svgTexts reads the text elements of Graphviz's SVG, their positions
// mapped through the graph group's transform.
func svgTexts(svg []byte) ([]svgLabel, error) {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	sx, tx, ty := 1.0, 0.0, 0.0
	var out []svgLabel
	var cur *svgLabel
	var sb strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read svg: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "g":
				p := &painter{sx: 1}
				if tr := attrOf(t, "transform"); tr != "" {
					p.transform(tr)
					sx, tx, ty = p.sx, p.tx, p.ty
				}
			case "text":
				x, _ := strconv.ParseFloat(attrOf(t, "x"), 64)
				y, _ := strconv.ParseFloat(attrOf(t, "y"), 64)
				size, err := strconv.ParseFloat(attrOf(t, "font-size"), 64)
				if err != nil {
					size = 14
				}
				cur = &svgLabel{x: sx * (x + tx), y: sx * (y + ty), size: sx * size, anchor: attrOf(t, "text-anchor"),
					bold: attrOf(t, "font-weight") == "bold"}
				sb.Reset()
			}
		case xml.CharData:
			if cur != nil {
				sb.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local == "text" && cur != nil {
				cur.text = sb.String()
				if strings.TrimSpace(cur.text) != "" {
					out = append(out, *cur)
				}
				cur = nil
			}
		}
	}
}

// pageAspect is the width to height ratio a figure drawn at a given width
// is laid out towards: a page is taller than wide, and its width is what
// limits the figure.
const pageAspect = 0.8

// landscapeFree is the part of a landscape box's width its graph is laid
// out towards: the legend, on the right, takes the rest.
const landscapeFree = 0.6

// landscape reports whether s is a box wider than high (a slide), whose
// legend goes right of the graph.
func (s sizing) landscape() bool { return s.Height > 0 && s.Width > s.Height }

// legendFree is the part of a figure's height its graph is laid out
// towards when the figure has a greatest height: the legend, caption and
// note below take the rest.
const legendFree = 0.75

// aspect is the width to height ratio f's force layout aims at: with a
// width and height given, theirs; with a width only, pageAspect; else 0
// (none).
func (f *Figure) aspect() float64 {
	switch {
	case f.size.landscape():
		// The legend goes right of the graph, which aims at the left
		// part of the box.
		return f.size.Width * landscapeFree / f.size.Height
	case f.size.Width > 0 && f.size.Height > 0:
		// The legend goes below the graph: a graph laid out as tall as
		// the box leaves the figure taller than the box, so the graph
		// aims at the upper three quarters of the box.
		return max(f.size.Width/(f.size.Height*legendFree), pageAspect)
	case f.size.Width > 0:
		return pageAspect
	}
	return 0
}

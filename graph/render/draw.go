package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
	"github.com/tdewolff/canvas/renderers/rasterizer"
)

// mmPerPt converts points, Graphviz's unit, to millimetres, canvas's.
const mmPerPt = 25.4 / 72

// DefaultDPI is the resolution of a PNG when Options.DPI is 0.
const DefaultDPI = 300

// maxPixels bounds the longer side of a PNG; a figure that would be
// larger at its resolution is drawn at a lower one.
const maxPixels = 12000

// fontSet is the fonts the PDF and PNG are drawn with, built into the
// binary: Liberation Sans and Serif, whose widths are Helvetica's and
// Times's (the metrics Graphviz sizes every label with), so text fills
// exactly the room the layout made for it; and DejaVu Sans for what they
// lack (Arabic script among it).
type fontSet struct {
	sans, sansBold, serif, serifBold *canvas.Font
	fallback, fallbackBold           *canvas.Font
}

func loadFonts() (*fontSet, error) {
	var fs fontSet
	for _, f := range []struct {
		dst  **canvas.Font
		data []byte
		name string
	}{
		{&fs.sans, liberationsansregular.TTF, "Liberation Sans"},
		{&fs.sansBold, liberationsansbold.TTF, "Liberation Sans Bold"},
		{&fs.serif, liberationserifregular.TTF, "Liberation Serif"},
		{&fs.serifBold, liberationserifbold.TTF, "Liberation Serif Bold"},
		{&fs.fallback, dejavusans.TTF, "DejaVu Sans"},
		{&fs.fallbackBold, dejavusansbold.TTF, "DejaVu Sans Bold"},
	} {
		font, err := canvas.LoadFont(f.data, 0, canvas.FontRegular)
		if err != nil {
			return nil, fmt.Errorf("built-in font %s: %w", f.name, err)
		}
		*f.dst = font
	}
	return &fs, nil
}

// drawing is a figure read from the SVG Graphviz writes, ready to be drawn
// on any canvas renderer at a given scale.
type drawing struct {
	svg []byte
	// w and h are the figure's natural size in points (the SVG's viewBox),
	// minFont the size of its smallest text.
	w, h, minFont float64
}

func newDrawing(svg []byte) (*drawing, error) {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("read svg: no <svg> element")
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "svg" {
			vb := strings.Fields(attrOf(t, "viewBox"))
			if len(vb) != 4 {
				return nil, fmt.Errorf("read svg: viewBox %q", attrOf(t, "viewBox"))
			}
			w, err1 := strconv.ParseFloat(vb[2], 64)
			h, err2 := strconv.ParseFloat(vb[3], 64)
			if err1 != nil || err2 != nil || !(w > 0) || !(h > 0) {
				return nil, fmt.Errorf("read svg: viewBox %q", attrOf(t, "viewBox"))
			}
			texts, err := svgTexts(svg)
			if err != nil {
				return nil, err
			}
			d := &drawing{svg: svg, w: w, h: h}
			for _, t := range texts {
				if d.minFont == 0 || t.size < d.minFont {
					d.minFont = t.size
				}
			}
			return d, nil
		}
	}
}

// writePDF draws d as a one-page PDF scale times its natural size, with
// its fonts embedded (subset). The PDF carries no date (reproducible), so
// the same figure gives the same bytes.
func (d *drawing) writePDF(ctx context.Context, scale float64, w io.Writer) error {
	fonts, err := loadFonts()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	W, H := d.w*scale*mmPerPt, d.h*scale*mmPerPt
	p := pdf.New(&buf, W, H, &pdf.Options{Compress: true, SubsetFonts: true})
	if err := d.draw(ctx, canvas.NewContext(p), fonts, scale, H); err != nil {
		return err
	}
	if err := p.Close(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	out, err := reproducible(buf.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// writePNG draws d as a PNG at dpi pixels per inch of its size scale
// times its natural size (at most maxPixels a side).
func (d *drawing) writePNG(ctx context.Context, scale, dpi float64, w io.Writer) error {
	fonts, err := loadFonts()
	if err != nil {
		return err
	}
	if px := max(d.w, d.h) * scale / 72 * dpi; px > maxPixels {
		dpi *= maxPixels / px
	}
	W, H := d.w*scale*mmPerPt, d.h*scale*mmPerPt
	r := rasterizer.New(W, H, canvas.DPI(dpi), canvas.DefaultColorSpace)
	// The image is the figure's size rounded to whole pixels, so the
	// page drawn below may leave part of a row or column along an edge
	// uncovered: all of it starts white and opaque.
	draw.Draw(r.Image, r.Image.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	if err := d.draw(ctx, canvas.NewContext(r), fonts, scale, H); err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(w, r.Image); err != nil {
		return fmt.Errorf("png: %w", err)
	}
	return nil
}

// painter draws the SVG's elements on a canvas context.
type painter struct {
	c     *canvas.Context
	fonts *fontSet
	// k is millimetres per SVG user unit (the scale included), sx, tx and
	// ty the graph group's scale and translation, and H the page height
	// in millimetres (canvas's y axis points up, SVG's down).
	k, sx, tx, ty, H float64
}

func (d *drawing) draw(ctx context.Context, c *canvas.Context, fonts *fontSet, scale, H float64) error {
	p := &painter{c: c, fonts: fonts, k: scale * mmPerPt, sx: 1, H: H}
	// A white page, as the SVG's background polygon is.
	c.SetFillColor(color.White)
	c.SetStrokeColor(canvas.Transparent)
	c.DrawPath(0, 0, canvas.Rectangle(d.w*p.k, d.h*p.k))
	dec := xml.NewDecoder(bytes.NewReader(d.svg))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	var inText *xml.StartElement
	var text strings.Builder
	n := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("read svg: %w", err)
		}
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "g":
				if tr := attrOf(t, "transform"); tr != "" {
					p.transform(tr)
				}
			case "polygon", "polyline", "ellipse", "path":
				p.shape(t)
			case "text":
				tc := t.Copy()
				inText = &tc
				text.Reset()
			}
		case xml.CharData:
			if inText != nil {
				text.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local == "text" && inText != nil {
				p.text(*inText, text.String())
				inText = nil
			}
		}
	}
	return nil
}

// transform reads Graphviz's "scale(s s) rotate(0) translate(x y)".
func (p *painter) transform(tr string) {
	for _, part := range strings.SplitAfter(tr, ")") {
		name, args, ok := strings.Cut(strings.TrimSpace(part), "(")
		if !ok {
			continue
		}
		v := numbers(strings.TrimSuffix(args, ")"))
		switch name {
		case "scale":
			if len(v) > 0 {
				p.sx = v[0]
			}
		case "translate":
			if len(v) == 2 {
				p.tx, p.ty = v[0], v[1]
			}
		}
	}
}

// pt maps SVG user coordinates to the canvas's millimetres.
func (p *painter) pt(x, y float64) (float64, float64) {
	return p.k * p.sx * (x + p.tx), p.H - p.k*p.sx*(y+p.ty)
}

func (p *painter) shape(t xml.StartElement) {
	path := &canvas.Path{}
	switch t.Name.Local {
	case "polygon", "polyline":
		p.lines(path, numbers(attrOf(t, "points")))
		if t.Name.Local == "polygon" {
			path.Close()
		}
	case "ellipse":
		cx, _ := strconv.ParseFloat(attrOf(t, "cx"), 64)
		cy, _ := strconv.ParseFloat(attrOf(t, "cy"), 64)
		rx, _ := strconv.ParseFloat(attrOf(t, "rx"), 64)
		ry, _ := strconv.ParseFloat(attrOf(t, "ry"), 64)
		x, y := p.pt(cx, cy)
		path = canvas.Ellipse(rx*p.k*p.sx, ry*p.k*p.sx).Translate(x, y)
	case "path":
		p.path(path, attrOf(t, "d"))
	}
	if path.Empty() {
		return
	}
	fill := attrOf(t, "fill")
	if t.Name.Local == "polyline" {
		fill = "none"
	}
	c := p.c
	c.SetFillColor(canvas.Transparent)
	if col, ok := parseColor(fill, attrOf(t, "fill-opacity")); ok {
		c.SetFillColor(col)
	}
	c.SetStrokeColor(canvas.Transparent)
	c.SetDashes(0)
	if col, ok := parseColor(attrOf(t, "stroke"), attrOf(t, "stroke-opacity")); ok {
		c.SetStrokeColor(col)
		lw := 1.0
		if s := attrOf(t, "stroke-width"); s != "" {
			if v, err := strconv.ParseFloat(s, 64); err == nil {
				lw = v
			}
		}
		c.SetStrokeWidth(lw * p.k * p.sx)
		if d := numbers(attrOf(t, "stroke-dasharray")); len(d) > 0 {
			for i := range d {
				d[i] *= p.k * p.sx
			}
			c.SetDashes(0, d...)
		}
	}
	c.DrawPath(0, 0, path)
}

// lines adds to dst a line through the points x0 y0 x1 y1 ... of v.
func (p *painter) lines(dst *canvas.Path, v []float64) {
	for i := 0; i+1 < len(v); i += 2 {
		x, y := p.pt(v[i], v[i+1])
		if i == 0 {
			dst.MoveTo(x, y)
		} else {
			dst.LineTo(x, y)
		}
	}
}

// path reads an SVG path of absolute M, L and C commands, the ones
// Graphviz writes.
func (p *painter) path(dst *canvas.Path, d string) {
	var cmd byte
	var v []float64
	flush := func() {
		switch cmd {
		case 'M':
			p.lines(dst, v)
		case 'L':
			for i := 0; i+1 < len(v); i += 2 {
				dst.LineTo(p.pt(v[i], v[i+1]))
			}
		case 'C':
			for i := 0; i+5 < len(v); i += 6 {
				x1, y1 := p.pt(v[i], v[i+1])
				x2, y2 := p.pt(v[i+2], v[i+3])
				x3, y3 := p.pt(v[i+4], v[i+5])
				dst.CubeTo(x1, y1, x2, y2, x3, y3)
			}
		case 'Z', 'z':
			dst.Close()
		}
		v = v[:0]
	}
	start := 0
	for i := 0; i <= len(d); i++ {
		if i == len(d) || strings.IndexByte("MLCZz", d[i]) >= 0 {
			v = append(v, numbers(d[start:i])...)
			flush()
			if i < len(d) {
				cmd = d[i]
			}
			start = i + 1
		}
	}
}

func (p *painter) text(t xml.StartElement, s string) {
	if strings.TrimSpace(s) == "" {
		return
	}
	x, _ := strconv.ParseFloat(attrOf(t, "x"), 64)
	y, _ := strconv.ParseFloat(attrOf(t, "y"), 64)
	size := 14.0
	if v, err := strconv.ParseFloat(attrOf(t, "font-size"), 64); err == nil {
		size = v
	}
	family := strings.ToLower(attrOf(t, "font-family"))
	bold := attrOf(t, "font-weight") == "bold" || strings.Contains(family, "bold")
	serif := strings.Contains(family, "times") || strings.Contains(family, "serif") && !strings.Contains(family, "sans")
	col, ok := parseColor(attrOf(t, "fill"), attrOf(t, "fill-opacity"))
	if !ok {
		col = color.RGBA{A: 255}
	}
	pt := size * p.sx * p.k / mmPerPt
	main := p.fonts.sans
	fb := p.fonts.fallback
	switch {
	case serif && bold:
		main, fb = p.fonts.serifBold, p.fonts.fallbackBold
	case serif:
		main = p.fonts.serif
	case bold:
		main, fb = p.fonts.sansBold, p.fonts.fallbackBold
	}
	align := canvas.Left
	switch attrOf(t, "text-anchor") {
	case "middle":
		align = canvas.Center
	case "end":
		align = canvas.Right
	}
	px, py := p.pt(x, y)
	runs := textRuns(s, main.Face(pt, col), fb.Face(pt, col))
	width := 0.0
	for _, r := range runs {
		width += r.Width
	}
	switch align {
	case canvas.Center:
		px -= width / 2
	case canvas.Right:
		px -= width
	}
	for _, r := range runs {
		p.c.DrawText(px, py, r)
		px += r.Width
	}
}

// textRuns sets s as runs of text with their baselines on the origin,
// each run in main's face unless main lacks its characters, then in
// fallback's, to be drawn left to right.
func textRuns(s string, main, fallback *canvas.FontFace) []*canvas.Text {
	var out []*canvas.Text
	var run strings.Builder
	runFB := false
	flush := func() {
		if run.Len() == 0 {
			return
		}
		face := main
		if runFB {
			face = fallback
		}
		out = append(out, canvas.NewTextLine(face, run.String(), canvas.Left))
		run.Reset()
	}
	for _, r := range s {
		// Spaces and marks stay with the run they are in.
		fb := runFB
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Mn, r) {
			fb = main.Font.GlyphIndex(r) == 0 && fallback.Font.GlyphIndex(r) != 0
		}
		if fb != runFB {
			flush()
			runFB = fb
		}
		run.WriteRune(r)
	}
	flush()
	return out
}

func attrOf(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// numbers reads the numbers of an SVG list (separated by spaces or commas).
func numbers(s string) []float64 {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\n' || r == '\t' })
	out := make([]float64, 0, len(f))
	for _, x := range f {
		if v, err := strconv.ParseFloat(x, 64); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// namedColors are the colour names Graphviz writes into SVG for the
// colours claimnet uses; anything else arrives as #rrggbb.
var namedColors = map[string][3]uint8{
	"black": {0, 0, 0}, "white": {255, 255, 255}, "red": {255, 0, 0}, "green": {0, 128, 0}, "blue": {0, 0, 255},
	"grey": {128, 128, 128}, "gray": {128, 128, 128}, "lightgrey": {211, 211, 211}, "lightgray": {211, 211, 211},
}

// parseColor reads an SVG paint: #rgb, #rrggbb or a name; "none",
// "transparent" and "" mean no paint. The colour is premultiplied by the
// opacity, as canvas wants it.
func parseColor(s, opacity string) (color.RGBA, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	a := 1.0
	if v, err := strconv.ParseFloat(opacity, 64); err == nil {
		a = min(max(v, 0), 1)
	}
	var rgb [3]uint8
	switch {
	case s == "" || s == "none" || s == "transparent":
		return color.RGBA{}, false
	case strings.HasPrefix(s, "#") && len(s) == 7:
		v, err := strconv.ParseUint(s[1:], 16, 32)
		if err != nil {
			return color.RGBA{}, false
		}
		rgb = [3]uint8{uint8(v >> 16), uint8(v >> 8), uint8(v)}
	case strings.HasPrefix(s, "#") && len(s) == 4:
		v, err := strconv.ParseUint(s[1:], 16, 16)
		if err != nil {
			return color.RGBA{}, false
		}
		rgb = [3]uint8{uint8(v>>8&0xf) * 17, uint8(v>>4&0xf) * 17, uint8(v&0xf) * 17}
	default:
		rgb = namedColors[s] // black when unknown
	}
	m := func(c uint8) uint8 { return uint8(math.Round(float64(c) * a)) }
	return color.RGBA{m(rgb[0]), m(rgb[1]), m(rgb[2]), uint8(math.Round(255 * a))}, true
}

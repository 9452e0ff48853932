package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/fogleman/gg"
	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
)

// maxPixels bounds the longer side of a PNG; larger figures are drawn at
// a smaller scale.
const maxPixels = 8000

// rasterize draws the SVG that Graphviz writes (polygons, ellipses,
// paths of cubic Béziers, polylines and text, under one transform) as a
// PNG at scale pixels per point. go-graphviz's own PNG renderer draws
// neither node outlines nor edge lines, and it looks fonts up on the
// machine, so claimnet draws the PNG itself, with the Go fonts built into
// the binary: the same SVG gives the same PNG everywhere. The Go fonts are
// sans-serif, so PNGs of the print theme are not in a serif face; use SVG
// (or --format positioned and Graphviz's PDF) for print.
func rasterize(ctx context.Context, svg []byte, scale float64, w io.Writer) error {
	r := &rasterizer{faces: map[faceKey]font.Face{}}
	for i, data := range [4][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gobolditalic.TTF} {
		f, err := truetype.Parse(data)
		if err != nil {
			return fmt.Errorf("built-in Go font: %w", err)
		}
		r.fonts[i] = f
	}
	if err := r.draw(ctx, svg, scale); err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(w, r.dc.Image()); err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	return nil
}

type faceKey struct {
	bold, italic bool
	size         float64
}

type rasterizer struct {
	dc    *gg.Context
	k     float64 // pixels per SVG user unit
	sx    float64 // the graph group's scale
	tx    float64 // and translation
	ty    float64
	faces map[faceKey]font.Face
	fonts [4]*truetype.Font // regular, bold, italic, bold italic
}

func (r *rasterizer) draw(ctx context.Context, svg []byte, scale float64) error {
	dec := xml.NewDecoder(bytes.NewReader(svg))
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
			case "svg":
				if err := r.start(t, scale); err != nil {
					return err
				}
			case "g":
				if tr := attrOf(t, "transform"); tr != "" {
					r.transform(tr)
				}
			case "polygon", "polyline", "ellipse", "path":
				if r.dc == nil {
					return fmt.Errorf("read svg: %s outside <svg>", t.Name.Local)
				}
				r.shape(t)
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
				if r.dc != nil {
					r.text(*inText, text.String())
				}
				inText = nil
			}
		}
	}
	if r.dc == nil {
		return fmt.Errorf("read svg: no <svg> element")
	}
	return nil
}

// start makes the canvas from the svg element's viewBox.
func (r *rasterizer) start(t xml.StartElement, scale float64) error {
	vb := strings.Fields(attrOf(t, "viewBox"))
	if len(vb) != 4 {
		return fmt.Errorf("read svg: viewBox %q", attrOf(t, "viewBox"))
	}
	w, err1 := strconv.ParseFloat(vb[2], 64)
	h, err2 := strconv.ParseFloat(vb[3], 64)
	if err1 != nil || err2 != nil || w <= 0 || h <= 0 {
		return fmt.Errorf("read svg: viewBox %q", attrOf(t, "viewBox"))
	}
	if m := max(w, h) * scale; m > maxPixels {
		scale *= maxPixels / m
	}
	r.k, r.sx = scale, 1
	r.dc = gg.NewContext(int(math.Ceil(w*scale)), int(math.Ceil(h*scale)))
	r.dc.SetRGB(1, 1, 1)
	r.dc.Clear()
	return nil
}

// transform reads Graphviz's "scale(s s) rotate(0) translate(x y)".
func (r *rasterizer) transform(tr string) {
	for _, part := range strings.SplitAfter(tr, ")") {
		name, args, ok := strings.Cut(strings.TrimSpace(part), "(")
		if !ok {
			continue
		}
		v := numbers(strings.TrimSuffix(args, ")"))
		switch name {
		case "scale":
			if len(v) > 0 {
				r.sx = v[0]
			}
		case "translate":
			if len(v) == 2 {
				r.tx, r.ty = v[0], v[1]
			}
		}
	}
}

// pt maps SVG user coordinates to pixels.
func (r *rasterizer) pt(x, y float64) (float64, float64) {
	return r.k * r.sx * (x + r.tx), r.k * r.sx * (y + r.ty)
}

func (r *rasterizer) shape(t xml.StartElement) {
	dc := r.dc
	dc.ClearPath()
	switch t.Name.Local {
	case "polygon", "polyline":
		v := numbers(attrOf(t, "points"))
		for i := 0; i+1 < len(v); i += 2 {
			x, y := r.pt(v[i], v[i+1])
			if i == 0 {
				dc.MoveTo(x, y)
			} else {
				dc.LineTo(x, y)
			}
		}
		if t.Name.Local == "polygon" {
			dc.ClosePath()
		}
	case "ellipse":
		cx, _ := strconv.ParseFloat(attrOf(t, "cx"), 64)
		cy, _ := strconv.ParseFloat(attrOf(t, "cy"), 64)
		rx, _ := strconv.ParseFloat(attrOf(t, "rx"), 64)
		ry, _ := strconv.ParseFloat(attrOf(t, "ry"), 64)
		x, y := r.pt(cx, cy)
		dc.DrawEllipse(x, y, rx*r.k*r.sx, ry*r.k*r.sx)
	case "path":
		r.path(attrOf(t, "d"))
	}
	fill := attrOf(t, "fill")
	if t.Name.Local == "polyline" {
		fill = "none"
	}
	stroke := attrOf(t, "stroke")
	if c, ok := parseColor(fill, attrOf(t, "fill-opacity")); ok {
		dc.SetRGBA(c[0], c[1], c[2], c[3])
		if stroke != "" && stroke != "none" {
			dc.FillPreserve()
		} else {
			dc.Fill()
		}
	}
	if c, ok := parseColor(stroke, attrOf(t, "stroke-opacity")); ok {
		dc.SetRGBA(c[0], c[1], c[2], c[3])
		lw := 1.0
		if s := attrOf(t, "stroke-width"); s != "" {
			lw, _ = strconv.ParseFloat(s, 64)
		}
		dc.SetLineWidth(lw * r.k * r.sx)
		if d := numbers(attrOf(t, "stroke-dasharray")); len(d) > 0 {
			for i := range d {
				d[i] *= r.k * r.sx
			}
			dc.SetDash(d...)
		} else {
			dc.SetDash()
		}
		dc.Stroke()
	}
	dc.ClearPath()
}

// path draws an SVG path of absolute M, L and C commands, the ones
// Graphviz writes.
func (r *rasterizer) path(d string) {
	dc := r.dc
	var cmd byte
	var v []float64
	flush := func() {
		switch cmd {
		case 'M':
			for i := 0; i+1 < len(v); i += 2 {
				x, y := r.pt(v[i], v[i+1])
				if i == 0 {
					dc.MoveTo(x, y)
				} else {
					dc.LineTo(x, y)
				}
			}
		case 'L':
			for i := 0; i+1 < len(v); i += 2 {
				dc.LineTo(r.pt(v[i], v[i+1]))
			}
		case 'C':
			for i := 0; i+5 < len(v); i += 6 {
				x1, y1 := r.pt(v[i], v[i+1])
				x2, y2 := r.pt(v[i+2], v[i+3])
				x3, y3 := r.pt(v[i+4], v[i+5])
				dc.CubicTo(x1, y1, x2, y2, x3, y3)
			}
		case 'Z', 'z':
			dc.ClosePath()
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

func (r *rasterizer) text(t xml.StartElement, s string) {
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
	weight := attrOf(t, "font-weight")
	bold := weight == "bold" || strings.Contains(family, "bold")
	italic := attrOf(t, "font-style") == "italic" || strings.Contains(family, "italic") || strings.Contains(family, "oblique")
	face := r.face(faceKey{bold, italic, math.Round(size*r.k*r.sx*100) / 100})
	c, ok := parseColor(attrOf(t, "fill"), attrOf(t, "fill-opacity"))
	if !ok {
		c = [4]float64{0, 0, 0, 1}
	}
	r.dc.SetRGBA(c[0], c[1], c[2], c[3])
	r.dc.SetFontFace(face)
	ax := 0.0
	switch attrOf(t, "text-anchor") {
	case "middle":
		ax = 0.5
	case "end":
		ax = 1
	}
	px, py := r.pt(x, y)
	r.dc.DrawStringAnchored(s, px, py, ax, 0)
}

// face returns the Go font face of a style and pixel size.
func (r *rasterizer) face(k faceKey) font.Face {
	if f, ok := r.faces[k]; ok {
		return f
	}
	i := 0
	if k.bold {
		i |= 1
	}
	if k.italic {
		i |= 2
	}
	f := truetype.NewFace(r.fonts[i], &truetype.Options{Size: k.size, DPI: 72, Hinting: font.HintingNone})
	r.faces[k] = f
	return f
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
var namedColors = map[string][3]float64{
	"black": {0, 0, 0}, "white": {1, 1, 1}, "red": {1, 0, 0}, "green": {0, 0.5, 0}, "blue": {0, 0, 1},
	"grey": {0.5, 0.5, 0.5}, "gray": {0.5, 0.5, 0.5}, "lightgrey": {0.827, 0.827, 0.827}, "lightgray": {0.827, 0.827, 0.827},
}

// parseColor reads an SVG paint: #rgb, #rrggbb or a name; "none",
// "transparent" and "" mean no paint.
func parseColor(s, opacity string) ([4]float64, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	a := 1.0
	if v, err := strconv.ParseFloat(opacity, 64); err == nil {
		a = v
	}
	switch {
	case s == "" || s == "none" || s == "transparent":
		return [4]float64{}, false
	case strings.HasPrefix(s, "#") && len(s) == 7:
		v, err := strconv.ParseUint(s[1:], 16, 32)
		if err != nil {
			return [4]float64{}, false
		}
		return [4]float64{float64(v>>16&0xff) / 255, float64(v>>8&0xff) / 255, float64(v&0xff) / 255, a}, true
	case strings.HasPrefix(s, "#") && len(s) == 4:
		v, err := strconv.ParseUint(s[1:], 16, 16)
		if err != nil {
			return [4]float64{}, false
		}
		return [4]float64{float64(v>>8&0xf) / 15, float64(v>>4&0xf) / 15, float64(v&0xf) / 15, a}, true
	}
	if c, ok := namedColors[s]; ok {
		return [4]float64{c[0], c[1], c[2], a}, true
	}
	return [4]float64{0, 0, 0, a}, true
}

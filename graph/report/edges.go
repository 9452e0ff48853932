package report

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// lightNodes takes out what the page does not need from the figure's
// nodes: the link Graphviz wraps each node's shapes in to give it a
// tooltip becomes a data-tip attribute of the node's group (the page
// makes the tooltip when the pointer first comes over the node), and
// the texts' font-family attribute goes (the page's style sets the
// font).
func lightNodes(svg []byte) []byte {
	svg = nodeLink.ReplaceAll(svg, []byte(`$1 data-tip="$2">$3</g>`))
	return textFont.ReplaceAll(svg, []byte("$1"))
}

// nodeLink matches a node's group whose shapes sit in a link with a
// tooltip.
var nodeLink = regexp.MustCompile(`(<g id="node\d+" class="node" data-id="[^"]*")><a xlink:title="([^"]*)">((?:[^<]|<[^/]|</[^a])*)</a></g>`)

// textFont matches a text's font-family attribute.
var textFont = regexp.MustCompile(`(<text [^>]*?) font-family="[^"]*"`)

// edgeLayer draws the edges of the figure (Graphviz's SVG, after
// inlineSVG) with a few path elements instead of three to five elements
// per edge: a browser spends its time on elements, and a figure of
// 10,000 edges has 45,000 of them. Each of the edges' shapes (line,
// arrowhead, bar) becomes one subpath of the path that draws every
// shape of the same style (the same fill, stroke, dashes and width), so
// the figure draws the same lines with the same colours; only the order
// in which shapes of different styles overlap changes.
//
// It returns the figure with the edges replaced, where the first edge
// was, by a group of class cn-edges holding one path of class cn-e per
// style, whose data-edges attribute lists the edge of each subpath (in
// the order of the figure), then an empty group of class cn-hl (the
// page draws the highlighted edges there), then a group of class
// cn-elabels with the edges' labels, each text carrying its edge in
// data-e. It also returns each edge's title (its data-id, unescaped):
// "actor:ID->claim:ID" for a stance edge. A figure without edges is
// returned as it is, with no layer.
func edgeLayer(svg []byte) ([]byte, []string, error) {
	locs := edgeGroup.FindAllSubmatchIndex(svg, -1)
	if len(locs) == 0 {
		return svg, nil, nil
	}
	type style struct {
		attrs string
		parts []string // subpaths
		edges []string // the edge of each subpath
	}
	var styles []*style
	byAttrs := map[string]*style{}
	var ids []string
	var labels bytes.Buffer
	var out bytes.Buffer
	out.Grow(len(svg))
	prev, at := 0, 0 // at: where the layer goes in out
	for e, loc := range locs {
		if e == 0 {
			out.Write(svg[:loc[0]])
			at = out.Len()
		} else {
			// Only edges may stand between the first and the last edge
			// for the layer to take their place.
			if between := bytes.TrimSpace(svg[prev:loc[0]]); len(between) > 0 {
				out.Write(between)
			}
		}
		prev = loc[1]
		ids = append(ids, html.UnescapeString(string(svg[loc[2]:loc[3]])))
		inner := svg[loc[4]:loc[5]]
		for len(inner) > 0 {
			m := edgePart.FindSubmatchIndex(inner)
			if m == nil || m[0] != 0 {
				return nil, nil, fmt.Errorf("report: the figure's edge %s has unexpected markup %.40q", ids[e], inner)
			}
			tag, attrs := string(inner[m[2]:m[3]]), string(inner[m[4]:m[5]])
			whole := inner[:m[1]]
			inner = inner[m[1]:]
			switch tag {
			case "a", "/a":
				continue
			case "text":
				labels.WriteString(`<text data-e="` + strconv.Itoa(e) + `"`)
				labels.Write(whole[len("<text"):])
				continue
			}
			d, rest, err := subpath(tag, attrs)
			if err != nil {
				return nil, nil, fmt.Errorf("report: the figure's edge %s: %w", ids[e], err)
			}
			s := byAttrs[rest]
			if s == nil {
				s = &style{attrs: rest}
				byAttrs[rest] = s
				styles = append(styles, s)
			}
			// Graphviz writes absolute commands only, so each M
			// starts a subpath.
			for _, p := range strings.SplitAfter(d, "M")[1:] {
				s.parts = append(s.parts, "M"+strings.TrimSuffix(p, "M"))
				s.edges = append(s.edges, strconv.Itoa(e))
			}
		}
	}
	var layer bytes.Buffer
	layer.WriteString(`<g class="cn-edges">`)
	for _, s := range styles {
		for i := 0; i < len(s.parts); i += edgeChunk {
			j := min(i+edgeChunk, len(s.parts))
			fmt.Fprintf(&layer, `<path class="cn-e" %s d="%s" data-edges="%s"/>`, s.attrs, strings.Join(s.parts[i:j], ""), strings.Join(s.edges[i:j], " "))
		}
	}
	layer.WriteString(`</g><g class="cn-hl"></g><g class="cn-elabels">`)
	layer.Write(labels.Bytes())
	layer.WriteString(`</g>`)
	out.Write(svg[prev:])
	b := out.Bytes()
	return slices.Concat(b[:at], layer.Bytes(), b[at:]), ids, nil
}

// edgeChunk is the most subpaths edgeLayer puts in one path: chromium
// takes time superlinear in the subpaths to lay out one dashed path,
// and the page redraws only the paths whose edges change.
const edgeChunk = 50

// subpath turns a shape of an edge into path data and returns it with
// the shape's other attributes (its style), in their order.
func subpath(tag, attrs string) (d, rest string, err error) {
	var geom string
	var kept []string
	for _, a := range attribute.FindAllStringSubmatch(attrs, -1) {
		switch {
		case tag == "path" && a[1] == "d", (tag == "polygon" || tag == "polyline") && a[1] == "points":
			geom = a[2]
		default:
			kept = append(kept, a[0])
		}
	}
	rest = strings.Join(kept, " ")
	switch tag {
	case "path":
		if !strings.HasPrefix(geom, "M") {
			return "", "", fmt.Errorf("path data %.20q does not start with M", geom)
		}
		return geom, rest, nil
	case "polygon", "polyline":
		pts := strings.Fields(geom)
		if len(pts) < 2 {
			return "", "", fmt.Errorf("%s with points %q", tag, geom)
		}
		d = "M" + pts[0] + "L" + strings.Join(pts[1:], " ")
		if tag == "polygon" {
			d += "Z"
		}
		return d, rest, nil
	}
	return "", "", fmt.Errorf("a <%s> element", tag)
}

// edgeGroup matches an edge's group (inlineSVG moved its title into
// data-id and removed the group around its link): the title and what
// the group holds.
var edgeGroup = regexp.MustCompile(`<g id="edge\d+" class="edge" data-id="([^"]*)">(.*?)</g>`)

// edgePart matches the next tag of an edge, with a text's content.
var edgePart = regexp.MustCompile(`^<(/?[a-z]+)\s*([^>]*?)/?>(?:[^<]*</text>)?`)

// attribute matches one attribute of a tag.
var attribute = regexp.MustCompile(`([a-zA-Z:-]+)="([^"]*)"`)

package export

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
)

// The GEXF 1.3 elements claimnet writes (gexf.net/1.3): a dynamic graph
// with date intervals, typed static attributes and viz colours and sizes.

type gexfFile struct {
	XMLName        xml.Name  `xml:"gexf"`
	XMLNS          string    `xml:"xmlns,attr"`
	VizNS          string    `xml:"xmlns:viz,attr"`
	XSINS          string    `xml:"xmlns:xsi,attr"`
	SchemaLocation string    `xml:"xsi:schemaLocation,attr"`
	Version        string    `xml:"version,attr"`
	Meta           gexfMeta  `xml:"meta"`
	Graph          gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	Creator     string `xml:"creator"`
	Description string `xml:"description"`
}

type gexfGraph struct {
	Mode               string           `xml:"mode,attr"`
	DefaultEdgeType    string           `xml:"defaultedgetype,attr"`
	TimeFormat         string           `xml:"timeformat,attr"`
	TimeRepresentation string           `xml:"timerepresentation,attr"`
	Attributes         []gexfAttributes `xml:"attributes"`
	Nodes              gexfNodes        `xml:"nodes"`
	Edges              gexfEdges        `xml:"edges"`
}

type gexfAttributes struct {
	Class      string          `xml:"class,attr"`
	Attributes []gexfAttribute `xml:"attribute"`
}

type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfNodes struct {
	Count int        `xml:"count,attr"`
	Nodes []gexfNode `xml:"node"`
}

type gexfNode struct {
	ID        string        `xml:"id,attr"`
	Label     string        `xml:"label,attr"`
	Start     string        `xml:"start,attr,omitempty"`
	End       string        `xml:"end,attr,omitempty"`
	AttValues gexfAttValues `xml:"attvalues"`
	Color     *gexfColor    `xml:"viz:color,omitempty"`
	Size      gexfSize      `xml:"viz:size"`
}

type gexfEdges struct {
	Count int        `xml:"count,attr"`
	Edges []gexfEdge `xml:"edge"`
}

type gexfEdge struct {
	ID        string        `xml:"id,attr"`
	Source    string        `xml:"source,attr"`
	Target    string        `xml:"target,attr"`
	Weight    string        `xml:"weight,attr"`
	Kind      string        `xml:"kind,attr"`
	Label     string        `xml:"label,attr"`
	Start     string        `xml:"start,attr,omitempty"`
	End       string        `xml:"end,attr,omitempty"`
	AttValues gexfAttValues `xml:"attvalues"`
}

type gexfAttValues struct {
	Values []gexfAttValue `xml:"attvalue"`
}

type gexfAttValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

type gexfColor struct {
	R uint8  `xml:"r,attr"`
	G uint8  `xml:"g,attr"`
	B uint8  `xml:"b,attr"`
	A string `xml:"a,attr"`
}

type gexfSize struct {
	Value string `xml:"value,attr"`
}

// WriteGEXF writes d as GEXF 1.3 for Gephi: a directed dynamic graph
// (timeformat "date") in which each node and edge with dated statements
// or relations lives from its First to its Last date, so Gephi's
// timeline plays the network; undated ones are always present. Nodes and
// edges carry the same attributes as in GraphML (the edge weight is the
// GEXF weight, the edge kind its kind and label), and nodes the colour
// and size of style. Gephi merges parallel edges of the same kind, so in
// a per-statement document it sums their weights.
func WriteGEXF(ctx context.Context, w io.Writer, d *Document, style Style) error {
	st, err := style.resolve(d)
	if err != nil {
		return err
	}
	ncols := d.nodeColumns()
	ecols := d.edgeColumns(false)
	f := gexfFile{
		XMLNS:          "http://gexf.net/1.3",
		VizNS:          "http://gexf.net/1.3/viz",
		XSINS:          "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
		Version:        "1.3",
		Meta: gexfMeta{
			Creator:     "claimnet",
			Description: fmt.Sprintf("actor–claim network, graph document version %s, window %s, %s, size by %s", d.Version, windowText(d.Window), colorText(st), st.SizeBy),
		},
		Graph: gexfGraph{
			Mode: "dynamic", DefaultEdgeType: "directed", TimeFormat: "date", TimeRepresentation: "interval",
			Attributes: []gexfAttributes{{Class: "node", Attributes: gexfDecl(ncols)}, {Class: "edge", Attributes: gexfDecl(ecols)}},
			Nodes:      gexfNodes{Count: len(d.Nodes)},
			Edges:      gexfEdges{Count: d.NumEdges()},
		},
	}
	sizes := st.sizes(d)
	for i := range d.Nodes {
		n := &d.Nodes[i]
		gn := gexfNode{ID: n.ID, Label: n.Label, AttValues: gexfValues(ncols, n), Size: gexfSize{formatDouble(sizes[i])}}
		if c, ok := st.Colors[n.ID]; ok {
			r, g, b, _ := parseHex(c)
			gn.Color = &gexfColor{r, g, b, "1.0"}
		}
		if n.First != 0 {
			gn.Start, gn.End = n.First.String(), n.Last.String()
		}
		f.Graph.Nodes.Nodes = append(f.Graph.Nodes.Nodes, gn)
	}
	for e := range d.AllEdges() {
		ge := gexfEdge{ID: e.ID, Source: e.Source, Target: e.Target, Weight: strconv.Itoa(e.Weight),
			Kind: e.Kind, Label: e.Kind, AttValues: gexfValues(ecols, e)}
		if e.First != 0 {
			ge.Start, ge.End = e.First.String(), e.Last.String()
		}
		f.Graph.Edges.Edges = append(f.Graph.Edges.Edges, ge)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("export: gexf: %w", err)
	}
	bw := bufio.NewWriterSize(ctxWriter{ctx, w}, 1<<16)
	bw.WriteString(xml.Header)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("export: gexf: %w", err)
	}
	bw.WriteString("\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: gexf: %w", err)
	}
	return nil
}

func gexfDecl(cols []column) []gexfAttribute {
	out := make([]gexfAttribute, len(cols))
	for i, c := range cols {
		out[i] = gexfAttribute{ID: c.name, Title: c.name, Type: gexfType(c.typ)}
	}
	return out
}

func gexfValues(cols []column, x any) gexfAttValues {
	var out gexfAttValues
	for _, c := range cols {
		if v, ok := c.get(x); ok {
			out.Values = append(out.Values, gexfAttValue{c.name, c.text(v)})
		}
	}
	return out
}

func gexfType(t valueType) string {
	switch t {
	case tInt:
		return "integer"
	case tDouble:
		return "double"
	case tBool:
		return "boolean"
	}
	return "string"
}

func windowText(w Window) string {
	if w.From == 0 && w.To == 0 {
		return "all dates"
	}
	return w.From.String() + ".." + w.To.String()
}

// colorText says what the nodes' colours show, for the file's description.
func colorText(st Style) string {
	switch {
	case len(st.Colors) == 0:
		return "no colours"
	case st.ColorBy == "":
		return "colours given by the caller"
	}
	return "colour by " + st.ColorBy
}

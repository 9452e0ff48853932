package graph

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/graph/simple"
)

// WriteJSON writes n as one JSON object:
//
//	{"type": "onemode", "mode": "actor", "aggregate": …, "normalize": …,
//	 "duplicates": …, "nodes": [{"id", "name", "kind"}, …],
//	 "edges": [{"source", "target", "weight"}, …]}
//
// with source and target given by node id, one node or edge a line, in
// the order of n.Nodes and n.Edges. A two-mode network has no "mode".
func (n *Network) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	ids := make([][]byte, len(n.Nodes))
	for i, node := range n.Nodes {
		ids[i] = jsonString(node.ID)
	}
	fmt.Fprintf(bw, "{\n  \"type\": %s,\n", jsonString(n.Type))
	if n.Mode != "" {
		fmt.Fprintf(bw, "  \"mode\": %s,\n", jsonString(n.Mode))
	}
	fmt.Fprintf(bw, "  \"aggregate\": %s,\n  \"normalize\": %s,\n  \"duplicates\": %s,\n  \"nodes\": [",
		jsonString(n.Aggregate), jsonString(n.Normalize), jsonString(n.Duplicates))
	for i, node := range n.Nodes {
		if i > 0 {
			bw.WriteByte(',')
		}
		fmt.Fprintf(bw, "\n    {\"id\": %s, \"name\": %s, \"kind\": %s}", ids[i], jsonString(node.Name), jsonString(node.Kind))
	}
	if len(n.Nodes) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("],\n  \"edges\": [")
	var buf []byte
	for i, e := range n.Edges {
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, "\n    {\"source\": "...)
		buf = append(buf, ids[e.Source]...)
		buf = append(buf, ", \"target\": "...)
		buf = append(buf, ids[e.Target]...)
		buf = append(buf, ", \"weight\": "...)
		buf = appendWeight(buf, e.Weight)
		buf = append(buf, '}')
		bw.Write(buf)
	}
	if len(n.Edges) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write network: %w", err)
	}
	return nil
}

// MarshalJSON encodes n as WriteJSON writes it.
func (n *Network) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := n.WriteJSON(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteCSV writes n as an edge list: the header source,target,weight and
// one line per edge, source and target by node id. Pairs without an edge
// have weight zero.
func (n *Network) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	ids := make([]string, len(n.Nodes))
	for i, node := range n.Nodes {
		ids[i] = csvField(node.ID)
	}
	bw.WriteString("source,target,weight\n")
	var buf []byte
	for _, e := range n.Edges {
		buf = append(buf[:0], ids[e.Source]...)
		buf = append(buf, ',')
		buf = append(buf, ids[e.Target]...)
		buf = append(buf, ',')
		buf = appendWeight(buf, e.Weight)
		buf = append(buf, '\n')
		bw.Write(buf)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write network: %w", err)
	}
	return nil
}

// WriteMatrixCSV writes n as the matrix DNA and rDNA export: a header row
// of an empty cell and the column labels, then one row per row node with
// its label and weights. A one-mode matrix is square and symmetric with a
// zero diagonal; a two-mode matrix has the actors as rows and the claims
// as columns. Labels are node names, as in DNA. The matrix is written a
// row at a time, so memory stays linear in the nodes and edges, but the
// output has rows × columns cells.
func (n *Network) WriteMatrixCSV(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cols := n.Nodes
	colBase := 0
	if n.Type == NetworkTwoMode {
		cols, colBase = n.Nodes[n.Rows:], n.Rows
	}
	// Adjacency of each row node, both directions for one-mode networks.
	off := make([]int, n.Rows+1)
	for _, e := range n.Edges {
		off[e.Source+1]++
		if n.Type == NetworkOneMode {
			off[e.Target+1]++
		}
	}
	for i := 1; i <= n.Rows; i++ {
		off[i] += off[i-1]
	}
	type cell struct {
		col int
		w   float64
	}
	adj := make([]cell, off[n.Rows])
	next := append([]int(nil), off[:n.Rows]...)
	for _, e := range n.Edges {
		adj[next[e.Source]] = cell{e.Target - colBase, e.Weight}
		next[e.Source]++
		if n.Type == NetworkOneMode {
			adj[next[e.Target]] = cell{e.Source, e.Weight}
			next[e.Target]++
		}
	}
	row := make([]float64, len(cols))
	for _, c := range cols {
		bw.WriteByte(',')
		bw.WriteString(csvField(c.Name))
	}
	bw.WriteByte('\n')
	var buf []byte
	for r := 0; r < n.Rows; r++ {
		for _, c := range adj[off[r]:off[r+1]] {
			row[c.col] = c.w
		}
		buf = append(buf[:0], csvField(n.Nodes[r].Name)...)
		for j, v := range row {
			buf = append(buf, ',')
			buf = appendWeight(buf, v)
			row[j] = 0
		}
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return fmt.Errorf("write network: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write network: %w", err)
	}
	return nil
}

// Graph returns n as an undirected gonum graph whose node ids are the
// indices into n.Nodes, every node present, with the edge weights.
func (n *Network) Graph() *simple.WeightedUndirectedGraph {
	g := simple.NewWeightedUndirectedGraph(0, 0)
	for i := range n.Nodes {
		g.AddNode(simple.Node(i))
	}
	for _, e := range n.Edges {
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(e.Source), simple.Node(e.Target), e.Weight))
	}
	return g
}

// appendWeight formats a weight in the shortest form that reads back
// exactly: integers without a decimal point.
func appendWeight(buf []byte, w float64) []byte {
	if w == 0 {
		return append(buf, '0') // also for -0
	}
	if w == math.Trunc(w) && math.Abs(w) < 1e15 {
		return strconv.AppendInt(buf, int64(w), 10)
	}
	return strconv.AppendFloat(buf, w, 'g', -1, 64)
}

func jsonString(s string) []byte {
	b, _ := json.Marshal(s) // a string always encodes
	return b
}

// csvField quotes s for CSV when it holds a comma, a quote or a line break.
func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\r\n") && strings.TrimSpace(s) == s {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

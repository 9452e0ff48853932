package dnanet

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/internal/safetext"
	"gonum.org/v1/gonum/graph/simple"
)

// Network output formats, the format argument of WriteNetwork.
const (
	FormatCSV    = "csv"
	FormatMatrix = "matrix"
	FormatJSON   = "json"
)

// NetworkFormats lists the formats, in the order help texts list them.
var NetworkFormats = []string{FormatCSV, FormatMatrix, FormatJSON}

// WriteNetwork computes the network of m of type typ (NetworkOneMode or
// NetworkTwoMode) with opts and writes it to w in format: the bytes of
// OneMode or TwoModeNetwork followed by WriteCSV, WriteMatrixCSV or
// WriteJSON. A one-mode network is written while it is computed, a chunk
// of rows at a time, so its edges are never all in memory: memory stays
// linear in the model (the matrix computes each pair from both of its
// rows, so it takes about twice the CPU). Option errors wrap
// ErrNetworkOption and come before anything is written.
func WriteNetwork(ctx context.Context, w io.Writer, m *graph.Model, typ, format string, opts NetworkOptions) error {
	if !slices.Contains(NetworkFormats, format) {
		return fmt.Errorf("%w: networks are written as %s, not %q", ErrNetworkOption, orList(NetworkFormats), format)
	}
	switch typ {
	case NetworkOneMode:
	case NetworkTwoMode:
		n, err := TwoModeNetwork(ctx, m, opts)
		if err != nil {
			return err
		}
		return n.write(w, format)
	default:
		return fmt.Errorf("%w: networks are of type %s or %s, not %q", ErrNetworkOption, NetworkOneMode, NetworkTwoMode, typ)
	}
	n, p, err := newOneMode(ctx, m, opts)
	if err != nil {
		return err
	}
	nw := n.writer(w, format)
	nw.begin()
	if err := p.edges(ctx, format == FormatMatrix, nw.edges); err != nil {
		return err
	}
	return nw.end()
}

// write writes n in format.
func (n *Network) write(w io.Writer, format string) error {
	if format == FormatMatrix {
		return n.WriteMatrixCSV(w)
	}
	nw := n.writer(w, format)
	nw.begin()
	if err := nw.edges(n.Edges); err != nil {
		return err
	}
	return nw.end()
}

// networkWriter writes a network whose edges come in order, in batches:
// begin, then edges for each batch, then end. Write errors are kept in
// the buffered writer and reported by edges (now and then) and end.
type networkWriter interface {
	begin()
	edges([]NetworkEdge) error
	end() error
}

// writer returns the networkWriter of format for n; for the matrix, the
// edges must come from both ends of each one-mode pair (full rows).
func (n *Network) writer(w io.Writer, format string) networkWriter {
	bw := bufio.NewWriterSize(w, 1<<16)
	switch format {
	case FormatJSON:
		return &jsonNetWriter{n: n, bw: bw}
	case FormatMatrix:
		return &matrixNetWriter{n: n, bw: bw}
	}
	return &csvNetWriter{n: n, bw: bw}
}

func writeErr(err error) error {
	if err != nil {
		return fmt.Errorf("write network: %w", err)
	}
	return nil
}

// WriteJSON writes n as one JSON object:
//
//	{"type": "onemode", "mode": "actor", "aggregate": …, "normalize": …,
//	 "duplicates": …, "nodes": [{"id", "name", "kind"}, …],
//	 "edges": [{"source", "target", "weight"}, …]}
//
// with source and target given by node id, one node or edge a line, in
// the order of n.Nodes and n.Edges. A two-mode network has no "mode".
func (n *Network) WriteJSON(w io.Writer) error { return n.write(w, FormatJSON) }

type jsonNetWriter struct {
	n     *Network
	bw    *bufio.Writer
	ids   [][]byte
	buf   []byte
	count int
}

func (j *jsonNetWriter) begin() {
	n, bw := j.n, j.bw
	j.ids = make([][]byte, len(n.Nodes))
	for i, node := range n.Nodes {
		j.ids[i] = jsonString(node.ID)
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
		fmt.Fprintf(bw, "\n    {\"id\": %s, \"name\": %s, \"kind\": %s}", j.ids[i], jsonString(node.Name), jsonString(node.Kind))
	}
	if len(n.Nodes) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("],\n  \"edges\": [")
}

func (j *jsonNetWriter) edges(es []NetworkEdge) error {
	for _, e := range es {
		buf := j.buf[:0]
		if j.count > 0 {
			buf = append(buf, ',')
		}
		j.count++
		buf = append(buf, "\n    {\"source\": "...)
		buf = append(buf, j.ids[e.Source]...)
		buf = append(buf, ", \"target\": "...)
		buf = append(buf, j.ids[e.Target]...)
		buf = append(buf, ", \"weight\": "...)
		buf = appendWeight(buf, e.Weight)
		buf = append(buf, '}')
		j.bw.Write(buf)
		j.buf = buf
	}
	return writeErr(j.bw.Flush())
}

func (j *jsonNetWriter) end() error {
	if j.count > 0 {
		j.bw.WriteString("\n  ")
	}
	j.bw.WriteString("]\n}\n")
	return writeErr(j.bw.Flush())
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
func (n *Network) WriteCSV(w io.Writer) error { return n.write(w, FormatCSV) }

type csvNetWriter struct {
	n   *Network
	bw  *bufio.Writer
	ids []string
	buf []byte
}

func (c *csvNetWriter) begin() {
	c.ids = make([]string, len(c.n.Nodes))
	for i, node := range c.n.Nodes {
		c.ids[i] = csvField(node.ID)
	}
	c.bw.WriteString("source,target,weight\n")
}

func (c *csvNetWriter) edges(es []NetworkEdge) error {
	buf := c.buf
	for _, e := range es {
		buf = append(buf[:0], c.ids[e.Source]...)
		buf = append(buf, ',')
		buf = append(buf, c.ids[e.Target]...)
		buf = append(buf, ',')
		buf = appendWeight(buf, e.Weight)
		buf = append(buf, '\n')
		c.bw.Write(buf)
	}
	c.buf = buf
	return writeErr(c.bw.Flush())
}

func (c *csvNetWriter) end() error { return writeErr(c.bw.Flush()) }

// WriteMatrixCSV writes n as the matrix DNA and rDNA export: a header row
// of an empty cell and the column labels, then one row per row node with
// its label and weights. A one-mode matrix is square and symmetric with a
// zero diagonal; a two-mode matrix has the actors as rows and the claims
// as columns. Labels are node names, as in DNA. The matrix is written a
// row at a time, so memory stays linear in the nodes and edges, but the
// output has rows × columns cells.
func (n *Network) WriteMatrixCSV(w io.Writer) error {
	if n.Type == NetworkTwoMode {
		// The edges are in row order already.
		mw := n.writer(w, FormatMatrix)
		mw.begin()
		if err := mw.edges(n.Edges); err != nil {
			return err
		}
		return mw.end()
	}
	// One-mode edges are listed once: feed each row both directions.
	off := make([]int, n.Rows+1)
	for _, e := range n.Edges {
		off[e.Source+1]++
		off[e.Target+1]++
	}
	for i := 1; i <= n.Rows; i++ {
		off[i] += off[i-1]
	}
	adj := make([]NetworkEdge, off[n.Rows])
	next := append([]int(nil), off[:n.Rows]...)
	for _, e := range n.Edges {
		adj[next[e.Source]] = e
		next[e.Source]++
		adj[next[e.Target]] = NetworkEdge{e.Target, e.Source, e.Weight}
		next[e.Target]++
	}
	// Each row's cells are in column order: the ones from earlier rows
	// (filled in row order) and then its own edges, sorted by target.
	mw := n.writer(w, FormatMatrix)
	mw.begin()
	if err := mw.edges(adj); err != nil {
		return err
	}
	return mw.end()
}

// matrixNetWriter writes the matrix from edges sorted by row, each row's
// whole neighbourhood: the one-mode edges from both ends.
type matrixNetWriter struct {
	n       *Network
	bw      *bufio.Writer
	colBase int
	row     []float64
	cur     int // the row the cells are being collected for
	buf     []byte
}

func (mw *matrixNetWriter) begin() {
	n := mw.n
	cols := n.Nodes
	if n.Type == NetworkTwoMode {
		cols, mw.colBase = n.Nodes[n.Rows:], n.Rows
	}
	mw.row = make([]float64, len(cols))
	for _, c := range cols {
		mw.bw.WriteByte(',')
		mw.bw.WriteString(csvField(c.Name))
	}
	mw.bw.WriteByte('\n')
}

// flush writes the rows before row r.
func (mw *matrixNetWriter) flush(r int) error {
	for ; mw.cur < r; mw.cur++ {
		buf := append(mw.buf[:0], csvField(mw.n.Nodes[mw.cur].Name)...)
		for j, v := range mw.row {
			buf = append(buf, ',')
			buf = appendWeight(buf, v)
			mw.row[j] = 0
		}
		buf = append(buf, '\n')
		mw.buf = buf
		if _, err := mw.bw.Write(buf); err != nil {
			return writeErr(err)
		}
	}
	return nil
}

func (mw *matrixNetWriter) edges(es []NetworkEdge) error {
	for _, e := range es {
		if int(e.Source) > mw.cur {
			if err := mw.flush(int(e.Source)); err != nil {
				return err
			}
		}
		mw.row[int(e.Target)-mw.colBase] = e.Weight
	}
	return nil
}

func (mw *matrixNetWriter) end() error {
	if err := mw.flush(mw.n.Rows); err != nil {
		return err
	}
	return writeErr(mw.bw.Flush())
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
// Text cells that begin like a formula are neutralised first (safetext.CSV).
func csvField(s string) string {
	s = safetext.CSV(s) // a name such as =HYPERLINK(…) stays text in a spreadsheet
	if !strings.ContainsAny(s, ",\"\r\n") && strings.TrimSpace(s) == s {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

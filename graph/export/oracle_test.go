package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
)

// oldWriteGraphML is WriteGraphML as it was before it appended bytes by
// hand: fmt and encoding/xml's EscapeText. It is the oracle the new writer
// must match byte for byte.
func oldWriteGraphML(w io.Writer, d *Document) error {
	bw := bufio.NewWriter(w)
	gcols := d.graphColumns()
	ncols := d.nodeColumns()
	ecols := d.edgeColumns(true)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	writeKeys := func(prefix, domain string, cols []column) {
		for _, c := range cols {
			fmt.Fprintf(bw, "  <key id=\"%s_%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
				prefix, c.name, domain, c.name, graphMLType(c.typ))
		}
	}
	oldText := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	writeData := func(indent, prefix string, cols []column, x any) {
		for _, c := range cols {
			v, ok := c.get(x)
			if !ok {
				continue
			}
			fmt.Fprintf(bw, "%s<data key=\"%s_%s\">%s</data>\n", indent, prefix, c.name, oldText(c.text(v)))
		}
	}
	writeKeys("g", "graph", gcols)
	writeKeys("n", "node", append([]column{labelColumn()}, ncols...))
	writeKeys("e", "edge", ecols)
	bw.WriteString("  <graph id=\"claimnet\" edgedefault=\"directed\">\n")
	writeData("    ", "g", gcols, d)
	for i := range d.Nodes {
		n := &d.Nodes[i]
		fmt.Fprintf(bw, "    <node id=\"%s\">\n", oldText(n.ID))
		writeData("      ", "n", append([]column{labelColumn()}, ncols...), n)
		bw.WriteString("    </node>\n")
	}
	for i := range d.Edges {
		e := &d.Edges[i]
		fmt.Fprintf(bw, "    <edge id=\"%s\" source=\"%s\" target=\"%s\">\n", oldText(e.ID), oldText(e.Source), oldText(e.Target))
		writeData("      ", "e", ecols, e)
		bw.WriteString("    </edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

// adversarial are strings the writers must escape as encoding/json and
// encoding/xml do.
var adversarial = []string{
	"", `quote " and backslash \ and slash /`, "tab\tnewline\ncr\rbell\afeed\fback\b",
	"nul\x00unit\x1fdel\x7f", "<tag> & 'apos'", "line\u2028para\u2029sep", "invalid \xff\xfe utf-8 \xc3",
	"lone surrogate \xed\xa0\x80", "nonchars \uFFFE \uFFFF \uFFFD", "astral 𝄞 é ü 中文", "=1+2", "-0.5", "@SUM(A1)", "+x",
	"\tlead tab", "\rlead cr", "é", strings.Repeat("long ", 100),
}

// oracleDocuments are the documents the writers are compared on: the
// built-in dataset aggregated and per statement, generated data, and the
// tiny dataset with adversarial strings and scores.
func oracleDocuments(t *testing.T) map[string]*Document {
	t.Helper()
	ctx := context.Background()
	build := func(d *annotations.Dataset, opts ...Option) *Document {
		m, err := graph.Compile(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		an, err := analysis.Analyze(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Build(m, an, opts...)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	istanbul, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	generated, err := gen.Generate(gen.Config{Actors: 200, Claims: 400, Statements: 4000, Sources: 30, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*Document{
		"istanbul":               build(istanbul),
		"istanbul per statement": build(istanbul, PerStatement(true)),
		"gen":                    build(generated),
		"gen per statement":      build(generated, PerStatement(true)),
		"adversarial":            adversarialDocument(build(istanbul, PerStatement(true))),
	}
	return docs
}

// adversarialDocument puts the adversarial strings and awkward scores in
// every string and score field of d.
func adversarialDocument(d *Document) *Document {
	k := 0
	next := func() string { k++; return adversarial[k%len(adversarial)] }
	scores := []float64{0, -0.5, 1e-7, 1e21, 1e20, 123456789.125, math.NaN(), math.Inf(1), math.Inf(-1), 5e-324, math.MaxFloat64, -1e-6}
	score := func() Score { k++; return Score(scores[k%len(scores)]) }
	for i := range d.Nodes {
		n := &d.Nodes[i]
		n.Label = next()
		for m := range n.Centrality {
			n.Centrality[m] = score()
		}
		if a := n.ActorAttrs; a != nil {
			a.Role, a.Affiliation, a.Aliases, a.Tags = next(), next(), []string{next(), next()}, nil
		}
		if c := n.ClaimAttrs; c != nil {
			c.Text, c.Topic, c.Contestation, c.About = next(), next(), score(), []string{next()}
		}
	}
	for i := range d.Edges {
		e := &d.Edges[i]
		e.Kind, e.Quote, e.TextSource = next(), next(), next()
	}
	for i := range d.Statements {
		s := &d.Statements[i]
		s.Quote, s.Note, s.At = next(), next(), next()
	}
	for i := range d.Sources {
		s := &d.Sources[i]
		s.Title, s.Outlet, s.Author = next(), next(), next()
	}
	for m := range d.Nodes[0].Centrality {
		d.Nodes[0].Centrality[m] = -0.5
	}
	delete(d.Nodes[1].Centrality, d.Measures[0])
	d.Nodes[1].First, d.Nodes[1].Last = 99991231, 100000101
	d.Statements[0].Date = 10101
	d.Nodes[2].Centrality = nil
	d.Methods[next()] = next()
	d.Coalitions.Modularity, d.Coalitions.Polarization = score(), score()
	d.Coalitions.Groups = append(d.Coalitions.Groups, nil, []string{})
	d.Reversals = append(d.Reversals, Reversal{Actor: next(), Claim: next()})
	d.Conflicts = append(d.Conflicts, Conflict{A: next(), B: next(), Claim: next()})
	return d
}

// TestWriteJSONOracle checks that WriteJSON writes the values
// encoding/json writes (HTML escaping off), and lays them out as the
// format says: one record of each list per line.
func TestWriteJSONOracle(t *testing.T) {
	docs := oracleDocuments(t)
	docs["zero"] = &Document{} // nil lists and maps are null, as encoding/json writes them
	for name, doc := range docs {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := WriteJSON(context.Background(), &got, doc); err != nil {
			t.Fatal(err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, got.Bytes()); err != nil {
			t.Fatalf("%s: WriteJSON wrote invalid JSON: %v", name, err)
		}
		compact.WriteByte('\n')
		if !bytes.Equal(compact.Bytes(), want.Bytes()) {
			t.Errorf("%s: WriteJSON differs from encoding/json: %s", name, diffAt(compact.Bytes(), want.Bytes()))
		}
		// Each record is a line that is valid JSON on its own (with its
		// trailing comma taken off), and lines are records or the
		// document's own fields.
		records := len(doc.Nodes) + len(doc.Edges) + len(doc.Statements) + len(doc.Relations) +
			len(doc.Sources) + len(doc.Reversals) + len(doc.Conflicts) + len(doc.Coalitions.Groups)
		onLine := 0
		for _, line := range bytes.Split(got.Bytes(), []byte("\n")) {
			line = bytes.TrimSuffix(bytes.TrimSpace(line), []byte(","))
			if len(line) > 0 && (line[0] == '{' || line[0] == '[' || string(line) == "null") && json.Valid(line) {
				onLine++
			}
		}
		if onLine < records {
			t.Errorf("%s: %d records, %d of them on a line of their own", name, records, onLine)
		}
	}
}

// TestWriteGraphMLOracle checks WriteGraphML against the writer it
// replaced, and that its output is well-formed XML.
func TestWriteGraphMLOracle(t *testing.T) {
	for name, doc := range oracleDocuments(t) {
		var want, got bytes.Buffer
		if err := oldWriteGraphML(&want, doc); err != nil {
			t.Fatal(err)
		}
		if err := WriteGraphML(context.Background(), &got, doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: WriteGraphML differs from the old writer: %s", name, diffAt(got.Bytes(), want.Bytes()))
		}
	}
}

// TestXMLWellFormed writes GraphML and GEXF of the adversarial document
// and parses them with encoding/xml and, when it is installed, python's
// xml.dom.minidom: names and quotes with NUL, U+FFFE, U+FFFF, lone
// surrogates and invalid UTF-8 must not make them ill-formed.
func TestXMLWellFormed(t *testing.T) {
	doc := oracleDocuments(t)["adversarial"]
	dir := t.TempDir()
	for _, format := range []string{FormatGraphML, FormatGEXF} {
		var b bytes.Buffer
		if err := Write(context.Background(), &b, doc, format, Style{}); err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(bytes.NewReader(b.Bytes()))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed: %v", format, err)
			}
		}
		p := filepath.Join(dir, "graph."+format)
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		py, err := exec.LookPath("python3")
		if err != nil {
			t.Logf("python3 not found; %s checked with encoding/xml only", format)
			continue
		}
		out, err := exec.Command(py, "-c", "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])", p).CombinedOutput()
		if err != nil {
			t.Errorf("%s: python's xml parser: %v\n%s", format, err, out)
		}
	}
}

// TestForbiddenCharacters checks that NUL and the other characters XML
// forbids reach neither DOT nor CSV raw, and that CSV text cells that a
// spreadsheet would take for a formula are neutralised while numbers are
// not.
func TestForbiddenCharacters(t *testing.T) {
	doc := oracleDocuments(t)["adversarial"]
	var dot, nodes, edges bytes.Buffer
	if err := WriteDOT(context.Background(), &dot, doc); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(context.Background(), &nodes, &edges, doc); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"dot": dot.Bytes(), "nodes.csv": nodes.Bytes(), "edges.csv": edges.Bytes()} {
		s := string(b)
		for _, bad := range []string{"\x00", "\x1f", "\a", "\uFFFE", "\uFFFF"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s holds %q", name, bad)
			}
		}
		if !strings.Contains(s, "nul\uFFFDunit\uFFFD") {
			t.Errorf("%s: NUL and U+001F are not U+FFFD", name)
		}
		if !bytes.Equal(bytes.ToValidUTF8(b, []byte("?")), b) {
			t.Errorf("%s is not valid UTF-8", name)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"=1+2", "'=1+2"}, {"+x", "'+x"}, {"-0.5", "'-0.5"}, {"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"}, {"\rx", "'\rx"}, {"plain", "plain"}, {"", ""}, {"a=b", "a=b"},
		{"nul\x00", "nul\uFFFD"}, {"\x00=", "\uFFFD="}, {"bad \xff", "bad \uFFFD"}, {"é", "é"},
	} {
		if got := CSVText(tt.in); got != tt.want {
			t.Errorf("CSVText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// The adversarial labels reach the nodes table neutralised; the
	// scores, among them -0.5, stay numbers.
	if !strings.Contains(nodes.String(), ",'=1+2,") || strings.Contains(nodes.String(), ",=1+2,") {
		t.Error("nodes.csv: a label =1+2 is not neutralised")
	}
	if !strings.Contains(nodes.String(), ",-0.5,") {
		t.Error("nodes.csv: the score -0.5 is not a number")
	}
}

func diffAt(got, want []byte) string {
	n := min(len(got), len(want))
	for i := range n {
		if got[i] != want[i] {
			lo := max(0, i-80)
			return fmt.Sprintf("byte %d: got %q, want %q", i, got[lo:min(len(got), i+80)], want[lo:min(len(want), i+80)])
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(got), len(want))
}

// TestWriteCanceled checks that every writer stops with the context's
// error once it is done, instead of writing the whole document.
func TestWriteCanceled(t *testing.T) {
	doc := oracleDocuments(t)["gen per statement"]
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, format := range Formats() {
		var err error
		if format == FormatCSV {
			err = WriteCSV(ctx, io.Discard, io.Discard, doc)
		} else {
			err = Write(ctx, io.Discard, doc, format, Style{})
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: %v, want context.Canceled", format, err)
		}
	}
}

// benchDocument is the per-statement document of 100,000 generated
// statements.
func benchDocument(b *testing.B) *Document {
	b.Helper()
	ctx := context.Background()
	data, err := gen.Generate(gen.Config{Actors: 2000, Claims: 5000, Statements: 100000, Sources: 500, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	m, err := graph.Compile(ctx, data)
	if err != nil {
		b.Fatal(err)
	}
	an, err := analysis.Analyze(ctx, m)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := Build(m, an)
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// BenchmarkWriteJSON compares the hand-written json writer with
// encoding/json's indenting encoder (the writer it replaced wrote the
// same bytes through encoding/json record by record).
func BenchmarkWriteJSON(b *testing.B) {
	doc := benchDocument(b)
	b.Run("appenders", func(b *testing.B) {
		for b.Loop() {
			if err := WriteJSON(context.Background(), io.Discard, doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			if _, err := MarshalJSON(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkWriteGraphML(b *testing.B) {
	doc := benchDocument(b)
	b.Run("appenders", func(b *testing.B) {
		for b.Loop() {
			if err := WriteGraphML(context.Background(), io.Discard, doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("fmt-xml", func(b *testing.B) {
		for b.Loop() {
			if err := oldWriteGraphML(io.Discard, doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

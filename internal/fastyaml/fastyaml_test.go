package fastyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// diffTree returns where a and b differ in what the decoder reads (kind,
// tag, style, value, line, column, children), or "".
func diffTree(a, b *yaml.Node, path string) string {
	if a == nil || b == nil {
		if a != b {
			return path + ": one tree is nil"
		}
		return ""
	}
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Style != b.Style || a.Value != b.Value || a.Line != b.Line || a.Column != b.Column {
		return fmt.Sprintf("%s: fast {%v %s %v %q %d:%d}, yaml.v3 {%v %s %v %q %d:%d}", path,
			a.Kind, a.Tag, a.Style, a.Value, a.Line, a.Column, b.Kind, b.Tag, b.Style, b.Value, b.Line, b.Column)
	}
	if len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: %d children, yaml.v3 has %d", path, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if d := diffTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// reference parses data with yaml.v3 as the loader does: one document,
// its content node (nil for an empty file).
func reference(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("a second document or an error after the first: %v", err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// checkFast parses data with both parsers. Where the fast parser accepts,
// yaml.v3 must accept too and build the same tree.
func checkFast(t *testing.T, p *Parser, data []byte) bool {
	t.Helper()
	fast, ok := p.Parse(data)
	if !ok {
		return false
	}
	ref, err := reference(data)
	if err != nil {
		t.Fatalf("fast parser accepted what yaml.v3 rejects (%v):\n%s", err, data)
	}
	if d := diffTree(fast, ref, ""); d != "" {
		t.Fatalf("trees differ at %s in:\n%s", d, data)
	}
	return true
}

func TestParse(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		accept bool
	}{
		{"mapping", "a: b\nc: d\n", true},
		{"comments and blank lines", "# head\n\na: b # trailing\n  # indented comment\n\nc: d\n", true},
		{"nested mapping", "source:\n  id: s\n  title: A title, with commas [and brackets]\nx: y\n", true},
		{"sequence of mappings", "statements:\n  - actor: a\n    claim: b\n  - actor: c\n    quote: “typographic” quotes — and dashes\n", true},
		{"indentless sequence", "statements:\n- actor: a\n  claim: b\n- actor: c\nclaims: x\n", true},
		{"wide dash", "s:\n  -   a: b\n      c: d\n", true},
		{"scalar items", "s:\n  - one\n  - two words\n  - \"three\"\n", true},
		{"dash then block", "s:\n  -\n    a: b\n", true},
		{"quoted", "a: \"x: y # z\"\nb: 'it''s'\nc: \"esc \\\" \\\\ \\n \\t \\u00e9\"\nd: \"\"\n", true},
		{"special words", "a: true\nb: False\nc: null\nd: yes\ne: Nothing\nf: \"true\"\n", true},
		{"dates", "a: 2025-11-02\nb: \"2025-11-02\"\n", true},
		{"digits then text", "file: 000_ee4f9562bbf69c95.txt\nb: 3 days\n", true},
		{"hex", "a: 0x1F\n", false},
		{"float", "a: 1e3\n", false},
		{"timestamp with time", "a: 2025-11-02T10:00:00Z\n", false},
		{"flow sequence", "a: [x, \"y z\", 'w']\nb: []\nc: [ spaced , out ]\n", true},
		{"flow mapping", "s:\n  - {actor: a, claim: b, quote: “q” here, direct: true}\n  - {}\n", true},
		{"unicode columns", "a: “é” \nb: [é, “x”, y]\nc: {k: é, l: ü}\n", true},
		{"hash inside plain", "a: x#y\n", true},
		{"key with digits", "a1_b-c: d\n", true},
		{"no final newline", "a: b", true},
		{"empty value", "a:\nb: c\n", false},
		{"integer", "a: 1947\n", false},
		{"invalid date", "a: 2025-02-30\n", false},
		{"multi-line plain", "a: b\n  c\n", false},
		{"multi-line quoted", "a: \"b\n  c\"\n", false},
		{"block scalar", "a: |\n  b\n", false},
		{"anchor", "a: &x b\n", false},
		{"tag", "a: !!str b\n", false},
		{"tab", "a:\tb\n", false},
		{"crlf", "a: b\r\n", false},
		{"document marker", "---\na: b\n", false},
		{"second document", "a: b\n---\nc: d\n", false},
		{"quoted key", "\"a\": b\n", false},
		{"key space", "a b: c\n", false},
		{"plain with colon", "a: b: c\n", false},
		{"bad indentation", "a:\n  b: c\n   d: e\n", false},
		{"trailing comma", "a: [x, ]\n", false},
		{"nested flow", "a: [[x]]\n", false},
		{"question mark in flow", "aliases: [Who?, x]\n", false},
		{"question mark inside flow", "a: [x?y]\n", false},
		{"question mark in flow mapping", "a: {k: v?}\n", false},
		{"question mark in block", "a: Who?\nb: x?y\n", true},
		{"escape not handled", "a: \"\\x41\"\n", false},
		{"surrogate escape", "a: \"\\ud800\"\n", false},
		{"only comments", "# nothing\n", false},
		{"empty", "", false},
		{"root scalar", "hello\n", false},
		{"indented root", "  a: b\n", false},
		{"comment without space", "a: \"b\"#c\n", false},
		{"nel", "a: b\u0085c\n", false},
		{"line separator", "a: b\u2028c\n", false},
		{"control", "a: b\x01\n", false},
	}
	var p Parser
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := checkFast(t, &p, []byte(tt.text)); got != tt.accept {
				t.Errorf("accepted = %v, want %v", got, tt.accept)
			}
		})
	}
}

// FuzzParse checks that wherever the fast parser accepts, yaml.v3
// builds the same tree.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"a: b\nc: [d, e]\n",
		"statements:\n  - actor: a\n    quote: “q”\n  - {actor: b, direct: true}\n",
		"s:\n- a: 'x''y'\n  b: \"\\u00e9\"\n# c\n",
		strings.Repeat("k:\n  ", 3) + "v: 2025-01-01\n",
	} {
		f.Add([]byte(s))
	}
	var p Parser
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFast(t, &p, data)
	})
}

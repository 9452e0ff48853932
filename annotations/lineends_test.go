package annotations

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lineEndingCases are files whose meaning, and whose problems' positions,
// must not depend on their line endings.
var lineEndingCases = []string{
	base,
	"actors:\n  - id: x\n    name: X\n    type: person\n    aliases: [Who?, x]\n",
	"actors:\n  - {id: x, name: X, type: person, aliases: [a?b]}\n",
	"claims:\n  - {id: c, text: T, topic: x?}\n  - {id: d, text: \"it's: fine # here\"}\n",
	"claims:\n  - id: c\n    text: [x #y]\n",
	"claims:\n  - id: c\n    text: {k: v?}\n",
	"actors:\n  - id: x\n   name: X\n",
	"actors:\n  - id: x\n    name: X\n    type: persn\n    tags: [a, b]\n",
	"statements:\n  - actor: a\n    claim: c\n    stance: support\n    source: s\n    quote: |\n      two\n      lines\n  - actor: a\n    claim: c\n    stance: oppose\n    source: s\n    quote: \"one\n      folded\"\n",
	"actors: [\n  {id: x, name: X, type: person}\n]\n",
	"claims:\n  - id: c\n    text: T\n\n\n  - id: d\n    text: \"unterminated\n",
	"claims:\n  - id: c\n    text: T\n    supports: d\n    attacks: [e, f\n",
	"a: b\n---\nc: d\n",
	"claims:\n  - id: c\n    text: T\x00\n",
	"claims:\n  - id: c\n    text: T\xff\n",
	"claims:\n  - id: c\n    text: \"\\e[2J\"\n",
}

// withEndings returns data with every "\n" replaced by eol.
func withEndings(data, eol string) []byte { return []byte(strings.ReplaceAll(data, "\n", eol)) }

// TestLineEndingsSameMeaning checks that a file means the same — the same
// entries, the same problems at the same positions — with LF, CRLF and
// CR-only line endings, whichever parser reads it.
func TestLineEndingsSameMeaning(t *testing.T) {
	files := append([]string(nil), lineEndingCases...)
	err := fs.WalkDir(Embedded(), ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !IsAnnotationFile(path) {
			return err
		}
		data, err := fs.ReadFile(Embedded(), path)
		files = append(files, string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var fp fileParser
	for i, f := range files {
		lf := fp.parse("f.yaml", []byte(f))
		for _, eol := range []string{"\r\n", "\r"} {
			other := fp.parse("f.yaml", withEndings(f, eol))
			if d := diffResults(lf, other); d != "" {
				t.Errorf("file %d, LF and %q copies differ: %s\n%s", i, eol, d, f)
			}
		}
	}
}

// TestLineEndingsPositions checks positions in files with CR-only and
// mixed line endings, where they are counted by claimnet rather than by
// yaml.v3: NUL bytes, invalid UTF-8, located syntax errors.
func TestLineEndingsPositions(t *testing.T) {
	tests := []struct{ name, file, want string }{
		{"syntax error, CR", "actors:\r  - id: x\r   name: X\r", "f.yaml:3:4: invalid YAML: did not find expected '-' indicator"},
		{"syntax error, mixed", "actors:\r\n  - id: x\r   name: X\n", "f.yaml:3:4: invalid YAML: did not find expected '-' indicator"},
		{"NUL, CR", "a: b\rc: d\r  e: \x00\r", "f.yaml:3:6: file contains a NUL byte: not a YAML text file (annotation files are UTF-8 text)"},
		{"NUL, CRLF", "a: b\r\nc: d\r\n  e: \x00\r\n", "f.yaml:3:6: file contains a NUL byte: not a YAML text file (annotation files are UTF-8 text)"},
		{"invalid UTF-8, CR", "a: b\r\rc: \xff\r", "f.yaml:3:4: file is not valid UTF-8 (save it as UTF-8 text)"},
		{"invalid UTF-8 after U+2028", "a: b\u2028c: \xff\n", "f.yaml:2:4: file is not valid UTF-8 (save it as UTF-8 text)"},
	}
	var fp fileParser
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fp.parse("f.yaml", []byte(tt.file)).errs.Error(); got != tt.want {
				t.Errorf("error = %s\nwant    %s", got, tt.want)
			}
		})
	}
}

// TestLocateYAMLErrorLarge checks the position of a syntax error at the
// end of a file of many entries, and at its start.
func TestLocateYAMLErrorLarge(t *testing.T) {
	body := largeYAML(2000)
	lines := strings.Count(body, "\n")
	tests := []struct{ name, file, want string }{
		{"bad indentation at the end", body + "  - id: last\n   text: T\n", fmt.Sprintf("f.yaml:%d:4: invalid YAML: did not find expected '-' indicator", lines+2)},
		{"unclosed flow at the end", body + "  - {id: last, text: T\n", fmt.Sprintf("f.yaml:%d:3: invalid YAML: did not find expected ',' or '}'", lines+1)},
		{"unterminated quote at the start", "claims:\n  - id: \"c\n" + body[len("claims:\n"):], "f.yaml:2:3: invalid YAML: found unexpected end of stream"},
	}
	var fp fileParser
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fp.parse("f.yaml", []byte(tt.file)).errs.Error(); got != tt.want {
				t.Errorf("error = %s\nwant    %s", got, tt.want)
			}
		})
	}
}

// largeYAML is a claims: list of n claims in the plain subset.
func largeYAML(n int) string {
	var b strings.Builder
	b.WriteString("claims:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - id: claim-%d\n    text: Claim number %d, which says something.\n    supports: [claim-%d]\n", i, i, i/2)
	}
	return b.String()
}

// BenchmarkLocateYAMLError measures Load's report of one syntax error at
// the end of a 12 MB file: yaml.v3's parse and the search for the line.
func BenchmarkLocateYAMLError(b *testing.B) {
	// 120,000 claims, 12.5 MB.
	body := largeYAML(120000)
	data := []byte(body + "  - id: last\n   text: T\n")
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "f.yaml"), data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_, err := LoadDir(dir)
		var list ErrorList
		if !errors.As(err, &list) || len(list) != 1 || !strings.Contains(list[0].Msg, "invalid YAML") {
			b.Fatalf("error = %.200v", err)
		}
	}
}

var _ = bytes.Equal

package annotations

import (
	"bytes"
	"fmt"
	"io/fs"
	"reflect"
	"testing"
)

// TestFastYAMLEncoded checks that every file of the built-in dataset
// takes the fast path (fastyaml), and that these and a file Encode writes
// with values chosen to make the encoder quote decode as they do through
// yaml.v3.
func TestFastYAMLEncoded(t *testing.T) {
	odd := []string{"plain words", "yes", "no", "true", "null", "~", "2025", "2025-11-02", "a: b", "#hash", "x #y",
		" leading", "trailing ", "“curly” — dash", "it's", `say "hi"`, "back\\slash", "-dash", "[bracket", "{brace", "*star",
		"&amp", "!bang", "%pct", "@at", "`tick", "?q", ",comma", "é", "tab\there", "new\nline", "0x1F", "1e3", ".5"}
	var f File
	f.Source = &Source{ID: "s", Title: "T", Published: 20251102}
	for i, q := range odd {
		f.Actors = append(f.Actors, &Actor{ID: fmt.Sprintf("a%d", i), Name: q, Type: "person", Aliases: []string{q, "x"}})
		f.Statements = append(f.Statements, &Statement{Actor: "a", Claim: "c", Stance: Support, Quote: q, Source: "s", Date: 20251102, Note: q, Direct: i%2 == 0})
	}
	var buf bytes.Buffer
	if err := Encode(&buf, &f); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"encoded.yaml": buf.Bytes()}
	err := fs.WalkDir(Embedded(), ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !IsAnnotationFile(path) {
			return err
		}
		files[path], err = fs.ReadFile(Embedded(), path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("only %d files", len(files))
	}
	var fast, slow fileParser
	slow.slow = true
	for path, data := range files {
		// The built-in dataset's files must take the fast path; the
		// encoded oddities may go to yaml.v3 (a tab, a line break).
		if _, ok := fast.fast.Parse(data); !ok && path != "encoded.yaml" {
			t.Errorf("%s does not take the fast path", path)
		}
		if d := diffResults(parseScribbled(&fast, path, data), slow.parse(path, data)); d != "" {
			t.Errorf("%s: fast and yaml.v3 decoding differ: %s", path, d)
		}
	}
}

// FuzzFastLoad checks that a file decodes to the same entries and the
// same problems whether the fast parser or yaml.v3 reads it.
func FuzzFastLoad(f *testing.F) {
	f.Add([]byte(base))
	f.Add([]byte("source:\n  id: s\n  title: T\n  published: 2025-11-02\nstatements:\n  - actor: a\n    claim: c\n    stance: support\n    quote: “q”\n    direct: true\n  - {actor: b, claim: c, stance: oppose, quote: q, date: 2025-11-03, note: n}\nrelations:\n  - from: a\n    type: threatens\n    to: [b, c]\n    quote: q\n"))
	f.Add([]byte("actors:\n  - id: x\n    name: X\n    name: Y\n    type: persn\n    aliases: [a, b]\nclaims:\n  - id: c\n    text: 1947\n    supports: d\n"))
	var fast, slow fileParser
	slow.slow = true
	f.Fuzz(func(t *testing.T, data []byte) {
		a, b := parseScribbled(&fast, "f.yaml", data), slow.parse("f.yaml", data)
		if d := diffResults(a, b); d != "" {
			t.Fatalf("fast and yaml.v3 decoding differ: %s\n%s", d, data)
		}
	})
}

// parseScribbled parses a copy of data with fp and then overwrites the
// copy, as the loader does when it reads the next file into the same
// buffer: a string the result kept from the buffer shows up as a
// difference from yaml.v3's result.
func parseScribbled(fp *fileParser, name string, data []byte) *fileResult {
	buf := bytes.Clone(data)
	r := fp.parse(name, buf)
	for i := range buf {
		buf[i] = '#'
	}
	return r
}

func diffResults(a, b *fileResult) string {
	for _, c := range []struct {
		name string
		x, y any
	}{
		{"actors", a.actors, b.actors}, {"claims", a.claims, b.claims}, {"sources", a.sources, b.sources},
		{"statements", a.statements, b.statements}, {"relations", a.relations, b.relations},
	} {
		if !reflect.DeepEqual(c.x, c.y) {
			return c.name
		}
	}
	if a.errs.Error() != b.errs.Error() {
		return "errors:\n" + a.errs.Error() + "\nyaml.v3:\n" + b.errs.Error()
	}
	return ""
}

// TestYAMLEnv checks that the dataset loads the same with CLAIMNET_YAML=v3,
// which leaves every file to yaml.v3.
func TestYAMLEnv(t *testing.T) {
	fast, err := LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(YAMLEnv, "v3")
	slow, err := LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Error("the dataset loads differently with CLAIMNET_YAML=v3")
	}
}

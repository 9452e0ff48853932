package annotations

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"
)

// base declares the entries most cases refer to.
const base = `actors:
  - id: khawaja-asif
    name: Khawaja Asif
    type: person
    affiliation: pakistan-government
  - id: pakistan-government
    name: Government of Pakistan
    type: government
claims:
  - id: ttp-safe-havens
    text: The TTP operates from Afghan soil.
sources:
  - id: report
    title: A report
    published: 2025-11-02
    file: report.txt
`

func loadFiles(t *testing.T, files map[string]string) (*Dataset, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	return Load(fsys, ".")
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		file string // content of b.yaml, beside base in a.yaml
		want []string
	}{
		{"unknown key with suggestion", "statements:\n  - actor: khawaja-asif\n    claim: ttp-safe-havens\n    stance: support\n    quot: x\n    source: report\n",
			[]string{`b.yaml:2:5: statement has no "quote"`, `b.yaml:5:5: unknown key "quot" in statement (did you mean "quote"?)`}},
		{"unknown top-level key", "actor:\n  - id: x\n",
			[]string{`b.yaml:1:1: unknown key "actor" in the file (did you mean "actors"?)`}},
		{"wrong type", "actors:\n  - id: x\n    name: [a, b]\n    type: person\n",
			[]string{`b.yaml:3:11: "name" must be a single value, not a list`}},
		{"integer where string", "actors:\n  - id: x\n    name: 1947\n    type: person\n",
			[]string{`b.yaml:3:11: "name" must be a string, not the integer 1947 (put it in quotes: name: "1947")`}},
		{"bad enum with suggestion", "actors:\n  - id: x\n    name: X\n    type: persn\n",
			[]string{`b.yaml:4:11: "persn" is not a valid type (did you mean "person"?; one of: person, organization, government, state, group, media)`}},
		{"bad stance", "statements:\n  - {actor: khawaja-asif, claim: ttp-safe-havens, stance: agree, quote: q, source: report}\n",
			[]string{`b.yaml:2:59: "agree" is not a valid stance (one of: support, oppose)`}},
		{"bad date", "sources:\n  - id: s2\n    title: T\n    published: 2025-02-30\n",
			[]string{`b.yaml:4:16: "published": "2025-02-30" is not a date of the form YYYY-MM-DD (write it as YYYY-MM-DD, e.g. 2025-10-19)`}},
		{"date of wrong form", "sources:\n  - id: s2\n    title: T\n    published: 19 October 2025\n",
			[]string{`b.yaml:4:16: "published": "19 October 2025" is not a date of the form YYYY-MM-DD (write it as YYYY-MM-DD, e.g. 2025-10-19)`}},
		{"dangling actor with did you mean", "statements:\n  - actor: khawaja-asaf\n    claim: ttp-safe-havens\n    stance: support\n    quote: q\n    source: report\n",
			[]string{`b.yaml:2:5: actor "khawaja-asaf" is not a known actor (did you mean "khawaja-asif"?)`}},
		{"dangling claim without near miss", "statements:\n  - actor: khawaja-asif\n    claim: something-else-entirely\n    stance: oppose\n    quote: q\n    source: report\n",
			[]string{`b.yaml:2:5: claim "something-else-entirely" is not a known claim (declare the claim or correct the id)`}},
		{"dangling source", "statements:\n  - actor: khawaja-asif\n    claim: ttp-safe-havens\n    stance: oppose\n    quote: q\n    source: reprot\n",
			[]string{`b.yaml:2:5: source "reprot" is not a known source (did you mean "report"?)`}},
		{"duplicate id across kinds", "claims:\n  - id: khawaja-asif\n    text: T\n",
			[]string{`b.yaml:2:5: duplicate id "khawaja-asif": already used by the actor at a.yaml:2:5 (ids are unique across actors, claims and sources)`}},
		{"id not kebab-case", "actors:\n  - id: Khawaja_Asif2\n    name: K\n    type: person\n",
			[]string{`b.yaml:2:5: actor id "Khawaja_Asif2" is not lower-case kebab-case (ids are lower-case words joined by dashes, e.g. "khawaja-asif2")`}},
		{"empty quote", "statements:\n  - actor: khawaja-asif\n    claim: ttp-safe-havens\n    stance: support\n    quote: \"  \"\n    source: report\n",
			[]string{`b.yaml:5:12: "quote" is blank (give the verbatim words from the source)`}},
		{"null quote", "statements:\n  - actor: khawaja-asif\n    claim: ttp-safe-havens\n    stance: support\n    quote:\n    source: report\n",
			[]string{`b.yaml:5:11: "quote" is empty`}},
		{"missing source without file default", "statements:\n  - actor: khawaja-asif\n    claim: ttp-safe-havens\n    stance: support\n    quote: q\n",
			[]string{`b.yaml:2:5: statement has no "source"`}},
		{"duplicate key", "actors:\n  - id: x\n    name: X\n    name: Y\n    type: person\n",
			[]string{`b.yaml:4:5: duplicate key "name" in actor (first at line 3) (remove one of them)`}},
		{"absolute file", "sources:\n  - id: s2\n    title: T\n    file: /etc/passwd\n",
			[]string{`b.yaml:4:11: file "/etc/passwd" is absolute (give the path relative to the corpus directory, e.g. 004_report.txt)`}},
		{"file leaving corpus", "sources:\n  - id: s2\n    title: T\n    file: ../../etc/passwd\n",
			[]string{`b.yaml:4:11: file "../../etc/passwd" leaves the corpus directory or is not a clean path (give a path inside the corpus directory, without .. or ./)`}},
		{"alias", "actors:\n  - &a\n    id: x\n    name: X\n    type: person\n  - *a\n",
			[]string{`b.yaml:6:5: YAML aliases (*a) are not supported in annotation files (write the value out in full)`}},
		{"syntax error", "actors:\n  - id: x\n   name: X\n",
			[]string{`b.yaml:3:4: invalid YAML: did not find expected '-' indicator`}},
		{"not a mapping", "- a\n- b\n",
			[]string{`b.yaml:1:1: the file must be a mapping (key: value lines), not a list`}},
		{"binary junk", "actors:\x00\xff",
			[]string{`b.yaml:1:8: file contains a NUL byte: not a YAML text file (annotation files are UTF-8 text)`}},
		{"invalid utf8", "actors:\n  - id: \xff\n",
			[]string{`b.yaml:2:9: file is not valid UTF-8 (save it as UTF-8 text)`}},
		{"source and sources", "source:\n  id: s2\n  title: T\nsources:\n  - id: s3\n    title: U\n",
			[]string{`b.yaml:4:1: a file holds either one source: or a sources: list, not both (move these sources to a file of their own)`}},
		{"relation to unknown and bad type", "relations:\n  - from: khawaja-asif\n    type: mediate\n    to: [pakistan-governmnt]\n    quote: q\n    source: report\n",
			[]string{`b.yaml:2:5: to "pakistan-governmnt" is not a known actor (did you mean "pakistan-government"?)`, `b.yaml:3:11: "mediate" is not a valid type (did you mean "mediates"?; one of: mediates, negotiates-with, threatens, criticizes, cooperates-with)`}},
		{"affiliation cycle", "actors:\n  - id: a1\n    name: A\n    type: group\n    affiliation: a2\n  - id: a2\n    name: B\n    type: group\n    affiliation: a1\n",
			[]string{`b.yaml:2:5: affiliation cycle: a1 → a2 → a1 (one actor in the cycle must have no affiliation)`}},
		{"second document", "actors: []\n---\nclaims: []\n",
			[]string{`b.yaml:2:1: invalid YAML: a second YAML document (after ---); put one document in each file`}},
		{"direct not bool", "statements:\n  - {actor: khawaja-asif, claim: ttp-safe-havens, stance: support, quote: q, source: report, direct: yes please}\n",
			[]string{`b.yaml:2:102: "direct" must be true or false (write true or false)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFiles(t, map[string]string{"a.yaml": base, "b.yaml": tt.file})
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load error = %v, want an ErrorList", err)
			}
			got := strings.Split(list.Error(), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLoadAllProblemsSorted(t *testing.T) {
	_, err := loadFiles(t, map[string]string{
		"a.yaml": base,
		"z.yaml": "claims:\n  - id: c1\n    text: T\n    supports: [nope]\n",
		"m.yaml": "actors:\n  - id: x\n    name: X\n    type: nobody\n",
	})
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("got %v, want two problems", err)
	}
	if list[0].Pos.File != "m.yaml" || list[1].Pos.File != "z.yaml" {
		t.Errorf("problems not sorted by file: %v", list)
	}
}

func TestLoadDefaults(t *testing.T) {
	d, err := loadFiles(t, map[string]string{
		"a.yaml": base,
		"s/one.yaml": `source:
  id: op-ed
  title: An opinion
  published: 2025-11-05
  file: op-ed.txt
statements:
  - actor: khawaja-asif
    claim: ttp-safe-havens
    stance: support
    quote: Kabul must act
    direct: true
  - actor: pakistan-government
    claim: ttp-safe-havens
    stance: oppose
    quote: another
    date: 2025-11-01
    source: report
relations:
  - from: khawaja-asif
    type: threatens
    to: pakistan-government
    quote: q
`,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Stats(); got != (Stats{2, 1, 2, 2, 1}) {
		t.Errorf("stats = %+v", got)
	}
	s0, s1 := d.Statements[0], d.Statements[1]
	if s0.Source != "op-ed" || s0.Date.String() != "2025-11-05" || !s0.Direct || s0.Stance != Support {
		t.Errorf("first statement = %+v; want source op-ed dated 2025-11-05, direct support", s0)
	}
	if s1.Source != "report" || s1.Date.String() != "2025-11-01" || s1.Stance != Oppose {
		t.Errorf("second statement = %+v", s1)
	}
	if s0.Pos.String() != "s/one.yaml:7:5" {
		t.Errorf("position = %s, want s/one.yaml:7:5", s0.Pos)
	}
	r := d.Relations[0]
	if r.Source != "op-ed" || len(r.To) != 1 || r.To[0] != "pakistan-government" || r.Date.String() != "2025-11-05" {
		t.Errorf("relation = %+v", r)
	}
	if got := d.AffiliationRoot("khawaja-asif"); got != "pakistan-government" {
		t.Errorf("AffiliationRoot = %q", got)
	}
}

func TestLoadHostile(t *testing.T) {
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	var bomb strings.Builder
	bomb.WriteString("a: &a [x, x, x, x, x, x, x, x, x]\n")
	for i := 'b'; i <= 'z'; i++ {
		bomb.WriteString(string(i) + ": &" + string(i) + " [*" + string(i-1) + ", *" + string(i-1) + ", *" + string(i-1) + ", *" + string(i-1) + "]\n")
	}
	huge := strings.Repeat("#", MaxFileSize+1)
	for _, tt := range []struct{ name, content, want string }{
		{"deep nesting", "actors: " + deep, "b.yaml:1:1: invalid YAML: exceeded max depth of 10000"},
		{"alias bomb", bomb.String(), `b.yaml:1:1: unknown key "a" in the file`},
		{"huge file", huge, "b.yaml:1:1: file is 67108865 bytes, larger than the limit of 67108864 (split it into several files)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFiles(t, map[string]string{"a.yaml": base, "b.yaml": tt.content})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %.300v\nwant prefix %s", err, tt.want)
			}
		})
	}
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte(base))
	f.Add([]byte("source:\n  id: s\n  title: T\nstatements:\n  - {actor: a, claim: c, stance: support, quote: q}\n"))
	f.Add([]byte("actors: [{id: &x a, name: *x}]"))
	f.Add([]byte("- - - [\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Load(fstest.MapFS{"f.yaml": &fstest.MapFile{Data: data}}, ".")
		if err == nil && d == nil {
			t.Fatal("nil dataset without error")
		}
		var list ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				if e.Pos.File != "f.yaml" || e.Pos.Line < 1 || e.Pos.Col < 1 {
					t.Fatalf("bad position in %v", e)
				}
			}
		}
	})
}

// TestReferencesShareIDs checks that after loading every reference to an
// entry holds the entry's own id string, not a copy: a million statements
// then cost no more id memory than the entries themselves.
func TestReferencesShareIDs(t *testing.T) {
	d, err := LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	same := func(what, ref, id string) {
		t.Helper()
		if ref != id || unsafe.StringData(ref) != unsafe.StringData(id) {
			t.Errorf("%s %q does not share its entry's id string", what, ref)
		}
	}
	for _, s := range d.Statements {
		same("statement actor", s.Actor, d.Actor(s.Actor).ID)
		same("statement claim", s.Claim, d.Claim(s.Claim).ID)
		if s.Source != "" {
			same("statement source", s.Source, d.Source(s.Source).ID)
		}
	}
	for _, r := range d.Relations {
		same("relation from", r.From, d.Actor(r.From).ID)
		for _, to := range r.To {
			same("relation to", to, d.Actor(to).ID)
		}
	}
	if len(d.Statements) == 0 || len(d.Relations) == 0 {
		t.Fatal("test dataset has no statements or relations")
	}
}

package annotations

import (
	"github.com/claimnet/claimnet/internal/testutil"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestWorkedExample loads the worked example of docs/format.md, so the
// reference cannot drift from what the loader accepts, and checks its
// quotes against the corpus when it is there.
func TestWorkedExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(doc)[strings.Index(string(doc), "## Worked example"):]
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(section, -1)
	if len(blocks) != 2 {
		t.Fatalf("worked example has %d YAML blocks, want 2", len(blocks))
	}
	fsys := fstest.MapFS{
		"actors.yaml": {Data: []byte(blocks[0][1])},
		"report.yaml": {Data: []byte(blocks[1][1])},
	}
	example, err := Load(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	if got := example.Stats(); got != (Stats{5, 2, 1, 3, 1}) {
		t.Errorf("stats = %+v", got)
	}
	// The error shown in the reference is the one check prints.
	fsys["report.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(blocks[1][1], "actor: khawaja-asif", "actor: khawaja-asaf", 1))}
	_, err = Load(fsys, ".")
	want := `report.yaml:7:5: actor "khawaja-asaf" is not a known actor (did you mean "khawaja-asif"?)`
	if err == nil || err.Error() != want || !strings.Contains(string(doc), want) {
		t.Errorf("misspelt actor: got %v, want %s (as in the reference)", err, want)
	}
	// Last, as it skips the test where the corpus is not beside the repository.
	if err := CheckCorpus(example, os.DirFS(testutil.SharedPath(t, "corpus"))); err != nil {
		t.Errorf("worked example quotes: %v", err)
	}
}

// TestEmbeddedDataset checks the shipped dataset's size, its quotes
// against the corpus, and that the claims the texts show as disputed
// between the two sides carry statements on both.
func TestEmbeddedDataset(t *testing.T) {
	d, err := LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	s := d.Stats()
	if s.Actors < 25 || s.Claims < 35 || s.Statements < 120 || s.Sources != 5 {
		t.Errorf("dataset too small: %+v", s)
	}
	if err := CheckCorpus(d, os.DirFS(testutil.SharedPath(t, "corpus"))); err != nil {
		t.Errorf("quotes not found:\n%v", err)
	}
	// A claim both sides speak to with opposite stances is contested; the
	// dataset must have such claims on the core disputes.
	sides := map[string]map[Stance]bool{}
	for _, st := range d.Statements {
		root := d.AffiliationRoot(st.Actor)
		key := st.Claim + "|" + root
		if sides[key] == nil {
			sides[key] = map[Stance]bool{}
		}
		sides[key][st.Stance] = true
	}
	for _, c := range []string{"kabul-shelters-ttp", "written-guarantees-required", "ttp-is-pakistan-internal-matter"} {
		pk, af := sides[c+"|pakistan"], sides[c+"|afghanistan"]
		if len(pk) == 0 || len(af) == 0 {
			t.Errorf("claim %s lacks statements from both sides: pakistan %v, afghanistan %v", c, pk, af)
		}
	}
}

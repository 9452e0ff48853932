package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/internal/testutil"
)

const article = `Talks resumed on Monday.

"We will not accept any conditions," Ali Khan, the foreign minister, told journalists. He added: "Our patience has limits."
`

func TestExtractCommand(t *testing.T) {
	dir := testutil.WriteFiles(t, map[string]string{"article.txt": article})
	in := filepath.Join(dir, "article.txt")
	draft := filepath.Join(dir, "draft.yaml")

	code, _, stderr := runCLI(t, "extract", in, "-o", draft)
	if code != 0 {
		t.Fatalf("extract: exit %d: %s", code, stderr)
	}
	d, err := annotations.LoadDir(draft)
	if err != nil {
		t.Fatalf("draft does not load: %v", err)
	}
	if len(d.Statements) != 2 {
		t.Fatalf("draft has %d statements, want 2", len(d.Statements))
	}
	for _, s := range d.Statements {
		if d.Actor(s.Actor).Name != "Ali Khan" || !strings.HasPrefix(s.Note, "draft") {
			t.Errorf("statement %+v: want speaker Ali Khan and a draft note", s)
		}
	}
	if err := annotations.CheckCorpus(d, os.DirFS(dir)); err != nil {
		t.Errorf("draft quotes are not verbatim: %v", err)
	}

	// The draft is the analyst's work from now on: never replaced without --force.
	os.WriteFile(draft, []byte("# reviewed\n"), 0o644)
	code, _, stderr = runCLI(t, "extract", in, "-o", draft)
	if b, _ := os.ReadFile(draft); code != 1 || string(b) != "# reviewed\n" || !strings.Contains(stderr, "--force") {
		t.Errorf("second extract: exit %d, stderr %q, file %q; want exit 1 and the file kept", code, stderr, b)
	}
	if code, _, _ = runCLI(t, "extract", "--force", in, "-o", draft); code != 0 {
		t.Errorf("extract --force: exit %d", code)
	}

	code, stdout, _ := runCLI(t, "extract", "--json", in)
	var got struct {
		Documents []struct {
			Statements []struct {
				Speaker, Quote, Kind string
				Start, End           int
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || code != 0 || len(got.Documents) != 1 {
		t.Fatalf("extract --json: exit %d, %v\n%s", code, err, stdout)
	}
	for _, s := range got.Documents[0].Statements {
		if s.Kind == "direct" && article[s.Start:s.End] != s.Quote {
			t.Errorf("offsets [%d,%d) give %q, quote is %q", s.Start, s.End, article[s.Start:s.End], s.Quote)
		}
	}

	if code, _, _ := runCLI(t, "extract"); code != 2 {
		t.Errorf("extract without files: exit %d, want 2", code)
	}
	if code, _, _ := runCLI(t, "extract", in, in); code != 2 {
		t.Errorf("two files without -o DIR: exit %d, want 2", code)
	}
}

// TestExtractHardening covers what extract used to lose or crash on:
// text that is not UTF-8 (a panic in the YAML encoder that left a .tmp
// file), two FILEs that map to one draft (one silently lost), and an
// existing draft found only after other drafts were written.
func TestExtractHardening(t *testing.T) {
	dir := testutil.WriteFiles(t, map[string]string{
		"a/x.txt":    article,
		"b/x.txt":    article,
		"c/y.txt":    article,
		"latin1.txt": "Officials called it a \"char\xe9ade\" today.\n",
	})
	ls := func(d string) []string {
		var names []string
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}

	draft := filepath.Join(dir, "latin1.yaml")
	code, _, stderr := runCLI(t, "extract", filepath.Join(dir, "latin1.txt"), "-o", draft)
	if code != 1 || !strings.Contains(stderr, "latin1.txt:1:28: the text is not valid UTF-8: byte 0xE9 at offset 27") || strings.Contains(stderr, "panic") {
		t.Errorf("latin-1 text: exit %d, stderr %q", code, stderr)
	}
	for _, name := range ls(dir) {
		if strings.Contains(name, ".tmp") || name == "latin1.yaml" {
			t.Errorf("latin-1 text left %s", name)
		}
	}

	out := filepath.Join(dir, "drafts")
	code, _, stderr = runCLI(t, "extract", filepath.Join(dir, "c/y.txt"), filepath.Join(dir, "a/x.txt"), filepath.Join(dir, "b/x.txt"), "-o", out)
	if code != 2 || !strings.Contains(stderr, "a/x.txt and ") || !strings.Contains(stderr, "b/x.txt both give the source id \"x\"") {
		t.Errorf("colliding FILEs: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("colliding FILEs: %s written: %v", out, ls(out))
	}

	// A draft already there stops the run before any draft is written.
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "y.yaml"), []byte("# reviewed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, "extract", filepath.Join(dir, "a/x.txt"), filepath.Join(dir, "c/y.txt"), "-o", out)
	if got := ls(out); code != 1 || len(got) != 1 || !strings.Contains(stderr, "y.yaml exists") {
		t.Errorf("existing draft: exit %d, stderr %q, drafts %v; want exit 1 and nothing written", code, stderr, got)
	}
	code, _, stderr = runCLI(t, "extract", "--force", filepath.Join(dir, "a/x.txt"), filepath.Join(dir, "c/y.txt"), "-o", out)
	if got := ls(out); code != 0 || strings.Join(got, " ") != "x.yaml y.yaml" {
		t.Errorf("--force: exit %d, stderr %q, drafts %v", code, stderr, got)
	}
	if _, err := annotations.LoadDir(out); err != nil {
		t.Errorf("drafts do not load together: %v", err)
	}
}

// TestExtractDraftsPassCheck: drafts made with --actors link to the
// dataset's actors and claims and still load with check on their own.
func TestExtractDraftsPassCheck(t *testing.T) {
	dir := testutil.WriteFiles(t, map[string]string{
		"data/actors.yaml": "actors:\n  - id: ali-khan\n    name: Ali Khan\n    type: person\n    affiliation: foreign-ministry\n  - id: foreign-ministry\n    name: Foreign Ministry\n    type: organization\n",
		"data/claims.yaml": "claims:\n  - id: no-conditions\n    text: The government will not accept any conditions.\n    about: [foreign-ministry]\n",
		"a/article.txt":    article,
		"b/other.txt":      "Ali Khan spoke again on Friday.\n\n\"We will not accept conditions of any kind,\" Ali Khan said.\n",
	})
	out := filepath.Join(dir, "drafts")
	code, _, stderr := runCLI(t, "extract", "--actors", filepath.Join(dir, "data"), "--published", "2016-09-28", "-o", out,
		filepath.Join(dir, "a/article.txt"), filepath.Join(dir, "b/other.txt"))
	if code != 0 {
		t.Fatalf("extract: exit %d: %s", code, stderr)
	}
	if code, stdout, stderr := runCLI(t, "check", out); code != 0 {
		t.Fatalf("check of the drafts: exit %d\n%s%s", code, stdout, stderr)
	}
	d, err := annotations.LoadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	linked := 0
	for _, s := range d.Statements {
		if s.Claim == "no-conditions" {
			linked++
			if s.Actor != "ali-khan" || !strings.Contains(s.Note, "claim: existing no-conditions") {
				t.Errorf("statement %+v: want ali-khan and the retrieval's note", s)
			}
		}
	}
	if linked < 2 {
		t.Errorf("%d statements linked to the dataset's claim, want both quotations of it", linked)
	}
}

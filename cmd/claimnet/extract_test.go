package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
)

const article = `Talks resumed on Monday.

"We will not accept any conditions," Ali Khan, the foreign minister, told journalists. He added: "Our patience has limits."
`

func TestExtractCommand(t *testing.T) {
	dir := writeFiles(t, map[string]string{"article.txt": article})
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

package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/internal/testutil"
)

const jsonSnippet = "Ahmed Karimi arrived late. “The talks failed,” he said. Critics called it a “charade.”"

func TestWriteJSON(t *testing.T) {
	doc, err := New(WithActors([]*annotations.Actor{{ID: "ahmed-karimi", Name: "Ahmed Karimi", Type: "person"}})).
		Extract(context.Background(), "a.txt", strings.NewReader(jsonSnippet))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, doc, &Document{File: "empty.txt"}); err != nil {
		t.Fatal(err)
	}
	want := `{
  "documents": [
    {
      "file": "a.txt",
      "statements": [
        {
          "speaker": "Ahmed Karimi",
          "mention": "he",
          "actor": "ahmed-karimi",
          "quote": "The talks failed,",
          "start": 30,
          "end": 47,
          "kind": "direct",
          "verb": "say",
          "stance": "support",
          "stance_cue": "asserted"
        },
        {
          "speaker": "",
          "mention": "Critics",
          "actor": null,
          "quote": "charade.",
          "start": 83,
          "end": 91,
          "kind": "term",
          "verb": "call",
          "stance": null,
          "unattributed": "speaker not named in the text"
        }
      ]
    },
    {
      "file": "empty.txt",
      "statements": []
    }
  ]
}
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	var v struct {
		Documents []struct {
			Statements []struct{ Start, End int }
		}
	}
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	s := v.Documents[0].Statements[0]
	if got := jsonSnippet[s.Start:s.End]; got != "The talks failed," {
		t.Errorf("offsets select %q", got)
	}
}

func TestJSONWriterEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := NewJSONWriter(&b).Close(); err != nil {
		t.Fatal(err)
	}
	var v map[string][]any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil || v["documents"] == nil {
		t.Errorf("empty output %q: %v", b.String(), err)
	}
}

// TestDraftFileChecks loads drafts into a dataset as `claimnet check`
// does: a draft of a corpus text beside the curated actors, and a draft
// with new and unnamed speakers on its own. Both must validate, and the
// corpus draft's quotes must be verbatim.
func TestDraftFileChecks(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		actors bool
		doc    func(t *testing.T, e *Extractor) (*Document, error)
	}{
		{"corpus text with known actors", true, func(t *testing.T, e *Extractor) (*Document, error) {
			f, err := os.Open(filepath.Join(testutil.SharedPath(t, "corpus"), "004_0bdf177377d3ab0a.txt"))
			if err != nil {
				return nil, err
			}
			defer f.Close()
			return e.Extract(ctx, "corpus/004_0bdf177377d3ab0a.txt", f)
		}},
		{"new and unnamed speakers", false, func(t *testing.T, e *Extractor) (*Document, error) {
			return e.Extract(ctx, "snippet.txt", strings.NewReader(
				"“We are ready,” Tomas Berg said. The message: “Nobody will be left behind at all.” Officials called it a “plan.”"))
		}},
	}
	gold, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	actorsYAML, err := fs.ReadFile(annotations.Embedded(), "actors.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []Option
			fsys := fstest.MapFS{}
			if tt.actors {
				opts = append(opts, WithActors(gold.Actors))
				fsys["actors.yaml"] = &fstest.MapFile{Data: actorsYAML}
			}
			doc, err := tt.doc(t, New(opts...))
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := annotations.Encode(&b, DraftFile(doc)); err != nil {
				t.Fatal(err)
			}
			fsys["draft.yaml"] = &fstest.MapFile{Data: b.Bytes()}
			d, err := annotations.Load(fsys, ".")
			if err != nil {
				t.Fatalf("draft does not load: %v\n%s", err, b.String())
			}
			if len(d.Statements) == 0 {
				t.Fatalf("draft has no statements:\n%s", b.String())
			}
			for _, s := range d.Statements {
				if !strings.HasPrefix(s.Note, "draft: ") || !strings.HasPrefix(s.Claim, "todo-") {
					t.Errorf("statement not marked as draft: %+v", s)
				}
			}
			if tt.actors {
				if err := annotations.CheckCorpus(d, os.DirFS(testutil.SharedPath(t, "corpus"))); err != nil {
					t.Errorf("draft quotes not verbatim: %v", err)
				}
			}
			if !strings.Contains(b.String(), "Terms and titles (quoted labels and names of works, not statements)") {
				t.Errorf("terms not listed in the head comment:\n%s", b.String())
			}
		})
	}
}

// TestDrafterDeclaresOnce checks that the drafts of a corpus load together:
// an actor proposed by two documents is declared in the first draft only.
func TestDrafterDeclaresOnce(t *testing.T) {
	e := New()
	var dr Drafter
	fsys := fstest.MapFS{}
	for i, text := range []string{"“We are ready,” Tomas Berg said.", "“We are still ready,” Tomas Berg said."} {
		name := fmt.Sprintf("doc%d.txt", i)
		doc, err := e.Extract(context.Background(), name, strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := annotations.Encode(&b, dr.Draft(doc)); err != nil {
			t.Fatal(err)
		}
		fsys[name+".yaml"] = &fstest.MapFile{Data: b.Bytes()}
	}
	d, err := annotations.Load(fsys, ".")
	if err != nil {
		t.Fatalf("drafts do not load together: %v", err)
	}
	if len(d.Actors) != 1 || len(d.Statements) != 2 || d.Statements[1].Actor != "tomas-berg" {
		t.Errorf("actors %d, statements %+v", len(d.Actors), d.Statements)
	}
}

func TestSourceID(t *testing.T) {
	for in, want := range map[string]string{
		"corpus/000_ee4f.txt":   "000-ee4f",
		`C:\texts\Report 7.TXT`: "report-7",
		"-":                     "source",
		"...":                   "source",
	} {
		if got := SourceID(in); got != want {
			t.Errorf("SourceID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExtractAllProgress(t *testing.T) {
	var calls [][2]int
	e := New(WithProgress(func(done, total int) { calls = append(calls, [2]int{done, total}) }))
	in := FileInputs([]string{"-", "-"}, strings.NewReader("“We are ready to talk today,” Tomas Berg said."))
	var docs []*Document
	err := e.ExtractAll(context.Background(), in, func(d *Document) error { docs = append(docs, d); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Statements) != 1 || len(docs[1].Statements) != 0 {
		t.Errorf("documents %+v", docs)
	}
	if len(calls) != 2 || calls[0] != [2]int{1, 2} || calls[1] != [2]int{2, 2} {
		t.Errorf("progress calls %v", calls)
	}
	var bar bytes.Buffer
	draw := ProgressBar(&bar)
	draw(1, 2)
	draw(2, 2)
	if got := bar.String(); !strings.HasPrefix(got, "\rextract [===============               ] 1/2") || !strings.HasSuffix(got, "] 2/2\n") {
		t.Errorf("progress bar %q", got)
	}
}

func TestExtractErrors(t *testing.T) {
	e := New()
	err := e.ExtractAll(context.Background(), FileInputs([]string{"does-not-exist.txt"}, nil), func(*Document) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "does-not-exist.txt") {
		t.Errorf("missing file: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := e.ExtractAll(ctx, FileInputs([]string{"-"}, strings.NewReader("x")), func(*Document) error { return nil }); err == nil {
		t.Error("cancelled context: no error")
	}
	if _, err := e.Extract(context.Background(), "r", io.MultiReader(strings.NewReader("x"), errReader{})); err == nil || !strings.Contains(err.Error(), "extract r") {
		t.Errorf("read error: %v", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

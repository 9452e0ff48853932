package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/claimnet/claimnet/annotations"
)

// jsonStatement is the JSON form of a Statement.
type jsonStatement struct {
	Speaker string  `json:"speaker"`
	Mention string  `json:"mention,omitempty"`
	Role    string  `json:"role,omitempty"`
	Actor   *string `json:"actor"`
	Quote   string  `json:"quote"`
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Kind    Kind    `json:"kind"`
	Verb    string  `json:"verb"`
	Stance  *string `json:"stance"`
}

type jsonDocument struct {
	File       string          `json:"file"`
	Statements []jsonStatement `json:"statements"`
}

// JSONWriter streams documents as one JSON object,
//
//	{"documents": [{"file": …, "statements": [{"speaker": …, "actor": … or null,
//	  "quote": …, "start": …, "end": …, "kind": "direct|reported|term",
//	  "verb": …, "stance": "support|oppose" or null}, …]}, …]}
//
// writing each document as it comes, so that a corpus of any size is
// written in the memory of one document. Start and end are byte offsets
// of the quoted words in the document; "mention" and "role" are added
// when the text gives them.
type JSONWriter struct {
	w   io.Writer
	n   int
	err error
	buf bytes.Buffer
}

// NewJSONWriter returns a JSONWriter that writes to w. Call Close to end
// the JSON object.
func NewJSONWriter(w io.Writer) *JSONWriter { return &JSONWriter{w: w} }

// Write appends one document.
func (j *JSONWriter) Write(d *Document) error {
	if j.err != nil {
		return j.err
	}
	jd := jsonDocument{File: d.File, Statements: make([]jsonStatement, len(d.Statements))}
	for i, s := range d.Statements {
		js := jsonStatement{Speaker: s.Speaker, Mention: s.Mention, Role: s.Role, Quote: s.Quote,
			Start: s.Start, End: s.End, Kind: s.Kind, Verb: s.Verb}
		if s.Actor != "" {
			js.Actor = &s.Actor
		}
		if st := s.Stance.String(); st != "" {
			js.Stance = &st
		}
		jd.Statements[i] = js
	}
	j.buf.Reset()
	if j.n == 0 {
		j.buf.WriteString("{\n  \"documents\": [\n    ")
	} else {
		j.buf.WriteString(",\n    ")
	}
	enc := json.NewEncoder(&j.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(jd); err != nil {
		j.err = fmt.Errorf("encode %s as JSON: %w", d.File, err)
		return j.err
	}
	j.buf.Truncate(j.buf.Len() - 1) // the encoder's newline
	j.n++
	return j.flush()
}

// Close ends the JSON object. It does not close the underlying writer.
func (j *JSONWriter) Close() error {
	if j.err != nil {
		return j.err
	}
	j.buf.Reset()
	if j.n == 0 {
		j.buf.WriteString("{\n  \"documents\": []\n}\n")
	} else {
		j.buf.WriteString("\n  ]\n}\n")
	}
	err := j.flush()
	j.err = fmt.Errorf("JSONWriter is closed")
	return err
}

func (j *JSONWriter) flush() error {
	if _, err := j.w.Write(j.buf.Bytes()); err != nil {
		j.err = fmt.Errorf("write JSON: %w", err)
	}
	return j.err
}

// WriteJSON writes documents to w in the form JSONWriter describes.
func WriteJSON(w io.Writer, docs ...*Document) error {
	jw := NewJSONWriter(w)
	for _, d := range docs {
		if err := jw.Write(d); err != nil {
			return err
		}
	}
	return jw.Close()
}

// SourceID returns the id a draft gives the source read from file: its
// base name without extension, in kebab case ("000_ee4f.txt" gives
// "000-ee4f"), or "source" when nothing usable is left.
func SourceID(file string) string {
	base := path.Base(strings.ReplaceAll(file, "\\", "/"))
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	if id := annotations.SuggestID(base); id != "" && file != "-" {
		return id
	}
	return "source"
}

// DraftFile turns a document into a draft annotation file for review.
//
// Claims are unknown at extraction time, so each statement (direct or
// reported) gets a placeholder claim of its own, "todo-SOURCE-N", whose
// text is the quote: the file is valid as written, and the analyst
// either rewrites the claim's text into the proposition or points the
// statement at an existing claim and deletes the placeholder. Speakers
// that matched a known actor use its id; named speakers that did not are
// declared as new actors tagged "draft"; unnamed speakers point at a
// placeholder actor "todo-SOURCE-speaker". Every statement's note begins
// with "draft:" and gives the kind, the speech verb and the words that
// referred to the speaker, so `grep draft` finds what is left to review.
// Terms are not statements; they are listed in the file's head comment.
func DraftFile(d *Document) *annotations.File { return new(Drafter).Draft(d) }

// Drafter makes the drafts of a corpus, one document at a time. It is
// DraftFile, except that a new actor is declared only in the first draft
// that proposes it, so that the drafts of a corpus load together as one
// dataset. The zero Drafter is ready to use.
type Drafter struct {
	declared map[string]bool
}

// Draft returns the draft annotation file of d; see DraftFile.
func (dr *Drafter) Draft(d *Document) *annotations.File {
	if dr.declared == nil {
		dr.declared = make(map[string]bool)
	}
	src := &annotations.Source{ID: SourceID(d.File), Title: d.Title}
	if src.Title == "" {
		src.Title = "Untitled (" + d.File + ")"
	}
	if d.File != "-" {
		src.File = path.Base(strings.ReplaceAll(d.File, "\\", "/"))
	}
	f := &annotations.File{Source: src}
	newIDs := make(map[string]bool, len(d.NewActors))
	for _, a := range d.NewActors {
		newIDs[a.ID] = true
		if !dr.declared[a.ID] {
			dr.declared[a.ID] = true
			f.Actors = append(f.Actors, a)
		}
	}
	var terms []string
	unnamed := "todo-" + src.ID + "-speaker"
	needUnnamed := false
	n := 0
	for _, s := range d.Statements {
		if s.Kind == Term {
			who := s.Speaker
			if who == "" {
				who = "unattributed"
			}
			terms = append(terms, fmt.Sprintf("  “%s” (%s, bytes %d–%d)", s.Quote, who, s.Start, s.End))
			continue
		}
		n++
		claim := fmt.Sprintf("todo-%s-%d", src.ID, n)
		f.Claims = append(f.Claims, &annotations.Claim{ID: claim, Text: s.Quote})
		actor := s.Actor
		if actor == "" {
			if id := annotations.SuggestID(s.Speaker); newIDs[id] {
				actor = id
			} else {
				actor, needUnnamed = unnamed, true
			}
		}
		note := "draft: " + string(s.Kind)
		if s.Verb != "" {
			note += "; verb: " + s.Verb
		}
		if s.Mention != "" {
			note += "; speaker given as: " + s.Mention
		}
		f.Statements = append(f.Statements, &annotations.Statement{
			Actor:  actor,
			Claim:  claim,
			Stance: s.Stance,
			Quote:  s.Quote,
			Source: src.ID,
			Direct: s.Kind == Direct,
			Note:   note,
		})
	}
	if needUnnamed {
		f.Actors = append(f.Actors, &annotations.Actor{ID: unnamed, Name: "Unnamed speaker in " + src.ID, Type: annotations.TypePerson, Tags: []string{"draft"}})
	}
	var c strings.Builder
	fmt.Fprintf(&c, "Draft annotations proposed by claimnet extract from %s.\n", d.File)
	c.WriteString("Review every entry: check each speaker, rewrite each todo claim into the proposition\n")
	c.WriteString("(or point the statement at an existing claim), check each stance, then remove the draft notes.")
	if len(terms) > 0 {
		c.WriteString("\nTerms (quoted labels, not statements):\n")
		c.WriteString(strings.Join(terms, "\n"))
	}
	f.Comment = c.String()
	return f
}

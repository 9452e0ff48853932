package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimnet/claimnet/annotations"
)

// jsonStatement is the JSON form of a Statement.
type jsonStatement struct {
	Speaker   string     `json:"speaker"`
	Mention   string     `json:"mention,omitempty"`
	Role      string     `json:"role,omitempty"`
	Actor     *string    `json:"actor"`
	Quote     string     `json:"quote"`
	Start     int        `json:"start"`
	End       int        `json:"end"`
	Kind      Kind       `json:"kind"`
	Verb      string     `json:"verb"`
	Stance    *string    `json:"stance"`
	Why       string     `json:"unattributed,omitempty"`
	Cue       string     `json:"stance_cue,omitempty"`
	Date      string     `json:"date,omitempty"`
	DateWords string     `json:"date_words,omitempty"`
	Claim     *jsonClaim `json:"claim,omitempty"`
}

// jsonClaim is the JSON form of a ClaimMatch.
type jsonClaim struct {
	ID            string  `json:"id"`
	Score         float64 `json:"score"`
	Relative      float64 `json:"relative"`
	RunnerUp      string  `json:"runner_up,omitempty"`
	RunnerUpScore float64 `json:"runner_up_score,omitempty"`
	Linked        bool    `json:"linked"`
	// Ahead is set when the link comes from the margin over the runner-up.
	Ahead      bool            `json:"ahead,omitempty"`
	Candidates []jsonCandidate `json:"candidates,omitempty"`
}

// jsonCandidate is the JSON form of a Candidate.
type jsonCandidate struct {
	ID       string  `json:"id"`
	Score    float64 `json:"score"`
	Relative float64 `json:"relative"`
}

// JSONWriter streams documents as one JSON object,
//
//	{"documents": [{"file": …, "statements": [{"speaker": …, "actor": … or null,
//	  "quote": …, "start": …, "end": …, "kind": "direct|reported|term",
//	  "verb": …, "stance": "support|oppose" or null,
//	  "unattributed": why the speaker is empty, when it is,
//	  "stance_cue": what decided the stance,
//	  "date", "date_words": the statement's date and the words it came from,
//	  "claim": {"id", "score", "relative", "runner_up", "runner_up_score",
//	            "linked", "ahead", "candidates": [{"id", "score",
//	            "relative"}, …]}, with WithClaims}, …]}, …]}
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

// Write appends one document. Its statements are encoded and written a
// few at a time, so that a document with very many statements needs no
// more memory than the document itself.
func (j *JSONWriter) Write(d *Document) error {
	if j.err != nil {
		return j.err
	}
	j.buf.Reset()
	if j.n == 0 {
		j.buf.WriteString("{\n  \"documents\": [\n    ")
	} else {
		j.buf.WriteString(",\n    ")
	}
	j.buf.WriteString("{\n      \"file\": ")
	enc := json.NewEncoder(&j.buf)
	enc.SetEscapeHTML(false)
	if err := j.encode(enc, d.File, d.File); err != nil {
		return err
	}
	j.buf.WriteString(",\n      \"statements\": [")
	enc.SetIndent("        ", "  ")
	for i, s := range d.Statements {
		js := jsonStatement{Speaker: s.Speaker, Mention: s.Mention, Role: s.Role, Quote: s.Quote,
			Start: s.Start, End: s.End, Kind: s.Kind, Verb: s.Verb, Why: s.Why, Cue: s.Cue,
			Date: s.Date.String(), DateWords: s.DateWords}
		if m := s.Match; m.Claim != "" {
			js.Claim = &jsonClaim{ID: m.Claim, Score: m.Score, Relative: m.Relative, RunnerUp: m.RunnerUp, RunnerUpScore: m.RunnerUpScore, Linked: m.Linked, Ahead: m.Ahead}
			for _, c := range m.Candidates {
				js.Claim.Candidates = append(js.Claim.Candidates, jsonCandidate{ID: c.Claim, Score: c.Score, Relative: c.Relative})
			}
		}
		if s.Actor != "" {
			js.Actor = &s.Actor
		}
		if st := s.Stance.String(); st != "" {
			js.Stance = &st
		}
		if i > 0 {
			j.buf.WriteByte(',')
		}
		j.buf.WriteString("\n        ")
		if err := j.encode(enc, d.File, js); err != nil {
			return err
		}
		if j.buf.Len() >= 64<<10 {
			if err := j.flush(); err != nil {
				return err
			}
			j.buf.Reset()
		}
	}
	if len(d.Statements) > 0 {
		j.buf.WriteString("\n      ")
	}
	j.buf.WriteString("]\n    }")
	j.n++
	return j.flush()
}

// encode appends v to the buffer through enc, less the encoder's newline.
func (j *JSONWriter) encode(enc *json.Encoder, file string, v any) error {
	if err := enc.Encode(v); err != nil {
		j.err = fmt.Errorf("encode %s as JSON: %w", file, err)
		return j.err
	}
	j.buf.Truncate(j.buf.Len() - 1)
	return nil
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

// SourceIDs returns the source id of each file, as SourceID gives it,
// after checking that the ids are valid drafts of one corpus: a file name
// that is not valid UTF-8 cannot be written into a draft, and two files
// with one id (a/x.txt and b/x.txt, or x.txt and x.md) would give two
// drafts of the same name and two sources of the same id. Rather than
// number one of them, which would leave two sources pointing at texts of
// the same base name, SourceIDs reports the first such pair, in the order
// given, so that the caller can rename a file before anything is written.
func SourceIDs(files []string) ([]string, error) {
	ids := make([]string, len(files))
	first := make(map[string]string, len(files))
	for i, f := range files {
		if !utf8.ValidString(f) {
			return nil, fmt.Errorf("file name %s is not valid UTF-8; rename the file", strconv.QuoteToASCII(f))
		}
		ids[i] = SourceID(f)
		if prev, ok := first[ids[i]]; ok {
			return nil, &CollisionError{First: prev, Second: f, ID: ids[i]}
		}
		first[ids[i]] = f
	}
	return ids, nil
}

// CollisionError reports two files that give one source id, and so one
// draft file name.
type CollisionError struct {
	First, Second string // the files, in the order given
	ID            string // the source id they share
}

// Error names both files and the id they share.
func (e *CollisionError) Error() string {
	if e.First == e.Second {
		return fmt.Sprintf("%s is given twice", e.First)
	}
	return fmt.Sprintf("%s and %s both give the source id %q (draft %s.yaml); rename one of them or extract them separately into different directories", e.First, e.Second, e.ID, e.ID)
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
	// Dataset, when set, is the dataset whose actors and claims the
	// statements were resolved and linked to (WithActors, WithClaims).
	// The first draft that uses one of them then carries a copy of it
	// (an actor without its affiliation, a claim without its about,
	// supports and attacks lists, which could name what it lacks), listed in
	// the head comment, so that a directory of drafts loads with check on
	// its own. Delete the copies when merging the drafts into the dataset.
	Dataset *annotations.Dataset

	declared map[string]bool
	known    map[string]any // dataset actors and claims by "actor:" or "claim:" and id
}

// Draft returns the draft annotation file of d; see DraftFile.
func (dr *Drafter) Draft(d *Document) *annotations.File {
	return dr.draft(d, SourceID(d.File))
}

// DraftAs is Draft with the source id given, for a caller that has made
// the ids of a corpus unique (see SourceIDs).
func (dr *Drafter) DraftAs(d *Document, id string) *annotations.File { return dr.draft(d, id) }

func (dr *Drafter) draft(d *Document, id string) *annotations.File {
	if dr.declared == nil {
		dr.declared = make(map[string]bool)
	}
	src := &annotations.Source{ID: id, Title: validLine(d.Title), Published: d.Published}
	if src.Title == "" {
		src.Title = "Untitled (" + validLine(d.File) + ")"
	}
	if d.File != "-" {
		src.File = validLine(path.Base(strings.ReplaceAll(d.File, "\\", "/")))
	}
	f := &annotations.File{Source: src}
	newIDs := make(map[string]bool, len(d.NewActors))
	for _, a := range d.NewActors {
		newIDs[a.ID] = true
		if !dr.declared[a.ID] {
			dr.declared[a.ID] = true
			f.Actors = append(f.Actors, validActor(a))
		}
	}
	var terms []string
	unnamed := "todo-" + src.ID + "-speaker"
	needUnnamed := false
	n := 0
	for _, s := range d.Statements {
		if !s.Kind.Speech() {
			who := s.Speaker
			if who == "" {
				who = "unattributed"
			}
			switch s.Kind {
			case Title:
				who = "title"
			case Scare:
				who = "scare quote"
			}
			terms = append(terms, commentText(fmt.Sprintf("  “%s” (%s, bytes %d–%d)", s.Quote, who, s.Start, s.End)))
			continue
		}
		n++
		quote := validText(s.Quote)
		claim := s.Match.Claim
		if !s.Match.Linked {
			claim = fmt.Sprintf("todo-%s-%d", src.ID, n)
			f.Claims = append(f.Claims, &annotations.Claim{ID: claim, Text: validText(proposition(s.Quote))})
		}
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
			note += "; speaker given as: " + validLine(s.Mention)
		}
		if s.Why != "" {
			note += "; speaker left open: " + s.Why
		}
		if s.Cue != "" {
			note += "; stance: " + s.Cue
		}
		if s.DateWords != "" {
			note += "; date from: " + validLine(s.DateWords)
		}
		note += "; " + claimNote(s.Match)
		f.Statements = append(f.Statements, &annotations.Statement{
			Actor:  actor,
			Claim:  claim,
			Stance: s.Stance,
			Quote:  quote,
			Source: src.ID,
			Direct: s.Kind == Direct,
			Date:   s.Date,
			Note:   note,
		})
	}
	if needUnnamed {
		f.Actors = append(f.Actors, &annotations.Actor{ID: unnamed, Name: "Unnamed speaker in " + src.ID, Type: annotations.TypePerson, Tags: []string{"draft"}})
	}
	copied := dr.copyReferenced(f)
	var c strings.Builder
	fmt.Fprintf(&c, "Draft annotations proposed by claimnet extract from %s.\n", commentText(d.File))
	c.WriteString("Review every entry: check each speaker, rewrite each todo claim into the proposition\n")
	c.WriteString("(or point the statement at an existing claim), check each stance, then remove the draft notes.")
	if len(copied) > 0 {
		c.WriteString("\nCopied from the dataset so that the drafts load on their own (delete when merging): ")
		c.WriteString(commentText(strings.Join(copied, ", ")))
	}
	if len(terms) > 0 {
		c.WriteString("\nTerms and titles (quoted labels and names of works, not statements):\n")
		c.WriteString(strings.Join(terms, "\n"))
	}
	f.Comment = c.String()
	return f
}

// draftChunk is the number of entries EncodeDraft encodes at a time.
const draftChunk = 256

// EncodeDraft writes f exactly as annotations.Encode does, byte for byte,
// but a few hundred entries at a time, so that a draft of a very large
// document (tens of thousands of statements) is written in time and
// memory linear in its size with a small constant: the YAML encoder keeps
// every event of a document until the document ends.
func EncodeDraft(w io.Writer, f *annotations.File) error { return encodeChunked(w, f, draftChunk) }

// encodeChunked writes f as annotations.Encode does, encoding its actors,
// claims and statements n at a time. Each piece after the first is cut
// to its entries: the section's key line (and, for statements, the source
// encoded beside them so that they leave out its id and date) is dropped.
func encodeChunked(w io.Writer, f *annotations.File, n int) error {
	if len(f.Sources) > 0 || len(f.Relations) > 0 || len(f.Actors)+len(f.Claims)+len(f.Statements) <= n {
		return annotations.Encode(w, f)
	}
	var buf bytes.Buffer
	first := true
	piece := func(part *annotations.File, key string, continued bool) error {
		if first {
			part.Comment, part.Source = f.Comment, f.Source
		}
		buf.Reset()
		if err := annotations.Encode(&buf, part); err != nil {
			return err
		}
		out := buf.Bytes()
		if !first {
			line := []byte(key + ":\n")
			i := 0
			if !bytes.HasPrefix(out, line) {
				i = bytes.Index(out, append([]byte{'\n'}, line...)) + 1
				if i == 0 {
					return fmt.Errorf("encode %s: section %q not found in the encoder's output", key, key)
				}
			}
			out = out[i:]
			if continued {
				out = out[len(line):]
			}
		}
		first = false
		if _, err := w.Write(out); err != nil {
			return fmt.Errorf("write draft: %w", err)
		}
		return nil
	}
	for i := 0; i < len(f.Actors); i += n {
		if err := piece(&annotations.File{Actors: f.Actors[i:min(i+n, len(f.Actors))]}, "actors", i > 0); err != nil {
			return err
		}
	}
	for i := 0; i < len(f.Claims); i += n {
		if err := piece(&annotations.File{Claims: f.Claims[i:min(i+n, len(f.Claims))]}, "claims", i > 0); err != nil {
			return err
		}
	}
	for i := 0; i < len(f.Statements); i += n {
		if err := piece(&annotations.File{Source: f.Source, Statements: f.Statements[i:min(i+n, len(f.Statements))]}, "statements", i > 0); err != nil {
			return err
		}
	}
	return nil
}

// validText returns running text s fit for a draft's field, which the
// YAML encoder can write and Load accepts: bytes that are not UTF-8 and
// control characters (a form feed from pdftotext, a NUL) become U+FFFD
// (see annotations.CleanText). Extract rejects text that is not UTF-8;
// this guards the rest, and documents made by other means.
func validText(s string) string { return annotations.CleanText(s, true) }

// validLine is validText for a one-line field such as a name or a file.
func validLine(s string) string { return annotations.CleanText(s, false) }

// validActor returns a, or a copy with its strings made fit for a draft.
func validActor(a *annotations.Actor) *annotations.Actor {
	c := *a
	c.ID, c.Name, c.Role, c.Affiliation = validLine(a.ID), validLine(a.Name), validLine(a.Role), validLine(a.Affiliation)
	same := c.ID == a.ID && c.Name == a.Name && c.Role == a.Role && c.Affiliation == a.Affiliation
	aliases := make([]string, len(a.Aliases))
	for i, al := range a.Aliases {
		aliases[i] = validLine(al)
		same = same && aliases[i] == al
	}
	if same {
		return a
	}
	c.Aliases = aliases
	return &c
}

// commentText makes s safe for a YAML comment line, which unlike a quoted
// string has no escapes: a rune that is not graphic (control characters,
// NUL, U+FEFF, U+FFFF, line and paragraph separators) and a byte that is
// not valid UTF-8 are written as Go escapes (\x01, \uFFFF, \xff), which
// the YAML encoder accepts and the reader sees.
func commentText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			if b.Len() == 0 {
				b.WriteString(s[:i])
			}
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r == ' ' || unicode.IsGraphic(r):
			if b.Len() > 0 {
				b.WriteString(s[i : i+n])
			}
		default:
			if b.Len() == 0 {
				b.WriteString(s[:i])
			}
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += n
	}
	if b.Len() == 0 {
		return s
	}
	return b.String()
}

// claimNote says in a draft's note which case of claim retrieval applied,
// and lists the best-ranked claims for the analyst to choose from.
func claimNote(m ClaimMatch) string {
	var n string
	switch {
	case m.Claim == "":
		return "claim: new (no existing claim shares its words)"
	case m.Linked && m.Ahead:
		n = fmt.Sprintf("claim: existing %s (BM25 %.3g, relative %.2f, below %.2f but %.1f times the runner-up's score", m.Claim, m.Score, m.Relative, ClaimThreshold, m.Score/m.RunnerUpScore)
	case m.Linked:
		n = fmt.Sprintf("claim: existing %s (BM25 %.3g, relative %.2f", m.Claim, m.Score, m.Relative)
	default:
		n = fmt.Sprintf("claim: new (closest existing %s at relative %.2f, below %.2f", m.Claim, m.Relative, ClaimThreshold)
		if m.Relative >= ClaimFloor && m.RunnerUp != "" {
			n += fmt.Sprintf(", and not %.1f times the runner-up's score", ClaimMargin)
		}
	}
	if len(m.Candidates) > 1 {
		n += "; candidates:"
		for i, c := range m.Candidates {
			if i > 0 {
				n += ","
			}
			n += fmt.Sprintf(" %s %.2f", c.Claim, c.Relative)
		}
	}
	return n + ")"
}

// copyReferenced adds to f a copy of each actor and claim of dr.Dataset
// that f's statements use and no earlier draft has carried, and returns
// their ids.
func (dr *Drafter) copyReferenced(f *annotations.File) []string {
	if dr.Dataset == nil {
		return nil
	}
	if dr.known == nil {
		dr.known = make(map[string]any)
		for _, a := range dr.Dataset.Actors {
			dr.known["actor:"+a.ID] = a
		}
		for _, c := range dr.Dataset.Claims {
			dr.known["claim:"+c.ID] = c
		}
	}
	var ids []string
	for _, s := range f.Statements {
		for _, key := range [...]string{"actor:" + s.Actor, "claim:" + s.Claim} {
			v, ok := dr.known[key]
			if !ok || dr.declared[key] {
				continue
			}
			dr.declared[key] = true
			switch x := v.(type) {
			case *annotations.Actor:
				c := *x
				c.Pos, c.Affiliation = annotations.Pos{}, "" // a copy refers to no other actor
				f.Actors = append(f.Actors, validActor(&c))
				ids = append(ids, x.ID)
			case *annotations.Claim:
				f.Claims = append(f.Claims, &annotations.Claim{ID: x.ID, Text: validText(x.Text), Topic: x.Topic})
				ids = append(ids, x.ID)
			}
		}
	}
	return ids
}

package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/claimnet/claimnet/annotations"
)

// TestInvalidUTF8 checks that text that is not UTF-8 is refused with its
// position (it used to reach the YAML encoder, which panicked on it in
// the draft's head comment), and that the position counts characters and
// every kind of line end.
func TestInvalidUTF8(t *testing.T) {
	tests := []struct {
		name, text string
		line, col  int
		msg        string
	}{
		{"first byte", "\xffWe said.", 1, 1, "byte 0xFF at offset 0"},
		{"in a quotation", "Officials called it a “char\xe9ade” today.", 1, 28, "byte 0xE9 at offset 29"},
		{"after LF", "One.\nTwo “x\x80”", 2, 7, "byte 0x80 at offset 13"},
		{"after CRLF", "One.\r\nTwo\xc3(", 2, 4, "byte 0xC3 at offset 9"},
		{"after CR only", "One.\rTwo.\rx\xed\xa0\x80", 3, 2, "byte 0xED at offset 11"},
		{"truncated sequence at the end", "Fine text “\xe2\x80", 1, 12, "byte 0xE2 at offset 13"},
	}
	e := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := e.Extract(context.Background(), "in.txt", strings.NewReader(tt.text))
			var ae *annotations.Error
			if !errors.As(err, &ae) {
				t.Fatalf("got %v, %v; want an *annotations.Error", doc, err)
			}
			if want := (annotations.Pos{File: "in.txt", Line: tt.line, Col: tt.col}); ae.Pos != want {
				t.Errorf("position %v, want %v", ae.Pos, want)
			}
			if !strings.Contains(ae.Msg, tt.msg) || !strings.Contains(ae.Hint, "iconv") {
				t.Errorf("error %q, want it to say %q and how to convert", err, tt.msg)
			}
		})
	}
}

// TestDraftAnyText drafts documents whose quotations, terms, title and
// file name hold every kind of character a YAML file cannot hold raw:
// control characters, NUL, DEL, C1 controls, U+FEFF, U+FFFE, U+FFFF, line
// and paragraph separators, a lone CR. The draft must encode without
// error (the head comment used to carry them raw and give YAML that does
// not load) and load back with the quotes as the text has them, except
// that what no field may hold (a control character, a noncharacter)
// becomes U+FFFD, as annotations.CleanText makes it.
func TestDraftAnyText(t *testing.T) {
	odd := []string{"\x00", "\x01", "\x1b[31m", "\x7f", "\u0085", "\u0090", "\ufeff", "\ufffe", "\uffff", "\u2028", "\u2029", "\r", "\t", "\U0010FFFF", "\ue000"}
	for _, c := range odd {
		t.Run(fmt.Sprintf("%+q", c), func(t *testing.T) {
			text := "“We will not" + c + " back down,” Tomas Berg said. Critics called it a “char" + c + "ade.”"
			doc, err := New().ExtractText(context.Background(), "odd"+c+".txt", text)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := EncodeDraft(&b, DraftFile(doc)); err != nil {
				t.Fatalf("encode: %v", err)
			}
			d, err := annotations.Load(fstest.MapFS{"draft.yaml": {Data: b.Bytes()}}, ".")
			if err != nil {
				t.Fatalf("draft does not load: %v\n%s", err, b.String())
			}
			if want := annotations.CleanText("We will not"+c+" back down,", true); len(d.Statements) != 1 || d.Statements[0].Quote != want {
				t.Errorf("statements %+v", d.Statements)
			}
			comment, _, _ := strings.Cut(b.String(), "\nsource:")
			if c != "\t" && strings.Contains(comment, c) {
				t.Errorf("head comment holds %+q raw:\n%s", c, comment)
			}
		})
	}
	// A document made by other means than Extract may hold bytes that are
	// not UTF-8: they are replaced rather than failing the encoder.
	doc := &Document{File: "x\xff.txt", Title: "T\xff", Statements: []Statement{
		{Speaker: "A\xffB", Quote: "q\xff", Kind: Direct, Stance: annotations.Support},
		{Quote: "t\xff", Kind: Term},
	}, NewActors: []*annotations.Actor{{ID: "a-b", Name: "A\xffB", Type: "person"}}}
	var b bytes.Buffer
	if err := EncodeDraft(&b, DraftFile(doc)); err != nil {
		t.Fatalf("encode of a document with bad UTF-8: %v", err)
	}
	if _, err := annotations.Load(fstest.MapFS{"draft.yaml": {Data: b.Bytes()}}, "."); err != nil {
		t.Errorf("draft does not load: %v\n%s", err, b.String())
	}
}

// TestEncodeDraftChunked checks that EncodeDraft writes what
// annotations.Encode writes, byte for byte, whatever the size of the
// pieces, for a draft with new actors, claims and statements, and for one
// without a source.
func TestEncodeDraftChunked(t *testing.T) {
	var text strings.Builder
	for i := range 40 {
		fmt.Fprintf(&text, "“Point %d stands,” Speaker%d Name said. Critics called it a “plan.” Name%d insisted that the talks had failed.\n", i, i, i)
	}
	doc, err := New().ExtractText(context.Background(), "many.txt", text.String())
	if err != nil {
		t.Fatal(err)
	}
	full := DraftFile(doc)
	if len(full.Actors) < 20 || len(full.Statements) < 40 {
		t.Fatalf("draft too small for the test: %d actors, %d statements", len(full.Actors), len(full.Statements))
	}
	noSource := *full
	noSource.Source = nil
	for _, f := range []*annotations.File{full, &noSource} {
		var want bytes.Buffer
		if err := annotations.Encode(&want, f); err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{1, 2, 7, 64, 1000} {
			var got bytes.Buffer
			if err := encodeChunked(&got, f, n); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("pieces of %d (source %v): output differs from annotations.Encode\ngot:\n%s\nwant:\n%s", n, f.Source != nil, got.String(), want.String())
			}
		}
	}
}

// TestTruncatedCopies compares truncatedCopies with the definition, each
// paragraph against every paragraph before it, on random paragraphs made
// of few letters, so that prefixes and repeats abound.
func TestTruncatedCopies(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		var text strings.Builder
		var paras []span
		var pool []string
		for range 1 + r.IntN(30) {
			var p string
			if len(pool) > 0 && r.IntN(2) == 0 {
				p = pool[r.IntN(len(pool))]
				p = p[:r.IntN(len(p)+1)]
			} else {
				b := make([]byte, r.IntN(2*minRepeat+8))
				for i := range b {
					b[i] = "ab"[r.IntN(2)]
				}
				p = "x" + string(b)
			}
			if r.IntN(2) == 0 {
				p += string("abc"[r.IntN(3)])
			}
			pool = append(pool, p)
			if p == "" {
				continue
			}
			paras = append(paras, span{text.Len(), text.Len() + len(p)})
			text.WriteString(p + "\n")
		}
		s := text.String()
		got := truncatedCopies(s, paras)
		for i, p := range paras {
			body := s[p.start:p.end]
			want := false
			for _, q := range paras[:i] {
				want = want || len(body) >= minRepeat && strings.HasPrefix(s[q.start:q.end], body)
			}
			if got[i] != want {
				t.Fatalf("round %d, paragraph %d %q: got %v, want %v\n%s", round, i, body, got[i], want, s)
			}
		}
	}
}

// TestEarlierIndex checks that the suffix-array search of a long text
// answers as the direct search does.
func TestEarlierIndex(t *testing.T) {
	text := strings.Repeat("abc def. ", 50) + "unique tail here. abc"
	direct := &earlier{text: text}
	indexed := &earlier{text: text, scanned: scanBudget}
	for _, s := range []string{"abc", "def. abc", "unique tail", "tail here. abc", "nowhere", "c"} {
		for _, end := range []int{0, 3, 100, len(text) - 3, len(text)} {
			if d, i := direct.occursBefore(s, end), indexed.occursBefore(s, end); d != i {
				t.Errorf("occursBefore(%q, %d): direct %v, indexed %v", s, end, d, i)
			}
		}
	}
	if indexed.sa == nil {
		t.Error("the index was not built")
	}
}

// TestSourceIDs checks that two inputs that would give one draft are
// found up front, and names that are not UTF-8 refused.
func TestSourceIDs(t *testing.T) {
	tests := []struct {
		files   []string
		ids     string
		clashes string
	}{
		{[]string{"a/x.txt", "b/y.txt"}, "x y", ""},
		{[]string{"a/x.txt", "b/x.txt"}, "", "a/x.txt and b/x.txt both give the source id \"x\""},
		{[]string{"x.txt", "y.txt", "x.md"}, "", "x.txt and x.md"},
		{[]string{"Report 7.txt", "report-7.txt"}, "", "Report 7.txt and report-7.txt"},
		{[]string{"x.txt", "x.txt"}, "", "x.txt is given twice"},
		{[]string{"-", "source.txt"}, "", "- and source.txt"},
	}
	for _, tt := range tests {
		ids, err := SourceIDs(tt.files)
		var ce *CollisionError
		switch {
		case tt.clashes == "" && (err != nil || strings.Join(ids, " ") != tt.ids):
			t.Errorf("%q: %q, %v; want %s", tt.files, ids, err, tt.ids)
		case tt.clashes != "" && (!errors.As(err, &ce) || !strings.Contains(err.Error(), tt.clashes)):
			t.Errorf("%q: %v; want a CollisionError saying %s", tt.files, err, tt.clashes)
		}
	}
	if _, err := SourceIDs([]string{"ok.txt", "bad\xff.txt"}); err == nil || !strings.Contains(err.Error(), `"bad\xff.txt" is not valid UTF-8`) {
		t.Errorf("bad name: %v", err)
	}
}

// TestSizeLimit checks that a document over MaxDocumentSize is a clear
// error: for a file before anything is read, for a stream after at most
// MaxDocumentSize+1 bytes.
func TestSizeLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(MaxDocumentSize + 1); err != nil {
		t.Fatal(err)
	}
	if _, err := New().Extract(context.Background(), "huge.txt", f); err == nil || !strings.Contains(err.Error(), "huge.txt: the document is larger than 64 MiB") {
		t.Errorf("large file: %v", err)
	}
	if off, _ := f.Seek(0, io.SeekCurrent); off != 0 {
		t.Errorf("large file read to offset %d before it was refused", off)
	}
	r := io.LimitReader(zeros{}, MaxDocumentSize+100)
	if _, err := New().Extract(context.Background(), "-", r); err == nil || !strings.Contains(err.Error(), "larger than 64 MiB") {
		t.Errorf("large stream: %v", err)
	}
}

type zeros struct{}

func (zeros) Read(b []byte) (int, error) {
	clear(b)
	return len(b), nil
}

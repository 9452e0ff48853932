package annotations

import (
	"context"
	"errors"
	"fmt"
	"github.com/claimnet/claimnet/internal/filekind"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeText folds the differences that copying a quote out of a web
// page introduces, so a quote can be compared with its source: typographic
// quotes and apostrophes become ASCII ones, dashes a hyphen, the ellipsis
// three dots, soft hyphens and zero-width characters vanish, and every run
// of white space becomes one space. Case and words are kept.
func NormalizeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '`', '\u00b4':
			r = '\''
		case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
			r = '"'
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
			r = '-'
		case '\u2026':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString("...")
			continue
		case '\u00ad', '\u200b', '\u200c', '\u200d', '\ufeff':
			continue
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// CheckCorpus verifies every quote against the corpus; see
// CheckCorpusContext.
func CheckCorpus(d *Dataset, corpus fs.FS) error {
	return CheckCorpusContext(context.Background(), d, corpus)
}

// CheckCorpusContext verifies that every statement's and relation's quote
// occurs in the text of its source, read from corpus at the source's file
// path, after NormalizeText on both. It returns an ErrorList naming each
// quote that is not found (or has nothing visible to find, or is
// NoQuote), at the statement's position, and each source whose text cannot be read: a
// missing file, one that is not a regular file (a named pipe or a device,
// also behind a symbolic link: it is never opened), one larger than
// MaxFileSize (never read past the limit) or not UTF-8. When ctx is done
// it stops with ctx's error, wrapped.
func CheckCorpusContext(ctx context.Context, d *Dataset, corpus fs.FS) error {
	var errs ErrorList
	texts := make(map[string]string, len(d.Sources))
	usable := make(map[string]bool, len(d.Sources))
	for _, s := range d.Sources {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("check quotes: %w", err)
		}
		if s.File == "" {
			errs = append(errs, &Error{s.Pos, fmt.Sprintf("source %q has no file, so its quotes cannot be checked", s.ID), "add file: with the text's path in the corpus directory"})
			continue
		}
		data, err := readCorpusFile(corpus, s.File)
		if err != nil {
			msg, hint := "cannot read "+s.File+": "+err.Error(), "file is relative to the --corpus directory"
			var bad *badFileError
			switch {
			case errors.Is(err, fs.ErrNotExist):
				msg = "no such file in the corpus: " + s.File
			case errors.As(err, &bad):
				msg, hint = s.File+" is "+bad.msg, "source texts are regular UTF-8 text files"
				if bad.line > 0 {
					msg, hint = s.File+": "+bad.msg, "source texts are read whole; split the text"
				}
			}
			errs = append(errs, &Error{s.Pos, fmt.Sprintf("source %q: %s", s.ID, msg), hint})
			continue
		}
		if !utf8.Valid(data) {
			errs = append(errs, &Error{s.Pos, fmt.Sprintf("source %q: %s is not UTF-8 text", s.ID, s.File), ""})
			continue
		}
		texts[s.ID] = NormalizeText(string(data))
		usable[s.ID] = true
	}
	check := func(pos Pos, src, quote string) {
		if quote == NoQuote {
			errs = append(errs, &Error{pos, "statement has no quote: nothing in the sources is evidence for it", "replace " + NoQuote + " with the verbatim words from the source"})
			return
		}
		if !usable[src] || quote == "" {
			return
		}
		text := texts[src]
		q := NormalizeText(quote)
		if !hasVisible(q) {
			// Load rejects such quotes; a dataset made with New may have one.
			errs = append(errs, &Error{pos, fmt.Sprintf("quote %q has no visible character", quote), "give the verbatim words from the source"})
			return
		}
		if strings.Contains(text, q) {
			return
		}
		file := d.Source(src).File
		errs = append(errs, &Error{pos, fmt.Sprintf("quote not found in %s: %q", file, abbreviate(q, 70)), divergence(text, q)})
	}
	for i, s := range d.Statements {
		if i%4096 == 0 && ctx.Err() != nil {
			return fmt.Errorf("check quotes: %w", ctx.Err())
		}
		check(s.Pos, s.Source, s.Quote)
	}
	for _, r := range d.Relations {
		check(r.Pos, r.Source, r.Quote)
	}
	return errs.err()
}

// readCorpusFile reads a source text, refusing what is not a regular file
// before opening it (a named pipe would block the open) and what is
// larger than MaxFileSize before and while reading it.
func readCorpusFile(corpus fs.FS, name string) ([]byte, error) {
	st, err := fs.Stat(corpus, name) // follows symbolic links
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &badFileError{msg: filekind.Of(st.Mode()) + ", not a regular file: it is not read"}
	}
	return readFile(corpus, name, MaxFileSize, nil)
}

// divergence says where a quote stops matching its source: the longest
// prefix of q that occurs in text, and what the text has after it.
func divergence(text, q string) string {
	// Prefix containment is monotone in the prefix length, so a binary
	// search finds the longest matching prefix.
	lo, hi := 0, len(q)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if strings.Contains(text, q[:mid]) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	for lo > 0 && !utf8.RuneStart(q[lo]) {
		lo--
	}
	if lo < 8 {
		return "no part of it matches; is it the right source?"
	}
	i := strings.Index(text, q[:lo])
	after := text[i+lo:]
	want := q[lo:]
	return fmt.Sprintf("matches up to %q, then the source has %q where the quote has %q",
		abbreviateLeft(q[:lo], 30), abbreviate(after, 20), abbreviate(want, 20))
}

func abbreviate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func abbreviateLeft(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return "…" + string(r[len(r)-n:])
}

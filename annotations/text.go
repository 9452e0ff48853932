package annotations

import (
	"encoding/binary"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// longTextKeys are the fields that hold running text, where a tab or a
// line break (from a YAML block scalar) is legitimate. Every other text
// field is one line of printable text.
var longTextKeys = []string{"quote", "text", "note", "title"}

// badChar describes the first character of s that no text field may
// hold, or returns "": a byte that is not UTF-8 (a lone surrogate among
// them), a control character (C0, DEL, C1: ESC starts terminal escape
// sequences; NUL and the rest break DOT, CSV and terminals), or a Unicode
// noncharacter such as U+FFFF (not allowed in XML). Tabs and line breaks
// are allowed where long is set.
func badChar(s string, long bool) string {
	i := 0
	// Skip eight bytes at a time while they are printable ASCII (0x20 to
	// 0x7e): most text fields are, and Load checks every one.
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		below := (x - 0x20*ones) &^ x                    // a byte < 0x20 (or >= 0x80)
		del := (x ^ 0x7f*ones - ones) &^ (x ^ 0x7f*ones) // a byte == 0x7f
		if (below|del|x)&highs != 0 {
			break
		}
	}
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f || long && (c == '\t' || c == '\n') {
				i++
				continue
			}
			return fmt.Sprintf("the control character U+%04X", c)
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if c == 0xED && i+2 < len(s) && s[i+1] >= 0xA0 && s[i+1] <= 0xBF {
				// The encoding of a UTF-16 surrogate, which UTF-8 forbids.
				sur := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
				return fmt.Sprintf("the lone surrogate U+%04X (not a character)", sur)
			}
			return fmt.Sprintf("the byte 0x%02X, which is not UTF-8", c)
		case r <= 0x9F:
			return fmt.Sprintf("the control character U+%04X", r)
		case isNonchar(r):
			return fmt.Sprintf("the noncharacter U+%04X", r)
		}
		i += size
	}
	return ""
}

// isNonchar reports whether r is one of Unicode's 66 noncharacters.
func isNonchar(r rune) bool {
	return r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE && r <= utf8.MaxRune
}

// badCharHint says what to do about a character badChar reports.
func badCharHint(long bool) string {
	if long {
		return "remove it: text holds printable characters, tabs and line breaks"
	}
	return "remove it: this field holds one line of printable characters"
}

// visible reports whether r shows as something on the page: it is not
// white space, a control or format character (U+200B ZERO WIDTH SPACE,
// U+00AD SOFT HYPHEN, U+FEFF), a combining mark on its own, a variation
// selector, a default-ignorable filler such as U+3164, or the blank
// braille pattern.
func visible(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r > ' ' && r != 0x7f
	case unicode.IsSpace(r), r == 0x2800,
		unicode.In(r, unicode.Cc, unicode.Cf, unicode.Cs, unicode.Z, unicode.Mn, unicode.Me,
			unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point):
		return false
	}
	return true
}

// hasVisible reports whether s has at least one visible character.
func hasVisible(s string) bool {
	for _, r := range s {
		if visible(r) {
			return true
		}
	}
	return false
}

// invisibleList names the distinct characters of s, which has no visible
// one, as U+XXXX, the first few.
func invisibleList(s string) string {
	var names []string
	seen := map[rune]bool{}
	for _, r := range s {
		if seen[r] {
			continue
		}
		seen[r] = true
		if len(names) == 5 {
			names = append(names, "…")
			break
		}
		names = append(names, fmt.Sprintf("U+%04X", r))
	}
	return strings.Join(names, ", ")
}

// checkText reports text fields of entries made in code (see New) that
// hold a character badChar rejects. Load checks each field as it decodes
// it, at the field's own position.
func (d *Dataset) checkText() ErrorList {
	var errs ErrorList
	check := func(pos Pos, kind, field, s string) {
		long := contains(longTextKeys, field)
		if why := badChar(s, long); why != "" {
			errs = append(errs, &Error{pos, fmt.Sprintf("%s %s contains %s", kind, field, why), badCharHint(long)})
		}
	}
	checkAll := func(pos Pos, kind, field string, list []string) {
		for _, s := range list {
			check(pos, kind, field, s)
		}
	}
	for _, a := range d.Actors {
		for _, f := range [][2]string{{"id", a.ID}, {"name", a.Name}, {"type", a.Type}, {"role", a.Role}, {"affiliation", a.Affiliation}} {
			check(a.Pos, "actor", f[0], f[1])
		}
		checkAll(a.Pos, "actor", "aliases", a.Aliases)
		checkAll(a.Pos, "actor", "tags", a.Tags)
	}
	for _, c := range d.Claims {
		for _, f := range [][2]string{{"id", c.ID}, {"text", c.Text}, {"topic", c.Topic}} {
			check(c.Pos, "claim", f[0], f[1])
		}
		checkAll(c.Pos, "claim", "about", c.About)
		checkAll(c.Pos, "claim", "supports", c.Supports)
		checkAll(c.Pos, "claim", "attacks", c.Attacks)
	}
	for _, s := range d.Sources {
		for _, f := range [][2]string{{"id", s.ID}, {"title", s.Title}, {"outlet", s.Outlet}, {"author", s.Author}, {"file", s.File}} {
			check(s.Pos, "source", f[0], f[1])
		}
	}
	for _, s := range d.Statements {
		for _, f := range [][2]string{{"actor", s.Actor}, {"claim", s.Claim}, {"quote", s.Quote}, {"source", s.Source}, {"note", s.Note}} {
			check(s.Pos, "statement", f[0], f[1])
		}
	}
	for _, r := range d.Relations {
		for _, f := range [][2]string{{"from", r.From}, {"type", r.Type}, {"quote", r.Quote}, {"source", r.Source}} {
			check(r.Pos, "relation", f[0], f[1])
		}
		checkAll(r.Pos, "relation", "to", r.To)
	}
	return errs
}

// CleanText returns s with every character that no text field may hold
// (see Load) replaced, so that text from elsewhere (a DNA database, a raw
// article) can become a field without failing validation. Each byte that
// is not UTF-8 and each control character or noncharacter becomes U+FFFD;
// where long is false (a one-line field such as a name) a tab or line
// break becomes a space instead. The count of characters is kept, so
// offsets counted in characters still hold. When s has nothing to
// replace it is returned as is.
func CleanText(s string, long bool) string {
	if badChar(s, long) == "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\t' || r == '\n' || r == '\r':
			switch {
			case !long:
				b.WriteByte(' ')
			case r == '\r':
				b.WriteByte('\n')
			default:
				b.WriteByte(byte(r))
			}
		case r < 0x20 || r >= 0x7f && r <= 0x9f || isNonchar(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

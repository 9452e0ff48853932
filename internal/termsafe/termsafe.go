// Package termsafe makes text from the data safe to print on a terminal.
//
// Names, claim texts, file names and fields come from files anyone may
// write; printed raw, an escape sequence in them can move the cursor,
// retitle the window, hide the rest of a line or reorder it (bidi
// overrides). String escapes those characters so that they are visible
// instead of acted upon.
package termsafe

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// String returns s with every character that a terminal would act upon
// instead of printing written as a Go escape: the C0 controls (tab and
// newline included, as \t and \n; ESC as \x1b), DEL (\x7f), the C1
// controls U+0080–U+009F, the bidirectional formatting characters
// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the line and
// paragraph separators U+2028 and U+2029, and each byte of invalid UTF-8
// (\xff). Everything else, backslashes included, is kept, so text without
// such characters is returned unchanged and String(String(s)) ==
// String(s).
func String(s string) string {
	return escape(s, false)
}

// Text is String for text of several lines, such as an error message
// with an excerpt: it keeps the newlines and escapes the rest.
func Text(s string) string {
	return escape(s, true)
}

func escape(s string, keepNewlines bool) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafe(r, size) && !(keepNewlines && r == '\n') {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case keepNewlines && r == '\n':
			b.WriteByte('\n')
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case unsafe(r, size):
			b.WriteString(quoteRune(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unsafe reports whether the rune r, size bytes long, must be escaped.
func unsafe(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1: // invalid UTF-8
		return true
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f: // C0, DEL, C1
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true // bidi formatting
	case r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// quoteRune writes r as a Go escape: \t, \n, \r by name, \xHH below
// 0x100, \uHHHH above.
func quoteRune(r rune) string {
	switch r {
	case '\t':
		return `\t`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	}
	if r < 0x100 {
		return `\x` + hex2(byte(r))
	}
	q := strconv.QuoteRuneToASCII(r) // '\u202e'
	return q[1 : len(q)-1]
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}

// Package safetext makes text safe to write into files that other
// programs read: CSV cells a spreadsheet opens, and XML, DOT and CSV that
// must not hold characters XML 1.0 forbids. graph/export and graph's
// network writers share it.
package safetext

import "unicode/utf8"

// CSV makes s safe as a text cell of a CSV or TSV file opened in a
// spreadsheet, as spreadsheet exports do: a cell that begins with =, +,
// -, @, a tab or a carriage return, which Excel, LibreOffice and Google
// Sheets would read as a formula, gets a single quote (') in front. It
// also replaces the characters XML 1.0 cannot hold with U+FFFD (Valid).
// Apply it to text cells only: numbers such as -0.5 must stay numbers.
func CSV(s string) string {
	s = Valid(s)
	if s != "" {
		switch s[0] {
		case '=', '+', '-', '@', '\t', '\r':
			return "'" + s
		}
	}
	return s
}

// Valid returns s with the characters XML 1.0 cannot hold (NUL and the
// other control characters but tab, line feed and carriage return,
// U+FFFE, U+FFFF, and invalid UTF-8, which includes lone surrogates)
// replaced by U+FFFD; s itself when it has none.
func Valid(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return string(AppendValid(make([]byte, 0, len(s)+2), s))
			}
			i++
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && width == 1 || r == 0xFFFE || r == 0xFFFF {
			return string(AppendValid(make([]byte, 0, len(s)+2), s))
		}
		i += width
	}
	return s
}

// AppendValid appends Valid(s) to b.
func AppendValid(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == utf8.RuneError && width == 1 || r == 0xFFFE || r == 0xFFFF {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[i:i+width]...)
		}
		i += width
	}
	return b
}

package annotations

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is one problem in an annotation file, at a position, with an
// optional hint that says what would be right.
type Error struct {
	Pos  Pos
	Msg  string
	Hint string
}

// Error formats e as path:line:col: message (hint), or as the message
// alone when e has no position. Control characters and other characters
// that print nothing visible are escaped (see Message), so that text from
// a file cannot reach a terminal raw.
func (e *Error) Error() string {
	if e.Pos.File == "" && e.Pos.Line == 0 {
		return e.Message()
	}
	return escapeText(e.Pos.String()) + ": " + e.Message()
}

// Message formats e without its position, as message (hint), with every
// character that strconv.IsPrint rejects (controls, terminal escape
// sequences' ESC, format characters, noncharacters, invalid UTF-8) written
// as a Go escape such as \x1b or \uffff.
func (e *Error) Message() string {
	s := e.Msg
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return escapeText(s)
}

// escapeText returns s with every character strconv.IsPrint rejects
// (except the space), and every byte that is not UTF-8, escaped as
// strconv.Quote would, and the rest unchanged: "a\x1b[31mb" becomes
// `a\x1b[31mb`. Messages quote user text with %q already; this catches the
// text that is not quoted (paths, yaml.v3's messages).
func escapeText(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])>>4, 16))
			b.WriteString(strconv.FormatUint(uint64(s[i])&15, 16))
		case r == ' ' || strconv.IsPrint(r):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRuneToASCII(r) // '\x1b', '\u200b', '\U000e0001'
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// ErrorList is every problem found in a dataset, sorted by position. Load
// and Check return it as their error so callers see all problems at once.
type ErrorList []*Error

// Error joins the problems, one a line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Sort orders l by file, line, column and message.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
}

// err returns l as an error, nil when it is empty, sorted otherwise.
func (l ErrorList) err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Nearest returns the candidate closest to s in edit distance, when it is
// close enough to be a likely typo of s (at most a third of s's length, or
// 2, edits away). Ties go to the lexically smaller candidate.
func Nearest(s string, candidates []string) (string, bool) {
	best, bestD := "", -1
	for _, c := range candidates {
		d := levenshtein(s, c)
		if bestD < 0 || d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	limit := max(len(s)/3, 2)
	if bestD < 0 || bestD > limit {
		return "", false
	}
	return best, true
}

// didYouMean returns a hint naming the candidate closest to s, or "" when
// none is close enough to be a likely typo.
func didYouMean(s string, candidates []string) string {
	if best, ok := Nearest(s, candidates); ok {
		return "did you mean " + quoteID(best) + "?"
	}
	return ""
}

func quoteID(s string) string { return "\"" + s + "\"" }

// levenshtein is the edit distance between a and b, on bytes: ids are ASCII.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

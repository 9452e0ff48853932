package annotations

import (
	"sort"
	"strings"
)

// Error is one problem in an annotation file, at a position, with an
// optional hint that says what would be right.
type Error struct {
	Pos  Pos
	Msg  string
	Hint string
}

// Error formats e as path:line:col: message (hint).
func (e *Error) Error() string {
	s := e.Pos.String() + ": " + e.Msg
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
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

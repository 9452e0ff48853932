package agree

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/claimnet/claimnet/annotations"
)

// MinQuoteOverlap is the fewest characters two quotes must share, the end
// of one being the start of the other, to count as overlapping when no
// corpus gives their positions (one quote containing the other always
// counts).
const MinQuoteOverlap = 12

// Coding is one coder's annotations of the sources.
type Coding struct {
	// Coder names the coder in reports, e.g. the dataset's directory.
	Coder string
	Data  *annotations.Dataset
}

// Span is a statement's quote as a range of character offsets [Start,
// End) in its source's text after annotations.NormalizeText, at the
// quote's first occurrence.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Coded is one coder's statement in a unit.
type Coded struct {
	Actor  string `json:"actor"`
	Claim  string `json:"claim"`
	Stance string `json:"stance"`
	Quote  string `json:"quote"`
	// Span is the quote's place in the source text; nil without a corpus.
	Span *Span `json:"span,omitempty"`
	// At is the statement's position in the coder's files.
	At string `json:"at"`

	norm string                 // the normalised quote
	stmt *annotations.Statement // the statement itself
}

// Unit is one statement as the coders coded it: Coded[i] is coder i's
// statement, or nil when coder i has none there.
type Unit struct {
	Source string   `json:"source"`
	Coded  []*Coded `json:"coded"`
}

// Coders counts the coders that coded u.
func (u *Unit) Coders() int {
	n := 0
	for _, c := range u.Coded {
		if c != nil {
			n++
		}
	}
	return n
}

// unitiser holds the source texts when a corpus is given.
type unitiser struct {
	corpus fs.FS
	texts  map[string]string // normalised source text by corpus file name
}

// text returns the normalised text of corpus file name.
func (un *unitiser) text(name string) (string, error) {
	if t, ok := un.texts[name]; ok {
		return t, nil
	}
	data, err := fs.ReadFile(un.corpus, name)
	if err != nil {
		return "", err
	}
	if !utf8.Valid(data) {
		return "", fmt.Errorf("%s is not UTF-8 text", name)
	}
	t := annotations.NormalizeText(string(data))
	un.texts[name] = t
	return t, nil
}

// coded turns coder k's statement s into a Coded, finding its span when
// there is a corpus.
func (un *unitiser) coded(d *annotations.Dataset, s *annotations.Statement) (*Coded, error) {
	c := &Coded{Actor: s.Actor, Claim: s.Claim, Stance: s.Stance.String(), Quote: s.Quote, At: s.Pos.String(),
		norm: annotations.NormalizeText(s.Quote), stmt: s}
	if un.corpus == nil {
		return c, nil
	}
	src := d.Source(s.Source)
	if src == nil || src.File == "" {
		return nil, fmt.Errorf("%s: source %q has no file in the corpus, so the quote has no span; give the source a file: or leave --corpus out", s.Pos, s.Source)
	}
	text, err := un.text(src.File)
	if err != nil {
		return nil, fmt.Errorf("%s: source %q: %w", s.Pos, s.Source, err)
	}
	i := strings.Index(text, c.norm)
	if i < 0 || c.norm == "" {
		return nil, fmt.Errorf("%s: quote not found in %s; run claimnet check --corpus on this coding", s.Pos, src.File)
	}
	c.Span = &Span{i, i + len(c.norm)}
	return c, nil
}

// overlap is how many characters a and b share: the intersection of their
// spans, or without spans the shorter quote when one contains the other,
// else the longest end of one that starts the other if at least
// MinQuoteOverlap characters long; 0 when they do not overlap.
func overlap(a, b *Coded) int {
	if a.Span != nil && b.Span != nil {
		return max(0, min(a.Span.End, b.Span.End)-max(a.Span.Start, b.Span.Start))
	}
	x, y := a.norm, b.norm
	if len(x) > len(y) {
		x, y = y, x
	}
	if x == "" {
		return 0
	}
	if strings.Contains(y, x) {
		return utf8.RuneCountInString(x)
	}
	// Shorter runs than MinQuoteOverlap characters (so bytes) do not count;
	// a run that long starting y occurs in x, and one starting x in y,
	// which rules most pairs out at once.
	if len(x) < MinQuoteOverlap || !strings.Contains(x, y[:MinQuoteOverlap]) && !strings.Contains(y, x[:MinQuoteOverlap]) {
		return 0
	}
	best := 0
	for n := len(x) - 1; n >= MinQuoteOverlap && best == 0; n-- {
		if strings.HasSuffix(x, y[:n]) || strings.HasSuffix(y, x[:n]) {
			best = n
		}
	}
	if r := utf8.RuneCountInString(x[:best]); r >= MinQuoteOverlap {
		return r
	}
	return 0
}

// unitise matches the coders' statements of one source: coder 0's
// statements each start a unit, and each further coder's statements join
// the units of the coders before, best match first.
func unitise(source string, coded [][]*Coded) []*Unit {
	k := len(coded)
	var units []*Unit
	for i, stmts := range coded {
		type cand struct {
			s, u              int
			actor, claim, ovl int
		}
		var cands []cand
		for si, s := range stmts {
			for ui, u := range units {
				best := cand{s: si, u: ui}
				for _, c := range u.Coded[:i] {
					if c == nil {
						continue
					}
					if o := overlap(s, c); o > 0 {
						best.ovl = max(best.ovl, o)
						if c.Actor == s.Actor {
							best.actor = 1
						}
						if c.Claim == s.Claim {
							best.claim = 1
						}
					}
				}
				if best.ovl > 0 {
					cands = append(cands, best)
				}
			}
		}
		sort.SliceStable(cands, func(a, b int) bool {
			x, y := cands[a], cands[b]
			if x.actor != y.actor {
				return x.actor > y.actor
			}
			if x.claim != y.claim {
				return x.claim > y.claim
			}
			if x.ovl != y.ovl {
				return x.ovl > y.ovl
			}
			if x.s != y.s {
				return x.s < y.s
			}
			return x.u < y.u
		})
		placed := make([]bool, len(stmts))
		for _, c := range cands {
			if placed[c.s] || units[c.u].Coded[i] != nil {
				continue
			}
			units[c.u].Coded[i] = stmts[c.s]
			placed[c.s] = true
		}
		for si, s := range stmts {
			if !placed[si] {
				u := &Unit{Source: source, Coded: make([]*Coded, k)}
				u.Coded[i] = s
				units = append(units, u)
			}
		}
	}
	return units
}

// collect gathers each coding's statements of each source, with their
// spans. ctx is checked between codings.
func collect(ctx context.Context, codings []Coding, un *unitiser) (map[string][][]*Coded, error) {
	bySource := map[string][][]*Coded{}
	for i, c := range codings {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("agree: %w", err)
		}
		for _, s := range c.Data.Statements {
			cd, err := un.coded(c.Data, s)
			if err != nil {
				return nil, fmt.Errorf("agree: coding %s: %w", c.Coder, err)
			}
			row := bySource[s.Source]
			if row == nil {
				row = make([][]*Coded, len(codings))
				bySource[s.Source] = row
			}
			row[i] = append(row[i], cd)
		}
	}
	return bySource, nil
}

package agree

import (
	"fmt"
	"strings"

	"github.com/claimnet/claimnet/annotations"
)

// ReviewPrefix starts the note Merge gives a statement the coders did not
// agree on, so that the statements to review are found with a search.
const ReviewPrefix = "REVIEW:"

// Merge combines the codings Compare compared into one dataset file: the
// actors and claims of every coding (by id, the first coding's definition
// where several have one), the compared sources, and one statement per
// unit of rep, with the relations of those sources that the first coding
// having each source has (agreement is not measured on relations). A unit on which every coder chose the same actor, claim and
// stance gives the first coder's statement as it is. Any other unit gives
// the statement of its first coder with a note that starts with
// ReviewPrefix and says what the other coders coded, or that only one
// coder has it. codings must be those rep was made from, in order.
func Merge(rep *Report, codings []Coding) (*annotations.File, error) {
	if len(codings) != len(rep.Coders) {
		return nil, fmt.Errorf("merge: %d codings for a report of %d", len(codings), len(rep.Coders))
	}
	f := &annotations.File{Comment: "Merged by claimnet merge from the codings of " + strings.Join(rep.Coders, ", ") +
		".\nStatements whose note starts with " + ReviewPrefix + " need a decision."}
	seenA, seenC, seenS := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range codings {
		for _, a := range c.Data.Actors {
			if !seenA[a.ID] {
				seenA[a.ID] = true
				f.Actors = append(f.Actors, a)
			}
		}
		for _, cl := range c.Data.Claims {
			if !seenC[cl.ID] {
				seenC[cl.ID] = true
				f.Claims = append(f.Claims, cl)
			}
		}
	}
	for _, su := range rep.Sources {
		for _, c := range codings {
			if s := c.Data.Source(su.Source); s != nil && !seenS[s.ID] {
				seenS[s.ID] = true
				f.Sources = append(f.Sources, s)
				for _, r := range c.Data.Relations {
					if r.Source == s.ID {
						f.Relations = append(f.Relations, r)
					}
				}
			}
		}
		for _, u := range su.Units {
			f.Statements = append(f.Statements, mergeUnit(u, rep.Coders))
		}
	}
	return f, nil
}

// mergeUnit is the statement that stands for u in a merged dataset.
func mergeUnit(u *Unit, coders []string) *annotations.Statement {
	var first *Coded
	var others []string
	agree := true
	for i, c := range u.Coded {
		if c == nil {
			continue
		}
		if first == nil {
			first = c
			continue
		}
		if c.Actor != first.Actor || c.Claim != first.Claim || c.Stance != first.Stance {
			agree = false
		}
		others = append(others, fmt.Sprintf("%s coded %s %s %s", coders[i], c.Actor, c.Stance, c.Claim))
	}
	s := *first.stmt
	s.Pos = annotations.Pos{}
	switch {
	case len(others) == 0:
		s.Note = strings.TrimSpace(ReviewPrefix + " only one coder has this statement. " + s.Note)
	case !agree:
		s.Note = strings.TrimSpace(ReviewPrefix + " the coders disagree: " + strings.Join(others, "; ") + ". " + s.Note)
	}
	return &s
}

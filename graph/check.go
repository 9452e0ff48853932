package graph

import (
	"fmt"

	"github.com/claimnet/claimnet/annotations"
)

// checkReferences makes sure every id d refers to is declared once, so
// that Compile never has to guess: a Dataset from annotations.Load or New
// has been validated already, but one built by hand may not be. The
// statements are checked as they are compiled (compileStances).
func (m *Model) checkReferences() error {
	d := m.Data
	for i, a := range d.Actors {
		if j := m.actorIndex[a.ID]; j != i { // the map keeps the last
			return fmt.Errorf("compile: actor %q%s is declared twice", a.ID, at(d.Actors[j].Pos))
		}
	}
	for i, c := range d.Claims {
		if j := m.claimIndex[c.ID]; j != i { // the map keeps the last
			return fmt.Errorf("compile: claim %q%s is declared twice", c.ID, at(d.Claims[j].Pos))
		}
	}
	for i, s := range d.Sources {
		if j := m.sourceIndex[s.ID]; j != i { // the map keeps the last
			return fmt.Errorf("compile: source %q%s is declared twice", s.ID, at(d.Sources[j].Pos))
		}
	}
	for _, a := range d.Actors {
		if _, ok := m.actorIndex[a.Affiliation]; a.Affiliation != "" && !ok {
			return fmt.Errorf("compile: actor %q%s is affiliated with %q, which is not a declared actor", a.ID, at(a.Pos), a.Affiliation)
		}
	}
	for _, c := range d.Claims {
		for _, links := range []struct {
			typ string
			ids []string
		}{{Supports, c.Supports}, {Attacks, c.Attacks}} {
			for _, id := range links.ids {
				if _, ok := m.claimIndex[id]; !ok {
					return fmt.Errorf("compile: claim %q%s %s %q, which is not a declared claim", c.ID, at(c.Pos), links.typ, id)
				}
			}
		}
	}
	for _, r := range d.Relations {
		if _, ok := m.actorIndex[r.From]; !ok {
			return fmt.Errorf("compile: relation %s%s is from %q, which is not a declared actor", r.Type, at(r.Pos), r.From)
		}
		for _, to := range r.To {
			if _, ok := m.actorIndex[to]; !ok {
				return fmt.Errorf("compile: relation %s from %q%s is to %q, which is not a declared actor", r.Type, r.From, at(r.Pos), to)
			}
		}
	}
	return nil
}

// checkStatement reports what is wrong with the references of statement s,
// if anything, given whether its actor, claim and source were found.
func checkStatement(s *annotations.Statement, okActor, okClaim, okSource bool) error {
	switch {
	case !okActor:
		return fmt.Errorf("compile: statement%s is by %q, which is not a declared actor", at(s.Pos), s.Actor)
	case !okClaim:
		return fmt.Errorf("compile: statement%s is on %q, which is not a declared claim", at(s.Pos), s.Claim)
	case !okSource:
		return fmt.Errorf("compile: statement%s cites source %q, which is not a declared source", at(s.Pos), s.Source)
	case s.Stance != annotations.Support && s.Stance != annotations.Oppose:
		return fmt.Errorf("compile: statement%s of %q on %q has no stance; want support or oppose", at(s.Pos), s.Actor, s.Claim)
	}
	return nil
}

// at formats a position for an error message, or nothing for an entry
// built in code (no position).
func at(p annotations.Pos) string {
	if p == (annotations.Pos{}) {
		return ""
	}
	return " at " + p.String()
}

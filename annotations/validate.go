package annotations

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidID reports whether id is lower-case kebab-case, as ids must be.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// SuggestID turns a name into a valid id: "Khawaja Asif" becomes
// "khawaja-asif". It returns "" when nothing usable is left.
func SuggestID(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}

func validCorpusPath(p string) bool {
	return p == path.Clean(p) && p != "." && p != ".." && !strings.HasPrefix(p, "../") && !strings.HasPrefix(p, "/")
}

// index fills the id maps and reports malformed and duplicate ids.
func (d *Dataset) index() ErrorList {
	var errs ErrorList
	type owner struct {
		kind string
		pos  Pos
	}
	seen := make(map[string]owner, len(d.Actors)+len(d.Claims)+len(d.Sources))
	add := func(kind, id string, pos Pos) bool {
		if id == "" {
			return false // reported as missing already
		}
		if !ValidID(id) {
			hint := "ids are lower-case words joined by dashes"
			if s := SuggestID(id); s != "" {
				hint += ", e.g. " + quoteID(s)
			}
			errs = append(errs, &Error{pos, fmt.Sprintf("%s id %q is not lower-case kebab-case", kind, id), hint})
		}
		if prev, dup := seen[id]; dup {
			errs = append(errs, &Error{pos, fmt.Sprintf("duplicate id %q: already used by the %s at %s", id, prev.kind, prev.pos), "ids are unique across actors, claims and sources"})
			return false
		}
		seen[id] = owner{kind, pos}
		return true
	}
	for _, a := range d.Actors {
		if add("actor", a.ID, a.Pos) {
			d.actors[a.ID] = a
		}
	}
	for _, c := range d.Claims {
		if add("claim", c.ID, c.Pos) {
			d.claims[c.ID] = c
		}
	}
	for _, s := range d.Sources {
		if add("source", s.ID, s.Pos) {
			d.sources[s.ID] = s
		}
	}
	return errs
}

// validate checks every reference between entries and fills in statement
// and relation dates from their sources.
func (d *Dataset) validate() ErrorList {
	var errs ErrorList
	// The suggesters are built on the first miss only, and each unknown
	// id is looked up once.
	var actorIDs, claimIDs, sourceIDs *Suggester
	suggester := func(x **Suggester, n int, get func(int) string) *Suggester {
		if *x == nil {
			ids := make([]string, n)
			for i := range ids {
				ids[i] = get(i)
			}
			*x = NewSuggester(ids)
		}
		return *x
	}
	hints := map[[2]string]string{}
	missing := func(pos Pos, what, kind, id string) {
		hint, seen := hints[[2]string{kind, id}]
		if !seen {
			var x *Suggester
			switch kind {
			case "actor":
				x = suggester(&actorIDs, len(d.Actors), func(i int) string { return d.Actors[i].ID })
			case "claim":
				x = suggester(&claimIDs, len(d.Claims), func(i int) string { return d.Claims[i].ID })
			case "source":
				x = suggester(&sourceIDs, len(d.Sources), func(i int) string { return d.Sources[i].ID })
			}
			if best, ok := x.Nearest(id); ok {
				hint = "did you mean " + quoteID(best) + "?"
			} else {
				hint = "declare the " + kind + " or correct the id"
			}
			hints[[2]string{kind, id}] = hint
		}
		errs = append(errs, &Error{pos, fmt.Sprintf("%s %q is not a known %s", what, id, kind), hint})
	}
	// actor, claim and source return the id as the entry's own string,
	// which the reference then keeps: a million mentions share the ids'
	// strings instead of holding one copy each.
	actor := func(pos Pos, what, id string) string {
		if id == "" {
			return id
		}
		a := d.actors[id]
		if a == nil {
			missing(pos, what, "actor", id)
			return id
		}
		return a.ID
	}
	claim := func(pos Pos, what, id string) string {
		if id == "" {
			return id
		}
		c := d.claims[id]
		if c == nil {
			missing(pos, what, "claim", id)
			return id
		}
		return c.ID
	}
	source := func(pos Pos, id string) (string, *Source) {
		if id == "" {
			return id, nil
		}
		s := d.sources[id]
		if s == nil {
			missing(pos, "source", "source", id)
			return id, nil
		}
		return s.ID, s
	}
	for _, a := range d.Actors {
		if a.Affiliation == a.ID && a.ID != "" {
			errs = append(errs, &Error{a.Pos, fmt.Sprintf("actor %q is affiliated with itself", a.ID), "affiliation names the organization the actor belongs to"})
			continue
		}
		a.Affiliation = actor(a.Pos, "affiliation", a.Affiliation)
	}
	errs = append(errs, d.affiliationCycles()...)
	for _, c := range d.Claims {
		for i, id := range c.About {
			c.About[i] = actor(c.Pos, "about", id)
		}
		for i, id := range c.Supports {
			if id == c.ID {
				errs = append(errs, &Error{c.Pos, fmt.Sprintf("claim %q supports itself", id), ""})
			}
			c.Supports[i] = claim(c.Pos, "supports", id)
		}
		for i, id := range c.Attacks {
			if id == c.ID {
				errs = append(errs, &Error{c.Pos, fmt.Sprintf("claim %q attacks itself", id), ""})
			}
			c.Attacks[i] = claim(c.Pos, "attacks", id)
		}
	}
	for _, s := range d.Statements {
		s.Actor = actor(s.Pos, "actor", s.Actor)
		s.Claim = claim(s.Pos, "claim", s.Claim)
		var src *Source
		if s.Source, src = source(s.Pos, s.Source); src != nil && s.Date == 0 {
			s.Date = src.Published
		}
	}
	for _, r := range d.Relations {
		r.From = actor(r.Pos, "from", r.From)
		for i, to := range r.To {
			if to == r.From && to != "" {
				errs = append(errs, &Error{r.Pos, fmt.Sprintf("relation from %q to itself", to), ""})
			}
			r.To[i] = actor(r.Pos, "to", to)
		}
		var src *Source
		if r.Source, src = source(r.Pos, r.Source); src != nil && r.Date == 0 {
			r.Date = src.Published
		}
	}
	return errs
}

// affiliationCycles reports actors whose chain of affiliations comes back
// to them: the chain must end at a root, which views use to group sides.
func (d *Dataset) affiliationCycles() ErrorList {
	var errs ErrorList
	state := make(map[string]int8, len(d.actors)) // 1 visiting, 2 done
	for _, a := range d.Actors {
		var chain []*Actor
		for cur := a; cur != nil && state[cur.ID] == 0; cur = d.actors[cur.Affiliation] {
			if cur.Affiliation == cur.ID {
				break
			}
			state[cur.ID] = 1
			chain = append(chain, cur)
			next := d.actors[cur.Affiliation]
			if next != nil && state[next.ID] == 1 {
				var names []string
				for _, c := range chain {
					names = append(names, c.ID)
				}
				errs = append(errs, &Error{next.Pos, "affiliation cycle: " + strings.Join(append(names, next.ID), " → "), "one actor in the cycle must have no affiliation"})
				break
			}
		}
		for _, c := range chain {
			state[c.ID] = 2
		}
	}
	return errs
}

// AffiliationRoot follows an actor's affiliations to the actor at the top,
// which is the actor itself when it has no affiliation.
func (d *Dataset) AffiliationRoot(id string) string {
	seen := 0
	for a := d.actors[id]; a != nil; a = d.actors[a.Affiliation] {
		if a.Affiliation == "" || d.actors[a.Affiliation] == nil || seen > len(d.actors) {
			return a.ID
		}
		seen++
	}
	return id
}

// New builds a validated dataset from entries made in code, as an importer
// or a generator does. It checks what Load checks after parsing; the
// returned error is an ErrorList.
func New(actors []*Actor, claims []*Claim, sources []*Source, statements []*Statement, relations []*Relation) (*Dataset, error) {
	d := &Dataset{
		Actors: actors, Claims: claims, Sources: sources, Statements: statements, Relations: relations,
		actors: map[string]*Actor{}, claims: map[string]*Claim{}, sources: map[string]*Source{},
	}
	errs := d.checkText()
	errs = append(errs, d.index()...)
	errs = append(errs, d.validate()...)
	for _, s := range statements {
		if s.Stance != Support && s.Stance != Oppose {
			errs = append(errs, &Error{s.Pos, fmt.Sprintf("statement of %q on %q has no stance", s.Actor, s.Claim), "support or oppose"})
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return d, nil
}

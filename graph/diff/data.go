package diff

import (
	"slices"
	"strconv"
	"strings"

	"github.com/claimnet/claimnet/annotations"
)

// Entities are the actors, claims or sources added, removed and changed,
// by id: Added in the new dataset's order, Removed and Changed in the
// old one's.
type Entities struct {
	Added   []string  `json:"added"`
	Removed []string  `json:"removed"`
	Changed []Changed `json:"changed"`
}

// Changed is an entity whose fields differ between the versions.
type Changed struct {
	ID     string  `json:"id"`
	Fields []Field `json:"fields"`
}

// Field is one field's old and new value, lists joined with ", ".
type Field struct {
	Name string `json:"name"`
	Old  string `json:"old"`
	New  string `json:"new"`
}

// Statement names a statement: the four parts of its identity, its
// stance, and where it is in its dataset's files.
type Statement struct {
	Source string `json:"source"`
	Actor  string `json:"actor"`
	Claim  string `json:"claim"`
	Quote  string `json:"quote"`
	Stance string `json:"stance"`
	At     string `json:"at"`
}

// Change is an entry of the same identity in both versions whose other
// fields differ: for a statement its stance, date, direct or note, for a
// relation its date.
type Change[T any] struct {
	Old    T       `json:"old"`
	New    T       `json:"new"`
	Fields []Field `json:"fields"`
}

// Changes are the statements or relations added, removed and changed,
// each list in its dataset's order.
type Changes[T any] struct {
	Added   []T         `json:"added"`
	Removed []T         `json:"removed"`
	Changed []Change[T] `json:"changed"`
}

// Relation names a relation by its identity and position.
type Relation struct {
	Source string   `json:"source"`
	From   string   `json:"from"`
	Type   string   `json:"type"`
	To     []string `json:"to"`
	Quote  string   `json:"quote"`
	At     string   `json:"at"`
}

// DataChanges is what changed in the annotations.
type DataChanges struct {
	Actors     Entities           `json:"actors"`
	Claims     Entities           `json:"claims"`
	Sources    Entities           `json:"sources"`
	Statements Changes[Statement] `json:"statements"`
	Relations  Changes[Relation]  `json:"relations"`
}

// Empty reports whether nothing changed.
func (c *DataChanges) Empty() bool {
	for _, e := range []Entities{c.Actors, c.Claims, c.Sources} {
		if len(e.Added)+len(e.Removed)+len(e.Changed) > 0 {
			return false
		}
	}
	s, r := c.Statements, c.Relations
	return len(s.Added)+len(s.Removed)+len(s.Changed)+len(r.Added)+len(r.Removed)+len(r.Changed) == 0
}

// Datasets compares the annotations of old and new.
func Datasets(old, new *annotations.Dataset) *DataChanges {
	return &DataChanges{
		Actors:     entities(old.Actors, new.Actors, func(a *annotations.Actor) string { return a.ID }, actorFields),
		Claims:     entities(old.Claims, new.Claims, func(c *annotations.Claim) string { return c.ID }, claimFields),
		Sources:    entities(old.Sources, new.Sources, func(s *annotations.Source) string { return s.ID }, sourceFields),
		Statements: keyed(old.Statements, new.Statements, statementKey, statementFields, statementOf),
		Relations:  keyed(old.Relations, new.Relations, relationKey, relationFields, relationOf),
	}
}

func list(s []string) string { return strings.Join(s, ", ") }

func actorFields(a *annotations.Actor) []Field {
	return []Field{{"name", a.Name, ""}, {"type", a.Type, ""}, {"role", a.Role, ""},
		{"affiliation", a.Affiliation, ""}, {"aliases", list(a.Aliases), ""}, {"tags", list(a.Tags), ""}}
}

func claimFields(c *annotations.Claim) []Field {
	return []Field{{"text", c.Text, ""}, {"topic", c.Topic, ""}, {"about", list(c.About), ""},
		{"supports", list(c.Supports), ""}, {"attacks", list(c.Attacks), ""}}
}

func sourceFields(s *annotations.Source) []Field {
	return []Field{{"title", s.Title, ""}, {"outlet", s.Outlet, ""}, {"author", s.Author, ""},
		{"published", s.Published.String(), ""}, {"file", s.File, ""}}
}

// fieldChanges pairs the fields of the old and new version (Old set in
// each) and keeps those that differ.
func fieldChanges(old, new []Field) []Field {
	var out []Field
	for i, f := range old {
		if f.Old != new[i].Old {
			out = append(out, Field{f.Name, f.Old, new[i].Old})
		}
	}
	return out
}

func entities[T any](old, new []T, id func(T) string, fields func(T) []Field) Entities {
	e := Entities{Added: []string{}, Removed: []string{}, Changed: []Changed{}}
	newByID := make(map[string]T, len(new))
	for _, x := range new {
		newByID[id(x)] = x
	}
	oldIDs := make(map[string]bool, len(old))
	for _, x := range old {
		oldIDs[id(x)] = true
		y, ok := newByID[id(x)]
		if !ok {
			e.Removed = append(e.Removed, id(x))
			continue
		}
		if f := fieldChanges(fields(x), fields(y)); len(f) > 0 {
			e.Changed = append(e.Changed, Changed{id(x), f})
		}
	}
	for _, y := range new {
		if !oldIDs[id(y)] {
			e.Added = append(e.Added, id(y))
		}
	}
	return e
}

// statementKey is a statement's identity: source, actor, claim and quote
// (after annotations.NormalizeText, so that typography and line breaks
// are no change).
func statementKey(s *annotations.Statement) [4]string {
	return [4]string{s.Source, s.Actor, s.Claim, annotations.NormalizeText(s.Quote)}
}

func statementFields(s *annotations.Statement) []Field {
	return []Field{{"stance", s.Stance.String(), ""}, {"date", s.Date.String(), ""},
		{"direct", strconv.FormatBool(s.Direct), ""}, {"note", s.Note, ""}}
}

func statementOf(s *annotations.Statement) Statement {
	return Statement{s.Source, s.Actor, s.Claim, s.Quote, s.Stance.String(), s.Pos.String()}
}

// relationKey is a relation's identity: source, from, type, the sorted
// targets and the normalised quote.
func relationKey(r *annotations.Relation) [4]string {
	to := slices.Sorted(slices.Values(r.To))
	return [4]string{r.Source, r.From + "\x00" + r.Type, strings.Join(to, "\x00"), annotations.NormalizeText(r.Quote)}
}

func relationFields(r *annotations.Relation) []Field {
	return []Field{{"date", r.Date.String(), ""}}
}

func relationOf(r *annotations.Relation) Relation {
	return Relation{r.Source, r.From, r.Type, slices.Clone(r.To), r.Quote, r.Pos.String()}
}

// keyed compares entries that have an identity but no id: those of the
// same key in both versions are the same entry (see match), changed when
// their fields differ.
func keyed[E, T any](old, new []E, key func(E) [4]string, fields func(E) []Field, of func(E) T) Changes[T] {
	pairs, removed, added := match(old, new, key, fields)
	out := Changes[T]{Added: make([]T, 0, len(added)), Removed: make([]T, 0, len(removed)), Changed: []Change[T]{}}
	for _, p := range pairs {
		if f := fieldChanges(fields(old[p[0]]), fields(new[p[1]])); len(f) > 0 {
			out.Changed = append(out.Changed, Change[T]{of(old[p[0]]), of(new[p[1]]), f})
		}
	}
	for _, i := range removed {
		out.Removed = append(out.Removed, of(old[i]))
	}
	for _, i := range added {
		out.Added = append(out.Added, of(new[i]))
	}
	return out
}

// match pairs the entries of old and new of the same key: first those
// whose fields are equal too, then the rest in dataset order. It returns
// the pairs (old index, new index) in old order, and the old and new
// indices left unpaired, in order.
func match[T any](old, new []T, key func(T) [4]string, fields func(T) []Field) (pairs [][2]int, removed, added []int) {
	byKey := make(map[[4]string][]int, len(new))
	for j, y := range new {
		k := key(y)
		byKey[k] = append(byKey[k], j)
	}
	oldKeys := make([][4]string, len(old))
	for i, x := range old {
		oldKeys[i] = key(x)
	}
	paired := make([]bool, len(new))
	partner := make([]int, len(old))
	same := func(x, y T) bool { return len(fieldChanges(fields(x), fields(y))) == 0 }
	for pass := range 2 {
		for i, x := range old {
			if pass == 1 && partner[i] != 0 {
				continue
			}
			for _, j := range byKey[oldKeys[i]] {
				if !paired[j] && (pass == 1 || same(x, new[j])) {
					paired[j], partner[i] = true, j+1
					break
				}
			}
		}
	}
	pairs = make([][2]int, 0, min(len(old), len(new)))
	for i, p := range partner {
		if p == 0 {
			removed = append(removed, i)
		} else {
			pairs = append(pairs, [2]int{i, p - 1})
		}
	}
	for j, p := range paired {
		if !p {
			added = append(added, j)
		}
	}
	return pairs, removed, added
}

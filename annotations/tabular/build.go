package tabular

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/claimnet/claimnet/annotations"
)

// builder collects the rows of a table into entries.
type builder struct {
	name string
	col  map[string]int
	errs annotations.ErrorList
	ids  map[string]bool // ids made so far, of all kinds
	// by the cell that names them (id or name)
	actors  map[string]*annotations.Actor
	claims  map[string]*annotations.Claim
	sources map[string]*annotations.Source
	// the line that set each entry, for messages
	first map[any]int
	// affiliations by cell, resolved at the end
	affil map[*annotations.Actor]affilRef
	d     struct {
		actors     []*annotations.Actor
		claims     []*annotations.Claim
		sources    []*annotations.Source
		statements []*annotations.Statement
	}
	table *annotations.Source // the source of rows without one
}

type affilRef struct {
	cell string
	line int
}

func newBuilder(name string, col map[string]int) *builder {
	return &builder{name: name, col: col, ids: map[string]bool{},
		actors: map[string]*annotations.Actor{}, claims: map[string]*annotations.Claim{}, sources: map[string]*annotations.Source{},
		first: map[any]int{}, affil: map[*annotations.Actor]affilRef{}}
}

func (b *builder) errorf(line int, column, hint, format string, args ...any) {
	c := 1
	if i, ok := b.col[column]; ok && i >= 0 {
		c = i + 1
	}
	b.errs = append(b.errs, &annotations.Error{Pos: annotations.Pos{File: b.name, Line: line, Col: c}, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// newID returns a fresh id made from s, or from fallback when s has no
// letters or digits (annotations.MakeID).
func (b *builder) newID(s, fallback string) string {
	return annotations.MakeID(s, fallback, b.ids)
}

// same sets *field to value, or reports a row that gives the entry another
// value than an earlier row did.
func (b *builder) same(line int, column, what string, field *string, value string) {
	if value == "" || *field == value {
		return
	}
	if *field == "" {
		*field = value
		return
	}
	b.errorf(line, column, "give each "+what+" one "+column+", or leave the cell empty", "%s %s %q here, %q on an earlier line", what, column, value, *field)
}

func (b *builder) row(line int, rec []string) {
	cell := func(c string) string {
		i := b.col[c]
		if i < 0 || i >= len(rec) {
			return ""
		}
		return annotations.CleanText(unformula(strings.TrimSpace(rec[i])), c == Quote || c == Note || c == ClaimText || c == SourceTitle)
	}
	actorCell, claimCell := cell(Actor), cell(Claim)
	ok := true
	if actorCell == "" {
		b.errorf(line, Actor, "every row names its actor", "empty actor")
		ok = false
	}
	if claimCell == "" {
		b.errorf(line, Claim, "every row names its claim", "empty claim")
		ok = false
	}
	stance, good := ParseStance(cell(Stance))
	if !good {
		b.errorf(line, Stance, "support or oppose (also agree/disagree, 1/0, +1/-1, true/false, yes/no)", "stance %q is not one the table format takes", cell(Stance))
		ok = false
	}
	var date annotations.Date
	if v := cell(Date); v != "" {
		d, err := annotations.ParseDate(v)
		if err != nil {
			b.errorf(line, Date, "YYYY-MM-DD", "date: %v", err)
			ok = false
		}
		date = d
	}
	direct := false
	if v := strings.ToLower(cell(Direct)); v != "" {
		switch v {
		case "true", "yes", "1":
			direct = true
		case "false", "no", "0":
		default:
			b.errorf(line, Direct, "true or false", "direct %q is not true or false", cell(Direct))
			ok = false
		}
	}
	if !ok {
		return
	}
	a := b.actor(line, actorCell, cell)
	c := b.claim(line, claimCell, cell)
	src := b.source(line, cell)
	quote := cell(Quote)
	if quote == "" {
		quote = annotations.NoQuote
	}
	if date == 0 {
		date = src.Published
	}
	b.d.statements = append(b.d.statements, &annotations.Statement{
		Actor: a.ID, Claim: c.ID, Stance: stance, Quote: quote, Source: src.ID, Date: date, Direct: direct, Note: cell(Note),
		Pos: annotations.Pos{File: b.name, Line: line, Col: 1},
	})
}

func (b *builder) actor(line int, key string, cell func(string) string) *annotations.Actor {
	a := b.actors[key]
	if a == nil {
		a = &annotations.Actor{Pos: annotations.Pos{File: b.name, Line: line, Col: 1}}
		if b.col[ActorName] >= 0 {
			a.ID, a.Name = key, cell(ActorName)
			b.ids[key] = true
		} else {
			a.ID, a.Name = b.newID(key, "actor"), key
		}
		b.actors[key] = a
		b.d.actors = append(b.d.actors, a)
	}
	b.same(line, ActorName, "actor", &a.Name, cell(ActorName))
	b.same(line, ActorType, "actor", &a.Type, strings.ToLower(cell(ActorType)))
	b.same(line, ActorRole, "actor", &a.Role, cell(ActorRole))
	if v := cell(ActorAffiliation); v != "" {
		if r, ok := b.affil[a]; ok && r.cell != v {
			b.errorf(line, ActorAffiliation, "give each actor one affiliation", "actor affiliation %q here, %q on line %d", v, r.cell, r.line)
		} else {
			b.affil[a] = affilRef{v, line}
		}
	}
	for _, l := range []struct {
		column string
		list   *[]string
	}{{ActorAliases, &a.Aliases}, {ActorTags, &a.Tags}} {
		if v := cell(l.column); v != "" {
			items := splitList(v)
			if *l.list == nil {
				*l.list = items
			} else if !slices.Equal(*l.list, items) {
				b.errorf(line, l.column, "give each actor one list, or leave the cell empty", "actor %s %q here, %q on an earlier line", l.column, v, strings.Join(*l.list, listSep))
			}
		}
	}
	return a
}

func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ";") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (b *builder) claim(line int, key string, cell func(string) string) *annotations.Claim {
	c := b.claims[key]
	if c == nil {
		c = &annotations.Claim{Pos: annotations.Pos{File: b.name, Line: line, Col: 1}}
		if b.col[ClaimText] >= 0 {
			c.ID, c.Text = key, cell(ClaimText)
		} else {
			c.ID, c.Text = b.newID(key, "claim"), key
		}
		b.claims[key] = c
		b.d.claims = append(b.d.claims, c)
	}
	b.same(line, ClaimText, "claim", &c.Text, cell(ClaimText))
	b.same(line, ClaimTopic, "claim", &c.Topic, cell(ClaimTopic))
	return c
}

func (b *builder) source(line int, cell func(string) string) *annotations.Source {
	key := cell(Source)
	if key == "" {
		if b.table == nil {
			base := strings.TrimSuffix(path.Base(b.name), path.Ext(b.name))
			b.table = &annotations.Source{ID: b.newID(base, "table"), Title: "Imported from " + b.name, Pos: annotations.Pos{File: b.name, Line: line, Col: 1}}
			b.d.sources = append(b.d.sources, b.table)
		}
		return b.table
	}
	s := b.sources[key]
	if s == nil {
		s = &annotations.Source{Pos: annotations.Pos{File: b.name, Line: line, Col: 1}}
		if b.col[SourceTitle] >= 0 {
			s.ID, s.Title = key, cell(SourceTitle)
		} else {
			s.ID, s.Title = b.newID(key, "source"), key
		}
		b.sources[key] = s
		b.d.sources = append(b.d.sources, s)
	}
	b.same(line, SourceTitle, "source", &s.Title, cell(SourceTitle))
	b.same(line, SourceOutlet, "source", &s.Outlet, cell(SourceOutlet))
	b.same(line, SourceAuthor, "source", &s.Author, cell(SourceAuthor))
	b.same(line, SourceFile, "source", &s.File, cell(SourceFile))
	if v := cell(SourcePublished); v != "" {
		d, err := annotations.ParseDate(v)
		switch {
		case err != nil:
			b.errorf(line, SourcePublished, "YYYY-MM-DD", "source_published: %v", err)
		case s.Published != 0 && s.Published != d:
			b.errorf(line, SourcePublished, "give each source one date", "source published %s here, %s on an earlier line", d, s.Published)
		default:
			s.Published = d
		}
	}
	return s
}

// dataset resolves the affiliations and validates the whole.
func (b *builder) dataset() (*annotations.Dataset, error) {
	// An affiliation to an actor without statements makes that actor,
	// known by its id (or name) alone, in the order of the lines.
	refs := make([]*annotations.Actor, 0, len(b.affil))
	for a := range b.affil {
		refs = append(refs, a)
	}
	slices.SortFunc(refs, func(x, y *annotations.Actor) int { return b.affil[x].line - b.affil[y].line })
	for _, a := range refs {
		r := b.affil[a]
		to := b.actors[r.cell]
		if to == nil {
			to = &annotations.Actor{Name: r.cell, Type: annotations.TypeOrganization, Pos: annotations.Pos{File: b.name, Line: r.line, Col: b.col[ActorAffiliation] + 1}}
			to.ID = r.cell
			if b.col[ActorName] < 0 {
				to.ID = b.newID(r.cell, "actor")
			} else {
				b.ids[r.cell] = true
			}
			b.actors[r.cell] = to
			b.d.actors = append(b.d.actors, to)
		}
		a.Affiliation = to.ID
	}
	if len(b.errs) > 0 {
		b.errs.Sort()
		return nil, b.errs
	}
	if len(b.d.statements) == 0 {
		return nil, annotations.ErrorList{&annotations.Error{Pos: annotations.Pos{File: b.name, Line: 2, Col: 1}, Msg: "the table has no statements", Hint: "one row per statement below the header"}}
	}
	// Statements without their own date take their source's, which may
	// come from a later row.
	byID := map[string]*annotations.Source{}
	for _, src := range b.d.sources {
		byID[src.ID] = src
	}
	for _, s := range b.d.statements {
		if s.Date == 0 {
			s.Date = byID[s.Source].Published
		}
	}
	for _, a := range b.d.actors {
		if a.Type == "" {
			a.Type = annotations.TypeOrganization
		}
	}
	return annotations.New(b.d.actors, b.d.claims, b.d.sources, b.d.statements, nil)
}

package report

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/render"
)

// document is the data the page's scripts read: the Model's actors,
// claims, statements and argument links, the Analysis, and the
// definitions of the measures. Indices refer to the slices of the
// document (actors and claims in model order). Field names are short
// because a large dataset has many statements.
type document struct {
	Title string `json:"title"`
	// Window is the window the Model was compiled in: the outer bounds
	// of the page's date range.
	Window graph.Window `json:"window"`
	// Measures are the centrality names, the order of the Centrality
	// arrays.
	Measures   []string    `json:"measures"`
	Actors     []actorDoc  `json:"actors"`
	Claims     []claimDoc  `json:"claims"`
	Sources    []sourceDoc `json:"sources"`
	Statements []stmtDoc   `json:"statements"`
	// Arguments are the supports and attacks links between claims.
	Arguments []argDoc `json:"arguments"`
	// Sides are the affiliation roots of the actors, most members first.
	Sides []sideDoc `json:"sides"`
	// Types, Tags and Topics are the distinct actor types, actor tags and
	// claim topics, sorted, for the filters.
	Types  []string `json:"types"`
	Tags   []string `json:"tags"`
	Topics []string `json:"topics"`
	// Reversals are the Analysis's reversals over the whole window, by
	// index; the page recomputes them for a narrower date range.
	Reversals []reversalDoc `json:"reversals"`
	// Edges are the figure's edges in the order of its edge layer
	// (edgeLayer): [actor, claim] indices of a stance edge, [-1, -1]
	// for another edge.
	Edges       [][2]int          `json:"edges"`
	Coalitions  coalitionsDoc     `json:"coalitions"`
	Methods     map[string]string `json:"methods"`
	Definitions []Definition      `json:"definitions"`
}

type actorDoc struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Type        string   `json:"type,omitempty"`
	Role        string   `json:"role,omitempty"`
	Aliases     []string `json:"aliases,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	Affiliation int      `json:"aff"`  // actor index, -1 for none
	Side        int      `json:"side"` // index into document.Sides
	Coalition   int      `json:"coal"` // index into Coalitions.Groups, -1 for none
	// Fill is the actor's colour in the figure (render.Colors).
	Fill       string    `json:"fill"`
	Centrality []float64 `json:"cent"`
}

type claimDoc struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Topic    string `json:"topic,omitempty"`
	About    []int  `json:"about,omitempty"` // actor indices
	Supports []int  `json:"supports,omitempty"`
	Attacks  []int  `json:"attacks,omitempty"`
	// Contested and Contestation are the Analysis's values over the
	// whole window.
	Contested    bool      `json:"contested,omitempty"`
	Contestation float64   `json:"contestation,omitempty"`
	Centrality   []float64 `json:"cent"`
}

type sourceDoc struct {
	ID     string           `json:"id"`
	Title  string           `json:"title,omitempty"`
	Outlet string           `json:"outlet,omitempty"`
	Author string           `json:"author,omitempty"`
	Date   annotations.Date `json:"date,omitzero"`
}

// stmtDoc is one statement of the Model: actor and claim indices, the
// stance (+1, -1), the date ("" when undated), the source index, whether
// it is direct speech, the quote and the annotator's note.
type stmtDoc struct {
	Actor  int              `json:"a"`
	Claim  int              `json:"c"`
	Stance int              `json:"s"`
	Date   annotations.Date `json:"d,omitzero"`
	Source int              `json:"src"`
	Direct bool             `json:"dir,omitempty"`
	Quote  string           `json:"q"`
	Note   string           `json:"n,omitempty"`
}

type argDoc struct {
	From int    `json:"from"`
	To   int    `json:"to"`
	Type string `json:"type"`
}

type sideDoc struct {
	Actor   int `json:"actor"` // the root actor
	Members int `json:"members"`
}

type reversalDoc struct {
	Actor int              `json:"a"`
	Claim int              `json:"c"`
	First annotations.Date `json:"first,omitzero"`
	Last  annotations.Date `json:"last,omitzero"`
}

type coalitionsDoc struct {
	Groups       [][]int `json:"groups"`
	Modularity   float64 `json:"modularity"`
	Polarization float64 `json:"polarization"`
	Resolution   float64 `json:"resolution"`
	Seed         int64   `json:"seed"`
}

// newDocument gathers the page's data from m and its analysis an.
func newDocument(m *graph.Model, an *analysis.Analysis, title string) (*document, error) {
	fills, err := render.Colors(m, an, render.Options{})
	if err != nil {
		return nil, err
	}
	d := &document{
		Title:       title,
		Window:      m.Window,
		Measures:    analysis.Measures,
		Actors:      make([]actorDoc, len(m.Actors)),
		Claims:      make([]claimDoc, len(m.Claims)),
		Statements:  make([]stmtDoc, len(m.Statements)),
		Arguments:   make([]argDoc, len(m.Arguments)),
		Reversals:   make([]reversalDoc, len(an.Reversals)),
		Methods:     an.Methods,
		Definitions: Definitions(),
	}
	actor := func(id string) (int, error) {
		i, ok := m.ActorIndex(id)
		if !ok {
			return 0, fmt.Errorf("report: no actor %q in the model", id)
		}
		return i, nil
	}
	claim := func(id string) (int, error) {
		i, ok := m.ClaimIndex(id)
		if !ok {
			return 0, fmt.Errorf("report: no claim %q in the model", id)
		}
		return i, nil
	}
	indices := func(ids []string, index func(string) (int, error)) ([]int, error) {
		out := make([]int, 0, len(ids))
		for _, id := range ids {
			i, err := index(id)
			if err != nil {
				return nil, err
			}
			out = append(out, i)
		}
		return out, nil
	}
	scores := func(c map[string]float64) []float64 {
		out := make([]float64, len(analysis.Measures))
		for i, k := range analysis.Measures {
			out[i] = c[k]
		}
		return out
	}

	// Sides: each actor's affiliation root, most members first, then
	// in model order of the root.
	sideOf := make(map[int]int) // root actor → members
	roots := make([]int, len(m.Actors))
	types, tags, topics := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i, a := range m.Actors {
		r, err := actor(an.Actors[i].Side)
		if err != nil {
			return nil, err
		}
		roots[i] = r
		sideOf[r]++
		if a.Type != "" {
			types[a.Type] = true
		}
		for _, t := range a.Tags {
			tags[t] = true
		}
	}
	for r, n := range sideOf {
		d.Sides = append(d.Sides, sideDoc{Actor: r, Members: n})
	}
	slices.SortFunc(d.Sides, func(a, b sideDoc) int {
		return cmp.Or(cmp.Compare(b.Members, a.Members), cmp.Compare(a.Actor, b.Actor))
	})
	sideIndex := make(map[int]int, len(d.Sides))
	for i, s := range d.Sides {
		sideIndex[s.Actor] = i
	}

	for i, a := range m.Actors {
		aff := -1
		if a.Affiliation != "" {
			if aff, err = actor(a.Affiliation); err != nil {
				return nil, err
			}
		}
		d.Actors[i] = actorDoc{
			ID: a.ID, Name: a.Name, Type: a.Type, Role: a.Role,
			Aliases: a.Aliases, Tags: a.Tags, Affiliation: aff,
			Side: sideIndex[roots[i]], Coalition: an.Actors[i].Coalition,
			Fill: fills[a.ID], Centrality: scores(an.Actors[i].Centrality),
		}
	}
	for i, c := range m.Claims {
		res := an.Claims[i]
		cd := claimDoc{
			ID: c.ID, Text: c.Text, Topic: c.Topic,
			Contested: res.Contested, Contestation: res.Contestation,
			Centrality: scores(res.Centrality),
		}
		if cd.About, err = indices(c.About, actor); err != nil {
			return nil, err
		}
		if cd.Supports, err = indices(c.Supports, claim); err != nil {
			return nil, err
		}
		if cd.Attacks, err = indices(c.Attacks, claim); err != nil {
			return nil, err
		}
		if c.Topic != "" {
			topics[c.Topic] = true
		}
		d.Claims[i] = cd
	}

	// Sources: those the statements cite, in dataset order.
	srcIndex := map[string]int{}
	for _, s := range m.Statements {
		srcIndex[s.Source] = -1
	}
	for _, s := range m.Data.Sources {
		if _, ok := srcIndex[s.ID]; ok {
			srcIndex[s.ID] = len(d.Sources)
			d.Sources = append(d.Sources, sourceDoc{ID: s.ID, Title: s.Title, Outlet: s.Outlet, Author: s.Author, Date: s.Published})
		}
	}
	for i, s := range m.Statements {
		a, err := actor(s.Actor)
		if err != nil {
			return nil, err
		}
		c, err := claim(s.Claim)
		if err != nil {
			return nil, err
		}
		src, ok := srcIndex[s.Source]
		if !ok || src < 0 {
			return nil, fmt.Errorf("report: statement at %s cites source %q, which the dataset does not declare", s.Pos, s.Source)
		}
		d.Statements[i] = stmtDoc{Actor: a, Claim: c, Stance: int(s.Stance), Date: s.Date,
			Source: src, Direct: s.Direct, Quote: s.Quote, Note: s.Note}
	}
	for i, e := range m.Arguments {
		d.Arguments[i] = argDoc{From: e.From, To: e.To, Type: e.Type}
	}
	for i, r := range an.Reversals {
		a, err := actor(r.Actor)
		if err != nil {
			return nil, err
		}
		c, err := claim(r.Claim)
		if err != nil {
			return nil, err
		}
		d.Reversals[i] = reversalDoc{Actor: a, Claim: c, First: r.First, Last: r.Last}
	}
	co := an.Coalitions
	d.Coalitions = coalitionsDoc{Groups: make([][]int, len(co.Groups)), Modularity: co.Modularity,
		Polarization: co.Polarization, Resolution: co.Resolution, Seed: co.Seed}
	for i, g := range co.Groups {
		if d.Coalitions.Groups[i], err = indices(g, actor); err != nil {
			return nil, err
		}
	}
	d.Types, d.Tags, d.Topics = sortedKeys(types), sortedKeys(tags), sortedKeys(topics)
	return d, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

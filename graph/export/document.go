package export

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"slices"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
)

// Version is the version of the graph document's shape, written in its
// "version" field. It changes when a field is removed or changes meaning;
// fields may be added within a version.
const Version = "1"

// Node kinds: the two modes of the network.
const (
	KindActor = "actor"
	KindClaim = "claim"
)

// Edge layers. Stance edges join an actor to a claim, argument edges a
// claim to a claim, relation edges an actor to an actor.
const (
	LayerStance   = "stance"
	LayerArgument = "argument"
	LayerRelation = "relation"
)

// Document is the graph document: the compiled network of a dataset
// within a window, with every analysis result attached to its node, and
// the statements and relations that are the edges' evidence. It is built
// by Build and is the input of every writer and of claimnet's queries.
// Its slices are in a deterministic order. WriteJSON and MarshalJSON
// write the "json" export format of any document; encoding/json gives the
// same values for a whole one, but not for a Streamed one, whose record
// lists are nil.
type Document struct {
	// Version is the document shape's version, Version.
	Version string `json:"version"`
	// Window is the date range the statements were selected by.
	Window Window `json:"window"`
	// PerStatement reports whether stance and relation edges are one per
	// statement or declared relation (true) or aggregated (false).
	PerStatement bool `json:"per_statement"`
	// Measures lists the centrality measures every node's Centrality has.
	Measures []string `json:"measures"`
	// Nodes are the actors, in dataset order, then the claims, in dataset
	// order: every declared actor and claim, active in the window or not.
	Nodes []Node `json:"nodes"`
	// Edges are the stance edges (by actor, claim, support before
	// oppose), then the argument edges (by from, to, type), then the
	// relation edges (by from, to, type). The network is a directed
	// multigraph: the same two nodes can be joined by edges of different
	// kinds, and, with PerStatement, by several edges of one kind.
	Edges []Edge `json:"edges"`
	// Statements are the statements within the window, in dataset order.
	Statements []Statement `json:"statements"`
	// Relations are the declared relations within the window, one entry
	// per target actor, in dataset order.
	Relations []Relation `json:"relations"`
	// Sources are every source of the dataset, in dataset order.
	Sources []Source `json:"sources"`
	// Reversals are the actors holding both stances on a claim.
	Reversals []Reversal `json:"reversals"`
	// Conflicts are the actor pairs taking opposite stances on a claim.
	Conflicts []Conflict `json:"conflicts"`
	// Coalitions are the communities of the actor congruence network.
	Coalitions Coalitions `json:"coalitions"`
	// Methods tells, for each measure, how it was computed.
	Methods map[string]string `json:"methods"`

	nodeIndex map[string]int
	// records makes the records of a Streamed document.
	records *records
}

// AllEdges yields the document's edges in order: those of Edges, or, for a
// Streamed document, each made from the Model when it is reached and
// valid until the next.
func (d *Document) AllEdges() iter.Seq[*Edge] {
	if d.records != nil {
		return d.records.allEdges()
	}
	return pointers(d.Edges)
}

// NumEdges returns the number of edges AllEdges yields.
func (d *Document) NumEdges() int {
	if d.records != nil {
		return d.records.edges
	}
	return len(d.Edges)
}

// AllStatements yields the document's statements as AllEdges yields its
// edges.
func (d *Document) AllStatements() iter.Seq[*Statement] {
	if d.records != nil {
		return d.records.allStatements(edgeID)
	}
	return pointers(d.Statements)
}

// AllRelations yields the document's relations as AllEdges yields its
// edges.
func (d *Document) AllRelations() iter.Seq[*Relation] {
	if d.records != nil {
		return d.records.allRelations(edgeID)
	}
	return pointers(d.Relations)
}

// AllSources yields the document's sources as AllEdges yields its edges.
func (d *Document) AllSources() iter.Seq[*Source] {
	if d.records != nil {
		return d.records.allSources()
	}
	return pointers(d.Sources)
}

// pointers yields a pointer to each element of list.
func pointers[T any](list []T) iter.Seq[*T] {
	return func(yield func(*T) bool) {
		for i := range list {
			if !yield(&list[i]) {
				return
			}
		}
	}
}

// Window is an inclusive date range; a null bound is open.
type Window struct {
	From Date `json:"from"`
	To   Date `json:"to"`
}

// Node is an actor or a claim. Fields common to both come first; an
// actor node carries the ActorAttrs fields and a claim node the
// ClaimAttrs fields (the other pointer is nil and its fields are absent
// from the JSON).
type Node struct {
	// ID is the actor's or claim's id; ids are unique across both.
	ID string `json:"id"`
	// Kind is KindActor or KindClaim.
	Kind string `json:"kind"`
	// Label is the actor's name or the claim's text.
	Label string `json:"label"`
	// Active reports whether the node has a statement in the window.
	Active bool `json:"active"`
	// Statements is the number of the node's statements in the window.
	Statements int `json:"statements"`
	// First and Last are the earliest and latest dates of the node's
	// dated edges (null when it has none).
	First Date `json:"first"`
	Last  Date `json:"last"`
	// Centrality maps each measure in Document.Measures to the node's score.
	Centrality map[string]Score `json:"centrality"`
	*ActorAttrs
	*ClaimAttrs
}

// ActorAttrs are the attributes only actor nodes have.
type ActorAttrs struct {
	// ActorType is the actor's type: person, organization, government,
	// state, group or media.
	ActorType   string `json:"actor_type"`
	Role        string `json:"role"`
	Affiliation string `json:"affiliation"`
	// Side is the actor's affiliation root (its own id without affiliation).
	Side    string   `json:"side"`
	Aliases []string `json:"aliases"`
	Tags    []string `json:"tags"`
	// Coalition is the index into Coalitions.Groups of the actor's
	// coalition, or -1 when it has none.
	Coalition int `json:"coalition"`
}

// ClaimAttrs are the attributes only claim nodes have.
type ClaimAttrs struct {
	Text  string   `json:"text"`
	Topic string   `json:"topic"`
	About []string `json:"about"`
	// Contested reports whether one actor supports the claim and another
	// opposes it.
	Contested bool `json:"contested"`
	// Contestation is 1 − |s − o|/(s + o) for a contested claim with s
	// supporters and o opposers, else 0.
	Contestation Score `json:"contestation"`
	// Supporters and Opposers are the ids of the actors with a statement
	// of that stance on the claim, in dataset order.
	Supporters []string `json:"supporters"`
	Opposers   []string `json:"opposers"`
}

// Edge is a directed edge of one layer and kind.
type Edge struct {
	// ID is "e" followed by the edge's index in Document.Edges.
	ID string `json:"id"`
	// Source and Target are node ids: actor → claim for stance edges,
	// claim → claim for argument edges, actor → actor for relation edges.
	Source string `json:"source"`
	Target string `json:"target"`
	// Layer is LayerStance, LayerArgument or LayerRelation.
	Layer string `json:"layer"`
	// Kind is the stance (support, oppose), the argument type (supports,
	// attacks) or the relation type (mediates, negotiates-with,
	// threatens, criticizes, cooperates-with, member-of).
	Kind string `json:"kind"`
	// Stance is "support" or "oppose" on stance edges and absent on others.
	Stance string `json:"stance,omitempty"`
	// Sign is the edge's sign; see Sign.
	Sign int `json:"sign"`
	// Weight is the number of statements (stance edges) or declared
	// relations (relation edges) behind the edge; 1 for argument and
	// member-of edges and for every edge of a per-statement document.
	Weight int `json:"weight"`
	// First and Last are the earliest and latest dates of the statements
	// or relations behind the edge (null when none is dated).
	First Date `json:"first"`
	Last  Date `json:"last"`
	// Quote, TextSource and Direct are set on the stance and relation
	// edges of a per-statement document: the statement's or relation's
	// quote, its source id, and (stance edges) whether the quote is direct.
	Quote      string `json:"quote,omitempty"`
	TextSource string `json:"text_source,omitempty"`
	Direct     *bool  `json:"direct,omitempty"`
}

// Statement is one statement within the window.
type Statement struct {
	Actor  string `json:"actor"`
	Claim  string `json:"claim"`
	Stance string `json:"stance"`
	Sign   int    `json:"sign"`
	Quote  string `json:"quote"`
	Source string `json:"source"`
	// Date is the statement's date, or its source's, or null.
	Date   Date   `json:"date"`
	Direct bool   `json:"direct"`
	Note   string `json:"note"`
	// Edge is the id of the stance edge the statement is behind.
	Edge string `json:"edge"`
	// At is the statement's position in the annotations, file:line:col.
	At string `json:"at"`
}

// Relation is one declared relation from one actor to one target actor.
type Relation struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Type   string `json:"type"`
	Quote  string `json:"quote"`
	Source string `json:"source"`
	Date   Date   `json:"date"`
	// Edge is the id of the relation edge the relation is behind.
	Edge string `json:"edge"`
	At   string `json:"at"`
}

// Source is a text the statements are drawn from.
type Source struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Author    string `json:"author"`
	Published Date   `json:"published"`
	File      string `json:"file"`
	// Statements is the number of the source's statements in the window.
	Statements int `json:"statements"`
}

// Reversal is an actor holding both stances on a claim; First and Last
// are its earliest and latest dated statements on the claim.
type Reversal struct {
	Actor string `json:"actor"`
	Claim string `json:"claim"`
	First Date   `json:"first"`
	Last  Date   `json:"last"`
}

// Conflict is a pair of actors, A before B in dataset order, taking
// opposite stances on Claim.
type Conflict struct {
	A     string `json:"a"`
	B     string `json:"b"`
	Claim string `json:"claim"`
}

// Coalitions are the communities of the actor congruence network, as
// analysis.Coalitions defines them.
type Coalitions struct {
	Groups       [][]string `json:"groups"`
	Modularity   Score      `json:"modularity"`
	Polarization Score      `json:"polarization"`
	Resolution   Score      `json:"resolution"`
	Seed         int64      `json:"seed"`
}

// Date is a calendar day. Its JSON form is "YYYY-MM-DD", or null for the
// zero Date.
type Date annotations.Date

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string { return annotations.Date(d).String() }

// MarshalJSON writes d as "YYYY-MM-DD" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d == 0 {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = 0
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	v, err := annotations.ParseDate(s)
	if err != nil {
		return err
	}
	*d = Date(v)
	return nil
}

// Score is a real number whose JSON form is null when it is not finite
// (JSON has no NaN or infinity).
type Score float64

// MarshalJSON writes s as a JSON number, or null when it is NaN or infinite.
func (s Score) MarshalJSON() ([]byte, error) {
	f := float64(s)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

// UnmarshalJSON reads a number, or null as NaN.
func (s *Score) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = Score(math.NaN())
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("score: %w", err)
	}
	*s = Score(f)
	return nil
}

// Sign returns the sign an edge of the given layer and kind carries: the
// stance's (+1 support, −1 oppose); +1 for supports and −1 for attacks;
// for relations +1 for cooperates-with and member-of, −1 for threatens and
// criticizes, and 0 for mediates and negotiates-with, which are neither
// alliance nor hostility.
func Sign(layer, kind string) int {
	switch layer {
	case LayerStance:
		if s, ok := annotations.ParseStance(kind); ok {
			return int(s)
		}
	case LayerArgument:
		switch kind {
		case graph.Supports:
			return 1
		case graph.Attacks:
			return -1
		}
	case LayerRelation:
		switch kind {
		case annotations.RelCooperatesWith, graph.MemberOf:
			return 1
		case annotations.RelThreatens, annotations.RelCriticizes:
			return -1
		}
	}
	return 0
}

// Option configures Build.
type Option func(*config)

type config struct {
	perStatement bool
	noRecords    bool
	streamed     bool
}

// Streamed makes Build leave the record lists (Edges, Statements,
// Relations and Sources) nil: the writers of this package, and AllEdges,
// AllStatements, AllRelations and AllSources, make each record from the
// Model when they reach it. Writing a streamed document takes no memory
// per record, where a whole one holds every record at once; the Model
// must not change while the document is in use.
func Streamed() Option { return func(c *config) { c.streamed = true } }

// WithoutRecords makes Build leave the records out: Edges, Statements,
// Relations and Sources are empty, and the rest (the nodes and the
// analysis results) is as Build gives it. On a large dataset the records
// are most of the document's size and of the time it takes to build.
func WithoutRecords() Option { return func(c *config) { c.noRecords = true } }

// PerStatement makes Build give one stance edge per statement and one
// relation edge per declared relation and target, instead of one edge per
// actor, claim and stance (or per actor pair and relation type).
func PerStatement(on bool) Option { return func(c *config) { c.perStatement = on } }

// Build makes the graph document of m and an, its Analysis. It reads the
// Model's stance, argument and relation edges and the Analysis' results;
// it recomputes neither.
func Build(m *graph.Model, an *analysis.Analysis, opts ...Option) (*Document, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	if err := checkAnalysis(m, an); err != nil {
		return nil, err
	}
	d := &Document{
		Version:      Version,
		Window:       Window{Date(m.Window.From), Date(m.Window.To)},
		PerStatement: cfg.perStatement,
		Measures:     measuresOf(an),
		Methods:      map[string]string{},
	}
	for k, v := range an.Methods {
		d.Methods[k] = v
	}
	d.addNodes(m, an)
	switch {
	case cfg.noRecords:
		d.Statements, d.Relations, d.Sources = []Statement{}, []Relation{}, []Source{}
	case cfg.streamed:
		d.records = newRecords(m, cfg.perStatement)
	default:
		newRecords(m, cfg.perStatement).collect(d)
	}
	for _, r := range an.Reversals {
		d.Reversals = append(d.Reversals, Reversal{r.Actor, r.Claim, Date(r.First), Date(r.Last)})
	}
	for _, c := range an.Conflicts {
		d.Conflicts = append(d.Conflicts, Conflict{c.A, c.B, c.Claim})
	}
	d.Coalitions = Coalitions{
		Groups:       make([][]string, 0, len(an.Coalitions.Groups)),
		Modularity:   Score(an.Coalitions.Modularity),
		Polarization: Score(an.Coalitions.Polarization),
		Resolution:   Score(an.Coalitions.Resolution),
		Seed:         an.Coalitions.Seed,
	}
	for _, g := range an.Coalitions.Groups {
		d.Coalitions.Groups = append(d.Coalitions.Groups, nonNil(g))
	}
	if d.records == nil {
		d.Edges = nonNil(d.Edges)
	}
	d.Reversals = nonNil(d.Reversals)
	d.Conflicts = nonNil(d.Conflicts)
	return d, nil
}

// checkAnalysis makes sure an was computed from a model with m's actors
// and claims, so that results are attached to the right nodes.
func checkAnalysis(m *graph.Model, an *analysis.Analysis) error {
	if an == nil {
		return fmt.Errorf("export: no analysis")
	}
	if len(an.Actors) != len(m.Actors) || len(an.Claims) != len(m.Claims) {
		return fmt.Errorf("export: the analysis has %d actors and %d claims, the model %d and %d",
			len(an.Actors), len(an.Claims), len(m.Actors), len(m.Claims))
	}
	for i, a := range m.Actors {
		if an.Actors[i].ID != a.ID {
			return fmt.Errorf("export: analysis actor %d is %q, model actor %q", i, an.Actors[i].ID, a.ID)
		}
	}
	for i, c := range m.Claims {
		if an.Claims[i].ID != c.ID {
			return fmt.Errorf("export: analysis claim %d is %q, model claim %q", i, an.Claims[i].ID, c.ID)
		}
	}
	if an.Window != m.Window {
		return fmt.Errorf("export: the analysis is of window %s, the model of %s", an.Window, m.Window)
	}
	return nil
}

// measuresOf lists analysis.Measures, then any other measure the analysis
// has, sorted.
func measuresOf(an *analysis.Analysis) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, name := range analysis.Measures {
		seen[name] = true
		out = append(out, name)
	}
	var extra []string
	collect := func(c map[string]float64) {
		for k := range c {
			if !seen[k] {
				seen[k] = true
				extra = append(extra, k)
			}
		}
	}
	for _, a := range an.Actors {
		collect(a.Centrality)
	}
	for _, c := range an.Claims {
		collect(c.Centrality)
	}
	slices.Sort(extra)
	return append(out, extra...)
}

func (d *Document) scores(c map[string]float64) map[string]Score {
	out := make(map[string]Score, len(d.Measures))
	for _, name := range d.Measures {
		v, ok := c[name]
		if !ok {
			v = math.NaN()
		}
		out[name] = Score(v)
	}
	return out
}

func (d *Document) addNodes(m *graph.Model, an *analysis.Analysis) {
	d.Nodes = make([]Node, 0, len(m.Actors)+len(m.Claims))
	d.nodeIndex = make(map[string]int, len(m.Actors)+len(m.Claims))
	for i, a := range m.Actors {
		r, f := an.Actors[i], m.ActorFacts[i]
		d.nodeIndex[a.ID] = len(d.Nodes)
		d.Nodes = append(d.Nodes, Node{
			ID: a.ID, Kind: KindActor, Label: a.Name, Active: m.ActorActive(i), Statements: f.Statements,
			First: Date(f.First), Last: Date(f.Last),
			Centrality: d.scores(r.Centrality),
			ActorAttrs: &ActorAttrs{
				ActorType: a.Type, Role: a.Role, Affiliation: a.Affiliation, Side: r.Side,
				Aliases: nonNil(a.Aliases), Tags: nonNil(a.Tags), Coalition: r.Coalition,
			},
		})
	}
	for i, c := range m.Claims {
		r, f := an.Claims[i], m.ClaimFacts[i]
		d.nodeIndex[c.ID] = len(d.Nodes)
		d.Nodes = append(d.Nodes, Node{
			ID: c.ID, Kind: KindClaim, Label: c.Text, Active: m.ClaimActive(i), Statements: f.Statements,
			First: Date(f.First), Last: Date(f.Last),
			Centrality: d.scores(r.Centrality),
			ClaimAttrs: &ClaimAttrs{
				Text: c.Text, Topic: c.Topic, About: nonNil(c.About),
				Contested: r.Contested, Contestation: Score(r.Contestation),
				Supporters: nonNil(r.Supporters), Opposers: nonNil(r.Opposers),
			},
		})
	}
}

// Node returns the node with the given id.
func (d *Document) Node(id string) (*Node, bool) {
	if d.nodeIndex == nil { // a Document decoded from JSON
		for i := range d.Nodes {
			if d.Nodes[i].ID == id {
				return &d.Nodes[i], true
			}
		}
		return nil, false
	}
	i, ok := d.nodeIndex[id]
	if !ok {
		return nil, false
	}
	return &d.Nodes[i], true
}

// MarshalJSON returns d in the json export format, as WriteJSON writes
// it.
func MarshalJSON(d *Document) ([]byte, error) {
	var buf bytes.Buffer
	if err := WriteJSON(context.Background(), &buf, d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// nonNil returns s, or an empty slice for nil, so JSON shows [] not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

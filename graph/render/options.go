package render

import (
	"fmt"
	"math"
	"slices"

	"github.com/claimnet/claimnet/graph/analysis"
)

// View names, the values of Options.View.
const (
	// ViewActorClaim is the two-mode figure: actors, claims and the
	// support and oppose edges between them.
	ViewActorClaim = "actor-claim"
	// ViewActors is the one-mode actor network: congruence (agreement)
	// and conflict edges between actors, coloured by coalition or side.
	ViewActors = "actors"
	// ViewArguments is the claim layer: supports and attacks between
	// claims, each claim labelled with its supporters and opposers.
	ViewArguments = "arguments"
	// ViewEgo is one actor or claim and its neighbourhood in the two-mode
	// graph, with the relations among the actors shown.
	ViewEgo = "ego"
)

// Views lists the view names in the order help texts show them.
var Views = []string{ViewActorClaim, ViewActors, ViewArguments, ViewEgo}

// Colour schemes for actors, the values of Options.ColorBy.
const (
	// ColorBySide colours each actor by its affiliation root (Pakistan's
	// side, Afghanistan's side, ...), with mediators and other actors in
	// colours of their own; see Options.Sides.
	ColorBySide = "side"
	// ColorByCoalition colours each actor by its coalition in the
	// Analysis (communities of the congruence network).
	ColorByCoalition = "coalition"
	// ColorByType, ColorByRole and ColorByAffiliation colour each actor
	// by the value of that field of its annotation (affiliation: the
	// actor it is directly affiliated with), ColorByTag by its first tag:
	// the most common values get a colour each (at most six), the rest
	// share one, and actors without a value another.
	ColorByType        = "type"
	ColorByRole        = "role"
	ColorByTag         = "tag"
	ColorByAffiliation = "affiliation"
)

// ColorSchemes lists the ColorBy values.
var ColorSchemes = []string{ColorBySide, ColorByCoalition, ColorByType, ColorByRole, ColorByTag, ColorByAffiliation}

// Layout engines, the values of Options.Layout.
const (
	LayoutDot   = "dot"
	LayoutNeato = "neato"
	LayoutFdp   = "fdp"
	LayoutSfdp  = "sfdp"
	LayoutCirco = "circo"
)

// Layouts lists the layout engines a figure can be laid out with.
var Layouts = []string{LayoutDot, LayoutNeato, LayoutFdp, LayoutSfdp, LayoutCirco}

// DefaultWrap is the width, in characters, claim texts are wrapped at;
// NarrowWrap that width in a narrow figure (see Options.Layout).
const (
	DefaultWrap = 28
	NarrowWrap  = 20
)

// narrowWidth is the width, in points, under which a figure drawn at a
// given size is narrow (10 cm: a journal's column is 8.5): its stances
// are drawn left to right, and its claims wrapped at NarrowWrap.
const narrowWidth = 10 / 2.54 * 72

// narrow reports whether a figure drawn at width w points is narrow.
func narrow(w float64) bool { return w > 0 && w < narrowWidth }

// MediatorTag is the actor tag that makes an actor, and every actor whose
// affiliation root carries it, a mediator for ColorBySide.
const MediatorTag = "mediator"

// maxGroups is the number of sides or coalitions that get a colour of
// their own; the rest share the "other" fill.
const maxGroups = 6

// Options selects and styles a figure. The zero value is the default
// actor-claim figure of the whole model.
type Options struct {
	// View is one of Views; empty means ViewActorClaim.
	View string
	// Node is the actor or claim id at the centre of ViewEgo.
	Node string
	// Depth is the radius of ViewEgo in hops of the two-mode graph (an
	// actor's claims are 1 hop away, the other actors on them 2); 0 means 1.
	Depth int
	// Top keeps the Top most central nodes (by SizeBy, ties in model
	// order), chosen before layout; 0 keeps every node. In ViewEgo the
	// centre is always kept and the others compete.
	Top int
	// MinWeight hides edges of smaller weight: statements for stance
	// edges, the aggregate weight for actor–actor edges. 0 and 1 hide
	// nothing in the two-mode views.
	MinWeight float64
	// MaxEdges bounds the actor pairs ViewActors draws, whose network is
	// nearly complete on large data (400 generated actors made 11,404
	// pairs). When more pairs than MaxEdges reach MinWeight, the weight
	// threshold is raised to the weight of the MaxEdges-th heaviest pair
	// (pairs of exactly that weight are kept in actor order until
	// MaxEdges are drawn), the edges are drawn straight, and Figure.Note
	// says what was hidden. 0 means DefaultMaxEdges; a negative value
	// draws every pair.
	MaxEdges int
	// SizeBy is the centrality measure (one of analysis.Measures) node size
	// is drawn by; empty means analysis.Degree.
	SizeBy string
	// ColorBy is one of ColorSchemes; empty means ColorBySide, except in
	// ViewActors where it means ColorByCoalition. When an empty ColorBy
	// would colour by side and the model has no sides (no affiliation
	// root with two or more members) nor mediators, actors are coloured
	// by type if any has one, else by coalition, so that a dataset
	// without affiliations is not drawn all grey.
	ColorBy string
	// ShapeBy is empty (every actor an ellipse) or one of ShapeSchemes:
	// the actors' node shapes then tell apart the values of that
	// attribute most actors have, and the legend names each shape.
	ShapeBy string
	// Sides are the affiliation roots that get a colour of their own
	// under ColorBySide. Empty means every root, mediators aside, with at
	// least two affiliated actors, largest first (at most six).
	Sides []string
	// Layout is one of Layouts; empty means the view's default for the
	// figure's size (DefaultLayout): dot for arguments; for the other
	// views neato up to MaxNeatoNodes nodes and sfdp above. A narrow
	// actor-claim or ego figure (a Width under 10 cm) is laid out by dot,
	// left to right: the actors in one column, the claims in another,
	// where the force layouts spread the nodes wider than a column.
	Layout string
	// Theme is one of Themes; empty means ThemeDefault.
	Theme string
	// Title is drawn above the figure and Caption below it, wrapped.
	Title, Caption string
	// Wrap is the line width, in characters, of claim texts; 0 means
	// DefaultWrap (NarrowWrap in a figure under 10 cm wide) and a
	// negative value leaves them on one line.
	Wrap int
	// NoLegend leaves the legend out.
	NoLegend bool

	// Width and Height, in points, are the size the figure is drawn at
	// (FormatSVG, FormatPDF, FormatPNG): it is scaled, keeping its aspect,
	// to Width, to Height, or to fit both; 0 leaves it at its natural
	// size. ParseLength reads lengths such as "17cm"; Presets has the
	// usual sizes.
	Width, Height float64
	// MinFont is the smallest text, in points, the figure may have at that
	// size; Renderer.Render returns a *FitError rather than draw smaller
	// text. 0 means DefaultMinFont.
	MinFont float64
	// Positions are node positions from an earlier layout (see
	// Figure.Positions). The force layouts pin the figure's nodes that
	// have one there and place only the others, near their neighbours, so
	// an edit to the annotations moves only what changed. The dot layout
	// (the arguments view) ignores them.
	Positions Positions
	// DPI is the resolution of FormatPNG in pixels per inch of the
	// figure's size; 0 means DefaultDPI.
	DPI float64

	// numbers, when set, draws each actor as a small circle labelled
	// with its number here (by actor id) instead of its name: the panels
	// of small multiples sized for a page, whose key names the numbers.
	numbers map[string]int
	// placed, when set, keeps the default layout a force layout, for
	// the figures whose nodes claimnet places itself (Renderer.Diff).
	placed bool
}

// resolved is Options with the defaults filled in and checked.
type resolved struct {
	Options
	th *theme
	// colorByDefault is set when ColorBy was left empty.
	colorByDefault bool
}

func (o Options) resolve() (*resolved, error) {
	r := &resolved{Options: o}
	if r.View == "" {
		r.View = ViewActorClaim
	}
	if !slices.Contains(Views, r.View) {
		return nil, fmt.Errorf("view %q: want one of %v", r.View, Views)
	}
	if r.View == ViewEgo && r.Node == "" {
		return nil, fmt.Errorf("view ego: no node given; name an actor or claim id")
	}
	if r.View != ViewEgo && r.Node != "" {
		return nil, fmt.Errorf("view %s: a node is only for the ego view", r.View)
	}
	if r.Depth < 0 {
		return nil, fmt.Errorf("depth %d: want 1 or more", r.Depth)
	}
	if r.Depth == 0 {
		r.Depth = 1
	}
	if r.Top < 0 {
		return nil, fmt.Errorf("top %d: want 0 (all) or more", r.Top)
	}
	if !(r.MinWeight >= 0) || math.IsInf(r.MinWeight, 1) {
		return nil, fmt.Errorf("minimum weight %v: want a number, 0 or more", r.MinWeight)
	}
	if r.MaxEdges == 0 {
		r.MaxEdges = DefaultMaxEdges
	}
	if r.SizeBy == "" {
		r.SizeBy = analysis.Degree
	}
	if !slices.Contains(analysis.Measures, r.SizeBy) {
		return nil, fmt.Errorf("size by %q: want one of %v", r.SizeBy, analysis.Measures)
	}
	if r.ColorBy == "" {
		r.colorByDefault = true
		r.ColorBy = ColorBySide
		if r.View == ViewActors {
			r.ColorBy = ColorByCoalition
		}
	}
	if !slices.Contains(ColorSchemes, r.ColorBy) {
		return nil, fmt.Errorf("colour by %q: want one of %v", r.ColorBy, ColorSchemes)
	}
	if r.ShapeBy != "" && !slices.Contains(ShapeSchemes, r.ShapeBy) {
		return nil, fmt.Errorf("shape by %q: want one of %v", r.ShapeBy, ShapeSchemes)
	}
	if r.Layout == "" && r.View == ViewArguments {
		r.Layout = LayoutDot
	}
	// Else an empty Layout is chosen by the figure's size when it is built.
	if r.Layout != "" && !slices.Contains(Layouts, r.Layout) {
		return nil, fmt.Errorf("layout %q: want one of %v", r.Layout, Layouts)
	}
	th, err := themeByName(r.Theme)
	if err != nil {
		return nil, err
	}
	r.th = th
	r.Theme = th.name
	switch {
	case r.Wrap == 0 && narrow(r.Width):
		r.Wrap = NarrowWrap
	case r.Wrap == 0:
		r.Wrap = DefaultWrap
	}
	return r, nil
}

// MaxNeatoNodes is the most nodes a figure is laid out with neato when
// Options.Layout is empty; larger figures get sfdp. Neato's stress
// majorization takes time that grows with the square of the nodes and
// more (in-process on this project's 2-core machine: 0.5 s at 130 nodes,
// 2 s at 320, 46 s at 1,000), while sfdp's multilevel force layout grows
// about linearly (0.2 s, 0.3 s and 9 s). Up to this size neato takes
// under a second and gives the more even layout.
const MaxNeatoNodes = 120

// DefaultMaxEdges is the most actor pairs ViewActors draws when
// Options.MaxEdges is 0: beyond a few hundred edges an actor network is a
// hairball. A figure bounded so gets straight edges: routing 200 edges
// of so dense a network around its nodes took 2 to 4 s.
const DefaultMaxEdges = 200

// DefaultLayout returns the layout engine a figure of the view with the
// given number of nodes gets when Options.Layout is empty.
func DefaultLayout(view string, nodes int) string {
	switch {
	case view == ViewArguments:
		return LayoutDot
	case nodes > MaxNeatoNodes:
		return LayoutSfdp
	default:
		return LayoutNeato
	}
}

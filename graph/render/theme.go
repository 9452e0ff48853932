package render

import "fmt"

// Theme names, the values of Options.Theme.
const (
	// ThemeDefault is for screens: sans-serif text and colour-blind-safe
	// colours (Okabe and Ito's palette for edges, Paul Tol's light scheme
	// for node fills).
	ThemeDefault = "default"
	// ThemePrint is for a printed paper: serif text, black, white and
	// greys only, so that the figure reads the same on a greyscale
	// printer; every category that colour tells apart in the default
	// theme is also told apart by line style, arrowhead, border or shape.
	ThemePrint = "print"
)

// Themes lists the theme names in the order help texts show them.
var Themes = []string{ThemeDefault, ThemePrint}

// theme is the look of a figure: fonts, sizes and colours. Every value is
// a constant of the theme, so the same options give the same text.
type theme struct {
	name     string
	font     string  // Graphviz font name; its metrics size the labels
	boldFont string  // for headings
	fontSize float64 // node labels, points
	small    float64 // edge labels, counts, legend text
	title    float64 // figure title
	// slack is the share of a text's estimated width added as room on
	// its right: Graphviz measures text with Helvetica's or Times's
	// metrics, and viewers that lack those fonts substitute wider ones
	// (DejaVu Sans is about 10% wider than Helvetica, DejaVu Serif about
	// 20% wider than Times).
	slack float64

	ink     string // text and outlines
	muted   string // secondary text, relation edges
	bg      string
	support string // support edges and ▲ counts
	oppose  string // oppose edges and ▼ counts
	reverse string // reversal edges
	attack  string // attacks edges between claims
	agree   string // congruence edges between actors
	// claimFill and contestedFill fill claim boxes; contested claims also
	// get a double border, which survives greyscale.
	claimFill     string
	contestedFill string
	// groupFills are the fills of sides or coalitions, in order; otherFill
	// fills actors outside them and mediatorFill the mediators.
	groupFills   []string
	mediatorFill string
	otherFill    string
	// groupStyles are extra node styles that keep groups apart in
	// greyscale (print theme only): combined with the fill.
	groupPeripheries []int
}

func themeByName(name string) (*theme, error) {
	switch name {
	case "", ThemeDefault:
		return &theme{
			name: ThemeDefault, font: "Helvetica", boldFont: "Helvetica-Bold",
			fontSize: 11, small: 9, title: 18, slack: 0.12,
			ink: "#222222", muted: "#777777", bg: "white",
			support: "#0072B2", oppose: "#D55E00", reverse: "#AA3377",
			attack: "#D55E00", agree: "#0072B2",
			claimFill: "#FFFFFF", contestedFill: "#FFF3C4",
			// Tol's light scheme without its light blue and orange, which
			// read as the support and oppose edges, and without the
			// yellow that marks contested claims; sand from his muted one.
			groupFills:   []string{"#44BB99", "#FFAABB", "#BBCC33", "#DDCC77", "#AAAA00", "#CC99BB"},
			mediatorFill: "#99DDFF",
			otherFill:    "#DDDDDD",
		}, nil
	case ThemePrint:
		return &theme{
			name: ThemePrint, font: "Times-Roman", boldFont: "Times-Bold",
			fontSize: 11, small: 9, title: 16, slack: 0.24,
			ink: "black", muted: "#555555", bg: "white",
			support: "black", oppose: "#444444", reverse: "black",
			attack: "#444444", agree: "black",
			claimFill: "white", contestedFill: "#E8E8E8",
			groupFills:       []string{"#BDBDBD", "#FFFFFF", "#8C8C8C", "#E0E0E0", "#6E6E6E", "#F2F2F2"},
			groupPeripheries: []int{1, 2, 1, 2, 1, 2},
			mediatorFill:     "#FFFFFF",
			otherFill:        "#FFFFFF",
		}, nil
	}
	return nil, fmt.Errorf("theme %q: want one of %v", name, Themes)
}

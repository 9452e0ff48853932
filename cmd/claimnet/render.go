package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/render"
	"github.com/spf13/cobra"
)

func (a *app) renderCmd() *cobra.Command {
	var (
		o      render.Options
		w      graph.Window
		format string
		out    string
		force  bool
	)
	c := &cobra.Command{
		Use:   "render [VIEW [DATASET]] [flags]",
		Short: "Draw a figure: the actor–claim network, the actor network, the arguments or an ego network",
		Long: `render draws a figure of DATASET (default: the built-in dataset) as SVG, PNG
or DOT. VIEW (default actor-claim) is one of:

  actor-claim  actors and claims with support and oppose edges (default)
  actors       the actor network: agreement (congruence) and conflict edges,
               actors coloured by coalition
  arguments    the claim layer: supports and attacks between claims, each
               claim with its number of supporting (▲) and opposing (▼) actors
  ego          one actor or claim (--node ID) and its neighbourhood within
               --depth hops, with the relations among the actors

Support and oppose edges differ in colour, line style (solid, dashed) and
arrowhead (arrow, bar), so a figure reads in greyscale print too; edge width
grows with the number of statements. Contested claims have a double border.
Actors are sized by --size-by and coloured by --color-by: side (affiliation
root; mediators and others apart) or coalition. Every figure carries a legend.

--top N keeps the N most central nodes, chosen before the layout, so large
datasets stay readable and fast. The actors view draws at most --max-edges
actor pairs (default 200), the heaviest: on large data nearly every pair of
actors agrees or conflicts somewhere, and the note under the figure says
which weight was hidden. Figures of more than 120 nodes get straight edges
and, unless --layout says otherwise, the sfdp layout (neato's time grows with
the square of the nodes). Layout and drawing run in-process (Graphviz
compiled to WebAssembly); no Graphviz installation is needed. The output is
the same, byte for byte, for the same dataset and flags.

The first argument is always the view and the second the dataset, so a
dataset directory named like a view is never mistaken for one: to draw the
default view of a dataset, name the view first ("claimnet render actor-claim
path/to/dataset"); "claimnet render actors actors" draws the actors view of
the directory ./actors, and "claimnet render actors" the built-in dataset's
(with a note on standard error when ./actors exists).

--format dot writes the graph as it is handed to the layout engine;
--format positioned writes the finished figure with every position fixed,
which Graphviz's "neato -n2 -Tpdf" turns into a PDF of the same figure.`,
		Example: `  claimnet render -o stances.svg
  claimnet render actors --top 20 --min-weight 2 -o actors.svg
  claimnet render ego --node khawaja-asif --depth 2 --format png -o asif.png
  claimnet render arguments --theme print --title "Figure 2" -o args.svg`,
		Args: args(cobra.MaximumNArgs(2)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if len(argv) > 0 {
				if !slices.Contains(render.Views, argv[0]) {
					return unknownView(argv[0])
				}
				o.View, argv = argv[0], argv[1:]
				if len(argv) == 0 {
					if _, err := os.Stat(o.View); err == nil {
						fmt.Fprintf(a.stderr, "claimnet: note: %q is read as the view, of the built-in dataset; to draw the dataset in ./%s, give it second: claimnet render %s ./%s\n",
							o.View, o.View, render.ViewActorClaim, o.View)
					}
				}
			}
			if err := checkWindow(w); err != nil {
				return err
			}
			if format == "" {
				format = formatFromName(out)
			}
			if !slices.Contains(render.Formats, format) {
				return usagef("--format %q: want one of %s", format, strings.Join(render.Formats, ", "))
			}
			if o.View == render.ViewEgo && o.Node == "" {
				return usagef("render ego: --node ID is required")
			}
			if o.View != render.ViewEgo && o.Node != "" {
				return usagef("render: --node is only for the ego view")
			}
			if cmd.Flags().Changed("layout") && !slices.Contains(render.Layouts, o.Layout) {
				return usagef("--layout %q: want one of %s", o.Layout, strings.Join(render.Layouts, ", "))
			}
			if !slices.Contains(analysis.Measures, o.SizeBy) {
				return usagef("--size-by %q: want one of %s", o.SizeBy, strings.Join(analysis.Measures, ", "))
			}
			if !slices.Contains(render.ColorSchemes, o.ColorBy) && o.ColorBy != "" {
				return usagef("--color-by %q: want one of %s", o.ColorBy, strings.Join(render.ColorSchemes, ", "))
			}
			if !slices.Contains(render.Themes, o.Theme) {
				return usagef("--theme %q: want one of %s", o.Theme, strings.Join(render.Themes, ", "))
			}
			if o.Top < 0 || o.Depth < 0 || o.MinWeight < 0 {
				return usagef("--top, --depth and --min-weight must not be negative")
			}
			if math.IsNaN(o.MinWeight) || math.IsInf(o.MinWeight, 1) {
				return usagef("--min-weight %v: want a number, 0 or more", o.MinWeight)
			}
			if cmd.Flags().Changed("max-edges") && o.View != render.ViewActors {
				return usagef("render: --max-edges is only for the actors view")
			}
			if o.MaxEdges <= 0 {
				o.MaxEdges = -1 // every pair
			}
			if o.Wrap <= 0 {
				o.Wrap = -1
			}
			ctx := cmd.Context()
			m, an, err := a.compileAnalysed(ctx, argv, w)
			if err != nil {
				return err
			}
			fig, err := render.Build(ctx, m, an, o)
			if err != nil {
				return err
			}
			write := func(wr io.Writer) error {
				if format == render.FormatDOT {
					_, err := wr.Write(fig.DOT())
					return err
				}
				r, err := render.NewRenderer(ctx)
				if err != nil {
					return err
				}
				defer r.Close()
				return r.Render(ctx, fig, format, wr)
			}
			return a.output(out, force, write)
		},
	}
	f := c.Flags()
	f.StringVar(&o.Node, "node", "", "the actor or claim `ID` at the centre of the ego view")
	f.IntVar(&o.Depth, "depth", 1, "ego view: include nodes within `N` hops (claims of an actor are 1 hop, the other actors on them 2)")
	f.IntVar(&o.Top, "top", 0, "keep the `N` most central nodes (by --size-by), chosen before the layout; 0 keeps all")
	floatVar(c, &o.MinWeight, "min-weight", 0, "hide edges lighter than `W` (statements, or the actor-pair weight)", 0, math.MaxFloat64, false, "a finite number, 0 or more")
	f.IntVar(&o.MaxEdges, "max-edges", render.DefaultMaxEdges, "actors view: draw at most `N` actor pairs, the heaviest, raising --min-weight as needed; 0 draws all")
	f.StringVar(&o.SizeBy, "size-by", analysis.Degree, "size actors by this centrality `MEASURE`: "+strings.Join(analysis.Measures, ", "))
	f.StringVar(&o.ColorBy, "color-by", "", "colour actors by `SCHEME`: side or coalition (default: side; coalition for the actors view)")
	f.StringSliceVar(&o.Sides, "sides", nil, "with --color-by side: the affiliation root `IDS` that get a colour each (default: roots with 2+ members)")
	f.StringVar(&o.Layout, "layout", "", fmt.Sprintf("layout engine: dot, neato, fdp, sfdp or circo (default: dot for arguments; neato up to %d nodes, sfdp above)", render.MaxNeatoNodes))
	f.StringVar(&o.Theme, "theme", render.ThemeDefault, "default (colour, sans-serif) or print (greyscale, serif)")
	f.StringVar(&o.Title, "title", "", "draw `TEXT` as the figure's title")
	f.StringVar(&o.Caption, "caption", "", "draw `TEXT` as a caption under the figure")
	f.IntVar(&o.Wrap, "wrap", render.DefaultWrap, "wrap claim texts at `N` characters (0 or less: no wrapping)")
	f.BoolVar(&o.NoLegend, "no-legend", false, "leave the legend out")
	f.StringVar(&format, "format", "", "svg, png, dot or positioned (default: from the -o extension, else svg)")
	f.StringVarP(&out, "output", "o", "", "write to `FILE` (default or -: standard output)")
	f.BoolVar(&force, "force", false, "replace FILE if it exists")
	addWindowFlags(c, &w)
	return c
}

// unknownView is the usage error for a first argument that is not a view:
// it names the views, suggests the nearest, and, when the argument is an
// existing path, says how to draw that dataset.
func unknownView(arg string) error {
	msg := fmt.Sprintf("render: unknown view %q (views: %s)", arg, strings.Join(render.Views, ", "))
	if _, err := os.Stat(arg); err == nil {
		msg += "; the first argument is the view, the dataset comes second: claimnet render " + render.ViewActorClaim + " DATASET"
	} else if near, ok := annotations.Nearest(arg, render.Views); ok {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	return usageError{errors.New(msg)}
}

// formatFromName picks the format from an output file's extension.
func formatFromName(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".png":
		return render.FormatPNG
	case ".dot", ".gv":
		return render.FormatDOT
	}
	return render.FormatSVG
}

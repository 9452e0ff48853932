package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/render"
	"github.com/claimnet/claimnet/internal/atomicfile"
	"github.com/spf13/cobra"
)

func (a *app) renderCmd() *cobra.Command {
	var (
		o      render.Options
		w      graph.Window
		format string
		out    string
		force  bool
		sz     = &sizeArgs{}
		ta     timeArgs
	)
	c := &cobra.Command{
		Use:   "render [VIEW [DATASET]] [flags]",
		Short: "Draw a figure: the actor–claim network, the actor network, the arguments or an ego network",
		Long: `render draws a figure of DATASET (default: the built-in dataset) as SVG, PDF,
PNG or DOT; the format comes from -o's extension unless --format says. VIEW (default actor-claim) is one of:

  actor-claim  actors and claims with support and oppose edges (default)
  actors       the actor network: agreement (congruence) and conflict edges,
               actors coloured by coalition
  arguments    the claim layer: supports and attacks between claims, each
               claim with its number of supporting (▲) and opposing (▼) actors
  ego          one actor or claim (--node ID) and its neighbourhood within
               --depth hops, with the relations among the actors
  diff OLD NEW the change between two datasets: what NEW added and OLD had
               that NEW lacks, on NEW's layout (see claimnet diff)
  timeline     a line chart of one actor's or claim's measures (--node ID)
               over the time windows of --window and --step

actors --window SIZE [--step SPAN] draws small multiples: one panel per time
window (DNA's classic windows, as analyse --window places them), every actor
at the same place in every panel, laid out once on all the windows'
statements; --columns N sets the panels side by side. timeline --node ID
--window SIZE [--step SPAN] plots, per window, the node's supporting and
opposing statements, its share of support, and an actor's coalition or a
claim's contestation, with each switch of stance marked at its date.

Support and oppose edges differ in colour, line style (solid, dashed) and
arrowhead (arrow, bar), so a figure reads in greyscale print too; edge width
grows with the number of statements. Contested claims have a double border.
Actors are sized by --size-by and coloured by --color-by: side (affiliation
root; mediators and others apart), coalition, type, role, tag or affiliation.
--shape-by type (or role, tag, affiliation) gives the actors of the five
most common types a shape each (hexagon, octagon, parallelogram, house,
inverted house; the rest stay ellipses), named in the legend.
Every figure carries a legend, and a note saying what it shows and hides.

--width 17cm (or --size column|page|slide) draws the figure at that width;
a figure that would need text smaller than --min-font (7 pt) there is
refused with a suggestion for --top. --positions FILE keeps the layout
across edits: known nodes stay where FILE has them, new ones are placed
near their neighbours, and FILE is updated.

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
  claimnet render arguments --theme print --title "Figure 2" -o args.svg
  claimnet render --top 14 --size page --positions layout.json -o figure1.pdf
  claimnet render actors --window 5d --step 5d --min-weight 2 -o actors-over-time.pdf
  claimnet render timeline --node islamic-emirate --window 5d --step 5d -o emirate.png`,
		Args: args(cobra.MaximumNArgs(3)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			diffArgs, argv, err := splitRenderDiff(argv)
			if err != nil {
				return err
			}
			timeline := len(argv) > 0 && argv[0] == render.ViewTimeline
			if timeline {
				argv = argv[1:]
			} else if len(argv) > 0 {
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
			if cmd.Flags().Changed("format") && !slices.Contains(render.Formats, format) {
				return usagef("--format %q: want one of %s", format, strings.Join(render.Formats, ", "))
			}
			format, err := outputFormat("render", out, format, cmd.Flags().Changed("format"), render.FormatSVG, renderExts)
			if err != nil {
				return err
			}
			if err := sizeFlags(cmd, &o, sz); err != nil {
				return err
			}
			tw, err := ta.parse(cmd, timeline, o.View, diffArgs != nil)
			if err != nil {
				return err
			}
			if o.View == render.ViewEgo && o.Node == "" {
				return usagef("render ego: --node ID is required")
			}
			if !timeline && o.View != render.ViewEgo && o.Node != "" {
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
			if o.ShapeBy != "" && !slices.Contains(render.ShapeSchemes, o.ShapeBy) {
				return usagef("--shape-by %q: want one of %s", o.ShapeBy, strings.Join(render.ShapeSchemes, ", "))
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
			if cmd.Flags().Changed("max-edges") && (o.View != render.ViewActors || timeline) {
				return usagef("render: --max-edges is only for the actors view")
			}
			if o.MaxEdges <= 0 {
				o.MaxEdges = -1 // every pair
			}
			if cmd.Flags().Changed("wrap") && o.Wrap <= 0 {
				o.Wrap = -1
			}
			ctx := cmd.Context()
			if diffArgs != nil {
				return a.renderDiff(ctx, diffArgs, w, o, format, out, force)
			}
			if tw != nil {
				return a.renderOverTime(ctx, argv, w, o, *tw, timeline, format, out, force, sz.positions)
			}
			m, an, err := a.compileAnalysed(ctx, argv, w)
			if err != nil {
				return err
			}
			if sz.positions != "" {
				pos, err := readPositions(sz.positions)
				if err != nil {
					return err
				}
				o.Positions = pos
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
				r, err := a.newRenderer(ctx)
				if err != nil {
					return err
				}
				defer r.Close()
				return drawFigure(ctx, r, fig, format, wr, func(*render.FitError) string {
					top, err := r.LargestTop(ctx, m, an, o)
					switch {
					case err != nil:
						return "try --top with fewer nodes, or a larger --width or --size"
					case top == 0:
						return "no --top fits; try a larger --width or --size, or a smaller --min-font"
					}
					return fmt.Sprintf("--top %d fits; or try a larger --width or --size", top)
				})
			}
			if err := a.output(out, force, write); err != nil {
				return err
			}
			if sz.positions != "" && format != render.FormatDOT {
				return writePositions(a.ctx, sz.positions, o.Positions, fig.Positions())
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&o.Node, "node", "", "the actor or claim `ID` at the centre of the ego view")
	f.IntVar(&o.Depth, "depth", 1, "ego view: include nodes within `N` hops (claims of an actor are 1 hop, the other actors on them 2)")
	f.IntVar(&o.Top, "top", 0, "keep the `N` most central nodes (by --size-by), chosen before the layout; 0 keeps all")
	floatVar(c, &o.MinWeight, "min-weight", 0, "hide edges lighter than `W` (statements, or the actor-pair weight)", 0, math.MaxFloat64, false, "a finite number, 0 or more")
	f.IntVar(&o.MaxEdges, "max-edges", render.DefaultMaxEdges, "actors view: draw at most `N` actor pairs, the heaviest, raising --min-weight as needed; 0 draws all")
	f.StringVar(&o.SizeBy, "size-by", analysis.Degree, "size actors by this centrality `MEASURE`: "+strings.Join(analysis.Measures, ", "))
	f.StringVar(&o.ColorBy, "color-by", "", "colour actors by `SCHEME`: "+strings.Join(render.ColorSchemes, ", ")+" (default: side, or type when the data has no sides; coalition for the actors view)")
	f.StringVar(&o.ShapeBy, "shape-by", "", "give actors a node shape by `ATTRIBUTE`: "+strings.Join(render.ShapeSchemes, ", ")+" (default: every actor an ellipse)")
	f.StringSliceVar(&o.Sides, "sides", nil, "with --color-by side: the affiliation root `IDS` that get a colour each (default: roots with 2+ members)")
	f.StringVar(&o.Layout, "layout", "", fmt.Sprintf("layout engine: dot, neato, fdp, sfdp or circo (default: dot for arguments; neato up to %d nodes, sfdp above)", render.MaxNeatoNodes))
	f.StringVar(&o.Theme, "theme", render.ThemeDefault, "default (colour, sans-serif) or print (greyscale, serif)")
	f.StringVar(&o.Title, "title", "", "draw `TEXT` as the figure's title")
	f.StringVar(&o.Caption, "caption", "", "draw `TEXT` as a caption under the figure")
	f.IntVar(&o.Wrap, "wrap", 0, fmt.Sprintf("wrap claim texts at `N` characters (0 or less: no wrapping; default %d, %d in a figure under 10 cm wide)", render.DefaultWrap, render.NarrowWrap))
	f.BoolVar(&o.NoLegend, "no-legend", false, "leave the legend out")
	f.StringVar(&format, "format", "", "svg, pdf, png, dot or positioned (default: from the -o extension, else svg)")
	f.StringVar(&sz.width, "width", "", "draw the figure `LENGTH` wide (17cm, 6.5in, 480pt), keeping its aspect")
	f.StringVar(&sz.height, "height", "", "draw the figure at most `LENGTH` high")
	f.StringVar(&sz.size, "size", "", "a preset size: column (8.5 cm wide), page (17 cm), each at most 23 cm high, or slide (25 cm wide, text at least 12 pt)")
	floatVar(c, &o.MinFont, "min-font", 0, "with --width, --height or --size: refuse to draw text smaller than `PT` points (default 7)", 1, 1000, false, "a size in points, 1 to 1000")
	floatVar(c, &o.DPI, "dpi", render.DefaultDPI, "PNG resolution, in pixels per inch of the figure's size", 10, 2400, false, "a number from 10 to 2400")
	f.StringVar(&sz.positions, "positions", "", "read node positions from `FILE` (JSON: id → x, y) if it exists, and write the figure's positions to it, so a figure keeps its layout under edits")
	f.StringVarP(&out, "output", "o", "", "write to `FILE` (default or -: standard output)")
	f.BoolVar(&force, "force", false, "replace FILE if it exists")
	addWindowFlags(c, &w)
	ta.flags(c)
	return c
}

// drawFigure writes fig in format to w with r (its DOT text without r for
// FormatDOT); a figure too large for its size gets hint's advice.
func drawFigure(ctx context.Context, r *render.Renderer, fig *render.Figure, format string, w io.Writer, hint func(*render.FitError) string) error {
	if format == render.FormatDOT {
		_, err := w.Write(fig.DOT())
		return err
	}
	err := r.Render(ctx, fig, format, w)
	var fit *render.FitError
	if errors.As(err, &fit) {
		return fmt.Errorf("%w (%s)", err, hint(fit))
	}
	return err
}

// unknownView is the usage error for a first argument that is not a view:
// it names the views, suggests the nearest, and, when the argument is an
// existing path, says how to draw that dataset.
func unknownView(arg string) error {
	msg := fmt.Sprintf("render: unknown view %q (views: %s)", arg, strings.Join(render.Views, ", "))
	if _, err := os.Stat(arg); err == nil {
		msg += "; the first argument is the view, the dataset comes second: claimnet render " + render.ViewActorClaim + " DATASET"
	} else if near, ok := annotations.Nearest(arg, append(slices.Clone(render.Views), render.ViewTimeline, render.ViewDiff)); ok {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	return usageError{errors.New(msg)}
}

// renderExts are the file names render writes each format to.
var renderExts = map[string][]string{
	".svg": {render.FormatSVG},
	".pdf": {render.FormatPDF},
	".png": {render.FormatPNG},
	".dot": {render.FormatDOT, render.FormatPositioned},
	".gv":  {render.FormatDOT, render.FormatPositioned},
}

// sizeArgs are render's size and layout-file flags, as given.
type sizeArgs struct {
	width, height, size, positions string
}

// sizeFlags sets o's size from --width, --height, --size and --min-font.
func sizeFlags(cmd *cobra.Command, o *render.Options, sz *sizeArgs) error {
	if sz.size != "" {
		p, ok := render.Presets[sz.size]
		if !ok {
			return usagef("--size %q: want one of %s", sz.size, strings.Join(render.PresetNames, ", "))
		}
		if sz.width != "" {
			return usagef("--size and --width both set the width; give one")
		}
		o.Width, o.Height = p.Width, p.Height // --height, read below, may change the height
		if !cmd.Flags().Changed("min-font") {
			o.MinFont = p.MinFont
		}
	}
	for _, l := range []struct {
		flag, val string
		dst       *float64
	}{{"width", sz.width, &o.Width}, {"height", sz.height, &o.Height}} {
		if l.val == "" {
			continue
		}
		v, err := render.ParseLength(l.val)
		if err != nil {
			return usagef("--%s: %v", l.flag, err)
		}
		*l.dst = v
	}
	if cmd.Flags().Changed("min-font") && o.Width == 0 && o.Height == 0 {
		return usagef("--min-font is for a figure drawn at a given size: add --width, --height or --size")
	}
	return nil
}

// readPositions reads a --positions file; a file that does not exist yet
// gives no positions (the render then writes it).
func readPositions(path string) (render.Positions, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("--positions: %w", err)
	}
	defer f.Close()
	p, err := render.ReadPositions(f)
	if err != nil {
		return nil, fmt.Errorf("--positions %s: %w", path, err)
	}
	return p, nil
}

// writePositions writes the figure's node positions to the --positions
// file, replacing it: the file is the figure's layout, kept up to date.
// Positions of nodes the figure does not draw are kept, so one file
// serves several views.
func writePositions(ctx context.Context, path string, old, placed render.Positions) error {
	if placed == nil {
		return nil
	}
	all := make(render.Positions, len(old)+len(placed))
	for id, p := range old {
		all[id] = p
	}
	for id, p := range placed {
		all[id] = p
	}
	err := atomicfile.WriteFileContext(ctx, path, true, func(w io.Writer) error {
		_, err := all.WriteTo(w)
		return err
	})
	if err != nil {
		return fmt.Errorf("--positions: %w", err)
	}
	return nil
}

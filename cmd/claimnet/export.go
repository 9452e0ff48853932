package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/claimnet/claimnet/annotations/tabular"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/export"
	"github.com/claimnet/claimnet/graph/render"
	"github.com/claimnet/claimnet/internal/atomicfile"
	"github.com/spf13/cobra"
)

func (a *app) exportCmd() *cobra.Command {
	var (
		w            graph.Window
		format       string
		out          string
		perStatement bool
		force        bool
		sizeBy       string
		colorBy      string
	)
	c := &cobra.Command{
		Use:   "export [--format FORMAT] [-o PATH] [--per-statement] [--force] [DATASET]",
		Short: "Write the network as JSON, node-link JSON, GraphML, GEXF, CSV or DOT",
		Long: `export writes the network of DATASET (default: the built-in dataset) in one of
these formats (docs/graph-document.md describes each):

  json       the graph document: nodes, edges, statements, relations,
             sources and analysis results (what claimnet query reads)
  node-link  node-link JSON for networkx (node_link_graph) and d3
  graphml    GraphML with typed attributes, for networkx, igraph, Gephi
  gexf       GEXF 1.3 for Gephi: the figures' colours (--color-by), sizes by --size-by,
             and date intervals for the timeline
  csv        nodes.csv and edges.csv in the directory -o DIR, for Gephi's
             spreadsheet import and R's igraph::graph_from_data_frame
  dot        the plain structure with every attribute, for Graphviz readers
  statements the statement table: one CSV row per statement in the window
             with every attribute of its actor, claim and source (DNA's
             event list; claimnet import csv reads it back)

Edges are aggregated (one per actor, claim and stance; one per actor pair
and relation type) unless --per-statement, which writes one edge per
statement and per declared relation. Nodes are the actors and the claims;
the bipartite split is the boolean node attribute type (false for actors,
true for claims: igraph's convention) and is_actor (statnet's).

CSV text cells that begin with =, +, -, @, a tab or a carriage return get
a leading ' so that spreadsheets do not run them as formulas; numbers are
left alone. In GraphML, GEXF, DOT and CSV, characters XML 1.0 forbids
(NUL and other control characters, U+FFFE, U+FFFF, invalid UTF-8) are
written as U+FFFD. docs/graph-document.md has the details.

Without -o (or with -o -) the output goes to stdout. An existing file is
never replaced without --force.`,
		Example: `  claimnet export --format graphml -o istanbul.graphml
  claimnet export --format gexf --size-by betweenness -o istanbul.gexf
  claimnet export --format csv -o tables/
  claimnet export --format json --per-statement --from 2025-10-19 --to 2025-11-03`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if err := checkWindow(w); err != nil {
				return err
			}
			format, err := outputFormat("export", out, format, cmd.Flags().Changed("format"), export.FormatJSON, exportExts, export.FormatCSV)
			if err != nil {
				return err
			}
			if format == formatStatements {
				m, err := a.compileModel(cmd.Context(), argv, w)
				if err != nil {
					return err
				}
				return a.output(out, force, func(wr io.Writer) error {
					return tabular.WriteStatements(wr, m.Data, m.Statements)
				})
			}
			if !slices.Contains(export.Formats(), format) {
				return usagef("--format %q: want one of %s", format, strings.Join(export.Formats(), ", "))
			}
			if format == export.FormatCSV && (out == "" || out == "-") {
				return usagef("--format csv writes nodes.csv and edges.csv: give their directory with -o DIR")
			}
			if sizeBy != "" && !slices.Contains(analysis.Measures, sizeBy) {
				return usagef("--size-by %q: want one of %s", sizeBy, strings.Join(analysis.Measures, ", "))
			}
			m, an, err := a.compileAnalysed(cmd.Context(), argv, w)
			if err != nil {
				return err
			}
			// The figures' colours, so Gephi shows what the paper shows.
			colors, err := render.Colors(m, an, render.Options{ColorBy: colorBy})
			if err != nil {
				return usageError{err}
			}
			if err := cmd.Context().Err(); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			// Streamed: the records are made as they are written, not held.
			doc, err := export.Build(m, an, export.PerStatement(perStatement), export.Streamed())
			if err != nil {
				return err
			}
			if format == export.FormatCSV {
				return writeCSVTables(cmd.Context(), out, force, doc)
			}
			write := func(wr io.Writer) error {
				return export.Write(cmd.Context(), wr, doc, format, export.Style{SizeBy: sizeBy, Colors: colors, ColorBy: cmp.Or(colorBy, render.ColorBySide)})
			}
			return a.output(out, force, write)
		},
	}
	addWindowFlags(c, &w)
	c.Flags().StringVar(&format, "format", export.FormatJSON, "output `FORMAT`: "+strings.Join(export.Formats(), ", ")+", "+formatStatements+" (default: from the -o extension, else json)")
	c.Flags().StringVarP(&out, "output", "o", "", "write to `PATH` (a directory for csv; - for stdout)")
	c.Flags().BoolVar(&perStatement, "per-statement", false, "one edge per statement and declared relation instead of aggregated edges")
	c.Flags().BoolVar(&force, "force", false, "replace existing output files")
	c.Flags().StringVar(&colorBy, "color-by", "", "gexf: colour actors by `SCHEME` as the figures do: "+strings.Join(render.ColorSchemes, ", ")+" (default side)")
	c.Flags().StringVar(&sizeBy, "size-by", "", "gexf: size nodes by `MEASURE` ("+strings.Join(analysis.Measures, ", ")+"; default degree)")
	return c
}

// writeCSVTables writes dir/nodes.csv and dir/edges.csv, creating dir.
// It refuses before writing either when one of them cannot be written
// (exists without force, or is not a regular file).
func writeCSVTables(ctx context.Context, dir string, force bool, doc *export.Document) error {
	nodes, edges := filepath.Join(dir, "nodes.csv"), filepath.Join(dir, "edges.csv")
	for _, p := range []string{nodes, edges} {
		if err := atomicfile.Check(p, force); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(dir, 0o777); err != nil { // less the umask, as mkdir(1)
		return fmt.Errorf("export: %w", err)
	}
	var nodesCSV, edgesCSV strings.Builder
	if err := export.WriteCSV(ctx, &nodesCSV, &edgesCSV, doc); err != nil {
		return err
	}
	if err := atomicfile.WriteFileContext(ctx, nodes, force, func(w io.Writer) error {
		_, err := io.WriteString(w, nodesCSV.String())
		return err
	}); err != nil {
		return err
	}
	return atomicfile.WriteFileContext(ctx, edges, force, func(w io.Writer) error {
		_, err := io.WriteString(w, edgesCSV.String())
		return err
	})
}

// exportExts are the file names export writes each format to.
var exportExts = map[string][]string{
	".json":    {export.FormatJSON, export.FormatNodeLink},
	".graphml": {export.FormatGraphML},
	".gexf":    {export.FormatGEXF},
	".dot":     {export.FormatDOT},
	".gv":      {export.FormatDOT},
	".csv":     {formatStatements},
}

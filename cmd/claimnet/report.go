package main

import (
	"io"
	"path/filepath"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/report"
	"github.com/spf13/cobra"
)

func (a *app) reportCmd() *cobra.Command {
	var (
		o     report.Options
		w     graph.Window
		out   string
		force bool
	)
	c := &cobra.Command{
		Use:   "report [-o report.html] [--from DATE] [--to DATE] [--top N] [--title TEXT] [DATASET]",
		Short: "Write an interactive report: one self-contained HTML file to explore the network and its quotes",
		Long: `report writes one HTML file to explore DATASET (default: the built-in
dataset) in a browser: the actor–claim figure as render draws it, with pan
and zoom (mouse, touch and keyboard), a search by name, alias or id, the
neighbourhood of a node highlighted on hover, and the evidence of an actor,
claim or edge on click (each stance with its verbatim quote, the source's
title, outlet and date, and whether it is direct speech). A date range
filters the statements as --from and --to do, and the contested claims and
reversals follow it; filters by side, coalition, actor type, tag, topic and
contested claims narrow the figure. Sortable tables give the centralities,
contested claims, reversals and coalitions, each measure linked to its
definition.

The file is self-contained: its data, scripts, styles and fonts are inline
and it loads nothing, so it works from file:// with no server and can be
mailed. --from and --to bound the whole report (the centralities and
coalitions are computed on that window); --top N draws only the N most
central actors and claims in the figure, for large datasets, while the
search, evidence and tables still cover all of them. The output is the
same, byte for byte, for the same dataset and flags. Output goes to
standard output, or to -o FILE, which is not replaced without --force.`,
		Example: `  claimnet report -o report.html
  claimnet report --from 2025-11-01 --title "November" -o november.html path/to/dataset`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if err := checkWindow(w); err != nil {
				return err
			}
			if o.Top < 0 {
				return usagef("--top must not be negative")
			}
			if o.Title == "" {
				o.Title = "claimnet report: " + annotations.EmbeddedName
				if len(argv) > 0 {
					name := argv[0]
					if abs, err := filepath.Abs(name); err == nil {
						name = filepath.Base(abs)
					}
					o.Title = "claimnet report: " + name
				}
			}
			ctx := cmd.Context()
			m, an, err := a.compileAnalysed(ctx, argv, w)
			if err != nil {
				return err
			}
			return a.output(out, force, func(wr io.Writer) error {
				r, err := a.newRenderer(ctx)
				if err != nil {
					return err
				}
				defer r.Close()
				o.Renderer = r
				return report.Write(ctx, wr, m, an, o)
			})
		},
	}
	f := c.Flags()
	f.IntVar(&o.Top, "top", 0, "draw the `N` most central actors and claims in the figure; 0 draws all")
	f.StringVar(&o.Title, "title", "", "head the page with `TEXT` (default: claimnet report: and the dataset's directory name)")
	f.StringVarP(&out, "output", "o", "", "write to `FILE` (default or -: standard output)")
	f.BoolVar(&force, "force", false, "replace FILE if it exists")
	addWindowFlags(c, &w)
	return c
}

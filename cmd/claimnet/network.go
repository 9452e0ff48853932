package main

import (
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/dnanet"
	"github.com/spf13/cobra"
)

func (a *app) networkCmd() *cobra.Command {
	var (
		typ, format, out string
		force            bool
		opts             dnanet.NetworkOptions
		w                graph.Window
	)
	c := &cobra.Command{
		Use:   "network [--type onemode|twomode] [--mode actor|claim] [--aggregate A] [--normalize N] [--duplicates D] [--isolates] [--exclude-actor X]... [--exclude-claim X]... [--from DATE] [--to DATE] [--format csv|matrix|json] [-o FILE] [DATASET]",
		Short: "Compute a Discourse Network Analysis (DNA) network: one-mode or two-mode",
		Long: `network computes the networks Discourse Network Analysis (DNA, rDNA's
dna_network) computes, from the statements in the window.

--type onemode (the default) links two actors (or, with --mode claim, two
claims) by their statements on the same claims; --type twomode links each
actor to the claims it made statements on.

--aggregate (one-mode): congruence (default; same stance on the same claim),
  conflict (opposite stances), subtract (congruence − conflict) or ignore
  (stances ignored). Two-mode: ignore (default; statement count), subtract
  (support − oppose) or combine (1 support only, 2 oppose only, 3 both).
--normalize (one-mode): no (default), average, jaccard or cosine; two-mode:
  no, activity (by the actor's statements) or prominence (by the claim's).
--duplicates: include (default) counts every statement; document, week,
  month, year and acrossrange count identical statements (actor, claim and
  stance; the stance is ignored under --aggregate ignore) once per source,
  ISO week, calendar month, calendar year, or in the whole window.
--isolates keeps actors and claims without statements as nodes.
--exclude-actor and --exclude-claim leave out an actor or claim, by id or
  by name (claim text); repeat them for more.

docs/networks.md gives every formula.

--format csv (default) writes an edge list with the header
source,target,weight (node ids; a one-mode pair once, no zero weights);
--format matrix writes the full matrix as DNA and rDNA export it, labelled
by name (one-mode: symmetric, zero diagonal; two-mode: actors × claims);
--format json writes {"type", "nodes": [{"id", "name", "kind"}],
"edges": [{"source", "target", "weight"}]} with the options used. Output
goes to standard output, or to -o FILE, which is not replaced without
--force. A one-mode network is written while it is computed, so memory does
not grow with the number of pairs (the matrix takes about twice the CPU).`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if err := checkWindow(w); err != nil {
				return err
			}
			switch typ {
			case dnanet.NetworkOneMode:
			case dnanet.NetworkTwoMode:
				if cmd.Flags().Changed("mode") {
					return usagef("--mode is for one-mode networks")
				}
			default:
				return usagef("--type is onemode or twomode, not %q", typ)
			}
			if !slices.Contains(dnanet.NetworkFormats, format) {
				return usagef("--format is csv, matrix or json, not %q", format)
			}
			m, err := a.compileModel(cmd.Context(), argv, w)
			if err != nil {
				return err
			}
			// The network is written while it is computed; option errors
			// come before the first byte.
			err = a.output(out, force, func(wr io.Writer) error {
				return dnanet.WriteNetwork(cmd.Context(), wr, m, typ, format, opts)
			})
			if errors.Is(err, dnanet.ErrNetworkOption) {
				return usageError{err}
			}
			return err
		},
	}
	f := c.Flags()
	f.StringVar(&typ, "type", dnanet.NetworkOneMode, "network type: onemode or twomode")
	f.StringVar(&opts.Mode, "mode", dnanet.NodeActor, "one-mode node set: actor or claim")
	f.StringVar(&opts.Aggregate, "aggregate", "", "stance aggregation: "+strings.Join(dnanet.OneModeAggregates, ", ")+" (one-mode; default congruence); "+strings.Join(dnanet.TwoModeAggregates, ", ")+" (two-mode; default ignore)")
	f.StringVar(&opts.Normalize, "normalize", dnanet.NormalizeNo, "normalisation: "+strings.Join(dnanet.OneModeNormalizations, ", ")+" (one-mode); "+strings.Join(dnanet.TwoModeNormalizations, ", ")+" (two-mode)")
	f.StringVar(&opts.Duplicates, "duplicates", dnanet.DuplicatesInclude, "duplicate statements: "+strings.Join(dnanet.DuplicateRules, ", "))
	f.BoolVar(&opts.Isolates, "isolates", false, "include actors and claims without statements")
	f.StringArrayVar(&opts.ExcludeActors, "exclude-actor", nil, "leave out the actor with this `id or name` (repeatable)")
	f.StringArrayVar(&opts.ExcludeClaims, "exclude-claim", nil, "leave out the claim with this `id or text` (repeatable)")
	f.StringVar(&format, "format", "csv", "output format: csv (edge list), matrix or json")
	f.StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	f.BoolVar(&force, "force", false, "replace an existing output file")
	addWindowFlags(c, &w)
	return c
}

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/dnanet"
	"github.com/claimnet/claimnet/graph/polarization"
	"github.com/claimnet/claimnet/graph/series"
	"github.com/claimnet/claimnet/internal/termsafe"
	"github.com/spf13/cobra"
)

func (a *app) polarizationCmd() *cobra.Command {
	var (
		opts          polarization.Options
		net           dnanet.NetworkOptions
		asJSON, force bool
		out           string
		w             graph.Window
		sf            seriesFlags
	)
	c := &cobra.Command{
		Use:   "polarization [--algorithm greedy|genetic] [--normalize] [--clusters K] [--seed N] [--parents P] [--iterations I] [--elite E] [--mutation M] [--corrected] [--mode actor|claim] [--duplicates D] [--from DATE] [--to DATE] [--json] [-o FILE] [DATASET]",
		Short: "DNA's polarization score (rDNA's dna_polarization) of the actors",
		Long: `polarization computes the polarization of Discourse Network Analysis
(DNA 3.1, rDNA's dna_polarization): the actors (or, with --mode claim, the
claims) are split into --clusters groups of equal size (one more in the
first groups when it does not divide) so that congruence lies within the
groups and conflict between them, on the congruence and conflict networks
with average normalisation. The score is the absolute difference between
the observed weights and those expected when the groups did not matter;
--normalize divides it by the networks' total weight, giving a score
between 0 and 1. docs/networks.md defines it exactly.

--algorithm greedy (default) swaps pairs of actors between groups while
that raises the score; genetic breeds --parents partitions for up to
--iterations generations, keeping the --elite share and mutating the
--mutation share. Both draw from a generator seeded with --seed (default
1): the same seed gives the same result. rDNA's example (sample.dna,
--algorithm genetic --normalize) scores 0.5342493.

DNA's score grows with any departure from its expected weights, so it can
be highest for a split across two camps; --corrected maximises instead a
score that is high when congruence lies evenly within the groups and
conflict evenly between them (docs/networks.md).

Prints the score and the groups, or with --json {"score", "memberships",
"max_q", "avg_q", "spread_q", "converged", "algorithm", "clusters",
"normalized", "seed", "corrected", "nodes", "groups"}. Output goes to standard output,
or to -o FILE, which is not replaced without --force.

--window SIZE [--step SPAN] [--kernel K] [--no-indent] computes a score per
moving window, on the window's networks as network --window computes them
(window i seeded with --seed + i), and writes start,mid,end,polarization
lines, or with --json the list of results with their dates.`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if err := checkWindow(w); err != nil {
				return err
			}
			if sf.window != "" {
				return a.polarizationSeries(cmd, argv, w, sf, net, opts, asJSON, out, force)
			}
			for _, name := range []string{"step", "kernel", "no-indent"} {
				if cmd.Flags().Changed(name) {
					return usagef("--%s needs --window", name)
				}
			}
			m, err := a.compileModel(cmd.Context(), argv, w)
			if err != nil {
				return err
			}
			r, err := polarization.Compute(cmd.Context(), m, net, opts)
			if errors.Is(err, polarization.ErrInput) || errors.Is(err, dnanet.ErrNetworkOption) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			return a.output(out, force, func(wr io.Writer) error {
				if asJSON {
					enc := json.NewEncoder(wr)
					enc.SetIndent("", "  ")
					return enc.Encode(r)
				}
				return writePolarization(wr, m, r)
			})
		},
	}
	f := c.Flags()
	f.StringVar(&opts.Algorithm, "algorithm", polarization.Greedy, "optimiser: greedy or genetic")
	f.BoolVar(&opts.Normalize, "normalize", false, "divide the score by the networks' total weight (0 to 1)")
	f.IntVar(&opts.Clusters, "clusters", 2, "number of groups")
	f.Uint64Var(&opts.Seed, "seed", 1, "seed of the random generator")
	f.IntVar(&opts.Parents, "parents", 50, "genetic: partitions per generation")
	f.IntVar(&opts.Iterations, "iterations", 1000, "genetic: largest number of generations")
	floatVar(c, &opts.Elite, "elite", 0.1, "genetic: share of the best partitions kept", 0, 1, true, "a number above 0 and at most 1")
	floatVar(c, &opts.Mutation, "mutation", 0.1, "genetic: share of nodes swapped in each new partition", 0, 1, true, "a number above 0 and at most 1")
	f.BoolVar(&opts.Corrected, "corrected", false, "maximise the corrected score (camps score high) instead of DNA's")
	f.StringVar(&net.Mode, "mode", dnanet.NodeActor, "node set: actor or claim")
	f.StringVar(&net.Duplicates, "duplicates", dnanet.DuplicatesInclude, "duplicate statements (as network --duplicates)")
	f.BoolVar(&asJSON, "json", false, "write the result as JSON")
	f.StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	f.BoolVar(&force, "force", false, "replace an existing output file")
	addWindowFlags(c, &w)
	f.StringVar(&sf.window, "window", "", "a score per moving window of this `size` (30d, 2w, 6m, 1y), as network --window")
	f.StringVar(&sf.step, "step", "", "with --window: move the mid-point by this `span`")
	f.StringVar(&sf.kernel, "kernel", series.KernelNone, "with --window: "+strings.Join(series.Kernels, ", "))
	f.BoolVar(&sf.noIndent, "no-indent", false, "with a kernel: first and last mid-points on the first and last dates")
	return c
}

// polarizationSeries writes a polarization score per time window.
func (a *app) polarizationSeries(cmd *cobra.Command, argv []string, w graph.Window, sf seriesFlags, net dnanet.NetworkOptions, opts polarization.Options, asJSON bool, out string, force bool) error {
	so, _, err := sf.options(cmd, dnanet.NetworkOneMode, net)
	if err != nil {
		return err
	}
	so.Corrected = false // --corrected is the score's here
	m, err := a.compileModel(cmd.Context(), argv, w)
	if err != nil {
		return err
	}
	rs, err := polarization.Series(cmd.Context(), m, so, opts)
	if errors.Is(err, polarization.ErrInput) || errors.Is(err, series.ErrOption) || errors.Is(err, dnanet.ErrNetworkOption) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	return a.output(out, force, func(wr io.Writer) error {
		if asJSON {
			enc := json.NewEncoder(wr)
			enc.SetIndent("", "  ")
			return enc.Encode(rs)
		}
		ew := &errWriter{w: wr}
		fmt.Fprintln(ew, "start,mid,end,polarization")
		for _, r := range rs {
			fmt.Fprintf(ew, "%s,%s,%s,%.7g\n", r.Start, r.Mid, r.End, r.Score)
		}
		return ew.err
	})
}

func writePolarization(w io.Writer, m *graph.Model, r *polarization.ModelResult) error {
	ew := &errWriter{w: w}
	norm := "unnormalised"
	if r.Normalized {
		norm = "normalised"
	}
	fmt.Fprintf(ew, "polarization %.7g (%s, %s, %d groups, seed %d, %d steps", r.Score, norm, r.Algorithm, r.Clusters, r.Seed, len(r.MaxQ))
	if r.Algorithm == polarization.Genetic && !r.Converged {
		fmt.Fprint(ew, ", not converged")
	}
	fmt.Fprintln(ew, ")")
	for g, ids := range r.Groups {
		fmt.Fprintf(ew, "\ngroup %d\n", g+1)
		for _, id := range ids {
			name := id
			if i, ok := m.ActorIndex(id); ok {
				name = m.Actors[i].Name
			} else if i, ok := m.ClaimIndex(id); ok {
				name = m.Claims[i].Text
			}
			fmt.Fprintf(ew, "  %s\n", termsafe.String(name))
		}
	}
	return ew.err
}

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/agree"
	"github.com/claimnet/claimnet/internal/termsafe"
	"github.com/spf13/cobra"
)

func (a *app) agreeCmd() *cobra.Command {
	var (
		corpus, out   string
		sources       []string
		asJSON, force bool
		top           int
	)
	c := &cobra.Command{
		Use:   "agree [--corpus DIR] [--source ID]... [--json] [-o FILE] CODING_A CODING_B [CODING_C...]",
		Short: "Intercoder agreement: Krippendorff's alpha, percent agreement and Cohen's kappa between codings",
		Long: `agree compares the datasets of several coders who coded the same sources.

Unitising: within each source, statements are matched across coders by their
quotes: with --corpus DIR, by their character ranges in the source text
(DIR/<source file>), which must overlap; otherwise by the quote texts, one
containing the other or sharing at least 12 characters end to start. Among
overlapping statements, one by the same actor is preferred, then one on the
same claim, then the larger overlap. Each match is a unit; a statement no
other coder matched is a unit of one coder. Only sources that two or more
codings have statements in are compared (--source limits them further).

Agreement, for the claim, the stance and the actor of the units: Krippendorff's
alpha (nominal, from the coincidence matrix; units one coder has do not
count), the percent agreement of coder pairs, and Cohen's kappa when there
are two coders. The most confused claims are the pairs of claims that coders
chose for the same unit, most often first. docs/measures.md defines each.

The table lists, per source, every unit: = when the coders agree, the
variables that differ otherwise, and the statements only one coder has.
--json writes the whole report: {"coders", "spans", "sources": [{"source",
"units": [{"source", "coded": [{"actor", "claim", "stance", "quote", "span",
"at"} or null per coder]}], "matched", "single"}], "skipped", "agreement":
[{"variable", "alpha", "percent", "kappa", "units", "values"}], "confusions":
[{"a", "b", "count"}]}; an undefined measure is null.`,
		Example: `  claimnet agree --corpus ../shared/corpus annotations/istanbul-2025 coder-b/
  claimnet agree --json ann/alice ann/bob ann/chen`,
		Args: args(cobra.MinimumNArgs(2)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if top < 1 {
				return usagef("--top must be at least 1, not %d", top)
			}
			rep, _, err := a.compareCodings(cmd, corpus, sources, argv)
			if err != nil {
				return err
			}
			return a.output(out, force, func(w io.Writer) error {
				if asJSON {
					enc := json.NewEncoder(w)
					enc.SetIndent("", "  ")
					return enc.Encode(rep)
				}
				return writeAgreement(w, rep, top)
			})
		},
	}
	f := c.Flags()
	f.StringVar(&corpus, "corpus", "", "directory of the source texts: match quotes by their character ranges in them")
	f.StringSliceVar(&sources, "source", nil, "compare only the source with this `ID` (repeatable)")
	f.BoolVar(&asJSON, "json", false, "write the whole report as JSON")
	f.IntVar(&top, "top", 10, "most confused claim pairs to list")
	f.StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	f.BoolVar(&force, "force", false, "replace an existing output file")
	return c
}

// compareCodings loads the codings argv names and compares them, with
// the quotes placed in corpus when it is given.
func (a *app) compareCodings(cmd *cobra.Command, corpus string, sources, argv []string) (*agree.Report, []agree.Coding, error) {
	var opts []agree.Option
	if corpus != "" {
		if st, err := os.Stat(corpus); err != nil || !st.IsDir() {
			return nil, nil, usagef("--corpus %s: not a directory", corpus)
		}
		opts = append(opts, agree.WithCorpus(os.DirFS(corpus)))
	}
	if len(sources) > 0 {
		opts = append(opts, agree.WithSources(sources...))
	}
	ctx := cmd.Context()
	codings := make([]agree.Coding, len(argv))
	for i, p := range argv {
		d, err := a.loadDataset(ctx, []string{p})
		if err != nil {
			return nil, nil, err
		}
		codings[i] = agree.Coding{Coder: p, Data: d}
	}
	rep, err := agree.Compare(ctx, codings, opts...)
	return rep, codings, err
}

func (a *app) mergeCmd() *cobra.Command {
	var (
		corpus, out string
		sources     []string
		force       bool
	)
	c := &cobra.Command{
		Use:   "merge [--corpus DIR] [--source ID]... [-o FILE] CODING_A CODING_B [CODING_C...]",
		Short: "Combine several coders' codings into one dataset, marking their disagreements for review",
		Long: `merge matches the statements of the codings as agree does (see claimnet help
agree) and writes one annotation file with the actors and claims of all
codings, the compared sources with the first coding's relations on them, and
one statement per unit: where every coder chose the same actor, claim and
stance, the first coder's statement; otherwise the first coder's statement
with a note starting "` + agree.ReviewPrefix + `" that says what the other coders coded, or
that only one coder has it. Search the file for ` + agree.ReviewPrefix + ` to review them.`,
		Example: `  claimnet merge --corpus ../shared/corpus ann/alice ann/bob -o merged.yaml`,
		Args:    args(cobra.MinimumNArgs(2)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			rep, codings, err := a.compareCodings(cmd, corpus, sources, argv)
			if err != nil {
				return err
			}
			f, err := agree.Merge(rep, codings)
			if err != nil {
				return err
			}
			return a.output(out, force, func(w io.Writer) error { return annotations.Encode(w, f) })
		},
	}
	fl := c.Flags()
	fl.StringVar(&corpus, "corpus", "", "directory of the source texts: match quotes by their character ranges in them")
	fl.StringSliceVar(&sources, "source", nil, "merge only the source with this `ID` (repeatable)")
	fl.StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	fl.BoolVar(&force, "force", false, "replace an existing output file")
	return c
}

// coderLetter names coder i in tables: A, B, ..., Z, then C27, C28, ...
func coderLetter(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return "C" + strconv.Itoa(i+1)
}

// writeAgreement writes an agreement report as tables for people.
func writeAgreement(w io.Writer, rep *agree.Report, top int) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "Intercoder agreement of %d codings", len(rep.Coders))
	if rep.Spans == "corpus" {
		fmt.Fprintln(ew, " (quotes matched by their character ranges in the corpus)")
	} else {
		fmt.Fprintln(ew, " (quotes matched by their texts)")
	}
	for i, c := range rep.Coders {
		fmt.Fprintf(ew, "  %s  %s\n", coderLetter(i), termsafe.String(c))
	}
	fmt.Fprintf(ew, "Sources compared: %d", len(rep.Sources))
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(ew, "; left out, coded by one coder only: %d", len(rep.Skipped))
	}
	fmt.Fprintln(ew)

	if len(rep.Agreement) > 0 {
		fmt.Fprintf(ew, "\nAgreement over %d units coded by two or more coders (%d values)\n", rep.Agreement[0].Units, rep.Agreement[0].Values)
	}
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  variable\talpha\tpercent")
	if len(rep.Coders) == 2 {
		fmt.Fprintf(tw, "\tkappa")
	}
	fmt.Fprintln(tw)
	for _, ag := range rep.Agreement {
		fmt.Fprintf(tw, "  %s\t%s\t%s", ag.Variable, optional(ag.Alpha, 3), percent(ag.Percent))
		if len(rep.Coders) == 2 {
			fmt.Fprintf(tw, "\t%s", optional(ag.Kappa, 3))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()

	fmt.Fprintf(ew, "\nMost confused claims (coder pairs choosing each claim for one unit): %d\n", len(rep.Confusions))
	for _, c := range rep.Confusions[:min(top, len(rep.Confusions))] {
		fmt.Fprintf(ew, "  %3d  %s ↔ %s\n", c.Count, termsafe.String(c.A), termsafe.String(c.B))
	}
	more(ew, len(rep.Confusions), top)

	for _, su := range rep.Sources {
		fmt.Fprintf(ew, "\nSource %s: %d units matched, %d only one coder has\n", termsafe.String(su.Source), su.Matched, su.Single)
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		for _, u := range su.Units {
			writeUnit(tw, u)
		}
		tw.Flush()
	}
	if len(rep.Skipped) > 0 {
		fmt.Fprintln(ew, "\nLeft out (one coder only):")
		for _, s := range rep.Skipped {
			fmt.Fprintf(ew, "  %s (%s)\n", termsafe.String(s.Source), termsafe.String(s.Coder))
		}
	}
	return ew.err
}

// writeUnit writes one unit as a row: the coders who have it, = or what
// differs, the statement, the quote and the first coder's position.
func writeUnit(w io.Writer, u *agree.Unit) {
	var who []string
	var first *agree.Coded
	for i, c := range u.Coded {
		if c == nil {
			who = append(who, "-")
			continue
		}
		who = append(who, coderLetter(i))
		if first == nil {
			first = c
		}
	}
	status, what := "=", first.Actor+" "+first.Stance+" "+first.Claim
	if u.Coders() == 1 {
		status = "only " + strings.Trim(strings.Join(who, ""), "-")
	} else {
		var diffs []string
		for _, v := range agree.Variables {
			vals, differ := unitValues(u, v)
			if differ {
				diffs = append(diffs, v+": "+vals)
			}
		}
		if len(diffs) > 0 {
			status, what = "≠", strings.Join(diffs, "; ")
		}
	}
	fmt.Fprintf(w, "  [%s]\t%s\t%s\t%q\t%s\n", strings.Join(who, " "), status,
		termsafe.String(what), termsafe.String(clip(first.Quote, 48)), termsafe.String(first.At))
}

// unitValues lists each coder's value of variable v in u, "A x / B y",
// and reports whether they differ.
func unitValues(u *agree.Unit, v string) (string, bool) {
	var parts []string
	seen := map[string]bool{}
	for i, c := range u.Coded {
		if c == nil {
			continue
		}
		val := map[string]string{agree.VarClaim: c.Claim, agree.VarStance: c.Stance, agree.VarActor: c.Actor}[v]
		seen[val] = true
		parts = append(parts, coderLetter(i)+" "+val)
	}
	return strings.Join(parts, " / "), len(seen) > 1
}

// optional formats a measure that may be undefined.
func optional(v *float64, prec int) string {
	if v == nil {
		return "n/a"
	}
	return strconv.FormatFloat(*v, 'f', prec, 64)
}

func percent(v *float64) string {
	if v == nil {
		return "n/a"
	}
	return strconv.FormatFloat(100**v, 'f', 1, 64) + "%"
}

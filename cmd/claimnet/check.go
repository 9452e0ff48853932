package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/internal/termsafe"
	"github.com/spf13/cobra"
)

func (a *app) checkCmd() *cobra.Command {
	var corpus string
	c := &cobra.Command{
		Use:   "check [--corpus DIR] [DATASET]",
		Short: "Validate annotations and, with --corpus, verify every quote",
		Long: `check loads DATASET (default: the built-in dataset) and reports every problem
at once, as path:line:col: message, sorted: unknown keys, wrong types, bad
values, bad dates, dangling references (with "did you mean"), duplicate ids,
empty quotes. With --corpus DIR, every statement's quote must occur in its
source's text (DIR/<source file>), whitespace and typographic quotes and
dashes normalised.

Warnings (a symbolic link to a directory, which is not followed; a dataset
with no actors, claims or statements) are printed as path: warning: message
and leave the exit status at 0.

Exit status: 0 when the dataset is valid, 1 when it has problems, 2 for a
usage error.`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if corpus != "" {
				if st, err := os.Stat(corpus); err != nil || !st.IsDir() {
					return usagef("--corpus %s: not a directory", corpus)
				}
			}
			d, err := a.loadDataset(cmd.Context(), argv)
			if err != nil {
				return err
			}
			if corpus != "" {
				if err := annotations.CheckCorpusContext(cmd.Context(), d, os.DirFS(corpus)); err != nil {
					return a.reportProblems(err)
				}
			}
			s := d.Stats()
			verified := ""
			if corpus != "" {
				verified = fmt.Sprintf(", every quote found in %s", termsafe.String(corpus))
			}
			fmt.Fprintf(a.stdout, "ok: %s: %d actors, %d claims, %d sources, %d statements, %d relations%s\n",
				datasetName(argv), s.Actors, s.Claims, s.Sources, s.Statements, s.Relations, verified)
			return nil
		},
	}
	c.Flags().StringVar(&corpus, "corpus", "", "directory of the source texts, to verify every quote")
	return c
}

func (a *app) statsCmd() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "stats [--json] [DATASET]",
		Short: "Count the actors, claims, sources, statements and relations",
		Args:  args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			d, err := a.loadDataset(cmd.Context(), argv)
			if err != nil {
				return err
			}
			s := d.Stats()
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(s)
			}
			fmt.Fprintf(a.stdout, "actors      %6d\nclaims      %6d\nsources     %6d\nstatements  %6d\nrelations   %6d\n",
				s.Actors, s.Claims, s.Sources, s.Statements, s.Relations)
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the counts as JSON")
	return c
}

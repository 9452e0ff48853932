package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/annotations/tabular"
	"github.com/spf13/cobra"
)

func (a *app) importCSVCmd() *cobra.Command {
	var (
		out     string
		force   bool
		headers []string
	)
	c := &cobra.Command{
		Use:   "csv FILE.csv -o DIR [--header COLUMN=NAME]... [--force]",
		Short: "Import a statement table (CSV: actor, claim, stance, date, quote, source, ...)",
		Long: `csv reads a statement table, one row per statement, and writes it as a
claimnet dataset into DIR (actors.yaml, claims.yaml, sources/ID.yaml).

The header names the columns: actor (also organization, person), claim
(also concept), stance (also agreement, qualifier: support/oppose,
agree/disagree, 1/0, +1/-1, true/false, yes/no) are required; date,
quote, direct, note, source and the attribute columns actor_name,
actor_type, actor_role, actor_affiliation, actor_aliases, actor_tags,
claim_text, claim_topic, source_title, source_outlet, source_author,
source_published and source_file are optional (lists separated by "; ").
Other columns are left alone; --header actor=Organisation maps a column of
another name (repeat it for more). Without actor_name (claim_text,
source_title) the actor (claim, source) cell is the name and the id is
made from it. claimnet export --format statements writes this table.

A row without a quote gets the quote [no quote]: the dataset loads, and
claimnet check --corpus reports each such statement as lacking evidence.
Rows without a source belong to one source named after the file.

Every bad row is reported (FILE:LINE:COL: message) and nothing is written.
DIR must not exist or be empty unless --force is given.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if out == "" || out == "-" {
				return usagef("import writes a directory: give it with -o DIR")
			}
			opts := tabular.Options{Name: filepath.ToSlash(argv[0]), Headers: map[string]string{}}
			for _, h := range headers {
				col, name, ok := strings.Cut(h, "=")
				if !ok || col == "" || name == "" {
					return usagef("--header %q: want COLUMN=NAME, such as actor=Organisation", h)
				}
				opts.Headers[strings.ToLower(col)] = name
			}
			f, err := os.Open(argv[0])
			if err != nil {
				return err
			}
			defer f.Close()
			d, err := tabular.Read(f, opts)
			if errors.Is(err, tabular.ErrHeader) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			if err := gen.WriteDataset(cmd.Context(), d, out, force, "Imported from "+filepath.Base(argv[0])); err != nil {
				return err
			}
			noQuote := 0
			for _, s := range d.Statements {
				if s.Quote == annotations.NoQuote {
					noQuote++
				}
			}
			st := d.Stats()
			fmt.Fprintf(a.stdout, "imported %s into %s: %d actors, %d claims, %d sources, %d statements (%d without a quote)\n",
				argv[0], out, st.Actors, st.Claims, st.Sources, st.Statements, noQuote)
			return nil
		},
	}
	f := c.Flags()
	f.StringVarP(&out, "output", "o", "", "write the dataset into `DIR`")
	f.BoolVar(&force, "force", false, "replace a non-empty DIR")
	f.StringArrayVar(&headers, "header", nil, "map a column to the table's header: `COLUMN=NAME` (repeatable)")
	return c
}

// formatStatements is export's statement-table format (tabular).
const formatStatements = "statements"

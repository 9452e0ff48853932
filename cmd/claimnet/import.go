package main

import (
	"fmt"
	"path/filepath"

	"github.com/claimnet/claimnet/annotations/dna"
	"github.com/spf13/cobra"
)

func (a *app) importCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "import FORMAT FILE -o DIR",
		Short: "Import annotations from another tool (dna: Discourse Network Analyzer)",
		Long: `import converts another tool's annotations into a claimnet dataset.

  claimnet import dna FILE.dna -o DIR     a DNA 3 database
  claimnet import csv FILE.csv -o DIR     a statement table`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, argv []string) error {
			return usagef("name the format to import: claimnet import dna FILE.dna -o DIR, or claimnet import csv FILE.csv -o DIR")
		},
	}
	c.AddCommand(a.importDNACmd(), a.importCSVCmd())
	return c
}

func (a *app) importDNACmd() *cobra.Command {
	var (
		out   string
		force bool
		opts  dna.Options
	)
	c := &cobra.Command{
		Use:   "dna FILE.dna -o DIR [--actor organization|person] [--claim VAR] [--qualifier VAR] [--statement-type LABEL] [--force]",
		Short: "Import a Discourse Network Analyzer (DNA 3) database",
		Long: `dna reads a DNA 3 database (an SQLite .dna file, opened read-only) and writes
it as a claimnet dataset into DIR:

  actors.yaml        the values of the actor variable (--actor, default
                     organization; person for persons), by name, with
                     their Alias and Type attributes as aliases and tags
  claims.yaml        the values of the claim variable (--claim, default
                     concept)
  sources/N-ID.yaml  each document as a source (title, author, outlet
                     from DNA's source field, date) with its statements:
                     actor, claim, stance from the qualifier (--qualifier,
                     default agreement: 1 support, 0 oppose), the
                     statement's text span as the quote, the document's date
  corpus/ID.txt      each document's text

Statements without an actor, claim or stance, or spanning no text, are
skipped and counted. Text that is not valid UTF-8 (in names, titles or
document texts) has each bad byte replaced by U+FFFD, with a warning
naming the row. A document date outside the years 1 to 9999 is an error
naming the document. A --claim, --actor, --qualifier or --statement-type
that the database does not have is an error that lists the names it has. Afterwards claimnet check --corpus DIR/corpus DIR
verifies every quote.

DIR must not exist or be empty unless --force is given, which replaces
files of the same names. The dataset is written whole or not at all: it is
prepared in a directory beside DIR, which then takes DIR's place.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if out == "" || out == "-" {
				return usagef("import writes a directory: give it with -o DIR")
			}
			r, err := dna.ReadFile(cmd.Context(), argv[0], opts)
			if err != nil {
				return err
			}
			for _, w := range r.Warnings {
				fmt.Fprintf(a.stderr, "warning: %s: %s\n", argv[0], w)
			}
			if err := r.Write(out, force); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "imported %s into %s: %s\ncheck the quotes with: claimnet check --corpus %s %s\n",
				argv[0], out, r.Summary(), filepath.Join(out, dna.CorpusDir), out)
			return nil
		},
	}
	f := c.Flags()
	f.StringVarP(&out, "output", "o", "", "write the dataset into `DIR`")
	f.BoolVar(&force, "force", false, "write into a non-empty DIR, replacing files of the same names")
	f.StringVar(&opts.Actor, "actor", "organization", "the DNA `variable` whose values are the actors: organization or person")
	f.StringVar(&opts.Claim, "claim", "concept", "the DNA `variable` whose values are the claims")
	f.StringVar(&opts.Qualifier, "qualifier", "agreement", "the DNA boolean or integer `variable` giving the stance")
	f.StringVar(&opts.StatementType, "statement-type", "", "the `label` of the statement type to import (default: the one with the variables)")
	return c
}

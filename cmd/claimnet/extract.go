package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/extract"
	"github.com/spf13/cobra"
)

func (a *app) extractCmd() *cobra.Command {
	var actors, out, corpus string
	var asJSON, force, eval bool
	c := &cobra.Command{
		Use:   "extract [--actors DATASET] [--json] [-o PATH] [--force] FILE...",
		Short: "Draft statements from raw news text for review",
		Long: `extract reads plain-text (UTF-8) news and opinion documents and proposes
statements: direct quotations with their speakers, reported speech ("X
insisted that …") with a stance from the verb, and quoted labels (terms).
Repeated boilerplate is skipped. FILE - reads stdin.

With --actors, speakers are matched to the dataset's actors (names, aliases,
roles); others are proposed as new actors. Without --json, the output is a
draft annotation file per FILE with placeholder todo claims, valid for
'claimnet check' and meant for review; several FILEs need -o DIR, which gets
one SOURCE-ID.yaml each. With --json, all documents go into one JSON object
with the byte offsets of every quote.

--eval measures the extractor instead: it extracts every source of the
dataset (--actors, default the built-in one) found in --corpus DIR and
prints precision and recall of direct quotations and their speakers.

Existing files are not replaced without --force. A progress bar is drawn on
stderr when it is a terminal.`,
		RunE: func(cmd *cobra.Command, argv []string) error {
			ctx := cmd.Context()
			var gold *annotations.Dataset
			var err error
			switch {
			case actors != "":
				gold, err = annotations.LoadDir(actors)
			case eval:
				gold, err = annotations.LoadEmbedded()
			}
			if err != nil {
				return a.reportProblems(err)
			}
			var opts []extract.Option
			if gold != nil {
				opts = append(opts, extract.WithActors(gold.Actors))
			}
			if eval {
				if corpus == "" || len(argv) > 0 {
					return usagef("--eval takes no FILE and needs --corpus DIR")
				}
				rep, err := extract.Evaluate(ctx, os.DirFS(corpus), gold, extract.New(opts...))
				if err != nil {
					return err
				}
				return rep.WriteText(a.stdout)
			}
			if len(argv) == 0 {
				return usagef("give one or more FILEs to extract from (- for stdin)")
			}
			if isTerminal(a.stderr) {
				opts = append(opts, extract.WithProgress(extract.ProgressBar(a.stderr)))
			}
			e := extract.New(opts...)
			inputs := extract.FileInputs(argv, a.stdin)
			toStdout := out == "" || out == "-"
			if asJSON {
				write := func(w io.Writer) error {
					jw := extract.NewJSONWriter(w)
					if err := e.ExtractAll(ctx, inputs, jw.Write); err != nil {
						return err
					}
					return jw.Close()
				}
				return a.output(out, force, write)
			}
			if len(argv) > 1 && toStdout {
				return usagef("several FILEs give several drafts: name their directory with -o DIR")
			}
			if len(argv) > 1 {
				if err := os.MkdirAll(out, 0o755); err != nil {
					return fmt.Errorf("extract: %w", err)
				}
			}
			var drafter extract.Drafter // declares each proposed actor once across the drafts
			return e.ExtractAll(ctx, inputs, func(d *extract.Document) error {
				draft := drafter.Draft(d)
				write := func(w io.Writer) error { return annotations.Encode(w, draft) }
				if len(argv) == 1 {
					return a.output(out, force, write)
				}
				return a.output(filepath.Join(out, extract.SourceID(d.File)+".yaml"), force, write)
			})
		},
	}
	f := c.Flags()
	f.StringVar(&actors, "actors", "", "match speakers to the actors of `DATASET`")
	f.BoolVar(&asJSON, "json", false, "write all documents as one JSON object instead of draft annotation files")
	f.StringVarP(&out, "output", "o", "", "write to `PATH` (a directory for several drafts; - for stdout)")
	f.BoolVar(&force, "force", false, "replace existing output files")
	f.BoolVar(&eval, "eval", false, "evaluate the extractor against the dataset's quotations instead")
	f.StringVar(&corpus, "corpus", "", "with --eval: the `DIR` of the dataset's source texts")
	return c
}

// isTerminal reports whether w is a terminal (a character device), where
// a progress bar may be drawn.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/extract"
	"github.com/spf13/cobra"
)

func (a *app) extractCmd() *cobra.Command {
	var actors, out, corpus, published string
	var asJSON, force, eval bool
	c := &cobra.Command{
		Use:   "extract [--actors DATASET] [--published DATE] [--json] [-o PATH] [--force] FILE...",
		Short: "Draft statements from raw news text for review",
		Long: `extract reads plain-text news and opinion documents and proposes
statements: direct quotations with their speakers, reported speech ("X
insisted that …") with a stance from the verb, and quoted labels (terms).
Repeated boilerplate is skipped. FILE - reads stdin.

The text must be UTF-8: a byte that is not stops extract with an error at
FILE:LINE:COL naming the byte, since a quote with a replacement character
would not be verbatim and such a byte usually means the file is in another
encoding (convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8). A FILE is at
most 64 MiB.

With --actors, speakers are matched to the dataset's actors (names, aliases,
roles); others are proposed as new actors. Each statement is also linked to
the dataset's closest claim (BM25 over claim texts, topics, the actors a
claim is about and the quotes coded for it, scoring the quote and its
reporting clause; the draft note gives the score and the three best
candidates) or, when no claim is close enough and none clearly ahead of the
runner-up, to a new claim. Stances come from the text (denials, rejections, negations), with
the cue in the note. Dates such as "on Sunday" or "November 2" are resolved
against --published DATE (YYYY-MM-DD), or else a dated dateline. Without --json, the output is a
draft annotation file per FILE with placeholder todo claims, valid for
'claimnet check' and meant for review; several FILEs need -o DIR, which gets
one SOURCE-ID.yaml each. The SOURCE-ID is the file's base name without
extension in kebab case, so two FILEs such as a/x.txt and b/x.txt (or
x.txt and x.md) would give one draft: that is a usage error naming both,
reported before anything is written; rename one or extract them into
different directories. With --json, all documents go into one JSON object
with the byte offsets of every quote.

--eval measures the extractor instead: it extracts every source of the
dataset (--actors, default the built-in one) found in --corpus DIR and
prints precision and recall of direct quotations and their speakers,
and how many of the statements the dataset codes are linked to their claim
when each source's own statements are left out of the dataset.

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
			if published != "" {
				d, err := annotations.ParseDate(published)
				if err != nil {
					return usagef("--published: %v", err)
				}
				opts = append(opts, extract.WithPublished(d))
			}
			if gold != nil {
				opts = append(opts, extract.WithActors(gold.Actors), extract.WithClaims(gold))
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
			ids, err := extract.SourceIDs(argv)
			var collision *extract.CollisionError
			if errors.As(err, &collision) {
				return usagef("extract: %v", err)
			} else if err != nil {
				return fmt.Errorf("extract: %w", err)
			}
			targets := []string{out}
			if len(argv) > 1 {
				targets = make([]string, len(ids))
				for i, id := range ids {
					targets[i] = filepath.Join(out, id+".yaml")
				}
				if !force {
					// Refuse before anything is written, not halfway through.
					for _, t := range targets {
						if _, err := os.Lstat(t); err == nil {
							return fmt.Errorf("extract: %s exists; pass --force to replace it", t)
						}
					}
				}
				if err := os.MkdirAll(out, 0o777); err != nil {
					return fmt.Errorf("extract: %w", err)
				}
			}
			// The drafter declares each proposed actor once across the
			// drafts, and copies in the dataset's actors and claims they use.
			drafter := extract.Drafter{Dataset: gold}
			i := 0
			return e.ExtractAll(ctx, inputs, func(d *extract.Document) error {
				draft := drafter.DraftAs(d, ids[i])
				target := targets[min(i, len(targets)-1)]
				i++
				return a.output(target, force, func(w io.Writer) error { return extract.EncodeDraft(w, draft) })
			})
		},
	}
	f := c.Flags()
	f.StringVar(&actors, "actors", "", "match speakers to the actors of `DATASET`")
	f.StringVar(&published, "published", "", "resolve relative dates against `DATE` (YYYY-MM-DD)")
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

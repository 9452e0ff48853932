package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/gitrev"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/diff"
	"github.com/claimnet/claimnet/graph/render"
	"github.com/claimnet/claimnet/internal/termsafe"
	"github.com/spf13/cobra"
)

// diffFlags are the flags diff and render diff share: which two versions
// and how the network's moves are measured.
type diffFlags struct {
	git       bool
	path      string
	measure   string
	threshold int
}

func (df *diffFlags) add(c *cobra.Command) {
	f := c.Flags()
	f.BoolVar(&df.git, "git", false, "read OLD and NEW as git revisions REV1 [REV2] of the dataset in --path (without REV2: the working tree)")
	f.StringVar(&df.path, "path", ".", "with --git: the dataset's `DIR` in the repository")
	f.StringVar(&df.measure, "measure", analysis.PageRank, "rank actors and claims by this centrality `MEASURE`: "+strings.Join(analysis.Measures, ", "))
	f.IntVar(&df.threshold, "rank-threshold", diff.DefaultRankThreshold, "list rank changes of `N` places or more")
}

// check checks the flags and the number of arguments.
func (df *diffFlags) check(argv []string) error {
	if !slices.Contains(analysis.Measures, df.measure) {
		return usagef("--measure %q: want one of %s", df.measure, strings.Join(analysis.Measures, ", "))
	}
	if df.threshold < 1 {
		return usagef("--rank-threshold must be at least 1, not %d", df.threshold)
	}
	switch {
	case df.git && (len(argv) < 1 || len(argv) > 2):
		return usagef("diff --git takes one or two revisions: REV1 [REV2]")
	case !df.git && len(argv) != 2:
		return usagef("diff takes two datasets, OLD and NEW (or --git REV1 [REV2])")
	case !df.git && df.path != ".":
		return usagef("--path is only for --git")
	}
	return nil
}

// compare loads the two versions argv names and compares them; it
// returns their names for the report.
func (a *app) compareVersions(cmd *cobra.Command, df *diffFlags, argv []string) (*diff.Diff, [2]string, error) {
	ctx := cmd.Context()
	var data [2]*annotations.Dataset
	var names [2]string
	for i := range 2 {
		var err error
		switch {
		case !df.git:
			names[i] = argv[i]
			data[i], err = a.loadDataset(ctx, argv[i:i+1])
		case i < len(argv):
			names[i] = argv[i] + ":" + df.path
			data[i], err = gitrev.Load(ctx, df.path, argv[i])
			err = a.reportProblems(err)
		default:
			names[i] = df.path + " (working tree)"
			data[i], err = a.loadDataset(ctx, []string{df.path})
		}
		if err != nil {
			return nil, names, err
		}
	}
	d, err := diff.Compare(ctx, data[0], data[1], diff.WithMeasure(df.measure), diff.WithRankThreshold(df.threshold))
	return d, names, err
}

func (a *app) diffCmd() *cobra.Command {
	var (
		df                      diffFlags
		asJSON, markdown, force bool
		out                     string
	)
	c := &cobra.Command{
		Use:   "diff [--json | --markdown] [-o FILE] OLD NEW | diff --git [--path DIR] REV1 [REV2]",
		Short: "What changed between two versions of a dataset, and how its network moved",
		Long: `diff compares two versions of a dataset: two dataset directories OLD and NEW,
or, with --git, the dataset in --path (default: the current directory) at git
revisions REV1 and REV2 of its repository (without REV2: as it is in the
working tree). It reports

- the actors, claims and sources added, removed and changed (by id, with
  the fields that changed);
- the statements added, removed and changed: a statement is identified by
  its source, actor, claim and quote, so a new stance is a change of the
  statement; likewise the relations (source, type, ends and quote);
- how the network moved: actors and claims whose rank by --measure moved
  by --rank-threshold places or more, actors whose coalition changed (each
  new coalition matched to the old one it shares most actors with), claims
  that became or stopped being contested, new and ended reversals, and the
  change in modularity and polarization.

--markdown writes a summary for a pull-request description; --json the
whole report: {"data": {"actors", "claims", "sources": {"added", "removed",
"changed": [{"id", "fields": [{"name", "old", "new"}]}]}, "statements",
"relations": {"added", "removed", "changed": [{"old", "new", "fields"}]}},
"network": {"measure", "threshold", "ranks", "old_coalitions",
"new_coalitions", "coalition_moves", "became_contested", "stopped_contested",
"new_reversals", "ended_reversals", "modularity", "polarization"}}.
"claimnet render diff" draws the change. docs/measures.md defines it all.`,
		Example: `  claimnet diff old-dataset/ new-dataset/
  claimnet diff --git --path annotations/istanbul-2025 HEAD~1 HEAD
  claimnet diff --git --markdown main   # the working tree against main`,
		Args: args(cobra.MaximumNArgs(2)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if err := df.check(argv); err != nil {
				return err
			}
			if asJSON && markdown {
				return usagef("--json and --markdown: give one")
			}
			d, names, err := a.compareVersions(cmd, &df, argv)
			if err != nil {
				return err
			}
			return a.output(out, force, func(w io.Writer) error {
				switch {
				case asJSON:
					enc := json.NewEncoder(w)
					enc.SetIndent("", "  ")
					return enc.Encode(d)
				case markdown:
					return writeDiff(w, d, names, markdownStyle{})
				}
				return writeDiff(w, d, names, textStyle{})
			})
		},
	}
	df.add(c)
	f := c.Flags()
	f.BoolVar(&asJSON, "json", false, "write the whole report as JSON")
	f.BoolVar(&markdown, "markdown", false, "write a Markdown summary (for a pull-request description)")
	f.StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	f.BoolVar(&force, "force", false, "replace an existing output file")
	return c
}

// diffStyle is how writeDiff marks up headings, list items, identifiers
// and text from the data: plain text for a terminal, or Markdown.
type diffStyle interface {
	heading(title string) string
	item(mark, text string) string
	id(s string) string
	text(s string) string
}

type textStyle struct{}

func (textStyle) heading(t string) string       { return "\n" + t + "\n" }
func (textStyle) item(mark, text string) string { return "  " + mark + " " + text + "\n" }
func (textStyle) id(s string) string            { return termsafe.String(s) }
func (textStyle) text(s string) string          { return strconv.Quote(termsafe.String(s)) }

type markdownStyle struct{}

func (markdownStyle) heading(t string) string { return "\n### " + t + "\n\n" }
func (markdownStyle) item(mark, text string) string {
	if sign, ok := map[string]string{"+": "➕", "-": "➖", "~": "✏️"}[mark]; ok {
		return "- " + sign + " " + text + "\n"
	}
	return "- " + text + "\n"
}
func (markdownStyle) id(s string) string {
	return "`" + strings.ReplaceAll(termsafe.String(s), "`", "'") + "`"
}

// text escapes s for Markdown: the characters that would start markup
// are backslash-escaped and line breaks become spaces.
func (markdownStyle) text(s string) string {
	var b strings.Builder
	b.WriteString("“")
	for _, r := range termsafe.String(s) {
		if strings.ContainsRune("\\`*_[]<>|~", r) {
			b.WriteByte('\\')
		}
		if r == '\n' || r == '\r' {
			r = ' '
		}
		b.WriteRune(r)
	}
	b.WriteString("”")
	return b.String()
}

// writeDiff writes a diff for people in style st.
func writeDiff(w io.Writer, d *diff.Diff, names [2]string, st diffStyle) error {
	ew := &errWriter{w: w}
	if _, md := st.(markdownStyle); md {
		fmt.Fprintf(ew, "## claimnet diff: %s → %s\n", st.id(names[0]), st.id(names[1]))
	} else {
		fmt.Fprintf(ew, "claimnet diff: %s → %s\n", termsafe.String(names[0]), termsafe.String(names[1]))
	}
	c := d.Data
	if c.Empty() {
		fmt.Fprintln(ew, "\nThe annotations are the same.")
	}
	entities := func(title string, e diff.Entities) {
		if len(e.Added)+len(e.Removed)+len(e.Changed) == 0 {
			return
		}
		fmt.Fprint(ew, st.heading(fmt.Sprintf("%s: %d added, %d removed, %d changed", title, len(e.Added), len(e.Removed), len(e.Changed))))
		for _, id := range e.Added {
			fmt.Fprint(ew, st.item("+", st.id(id)))
		}
		for _, id := range e.Removed {
			fmt.Fprint(ew, st.item("-", st.id(id)))
		}
		for _, ch := range e.Changed {
			fmt.Fprint(ew, st.item("~", st.id(ch.ID)+": "+fieldList(ch.Fields, st)))
		}
	}
	entities("Actors", c.Actors)
	entities("Claims", c.Claims)
	entities("Sources", c.Sources)
	changeList(ew, st, "Statements", c.Statements, func(s diff.Statement) string {
		return fmt.Sprintf("%s %s %s in %s %s (%s)", st.id(s.Actor), s.Stance, st.id(s.Claim), st.id(s.Source), st.text(clip(s.Quote, 60)), st.id(s.At))
	})
	changeList(ew, st, "Relations", c.Relations, func(r diff.Relation) string {
		to := make([]string, len(r.To))
		for i, t := range r.To {
			to[i] = st.id(t)
		}
		return fmt.Sprintf("%s %s %s in %s (%s)", st.id(r.From), r.Type, strings.Join(to, ", "), st.id(r.Source), st.id(r.At))
	})
	writeNetworkDiff(ew, d.Network, st)
	return ew.err
}

// changeList writes the statements or relations added, removed and
// changed, each shown by show, under a heading with their counts.
func changeList[T any](w io.Writer, st diffStyle, title string, c diff.Changes[T], show func(T) string) {
	if len(c.Added)+len(c.Removed)+len(c.Changed) == 0 {
		return
	}
	fmt.Fprint(w, st.heading(fmt.Sprintf("%s: %d added, %d removed, %d changed", title, len(c.Added), len(c.Removed), len(c.Changed))))
	for _, x := range c.Added {
		fmt.Fprint(w, st.item("+", show(x)))
	}
	for _, x := range c.Removed {
		fmt.Fprint(w, st.item("-", show(x)))
	}
	for _, x := range c.Changed {
		fmt.Fprint(w, st.item("~", show(x.New)+": "+fieldList(x.Fields, st)))
	}
}

// fieldList formats changed fields as name: old → new.
func fieldList(fs []diff.Field, st diffStyle) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = fmt.Sprintf("%s %s → %s", f.Name, st.text(f.Old), st.text(f.New))
	}
	return strings.Join(parts, "; ")
}

// writeNetworkDiff writes how the network moved.
func writeNetworkDiff(w io.Writer, n *diff.NetworkChanges, st diffStyle) {
	fmt.Fprint(w, st.heading(fmt.Sprintf("Network (ranks by %s, moves of %d places or more)", measureTitles[n.Measure], n.Threshold)))
	if n.Empty() {
		fmt.Fprint(w, st.item("=", "the network did not move"))
		return
	}
	for _, r := range n.Ranks {
		fmt.Fprint(w, st.item("~", fmt.Sprintf("%s %s: rank %d → %d (%s → %s)", r.Kind, st.id(r.ID), r.Old, r.New,
			formatScore(n.Measure, r.OldScore), formatScore(n.Measure, r.NewScore))))
	}
	group := func(groups [][]string, i int) string {
		if i < 0 {
			return "no coalition"
		}
		ids := make([]string, len(groups[i]))
		for j, id := range groups[i] {
			ids[j] = st.id(id)
		}
		return fmt.Sprintf("coalition %d (%s)", i+1, nameList(ids, func(s string) string { return s }, 6))
	}
	for _, m := range n.CoalitionMoves {
		fmt.Fprint(w, st.item("~", fmt.Sprintf("%s moved from %s to %s", st.id(m.Actor), group(n.OldCoalitions, m.Old), group(n.NewCoalitions, m.New))))
	}
	for _, id := range n.BecameContested {
		fmt.Fprint(w, st.item("+", "contested now: "+st.id(id)))
	}
	for _, id := range n.StoppedContested {
		fmt.Fprint(w, st.item("-", "no longer contested: "+st.id(id)))
	}
	for _, r := range n.NewReversals {
		fmt.Fprint(w, st.item("+", "new reversal: "+st.id(r.Actor)+" on "+st.id(r.Claim)))
	}
	for _, r := range n.EndedReversals {
		fmt.Fprint(w, st.item("-", "reversal ended: "+st.id(r.Actor)+" on "+st.id(r.Claim)))
	}
	for _, x := range []struct {
		name string
		d    diff.Delta
	}{{"modularity Q", n.Modularity}, {"polarization", n.Polarization}} {
		fmt.Fprint(w, st.item("~", fmt.Sprintf("%s %.3f → %.3f (%+.3f)", x.name, x.d.Old, x.d.New, x.d.Change)))
	}
}

// splitRenderDiff separates "render diff OLD NEW" from the other views:
// it returns OLD and NEW and no arguments for the rest of render, or
// nil and the arguments unchanged.
func splitRenderDiff(argv []string) (diffArgs, rest []string, err error) {
	if len(argv) > 0 && argv[0] == render.ViewDiff {
		if len(argv) != 3 {
			return nil, nil, usagef("render diff takes two datasets: OLD NEW")
		}
		return argv[1:], nil, nil
	}
	if len(argv) > 2 {
		return nil, nil, usagef("render takes a view and a dataset, or diff OLD NEW; got %d arguments", len(argv))
	}
	return nil, argv, nil
}

// renderDiff draws the change between the datasets OLD and NEW.
func (a *app) renderDiff(ctx context.Context, argv []string, w graph.Window, o render.Options, format, out string, force bool) error {
	var data [2]*annotations.Dataset
	for i := range data {
		var err error
		if data[i], err = a.loadDataset(ctx, argv[i:i+1]); err != nil {
			return err
		}
	}
	d, err := diff.Compare(ctx, data[0], data[1], diff.WithCompile(graph.WithWindow(w)))
	if err != nil {
		return err
	}
	if d.Data.Empty() {
		// The figure is then the network with nothing marked, which is
		// easy to take for a diff that found changes but drew none.
		fmt.Fprintf(a.stderr, "claimnet: note: %s and %s hold the same annotations: the figure marks no change\n",
			termsafe.Text(argv[0]), termsafe.Text(argv[1]))
	}
	r, err := a.newRenderer(ctx)
	if err != nil {
		return err
	}
	defer r.Close()
	fig, err := r.Diff(ctx, d.Old.Model, d.Old.Analysis, d.New.Model, d.New.Analysis, o)
	if err != nil {
		return err
	}
	return a.output(out, force, func(wr io.Writer) error {
		return drawFigure(ctx, r, fig, format, wr, func(*render.FitError) string {
			return "try a smaller --top, or a larger --width or --size"
		})
	})
}

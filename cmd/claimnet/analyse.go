package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/internal/termsafe"
	"github.com/spf13/cobra"
)

func (a *app) analyseCmd() *cobra.Command {
	var (
		asJSON, exact, force bool
		top                  int
		seed                 int64
		resolution           float64
		out                  string
		w                    graph.Window
	)
	c := &cobra.Command{
		Use:     "analyse [--json] [--from DATE] [--to DATE] [--top N] [--exact] [--seed N] [--resolution G] [-o FILE] [DATASET]",
		Aliases: []string{"analyze"},
		Short:   "Centralities, contested claims, reversals and coalitions",
		Long: `analyse compiles the statements in the window and reports:

- the top actors by each centrality of the actor–claim graph: degree
  (statements), betweenness, harmonic closeness, PageRank, eigenvector
  and HITS hub score, and the top claims by degree and authority;
- the contested claims (supported by one actor and opposed by another),
  most evenly split first, with their supporters and opposers;
- the reversals: actors who both supported and opposed a claim;
- the coalitions: communities of the congruence network (actors who take
  the same stance on the same claims), with their modularity Q and the
  polarization of the best two-camp split.

docs/measures.md defines every measure. On graphs of more than 5,000
actors and claims betweenness and harmonic closeness are estimated from
sampled pivots (the output says so, with the error bound); --exact
computes them exactly, which takes much longer.

--json writes the whole analysis as JSON instead: {"window", "actors":
[{"id", "name", "side", "centrality": {...}, "coalition"}], "claims": [{"id",
"text", "supporters", "opposers", "contested", "contestation",
"centrality"}], "reversals": [{"actor", "claim", "first", "last"}],
"conflicts": [{"a", "b", "claim"}], "coalitions": {"groups", "modularity",
"polarization", "resolution", "seed"}, "methods"}. Output goes to standard
output, or to -o FILE, which is not replaced without --force.`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if err := checkWindow(w); err != nil {
				return err
			}
			if top < 1 {
				return usagef("--top must be at least 1, not %d", top)
			}
			if !(resolution > 0) {
				return usagef("--resolution must be positive, not %v", resolution)
			}
			m, an, err := a.compileAnalysed(cmd.Context(), argv, w, analysis.WithExact(exact), analysis.WithSeed(seed), analysis.WithResolution(resolution))
			if err != nil {
				return err
			}
			write := func(wr io.Writer) error {
				if asJSON {
					enc := json.NewEncoder(wr)
					enc.SetIndent("", "  ")
					return enc.Encode(an)
				}
				return writeAnalysis(wr, datasetName(argv), m, an, top)
			}
			return a.output(out, force, write)
		},
	}
	f := c.Flags()
	f.BoolVar(&asJSON, "json", false, "write the whole analysis as JSON")
	f.IntVar(&top, "top", 10, "rows per table")
	f.BoolVar(&exact, "exact", false, "exact betweenness and harmonic closeness however large the graph")
	f.Int64Var(&seed, "seed", 1, "seed of the pivot sampling and the community detection")
	floatVar(c, &resolution, "resolution", 1, "modularity resolution of the coalitions (higher: smaller coalitions)", 0, maxResolution, true, "a number above 0 and at most 1e6")
	f.StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	f.BoolVar(&force, "force", false, "replace an existing output file")
	addWindowFlags(c, &w)
	return c
}

// measureTitles names the centralities in the tables.
var measureTitles = map[string]string{
	analysis.Degree:      "degree (statements)",
	analysis.Betweenness: "betweenness",
	analysis.Harmonic:    "harmonic closeness",
	analysis.PageRank:    "PageRank",
	analysis.Eigenvector: "eigenvector",
	analysis.Hub:         "hub score",
	analysis.Authority:   "authority score",
}

// writeAnalysis writes the analysis as tables for people.
func writeAnalysis(w io.Writer, name string, m *graph.Model, an *analysis.Analysis, top int) error {
	ew := &errWriter{w: w}
	active := 0
	for i := range m.Actors {
		if m.ActorActive(i) {
			active++
		}
	}
	window := "all dates"
	if !m.Window.IsZero() {
		window = m.Window.String()
	}
	fmt.Fprintf(ew, "%s, %s: %d statements, %d of %d actors active, %d claims\n",
		name, window, len(m.Statements), active, len(m.Actors), len(m.Claims))

	actorName := func(id string) string {
		if i, ok := m.ActorIndex(id); ok {
			return termsafe.String(m.Actors[i].Name)
		}
		return termsafe.String(id)
	}
	for _, measure := range []string{analysis.Degree, analysis.Betweenness, analysis.Harmonic, analysis.PageRank, analysis.Eigenvector, analysis.Hub} {
		fmt.Fprintf(ew, "\nTop actors by %s", measureTitles[measure])
		if method := an.Methods[measure]; strings.HasPrefix(method, "sampled") {
			fmt.Fprintf(ew, ", %s", method)
		}
		fmt.Fprintln(ew)
		rows := topBy(len(an.Actors), top, func(i int) float64 { return an.Actors[i].Centrality[measure] })
		writeRanked(ew, rows, func(i int) string { return termsafe.String(an.Actors[i].Name) },
			func(i int) string { return formatScore(measure, an.Actors[i].Centrality[measure]) })
	}
	for _, measure := range []string{analysis.Degree, analysis.Authority} {
		fmt.Fprintf(ew, "\nTop claims by %s\n", measureTitles[measure])
		rows := topBy(len(an.Claims), top, func(i int) float64 { return an.Claims[i].Centrality[measure] })
		writeRanked(ew, rows, func(i int) string { return termsafe.String(clip(an.Claims[i].Text, 70)) },
			func(i int) string { return formatScore(measure, an.Claims[i].Centrality[measure]) })
	}

	// Contested claims, most evenly split first.
	var contested []int
	for i, c := range an.Claims {
		if c.Contested {
			contested = append(contested, i)
		}
	}
	slices.SortStableFunc(contested, func(x, y int) int {
		cx, cy := an.Claims[x], an.Claims[y]
		switch {
		case cx.Contestation > cy.Contestation:
			return -1
		case cx.Contestation < cy.Contestation:
			return 1
		}
		return (len(cy.Supporters) + len(cy.Opposers)) - (len(cx.Supporters) + len(cx.Opposers))
	})
	fmt.Fprintf(ew, "\nContested claims: %d of %d (contestation 1 = evenly split)\n", len(contested), len(an.Claims))
	for r, i := range contested[:min(top, len(contested))] {
		c := an.Claims[i]
		fmt.Fprintf(ew, "%3d. %s  [%.2f]\n", r+1, termsafe.String(clip(c.Text, 90)), c.Contestation)
		fmt.Fprintf(ew, "     for (%d): %s\n", len(c.Supporters), nameList(c.Supporters, actorName, 6))
		fmt.Fprintf(ew, "     against (%d): %s\n", len(c.Opposers), nameList(c.Opposers, actorName, 6))
	}
	more(ew, len(contested), top)

	fmt.Fprintf(ew, "\nReversals: %d (actors who both supported and opposed a claim)\n", len(an.Reversals))
	claimText := func(id string) string {
		if i, ok := m.ClaimIndex(id); ok {
			return m.Claims[i].Text
		}
		return id
	}
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	for _, r := range an.Reversals[:min(top, len(an.Reversals))] {
		span := ""
		if r.First != 0 {
			span = r.First.String() + ".." + r.Last.String()
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", actorName(r.Actor), termsafe.String(clip(claimText(r.Claim), 70)), span)
	}
	tw.Flush()
	more(ew, len(an.Reversals), top)

	co := an.Coalitions
	fmt.Fprintf(ew, "\nCoalitions: %d (modularity Q = %.3f, polarization = %.3f, resolution %g, seed %d)\n",
		len(co.Groups), co.Modularity, co.Polarization, co.Resolution, co.Seed)
	for g, members := range co.Groups[:min(top, len(co.Groups))] {
		fmt.Fprintf(ew, "%3d. (%d) %s\n", g+1, len(members), nameList(members, actorName, 8))
	}
	more(ew, len(co.Groups), top)
	return ew.err
}

// topBy returns up to n indices with the highest positive score, highest
// first, ties in index order.
func topBy(count, n int, score func(int) float64) []int {
	var idx []int
	for i := range count {
		if score(i) > 0 {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(x, y int) int {
		sx, sy := score(x), score(y)
		switch {
		case sx > sy:
			return -1
		case sx < sy:
			return 1
		}
		return 0
	})
	return idx[:min(n, len(idx))]
}

// writeRanked writes rank, name and value rows, the values aligned.
func writeRanked(w io.Writer, rows []int, name, value func(int) string) {
	if len(rows) == 0 {
		fmt.Fprintln(w, "  (none)")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for r, i := range rows {
		fmt.Fprintf(tw, "%3d.\t%s\t%s\n", r+1, name(i), value(i))
	}
	tw.Flush()
}

// formatScore prints a statement count as an integer and a score with
// four significant digits.
func formatScore(measure string, v float64) string {
	if measure == analysis.Degree {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// nameList joins the names of up to n ids, saying how many more there are.
func nameList(ids []string, name func(string) string, n int) string {
	var parts []string
	for _, id := range ids[:min(n, len(ids))] {
		parts = append(parts, name(id))
	}
	s := strings.Join(parts, ", ")
	if len(ids) > n {
		s += fmt.Sprintf(" and %d more", len(ids)-n)
	}
	return s
}

func more(w io.Writer, total, shown int) {
	if total > shown {
		fmt.Fprintf(w, "  ... and %d more (--top N shows more; --json has all)\n", total-shown)
	}
}

// clip shortens s to at most n characters, marking the cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// errWriter keeps the first write error, so a table can be written with
// plain Fprintf calls and checked once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

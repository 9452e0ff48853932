package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/query"
	"github.com/itchyny/gojq"
	"github.com/spf13/cobra"
)

func (a *app) queryCmd() *cobra.Command {
	var (
		w        graph.Window
		compact  bool
		raw      bool
		timeout  time.Duration
		maxMem   = byteSize(defaultQueryMemory())
		strArgs  []string
		jsonArgs []string
	)
	c := &cobra.Command{
		Use:   "query [flags] FILTER [DATASET]",
		Short: "Run a jq program over the graph document",
		Long: `query runs the jq program FILTER over the graph document of DATASET (default:
the built-in dataset) and prints each result as jq does: indented JSON, one
value after another; -c prints each on one line and -r prints strings bare.

The graph document (docs/graph-document.md) has the nodes (actors and claims
with their attributes, centralities and coalitions), the edges (stance,
argument and relation layers), the statements with their quotes, the
relations, sources, reversals, conflicts and coalitions. Besides jq's own
functions, FILTER can call:

  neighbors($id), neighbors($id; $layers)   ids joined to $id by an edge
  path($from; $to), path($from; $to; $layers)  a shortest path, as ids
  supporters($claim), opposers($claim)      ids of the actors
  contested                                 contested claim ids, most first
  centrality($measure)                      [{id, kind, score}], highest first
  node($id), statements($id)                a node; its statements

docs/cookbook.md has worked examples.

The program runs in a child process of claimnet's own, limited to
--max-memory of memory (default: half the machine's memory, or of the
memory limit of the cgroup claimnet runs in) and a stack of a quarter of
that, at most 64 MiB, which holds values nested about 100,000 levels deep.
A program that needs more, such as '"x" | until(length > 1e10; . + .)',
ends with an error instead of taking the machine's memory or crashing;
what it printed before may be lost. --timeout counts the program's run
only, not the loading and analysis of the dataset before it.
--max-memory 0 runs the program in claimnet's own process, without these
limits.

Exit status: 0 on success, 1 when the program fails (a syntax error is
shown with its line and column), runs out of time or of memory, 2 for a
usage error.`,
		Example: `  claimnet query '[centrality("betweenness")[] | select(.kind == "actor")][:5]'
  claimnet query -r 'statements("khawaja-asif")[] | .quote'
  claimnet query -c --arg claim kabul-shelters-ttp '{for: supporters($claim), against: opposers($claim)}'`,
		Args: args(cobra.RangeArgs(1, 2)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if err := checkWindow(w); err != nil {
				return err
			}
			if timeout <= 0 {
				return usagef("--timeout %s: need a positive duration", timeout)
			}
			if maxMem < 0 {
				return usagef("--max-memory %s: need a size of at least 0", maxMem)
			}
			var opts []query.Option
			for _, s := range strArgs {
				name, value, ok := strings.Cut(s, "=")
				if !ok || name == "" {
					return usagef("--arg %q: want NAME VALUE (or NAME=VALUE)", s)
				}
				opts = append(opts, query.WithVar(name, value))
			}
			for _, s := range jsonArgs {
				name, text, ok := strings.Cut(s, "=")
				if !ok || name == "" {
					return usagef("--argjson %q: want NAME JSON (or NAME=JSON)", s)
				}
				v, err := query.ParseValue(text)
				if err != nil {
					return usagef("--argjson %s: %v", name, err)
				}
				opts = append(opts, query.WithVar(name, v))
			}
			// Syntax errors and undefined names are reported before the
			// dataset is loaded.
			if err := query.Check(argv[0], opts...); err != nil {
				return a.compileError(err)
			}
			if maxMem > 0 && !inQueryChild() {
				return a.runQueryChild(cmd, argv, int64(maxMem))
			}
			if inQueryChild() {
				limitQueryChild(int64(maxMem))
				defer queryChildDone()
			}
			g, err := a.queryGraph(cmd.Context(), argv[1:], w)
			if err != nil {
				return err
			}
			q, err := query.Compile(argv[0], g, opts...)
			if err != nil {
				return a.compileError(err)
			}
			// The timeout counts the program's run only.
			ctx, cancel := context.WithTimeout(cmd.Context(), timeout)
			defer cancel()
			out := bufio.NewWriter(a.stdout)
			enc := query.Encoder{Compact: compact, Raw: raw}
			err = q.Run(ctx, func(v any) error { return enc.Encode(out, v) })
			if ferr := out.Flush(); err == nil {
				err = ferr
			}
			var halt *gojq.HaltError
			if errors.As(err, &halt) {
				if s, ok := halt.Value().(string); ok {
					fmt.Fprint(a.stderr, s)
				} else {
					b, _ := gojq.Marshal(halt.Value())
					fmt.Fprintf(a.stderr, "%s\n", b)
				}
				return reportedError{err}
			}
			if errors.Is(err, context.DeadlineExceeded) {
				return fmt.Errorf("query: gave up after --timeout %s", timeout)
			}
			return err
		},
	}
	addWindowFlags(c, &w)
	c.Flags().BoolVarP(&compact, "compact", "c", false, "print each result on one line")
	c.Flags().BoolVarP(&raw, "raw-output", "r", false, "print string results without quotes")
	c.Flags().DurationVar(&timeout, "timeout", 30*time.Second, "give up when the program has run for `DURATION`")
	c.Flags().Var(&maxMem, "max-memory", "give up when the query needs more than `SIZE` of memory (e.g. 512MiB, 4GiB; 0: no limit)")
	c.Flags().StringArrayVar(&strArgs, "arg", nil, "bind $NAME to the string VALUE (`NAME VALUE` as in jq, or NAME=VALUE; repeatable)")
	c.Flags().StringArrayVar(&jsonArgs, "argjson", nil, "bind $NAME to the JSON value (`NAME JSON` as in jq, or NAME=JSON; repeatable)")
	return c
}

// compileError prints a syntax error with its excerpt and returns it as
// reported; other errors pass through.
func (a *app) compileError(err error) error {
	var pe *query.ParseError
	if errors.As(err, &pe) {
		fmt.Fprintf(a.stderr, "claimnet: %v\n%s", pe, excerptIndent(pe.Excerpt(), "    "))
		return reportedError{err}
	}
	return err
}

// queryGraph loads the dataset, compiles it within w, analyses it and
// builds the query graph: the one Model and Analysis query and export
// read.
func (a *app) queryGraph(ctx context.Context, argv []string, w graph.Window) (*query.Graph, error) {
	m, an, err := a.compileAnalysed(ctx, argv, w)
	if err != nil {
		return nil, err
	}
	return query.NewGraph(m, an)
}

// excerptIndent prefixes every line of s with prefix.
func excerptIndent(s, prefix string) string {
	if s == "" {
		return ""
	}
	lines := strings.SplitAfter(s, "\n")
	var b strings.Builder
	for _, l := range lines {
		if l != "" {
			b.WriteString(prefix + l)
		}
	}
	return b.String()
}

// jqArgs lets claimnet query take jq's two-word form "--arg NAME VALUE"
// (and --argjson) besides "--arg NAME=VALUE", by joining the two words:
// cobra's flags take one value. A NAME with "=" in it cannot be a jq
// variable, so "--arg x=1" keeps its meaning.
func jqArgs(args []string) []string {
	if len(args) == 0 || args[0] != "query" {
		return args
	}
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		if (a == "--arg" || a == "--argjson") && i+2 < len(args) && !strings.Contains(args[i+1], "=") {
			out = append(out, a+"="+args[i+1]+"="+args[i+2])
			i += 2
			continue
		}
		out = append(out, a)
	}
	return out
}

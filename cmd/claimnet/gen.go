package main

import (
	"fmt"
	"strings"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/spf13/cobra"
)

func (a *app) genCmd() *cobra.Command {
	cfg := gen.Config{Actors: 1000, Claims: 2000, Statements: 20000, Sources: 100, Seed: 1}
	var out, from, to, shape string
	var force bool
	c := &cobra.Command{
		Use:   "gen [--shape NAME] [--actors N] [--claims M] [--statements S] [--sources F] [--seed X] [--from DATE] [--to DATE] [--uniform] [--exponent S] [--order shuffled|popular-first] [--stance-split P] -o DIR [--force]",
		Short: "Generate a synthetic dataset of any size, for benchmarks and tests",
		Long: `gen writes a synthetic dataset into DIR: actors.yaml, claims.yaml and
sources/<source id>.yaml, one file per source with its statements. The data
has the shape of a real debate: skewed activity (a few very active actors and
claims, many rare ones), an affiliation hierarchy, camps whose leanings differ
by topic (coalitions and contested claims), a few reversals, supporting and
attacking claims, relations, and short quotes. The same flags give the same
files, byte for byte.

The benchmark dataset is
  claimnet gen --actors 20000 --claims 50000 --statements 1000000 --sources 5000 -o DIR

Other shapes of debate, for benchmarks that must hold for every shape:
--uniform makes every actor and claim equally active; --exponent S draws
actors and claims from a plain Zipf law (rank k in proportion to
(1+k)^-S, S above 0; the default shape is a Zipf law of exponent 1.1 and
offset 2, with claims mostly from the source's topic); --order
popular-first gives the most active actor and claim the first ids
(default: shuffled); --stance-split P makes the share P of each claim's
statements support it and the rest oppose it, interleaved, instead of
the camps' stances (0.5: every claim half and half). --shape NAME sets
several at once:
  default        the default shape
  uniform        --uniform --stance-split 0.5
  few-claims     --actors 20000 --claims 500 (many actors, few claims)
  many-claims    --actors 500 --claims 50000 (few actors, many claims)
  zipf11         --exponent 1.1 --order popular-first --stance-split 0.5
  popular-first  --exponent 1 --order popular-first --stance-split 0.5
Flags given beside --shape override it. Without the shape flags the output
is what earlier versions of gen wrote.

The sizes are limited to what one machine generates in memory (about
1.1 GB per million statements): at most 10,000,000 statements, 5,000,000
actors, 5,000,000 claims and 200,000 sources.

DIR must not exist or be empty unless --force is given; it is written whole
or not at all.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if out == "" || out == "-" {
				return usagef("gen writes a directory: give it with -o DIR")
			}
			for _, d := range []struct {
				flag, value string
				dst         *annotations.Date
			}{{"--from", from, &cfg.From}, {"--to", to, &cfg.To}} {
				if d.value == "" {
					continue
				}
				date, err := annotations.ParseDate(d.value)
				if err != nil {
					return usagef("%s: %v", d.flag, err)
				}
				*d.dst = date
			}
			if (cfg.From == 0) != (cfg.To == 0) {
				return usagef("give both --from and --to, or neither")
			}
			if shape != "" {
				shaped, err := cfg.WithShape(shape)
				if err != nil {
					return usageError{err}
				}
				// Flags given on the command line win over the shape.
				f := cmd.Flags()
				keep := func(name string, apply func()) {
					if f.Changed(name) {
						apply()
					}
				}
				keep("actors", func() { shaped.Actors = cfg.Actors })
				keep("claims", func() { shaped.Claims = cfg.Claims })
				keep("uniform", func() { shaped.Uniform = cfg.Uniform })
				keep("exponent", func() { shaped.Exponent = cfg.Exponent })
				keep("order", func() { shaped.Order = cfg.Order })
				keep("stance-split", func() { shaped.StanceSplit = cfg.StanceSplit })
				cfg = shaped
			}
			if err := cfg.Validate(); err != nil {
				return usageError{err}
			}
			d, err := gen.Write(cmd.Context(), cfg, out, force)
			if err != nil {
				return err
			}
			s := d.Stats()
			fmt.Fprintf(a.stdout, "wrote %s: %d actors, %d claims, %d sources, %d statements, %d relations\n",
				out, s.Actors, s.Claims, s.Sources, s.Statements, s.Relations)
			return nil
		},
	}
	f := c.Flags()
	f.IntVar(&cfg.Actors, "actors", cfg.Actors, "number of actors")
	f.IntVar(&cfg.Claims, "claims", cfg.Claims, "number of claims")
	f.IntVar(&cfg.Statements, "statements", cfg.Statements, "number of statements")
	f.IntVar(&cfg.Sources, "sources", cfg.Sources, "number of sources, one file each")
	f.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "seed of every random choice")
	f.StringVar(&from, "from", "", "first publication date, YYYY-MM-DD (default 2025-01-01)")
	f.StringVar(&to, "to", "", "last publication date, YYYY-MM-DD (default 2025-12-31)")
	f.StringVar(&shape, "shape", "", "preset shape `NAME`: "+strings.Join(gen.Shapes, ", "))
	f.BoolVar(&cfg.Uniform, "uniform", false, "every actor and claim equally active")
	floatVar(c, &cfg.Exponent, "exponent", 0, "Zipf exponent `S` of actor and claim activity (0: the default shape)", 0, gen.MaxExponent, false, "a number from 0 to 10")
	f.StringVar(&cfg.Order, "order", gen.OrderShuffled, "ids relative to activity: shuffled or popular-first")
	floatVar(c, &cfg.StanceSplit, "stance-split", 0, "share `P` of each claim's statements that support it (0: the camps decide)", 0, 1, false, "a number from 0 to 1")
	f.StringVarP(&out, "output", "o", "", "directory to write")
	f.BoolVar(&force, "force", false, "replace a non-empty directory")
	return c
}

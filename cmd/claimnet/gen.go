package main

import (
	"fmt"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/spf13/cobra"
)

func (a *app) genCmd() *cobra.Command {
	cfg := gen.Config{Actors: 1000, Claims: 2000, Statements: 20000, Sources: 100, Seed: 1}
	var out, from, to string
	var force bool
	c := &cobra.Command{
		Use:   "gen [--actors N] [--claims M] [--statements S] [--sources F] [--seed X] [--from DATE] [--to DATE] -o DIR [--force]",
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
	f.StringVarP(&out, "output", "o", "", "directory to write")
	f.BoolVar(&force, "force", false, "replace a non-empty directory")
	return c
}

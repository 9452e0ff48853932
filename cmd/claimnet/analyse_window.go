package main

import (
	"encoding/json"
	"io"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/series"
	"github.com/spf13/cobra"
)

// analyseWindowFlags are analyse's --window and --step.
type analyseWindowFlags struct{ window, step string }

func (f *analyseWindowFlags) flags(c *cobra.Command) {
	c.Flags().StringVar(&f.window, "window", "", "analyse each moving window of this `size` (30d, 2w, 6m, 1y); writes a JSON series")
	c.Flags().StringVar(&f.step, "step", "", "with --window: move the mid-point by this `span` (default one unit)")
}

// run writes the series of analyses when --window is given; ok reports
// whether it was.
func (f *analyseWindowFlags) run(a *app, cmd *cobra.Command, argv []string, w graph.Window, out string, force bool, opts []analysis.AnalyzeOption) (ok bool, err error) {
	if f.window == "" {
		if f.step != "" {
			return true, usagef("--step needs --window")
		}
		return false, nil
	}
	size, err := series.ParseSpan(f.window)
	if err != nil {
		return true, usagef("--window: %v", err)
	}
	var step series.Span
	if f.step != "" {
		if step, err = series.ParseSpan(f.step); err != nil {
			return true, usagef("--step: %v", err)
		}
	}
	m, err := a.compileModel(cmd.Context(), argv, w)
	if err != nil {
		return true, err
	}
	s, err := series.Analyses(cmd.Context(), m, size, step, opts...)
	if err != nil {
		return true, err
	}
	return true, a.output(out, force, func(wr io.Writer) error {
		enc := json.NewEncoder(wr)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	})
}

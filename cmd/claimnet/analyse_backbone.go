package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/backbone"
	"github.com/claimnet/claimnet/internal/termsafe"
	"github.com/spf13/cobra"
)

// analyseBackboneFlags are analyse's --backbone flags.
type analyseBackboneFlags struct {
	method     string
	p          float64
	size, iter int
}

func (f *analyseBackboneFlags) flags(c *cobra.Command) {
	c.Flags().StringVar(&f.method, "backbone", "", "add DNA's backbone of the claims: `penalty` or fixed")
	c.Flags().Float64Var(&f.p, "backbone-p", 3.5, "backbone penalty parameter (penalty method)")
	c.Flags().IntVar(&f.size, "backbone-size", 0, "backbone size (fixed method)")
	c.Flags().IntVar(&f.iter, "backbone-iterations", 10000, "simulated annealing steps of the backbone")
}

// compute returns the backbone when --backbone is given, else nil.
func (f *analyseBackboneFlags) compute(cmd *cobra.Command, m *graph.Model, seed uint64) (*backbone.Result, error) {
	if f.method == "" {
		for _, name := range []string{"backbone-p", "backbone-size", "backbone-iterations"} {
			if cmd.Flags().Changed(name) {
				return nil, usagef("--%s needs --backbone", name)
			}
		}
		return nil, nil
	}
	r, err := backbone.Compute(cmd.Context(), m, backbone.Options{Method: f.method, P: f.p, Size: f.size, Iterations: f.iter, Seed: seed})
	if errors.Is(err, backbone.ErrOption) {
		return nil, usageError{err}
	}
	return r, err
}

// analysisWithBackbone is analyse --json --backbone's output.
type analysisWithBackbone struct {
	Analysis *analysis.Analysis `json:"analysis"`
	Backbone *backbone.Result   `json:"backbone"`
}

func writeBackbone(w io.Writer, m *graph.Model, r *backbone.Result) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "\nBackbone (%s, %d iterations, seed %d): loss %.4g, redundant set's %.4g\n", r.Method, r.Iterations, r.Seed, r.BackboneLoss, r.RedundantLoss)
	name := func(id string) string {
		if i, ok := m.ClaimIndex(id); ok {
			return termsafe.String(clip(m.Claims[i].Text, 70))
		}
		return termsafe.String(id)
	}
	for _, id := range r.Backbone {
		fmt.Fprintf(ew, "  + %s\n", name(id))
	}
	fmt.Fprintln(ew, "Redundant")
	for _, id := range r.Redundant {
		fmt.Fprintf(ew, "  - %s\n", name(id))
	}
	return ew.err
}

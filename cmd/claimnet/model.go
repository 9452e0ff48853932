package main

import (
	"context"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
)

// compileModel loads the dataset named in argv (or the built-in one) and
// compiles its Model within w: the one model every command reads.
func (a *app) compileModel(ctx context.Context, argv []string, w graph.Window) (*graph.Model, error) {
	d, err := a.loadDataset(ctx, argv)
	if err != nil {
		return nil, err
	}
	return graph.Compile(ctx, d, graph.WithWindow(w))
}

// compileAnalysed is compileModel followed by analysis.Analyze with opts.
func (a *app) compileAnalysed(ctx context.Context, argv []string, w graph.Window, opts ...analysis.AnalyzeOption) (*graph.Model, *analysis.Analysis, error) {
	m, err := a.compileModel(ctx, argv, w)
	if err != nil {
		return nil, nil, err
	}
	an, err := analysis.Analyze(ctx, m, opts...)
	if err != nil {
		return nil, nil, err
	}
	return m, an, nil
}

package main

import (
	"context"
	"io"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/render"
	"github.com/claimnet/claimnet/graph/series"
	"github.com/spf13/cobra"
)

// timeArgs are render's --window, --step and --columns, as given.
type timeArgs struct {
	window, step string
	columns      int
}

func (t *timeArgs) flags(c *cobra.Command) {
	c.Flags().StringVar(&t.window, "window", "", "actors and timeline: draw each moving time window of this `size` (5d, 2w, 6m, 1y)")
	c.Flags().StringVar(&t.step, "step", "", "with --window: move the window's mid-point by this `span` (default one unit of --window)")
	c.Flags().IntVar(&t.columns, "columns", 0, "small multiples: `N` panels side by side (default: about the square root of the windows)")
}

// parse checks the time flags against the view and returns the windows,
// or nil when the figure is not over time.
func (t *timeArgs) parse(cmd *cobra.Command, timeline bool, view string, diff bool) (*render.TimeWindows, error) {
	if t.window == "" {
		switch {
		case timeline:
			return nil, usagef("render timeline: --window SIZE is required (and --node ID)")
		case t.step != "":
			return nil, usagef("--step needs --window")
		case cmd.Flags().Changed("columns"):
			return nil, usagef("--columns needs --window")
		}
		return nil, nil
	}
	if diff || !timeline && view != render.ViewActors {
		return nil, usagef("render: --window is for the actors view (small multiples) and timeline")
	}
	if timeline && cmd.Flags().Changed("columns") {
		return nil, usagef("render timeline: --columns is for the small multiples of the actors view")
	}
	if timeline {
		for _, f := range []string{"top", "min-weight", "max-edges", "size-by", "color-by", "sides", "layout", "depth", "wrap", "positions"} {
			if cmd.Flags().Changed(f) {
				return nil, usagef("render timeline: --%s is for the network views", f)
			}
		}
	}
	if t.columns < 0 {
		return nil, usagef("--columns %d: want 1 or more", t.columns)
	}
	var tw render.TimeWindows
	var err error
	if tw.Size, err = series.ParseSpan(t.window); err != nil {
		return nil, usagef("--window: %v", err)
	}
	if t.step != "" {
		if tw.Step, err = series.ParseSpan(t.step); err != nil {
			return nil, usagef("--step: %v", err)
		}
	}
	tw.Columns = t.columns
	return &tw, nil
}

// renderOverTime draws the small multiples of the actors view, or the
// timeline of o.Node, over the windows tw.
func (a *app) renderOverTime(ctx context.Context, argv []string, w graph.Window, o render.Options, tw render.TimeWindows, timeline bool, format, out string, force bool, positions string) error {
	if timeline && o.Node == "" {
		return usagef("render timeline: --node ID is required")
	}
	m, err := a.compileModel(ctx, argv, w)
	if err != nil {
		return err
	}
	r, err := a.newRenderer(ctx)
	if err != nil {
		return err
	}
	defer r.Close()
	var fig *render.Figure
	if timeline {
		fig, err = render.Timeline(ctx, m, o, tw)
	} else {
		if positions != "" {
			if o.Positions, err = readPositions(positions); err != nil {
				return err
			}
		}
		fig, err = render.Multiples(ctx, r, m, o, tw)
	}
	if err != nil {
		return err
	}
	err = a.output(out, force, func(wr io.Writer) error {
		return drawFigure(ctx, r, fig, format, wr, func(*render.FitError) string {
			return "try --min-weight, --top, fewer windows, or a larger --width or --size"
		})
	})
	if err != nil {
		return err
	}
	if !timeline && positions != "" {
		return writePositions(a.ctx, positions, o.Positions, fig.Positions())
	}
	return nil
}

package main

import (
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/dnanet"
	"github.com/claimnet/claimnet/graph/series"
	"github.com/spf13/cobra"
)

// seriesFlags are network's moving time-window flags.
type seriesFlags struct {
	window, step, kernel string
	corrected, noIndent  bool
}

func addSeriesFlags(c *cobra.Command, sf *seriesFlags) {
	f := c.Flags()
	f.StringVar(&sf.window, "window", "", "compute a series of networks over moving windows of this `size` (30d, 2w, 6m, 1y)")
	f.StringVar(&sf.step, "step", "", "move the window's mid-point by this `span` (default one unit of --window)")
	f.StringVar(&sf.kernel, "kernel", series.KernelNone, "weight statements by distance from the mid-point: "+strings.Join(series.Kernels, ", "))
	f.BoolVar(&sf.corrected, "corrected", false, "with --window: correct DNA's quirks (kernel shapes, year-blind duplicates, kernel average)")
	f.BoolVar(&sf.noIndent, "no-indent", false, "with a kernel: put the first and last mid-points on the first and last dates")
}

// seriesOptions checks the time-window flags; ok is false when --window
// is not given (and then no other window flag may be).
func (sf *seriesFlags) options(cmd *cobra.Command, typ string, net dnanet.NetworkOptions) (o series.Options, ok bool, err error) {
	if sf.window == "" {
		for _, name := range []string{"step", "kernel", "corrected", "no-indent"} {
			if cmd.Flags().Changed(name) {
				return o, false, usagef("--%s needs --window", name)
			}
		}
		return o, false, nil
	}
	o = series.Options{Type: typ, Network: net, Kernel: sf.kernel, Corrected: sf.corrected, NoIndent: sf.noIndent}
	if o.Size, err = series.ParseSpan(sf.window); err != nil {
		return o, false, usagef("--window: %v", err)
	}
	if sf.step != "" {
		if o.Step, err = series.ParseSpan(sf.step); err != nil {
			return o, false, usagef("--step: %v", err)
		}
	}
	if !slices.Contains(series.Kernels, sf.kernel) {
		return o, false, usagef("--kernel is %s, not %q", strings.Join(series.Kernels, ", "), sf.kernel)
	}
	return o, true, nil
}

// runSeries writes the series of networks over moving windows.
func (a *app) runSeries(cmd *cobra.Command, argv []string, w graph.Window, o series.Options, format, out string, force bool) error {
	if !slices.Contains(series.Formats, format) {
		return usagef("--format with --window is csv or json, not %q", format)
	}
	m, err := a.compileModel(cmd.Context(), argv, w)
	if err != nil {
		return err
	}
	err = a.output(out, force, func(wr io.Writer) error {
		return series.Write(cmd.Context(), wr, m, o, format)
	})
	if errors.Is(err, series.ErrOption) {
		return usageError{err}
	}
	return err
}

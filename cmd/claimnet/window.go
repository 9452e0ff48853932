package main

import (
	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/spf13/cobra"
)

// addWindowFlags adds --from DATE and --to DATE (YYYY-MM-DD, inclusive)
// to cmd, parsed into w as the flags are read: a bad date is a usage
// error. Call checkWindow(*w) in RunE to reject a window that ends before
// it starts. Every command that compiles a model (analyse, render,
// network, query, export) uses these two flags.
func addWindowFlags(cmd *cobra.Command, w *graph.Window) {
	cmd.Flags().Var((*dateFlag)(&w.From), "from", "leave out statements dated before `DATE` (YYYY-MM-DD); undated ones are left out too")
	cmd.Flags().Var((*dateFlag)(&w.To), "to", "leave out statements dated after `DATE` (YYYY-MM-DD); undated ones are left out too")
}

// checkWindow returns a usage error when w ends before it starts.
func checkWindow(w graph.Window) error {
	if w.From != 0 && w.To != 0 && w.From > w.To {
		return usagef("--from %s is after --to %s", w.From, w.To)
	}
	return nil
}

// dateFlag is an annotations.Date as a pflag.Value.
type dateFlag annotations.Date

func (d *dateFlag) String() string { return annotations.Date(*d).String() }

func (d *dateFlag) Set(s string) error {
	v, err := annotations.ParseDate(s)
	if err != nil {
		return err
	}
	*d = dateFlag(v)
	return nil
}

func (d *dateFlag) Type() string { return "date" }

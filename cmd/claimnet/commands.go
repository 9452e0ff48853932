package main

import "github.com/spf13/cobra"

// extraCommands lists the subcommands beyond check and stats. Each lives
// in a file of its own.
func (a *app) extraCommands() []func() *cobra.Command {
	return []func() *cobra.Command{
		a.genCmd,
		a.queryCmd,
		a.exportCmd,
		a.networkCmd,
		a.importCmd,
		a.renderCmd,
		a.reportCmd,
		a.analyseCmd,
		a.polarizationCmd,
		a.extractCmd,
		a.agreeCmd,
		a.mergeCmd,
		a.diffCmd,
	}
}

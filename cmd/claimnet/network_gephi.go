package main

import (
	"errors"
	"io"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/dnanet"
	"github.com/claimnet/claimnet/graph/export"
	"github.com/spf13/cobra"
)

// runNetworkGephi writes the network as GraphML or GEXF with its nodes'
// attributes (coalitions and sides from the analysis of the window).
func (a *app) runNetworkGephi(cmd *cobra.Command, argv []string, w graph.Window, typ, format, out string, force bool, opts dnanet.NetworkOptions) error {
	m, an, err := a.compileAnalysed(cmd.Context(), argv, w)
	if err != nil {
		return err
	}
	var n *dnanet.Network
	if typ == dnanet.NetworkTwoMode {
		n, err = dnanet.TwoModeNetwork(cmd.Context(), m, opts)
	} else {
		n, err = dnanet.OneMode(cmd.Context(), m, opts)
	}
	if errors.Is(err, dnanet.ErrNetworkOption) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	return a.output(out, force, func(wr io.Writer) error {
		return export.WriteNetwork(cmd.Context(), wr, m, an, n, format)
	})
}

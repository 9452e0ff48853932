package export

import (
	"context"
	"fmt"
	"io"
)

// Export format names, as claimnet export --format takes them.
const (
	FormatJSON     = "json"      // the graph document
	FormatNodeLink = "node-link" // networkx / d3 node-link JSON
	FormatGraphML  = "graphml"
	FormatGEXF     = "gexf" // GEXF 1.3
	FormatCSV      = "csv"  // nodes.csv and edges.csv
	FormatDOT      = "dot"
)

// Formats lists the export format names.
func Formats() []string {
	return []string{FormatJSON, FormatNodeLink, FormatGraphML, FormatGEXF, FormatCSV, FormatDOT}
}

// Write writes d in a single-file format (every format but csv, which
// WriteCSV writes as two tables). style is used by gexf only. It stops
// with ctx's error when ctx is done.
func Write(ctx context.Context, w io.Writer, d *Document, format string, style Style) error {
	switch format {
	case FormatJSON:
		return WriteJSON(ctx, w, d)
	case FormatNodeLink:
		return WriteNodeLink(ctx, w, d)
	case FormatGraphML:
		return WriteGraphML(ctx, w, d)
	case FormatGEXF:
		return WriteGEXF(ctx, w, d, style)
	case FormatDOT:
		return WriteDOT(ctx, w, d)
	case FormatCSV:
		return fmt.Errorf("export: csv is two tables; use WriteCSV")
	}
	return fmt.Errorf("export: unknown format %q", format)
}

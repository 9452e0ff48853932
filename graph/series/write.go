package series

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/internal/safetext"
)

// Output formats of Write.
const (
	FormatJSON = "json"
	FormatCSV  = "csv"
)

// Formats lists the output formats.
var Formats = []string{FormatCSV, FormatJSON}

// Write computes the series of m under opts and writes it in format as
// it is computed, so that memory does not grow with the number of
// windows:
//
//   - FormatJSON: {"type", "mode", "aggregate", "normalize",
//     "duplicates", "kernel", "size", "step", "indent", "corrected",
//     "notes", "windows": [{"start", "mid", "end", "statements", "nodes":
//     [{"id", "name", "kind"}], "edges": [{"source", "target",
//     "weight"}]}]};
//   - FormatCSV: the long table start,mid,end,source,target,weight, one
//     line per edge of each window, nodes by id.
//
// Weights are written in the shortest form that reads back exactly.
func Write(ctx context.Context, w io.Writer, m *graph.Model, opts Options, format string) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var err error
	switch format {
	case FormatJSON:
		n := 0
		err = Each(ctx, m, opts, func(s *Series) error {
			writeHead(bw, s)
			return nil
		}, func(win *Window) error {
			if n > 0 {
				bw.WriteByte(',')
			}
			n++
			writeWindow(bw, win)
			return flushErr(bw)
		})
		if err == nil {
			if n > 0 {
				bw.WriteString("\n  ")
			}
			bw.WriteString("]\n}\n")
		}
	case FormatCSV:
		bw.WriteString("start,mid,end,source,target,weight\n")
		var buf []byte
		err = Each(ctx, m, opts, nil, func(win *Window) error {
			ids := make([]string, len(win.Nodes))
			for i, n := range win.Nodes {
				ids[i] = csvField(n.ID)
			}
			dates := win.Start.String() + "," + win.Mid.String() + "," + win.End.String() + ","
			for _, e := range win.Edges {
				buf = append(buf[:0], dates...)
				buf = append(buf, ids[e.Source]...)
				buf = append(buf, ',')
				buf = append(buf, ids[e.Target]...)
				buf = append(buf, ',')
				buf = appendWeight(buf, e.Weight)
				buf = append(buf, '\n')
				bw.Write(buf)
			}
			return flushErr(bw)
		})
	default:
		return fmt.Errorf("%w: the format is csv or json, not %q", ErrOption, format)
	}
	if err != nil {
		return err
	}
	return flushErr(bw)
}

func flushErr(bw *bufio.Writer) error {
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write time windows: %w", err)
	}
	return nil
}

func writeHead(bw *bufio.Writer, s *Series) {
	fmt.Fprintf(bw, "{\n  \"type\": %s,\n", jsonString(s.Type))
	if s.Mode != "" {
		fmt.Fprintf(bw, "  \"mode\": %s,\n", jsonString(s.Mode))
	}
	fmt.Fprintf(bw, "  \"aggregate\": %s,\n  \"normalize\": %s,\n  \"duplicates\": %s,\n  \"kernel\": %s,\n  \"size\": %s,\n  \"step\": %s,\n  \"indent\": %v,\n  \"corrected\": %v,\n  \"notes\": [",
		jsonString(s.Aggregate), jsonString(s.Normalize), jsonString(s.Duplicates), jsonString(s.Kernel),
		jsonString(s.Size.String()), jsonString(s.Step.String()), s.Indent, s.Corrected)
	for i, n := range s.Notes {
		if i > 0 {
			bw.WriteString(", ")
		}
		bw.Write(jsonString(n))
	}
	bw.WriteString("],\n  \"windows\": [")
}

func writeWindow(bw *bufio.Writer, w *Window) {
	fmt.Fprintf(bw, "\n    {\"start\": %q, \"mid\": %q, \"end\": %q, \"statements\": %d,\n     \"nodes\": [",
		w.Start.String(), w.Mid.String(), w.End.String(), w.Statements)
	ids := make([][]byte, len(w.Nodes))
	for i, n := range w.Nodes {
		ids[i] = jsonString(n.ID)
		if i > 0 {
			bw.WriteByte(',')
		}
		fmt.Fprintf(bw, "\n      {\"id\": %s, \"name\": %s, \"kind\": %s}", ids[i], jsonString(n.Name), jsonString(n.Kind))
	}
	if len(w.Nodes) > 0 {
		bw.WriteString("\n     ")
	}
	bw.WriteString("],\n     \"edges\": [")
	var buf []byte
	for i, e := range w.Edges {
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, "\n      {\"source\": "...)
		buf = append(buf, ids[e.Source]...)
		buf = append(buf, ", \"target\": "...)
		buf = append(buf, ids[e.Target]...)
		buf = append(buf, ", \"weight\": "...)
		buf = appendWeight(buf, e.Weight)
		buf = append(buf, '}')
		bw.Write(buf)
	}
	if len(w.Edges) > 0 {
		bw.WriteString("\n     ")
	}
	bw.WriteString("]}")
}

// appendWeight formats a weight in the shortest form that reads back
// exactly, integers without a decimal point.
func appendWeight(buf []byte, w float64) []byte {
	if w == 0 {
		return append(buf, '0')
	}
	if w == math.Trunc(w) && math.Abs(w) < 1e15 {
		return strconv.AppendInt(buf, int64(w), 10)
	}
	return strconv.AppendFloat(buf, w, 'g', -1, 64)
}

func jsonString(s string) []byte {
	b, _ := json.Marshal(s) // a string always encodes
	return b
}

// csvField quotes s for CSV where needed, after neutralising text that
// begins like a spreadsheet formula.
func csvField(s string) string {
	s = safetext.CSV(s)
	if !strings.ContainsAny(s, ",\"\r\n") && strings.TrimSpace(s) == s {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

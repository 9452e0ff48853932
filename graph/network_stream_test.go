package graph_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"testing"

	"github.com/claimnet/claimnet/annotations/gen"
	"github.com/claimnet/claimnet/graph"
)

// genModel compiles a generated dataset of 300 actors, spread over
// several chunks of rows.
func genModel(t testing.TB) *graph.Model {
	t.Helper()
	d, err := gen.Generate(gen.Config{Actors: 300, Claims: 120, Statements: 6000, Sources: 40, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	m, err := graph.Compile(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestWriteNetworkGolden pins the bytes of networks of a generated
// dataset to those of claimnet before the one-mode network was streamed
// (sha256 of `claimnet network` on the same dataset written by gen).
func TestWriteNetworkGolden(t *testing.T) {
	m := genModel(t)
	tests := []struct {
		typ, format string
		opts        graph.NetworkOptions
		want        string
	}{
		{graph.NetworkOneMode, graph.FormatCSV, graph.NetworkOptions{}, "5d7553fc41903e995d68d43cbe309d6d"},
		{graph.NetworkOneMode, graph.FormatJSON, graph.NetworkOptions{}, "7153769166b73a64b1bbb7125cf7a9e6"},
		{graph.NetworkOneMode, graph.FormatMatrix, graph.NetworkOptions{}, "1eae1c2a6880e3e838661e5f879a85dc"},
		{graph.NetworkOneMode, graph.FormatCSV, graph.NetworkOptions{Mode: graph.NodeClaim, Aggregate: graph.AggregateSubtract, Normalize: graph.NormalizeJaccard}, "2ca6a5ec13b10d57352758f93e8868ef"},
		{graph.NetworkOneMode, graph.FormatMatrix, graph.NetworkOptions{Mode: graph.NodeClaim, Aggregate: graph.AggregateSubtract, Normalize: graph.NormalizeJaccard}, "bf94830b66bcaaf688dde1e1e69084e3"},
		{graph.NetworkTwoMode, graph.FormatMatrix, graph.NetworkOptions{}, "c599c83b8e4fa51d397b3300339dabea"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := graph.WriteNetwork(context.Background(), &b, m, tt.typ, tt.format, tt.opts); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b.Bytes())
		if got := hex.EncodeToString(sum[:])[:32]; got != tt.want {
			t.Errorf("%s %s %+v: sha256 %s, want %s", tt.typ, tt.format, tt.opts, got, tt.want)
		}
	}
}

// TestWriteNetworkMatchesMethods: WriteNetwork, which streams one-mode
// networks (the matrix from full rows), writes the bytes of the computed
// Network's writers, for every option, on a generated dataset and on
// DNA's sample.
func TestWriteNetworkMatchesMethods(t *testing.T) {
	models := map[string]*graph.Model{"gen": genModel(t), "dna": sampleModel(t)}
	var optss []graph.NetworkOptions
	for _, mode := range []string{graph.NodeActor, graph.NodeClaim} {
		for _, agg := range graph.OneModeAggregates {
			for _, nz := range graph.OneModeNormalizations {
				optss = append(optss, graph.NetworkOptions{Mode: mode, Aggregate: agg, Normalize: nz})
			}
		}
		optss = append(optss,
			graph.NetworkOptions{Mode: mode, Duplicates: graph.DuplicatesWeek, Isolates: true},
			graph.NetworkOptions{Mode: mode, Aggregate: graph.AggregateIgnore, Duplicates: graph.DuplicatesDocument, Normalize: graph.NormalizeCosine})
	}
	writers := map[string]func(*graph.Network, io.Writer) error{
		graph.FormatCSV: (*graph.Network).WriteCSV, graph.FormatJSON: (*graph.Network).WriteJSON, graph.FormatMatrix: (*graph.Network).WriteMatrixCSV,
	}
	ctx := context.Background()
	for name, m := range models {
		for _, o := range optss {
			n, err := graph.OneMode(ctx, m, o)
			if err != nil {
				t.Fatal(err)
			}
			for format, write := range writers {
				var want, got bytes.Buffer
				if err := write(n, &want); err != nil {
					t.Fatal(err)
				}
				if err := graph.WriteNetwork(ctx, &got, m, graph.NetworkOneMode, format, o); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Errorf("%s %+v %s: WriteNetwork wrote %d bytes that differ from the Network's %d", name, o, format, got.Len(), want.Len())
				}
			}
		}
		for _, nz := range graph.TwoModeNormalizations {
			o := graph.NetworkOptions{Normalize: nz}
			n, err := graph.TwoModeNetwork(ctx, m, o)
			if err != nil {
				t.Fatal(err)
			}
			for format, write := range writers {
				var want, got bytes.Buffer
				if err := write(n, &want); err != nil {
					t.Fatal(err)
				}
				if err := graph.WriteNetwork(ctx, &got, m, graph.NetworkTwoMode, format, o); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Errorf("%s two-mode %+v %s: WriteNetwork differs from the Network's writer", name, o, format)
				}
			}
		}
	}
}

// cancelOnWrite cancels a context at its first write and counts bytes.
type cancelOnWrite struct {
	cancel func()
	n      int
}

func (w *cancelOnWrite) Write(p []byte) (int, error) {
	w.cancel()
	w.n += len(p)
	return len(p), nil
}

// TestWriteNetworkStreams: the one-mode network is written while it is
// computed, so output starts before the last rows are done; cancelling
// at the first write stops the computation with the context's error, the
// rest unwritten.
func TestWriteNetworkStreams(t *testing.T) {
	m := genModel(t)
	var full bytes.Buffer
	if err := graph.WriteNetwork(context.Background(), &full, m, graph.NetworkOneMode, graph.FormatCSV, graph.NetworkOptions{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := &cancelOnWrite{cancel: cancel}
	err := graph.WriteNetwork(ctx, w, m, graph.NetworkOneMode, graph.FormatCSV, graph.NetworkOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if w.n == 0 || w.n >= full.Len() {
		t.Errorf("wrote %d of %d bytes before stopping, want some but not all", w.n, full.Len())
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteNetworkErrors(t *testing.T) {
	m := genModel(t)
	for _, format := range graph.NetworkFormats {
		err := graph.WriteNetwork(context.Background(), failWriter{}, m, graph.NetworkOneMode, format, graph.NetworkOptions{})
		if err == nil || err.Error() != "write network: disk full" {
			t.Errorf("%s: error %v, want write network: disk full", format, err)
		}
	}
	for _, tt := range []struct{ typ, format string }{{"threemode", graph.FormatCSV}, {graph.NetworkOneMode, "xml"}} {
		if err := graph.WriteNetwork(context.Background(), io.Discard, m, tt.typ, tt.format, graph.NetworkOptions{}); !errors.Is(err, graph.ErrNetworkOption) {
			t.Errorf("%s %s: error %v, want ErrNetworkOption", tt.typ, tt.format, err)
		}
	}
	var b bytes.Buffer
	err := graph.WriteNetwork(context.Background(), &b, m, graph.NetworkOneMode, graph.FormatJSON, graph.NetworkOptions{Aggregate: "sum"})
	if !errors.Is(err, graph.ErrNetworkOption) || b.Len() > 0 {
		t.Errorf("bad option: error %v after %d bytes, want ErrNetworkOption before any", err, b.Len())
	}
}

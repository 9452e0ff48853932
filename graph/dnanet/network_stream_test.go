package dnanet_test

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
	"github.com/claimnet/claimnet/graph/dnanet"
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
		opts        dnanet.NetworkOptions
		want        string
	}{
		{dnanet.NetworkOneMode, dnanet.FormatCSV, dnanet.NetworkOptions{}, "5d7553fc41903e995d68d43cbe309d6d"},
		{dnanet.NetworkOneMode, dnanet.FormatJSON, dnanet.NetworkOptions{}, "7153769166b73a64b1bbb7125cf7a9e6"},
		{dnanet.NetworkOneMode, dnanet.FormatMatrix, dnanet.NetworkOptions{}, "1eae1c2a6880e3e838661e5f879a85dc"},
		{dnanet.NetworkOneMode, dnanet.FormatCSV, dnanet.NetworkOptions{Mode: dnanet.NodeClaim, Aggregate: dnanet.AggregateSubtract, Normalize: dnanet.NormalizeJaccard}, "2ca6a5ec13b10d57352758f93e8868ef"},
		{dnanet.NetworkOneMode, dnanet.FormatMatrix, dnanet.NetworkOptions{Mode: dnanet.NodeClaim, Aggregate: dnanet.AggregateSubtract, Normalize: dnanet.NormalizeJaccard}, "bf94830b66bcaaf688dde1e1e69084e3"},
		{dnanet.NetworkTwoMode, dnanet.FormatMatrix, dnanet.NetworkOptions{}, "c599c83b8e4fa51d397b3300339dabea"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := dnanet.WriteNetwork(context.Background(), &b, m, tt.typ, tt.format, tt.opts); err != nil {
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
	var optss []dnanet.NetworkOptions
	for _, mode := range []string{dnanet.NodeActor, dnanet.NodeClaim} {
		for _, agg := range dnanet.OneModeAggregates {
			for _, nz := range dnanet.OneModeNormalizations {
				optss = append(optss, dnanet.NetworkOptions{Mode: mode, Aggregate: agg, Normalize: nz})
			}
		}
		optss = append(optss,
			dnanet.NetworkOptions{Mode: mode, Duplicates: dnanet.DuplicatesWeek, Isolates: true},
			dnanet.NetworkOptions{Mode: mode, Aggregate: dnanet.AggregateIgnore, Duplicates: dnanet.DuplicatesDocument, Normalize: dnanet.NormalizeCosine})
	}
	writers := map[string]func(*dnanet.Network, io.Writer) error{
		dnanet.FormatCSV: (*dnanet.Network).WriteCSV, dnanet.FormatJSON: (*dnanet.Network).WriteJSON, dnanet.FormatMatrix: (*dnanet.Network).WriteMatrixCSV,
	}
	ctx := context.Background()
	for name, m := range models {
		for _, o := range optss {
			n, err := dnanet.OneMode(ctx, m, o)
			if err != nil {
				t.Fatal(err)
			}
			for format, write := range writers {
				var want, got bytes.Buffer
				if err := write(n, &want); err != nil {
					t.Fatal(err)
				}
				if err := dnanet.WriteNetwork(ctx, &got, m, dnanet.NetworkOneMode, format, o); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Errorf("%s %+v %s: WriteNetwork wrote %d bytes that differ from the Network's %d", name, o, format, got.Len(), want.Len())
				}
			}
		}
		for _, nz := range dnanet.TwoModeNormalizations {
			o := dnanet.NetworkOptions{Normalize: nz}
			n, err := dnanet.TwoModeNetwork(ctx, m, o)
			if err != nil {
				t.Fatal(err)
			}
			for format, write := range writers {
				var want, got bytes.Buffer
				if err := write(n, &want); err != nil {
					t.Fatal(err)
				}
				if err := dnanet.WriteNetwork(ctx, &got, m, dnanet.NetworkTwoMode, format, o); err != nil {
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
	if err := dnanet.WriteNetwork(context.Background(), &full, m, dnanet.NetworkOneMode, dnanet.FormatCSV, dnanet.NetworkOptions{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := &cancelOnWrite{cancel: cancel}
	err := dnanet.WriteNetwork(ctx, w, m, dnanet.NetworkOneMode, dnanet.FormatCSV, dnanet.NetworkOptions{})
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
	for _, format := range dnanet.NetworkFormats {
		err := dnanet.WriteNetwork(context.Background(), failWriter{}, m, dnanet.NetworkOneMode, format, dnanet.NetworkOptions{})
		if err == nil || err.Error() != "write network: disk full" {
			t.Errorf("%s: error %v, want write network: disk full", format, err)
		}
	}
	for _, tt := range []struct{ typ, format string }{{"threemode", dnanet.FormatCSV}, {dnanet.NetworkOneMode, "xml"}} {
		if err := dnanet.WriteNetwork(context.Background(), io.Discard, m, tt.typ, tt.format, dnanet.NetworkOptions{}); !errors.Is(err, dnanet.ErrNetworkOption) {
			t.Errorf("%s %s: error %v, want ErrNetworkOption", tt.typ, tt.format, err)
		}
	}
	var b bytes.Buffer
	err := dnanet.WriteNetwork(context.Background(), &b, m, dnanet.NetworkOneMode, dnanet.FormatJSON, dnanet.NetworkOptions{Aggregate: "sum"})
	if !errors.Is(err, dnanet.ErrNetworkOption) || b.Len() > 0 {
		t.Errorf("bad option: error %v after %d bytes, want ErrNetworkOption before any", err, b.Len())
	}
}

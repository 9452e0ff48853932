package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimnet/claimnet/graph/render"
)

// TestRendererFallsBack: when claimnet cannot start itself as the Graphviz
// worker (its executable is gone), figures are laid out in-process, the
// same bytes as a worker draws.
func TestRendererFallsBack(t *testing.T) {
	ctx := context.Background()
	m, an := builtInAnalysed(t)
	f, err := render.Build(ctx, m, an, render.Options{Top: 10})
	if err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var svgs [2]bytes.Buffer
	for i, path := range []string{exe, filepath.Join(t.TempDir(), "claimnet-removed")} {
		r, err := rendererWith(ctx, path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if err := r.Render(ctx, f, render.FormatSVG, &svgs[i]); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		r.Close()
	}
	if svgs[0].Len() == 0 || !bytes.Equal(svgs[0].Bytes(), svgs[1].Bytes()) {
		t.Errorf("the worker drew %d bytes, the fallback %d, not the same", svgs[0].Len(), svgs[1].Len())
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRenderMultiplesPositions: --positions with small multiples writes
// the one layout of the panels, by actor id, not the panels' copies.
func TestRenderMultiplesPositions(t *testing.T) {
	dir := t.TempDir()
	pos := filepath.Join(dir, "layout.json")
	code, _, errOut := runCLI(t, "render", "actors", "--window", "5d", "--step", "5d", "--from", "2025-10-29",
		"--min-weight", "3", "--positions", pos, "-o", filepath.Join(dir, "f.svg"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(pos)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"actor:islamic-emirate"`) || strings.Contains(string(b), `"w1/`) {
		t.Errorf("positions file is not the one layout by actor id:\n%s", b)
	}
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
)

// TestImportCSVRoundTrip: export --format statements, import csv, export
// again: the same table, and check accepts the imported dataset.
func TestImportCSVRoundTrip(t *testing.T) {
	dir := t.TempDir()
	table := filepath.Join(dir, "statements.csv")
	if code, _, stderr := runCLI(t, "export", "--format", "statements", "-o", table); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	data := filepath.Join(dir, "data")
	code, stdout, stderr := runCLI(t, "import", "csv", table, "-o", data)
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%d statements (0 without a quote)", len(d.Statements)); !strings.Contains(stdout, want) {
		t.Errorf("import said %q", stdout)
	}
	if code, _, stderr := runCLI(t, "check", data); code != 0 {
		t.Errorf("check: exit %d: %s", code, stderr)
	}
	again := filepath.Join(dir, "again.csv")
	if code, _, stderr := runCLI(t, "export", "--format", "statements", "-o", again, data); code != 0 {
		t.Fatalf("export again: exit %d: %s", code, stderr)
	}
	// The same rows; the dataset's files are by source id, so the order
	// of the sources can differ.
	a, _ := os.ReadFile(table)
	b, _ := os.ReadFile(again)
	ra, rb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	slices.Sort(ra)
	slices.Sort(rb)
	if !slices.Equal(ra, rb) || len(ra) < 176 {
		t.Error("the table exported from the imported dataset has other rows")
	}
}

func TestImportCSVErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("Organisation,concept,agreement\nA,X,1\nB,X,perhaps\n,Y,0\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, _, stderr := runCLI(t, "import", "csv", "--header", "actor=Organisation", bad, "-o", out)
	if code != 1 || !strings.Contains(stderr, "bad.csv:3:3: stance \"perhaps\"") || !strings.Contains(stderr, "bad.csv:4:1: empty actor") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a bad table wrote the dataset")
	}
	// Quote-less rows import, and check --corpus names them.
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("actor,claim,stance,date\nA,X,agree,2025-01-02\n"), 0o644)
	if code, _, stderr := runCLI(t, "import", "csv", good, "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, _, stderr = runCLI(t, "check", "--corpus", dir, out)
	if code != 1 || !strings.Contains(stderr, "statement has no quote") {
		t.Errorf("check --corpus: exit %d, stderr %s", code, stderr)
	}
	for _, args := range [][]string{
		{"import", "csv", good},
		{"import", "csv", "--header", "actor", good, "-o", out + "2"},
		{"import", "csv", "--header", "org=A", good, "-o", out + "3"},
	} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/internal/testutil"
)

func TestReportCommand(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string // stderr contains this
	}{
		{"negative top", []string{"report", "--top", "-1"}, 2, "--top must not be negative"},
		{"bad date", []string{"report", "--from", "yesterday"}, 2, "from"},
		{"window backwards", []string{"report", "--from", "2025-11-02", "--to", "2025-11-01"}, 2, "after"},
		{"two datasets", []string{"report", "a", "b"}, 2, "accepts at most 1 arg"},
		{"no dataset", []string{"report", "does-not-exist"}, 1, "does-not-exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.err) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tc.code, tc.err)
			}
		})
	}
}

func TestReportOutput(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "r.html")
	if code, _, errOut := runCLI(t, "report", "--top", "8", "--from", "2025-11-03", "-o", p); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	first, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!DOCTYPE html>", "<title>claimnet report: istanbul-2025</title>", "statements dated 2025-11-03..", `id="cn-data"`} {
		if !bytes.Contains(first, []byte(want)) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// Not replaced without --force; with it, the same bytes again.
	if code, _, errOut := runCLI(t, "report", "--top", "8", "-o", p); code != 1 || !strings.Contains(errOut, "--force") {
		t.Fatalf("exit %d, stderr %q; want 1 and a hint at --force", code, errOut)
	}
	if code, _, errOut := runCLI(t, "report", "--top", "8", "--from", "2025-11-03", "-o", p, "--force"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if again, _ := os.ReadFile(p); !bytes.Equal(again, first) {
		t.Error("the same flags gave different bytes")
	}
	// A dataset directory, to standard output, titled after the directory.
	ds := testutil.WriteFiles(t, map[string]string{"debate/actors.yaml": tinyDataset, "debate/report.yaml": tinySource})
	code, out, errOut := runCLI(t, "report", "--title", "", filepath.Join(ds, "debate"))
	if code != 0 || !strings.Contains(out, "<title>claimnet report: debate</title>") || !strings.Contains(out, "Khawaja Asif") {
		t.Fatalf("exit %d, stderr %s, output starts %q", code, errOut, out[:min(len(out), 200)])
	}
}

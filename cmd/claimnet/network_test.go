package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/internal/testutil"
)

func TestNetworkCommand(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": tinyDataset, "sub/report.yaml": tinySource})
	existing := filepath.Join(t.TempDir(), "net.csv")
	if err := os.WriteFile(existing, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    string
		stderrHas string
	}{
		{"conflict edge list", []string{"network", "--aggregate", "conflict", data}, 0,
			"source,target,weight\nasif,mujahid,1\n", ""},
		{"congruence has no edge", []string{"network", data}, 0, "source,target,weight\n", ""},
		{"subtract matrix", []string{"network", "--aggregate", "subtract", "--format", "matrix", data}, 0,
			",Khawaja Asif,Zabihullah Mujahid\nKhawaja Asif,0,-1\nZabihullah Mujahid,-1,0\n", ""},
		{"two-mode subtract", []string{"network", "--type", "twomode", "--aggregate", "subtract", data}, 0,
			"source,target,weight\nasif,talks-failed,1\nmujahid,talks-failed,-1\n", ""},
		{"two-mode combine matrix", []string{"network", "--type", "twomode", "--aggregate", "combine", "--format", "matrix", data}, 0,
			",The talks failed.\nKhawaja Asif,1\nZabihullah Mujahid,2\n", ""},
		{"exclusion by name", []string{"network", "--type", "twomode", "--exclude-actor", "Khawaja Asif", data}, 0,
			"source,target,weight\nmujahid,talks-failed,1\n", ""},
		{"window leaves nothing", []string{"network", "--to", "2025-11-01", "--format", "matrix", data}, 0, "\n", ""},
		{"claim mode", []string{"network", "--mode", "claim", "--isolates", "--format", "json", data}, 0,
			"{\n  \"type\": \"onemode\",\n  \"mode\": \"claim\",\n  \"aggregate\": \"congruence\",\n  \"normalize\": \"no\",\n  \"duplicates\": \"include\",\n  \"nodes\": [\n    {\"id\": \"talks-failed\", \"name\": \"The talks failed.\", \"kind\": \"claim\"}\n  ],\n  \"edges\": []\n}\n", ""},
		{"bad type", []string{"network", "--type", "threemode", data}, 2, "", "--type is onemode or twomode"},
		{"bad format", []string{"network", "--format", "xml", data}, 2, "", "--format is csv, matrix, json, graphml or gexf"},
		{"combine is two-mode", []string{"network", "--aggregate", "combine", data}, 2, "", "onemode networks aggregate by"},
		{"activity is two-mode", []string{"network", "--normalize", "activity", data}, 2, "", "normalize by"},
		{"mode is one-mode", []string{"network", "--type", "twomode", "--mode", "claim", data}, 2, "", "--mode is for one-mode"},
		{"unknown exclusion", []string{"network", "--exclude-claim", "nothing", data}, 2, "", `no claim has the id or text "nothing"`},
		{"bad duplicates", []string{"network", "--duplicates", "day", data}, 2, "", "duplicates are include"},
		{"window backwards", []string{"network", "--from", "2025-12-01", "--to", "2025-11-01", data}, 2, "", "is after --to"},
		{"existing output", []string{"network", "-o", existing, data}, 1, "", "file exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if tt.code == 0 && stdout != tt.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, tt.stdout)
			}
			if !strings.Contains(stderr, tt.stderrHas) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.stderrHas)
			}
		})
	}
	if got, _ := os.ReadFile(existing); string(got) != "keep" {
		t.Errorf("existing output was replaced: %q", got)
	}
	code, _, stderr := runCLI(t, "network", "--aggregate", "conflict", "-o", existing, "--force", data)
	if got, _ := os.ReadFile(existing); code != 0 || string(got) != "source,target,weight\nasif,mujahid,1\n" {
		t.Errorf("forced output: exit %d, %q, stderr %s", code, got, stderr)
	}
}

// dnaSample is DNA's own sample database, beside the repository.
func dnaSample(t *testing.T) string {
	t.Helper()
	return testutil.SharedPath(t, "dna", "sample.dna")
}

// TestImportDNAThenNetwork imports DNA's sample database, checks every
// quote against the written corpus, and computes rDNA's test networks
// from the result.
func TestImportDNAThenNetwork(t *testing.T) {
	sample := dnaSample(t)
	dir := filepath.Join(t.TempDir(), "sample")
	code, stdout, stderr := runCLI(t, "import", "dna", sample, "-o", dir)
	if code != 0 || !strings.Contains(stdout, "7 actors, 6 claims, 7 sources, 40 statements\n") {
		t.Fatalf("import: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runCLI(t, "check", "--corpus", filepath.Join(dir, "corpus"), dir)
	if code != 0 || !strings.Contains(stdout, "every quote found") {
		t.Fatalf("check: exit %d\n%s%s", code, stdout, stderr)
	}

	code, stdout, stderr = runCLI(t, "network", "--type", "twomode", "--format", "matrix", dir)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 0 || len(lines) != 8 || strings.Count(lines[0], ",") != 6 {
		t.Fatalf("two-mode matrix: exit %d, %d lines\n%s%s", code, len(lines), stdout, stderr)
	}
	if lines[2] != `"Energy and Environmental Analysis, Inc.",2,0,0,0,2,0` {
		t.Errorf("two-mode matrix row 2: %s", lines[2])
	}

	code, stdout, stderr = runCLI(t, "network", "--aggregate", "ignore", "--format", "json", dir)
	var n struct {
		Type  string
		Nodes []struct{ ID, Name, Kind string }
		Edges []struct {
			Source, Target string
			Weight         float64
		}
	}
	if code != 0 {
		t.Fatalf("one-mode json: exit %d: %s", code, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), &n); err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, e := range n.Edges {
		sum += 2 * e.Weight
	}
	if n.Type != "onemode" || len(n.Nodes) != 7 || sum != 276 {
		t.Errorf("one-mode ignore: type %q, %d nodes, matrix sum %v; want onemode, 7, 276", n.Type, len(n.Nodes), sum)
	}

	code, stdout, stderr = runCLI(t, "network", "--normalize", "average", "--format", "matrix",
		"--exclude-claim", "There should be legislation to regulate emissions.",
		"--exclude-actor", "Senate", "--exclude-actor", "Sierra Club", dir)
	if lines := strings.Split(strings.TrimSpace(stdout), "\n"); code != 0 || len(lines) != 6 {
		t.Errorf("excluded matrix: exit %d\n%s%s", code, stdout, stderr)
	}

	if code, _, stderr := runCLI(t, "import", "dna", sample, "-o", dir); code != 1 || !strings.Contains(stderr, "not empty") {
		t.Errorf("import into a non-empty directory: exit %d, %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "import", "dna", sample, "-o", dir, "--force", "--actor", "person"); code != 0 {
		t.Errorf("forced import: exit %d, %s", code, stderr)
	}
}

func TestImportUsage(t *testing.T) {
	notDNA := testutil.WriteFiles(t, map[string]string{"x.dna": "<dna/>"})
	for _, tc := range []struct {
		args      []string
		code      int
		stderrHas string
	}{
		{[]string{"import"}, 2, "name the format"},
		{[]string{"import", "dna"}, 2, "accepts 1 arg"},
		{[]string{"import", "dna", "x.dna"}, 2, "-o DIR"},
		{[]string{"import", "dna", filepath.Join(notDNA, "x.dna"), "-o", t.TempDir()}, 1, "not a DNA 3 database"},
		{[]string{"import", "dna", filepath.Join(notDNA, "missing.dna"), "-o", t.TempDir()}, 1, "no such file"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.stderrHas) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.stderrHas)
		}
	}
}

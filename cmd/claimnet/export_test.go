package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/internal/testutil"
)

func TestExportCommand(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": tinyDataset, "sub/report.yaml": tinySource})
	for _, tt := range []struct {
		format, prefix string
	}{
		{"json", "{\n  \"version\": \"1\",\n"},
		{"node-link", "{\n  \"directed\": true,\n  \"multigraph\": true,\n"},
		{"graphml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml "},
		{"gexf", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\""},
		{"dot", "digraph claimnet {\n"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "export", "--format", tt.format, data)
			if code != 0 || !strings.HasPrefix(stdout, tt.prefix) {
				t.Errorf("exit %d, stdout starts %q, stderr %s", code, stdout[:min(len(stdout), 80)], stderr)
			}
			if !strings.Contains(stdout, "talks-failed") {
				t.Error("the claim is missing")
			}
		})
	}

	t.Run("per statement and window", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, "export", "--per-statement", "--to", "2025-11-02", data)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var doc struct {
			PerStatement bool `json:"per_statement"`
			Window       struct{ From, To *string }
			Edges        []struct{ Quote string }
		}
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatal(err)
		}
		if !doc.PerStatement || doc.Window.From != nil || doc.Window.To == nil || *doc.Window.To != "2025-11-02" ||
			len(doc.Edges) != 2 || doc.Edges[1].Quote != "the talks will go on" {
			t.Errorf("document: %+v", doc)
		}
	})

	t.Run("files and force", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "net.graphml")
		if code, _, stderr := runCLI(t, "export", "--format", "graphml", "-o", out, data); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		first, err := os.ReadFile(out)
		if err != nil || !strings.Contains(string(first), "<graphml") {
			t.Fatalf("output: %v", err)
		}
		code, _, stderr := runCLI(t, "export", "--format", "graphml", "-o", out, data)
		if code != 1 || !strings.Contains(stderr, "file exists; pass --force to replace it") {
			t.Errorf("second write: exit %d, %s", code, stderr)
		}
		if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, stderr := runCLI(t, "export", "-o", out, "--force", data); code != 0 {
			t.Errorf("forced write: exit %d, %s", code, stderr)
		}
		if b, _ := os.ReadFile(out); !strings.Contains(string(b), "<graphml") {
			t.Error("--force did not replace the file with GraphML (the format of its extension)")
		}
		// A file name that contradicts --format, or names no format, is a
		// usage error.
		if code, _, stderr := runCLI(t, "export", "--format", "dot", "-o", out, "--force", data); code != 2 || !strings.Contains(stderr, "make them agree") {
			t.Errorf("dot into .graphml: exit %d, %s", code, stderr)
		}
		if code, _, stderr := runCLI(t, "export", "-o", filepath.Join(t.TempDir(), "net.xlsx"), data); code != 2 || !strings.Contains(stderr, "does not write .xlsx files") {
			t.Errorf(".xlsx: exit %d, %s", code, stderr)
		}
	})

	t.Run("csv", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "tables")
		if code, _, stderr := runCLI(t, "export", "--format", "csv", "-o", dir, data); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		nodes, err1 := os.ReadFile(filepath.Join(dir, "nodes.csv"))
		edges, err2 := os.ReadFile(filepath.Join(dir, "edges.csv"))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !strings.HasPrefix(string(nodes), "Id,Label,kind,type,is_actor,") || !strings.HasPrefix(string(edges), "Source,Target,Type,Id,Label,Weight,") {
			t.Errorf("headers:\n%s\n%s", strings.SplitN(string(nodes), "\n", 2)[0], strings.SplitN(string(edges), "\n", 2)[0])
		}
		if strings.Count(string(edges), "\n") != 3 {
			t.Errorf("edges.csv:\n%s", edges)
		}
		code, _, stderr := runCLI(t, "export", "--format", "csv", "-o", dir, data)
		if code != 1 || !strings.Contains(stderr, "nodes.csv: file exists") {
			t.Errorf("second csv export: exit %d, %s", code, stderr)
		}
	})

	for _, tt := range []struct {
		name string
		args []string
		has  string
	}{
		{"bad format", []string{"export", "--format", "xlsx", data}, `--format "xlsx": want one of json, node-link, graphml, gexf, csv, dot`},
		{"csv to stdout", []string{"export", "--format", "csv", data}, "give their directory with -o DIR"},
		{"bad size-by", []string{"export", "--format", "gexf", "--size-by", "fame", data}, `--size-by "fame"`},
		{"bad date", []string{"export", "--from", "2025-13-01", data}, "2025-13-01"},
		{"two datasets", []string{"export", data, data}, "accepts at most 1 arg"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != 2 || !strings.Contains(stderr, tt.has) {
				t.Errorf("exit %d, stderr %s; want 2 and %q", code, stderr, tt.has)
			}
		})
	}
}

// TestExportCSVFormulas exports names and texts that a spreadsheet would
// run as formulas: each text cell gets a leading quote, numbers do not.
func TestExportCSVFormulas(t *testing.T) {
	actors := `actors:
  - {id: asif, name: "=HYPERLINK(\"http://x\")", type: person}
  - {id: mujahid, name: "@SUM(A1)", type: person}
claims:
  - {id: talks-failed, text: "-1+2 talks failed"}
`
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": actors, "sub/report.yaml": tinySource})
	dir := filepath.Join(t.TempDir(), "tables")
	if code, _, stderr := runCLI(t, "export", "--format", "csv", "-o", dir, data); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	nodes, err := os.ReadFile(filepath.Join(dir, "nodes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"'=HYPERLINK(""http://x"")"`, `'@SUM(A1)`, `'-1+2 talks failed`} {
		if !strings.Contains(string(nodes), want) {
			t.Errorf("nodes.csv lacks %s:\n%s", want, nodes)
		}
	}
	for _, bad := range []string{",=HYPERLINK", ",@SUM", ",-1+2"} {
		if strings.Contains(string(nodes), bad) {
			t.Errorf("nodes.csv has the raw cell %s", bad)
		}
	}
}

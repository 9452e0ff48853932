package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/internal/testutil"
)

// The two versions of graph/diff's test, which differ in every way diff
// reports.
var (
	diffOld = filepath.Join("..", "..", "graph", "diff", "testdata", "old")
	diffNew = filepath.Join("..", "..", "graph", "diff", "testdata", "new")
)

func TestDiffCommand(t *testing.T) {
	code, stdout, stderr := runCLI(t, "diff", "--measure", "degree", "--rank-threshold", "2", diffOld, diffNew)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Actors: 1 added, 1 removed, 1 changed\n  + a6\n  - a7\n  ~ a1: name \"Amir\" → \"Amir Khan\"\n",
		"Claims: 1 added, 1 removed, 1 changed",
		"Sources: 1 added, 1 removed, 1 changed",
		"Statements: 3 added, 1 removed, 2 changed",
		"  ~ a5 oppose c2 in s1 \"a5 on c2\" (s1.yaml:8:5): stance \"support\" → \"oppose\"\n",
		"Relations: 1 added, 1 removed, 1 changed",
		"  ~ actor a4: rank 3 → 1 (1 → 3)\n",
		"  ~ a3 moved from coalition 1 (a3, a4, a5) to coalition 1 (a1, a2, a3)\n",
		"  + contested now: c2\n",
		"  - no longer contested: c1\n",
		"  + new reversal: a4 on c2\n",
		"  ~ modularity Q 0.375 → 0.319 (-0.056)\n",
		"  ~ polarization 0.417 → 0.287 (-0.130)\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = runCLI(t, "diff", "--markdown", diffOld, diffNew)
	for _, want := range []string{"## claimnet diff: ", "### Statements: 3 added, 1 removed, 2 changed\n\n", "- ➕ `a6`\n", "title “One” → “One (revised)”"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("markdown lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = runCLI(t, "diff", "--json", diffOld, diffNew)
	var got struct {
		Data struct {
			Statements struct {
				Changed []struct {
					Fields []struct{ Name, Old, New string }
				}
			}
		}
		Network struct {
			NewReversals []struct{ Actor, Claim string } `json:"new_reversals"`
		}
	}
	if err := json.Unmarshal([]byte(stdout), &got); code != 0 || err != nil {
		t.Fatalf("exit %d, %v", code, err)
	}
	if len(got.Data.Statements.Changed) != 2 || got.Network.NewReversals[0].Actor != "a4" {
		t.Errorf("json %+v", got)
	}
	if code, stdout, _ := runCLI(t, "diff", diffOld, diffOld); code != 0 || !strings.Contains(stdout, "The annotations are the same.") || !strings.Contains(stdout, "the network did not move") {
		t.Errorf("same dataset: exit %d\n%s", code, stdout)
	}
}

func TestDiffGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		testutil.Missing(t, "git is not installed")
	}
	repo := t.TempDir()
	data := filepath.Join(repo, "data")
	git := func(args ...string) { t.Helper(); testutil.Git(t, repo, args...) }
	put := func(from string) {
		t.Helper()
		if err := os.RemoveAll(data); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(data, os.DirFS(from)); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q")
	put(diffOld)
	git("add", "-A")
	git("commit", "-qm", "old")
	put(diffNew)
	git("add", "-A")
	git("commit", "-qm", "new")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"diff", "--git", "--path", data, "HEAD~1", "HEAD"}, "Statements: 3 added, 1 removed, 2 changed"},
		{[]string{"diff", "--git", "--path", data, "HEAD~1"}, "(working tree)"},
		{[]string{"diff", "--git", "--path", data, "HEAD"}, "The annotations are the same."},
	} {
		code, stdout, stderr := runCLI(t, tc.args...)
		if code != 0 || !strings.Contains(stdout, tc.want) {
			t.Errorf("%v: exit %d, stderr %s, stdout lacks %q:\n%s", tc.args, code, stderr, tc.want, stdout)
		}
	}
	if code, _, stderr := runCLI(t, "diff", "--git", "--path", data, "nope"); code != 1 || !strings.Contains(stderr, "at git revision nope") {
		t.Errorf("unknown revision: exit %d, %s", code, stderr)
	}
}

func TestDiffUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"diff", diffOld}, "diff takes two datasets"},
		{[]string{"diff", "--git"}, "one or two revisions"},
		{[]string{"diff", "--path", "x", diffOld, diffNew}, "--path is only for --git"},
		{[]string{"diff", "--json", "--markdown", diffOld, diffNew}, "give one"},
		{[]string{"diff", "--measure", "fame", diffOld, diffNew}, "--measure \"fame\""},
		{[]string{"diff", "--rank-threshold", "0", diffOld, diffNew}, "at least 1"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}

func TestRenderDiff(t *testing.T) {
	out := filepath.Join(t.TempDir(), "diff.svg")
	code, _, stderr := runCLI(t, "render", "diff", diffOld, diffNew, "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	svg, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<svg", "added (+): in the new version only", "removed (−): in the old version only"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the figure lacks %q", want)
		}
	}
	if strings.Contains(stderr, "note:") {
		t.Errorf("a diff with changes printed %q", stderr)
	}
	// Two versions that are the same: the figure is drawn, and stderr
	// says it marks nothing.
	same := filepath.Join(t.TempDir(), "same.svg")
	code, _, stderr = runCLI(t, "render", "diff", diffOld, diffOld, "-o", same)
	if code != 0 || !strings.Contains(stderr, "hold the same annotations: the figure marks no change") {
		t.Errorf("render diff of one version twice: exit %d, stderr %q; want 0 and a note", code, stderr)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"render", "diff", diffOld}, "render diff takes two datasets"},
		{[]string{"render", "actors", diffOld, diffNew}, "render takes a view and a dataset"},
		{[]string{"render", "diff", diffOld, diffNew, "--layout", "dot"}, "want neato, fdp or sfdp"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code == 0 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want %q", tc.args, code, stderr, tc.want)
		}
	}
}

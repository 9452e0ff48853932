package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	code, out, errOut := runCLI(t, "gen", "--actors", "30", "--claims", "40", "--statements", "500", "--sources", "5", "--seed", "2", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "wrote " + dir + ": 30 actors, 40 claims, 5 sources, 500 statements, 2 relations\n"
	if out != want {
		t.Errorf("stdout = %q, want %q", out, want)
	}
	code, out, errOut = runCLI(t, "check", dir)
	if code != 0 || !strings.Contains(out, "500 statements") {
		t.Errorf("check of the generated data: exit %d, %s%s", code, out, errOut)
	}
	first, err := os.ReadFile(filepath.Join(dir, "sources", "source-1.yaml"))
	if err != nil {
		t.Fatal(err)
	}

	// The same flags give the same bytes; a non-empty directory needs --force.
	code, _, errOut = runCLI(t, "gen", "--actors", "30", "--claims", "40", "--statements", "500", "--sources", "5", "--seed", "2", "-o", dir)
	if code != 1 || !strings.Contains(errOut, "not empty; pass --force") {
		t.Errorf("second run without --force: exit %d, %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "gen", "--actors", "30", "--claims", "40", "--statements", "500", "--sources", "5", "--seed", "2", "-o", dir, "--force")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	again, err := os.ReadFile(filepath.Join(dir, "sources", "source-1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if string(first) != string(again) {
		t.Error("same flags, different files")
	}
}

func TestGenCommandUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no output", []string{"gen"}, "give it with -o DIR"},
		{"stdout", []string{"gen", "-o", "-"}, "give it with -o DIR"},
		{"zero actors", []string{"gen", "--actors", "0", "-o", "x"}, "actors must be at least 1"},
		{"bad date", []string{"gen", "--from", "2025-13-01", "--to", "2025-12-31", "-o", "x"}, `--from: "2025-13-01" is not a date`},
		{"one bound", []string{"gen", "--from", "2025-01-01", "-o", "x"}, "give both --from and --to"},
		{"argument", []string{"gen", "extra", "-o", "x"}, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.want)
			}
		})
	}
}

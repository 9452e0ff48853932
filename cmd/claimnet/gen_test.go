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

func TestGenCommandShapes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"few-claims", []string{"--shape", "few-claims", "--statements", "3000"}, "20000 actors, 500 claims, 5 sources, 3000 statements"},
		{"override", []string{"--shape", "few-claims", "--actors", "40", "--statements", "300"}, "40 actors, 500 claims, 5 sources, 300 statements"},
		{"uniform", []string{"--shape", "uniform", "--actors", "30", "--claims", "20", "--statements", "300"}, "30 actors, 20 claims"},
		{"knobs", []string{"--exponent", "0.9", "--order", "popular-first", "--stance-split", "0.3", "--actors", "30", "--claims", "20", "--statements", "300"}, "30 actors, 20 claims"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			code, out, errOut := runCLI(t, append([]string{"gen", "--sources", "5", "-o", dir}, tt.args...)...)
			if code != 0 || !strings.Contains(out, tt.want) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and %q", code, out, errOut, tt.want)
			}
			if code, out, errOut := runCLI(t, "check", dir); code != 0 {
				t.Errorf("check: exit %d, %s%s", code, out, errOut)
			}
		})
	}
}

// TestGenCommandLimits: sizes a machine cannot generate, and shape values
// that mean nothing, are usage errors that say what is allowed, not a
// panic or an out-of-memory death.
func TestGenCommandLimits(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"huge statements", []string{"--statements", "9000000000000000000"}, "statements must be at most 10000000"},
		{"huge actors", []string{"--actors", "4000000000"}, "actors must be at most 5000000"},
		{"huge claims", []string{"--claims", "4000000000"}, "claims must be at most 5000000"},
		{"huge sources", []string{"--sources", "1000000"}, "sources must be at most 200000"},
		{"negative statements", []string{"--statements", "-5"}, "statements must not be negative"},
		{"zero sources", []string{"--sources", "0"}, "sources must be at least 1"},
		{"NaN exponent", []string{"--exponent", "NaN"}, `invalid argument "NaN" for "--exponent" flag`},
		{"infinite split", []string{"--stance-split", "Inf"}, `invalid argument "Inf" for "--stance-split" flag`},
		{"split above 1", []string{"--stance-split", "2"}, "want a number from 0 to 1"},
		{"bad order", []string{"--order", "random"}, `not "random"`},
		{"bad shape", []string{"--shape", "round"}, `the shapes are default, uniform, few-claims, many-claims, zipf11, popular-first, not "round"`},
		{"uniform with exponent", []string{"--uniform", "--exponent", "1.2"}, "uniform activity has no exponent"},
		{"shape conflict", []string{"--shape", "zipf11", "--uniform"}, "uniform activity has no exponent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			code, _, errOut := runCLI(t, append([]string{"gen", "-o", dir}, tt.args...)...)
			if code != 2 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.want)
			}
			if _, err := os.Stat(dir); err == nil {
				t.Error("the directory was written")
			}
		})
	}
}

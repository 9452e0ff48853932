package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/internal/testutil"
)

func TestQueryCommand(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": tinyDataset, "sub/report.yaml": tinySource})
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    string
		stderrHas string
	}{
		{"indented by default", []string{"query", `supporters("talks-failed")`, data}, 0, "[\n  \"asif\"\n]\n", ""},
		{"compact", []string{"query", "-c", `{s: supporters("talks-failed"), o: opposers("talks-failed")}`, data}, 0,
			`{"o":["mujahid"],"s":["asif"]}` + "\n", ""},
		{"raw strings", []string{"query", "-r", `statements("asif")[].quote`, data}, 0, "“the talks   have failed”\n", ""},
		{"several results", []string{"query", "-c", `.nodes[].id`, data}, 0, "\"asif\"\n\"mujahid\"\n\"talks-failed\"\n", ""},
		{"path", []string{"query", "-c", `path("asif"; "mujahid")`, data}, 0, `["asif","talks-failed","mujahid"]` + "\n", ""},
		{"arg", []string{"query", "-r", "--arg", "who=mujahid", `node($who).label`, data}, 0, "Zabihullah Mujahid\n", ""},
		{"argjson", []string{"query", "-c", "--argjson", `ids=["asif","mujahid"]`, `[$ids[] | node(.).statements]`, data}, 0, "[1,1]\n", ""},
		{"window", []string{"query", "--from", "2025-11-03", `.statements | length`, data}, 0, "0\n", ""},
		{"built-in dataset", []string{"query", `.version`}, 0, "\"1\"\n", ""},
		{"halt", []string{"query", `1, halt, 2`, data}, 0, "1\n", ""},
		{"syntax error", []string{"query", `.nodes[] | select(.kind == ]`, data}, 1, "",
			"claimnet: query:1:28: unexpected token \"]\"\n    .nodes[] | select(.kind == ]\n                               ^\n"},
		{"undefined function", []string{"query", `nosuch`, data}, 1, "", "claimnet: query: function not defined: nosuch/0\n"},
		{"runtime error", []string{"query", `neighbors("nobody")`, data}, 1, "", `claimnet: query: neighbors: no node "nobody"`},
		{"halt_error", []string{"query", `"stop here\n" | halt_error`, data}, 1, "", "stop here\n"},
		{"timeout", []string{"query", "--timeout", "100ms", `last(range(1e12))`, data}, 1, "", "claimnet: query: gave up after --timeout 100ms\n"},
		{"no program", []string{"query"}, 2, "", "accepts between 1 and 2 arg(s)"},
		{"bad arg", []string{"query", `.`, data, "--arg", "who"}, 2, "", `--arg "who": want NAME VALUE (or NAME=VALUE)`},
		{"bad argjson", []string{"query", "--argjson", "x={", `.`, data}, 2, "", "--argjson x: not JSON"},
		{"bad timeout", []string{"query", "--timeout", "0s", `.`, data}, 2, "", "--timeout 0s: need a positive duration"},
		{"window backwards", []string{"query", "--from", "2025-11-05", "--to", "2025-11-01", `.`, data}, 2, "", "--from 2025-11-05 is after --to 2025-11-01"},
		{"bad dataset", []string{"query", `.`, data + "/nope"}, 1, "", "nope"},
		{"syntax error before loading", []string{"query", `.[`, data + "/nope"}, 1, "", "claimnet: query:1:3: unexpected EOF\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if tt.code == 0 && stdout != tt.stdout {
				t.Errorf("stdout\n%q\nwant\n%q", stdout, tt.stdout)
			}
			if !strings.Contains(stderr, tt.stderrHas) {
				t.Errorf("stderr\n%s\nwant it to contain\n%s", stderr, tt.stderrHas)
			}
		})
	}
}

// TestQueryJQStyleArgs checks jq's two-word --arg and --argjson beside
// claimnet's NAME=VALUE form.
func TestQueryJQStyleArgs(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"query", "-c", "--arg", "c", "kabul-shelters-ttp", "[$c]"}, `["kabul-shelters-ttp"]` + "\n"},
		{[]string{"query", "-c", "--arg", "c=kabul-shelters-ttp", "[$c]"}, `["kabul-shelters-ttp"]` + "\n"},
		{[]string{"query", "-r", "--arg", "x", "a=b", "$x"}, "a=b\n"},
		{[]string{"query", "-c", "--argjson", "n", "[1,2]", "--arg", "s", "t", "[$n, $s]"}, `[[1,2],"t"]` + "\n"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, tt.args...)
		if code != 0 || stdout != tt.want {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %q", tt.args, code, stdout, stderr, tt.want)
		}
	}
}

// TestMain lets the test binary be the query child process and the
// Graphviz worker: claimnet re-executes its own executable for both,
// which under go test is this binary.
func TestMain(m *testing.M) {
	if inGraphvizWorker() {
		os.Exit(serveGraphviz())
	}
	if inQueryChild() {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestQueryLimits runs programs that need unbounded memory or nest values
// deeper than the stack allows: each must end with a one-line error and
// exit 1, never a Go stack trace or the machine's memory.
func TestQueryLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("runs programs until they hit their limits")
	}
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    string
		stderrHas string
	}{
		{"unbounded string", []string{"query", "--max-memory", "256MiB", `"x" | until(length > 1e10; . + .)`}, 1, "",
			"claimnet: query: the program needs more than --max-memory 256MiB\n"},
		{"unbounded array", []string{"query", "--max-memory", "256MiB", `[range(1e9)] | length`}, 1, "",
			"claimnet: query: the program needs more than --max-memory 256MiB\n"},
		{"deep nesting", []string{"query", "--max-memory", "1GiB", `null | setpath([range(5e5) | 0]; 1) | . == .`}, 1, "",
			"claimnet: query: the program nests too deeply: it needs more than the 64MiB stack of --max-memory 1GiB\n"},
		{"no limit", []string{"query", "--max-memory", "0", `.version`}, 0, "\"1\"\n", ""},
		{"bad size", []string{"query", "--max-memory", "lots", `.version`}, 2, "", `"lots" is not a size`},
		{"negative size", []string{"query", "--max-memory", "-1GiB", `.version`}, 2, "", `"-1GiB" is not a size`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code || stdout != tt.stdout && tt.stdout != "" {
				t.Errorf("exit %d, stdout %q; want %d, %q; stderr:\n%s", code, stdout, tt.code, tt.stdout, stderr)
			}
			if !strings.Contains(stderr, tt.stderrHas) {
				t.Errorf("stderr\n%s\nwant it to contain\n%s", stderr, tt.stderrHas)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "fatal error") {
				t.Errorf("stderr has the runtime's crash report:\n%s", stderr)
			}
		})
	}
}

// TestQueryTimeoutIsTheRun checks that --timeout counts the program's run
// only: loading and analysing the built-in dataset takes longer than 10ms.
func TestQueryTimeoutIsTheRun(t *testing.T) {
	code, stdout, stderr := runCLI(t, "query", "--timeout", "10ms", ".version")
	if code != 0 || stdout != "\"1\"\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestByteSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		str  string
	}{
		{"0", 0, "0B"},
		{"1048576", 1 << 20, "1MiB"},
		{"512MiB", 512 << 20, "512MiB"},
		{"4GiB", 4 << 30, "4GiB"},
		{"4g", 4 << 30, "4GiB"},
		{"1.5GB", 3 << 29, "1.5GiB"},
		{"100 K", 100 << 10, "100KiB"},
		{"1T", 1 << 40, "1TiB"},
	} {
		var b byteSize
		if err := b.Set(tt.in); err != nil || int64(b) != tt.want || b.String() != tt.str {
			t.Errorf("Set(%q): %d %q %v, want %d %q", tt.in, int64(b), b.String(), err, tt.want, tt.str)
		}
	}
	for _, bad := range []string{"", "GiB", "-1", "NaN", "1e30", "1XB", "lots"} {
		var b byteSize
		if err := b.Set(bad); err == nil {
			t.Errorf("Set(%q) = %d, want an error", bad, int64(b))
		}
	}
}

// TestCrashError checks how the runtime's reports of a crashed query
// process become one-line errors.
func TestCrashError(t *testing.T) {
	for _, tt := range []struct{ report, want string }{
		{"runtime: goroutine stack exceeds 67108864-byte limit\nruntime: sp=0x1\nfatal error: stack overflow\n\ngoroutine 1 [running]:\n",
			"query: the program nests too deeply: it needs more than the 64MiB stack of --max-memory 1GiB"},
		{"runtime: out of memory: cannot allocate 1073741824-byte block\nfatal error: out of memory\n",
			"query: the program needs more than --max-memory 1GiB"},
		{"runtime: failed to create new OS thread (have 5 already; errno=12)\nfatal error: newosproc\n",
			"query: the program needs more than --max-memory 1GiB"},
		{"fatal error: concurrent map writes\n\ngoroutine 7 [running]:\n", "query: the query process failed: concurrent map writes"},
		{"", "query: the query process ended without an answer"},
	} {
		if got := crashError([]byte(tt.report), nil, 1<<30).Error(); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%q: %q, want %q", tt.report, got, tt.want)
		}
	}
}

// TestHoldWriter checks that the child's standard error is held until
// released, and passed through once it outgrows the hold.
func TestHoldWriter(t *testing.T) {
	var dst strings.Builder
	h := &holdWriter{dst: &dst, max: 8}
	h.Write([]byte("abc"))
	if dst.Len() != 0 || string(h.held()) != "abc" {
		t.Fatalf("held %q, passed %q", h.held(), dst.String())
	}
	h.Write([]byte("defghij"))
	h.Write([]byte("k"))
	if dst.String() != "abcdefghijk" || len(h.held()) != 0 {
		t.Fatalf("held %q, passed %q", h.held(), dst.String())
	}
	if err := h.release(); err != nil || dst.String() != "abcdefghijk" {
		t.Fatalf("release: %v, %q", err, dst.String())
	}
}

// TestQueryLimitsBinary builds claimnet and runs the two kinds of
// runaway program through it, as a user would.
func TestQueryLimitsBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds claimnet")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build claimnet with")
	}
	bin := filepath.Join(t.TempDir(), "claimnet")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"query", "--max-memory", "256MiB", `"x" | until(length > 1e10; . + .)`},
			"claimnet: query: the program needs more than --max-memory 256MiB\n"},
		{[]string{"query", "--max-memory", "1GiB", `null | setpath([range(5e5) | 0]; 1) | . == .`},
			"claimnet: query: the program nests too deeply: it needs more than the 64MiB stack of --max-memory 1GiB\n"},
	} {
		cmd := exec.Command(bin, tt.args...)
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || stderr.String() != tt.want || stdout.Len() != 0 {
			t.Errorf("%q: %v, stdout %q, stderr %q; want exit 1 and %q", tt.args, err, stdout.String(), stderr.String(), tt.want)
		}
	}
}

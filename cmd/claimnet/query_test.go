package main

import (
	"strings"
	"testing"
)

func TestQueryCommand(t *testing.T) {
	data := writeFiles(t, map[string]string{"a.yaml": tinyDataset, "sub/report.yaml": tinySource})
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

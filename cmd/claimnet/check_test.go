package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/internal/testutil"
)

// runCLI runs the command line in-process and returns its exit status
// and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

const tinyDataset = `actors:
  - {id: asif, name: Khawaja Asif, type: person}
  - {id: mujahid, name: Zabihullah Mujahid, type: person}
claims:
  - {id: talks-failed, text: The talks failed.}
`

const tinySource = `source:
  id: report
  title: Report
  published: 2025-11-02
  file: report.txt
statements:
  - actor: asif
    claim: talks-failed
    stance: support
    quote: “the talks   have failed”
  - actor: mujahid
    claim: talks-failed
    stance: oppose
    quote: the talks will go on
`

func TestCheckCommand(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": tinyDataset, "sub/report.yaml": tinySource})
	corpus := testutil.WriteFiles(t, map[string]string{"report.txt": "He said \"the talks\nhave failed\" on Sunday. Mujahid said the talks would go on."})
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    string
		stderrHas string
	}{
		{"valid", []string{"check", data}, 0, "ok: " + data + ": 2 actors, 1 claims, 1 sources, 2 statements, 0 relations\n", ""},
		{"quote missing in corpus", []string{"check", "--corpus", corpus, data}, 1, "",
			"sub/report.yaml:11:5: quote not found in report.txt: \"the talks will go on\" (matches up to \"the talks w\", then the source has \"ould go on.\" where the quote has \"ill go on\")\n1 problem\n"},
		{"corpus not a directory", []string{"check", "--corpus", filepath.Join(corpus, "nope"), data}, 2, "", "--corpus"},
		{"too many arguments", []string{"check", data, data}, 2, "", "accepts at most 1 arg"},
		{"unknown flag", []string{"check", "--nope"}, 2, "", "unknown flag: --nope"},
		{"missing dataset", []string{"check", filepath.Join(data, "missing")}, 1, "", "no such file or directory"},
		{"built-in dataset", []string{"check"}, 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if tt.stdout != "" && stdout != tt.stdout {
				t.Errorf("stdout = %q, want %q", stdout, tt.stdout)
			}
			if !strings.Contains(stderr, tt.stderrHas) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.stderrHas)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("stack trace on stderr: %s", stderr)
			}
		})
	}
}

func TestCheckReportsAllProblems(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{
		"a.yaml": tinyDataset,
		"b.yaml": "claims:\n  - {id: c2, text: T, supports: [talks-faild]}\nstatements:\n  - {actor: asif, claim: c2, stance: maybe, quote: q, source: report}\n",
	})
	code, _, stderr := runCLI(t, "check", data)
	want := `b.yaml:2:5: supports "talks-faild" is not a known claim (did you mean "talks-failed"?)
b.yaml:4:5: source "report" is not a known source (declare the source or correct the id)
b.yaml:4:38: "maybe" is not a valid stance (one of: support, oppose)
3 problems
`
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
}

func TestStatsJSON(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": tinyDataset, "report.yaml": tinySource})
	code, stdout, _ := runCLI(t, "stats", "--json", data)
	var got map[string]int
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || code != 0 {
		t.Fatalf("exit %d, output %q: %v", code, stdout, err)
	}
	want := map[string]int{"actors": 2, "claims": 1, "sources": 1, "statements": 2, "relations": 0}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %d, want %d", k, got[k], v)
		}
	}
}

package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPolarizationCommand(t *testing.T) {
	sample := dnaSample(t)
	data := t.TempDir() + "/sample"
	if code, _, stderr := runCLI(t, "import", "dna", sample, "-o", data); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "polarization", "--algorithm", "genetic", "--normalize", "--seed", "1234", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "polarization 0.5342493 (normalised, genetic, 2 groups, seed 1234") || !strings.Contains(stdout, "Sierra Club") {
		t.Errorf("stdout:\n%s", stdout)
	}
	code, stdout, stderr = runCLI(t, "polarization", "--json", data)
	if code != 0 {
		t.Fatalf("json: exit %d: %s", code, stderr)
	}
	var r struct {
		Score  float64    `json:"score"`
		Groups [][]string `json:"groups"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 2 || len(r.Groups[0])+len(r.Groups[1]) != 7 || r.Score <= 0 {
		t.Errorf("json result %+v", r)
	}
	for _, bad := range [][]string{
		{"polarization", "--algorithm", "annealing", data},
		{"polarization", "--clusters", "1", data},
		{"polarization", "--elite", "0", data},
	} {
		if code, _, _ := runCLI(t, bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

func TestPolarizationWindows(t *testing.T) {
	code, stdout, stderr := runCLI(t, "polarization", "--window", "4d", "--kernel", "uniform")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if lines[0] != "start,mid,end,polarization" || len(lines) < 10 {
		t.Errorf("output %q", lines)
	}
	if code, _, _ := runCLI(t, "polarization", "--step", "2d"); code != 2 {
		t.Errorf("--step without --window: exit %d", code)
	}
}

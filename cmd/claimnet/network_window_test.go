package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestNetworkWindowCommand(t *testing.T) {
	code, stdout, stderr := runCLI(t, "network", "--window", "3d", "--kernel", "uniform", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s struct {
		Size    string   `json:"size"`
		Kernel  string   `json:"kernel"`
		Notes   []string `json:"notes"`
		Windows []struct {
			Start, Mid, End string
			Nodes           []struct{ ID string }
			Edges           []struct {
				Source, Target string
				Weight         float64
			}
		} `json:"windows"`
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if s.Size != "4d" || s.Kernel != "uniform" || len(s.Notes) != 1 || len(s.Windows) == 0 {
		t.Errorf("size %s kernel %s notes %q, %d windows", s.Size, s.Kernel, s.Notes, len(s.Windows))
	}
	edges := 0
	for _, w := range s.Windows {
		edges += len(w.Edges)
	}
	if edges == 0 {
		t.Error("no edges in any window")
	}

	code, stdout, stderr = runCLI(t, "network", "--window", "7d", "--step", "7d")
	if code != 0 {
		t.Fatalf("csv: exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if lines[0] != "start,mid,end,source,target,weight" || len(lines) < 2 || strings.Count(lines[1], ",") != 5 {
		t.Errorf("csv output begins %q", lines[:min(3, len(lines))])
	}
	// Same run, same bytes.
	if _, again, _ := runCLI(t, "network", "--window", "7d", "--step", "7d"); again != stdout {
		t.Error("two runs differ")
	}

	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"network", "--kernel", "gaussian"}, "--kernel needs --window"},
		{[]string{"network", "--window", "30x"}, "--window"},
		{[]string{"network", "--window", "30d", "--step", "0d"}, "--step"},
		{[]string{"network", "--window", "30d", "--kernel", "cosine"}, "--kernel is none"},
		{[]string{"network", "--window", "30d", "--format", "matrix"}, "--format with --window is csv or json"},
		{[]string{"network", "--window", "30d", "--aggregate", "combine"}, "aggregate by"},
	} {
		code, _, stderr := runCLI(t, tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.msg) {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", tt.args, code, stderr, tt.msg)
		}
	}
}

func TestAnalyseWindowCommand(t *testing.T) {
	code, stdout, stderr := runCLI(t, "analyse", "--window", "7d", "--step", "3d")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s struct {
		Size    string `json:"size"`
		Windows []struct {
			Mid      string `json:"mid"`
			Analysis struct {
				Actors []struct {
					ID         string             `json:"id"`
					Centrality map[string]float64 `json:"centrality"`
				} `json:"actors"`
				Coalitions struct {
					Groups [][]string `json:"groups"`
				} `json:"coalitions"`
			} `json:"analysis"`
		} `json:"windows"`
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	if s.Size != "7d" || len(s.Windows) != 6 || s.Windows[0].Mid != "2025-10-22" {
		t.Fatalf("size %s, %d windows, first %+v", s.Size, len(s.Windows), s.Windows[0].Mid)
	}
	last := s.Windows[len(s.Windows)-1].Analysis
	if len(last.Actors) == 0 || len(last.Coalitions.Groups) == 0 || last.Actors[0].Centrality["degree"] == 0 && last.Actors[1].Centrality["degree"] == 0 {
		t.Errorf("last window's analysis is empty: %+v", last)
	}
	for _, args := range [][]string{{"analyse", "--step", "3d"}, {"analyse", "--window", "7"}} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestNetworkGraphMLByExtension(t *testing.T) {
	out := t.TempDir() + "/net.graphml"
	if code, _, stderr := runCLI(t, "network", "--aggregate", "conflict", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), `<graphml xmlns=`) || !strings.Contains(string(b), `<data key="coalition">`) {
		t.Errorf("not GraphML with coalitions: %v\n%.300s", err, b)
	}
	code, stdout, _ := runCLI(t, "network", "--format", "gexf", "--type", "twomode")
	if code != 0 || !strings.Contains(stdout, `<gexf xmlns="http://gexf.net/1.3"`) || !strings.Contains(stdout, `weight="`) {
		t.Errorf("gexf: exit %d\n%.300s", code, stdout)
	}
}

func TestAnalyseBackbone(t *testing.T) {
	code, stdout, stderr := runCLI(t, "analyse", "--json", "--backbone", "fixed", "--backbone-size", "5", "--backbone-iterations", "300")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r struct {
		Analysis struct {
			Actors []any `json:"actors"`
		} `json:"analysis"`
		Backbone struct {
			Backbone, Redundant []string
		} `json:"backbone"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Analysis.Actors) == 0 || len(r.Backbone.Backbone) != 5 || len(r.Backbone.Redundant) == 0 {
		t.Errorf("analysis %d actors, backbone %v", len(r.Analysis.Actors), r.Backbone)
	}
	code, stdout, _ = runCLI(t, "analyse", "--backbone", "penalty", "--backbone-iterations", "200")
	if code != 0 || !strings.Contains(stdout, "Backbone (penalty, 200 iterations, seed 1)") {
		t.Errorf("text: exit %d\n%s", code, stdout)
	}
	for _, args := range [][]string{{"analyse", "--backbone", "nested"}, {"analyse", "--backbone-size", "3"}, {"analyse", "--backbone", "fixed"}} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

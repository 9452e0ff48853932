package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/internal/testutil"
)

// reversalDataset is the scenario: Asif opposes the claim on
// 1 October and supports it on 3 October; Mujahid supports it on 2 October.
const reversalDataset = `actors:
  - {id: asif, name: Khawaja Asif, type: person}
  - {id: mujahid, name: Zabihullah Mujahid, type: person}
claims:
  - {id: truce, text: The truce should hold.}
source:
  id: report
  title: Report
  published: 2025-10-01
statements:
  - {actor: asif, claim: truce, stance: oppose, quote: no truce, date: 2025-10-01}
  - {actor: mujahid, claim: truce, stance: support, quote: the truce holds, date: 2025-10-02}
  - {actor: asif, claim: truce, stance: support, quote: the truce may hold, date: 2025-10-03}
`

func TestAnalyseCommand(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": reversalDataset})
	existing := filepath.Join(t.TempDir(), "analysis.json")
	if err := os.WriteFile(existing, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		args      []string
		code      int
		stdoutHas []string
		stderrHas string
	}{
		{"tables", []string{"analyse", data}, 0, []string{
			"2 of 2 actors active, 1 claims",
			"Top actors by degree (statements)\n  1.  Khawaja Asif        2\n  2.  Zabihullah Mujahid  1\n",
			"Contested claims: 1 of 1",
			"  1. The truce should hold.  [0.67]\n     for (2): Khawaja Asif, Zabihullah Mujahid\n     against (1): Khawaja Asif\n",
			"Reversals: 1",
			"Khawaja Asif  The truce should hold.  2025-10-01..2025-10-03",
			"Coalitions: 1 (modularity Q = 0.000",
		}, ""},
		{"window after the first day", []string{"analyze", "--from", "2025-10-02", data}, 0, []string{
			"Contested claims: 0 of 1", "Reversals: 0",
		}, ""},
		{"bad date", []string{"analyse", "--from", "2025-13-01", data}, 2, nil, "is not a date"},
		{"window backwards", []string{"analyse", "--from", "2025-10-03", "--to", "2025-10-01", data}, 2, nil, "is after --to"},
		{"bad top", []string{"analyse", "--top", "0", data}, 2, nil, "--top must be at least 1"},
		{"existing output", []string{"analyse", "-o", existing, data}, 1, nil, "file exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			for _, want := range tt.stdoutHas {
				if !strings.Contains(stdout, want) {
					t.Errorf("stdout does not contain %q:\n%s", want, stdout)
				}
			}
			if !strings.Contains(stderr, tt.stderrHas) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.stderrHas)
			}
		})
	}
}

func TestAnalyseJSON(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": reversalDataset})
	code, stdout, stderr := runCLI(t, "analyse", "--json", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Actors []struct {
			ID         string             `json:"id"`
			Name       string             `json:"name"`
			Centrality map[string]float64 `json:"centrality"`
			Coalition  int                `json:"coalition"`
		} `json:"actors"`
		Claims []struct {
			ID           string   `json:"id"`
			Supporters   []string `json:"supporters"`
			Opposers     []string `json:"opposers"`
			Contested    bool     `json:"contested"`
			Contestation float64  `json:"contestation"`
		} `json:"claims"`
		Reversals []struct{ Actor, Claim string } `json:"reversals"`
		Methods   map[string]string               `json:"methods"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Actors) != 2 || got.Actors[0].ID != "asif" || got.Actors[0].Centrality["degree"] != 2 || len(got.Actors[0].Centrality) != 7 {
		t.Errorf("actors %+v", got.Actors)
	}
	c := got.Claims[0]
	if !c.Contested || strings.Join(c.Supporters, ",") != "asif,mujahid" || strings.Join(c.Opposers, ",") != "asif" {
		t.Errorf("claim %+v", c)
	}
	if len(got.Reversals) != 1 || got.Reversals[0].Actor != "asif" || got.Reversals[0].Claim != "truce" {
		t.Errorf("reversals %+v", got.Reversals)
	}
	if got.Methods["betweenness"] != "exact" {
		t.Errorf("methods %v", got.Methods)
	}
	// The same run again gives the same bytes.
	if _, again, _ := runCLI(t, "analyse", "--json", data); again != stdout {
		t.Error("two runs differ")
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The built-in dataset's statements are dated 19 October to 10 November
// 2025; 5-day windows moving by 5 days are centred on 24 and 29 October
// and 3 and 8 November.
func TestRenderOverTime(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		out  string // the output starts with this
		err  string // stderr contains this
	}{
		{"timeline png", []string{"render", "timeline", "--node", "islamic-emirate", "--window", "5d", "--step", "5d", "--format", "png", "--dpi", "40"}, 0, "\x89PNG", ""},
		{"timeline of a claim", []string{"render", "timeline", "--node", "reciprocal-security-guarantee", "--window", "5d", "--step", "5d", "--format", "dot"}, 0, `digraph "timeline" {`, ""},
		{"multiples", []string{"render", "actors", "--window", "5d", "--step", "5d", "--from", "2025-10-29", "--min-weight", "2", "--format", "dot"}, 0, `digraph "actors" {`, ""},
		{"timeline without window", []string{"render", "timeline", "--node", "islamic-emirate"}, 2, "", "render timeline: --window SIZE is required"},
		{"timeline without node", []string{"render", "timeline", "--window", "5d"}, 2, "", "render timeline: --node ID is required"},
		{"timeline unknown node", []string{"render", "timeline", "--node", "islamic-emirat", "--window", "5d"}, 1, "", `node "islamic-emirat": no actor or claim has this id; did you mean "islamic-emirate"?`},
		{"timeline columns", []string{"render", "timeline", "--node", "islamic-emirate", "--window", "5d", "--columns", "2"}, 2, "", "--columns is for the small multiples"},
		{"window on ego", []string{"render", "ego", "--node", "qatar", "--window", "5d"}, 2, "", "--window is for the actors view (small multiples) and timeline"},
		{"window on the default view", []string{"render", "--window", "5d"}, 2, "", "--window is for the actors view"},
		{"step without window", []string{"render", "actors", "--step", "5d"}, 2, "", "--step needs --window"},
		{"columns without window", []string{"render", "actors", "--columns", "2"}, 2, "", "--columns needs --window"},
		{"bad window", []string{"render", "actors", "--window", "5x"}, 2, "", "--window:"},
		{"no window fits", []string{"render", "actors", "--window", "60d"}, 1, "", "nothing to draw: no window of 60d fits between the first and the last dated statement (2025-10-19 to 2025-11-10)"},
		{"silent node", []string{"render", "timeline", "--node", "islamic-emirate", "--window", "5d", "--step", "5d", "--to", "2025-10-31"}, 1, "", "nothing to draw"},
		{"dot layout", []string{"render", "actors", "--window", "5d", "--layout", "dot"}, 1, "", "small multiples need a layout that keeps positions"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.code, errOut)
			}
			if !strings.HasPrefix(out, tc.out) {
				t.Errorf("output starts %q, want %q", out[:min(len(out), 40)], tc.out)
			}
			if !strings.Contains(errOut, tc.err) {
				t.Errorf("stderr %q does not contain %q", errOut, tc.err)
			}
		})
	}
}

// TestRenderMultiplesPositions: --positions with small multiples writes
// the one layout of the panels, by actor id, not the panels' copies.
func TestRenderMultiplesPositions(t *testing.T) {
	dir := t.TempDir()
	pos := filepath.Join(dir, "layout.json")
	code, _, errOut := runCLI(t, "render", "actors", "--window", "5d", "--step", "5d", "--from", "2025-10-29",
		"--min-weight", "3", "--positions", pos, "-o", filepath.Join(dir, "f.svg"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(pos)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"actor:islamic-emirate"`) || strings.Contains(string(b), `"w1/`) {
		t.Errorf("positions file is not the one layout by actor id:\n%s", b)
	}
}

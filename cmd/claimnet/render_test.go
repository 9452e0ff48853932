package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/internal/testutil"
)

func TestRenderCommand(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		out  string // the output starts with this
		err  string // stderr contains this
	}{
		{"default svg", []string{"render", "--top", "12"}, 0, "<?xml", ""},
		{"actors", []string{"render", "actors", "--min-weight", "2"}, 0, "<?xml", ""},
		{"arguments dot", []string{"render", "arguments", "--format", "dot"}, 0, `digraph "arguments" {`, ""},
		{"ego png", []string{"render", "ego", "--node", "khawaja-asif", "--format", "png"}, 0, "\x89PNG", ""},
		{"positioned", []string{"render", "--top", "12", "--format", "positioned"}, 0, `digraph "actor-claim" {`, ""},
		{"window", []string{"render", "--from", "2025-11-01", "--to", "2025-11-30", "--top", "10"}, 0, "<?xml", ""},
		{"print theme", []string{"render", "--theme", "print", "--top", "8", "--title", "Figure 1"}, 0, "<?xml", ""},
		{"bad view", []string{"render", "pie", "annotations"}, 2, "", `unknown view "pie" (views: actor-claim, actors, arguments, ego)`},
		{"unknown view alone", []string{"render", "bogus"}, 2, "", `unknown view "bogus" (views: actor-claim, actors, arguments, ego)`},
		{"misspelt view", []string{"render", "actros"}, 2, "", `unknown view "actros" (views: actor-claim, actors, arguments, ego); did you mean "actors"?`},
		{"dataset without a view", []string{"render", "."}, 2, "", `the first argument is the view, the dataset comes second: claimnet render actor-claim DATASET`},
		{"ego without node", []string{"render", "ego"}, 2, "", "--node ID is required"},
		{"node outside ego", []string{"render", "--node", "x"}, 2, "", "only for the ego view"},
		{"unknown node", []string{"render", "ego", "--node", "nobody"}, 1, "", "no actor or claim"},
		{"bad format", []string{"render", "--format", "jpeg"}, 2, "", "--format"},
		{"pdf", []string{"render", "--top", "12", "--format", "pdf"}, 0, "%PDF-", ""},
		{"jpg file", []string{"render", "-o", "figure.jpg"}, 2, "", "claimnet does not write .jpg files; give a file name ending in .dot, .gv, .pdf, .png, .svg"},
		{"format against file name", []string{"render", "--format", "svg", "-o", "figure.pdf"}, 2, "", "-o figure.pdf names a pdf file but --format is svg"},
		{"bad width", []string{"render", "--width", "17"}, 2, "", "--width: length \"17\": want a positive number and a unit"},
		{"bad size", []string{"render", "--size", "poster"}, 2, "", "--size \"poster\": want one of column, page, slide"},
		{"min-font without size", []string{"render", "--min-font", "8"}, 2, "", "--min-font is for a figure drawn at a given size"},
		{"too small", []string{"render", "--size", "column"}, 1, "", "below the least size 7 pt"},
		{"empty view", []string{"render", "--from", "2030-01-01"}, 1, "", "nothing to draw: no actor takes a stance on a claim"},
		{"bad layout", []string{"render", "--layout", "twopi"}, 2, "", "--layout"},
		{"bad theme", []string{"render", "--theme", "neon"}, 2, "", "--theme"},
		{"bad size-by", []string{"render", "--size-by", "fame"}, 2, "", "--size-by"},
		{"bad colour", []string{"render", "--color-by", "mood"}, 2, "", "--color-by"},
		{"bad shape", []string{"render", "--shape-by", "side"}, 2, "", `--shape-by "side": want one of type, role, tag, affiliation`},
		{"shape by type", []string{"render", "--top", "12", "--shape-by", "type", "--format", "dot"}, 0, `digraph "actor-claim" {`, ""},
		{"negative top", []string{"render", "--top", "-1"}, 2, "", "must not be negative"},
		{"min-weight NaN", []string{"render", "actors", "--min-weight", "NaN"}, 2, "", "want a finite number, 0 or more"},
		{"min-weight Inf", []string{"render", "actors", "--min-weight", "+Inf"}, 2, "", "want a finite number, 0 or more"},
		{"max-edges outside actors", []string{"render", "--max-edges", "5"}, 2, "", "--max-edges is only for the actors view"},
		{"max-edges", []string{"render", "actors", "--max-edges", "3", "--format", "dot"}, 0, `digraph "actors" {`, ""},
		{"bad date", []string{"render", "--from", "yesterday"}, 2, "", "from"},
		{"window backwards", []string{"render", "--from", "2025-11-02", "--to", "2025-11-01"}, 2, "", "after"},
		// Figures over time: the built-in dataset's statements are dated 19
		// October to 10 November 2025; 5-day windows moving by 5 days are
		// centred on 24 and 29 October and 3 and 8 November.
		{"misspelt timeline", []string{"render", "timline"}, 2, "", `did you mean "timeline"?`},
		{"timeline png", []string{"render", "timeline", "--node", "islamic-emirate", "--window", "5d", "--step", "5d", "--format", "png", "--dpi", "40"}, 0, "\x89PNG", ""},
		{"timeline of a claim", []string{"render", "timeline", "--node", "reciprocal-security-guarantee", "--window", "5d", "--step", "5d", "--format", "dot"}, 0, `digraph "timeline" {`, ""},
		{"multiples", []string{"render", "actors", "--window", "5d", "--step", "5d", "--from", "2025-10-29", "--min-weight", "2", "--format", "dot"}, 0, `digraph "actors" {`, ""},
		{"timeline without window", []string{"render", "timeline", "--node", "islamic-emirate"}, 2, "", "render timeline: --window SIZE is required"},
		{"timeline without node", []string{"render", "timeline", "--window", "5d"}, 2, "", "render timeline: --node ID is required"},
		{"timeline unknown node", []string{"render", "timeline", "--node", "islamic-emirat", "--window", "5d"}, 1, "", `node "islamic-emirat": no actor or claim has this id; did you mean "islamic-emirate"?`},
		{"timeline columns", []string{"render", "timeline", "--node", "islamic-emirate", "--window", "5d", "--columns", "2"}, 2, "", "--columns is for the small multiples"},
		{"timeline top", []string{"render", "timeline", "--node", "islamic-emirate", "--window", "5d", "--top", "3"}, 2, "", "render timeline: --top is for the network views"},
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
			if tc.code == 0 && strings.HasPrefix(tc.out, "<?xml") {
				dec := xml.NewDecoder(strings.NewReader(out))
				for {
					_, err := dec.Token()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Fatalf("SVG is not well-formed: %v", err)
					}
				}
			}
		})
	}
}

func TestRenderOutputFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "fig.svg")
	if code, _, errOut := runCLI(t, "render", "--top", "6", "-o", p); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	first, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	// No replacing without --force.
	code, _, errOut := runCLI(t, "render", "--top", "7", "-o", p)
	if code != 1 || !strings.Contains(errOut, "--force") {
		t.Fatalf("exit %d, stderr %q; want 1 and a hint at --force", code, errOut)
	}
	if again, _ := os.ReadFile(p); !bytes.Equal(again, first) {
		t.Fatal("the existing file was changed")
	}
	// With --force, replaced; the same flags give the same bytes.
	if code, _, errOut := runCLI(t, "render", "--top", "6", "-o", p, "--force"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if again, _ := os.ReadFile(p); !bytes.Equal(again, first) {
		t.Fatal("rendering twice gave different bytes")
	}
	// The format follows the extension.
	png := filepath.Join(dir, "fig.png")
	if code, _, errOut := runCLI(t, "render", "arguments", "--top", "6", "-o", png); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(png); !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Fatal("-o fig.png did not write a PNG")
	}
	// A dataset directory as the argument, with a view before it.
	ds := testutil.WriteFiles(t, map[string]string{"actors.yaml": tinyDataset, "report.yaml": tinySource})
	code, out, errOut := runCLI(t, "render", "actor-claim", "--format", "dot", ds)
	if code != 0 || !strings.Contains(out, "actor:asif") {
		t.Fatalf("exit %d, stderr %s, output:\n%s", code, errOut, out)
	}
}

// TestRenderViewBeforeDataset checks the rule that resolves render's
// arguments: the first is always the view, the second the dataset, so a
// dataset directory named like a view is read only in second place.
func TestRenderViewBeforeDataset(t *testing.T) {
	dir := testutil.WriteFiles(t, map[string]string{"actors/actors.yaml": tinyDataset, "actors/report.yaml": tinySource})
	t.Chdir(dir)
	// "actors" alone is the view, of the built-in dataset.
	code, out, errOut := runCLI(t, "render", "actors", "--format", "dot")
	if code != 0 || !strings.Contains(out, `"actor:khawaja-asif"`) || strings.Contains(out, `"actor:asif"`) {
		t.Fatalf("render actors: exit %d, stderr %s, output:\n%s", code, errOut, out)
	}
	// ... and not silently: a note says how to draw the directory.
	if !strings.Contains(errOut, `"actors" is read as the view`) || !strings.Contains(errOut, "claimnet render actor-claim ./actors") {
		t.Errorf("render actors beside a directory actors: stderr %q has no note", errOut)
	}
	// The same name second is the dataset in ./actors.
	code, out, errOut = runCLI(t, "render", "actor-claim", "actors", "--format", "dot")
	if code != 0 || !strings.Contains(out, `"actor:asif"`) {
		t.Fatalf("render actor-claim actors: exit %d, stderr %s, output:\n%s", code, errOut, out)
	}
	// A dataset path first is an unknown view, with the rule in the message.
	code, _, errOut = runCLI(t, "render", "./actors")
	if code != 2 || !strings.Contains(errOut, `unknown view "./actors"`) || !strings.Contains(errOut, "the dataset comes second") {
		t.Fatalf("render ./actors: exit %d, stderr %s", code, errOut)
	}
}

// TestRenderPositions: --positions writes the figure's node positions and
// a second render with them writes the same file and the same figure.
func TestRenderPositions(t *testing.T) {
	dir := t.TempDir()
	pos := filepath.Join(dir, "layout.json")
	var figs [2]string
	var files [2][]byte
	for i := range 2 {
		code, out, stderr := runCLI(t, "render", "--top", "12", "--positions", pos)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(pos)
		if err != nil || !strings.Contains(string(b), `"actor:`) {
			t.Fatalf("positions file: %v\n%s", err, b)
		}
		figs[i], files[i] = out, b
	}
	if figs[0] != figs[1] || string(files[0]) != string(files[1]) {
		t.Error("rendering with the positions it wrote changed the figure or the file")
	}
	if err := os.WriteFile(pos, []byte(`{"actor:x": {"x": "left"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "render", "--top", "12", "--positions", pos); code != 1 || !strings.Contains(stderr, "layout.json") {
		t.Errorf("a bad positions file: exit %d, %s", code, stderr)
	}
}

// TestRenderSuggestsTopThatFits: a figure too large for its size names a
// --top that fits, and drawing with it succeeds.
func TestRenderSuggestsTopThatFits(t *testing.T) {
	code, _, errOut := runCLI(t, "render", "--size", "page", "--format", "pdf")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr: %s", code, errOut)
	}
	m := regexp.MustCompile(`--top ([0-9]+) fits`).FindStringSubmatch(errOut)
	if m == nil {
		t.Fatalf("stderr %q names no --top that fits", errOut)
	}
	code, out, errOut := runCLI(t, "render", "--size", "page", "--format", "pdf", "--top", m[1])
	if code != 0 || !strings.HasPrefix(out, "%PDF-") {
		t.Fatalf("render --top %s: exit %d, stderr %s", m[1], code, errOut)
	}
}

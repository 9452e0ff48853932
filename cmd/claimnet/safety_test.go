package main

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/internal/testutil"
)

// outputCommands are command lines that write one file with -o; the
// tests append "-o", TARGET and the dataset.
var outputCommands = [][]string{
	{"export", "--format", "json"},
	{"analyse"},
	{"network"},
	{"render", "actor-claim", "--format", "dot"},
}

// TestOutputDirectory: -o naming a directory says it is a directory and
// what to give instead, with or without --force (it used to say "pass
// --force", which then failed too).
func TestOutputDirectory(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": tinyDataset, "sub/report.yaml": tinySource})
	for _, cmd := range outputCommands {
		for _, force := range []bool{false, true} {
			dir := t.TempDir()
			args := append(append([]string{}, cmd...), "-o", dir)
			if force {
				args = append(args, "--force")
			}
			code, _, stderr := runCLI(t, append(args, data)...)
			if code != 1 || !strings.Contains(stderr, dir+": is a directory") ||
				!strings.Contains(stderr, "give the path of a file, such as "+filepath.Join(dir, "NAME")) ||
				strings.Contains(stderr, "pass --force") {
				t.Errorf("%s: exit %d, stderr %q; want exit 1, \"is a directory\" and a file path to give instead", strings.Join(args, " "), code, stderr)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("%s: the directory now holds %d entries", strings.Join(args, " "), len(entries))
			}
		}
	}
}

// TestOutputKeepsMode: --force keeps the mode of the file it replaces (it
// used to widen 0600 to 0644).
func TestOutputKeepsMode(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": tinyDataset, "sub/report.yaml": tinySource})
	for _, cmd := range outputCommands {
		p := filepath.Join(t.TempDir(), "private")
		if err := os.WriteFile(p, []byte("secret"), 0o600); err != nil {
			t.Fatal(err)
		}
		args := append(append([]string{}, cmd...), "-o", p, "--force", data)
		if code, _, stderr := runCLI(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode after --force %v (%v), want 0600", strings.Join(args, " "), fi.Mode().Perm(), err)
		}
		if b, _ := os.ReadFile(p); string(b) == "secret" {
			t.Errorf("%s: file not replaced", strings.Join(args, " "))
		}
	}
}

// TestOutputCSVDirectoryTargets: export --format csv refuses before
// writing either table when one of them is not a regular file.
func TestOutputCSVDirectoryTargets(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": tinyDataset, "sub/report.yaml": tinySource})
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "edges.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "export", "--format", "csv", "-o", dir, "--force", data)
	if code != 1 || !strings.Contains(stderr, "edges.csv: is a directory") {
		t.Errorf("exit %d, stderr %q; want exit 1 and edges.csv named as a directory", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "nodes.csv")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("nodes.csv written although edges.csv cannot be: %v", err)
	}
}

// failWriter fails every write, as standard output does on a full disk.
type failWriter struct{ writes int }

var errDiskFull = errors.New("no space left on device")

func (f *failWriter) Write(p []byte) (int, error) {
	f.writes++
	return 0, errDiskFull
}

// TestStdoutWriteError: a failed write to standard output fails the
// command with exit 1 and says so; check and stats used to exit 0.
func TestStdoutWriteError(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": tinyDataset, "sub/report.yaml": tinySource})
	for _, args := range [][]string{
		{"check", data},
		{"stats", data},
		{"stats", "--json", data},
		{"analyse", data},
		{"analyse", "--json", data},
		{"export", data},
		{"network", data},
		{"query", ".nodes[].id", data},
		{"render", "actor-claim", "--format", "dot", data},
		{"help"},
		{"--help"},
	} {
		t.Run(strings.Join(args[:1], " "), func(t *testing.T) {
			var stderr bytes.Buffer
			out := &failWriter{}
			code := run(args, strings.NewReader(""), out, &stderr)
			if code != 1 || !strings.Contains(stderr.String(), "no space left on device") {
				t.Errorf("%s: exit %d, stderr %q; want exit 1 and the write error", strings.Join(args, " "), code, stderr.String())
			}
			if out.writes == 0 {
				t.Errorf("%s: never wrote to standard output", strings.Join(args, " "))
			}
		})
	}
}

// TestStdoutWriterShortCircuits: after the first failed write nothing
// more reaches standard output, and a short write is an error.
func TestStdoutWriterShortCircuits(t *testing.T) {
	f := &failWriter{}
	w := &stdoutWriter{w: f}
	io.WriteString(w, "a")
	if _, err := io.WriteString(w, "b"); !errors.Is(err, errDiskFull) {
		t.Errorf("second write: %v, want the first error", err)
	}
	if f.writes != 1 {
		t.Errorf("%d writes reached the failing writer, want 1", f.writes)
	}
	short := &stdoutWriter{w: shortWriter{}}
	if _, err := io.WriteString(short, "abc"); !errors.Is(err, io.ErrShortWrite) || !errors.Is(short.err, io.ErrShortWrite) {
		t.Errorf("short write: %v, kept %v; want io.ErrShortWrite", err, short.err)
	}
}

type shortWriter struct{}

func (shortWriter) Write(p []byte) (int, error) { return len(p) / 2, nil }

// evilDataset has a bidi override in a claim's text, which the format
// allows (right-to-left scripts need the marks) but a table must not act on.
const evilDataset = "actors:\n" +
	"  - {id: asif, name: Khawaja Asif, type: person}\n" +
	"  - {id: mujahid, name: Zabihullah Mujahid, type: person}\n" +
	"claims:\n" +
	"  - {id: talks-failed, text: \"The talks \\u202efailed.\"}\n"

// controlDataset has terminal escapes and a tab in names, which the
// format refuses; the refusal must not print them raw either.
const controlDataset = "actors:\n" +
	"  - {id: asif, name: \"Khawaja \\e]0;owned\\aAsif\", type: person}\n" +
	"  - {id: mujahid, name: \"Zabihullah\\tMujahid \\e[2J\", type: person}\n" +
	"claims:\n" +
	"  - {id: talks-failed, text: The talks failed.}\n"

const evilSource = "source: {id: report, title: Report, published: 2025-11-02, file: report.txt}\n" +
	"statements:\n" +
	"  - {actor: asif, claim: talks-failed, stance: support, quote: a}\n" +
	"  - {actor: mujahid, claim: talks-failed, stance: oppose, quote: b}\n" +
	"  - {actor: mujahid, claim: talks-failed, stance: support, quote: c}\n"

// rawControl reports whether s holds a character a terminal acts upon
// (other than the newlines and table tabs the command itself writes).
func rawControl(s string) bool {
	return strings.ContainsAny(s, "\x1b\a\u202e\u009b")
}

// TestTablesEscapeTerminalControls: names and texts from the data, and
// dataset paths, reach the terminal with their escapes made visible, not
// acted upon.
func TestTablesEscapeTerminalControls(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": evilDataset, "report.yaml": evilSource})
	code, stdout, stderr := runCLI(t, "analyse", data)
	if code != 0 {
		t.Fatalf("analyse: exit %d: %s", code, stderr)
	}
	if rawControl(stdout) {
		t.Errorf("analyse prints raw terminal controls:\n%q", stdout)
	}
	if want := `The talks \u202efailed.`; !strings.Contains(stdout, want) {
		t.Errorf("analyse output lacks the escaped %s:\n%s", want, stdout)
	}

	// Control characters in names are refused, and the refusal names
	// them by code point instead of echoing them.
	bad := testutil.WriteFiles(t, map[string]string{"a.yaml": controlDataset, "report.yaml": evilSource})
	code, stdout, stderr = runCLI(t, "analyse", bad)
	if code != 1 || rawControl(stdout+stderr) || !strings.Contains(stderr, "U+001B") {
		t.Errorf("analyse of names with escapes: exit %d, stdout %q, stderr %q; want exit 1 naming U+001B", code, stdout, stderr)
	}

	// A dataset path with an escape in it, in check's "ok" line and in
	// an error message.
	evilDir := filepath.Join(t.TempDir(), "data\x1b[31m")
	if err := os.Mkdir(evilDir, 0o755); err != nil {
		t.Skip(err)
	}
	if err := os.WriteFile(filepath.Join(evilDir, "a.yaml"), []byte(tinyDataset), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCLI(t, "check", evilDir)
	if code != 0 || rawControl(stdout) || !strings.Contains(stdout, `data\x1b[31m`) {
		t.Errorf("check: exit %d, stdout %q, stderr %q; want the path escaped", code, stdout, stderr)
	}
	code, _, stderr = runCLI(t, "check", filepath.Join(evilDir, "missing\x1b]0;x\a"))
	if code != 1 || rawControl(stderr) || !strings.Contains(stderr, `missing\x1b]0;x`) {
		t.Errorf("check of a missing path: exit %d, stderr %q; want the path escaped", code, stderr)
	}
	code, _, stderr = runCLI(t, "\x1b[2Jbogus")
	if code != 2 || rawControl(stderr) {
		t.Errorf("unknown command: exit %d, stderr %q; want exit 2 and the name escaped", code, stderr)
	}
}

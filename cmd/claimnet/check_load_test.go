package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/internal/testutil"
)

// TestCheckLoading covers what check does with datasets that are not
// there to be read: devices, empty directories, links it does not follow,
// text with terminal escapes.
func TestCheckLoading(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	empty := t.TempDir()
	comments := testutil.WriteFiles(t, map[string]string{"a.yaml": "# nothing yet\n"})
	linked := testutil.WriteFiles(t, map[string]string{"a.yaml": tinyDataset, "elsewhere/b.yaml": "claims: []\n"})
	if err := os.Symlink(filepath.Join(linked, "elsewhere"), filepath.Join(linked, "more")); err != nil {
		t.Fatal(err)
	}
	escapes := testutil.WriteFiles(t, map[string]string{"a.yaml": "actors:\n  - {id: asif, name: \"Asif\\e[2J\\e]0;pwned\\a\", type: person}\n"})
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"device", []string{"check", "/dev/zero"}, 1, "",
			"claimnet: load /dev/zero: a character device, not a directory or a regular file: a dataset is a directory of YAML files, or one YAML file\n"},
		{"empty directory", []string{"check", empty}, 1, "",
			"claimnet: load " + empty + ": no annotation files (*.yaml or *.yml) in it\n"},
		{"files without entries", []string{"check", comments}, 0,
			"ok: " + comments + ": 0 actors, 0 claims, 0 sources, 0 statements, 0 relations\n",
			comments + ": warning: the dataset has no actors, claims or statements (every analysis of it is empty)\n"},
		{"link to a directory", []string{"check", linked}, 0,
			"ok: " + linked + ": 2 actors, 1 claims, 0 sources, 0 statements, 0 relations\n",
			"more: warning: symbolic link to a directory is not followed: its files are not loaded (copy or move the directory into the dataset)\n"},
		{"terminal escapes", []string{"check", escapes}, 1, "",
			`a.yaml:2:22: "name" contains the control character U+001B (remove it: this field holds one line of printable characters)` + "\n1 problem\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code || stdout != tt.stdout || stderr != tt.stderr {
				t.Errorf("exit %d\nstdout %q\nstderr %q\nwant exit %d\nstdout %q\nstderr %q", code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}

func TestLoadDatasetStopsWhenCancelled(t *testing.T) {
	data := testutil.WriteFiles(t, map[string]string{"a.yaml": tinyDataset})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	if _, err := a.loadDataset(ctx, []string{data}); !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
}

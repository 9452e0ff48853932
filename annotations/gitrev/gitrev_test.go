package gitrev

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/internal/testutil"
)

// repo makes a git repository with a dataset in data/ committed twice:
// first one actor, then two.
func repo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		testutil.Missing(t, "git is not installed")
	}
	dir := testutil.WriteFiles(t, map[string]string{
		"data/a.yaml": "actors: [{id: a1, name: Amir, type: person}]\n",
	})
	git := func(args ...string) { t.Helper(); testutil.Git(t, dir, args...) }
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "one")
	if err := os.WriteFile(filepath.Join(dir, "data/a.yaml"), []byte("actors: [{id: a1, name: Amir, type: person}, {id: a2, name: Bina, type: person}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("commit", "-qam", "two")
	return dir
}

func TestLoad(t *testing.T) {
	dir := repo(t)
	ctx := context.Background()
	for rev, want := range map[string]int{"HEAD~1": 1, "HEAD": 2} {
		d, err := Load(ctx, filepath.Join(dir, "data"), rev)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Actors) != want {
			t.Errorf("%s: %d actors, want %d", rev, len(d.Actors), want)
		}
	}
	// A dataset directory removed since is still read at the old revision.
	if err := os.RemoveAll(filepath.Join(dir, "data")); err != nil {
		t.Fatal(err)
	}
	if d, err := Load(ctx, filepath.Join(dir, "data"), "HEAD"); err != nil || len(d.Actors) != 2 {
		t.Errorf("removed directory: %v", err)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := repo(t)
	for _, tc := range []struct{ dir, rev, want string }{
		{"data", "no-such-rev", "at git revision no-such-rev"},
		{"data", "--output=x", "want a commit"},
		{"elsewhere", "HEAD", "elsewhere at git revision HEAD"},
	} {
		_, err := Load(context.Background(), filepath.Join(dir, tc.dir), tc.rev)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load(%s, %s) = %v, want %q", tc.dir, tc.rev, err, tc.want)
		}
	}
}

package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// names lists the entries of dir, to catch temporary files left behind.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	if err := WriteFile(p, false, writeString("first")); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(p, false, writeString("second"))
	if !errors.Is(err, ErrExists) {
		t.Errorf("second write without force: %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "first" {
		t.Errorf("content after refused write = %q", b)
	}
	if err := WriteFile(p, true, writeString("third")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "third" {
		t.Errorf("content after forced write = %q", b)
	}
	// A failing writer leaves the old content and no temporary file.
	if err := WriteFile(p, true, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return fmt.Errorf("boom")
	}); err == nil {
		t.Error("failing writer: no error")
	}
	if b, _ := os.ReadFile(p); string(b) != "third" {
		t.Errorf("content after failed write = %q", b)
	}
	if got := names(t, dir); len(got) != 1 {
		t.Errorf("directory holds %q, want only out.txt", got)
	}
}

// TestWriteFileTargets covers every kind of target: only a regular file
// (directly or through a symbolic link) is ever replaced, and only with
// force; anything else is an error naming the target and what it is, and
// is left as it was.
func TestWriteFileTargets(t *testing.T) {
	type target struct {
		path string // what WriteFile is given
	}
	regular := func(t *testing.T, dir string) target {
		p := filepath.Join(dir, "old.txt")
		if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		return target{p}
	}
	content := func(t *testing.T, p, want string) {
		t.Helper()
		if b, err := os.ReadFile(p); err != nil || string(b) != want {
			t.Errorf("%s holds %q (%v), want %q", p, b, err, want)
		}
	}
	isLink := func(t *testing.T, p string) {
		t.Helper()
		if fi, err := os.Lstat(p); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link (%v)", p, err)
		}
	}
	for _, tc := range []struct {
		name  string
		make  func(t *testing.T, dir string) target
		force bool
		want  error  // nil: success
		msg   string // in the error message
		after func(t *testing.T, tg target)
	}{
		{name: "absent", make: func(t *testing.T, dir string) target {
			return target{path: filepath.Join(dir, "new.txt")}
		}, after: func(t *testing.T, tg target) { content(t, tg.path, "new") }},
		{name: "regular without force", make: regular, want: ErrExists, msg: "pass --force",
			after: func(t *testing.T, tg target) { content(t, tg.path, "old") }},
		{name: "regular with force", make: regular, force: true,
			after: func(t *testing.T, tg target) { content(t, tg.path, "new") }},
		{name: "directory without force", make: func(t *testing.T, dir string) target {
			return target{path: dir}
		}, want: ErrIsDir, msg: "give the path of a file, such as "},
		{name: "directory with force", make: func(t *testing.T, dir string) target {
			return target{path: dir}
		}, force: true, want: ErrIsDir, msg: "is a directory"},
		{name: "link to regular without force", make: func(t *testing.T, dir string) target {
			regular(t, dir)
			p := filepath.Join(dir, "link.txt")
			if err := os.Symlink("old.txt", p); err != nil {
				t.Skip(err)
			}
			return target{path: p}
		}, want: ErrExists, after: func(t *testing.T, tg target) {
			isLink(t, tg.path)
			content(t, filepath.Join(filepath.Dir(tg.path), "old.txt"), "old")
		}},
		{name: "link to regular with force", make: func(t *testing.T, dir string) target {
			regular(t, dir)
			p := filepath.Join(dir, "link.txt")
			if err := os.Symlink("old.txt", p); err != nil {
				t.Skip(err)
			}
			return target{path: p}
		}, force: true, after: func(t *testing.T, tg target) {
			// The link is kept and the file it points to replaced.
			isLink(t, tg.path)
			content(t, filepath.Join(filepath.Dir(tg.path), "old.txt"), "new")
		}},
		{name: "dangling link with force", make: func(t *testing.T, dir string) target {
			p := filepath.Join(dir, "link.txt")
			if err := os.Symlink("nowhere.txt", p); err != nil {
				t.Skip(err)
			}
			return target{path: p}
		}, force: true, msg: "symbolic link to nowhere.txt, which does not exist", after: func(t *testing.T, tg target) {
			isLink(t, tg.path)
			if _, err := os.Stat(filepath.Join(filepath.Dir(tg.path), "nowhere.txt")); err == nil {
				t.Error("the dangling link's target was created")
			}
		}},
		{name: "link to directory with force", make: func(t *testing.T, dir string) target {
			sub := filepath.Join(dir, "sub")
			if err := os.Mkdir(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, "link")
			if err := os.Symlink("sub", p); err != nil {
				t.Skip(err)
			}
			return target{path: p}
		}, force: true, want: ErrIsDir, after: func(t *testing.T, tg target) { isLink(t, tg.path) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tg := tc.make(t, dir)
			before := names(t, dir)
			err := WriteFile(tg.path, tc.force, writeString("new"))
			switch {
			case tc.want == nil && tc.msg == "" && err != nil:
				t.Fatalf("WriteFile: %v", err)
			case tc.want != nil && !errors.Is(err, tc.want):
				t.Errorf("WriteFile: %v, want %v", err, tc.want)
			case tc.msg != "" && (err == nil || !strings.Contains(err.Error(), tc.msg)):
				t.Errorf("WriteFile: %v, want a message with %q", err, tc.msg)
			}
			if err != nil {
				if !strings.Contains(err.Error(), tg.path) {
					t.Errorf("error %q does not name %s", err, tg.path)
				}
				if got := names(t, dir); strings.Join(got, " ") != strings.Join(before, " ") {
					t.Errorf("directory holds %q after the failed write, want %q", got, before)
				}
			}
			if tc.after != nil {
				tc.after(t, tg)
			}
			for _, n := range names(t, dir) {
				if strings.Contains(n, ".tmp") {
					t.Errorf("temporary file %s left behind", n)
				}
			}
		})
	}
}

// TestWriteFileCancel: a write cancelled midway, or whose write error the
// writer ignored, leaves neither the target nor a temporary file.
func TestWriteFileCancel(t *testing.T) {
	for _, tc := range []struct {
		name   string
		exists bool
		ignore bool // the write func ignores the failed write and returns nil
	}{
		{"new file", false, false},
		{"new file, error ignored", false, true},
		{"replaced file", true, false},
		{"replaced file, error ignored", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "out.txt")
			if tc.exists {
				if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			err := WriteFileContext(ctx, p, true, func(w io.Writer) error {
				if _, err := io.WriteString(w, "part one, "); err != nil {
					return err
				}
				cancel() // Ctrl-C arrives mid-write
				_, err := io.WriteString(w, "part two")
				if tc.ignore {
					return nil
				}
				return err
			})
			if !errors.Is(err, context.Canceled) {
				t.Errorf("WriteFileContext: %v, want context.Canceled", err)
			}
			b, rerr := os.ReadFile(p)
			switch {
			case tc.exists && string(b) != "old":
				t.Errorf("replaced file holds %q, want the old content", b)
			case !tc.exists && rerr == nil:
				t.Errorf("target created with %q", b)
			}
			if got := names(t, dir); len(got) != map[bool]int{false: 0, true: 1}[tc.exists] {
				t.Errorf("directory holds %q", got)
			}
		})
	}
}

// TestStream: write's writer fails once ctx is done, and Stream returns
// then without waiting for a write that goes on computing.
func TestStream(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var b strings.Builder
	release := make(chan struct{})
	finished := make(chan error, 1)
	err := Stream(ctx, &b, func(w io.Writer) error {
		if _, err := io.WriteString(w, "a"); err != nil {
			return err
		}
		cancel()
		<-release // an encoder busy with the rest of the document
		_, err := io.WriteString(w, "b")
		finished <- err
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Stream: %v, want context.Canceled", err)
	}
	close(release)
	if err := <-finished; !errors.Is(err, context.Canceled) {
		t.Errorf("write after cancel: %v, want context.Canceled", err)
	}
	if b.String() != "a" {
		t.Errorf("wrote %q, want %q", b.String(), "a")
	}

	// Without cancellation Stream is a plain call, and a panic in write
	// reaches the caller.
	b.Reset()
	if err := Stream(context.Background(), &b, writeString("whole")); err != nil || b.String() != "whole" {
		t.Errorf("Stream: %v, wrote %q", err, b.String())
	}
	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v, want the panic of write", r)
		}
	}()
	Stream(context.Background(), &b, func(io.Writer) error { panic("boom") })
}

// TestWriteFileAbandons: an interrupted write that goes on computing does
// not hold WriteFileContext, and leaves no file behind.
func TestWriteFileAbandons(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	defer close(release)
	err := WriteFileContext(ctx, p, false, func(w io.Writer) error {
		io.WriteString(w, "part")
		cancel()
		<-release
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("WriteFileContext: %v, want context.Canceled", err)
	}
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("left behind: %q", got)
	}
}

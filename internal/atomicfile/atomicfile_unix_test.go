//go:build unix

package atomicfile

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteFileSpecial: a named pipe, a socket, a device node and a link
// to a device are never replaced, even with force.
func TestWriteFileSpecial(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(t *testing.T, p string)
		kind string
		mode fs.FileMode // type of the target afterwards, on Lstat
	}{
		{"fifo", func(t *testing.T, p string) {
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip(err)
			}
		}, "named pipe", fs.ModeNamedPipe},
		{"socket", func(t *testing.T, p string) {
			l, err := net.Listen("unix", p)
			if err != nil {
				t.Skip(err)
			}
			t.Cleanup(func() { l.Close() })
		}, "socket", fs.ModeSocket},
		{"device", func(t *testing.T, p string) {
			// The same device as /dev/null, made here so that the test
			// never touches the real one (it runs as root in some CI).
			if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
				t.Skip("mknod:", err)
			}
		}, "character device", fs.ModeDevice | fs.ModeCharDevice},
		{"link to device", func(t *testing.T, p string) {
			if _, err := os.Stat(os.DevNull); err != nil {
				t.Skip(err)
			}
			if err := os.Symlink(os.DevNull, p); err != nil {
				t.Skip(err)
			}
		}, "character device (the symbolic link points to " + os.DevNull + ")", fs.ModeSymlink},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "target")
			tc.make(t, p)
			for _, force := range []bool{false, true} {
				err := WriteFile(p, force, writeString("new"))
				if !errors.Is(err, ErrNotRegular) {
					t.Errorf("force=%v: %v, want ErrNotRegular", force, err)
				} else if msg := err.Error(); !strings.Contains(msg, p) || !strings.Contains(msg, tc.kind) {
					t.Errorf("force=%v: %q does not name %s and say it is a %s", force, msg, p, tc.kind)
				}
				fi, err := os.Lstat(p)
				if err != nil || fi.Mode().Type() != tc.mode {
					t.Errorf("force=%v: target is now %v (%v), want type %v", force, fi.Mode(), err, tc.mode)
				}
				if got := names(t, dir); len(got) != 1 {
					t.Errorf("directory holds %q", got)
				}
			}
		})
	}
}

// TestWriteFileMode: a new file gets 0666 less the umask; a replaced
// file keeps its mode, whatever the umask.
func TestWriteFileMode(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()

	p := filepath.Join(dir, "new.txt")
	if err := WriteFile(p, false, writeString("x")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Errorf("new file under umask 027: mode %v, want 0640", fi.Mode().Perm())
	}

	for _, mode := range []fs.FileMode{0o600, 0o644, 0o664, 0o755} {
		p := filepath.Join(dir, "old-"+mode.String())
		if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(p, true, writeString("new")); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(p); fi.Mode().Perm() != mode {
			t.Errorf("replaced %v file: mode now %v", mode, fi.Mode().Perm())
		}
	}
}

// TestMkdirTemp: the directory gets 0777 less the umask, not 0700.
func TestMkdirTemp(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	p, err := MkdirTemp(dir, ".out.tmp*")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(p), ".out.tmp") {
		t.Errorf("name %s does not follow the pattern", p)
	}
	if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("mode %v (%v), want 0755 under umask 022", fi.Mode().Perm(), err)
	}
	q, err := MkdirTemp(dir, ".out.tmp*")
	if err != nil || q == p {
		t.Errorf("second MkdirTemp: %s, %v", q, err)
	}
}

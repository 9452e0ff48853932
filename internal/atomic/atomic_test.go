package atomic

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := WriteFile(p, false, write("first")); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(p, false, write("second"))
	if !errors.Is(err, ErrExists) {
		t.Errorf("second write without force: %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "first" {
		t.Errorf("content after refused write = %q", b)
	}
	if err := WriteFile(p, true, write("third")); err != nil {
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
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only out.txt", len(entries))
	}
}

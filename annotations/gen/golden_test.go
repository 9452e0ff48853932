package gen

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteGolden pins the bytes Write makes for the default shape, so
// that new shape options cannot change what existing flags generate: the
// hashes were taken before the options were added.
func TestWriteGolden(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"small", small, "b6e308b43275c380d94b732a0d4b542e"},
		{"command default", Config{Actors: 1000, Claims: 2000, Statements: 20000, Sources: 100, Seed: 1}, "fde587bd0ba06ed833a13132b6028bc5"},
		{"one day", Config{Actors: 10, Claims: 10, Statements: 50, Sources: 5, Seed: 3, From: 20251019, To: 20251019}, "f042e4949b1650482023b2ccdf59e160"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			if _, err := Write(context.Background(), tt.cfg, dir, false); err != nil {
				t.Fatal(err)
			}
			if got := hashDir(t, dir); got != tt.want {
				t.Errorf("files hash to %s, want %s", got, tt.want)
			}
		})
	}
}

// hashDir hashes the names and contents of the files under dir, in
// lexical order.
func hashDir(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		h.Write([]byte(filepath.ToSlash(rel) + "\x00"))
		h.Write(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

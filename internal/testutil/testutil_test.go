package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

func TestGoldenUpdateThenCompare(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sub", "g.txt")
	Golden(t, p, []byte("v1"), true)
	if b, err := os.ReadFile(p); err != nil || string(b) != "v1" {
		t.Fatalf("update wrote %q, %v", b, err)
	}
	ft := &testing.T{}
	done := make(chan bool)
	go func() {
		defer close(done)
		Golden(ft, p, []byte("v2"), false)
	}()
	<-done
	if !ft.Failed() {
		t.Error("a differing output passed the golden check")
	}
}

func TestSharedPath(t *testing.T) {
	p := SharedPath(t, "corpus")
	if st, err := os.Stat(p); err != nil || !st.IsDir() {
		t.Errorf("SharedPath(corpus) = %s: %v", p, err)
	}
}

// Package atomic writes output files so that a reader never sees a half
// written file and nothing the user already has is replaced by accident.
package atomic

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned, wrapped, when the target exists and force is false.
var ErrExists = errors.New("file exists; pass --force to replace it")

// WriteFile writes path through write: into a temporary file in the same
// directory, synced and then renamed over path, so that path holds either
// its old content or the complete new one. Unless force is set, an
// existing path is an error and is left untouched.
func WriteFile(path string, force bool, write func(io.Writer) error) (err error) {
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("write %s: %w", path, ErrExists)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if !force {
		// Link fails if path appeared meanwhile, where rename would replace it.
		if err := os.Link(tmp.Name(), path); err != nil {
			os.Remove(tmp.Name())
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("write %s: %w", path, ErrExists)
			}
			return fmt.Errorf("write %s: %w", path, err)
		}
		return os.Remove(tmp.Name())
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

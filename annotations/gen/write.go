package gen

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/internal/atomicfile"
)

// ErrNotEmpty is returned, wrapped, when Write's directory has files in it
// and force is false.
var ErrNotEmpty = errors.New("directory is not empty; pass --force to replace it")

// SourcesDir is the subdirectory of a written dataset that holds one file
// per source.
const SourcesDir = "sources"

// Write generates the dataset cfg describes and writes it into dir as
// annotation files: actors.yaml, claims.yaml, and sources/<source id>.yaml
// with one source: and its statements and relations each. Loading dir gives
// back the dataset Generate returns, positions apart.
//
// The files are written into a temporary directory beside dir, which then
// replaces dir, so dir holds either its old content or the whole dataset.
// A dir that exists and is not empty is replaced only when force is set.
// Write stops early, leaving dir as it was, when ctx is done.
func Write(ctx context.Context, cfg Config, dir string, force bool) (*annotations.Dataset, error) {
	if err := checkTarget(dir, force); err != nil {
		return nil, err
	}
	d, err := Generate(cfg)
	if err != nil {
		return nil, err
	}
	if err := writeDataset(ctx, d, dir, force); err != nil {
		return nil, err
	}
	return d, nil
}

// checkTarget fails early when dir cannot be written, before the work of
// generating.
func checkTarget(dir string, force bool) error {
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("write %s: not a directory", dir)
	}
	if force {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("write %s: %w", dir, ErrNotEmpty)
	}
	return nil
}

// writeDataset writes d, whose statements and relations all name a source,
// one file per source, then puts the directory in place.
func writeDataset(ctx context.Context, d *annotations.Dataset, dir string, force bool) (err error) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	tmp, err := atomicfile.MkdirTemp(parent, "."+base+".tmp*") // 0777 &^ umask, not 0700
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Mkdir(filepath.Join(tmp, SourcesDir), 0o777); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}

	files := map[string]*annotations.File{
		"actors.yaml": {Comment: "Synthetic actors made by claimnet gen.", Actors: d.Actors},
		"claims.yaml": {Comment: "Synthetic claims made by claimnet gen.", Claims: d.Claims},
	}
	bySource := make(map[string]*annotations.File, len(d.Sources))
	names := []string{"actors.yaml", "claims.yaml"}
	for _, s := range d.Sources {
		f := &annotations.File{Source: s}
		bySource[s.ID] = f
		name := filepath.Join(SourcesDir, s.ID+".yaml")
		files[name] = f
		names = append(names, name)
	}
	for _, s := range d.Statements {
		f := bySource[s.Source]
		if f == nil {
			return fmt.Errorf("write %s: statement of %s on %s has no source", dir, s.Actor, s.Claim)
		}
		f.Statements = append(f.Statements, s)
	}
	for _, r := range d.Relations {
		f := bySource[r.Source]
		if f == nil {
			return fmt.Errorf("write %s: relation from %s has no source", dir, r.From)
		}
		f.Relations = append(f.Relations, r)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var werr error
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range next {
				if err := writeFile(filepath.Join(tmp, name), files[name]); err != nil {
					mu.Lock()
					werr = errors.Join(werr, err)
					mu.Unlock()
					cancel()
				}
			}
		}()
	}
feed:
	for _, name := range names {
		select {
		case next <- name:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if werr != nil {
		return fmt.Errorf("write %s: %w", dir, werr)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	return replaceDir(tmp, dir, force)
}

func writeFile(path string, f *annotations.File) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 256<<10)
	if err := annotations.Encode(w, f); err != nil {
		out.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// replaceDir renames tmp to dir. An existing empty dir is removed first;
// a non-empty one, only with force, is moved aside and removed after.
func replaceDir(tmp, dir string, force bool) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("write %s: %w", dir, err)
	case !st.IsDir():
		return fmt.Errorf("write %s: not a directory", dir)
	default:
		// os.Remove only removes an empty directory.
		if err := os.Remove(dir); err != nil {
			if !force {
				return fmt.Errorf("write %s: %w", dir, ErrNotEmpty)
			}
			return moveInto(tmp, dir)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	return nil
}

// moveInto replaces the non-empty dir by tmp: dir is moved aside, tmp
// renamed to dir, and the old content removed.
func moveInto(tmp, dir string) error {
	old, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".old*")
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if err := os.Remove(old); err != nil { // only the unique name is wanted
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir) // put the old content back
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("write %s: remove the old content: %w", dir, err)
	}
	return nil
}

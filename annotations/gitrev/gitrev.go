// Package gitrev loads a dataset as it was at a revision of the git
// repository it is kept in, with the git command-line tool.
package gitrev

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/claimnet/claimnet/annotations"
)

// Load loads the dataset in directory dir as it was at revision rev (any
// revision git understands: a commit, a tag, HEAD~1) of the git repository
// dir is in. dir is a path on disk, as for annotations.LoadDir; it need
// not exist in the working tree any more. The tree is read with "git
// archive" into a temporary directory, which is removed before Load
// returns. Problems in the dataset are an annotations.ErrorList, with
// positions relative to dir, as LoadDir gives them.
func Load(ctx context.Context, dir, rev string) (*annotations.Dataset, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("git revision %q: want a commit, tag or branch name", rev)
	}
	repo, sub, err := split(dir)
	if err != nil {
		return nil, err
	}
	fail := func(err error) error { return fmt.Errorf("read %s at git revision %s: %w", dir, rev, err) }
	top, err := git(ctx, repo, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fail(err)
	}
	// git archive archives the tree below the directory it runs in, so it
	// runs at the top, with the dataset's path from there.
	real, err := filepath.EvalSymlinks(repo)
	if err != nil {
		return nil, fail(err)
	}
	rel, err := filepath.Rel(strings.TrimSpace(string(top)), real)
	if err != nil {
		return nil, fail(err)
	}
	tree := rev
	if p := path.Join(filepath.ToSlash(rel), sub); p != "." {
		tree += ":" + p
	}
	out, err := git(ctx, strings.TrimSpace(string(top)), "archive", "--format=tar", tree)
	if err != nil {
		return nil, fail(err)
	}
	tmp, err := os.MkdirTemp("", "claimnet-rev-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if err := untar(bytes.NewReader(out), tmp); err != nil {
		return nil, fail(err)
	}
	d, err := annotations.LoadContext(ctx, os.DirFS(tmp), ".")
	var list annotations.ErrorList
	if err != nil && !errors.As(err, &list) {
		return nil, fmt.Errorf("%s at git revision %s: %w", dir, rev, errors.Unwrap(err))
	}
	return d, err
}

// git runs git with args in dir and returns its standard output, or an
// error with what git said on standard error.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, errors.New(msg)
		}
		return nil, err
	}
	return out.Bytes(), nil
}

// split splits dir into an existing directory to run git in and the path
// below it, so that a dataset directory deleted since rev can still be
// read: the nearest existing ancestor runs git.
func split(dir string) (repo, sub string, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	repo = abs
	for {
		if st, err := os.Stat(repo); err == nil && st.IsDir() {
			break
		}
		parent := filepath.Dir(repo)
		if parent == repo {
			return "", "", fmt.Errorf("%s: no directory of it exists", dir)
		}
		repo = parent
	}
	rel, err := filepath.Rel(repo, abs)
	if err != nil {
		return "", "", err
	}
	if rel == "." {
		rel = ""
	}
	return repo, filepath.ToSlash(rel), nil
}

// untar writes the regular files and directories of the tar stream r
// below dir, refusing names that would leave it. Links and other entries
// are left out, as Load would not follow them.
func untar(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := path.Clean(h.Name)
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			if name == "." {
				continue
			}
			return fmt.Errorf("archive entry %q is outside the dataset", h.Name)
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if h.Size > annotations.MaxFileSize {
				return fmt.Errorf("%s: %d bytes, more than %d", name, h.Size, annotations.MaxFileSize)
			}
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, io.LimitReader(tr, annotations.MaxFileSize))
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}

// Package atomicfile writes output files so that a reader never sees a half
// written file and nothing the user already has is replaced by accident.
package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/claimnet/claimnet/internal/filekind"
)

// ErrExists is returned, wrapped, when the target exists and force is false.
var ErrExists = errors.New("file exists; pass --force to replace it")

// ErrIsDir is returned, wrapped, when the target is a directory: a file
// writer never replaces one, with or without force.
var ErrIsDir = errors.New("is a directory, not a file")

// ErrNotRegular is returned, wrapped, when the target is a device, a
// named pipe, a socket or anything else that is not a regular file: force
// replaces regular files only.
var ErrNotRegular = errors.New("not a regular file")

// Check reports the error WriteFileContext would return for path before
// writing anything: ErrExists for an existing regular file without force,
// ErrIsDir, ErrNotRegular or a dangling link. Callers that write several
// files use it to refuse before writing any of them.
func Check(path string, force bool) error {
	_, _, exists, err := inspect(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if exists && !force {
		return fmt.Errorf("write %s: %w", path, ErrExists)
	}
	return nil
}

// WriteFile is WriteFileContext without cancellation.
func WriteFile(path string, force bool, write func(io.Writer) error) error {
	return WriteFileContext(context.Background(), path, force, write)
}

// WriteFileContext writes path through write: into a temporary file in the
// same directory, synced and then renamed over path, so that path holds
// either its old content or the complete new one.
//
// What path may be:
//   - absent: it is created with mode 0666 less the umask (the kernel
//     applies the umask, as for any new file);
//   - a regular file: an error (ErrExists) unless force, which replaces
//     it and keeps its permission bits;
//   - a symbolic link: it is followed, and the file it finally points to
//     is judged as above; with force that file is replaced and the link
//     kept. A link that points nowhere is an error;
//   - a directory (ErrIsDir), a device, a named pipe or a socket
//     (ErrNotRegular): always an error, with or without force, and the
//     target is left untouched.
//
// write gets a writer that fails once ctx is done, and the file is only
// put in place if write returned nil, no write to it failed (even one
// whose error write ignored) and ctx is not done. Otherwise the temporary
// file is removed, path is left as it was, and the error says why. As
// with Stream, WriteFileContext returns as soon as ctx is done, without
// waiting for write.
func WriteFileContext(ctx context.Context, path string, force bool, write func(io.Writer) error) error {
	target, perm, exists, err := inspect(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if exists && !force {
		return fmt.Errorf("write %s: %w", path, ErrExists)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := createTemp(target, perm, exists)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	committed := false
	defer func() {
		if !committed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	var failed error // the first failed write, even one write ignored
	if err := stream(ctx, tmp, write, &failed); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if failed != nil {
		return fmt.Errorf("write %s: %w", path, failed)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if !exists {
		// Link fails if path appeared meanwhile, where rename would
		// replace it.
		if err := os.Link(tmp.Name(), target); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("write %s: %w", path, ErrExists)
			}
			return fmt.Errorf("write %s: %w", path, err)
		}
		committed = true
		if err := os.Remove(tmp.Name()); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	committed = true
	return nil
}

// inspect finds what writing path would replace: target is path with
// symbolic links followed (path itself when it does not exist), perm the
// permission bits of the regular file there, exists whether there is
// one. A target that is not a regular file is an error saying what it is
// and what to do instead.
func inspect(path string) (target string, perm fs.FileMode, exists bool, err error) {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, 0, false, nil
	}
	if err != nil {
		return "", 0, false, err
	}
	target = path
	via := ""
	if fi.Mode()&fs.ModeSymlink != 0 {
		// Stat lets the kernel follow the link, which also works for
		// links such as /dev/fd/N that name no path.
		if fi, err = os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			dest, _ := os.Readlink(path)
			return "", 0, false, fmt.Errorf("is a symbolic link to %s, which does not exist; remove the link or write elsewhere", dest)
		} else if err != nil {
			return "", 0, false, err
		}
		dest, _ := os.Readlink(path)
		via = " (the symbolic link points to " + dest + ")"
		if fi.Mode().IsRegular() {
			if target, err = filepath.EvalSymlinks(path); err != nil {
				return "", 0, false, err
			}
		}
	}
	switch mode := fi.Mode(); {
	case mode.IsRegular():
		return target, mode.Perm(), true, nil
	case mode.IsDir():
		return "", 0, false, fmt.Errorf("%w%s; give the path of a file, such as %s", ErrIsDir, via, filepath.Join(path, "NAME"))
	default:
		return "", 0, false, fmt.Errorf("%w but %s%s; only a regular file is ever replaced (to write to it, leave out -o and redirect standard output)",
			ErrNotRegular, filekind.Of(mode), via)
	}
}

// createTemp creates a new file beside target, named .BASE.tmpNNN. A file
// that replaces another gets its permission bits; a new one is created
// with 0666 and so gets what the umask leaves, as os.Create's files do.
func createTemp(target string, perm fs.FileMode, replace bool) (*os.File, error) {
	dir, base := filepath.Dir(target), filepath.Base(target)
	create := fs.FileMode(0o666)
	if replace {
		create = 0o600 // never wider than the final mode while it is written
	}
	for try := 0; ; try++ {
		name := filepath.Join(dir, "."+base+".tmp"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, create)
		if errors.Is(err, fs.ErrExist) && try < 100 {
			continue
		}
		if err != nil {
			return nil, err
		}
		if replace {
			// Chmod, unlike open, is not masked by the umask.
			if err := f.Chmod(perm); err != nil {
				f.Close()
				os.Remove(name)
				return nil, err
			}
		}
		return f, nil
	}
}

// MkdirTemp creates a new directory in dir, named pattern with a random
// number in place of its last "*" (or at its end), and returns its path.
// Unlike os.MkdirTemp, whose directories are 0700, it gives 0777 less the
// umask, as os.Mkdir does, so that a directory written whole and then
// renamed into place ends with the mode any new directory would have.
func MkdirTemp(dir, pattern string) (string, error) {
	prefix, suffix := pattern, ""
	if i := strings.LastIndex(pattern, "*"); i >= 0 {
		prefix, suffix = pattern[:i], pattern[i+1:]
	}
	for try := 0; ; try++ {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		err := os.Mkdir(name, 0o777)
		if errors.Is(err, fs.ErrExist) && try < 100 {
			continue
		}
		if err != nil {
			return "", err
		}
		return name, nil
	}
}

// Stream calls write with a writer to w that fails once ctx is done, and
// returns write's error, or ctx's error as soon as ctx is done. It does
// not wait for write then: write runs in a goroutine of its own and stops
// at its next write, while the caller goes on, so that an encoder which
// does not check its write errors, or one blocked in a long computation,
// cannot keep an interrupted command alive. write must therefore not use
// anything the caller frees after Stream returns. A panic in write is
// raised again in the caller.
func Stream(ctx context.Context, w io.Writer, write func(io.Writer) error) error {
	return stream(ctx, w, write, nil)
}

// stream is Stream; when write has returned, *failed (if failed is not
// nil) is the first error of a write to w.
func stream(ctx context.Context, w io.Writer, write func(io.Writer) error, failed *error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	cw := &ctxWriter{ctx: ctx, w: w}
	type result struct {
		err      error
		panicked bool
		value    any
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{panicked: true, value: r}
			}
		}()
		err := write(cw)
		done <- result{err: err}
	}()
	select {
	case r := <-done:
		if r.panicked {
			panic(r.value)
		}
		if failed != nil {
			*failed = cw.err
		}
		if r.err == nil {
			r.err = ctx.Err()
		}
		return r.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ctxWriter writes to w while ctx is not done and keeps the first error,
// after which every write fails with it.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
	err error
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if err := c.ctx.Err(); err != nil {
		c.err = err
		return 0, err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = err
	}
	return n, err
}

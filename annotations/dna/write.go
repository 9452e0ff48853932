package dna

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimnet/claimnet/annotations"
)

// ErrNotEmpty is returned, wrapped, when Write is to write into a
// directory that already has files and force is not set.
var ErrNotEmpty = errors.New("directory is not empty; pass --force to write into it")

// CorpusDir is the subdirectory of the written dataset that holds the
// source texts.
const CorpusDir = "corpus"

// Write saves r as an annotation dataset in dir: actors.yaml,
// claims.yaml, sources/<n>-<source id>.yaml with each source and its
// statements (n numbers the sources in document order, so that loading
// the directory gives them back in that order), and the source texts as
// corpus/<source id>.txt. Without force, dir must be empty or not exist;
// with force, files of the same names are replaced (keeping their
// permissions) and other files are left alone.
//
// Everything is first written into a new directory beside dir, so that
// an error (a file that cannot be encoded, a full disk) leaves dir as it
// was. That directory then becomes dir when dir did not exist or was
// empty; otherwise (with force) its files are moved into dir one by one.
func (r *Result) Write(dir string, force bool) (err error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if len(entries) > 0 && !force {
		return fmt.Errorf("write %s: %w", dir, ErrNotEmpty)
	}
	stage, err := stageDir(dir)
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(stage)
		}
	}()
	files, err := r.files()
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	for _, f := range files {
		p := filepath.Join(stage, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			return fmt.Errorf("write %s: %w", dir, err)
		}
		if err := writeFile(p, f.data); err != nil {
			return fmt.Errorf("write %s: %w", dir, err)
		}
	}
	if len(entries) == 0 {
		// Rename replaces an empty directory, or takes the free name.
		if err := os.Rename(stage, dir); err == nil {
			return nil
		} else if !isEmptyDir(dir) {
			return fmt.Errorf("write %s: %w", dir, err)
		}
	}
	for _, f := range files {
		from, to := filepath.Join(stage, filepath.FromSlash(f.path)), filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(to), 0o777); err != nil {
			return fmt.Errorf("write %s: %w", dir, err)
		}
		if fi, err := os.Lstat(to); err == nil {
			if !fi.Mode().IsRegular() {
				return fmt.Errorf("write %s: %s exists and is not a regular file", dir, to)
			}
			if err := os.Chmod(from, fi.Mode().Perm()); err != nil {
				return fmt.Errorf("write %s: %w", dir, err)
			}
		}
		if err := os.Rename(from, to); err != nil {
			return fmt.Errorf("write %s: %w", dir, err)
		}
	}
	return os.RemoveAll(stage)
}

// stageDir makes a new directory beside dir, on the same file system, with
// the permissions a new directory gets (0777 less the umask).
func stageDir(dir string) (string, error) {
	parent, base := filepath.Split(filepath.Clean(dir))
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return "", err
	}
	for n := 0; ; n++ {
		p := filepath.Join(parent, fmt.Sprintf(".%s.tmp%d-%d", base, os.Getpid(), n))
		err := os.Mkdir(p, 0o777)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, fs.ErrExist) || n > 100 {
			return "", err
		}
	}
}

func isEmptyDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0
}

// writeFile writes data to the new file p and syncs it.
func writeFile(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// file is one file of the written dataset, by its slash-separated path.
type file struct {
	path string
	data []byte
}

// files encodes every file of the dataset, texts first.
func (r *Result) files() ([]file, error) {
	d := r.Dataset
	var files []file
	for _, s := range d.Sources {
		files = append(files, file{CorpusDir + "/" + s.File, []byte(r.Texts[s.ID])})
	}
	header := "Imported from " + commentText(r.name) + " by claimnet import dna."
	yamls := []struct {
		path string
		file *annotations.File
	}{
		{"actors.yaml", &annotations.File{Comment: header, Actors: d.Actors}},
		{"claims.yaml", &annotations.File{Comment: header, Claims: d.Claims}},
	}
	bySource := map[string][]*annotations.Statement{}
	for _, s := range d.Statements {
		bySource[s.Source] = append(bySource[s.Source], s)
	}
	width := len(strconv.Itoa(len(d.Sources)))
	for i, s := range d.Sources {
		yamls = append(yamls, struct {
			path string
			file *annotations.File
		}{
			fmt.Sprintf("sources/%0*d-%s.yaml", width, i+1, s.ID),
			&annotations.File{Comment: header + "\nThe text is " + CorpusDir + "/" + s.File + ".", Source: s, Statements: bySource[s.ID]},
		})
	}
	for _, y := range yamls {
		var b bytes.Buffer
		if err := annotations.Encode(&b, y.file); err != nil {
			return nil, fmt.Errorf("%s: %w", y.path, err)
		}
		files = append(files, file{y.path, b.Bytes()})
	}
	return files, nil
}

// commentText returns s, or when s has bytes that are not UTF-8 or runes
// that a YAML comment cannot hold (control characters, U+FFFF), s quoted
// with Go escapes.
func commentText(s string) string {
	for _, r := range s {
		if r == utf8.RuneError || r != ' ' && !unicode.IsGraphic(r) {
			return strconv.QuoteToGraphic(s)
		}
	}
	return s
}

// Summary describes r in one line: the counts imported and skipped.
func (r *Result) Summary() string {
	s := r.Dataset.Stats()
	out := fmt.Sprintf("%d actors, %d claims, %d sources, %d statements", s.Actors, s.Claims, s.Sources, s.Statements)
	if n := r.Skipped.Total(); n > 0 {
		var why []string
		if r.Skipped.Empty > 0 {
			why = append(why, fmt.Sprintf("%d without an actor or claim", r.Skipped.Empty))
		}
		if r.Skipped.NoStance > 0 {
			why = append(why, fmt.Sprintf("%d without a stance", r.Skipped.NoStance))
		}
		if r.Skipped.BlankQuote > 0 {
			why = append(why, fmt.Sprintf("%d spanning no text", r.Skipped.BlankQuote))
		}
		out += fmt.Sprintf("; %d statements skipped (%s)", n, strings.Join(why, ", "))
	}
	return out
}

package dna

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/internal/atomic"
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
// the directory gives them back in that order), and the source texts as corpus/<source id>.txt. Without
// force, dir must be empty or not exist; with force, files of the same
// names are replaced and other files are left alone. Each file is
// written atomically.
func (r *Result) Write(dir string, force bool) error {
	if !force {
		entries, err := os.ReadDir(dir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("write %s: %w", dir, err)
		}
		if len(entries) > 0 {
			return fmt.Errorf("write %s: %w", dir, ErrNotEmpty)
		}
	}
	for _, sub := range []string{CorpusDir, "sources"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return fmt.Errorf("write %s: %w", dir, err)
		}
	}
	d := r.Dataset
	for _, s := range d.Sources {
		text := r.Texts[s.ID]
		if err := atomic.WriteFile(filepath.Join(dir, CorpusDir, filepath.FromSlash(s.File)), force, func(w io.Writer) error {
			_, err := io.WriteString(w, text)
			return err
		}); err != nil {
			return err
		}
	}
	header := "Imported from " + r.name + " by claimnet import dna."
	files := []struct {
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
		files = append(files, struct {
			path string
			file *annotations.File
		}{
			filepath.Join("sources", fmt.Sprintf("%0*d-%s.yaml", width, i+1, s.ID)),
			&annotations.File{Comment: header + "\nThe text is " + CorpusDir + "/" + s.File + ".", Source: s, Statements: bySource[s.ID]},
		})
	}
	for _, f := range files {
		if err := atomic.WriteFile(filepath.Join(dir, f.path), force, func(w io.Writer) error {
			return annotations.Encode(w, f.file)
		}); err != nil {
			return err
		}
	}
	return nil
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

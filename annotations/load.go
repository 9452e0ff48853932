package annotations

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/claimnet/claimnet/internal/fastyaml"
	"github.com/claimnet/claimnet/internal/filekind"
	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest annotation or corpus file Load and
// CheckCorpus read. Larger files are reported rather than read: the size
// is checked before reading, and no more than MaxFileSize+1 bytes are
// ever read, so a stray data dump or an endless device cannot exhaust
// memory.
const MaxFileSize = 64 << 20

// ErrNoFiles is the error (wrapped) that Load returns for a directory
// without a single annotation file: most likely the wrong directory.
var ErrNoFiles = errors.New("no annotation files (*.yaml or *.yml) in it")

// IsAnnotationFile reports whether name has a YAML file extension: .yaml
// or .yml, in any case.
func IsAnnotationFile(name string) bool {
	ext := path.Ext(name)
	return strings.EqualFold(ext, ".yaml") || strings.EqualFold(ext, ".yml")
}

// LoadDir loads the dataset in directory dir; see LoadDirContext.
func LoadDir(dir string) (*Dataset, error) {
	return LoadDirContext(context.Background(), dir)
}

// LoadDirContext loads the dataset in directory dir, or the one file dir
// names, as Load does. It stops with ctx's error, wrapped, when ctx is
// done. dir must be a directory or a regular file (symbolic links to
// either are followed): a device or a named pipe is refused before it is
// opened.
func LoadDirContext(ctx context.Context, dir string) (*Dataset, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, &loadError{dir, err}
	}
	if st.IsDir() {
		return load(ctx, os.DirFS(dir), ".", dir)
	}
	if !st.Mode().IsRegular() {
		return nil, &loadError{dir, fmt.Errorf("%s, not a directory or a regular file: a dataset is a directory of YAML files, or one YAML file", filekind.Of(st.Mode()))}
	}
	// A single file is a dataset of one file.
	slash := filepathToSlash(dir)
	return load(ctx, os.DirFS(path.Dir(slash)), path.Base(slash), dir)
}

func filepathToSlash(p string) string { return strings.ReplaceAll(p, string(os.PathSeparator), "/") }

// Load reads and validates the dataset below root in fsys; see
// LoadContext.
func Load(fsys fs.FS, root string) (*Dataset, error) {
	return LoadContext(context.Background(), fsys, root)
}

// LoadContext reads every .yaml and .yml file (in any case) below root in
// fsys, or root itself when it is a file, in lexical path order, and
// validates the result. Files are parsed in parallel. Directories whose
// names start with a dot are skipped. Symbolic links to regular files are
// followed; links to directories are not, and are reported in the
// dataset's Warnings, as is a dataset without actors, claims or
// statements. A directory without annotation files is an error
// (ErrNoFiles).
//
// When anything is wrong, the error is an ErrorList holding every problem
// found, sorted, with positions relative to root: a file that is too
// large (see MaxFileSize) or not a regular file (a named pipe, a device)
// is one of them, and is never read. Other problems reading the files are
// returned as plain errors. When ctx is done, loading stops and the error
// wraps ctx.Err().
func LoadContext(ctx context.Context, fsys fs.FS, root string) (*Dataset, error) {
	return load(ctx, fsys, root, root)
}

// loadError is a problem reading a dataset or a file itself, not its
// content. Its message escapes control characters in the path.
type loadError struct {
	path string
	err  error
}

func (e *loadError) Error() string { return escapeText("load " + e.path + ": " + e.err.Error()) }
func (e *loadError) Unwrap() error { return e.err }

// load is LoadContext, naming the dataset display in plain errors.
func load(ctx context.Context, fsys fs.FS, root, display string) (*Dataset, error) {
	files, errs, warns, err := listFiles(ctx, fsys, root)
	if err != nil {
		return nil, &loadError{display, err}
	}
	if len(files) == 0 && len(errs) == 0 {
		return nil, &loadError{display, ErrNoFiles}
	}
	parsed := make([]*fileResult, len(files))
	var wg sync.WaitGroup
	var ioErr error
	var mu sync.Mutex
	next := make(chan int)
	workers := min(runtime.GOMAXPROCS(0), max(len(files), 1))
	slow := os.Getenv(YAMLEnv) == "v3"
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fp := fileParser{slow: slow}
			// The worker reads every file into one buffer: parse keeps no
			// reference to it (fileDecoder.own copies what stays).
			var buf []byte
			for i := range next {
				if ctx.Err() != nil {
					continue
				}
				data, err := readFile(fsys, files[i].full, MaxFileSize, buf)
				var bad *badFileError
				switch {
				case errors.As(err, &bad):
					parsed[i] = &fileResult{errs: ErrorList{bad.at(files[i].rel)}}
					continue
				case err != nil:
					mu.Lock()
					ioErr = errors.Join(ioErr, &loadError{files[i].full, err})
					mu.Unlock()
					continue
				}
				parsed[i] = fp.parse(files[i].rel, data)
				buf = data
			}
		}()
	}
feed:
	for i := range files {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, &loadError{display, err}
	}
	if ioErr != nil {
		return nil, ioErr
	}
	d, err := assemble(parsed, errs)
	if err != nil {
		return nil, err
	}
	if len(d.Actors) == 0 && len(d.Claims) == 0 && len(d.Statements) == 0 {
		warns = append(warns, &Error{Msg: "the dataset has no actors, claims or statements", Hint: "every analysis of it is empty"})
	}
	warns.Sort()
	d.Warnings = warns
	return d, nil
}

type fileName struct{ full, rel string }

// listFiles lists the annotation files below root. Files that cannot be
// loaded (named pipes, devices, broken links) are reported in errs, links
// that are not followed in warns.
func listFiles(ctx context.Context, fsys fs.FS, root string) (files []fileName, errs, warns ErrorList, err error) {
	st, err := fs.Stat(fsys, root)
	if err != nil {
		return nil, nil, nil, err
	}
	if !st.IsDir() {
		if !st.Mode().IsRegular() {
			return nil, nil, nil, fmt.Errorf("%s, not a directory or a regular file", filekind.Of(st.Mode()))
		}
		return []fileName{{root, path.Base(root)}}, nil, nil, nil
	}
	err = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		rel := p
		if root != "." {
			rel = strings.TrimPrefix(p, root+"/")
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			// Follow the link, without opening what it points to.
			target, err := fs.Stat(fsys, p)
			switch {
			case err != nil && IsAnnotationFile(d.Name()):
				errs = append(errs, &Error{Pos{File: rel}, "cannot follow the symbolic link: " + err.Error(), "remove the link or make it point to an annotation file"})
				return nil
			case err != nil:
				return nil
			case target.IsDir():
				if !strings.HasPrefix(d.Name(), ".") {
					warns = append(warns, &Error{Pos{File: rel}, "symbolic link to a directory is not followed: its files are not loaded", "copy or move the directory into the dataset"})
				}
				return nil
			}
			mode = target.Mode()
		}
		if !IsAnnotationFile(d.Name()) {
			return nil
		}
		if !mode.IsRegular() {
			errs = append(errs, (&badFileError{msg: filekind.Of(mode) + ", not a regular file: it is not read"}).at(rel))
			return nil
		}
		files = append(files, fileName{p, rel})
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, errs, warns, nil
}

// badFileError is a file that is not read: too large, or not a regular
// file.
type badFileError struct {
	msg  string
	line int // 1 when the file is too large, as parse reports it; else 0
}

func (e *badFileError) Error() string { return e.msg }

// at returns e as an Error in file rel.
func (e *badFileError) at(rel string) *Error {
	col := 0
	hint := "annotation files are regular YAML files"
	if e.line > 0 {
		col = 1
		hint = "split it into several files"
	}
	return &Error{Pos{rel, e.line, col}, e.msg, hint}
}

// readFile reads the file name from fsys when it is a regular file of at
// most limit bytes, and returns a *badFileError otherwise. The file's
// size is checked before reading, and no more than limit+1 bytes are
// read, so neither a sparse giant nor an endless file exhausts memory.
// Callers that may meet a named pipe must check the type with fs.Stat
// first: opening one blocks. The bytes are read into buf when it is large
// enough, so buf's old contents are lost.
func readFile(fsys fs.FS, name string, limit int64, buf []byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &badFileError{msg: filekind.Of(st.Mode()) + ", not a regular file: it is not read"}
	}
	size := st.Size()
	if size > limit {
		return nil, tooLarge(size, limit)
	}
	if int64(cap(buf)) < size+1 {
		buf = make([]byte, 0, max(size+1, 512))
	}
	buf = buf[:0]
	r := io.LimitReader(f, limit+1)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
	if int64(len(buf)) > limit {
		return nil, tooLarge(-1, limit)
	}
	return buf, nil
}

// tooLarge reports a file of size bytes (-1 when only known to be over
// the limit).
func tooLarge(size, limit int64) *badFileError {
	if size < 0 {
		return &badFileError{msg: fmt.Sprintf("file is larger than the limit of %d bytes", limit), line: 1}
	}
	return &badFileError{msg: fmt.Sprintf("file is %d bytes, larger than the limit of %d", size, limit), line: 1}
}

// assemble merges the parsed files in order, indexes the ids and checks
// every reference. errs are problems found before parsing.
func assemble(parsed []*fileResult, errs ErrorList) (*Dataset, error) {
	d := &Dataset{
		actors:  map[string]*Actor{},
		claims:  map[string]*Claim{},
		sources: map[string]*Source{},
	}
	var nActors, nClaims, nSources, nStatements, nRelations int
	for _, f := range parsed {
		if f == nil {
			continue
		}
		nActors += len(f.actors)
		nClaims += len(f.claims)
		nSources += len(f.sources)
		nStatements += len(f.statements)
		nRelations += len(f.relations)
	}
	d.Actors = make([]*Actor, 0, nActors)
	d.Claims = make([]*Claim, 0, nClaims)
	d.Sources = make([]*Source, 0, nSources)
	d.Statements = make([]*Statement, 0, nStatements)
	d.Relations = make([]*Relation, 0, nRelations)
	for _, f := range parsed {
		if f == nil {
			continue
		}
		errs = append(errs, f.errs...)
		d.Actors = append(d.Actors, f.actors...)
		d.Claims = append(d.Claims, f.claims...)
		d.Sources = append(d.Sources, f.sources...)
		d.Statements = append(d.Statements, f.statements...)
		d.Relations = append(d.Relations, f.relations...)
	}
	errs = append(errs, d.index()...)
	errs = append(errs, d.validate()...)
	if err := errs.err(); err != nil {
		return nil, err
	}
	return d, nil
}

// fileResult is what one file contributes, before cross-file checks.
type fileResult struct {
	actors     []*Actor
	claims     []*Claim
	sources    []*Source
	statements []*Statement
	relations  []*Relation
	errs       ErrorList
}

// YAMLEnv names the environment variable that chooses the YAML parser of
// Load: CLAIMNET_YAML=v3 leaves every file to yaml.v3, as if the fast
// parser (internal/fastyaml) gave up on all of them. Datasets load the same
// either way, only more slowly with v3; the switch is for ruling out the
// fast parser when something looks wrong, and for measuring it.
const YAMLEnv = "CLAIMNET_YAML"

// fileParser decodes files one after the other, reusing its buffers.
type fileParser struct {
	fast   fastyaml.Parser
	fields []field
	// slow leaves every file to yaml.v3 (YAMLEnv, and tests that compare
	// the two).
	slow bool
}

// parse decodes one file. It never fails: every problem becomes an Error
// in the result, so one broken file does not hide the others' errors.
func (fp *fileParser) parse(name string, data []byte) *fileResult {
	r := &fileResult{}
	fail := func(line, col int, msg, hint string) *fileResult {
		r.errs = append(r.errs, &Error{Pos{name, line, col}, msg, hint})
		return r
	}
	if len(data) > MaxFileSize {
		return fail(1, 1, fmt.Sprintf("file is %d bytes, larger than the limit of %d", len(data), MaxFileSize), "split it into several files")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		return fail(line, col, "file contains a NUL byte: not a YAML text file", "annotation files are UTF-8 text")
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		line, col := lineCol(data, i)
		return fail(line, col, "file is not valid UTF-8", "save it as UTF-8 text")
	}
	var doc *yaml.Node
	shared := false
	if !fp.slow {
		doc, shared = fp.fast.Parse(data)
	}
	if !shared {
		var err error
		var read int
		if doc, read, err = parseYAMLRead(data); err != nil {
			line, col, msg := locateYAMLError(data, err, read)
			return fail(line, col, "invalid YAML: "+msg, "")
		}
	}
	if doc == nil {
		return r // empty file
	}
	dec := &fileDecoder{name: name, r: r, shared: shared, fields: fp.fields[:0]}
	dec.file(doc)
	fp.fields = dec.fields
	return r
}

// lineCol returns the line and column of offset off in data, counting
// line breaks as lineEnds does and columns in characters.
func lineCol(data []byte, off int) (int, int) {
	line, start := 1, 0
	for i := 0; i < off; {
		if n := lineBreak(data, i); n > 0 {
			i += n
			if i > off {
				break // off is inside a CR LF pair
			}
			line, start = line+1, i
			continue
		}
		i++
	}
	return line, 1 + utf8.RuneCount(data[start:off])
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

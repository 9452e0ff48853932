package annotations

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest annotation file Load reads. Larger files are
// reported rather than read, so a stray data dump cannot exhaust memory.
const MaxFileSize = 64 << 20

// IsAnnotationFile reports whether name has a YAML file extension.
func IsAnnotationFile(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// LoadDir loads the dataset in directory dir; see Load.
func LoadDir(dir string) (*Dataset, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	if !st.IsDir() {
		// A single file is a dataset of one file.
		return Load(os.DirFS(path.Dir(filepathToSlash(dir))), path.Base(filepathToSlash(dir)))
	}
	return Load(os.DirFS(dir), ".")
}

func filepathToSlash(p string) string { return strings.ReplaceAll(p, string(os.PathSeparator), "/") }

// Load reads every .yaml and .yml file below root in fsys (or root itself
// when it is a file), in lexical path order, and validates the result.
// Files are parsed in parallel. When anything is wrong, the error is an
// ErrorList holding every problem found, sorted, with positions relative
// to root; problems reading the files themselves are returned as plain
// errors.
func Load(fsys fs.FS, root string) (*Dataset, error) {
	files, err := listFiles(fsys, root)
	if err != nil {
		return nil, err
	}
	parsed := make([]*fileResult, len(files))
	var wg sync.WaitGroup
	var ioErr error
	var mu sync.Mutex
	next := make(chan int)
	workers := min(runtime.GOMAXPROCS(0), max(len(files), 1))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var fp fileParser
			for i := range next {
				data, err := fs.ReadFile(fsys, files[i].full)
				if err != nil {
					mu.Lock()
					ioErr = errors.Join(ioErr, fmt.Errorf("load %s: %w", files[i].full, err))
					mu.Unlock()
					continue
				}
				parsed[i] = fp.parse(files[i].rel, data)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	if ioErr != nil {
		return nil, ioErr
	}
	return assemble(parsed)
}

type fileName struct{ full, rel string }

func listFiles(fsys fs.FS, root string) ([]fileName, error) {
	st, err := fs.Stat(fsys, root)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", root, err)
	}
	if !st.IsDir() {
		return []fileName{{root, path.Base(root)}}, nil
	}
	var files []fileName
	err = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !IsAnnotationFile(d.Name()) {
			return nil
		}
		rel := p
		if root != "." {
			rel = strings.TrimPrefix(p, root+"/")
		}
		files = append(files, fileName{p, rel})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", root, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, nil
}

// assemble merges the parsed files in order, indexes the ids and checks
// every reference.
func assemble(parsed []*fileResult) (*Dataset, error) {
	var errs ErrorList
	d := &Dataset{
		actors:  map[string]*Actor{},
		claims:  map[string]*Claim{},
		sources: map[string]*Source{},
	}
	var nActors, nClaims, nSources, nStatements, nRelations int
	for _, f := range parsed {
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

// fileParser decodes files one after the other, reusing its buffers.
type fileParser struct {
	fast   fastParser
	fields []field
	intern map[string]string
	// slow leaves every file to yaml.v3, for tests that compare the two.
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
		doc, shared = fp.fast.parse(data)
	}
	if !shared {
		var err error
		if doc, err = parseYAML(data); err != nil {
			line, col, msg := locateYAMLError(data, err)
			return fail(line, col, "invalid YAML: "+msg, "")
		}
	}
	if doc == nil {
		return r // empty file
	}
	if fp.intern == nil {
		fp.intern = map[string]string{}
	}
	dec := &fileDecoder{name: name, r: r, shared: shared, fields: fp.fields[:0], intern: fp.intern}
	dec.file(doc)
	fp.fields = dec.fields
	return r
}

func lineCol(data []byte, off int) (int, int) {
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
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

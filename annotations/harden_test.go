package annotations

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/claimnet/claimnet/internal/testutil"
)

// sparse makes a file of size bytes that takes no space on disk.
func sparse(t *testing.T, p string, size int64) {
	t.Helper()
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

// noHang runs f and fails the test if it has not returned within a
// minute: opening a named pipe blocks until a writer comes.
func noHang(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("still running after a minute: blocked on a named pipe?")
	}
}

func TestLoadRefusesHugeAndSpecialFiles(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the path to load
		want  string                                // the error, with dir written as DIR
	}{
		{"sparse file over the limit", func(t *testing.T, dir string) string {
			sparse(t, filepath.Join(dir, "big.yaml"), MaxFileSize+1)
			return dir
		}, "big.yaml:1:1: file is 67108865 bytes, larger than the limit of 67108864 (split it into several files)"},
		{"sparse file named directly", func(t *testing.T, dir string) string {
			sparse(t, filepath.Join(dir, "big.yaml"), 3<<30)
			return filepath.Join(dir, "big.yaml")
		}, "big.yaml:1:1: file is 3221225472 bytes, larger than the limit of 67108864 (split it into several files)"},
		{"/dev/zero named directly", func(t *testing.T, dir string) string { return "/dev/zero" },
			"load /dev/zero: a character device, not a directory or a regular file: a dataset is a directory of YAML files, or one YAML file"},
		{"link to /dev/zero in the dataset", func(t *testing.T, dir string) string {
			if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
				t.Fatal(err)
			}
			return dir
		}, "zero.yaml: a character device, not a regular file: it is not read (annotation files are regular YAML files)"},
		{"link to /dev/zero named directly", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "zero.yaml")
			if err := os.Symlink("/dev/zero", p); err != nil {
				t.Fatal(err)
			}
			return p
		}, "load DIR/zero.yaml: a character device, not a directory or a regular file: a dataset is a directory of YAML files, or one YAML file"},
		{"fifo in the dataset", func(t *testing.T, dir string) string {
			mkfifo(t, filepath.Join(dir, "pipe.yaml"))
			return dir
		}, "pipe.yaml: a named pipe (FIFO), not a regular file: it is not read (annotation files are regular YAML files)"},
		{"fifo named directly", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "pipe.yaml")
			mkfifo(t, p)
			return p
		}, "load DIR/pipe.yaml: a named pipe (FIFO), not a directory or a regular file: a dataset is a directory of YAML files, or one YAML file"},
		{"link to a fifo in the dataset", func(t *testing.T, dir string) string {
			mkfifo(t, filepath.Join(dir, "pipe"))
			if err := os.Symlink("pipe", filepath.Join(dir, "pipe.yaml")); err != nil {
				t.Fatal(err)
			}
			return dir
		}, "pipe.yaml: a named pipe (FIFO), not a regular file: it is not read (annotation files are regular YAML files)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testutil.WriteFiles(t, map[string]string{"a.yaml": base})
			p := tt.setup(t, dir)
			var err error
			noHang(t, func() { _, err = LoadDir(p) })
			want := strings.ReplaceAll(tt.want, "DIR", dir)
			if err == nil || err.Error() != want {
				t.Errorf("error = %v\nwant    %s", err, want)
			}
		})
	}
}

// endless is a file system of one file that claims to be empty and
// never ends, as files in /proc and /sys do.
type endless struct{}

func (endless) Open(name string) (fs.File, error) { return endlessFile{}, nil }

type endlessFile struct{}

func (endlessFile) Stat() (fs.FileInfo, error) { return endlessInfo{}, nil }
func (endlessFile) Read(b []byte) (int, error) { clear(b); return len(b), nil }
func (endlessFile) Close() error               { return nil }

type endlessInfo struct{}

func (endlessInfo) Name() string       { return "f.yaml" }
func (endlessInfo) Size() int64        { return 0 }
func (endlessInfo) Mode() fs.FileMode  { return 0o444 }
func (endlessInfo) ModTime() time.Time { return time.Time{} }
func (endlessInfo) IsDir() bool        { return false }
func (endlessInfo) Sys() any           { return nil }

func TestReadFileStopsAtTheLimit(t *testing.T) {
	_, err := readFile(endless{}, "f.yaml", 1<<20, nil)
	var bad *badFileError
	if !errors.As(err, &bad) || bad.msg != "file is larger than the limit of 1048576 bytes" {
		t.Errorf("error = %v, want the file refused as larger than the limit", err)
	}
}

func TestCheckCorpusRefusesHugeAndSpecialFiles(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	corpus := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(corpus, "zero.txt")); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, filepath.Join(corpus, "pipe.txt"))
	sparse(t, filepath.Join(corpus, "big.txt"), MaxFileSize+1)
	d, err := loadFiles(t, map[string]string{"a.yaml": "sources:\n  - {id: z, title: Z, file: zero.txt}\n  - {id: p, title: P, file: pipe.txt}\n  - {id: b, title: B, file: big.txt}\n" +
		"actors:\n  - {id: x, name: X, type: person}\nclaims:\n  - {id: c, text: C}\nstatements:\n  - {actor: x, claim: c, stance: support, quote: q, source: z}\n"})
	if err != nil {
		t.Fatal(err)
	}
	noHang(t, func() { err = CheckCorpus(d, os.DirFS(corpus)) })
	want := `a.yaml:2:5: source "z": zero.txt is a character device, not a regular file: it is not read (source texts are regular UTF-8 text files)
a.yaml:3:5: source "p": pipe.txt is a named pipe (FIFO), not a regular file: it is not read (source texts are regular UTF-8 text files)
a.yaml:4:5: source "b": big.txt: file is 67108865 bytes, larger than the limit of 67108864 (source texts are read whole; split the text)`
	if err == nil || err.Error() != want {
		t.Errorf("error =\n%v\nwant\n%s", err, want)
	}
}

// cancelling is a file system that cancels a context once n files have
// been opened, and counts the files opened.
type cancelling struct {
	fstest.MapFS
	n      int
	cancel context.CancelFunc
	mu     sync.Mutex
	opened int
}

func (c *cancelling) Open(name string) (fs.File, error) {
	if strings.HasSuffix(name, ".yaml") {
		c.mu.Lock()
		if c.opened++; c.opened == c.n {
			c.cancel()
		}
		c.mu.Unlock()
	}
	return c.MapFS.Open(name)
}

func TestLoadContextStops(t *testing.T) {
	fsys := fstest.MapFS{}
	const files = 2000
	for i := range files {
		fsys[strings.Repeat("d/", i%5)+"f"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+itoa(i)+".yaml"] = &fstest.MapFile{Data: []byte(base)}
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &cancelling{MapFS: fsys, n: 10, cancel: cancel}
	_, err := LoadContext(ctx, c, ".")
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "load .: ") {
		t.Errorf("error = %v, want load .: context canceled", err)
	}
	// Workers finish the file they are reading; no new one is opened.
	if c.opened > c.n+2*4 {
		t.Errorf("%d of %d files opened after cancelling at the %dth", c.opened, files, c.n)
	}
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if _, err := LoadDirContext(ctx, testutil.WriteFiles(t, map[string]string{"a.yaml": base})); !errors.Is(err, context.Canceled) {
		t.Errorf("LoadDirContext with a done context: error = %v, want context.Canceled", err)
	}
	if err := CheckCorpusContext(ctx, &Dataset{Sources: []*Source{{ID: "s", File: "s.txt"}}}, fstest.MapFS{}); !errors.Is(err, context.Canceled) {
		t.Errorf("CheckCorpusContext with a done context: error = %v, want context.Canceled", err)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func TestLoadLinksExtensionsAndEmptyDatasets(t *testing.T) {
	outside := testutil.WriteFiles(t, map[string]string{"shared.yaml": "claims:\n  - {id: shared, text: S}\n", "more/x.yaml": "claims:\n  - {id: more, text: M}\n"})
	tests := []struct {
		name    string
		files   map[string]string
		links   map[string]string // link name → target (a "OUT/" prefix means in outside)
		claims  string            // the claims loaded, space-separated
		warns   string            // the warnings, one a line
		wantErr string
	}{
		{"upper-case and .yml extensions", map[string]string{"a.YAML": "claims:\n  - {id: upper, text: U}\n", "b.yml": "claims:\n  - {id: yml, text: Y}\n", "c.Yml": "claims:\n  - {id: mixed, text: M}\n", "d.yaml.txt": "not: loaded\n"},
			nil, "upper yml mixed", "", ""},
		{"link to a file outside", map[string]string{"a.yaml": "claims:\n  - {id: own, text: O}\n"}, map[string]string{"b.yaml": "OUT/shared.yaml"},
			"own shared", "", ""},
		{"link to a file inside", map[string]string{"a.yaml": "claims:\n  - {id: own, text: O}\n", "sub/real.txt": "claims:\n  - {id: real, text: R}\n"}, map[string]string{"b.yaml": "sub/real.txt"},
			"own real", "", ""},
		{"link to a directory", map[string]string{"a.yaml": "claims:\n  - {id: own, text: O}\n"}, map[string]string{"more": "OUT/more"},
			"own", "more: symbolic link to a directory is not followed: its files are not loaded (copy or move the directory into the dataset)", ""},
		{"broken link", map[string]string{"a.yaml": "claims:\n  - {id: own, text: O}\n"}, map[string]string{"gone.yaml": "OUT/gone.yaml"},
			"", "", "gone.yaml: cannot follow the symbolic link: stat gone.yaml: no such file or directory (remove the link or make it point to an annotation file)"},
		{"only comments", map[string]string{"a.yaml": "# to do\n"}, nil,
			"", "the dataset has no actors, claims or statements (every analysis of it is empty)", ""},
		{"only sources", map[string]string{"a.yaml": "sources:\n  - {id: s, title: S}\n"}, nil,
			"", "the dataset has no actors, claims or statements (every analysis of it is empty)", ""},
		{"no annotation files", map[string]string{"notes.txt": "x", ".hidden/a.yaml": base}, nil,
			"", "", "load DIR: no annotation files (*.yaml or *.yml) in it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testutil.WriteFiles(t, tt.files)
			for name, target := range tt.links {
				target = strings.Replace(target, "OUT", outside, 1)
				if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
					t.Fatal(err)
				}
			}
			d, err := LoadDir(dir)
			if tt.wantErr != "" {
				want := strings.ReplaceAll(tt.wantErr, "DIR", dir)
				if err == nil || err.Error() != want {
					t.Errorf("error = %v\nwant    %s", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, c := range d.Claims {
				ids = append(ids, c.ID)
			}
			if got := strings.Join(ids, " "); got != tt.claims {
				t.Errorf("claims = %q, want %q", got, tt.claims)
			}
			if got := d.Warnings.Error(); got != tt.warns {
				t.Errorf("warnings = %q, want %q", got, tt.warns)
			}
		})
	}
	if _, err := LoadDir(t.TempDir()); !errors.Is(err, ErrNoFiles) {
		t.Errorf("empty directory: error = %v, want ErrNoFiles", err)
	}
}

func TestLoadRejectsInvisibleQuotes(t *testing.T) {
	stmt := func(quote string) string {
		return "statements:\n  - actor: khawaja-asif\n    claim: ttp-safe-havens\n    stance: support\n    quote: " + quote + "\n    source: report\n"
	}
	const hint = " (give the verbatim words from the source; zero-width, format and other invisible characters do not count)"
	tests := []struct {
		name, quote, want string
	}{
		{"zero-width space", `"\u200b"`, `b.yaml:5:12: "quote" has no visible character, only U+200B` + hint},
		{"soft hyphen", "\u00ad", `b.yaml:5:12: "quote" has no visible character, only U+00AD` + hint},
		{"byte order mark", `"\ufeff"`, `b.yaml:5:12: "quote" has no visible character, only U+FEFF` + hint},
		{"mixed with spaces", `"\u200b \u200c\u200d \u2060"`, `b.yaml:5:12: "quote" has no visible character, only U+200B, U+0020, U+200C, U+200D, U+2060` + hint},
		{"hangul filler", "\u3164\u3164", `b.yaml:5:12: "quote" has no visible character, only U+3164` + hint},
		{"combining marks alone", "\u0301\u0302", `b.yaml:5:12: "quote" has no visible character, only U+0301, U+0302` + hint},
		{"braille blank", "\u2800", `b.yaml:5:12: "quote" has no visible character, only U+2800` + hint},
		{"variation selector", "\ufe0f", `b.yaml:5:12: "quote" has no visible character, only U+FE0F` + hint},
		{"blank", `"  "`, `b.yaml:5:12: "quote" is blank (give the verbatim words from the source)`},
		{"one visible letter", "\u200bx\u200b", ""},
		{"Pashto with marks", "دَ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFiles(t, map[string]string{"a.yaml": base, "b.yaml": stmt(tt.quote)})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("error = %s\nwant    %s", got, tt.want)
			}
		})
	}
	// A dataset made in code is caught by CheckCorpus, which would
	// otherwise find the empty normalised quote everywhere.
	d, err := New(nil, nil, []*Source{{ID: "s", Title: "S", File: "s.txt"}}, []*Statement{{Actor: "", Claim: "", Stance: Support, Quote: "\u200b", Source: "s"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = CheckCorpus(d, fstest.MapFS{"s.txt": &fstest.MapFile{Data: []byte("text")}})
	if want := `quote "\u200b" has no visible character (give the verbatim words from the source)`; err == nil || err.Error() != want {
		t.Errorf("CheckCorpus error = %v, want %s", err, want)
	}
}

func TestLoadRejectsControlCharacters(t *testing.T) {
	const short = " (remove it: this field holds one line of printable characters)"
	const long = " (remove it: text holds printable characters, tabs and line breaks)"
	tests := []struct {
		name, file, want string
	}{
		{"NUL in a name", `actors: [{id: x, name: "a\0b", type: person}]`, `b.yaml:1:24: "name" contains the control character U+0000` + short},
		{"escape sequence in a name", `actors: [{id: x, name: "\e[31mred", type: person}]`, `b.yaml:1:24: "name" contains the control character U+001B` + short},
		{"C1 CSI in an alias", `actors: [{id: x, name: X, type: person, aliases: [ok, "\x9b31m"]}]`, `b.yaml:1:55: "aliases" contains the control character U+009B` + short},
		{"DEL in a title", `sources: [{id: s, title: "a\x7f"}]`, `b.yaml:1:26: "title" contains the control character U+007F` + long},
		{"U+FFFF in a name", `actors: [{id: x, name: "a\uffff", type: person}]`, `b.yaml:1:24: "name" contains the noncharacter U+FFFF` + short},
		{"U+FFFE in a topic", `claims: [{id: c, text: T, topic: "\ufffe"}]`, `b.yaml:1:34: "topic" contains the noncharacter U+FFFE` + short},
		{"U+FDD0 raw in a role", "actors: [{id: x, name: X, type: person, role: a\ufdd0}]", `b.yaml:1:47: "role" contains the noncharacter U+FDD0` + short},
		{"U+10FFFF in a note", `statements: [{actor: khawaja-asif, claim: ttp-safe-havens, stance: support, quote: q, source: report, note: "\U0010ffff"}]`, `b.yaml:1:109: "note" contains the noncharacter U+10FFFF` + long},
		{"tab in a file field", `sources: [{id: s, title: T, file: "a\tb.txt"}]`, `b.yaml:1:35: "file" contains the control character U+0009` + short},
		{"newline in an id", `actors: [{id: "x\ny", name: X, type: person}]`, `b.yaml:1:15: "id" contains the control character U+000A` + short},
		{"escape in a quote", `statements: [{actor: khawaja-asif, claim: ttp-safe-havens, stance: support, quote: "a\e]0;x\a", source: report}]`, `b.yaml:1:84: "quote" contains the control character U+001B` + long},
		{"tab and newlines in a quote", "statements:\n  - actor: khawaja-asif\n    claim: ttp-safe-havens\n    stance: support\n    source: report\n    quote: |\n      two\tlines\n      of text\n", ""},
		{"folded title", "sources:\n  - id: s\n    title: >\n      A long\n      title\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFiles(t, map[string]string{"a.yaml": base, "b.yaml": tt.file})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("error = %s\nwant    %s", got, tt.want)
			}
		})
	}
	_, err := New([]*Actor{{ID: "x", Name: "a\x1b[0m", Type: TypePerson, Pos: Pos{"gen", 3, 1}}}, nil, nil,
		[]*Statement{{Actor: "x", Claim: "", Stance: Support, Quote: "q\xed\xa0\x80", Pos: Pos{"gen", 4, 1}}}, nil)
	want := `gen:3:1: actor name contains the control character U+001B` + short + "\n" +
		`gen:4:1: statement quote contains the lone surrogate U+D800 (not a character)` + long
	if err == nil || err.Error() != want {
		t.Errorf("New error =\n%v\nwant\n%s", err, want)
	}
}

func TestErrorEscapesControls(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Pos{"a\x1b[31m.yaml", 1, 2}, "bad \x9b2J and \ufeff", "x\ty\n"}, `a\x1b[31m.yaml:1:2: bad \x9b2J and \ufeff (x\ty\n)`},
		{&Error{Pos{"a.yaml", 0, 0}, "not \xffutf-8 \uffff", ""}, `a.yaml: not \xffutf-8 \uffff`},
		{&Error{Msg: "whole dataset", Hint: "hint"}, `whole dataset (hint)`},
		{&Error{Pos{"ok.yaml", 3, 4}, "“fine” — é 中", ""}, `ok.yaml:3:4: “fine” — é 中`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %s, want %s", got, tt.want)
		}
	}
	l := ErrorList{tests[0].err, tests[1].err}
	if got := l.Error(); strings.ContainsAny(got, "\x1b\u009b\t") || strings.Count(got, "\n") != 1 {
		t.Errorf("ErrorList.Error() = %q: raw controls or extra lines", got)
	}
	if got := (&loadError{"d\x1b", errors.New("e\x07")}).Error(); got != `load d\x1b: e\a` {
		t.Errorf("loadError = %s", got)
	}
}

func TestSuggesterAgreesWithNearest(t *testing.T) {
	rng := uint64(1)
	rnd := func(n int) int {
		rng ^= rng << 13
		rng ^= rng >> 7
		rng ^= rng << 17
		return int(rng % uint64(n))
	}
	word := func(alphabet string, maxLen int) string {
		b := make([]byte, rnd(maxLen+1))
		for i := range b {
			b[i] = alphabet[rnd(len(alphabet))]
		}
		return string(b)
	}
	for round := range 300 {
		alphabet := "abc-"[:2+round%3]
		var cands []string
		for range rnd(40) {
			cands = append(cands, word(alphabet, 12))
		}
		x := NewSuggester(cands)
		for range 30 {
			q := word(alphabet, 14)
			want, wantOK := Nearest(q, cands)
			got, gotOK := x.Nearest(q)
			if got != want || gotOK != wantOK {
				t.Fatalf("Nearest(%q, %q) = %q, %v; Suggester says %q, %v", q, cands, want, wantOK, got, gotOK)
			}
		}
	}
}

// TestBadCharEveryPosition checks the eight-bytes-at-a-time scan finds a
// control character wherever it is.
func TestBadCharEveryPosition(t *testing.T) {
	clean := "The quick brown fox jumps over the lazy dog~ 0123"
	if why := badChar(clean, false); why != "" {
		t.Fatalf("clean text rejected: %s", why)
	}
	bad := []byte{0x7f}
	for c := byte(0); c < 0x20; c++ {
		bad = append(bad, c)
	}
	for i := range len(clean) {
		for _, c := range bad {
			s := clean[:i] + string([]byte{c}) + clean[i+1:]
			if why := badChar(s, false); why == "" {
				t.Fatalf("byte %#x at %d not found in %q", c, i, s)
			}
		}
		for _, r := range []rune{0x85, 0x9b, 0xffff, 0xfdd0} {
			s := clean[:i] + string(r) + clean[i+1:]
			if why := badChar(s, false); why == "" {
				t.Fatalf("U+%04X at %d not found", r, i)
			}
		}
		if why := badChar(clean[:i]+"é"+clean[i+1:], false); why != "" {
			t.Fatalf("é at %d rejected: %s", i, why)
		}
	}
}

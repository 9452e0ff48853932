package dna

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/internal/testutil"
)

// samplePath is DNA's own sample database, beside the repository.
func samplePath(t testing.TB) string {
	t.Helper()
	return testutil.SharedPath(t, "dna", "sample.dna")
}

func TestReadSample(t *testing.T) {
	r, err := ReadFile(context.Background(), samplePath(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := r.Dataset
	if got, want := d.Stats(), (annotations.Stats{Actors: 7, Claims: 6, Sources: 7, Statements: 40}); got != want {
		t.Errorf("stats %+v, want %+v", got, want)
	}
	if r.Skipped.Total() != 0 {
		t.Errorf("skipped %+v, want none", r.Skipped)
	}
	// Actors by name, as DNA sorts its labels; ids from the names.
	if a := d.Actors[0]; a.ID != "alliance-to-save-energy" || a.Name != "Alliance to Save Energy" || a.Type != annotations.TypeOrganization || len(a.Tags) != 1 || a.Tags[0] != "NGO" {
		t.Errorf("first actor %+v", a)
	}
	c := d.Claim("there-should-be-legislation-to-regulate-emissions")
	if c == nil || c.Text != "There should be legislation to regulate emissions." {
		t.Errorf("claim %+v", c)
	}
	s := d.Sources[0]
	if s.ID != "109-876-bluestein-joel-bus-y" || s.Author != "Bluestein, Joel" || s.Outlet != "109" || s.Published.String() != "2005-01-26" || s.File != s.ID+".txt" {
		t.Errorf("first source %+v", s)
	}
	// DNA statement 1: Energy and Environmental Analysis opposes "CO2
	// legislation will not hurt the economy."
	st := d.Statements[0]
	if st.Actor != "energy-and-environmental-analysis-inc" || st.Claim != "co2-legislation-will-not-hurt-the-economy" ||
		st.Stance != annotations.Oppose || !strings.HasPrefix(st.Quote, "At the gas prices we are forecasting") ||
		st.Date != s.Published || st.Note != "DNA statement 1" {
		t.Errorf("first statement %+v", st)
	}

	r, err = ReadFile(context.Background(), samplePath(t), Options{Actor: "person"})
	if err != nil {
		t.Fatal(err)
	}
	if a := r.Dataset.Actors[0]; a.Name != "Bob Slaughter" || a.Type != annotations.TypePerson || len(r.Dataset.Actors) != 7 {
		t.Errorf("person actors: first %+v of %d", a, len(r.Dataset.Actors))
	}
}

func TestWriteSampleChecks(t *testing.T) {
	r, err := ReadFile(context.Background(), samplePath(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := r.Write(dir, false); err != nil {
		t.Fatal(err)
	}
	d, err := annotations.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := annotations.CheckCorpus(d, os.DirFS(filepath.Join(dir, CorpusDir))); err != nil {
		t.Fatalf("corpus check: %v", err)
	}
	if d.Stats() != r.Dataset.Stats() {
		t.Errorf("loaded %+v, imported %+v", d.Stats(), r.Dataset.Stats())
	}
	for i, s := range d.Statements {
		w := r.Dataset.Statements[i]
		if s.Actor != w.Actor || s.Claim != w.Claim || s.Stance != w.Stance || s.Quote != w.Quote || s.Date != w.Date || s.Source != w.Source {
			t.Fatalf("statement %d reads back as %+v, want %+v", i, s, w)
		}
	}
	if err := r.Write(dir, false); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("second write: %v, want ErrNotEmpty", err)
	}
	if err := r.Write(dir, true); err != nil {
		t.Errorf("forced write: %v", err)
	}
}

// miniSchema is the part of DNA 3's schema the importer reads.
const miniSchema = `
CREATE TABLE DOCUMENTS(ID INTEGER NOT NULL PRIMARY KEY, Title TEXT NOT NULL, Text TEXT NOT NULL, Coder INTEGER, Author TEXT NOT NULL DEFAULT '', Source TEXT NOT NULL DEFAULT '', Section TEXT NOT NULL DEFAULT '', Notes TEXT NOT NULL DEFAULT '', Type TEXT NOT NULL DEFAULT '', Date INTEGER NOT NULL);
CREATE TABLE STATEMENTTYPES(ID INTEGER NOT NULL PRIMARY KEY, Label TEXT NOT NULL);
CREATE TABLE VARIABLES(ID INTEGER NOT NULL PRIMARY KEY, Variable TEXT NOT NULL, DataType TEXT NOT NULL, StatementTypeId INTEGER);
CREATE TABLE STATEMENTS(ID INTEGER NOT NULL PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER, Start INTEGER NOT NULL, Stop INTEGER NOT NULL, Coder INTEGER);
CREATE TABLE ENTITIES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL, Value TEXT NOT NULL DEFAULT '', ChildOf INTEGER);
CREATE TABLE DATASHORTTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Entity INTEGER NOT NULL);
CREATE TABLE DATABOOLEAN(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 1);
CREATE TABLE DATAINTEGER(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 0);
`

func miniDB(t *testing.T, stmts ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "mini.dna")
	db, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range append([]string{miniSchema}, stmts...) {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return p
}

func TestReadEdgeCases(t *testing.T) {
	// The text has a character outside the BMP (two UTF-16 units), so the
	// spans after it are off by one in code points.
	text := "Rockets 🚀 are fine. Taxes are bad.   "
	p := miniDB(t,
		`INSERT INTO STATEMENTTYPES VALUES (1, 'Position')`,
		`INSERT INTO VARIABLES VALUES (1, 'organization', 'short text', 1), (2, 'concept', 'short text', 1), (3, 'agreement', 'integer', 1)`,
		`INSERT INTO ENTITIES VALUES (1, 1, 'ACME', NULL), (2, 1, 'Acme', NULL), (3, 1, '', NULL), (4, 2, 'Rockets!', NULL), (5, 2, '你好', NULL)`,
		`INSERT INTO DOCUMENTS (ID, Title, Text, Date) VALUES (7, '', '`+text+`', 86400)`,
		// Statement 1: "Rockets 🚀 are fine." is units 0..20.
		`INSERT INTO STATEMENTS VALUES (1, 1, 7, 0, 20, 1), (2, 1, 7, 21, 35, 1), (3, 1, 7, 0, 5, 1), (4, 1, 7, 0, 5, 1), (5, 1, 7, 35, 38, 1), (6, 1, 7, 0, 5, 1)`,
		`INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (1, 1, 1), (1, 2, 4), (2, 1, 2), (2, 2, 5), (3, 1, 3), (3, 2, 4), (4, 1, 1), (4, 2, 4), (5, 1, 1), (5, 2, 4), (6, 1, 1)`,
		`INSERT INTO DATAINTEGER (StatementId, VariableId, Value) VALUES (1, 3, 2), (2, 3, -1), (3, 3, 1), (4, 3, 0), (5, 3, 1)`,
	)
	r, err := ReadFile(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := r.Dataset
	var ids []string
	for _, a := range d.Actors {
		ids = append(ids, a.ID)
	}
	for _, c := range d.Claims {
		ids = append(ids, c.ID)
	}
	for _, s := range d.Sources {
		ids = append(ids, s.ID)
	}
	if got := strings.Join(ids, " "); got != "acme acme-2 rockets claim-5 document-7" {
		t.Errorf("ids %s", got)
	}
	if len(d.Statements) != 2 {
		t.Fatalf("statements %+v", d.Statements)
	}
	if s := d.Statements[0]; s.Quote != "Rockets 🚀 are fine." || s.Stance != annotations.Support || s.Date.String() != "1970-01-02" {
		t.Errorf("statement 1 %+v", s)
	}
	if s := d.Statements[1]; s.Quote != "Taxes are bad." || s.Stance != annotations.Oppose || s.Actor != "acme-2" || s.Claim != "claim-5" {
		t.Errorf("statement 2 %+v", s)
	}
	if want := (Skipped{Empty: 2, NoStance: 1, BlankQuote: 1}); r.Skipped != want {
		t.Errorf("skipped %+v, want %+v", r.Skipped, want)
	}
	if got := r.Summary(); got != "2 actors, 2 claims, 1 sources, 2 statements; 4 statements skipped (2 without an actor or claim, 1 without a stance, 1 spanning no text)" {
		t.Errorf("summary %q", got)
	}
}

func TestReadErrors(t *testing.T) {
	ctx := context.Background()
	notSQLite := filepath.Join(t.TempDir(), "x.dna")
	if err := os.WriteFile(notSQLite, []byte("<dna/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(ctx, notSQLite, Options{}); !errors.Is(err, ErrNotDNA) {
		t.Errorf("XML file: %v, want ErrNotDNA", err)
	}
	if _, err := ReadFile(ctx, filepath.Join(t.TempDir(), "missing.dna"), Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v, want ErrNotExist", err)
	}
	empty := filepath.Join(t.TempDir(), "empty.dna")
	db, err := sql.Open("sqlite", empty)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE T(x)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := ReadFile(ctx, empty, Options{}); !errors.Is(err, ErrNotDNA) {
		t.Errorf("other SQLite database: %v, want ErrNotDNA", err)
	}
	p := miniDB(t, `INSERT INTO STATEMENTTYPES VALUES (1, 'Position')`,
		`INSERT INTO VARIABLES VALUES (1, 'organization', 'short text', 1), (2, 'concept', 'short text', 1)`)
	for _, o := range []Options{{}, {StatementType: "Other"}, {StatementType: "Position"}} {
		if _, err := ReadFile(ctx, p, o); !errors.Is(err, ErrUnknownVariable) {
			t.Errorf("%+v: %v, want ErrUnknownVariable", o, err)
		}
	}
}

// TestUnknownVariable checks that a wrong --claim, --actor, --qualifier or
// --statement-type names what is unknown, lists what the database has and
// suggests the nearest name, instead of calling the file no DNA database.
func TestUnknownVariable(t *testing.T) {
	ctx := context.Background()
	p := miniDB(t, `INSERT INTO STATEMENTTYPES VALUES (1, 'DNA Statement')`,
		`INSERT INTO VARIABLES VALUES (1, 'organization', 'short text', 1), (2, 'concept', 'short text', 1), (3, 'person', 'short text', 1), (4, 'agreement', 'boolean', 1)`)
	tests := []struct {
		opts Options
		want []string
	}{
		{Options{Claim: "concpt"}, []string{`no claim variable "concpt"`, `did you mean "concept"?`, `the short text variables are "concept", "organization", "person"`}},
		{Options{Claim: "xyzzy"}, []string{`no claim variable "xyzzy"; the short text variables are "concept", "organization", "person"`}},
		{Options{Actor: "persno"}, []string{`no actor variable "persno"`, `did you mean "person"?`}},
		{Options{Qualifier: "agree"}, []string{`no qualifier variable "agree"`, `the boolean or integer variables are "agreement"`}},
		{Options{Claim: "agreement"}, []string{`no claim variable "agreement"`}},
		{Options{StatementType: "DNA Statment"}, []string{`no statement type "DNA Statment"`, `did you mean "DNA Statement"?`, `the statement types are "DNA Statement"`}},
	}
	for _, tt := range tests {
		_, err := ReadFile(ctx, p, tt.opts)
		if !errors.Is(err, ErrUnknownVariable) || errors.Is(err, ErrNotDNA) {
			t.Errorf("%+v: %v, want ErrUnknownVariable", tt.opts, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%+v: %v\nwant it to say %s", tt.opts, err, w)
			}
		}
	}
	if _, err := ReadFile(ctx, p, Options{}); err != nil {
		t.Errorf("default options: %v", err)
	}
}

// TestDateOutOfRange changes one document's date in a copy of DNA's
// sample to a value no YYYY-MM-DD date holds (the old importer wrote
// "published: 14787-61-80"): the import fails naming the document and the
// raw value, and suggests milliseconds when the value reads as such.
func TestDateOutOfRange(t *testing.T) {
	for _, tt := range []struct {
		secs int64
		want string
	}{
		{404000000000, "Date 404000000000"},
		{1106697600000, "it looks like milliseconds (2005-01-26)"},
		{-70000000000, "Date -70000000000"},
	} {
		p := filepath.Join(t.TempDir(), "sample.dna")
		data, err := os.ReadFile(samplePath(t))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		var id int64
		if err := db.QueryRow(`SELECT min(ID) FROM DOCUMENTS`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`UPDATE DOCUMENTS SET Date = ? WHERE ID = ?`, tt.secs, id); err != nil {
			t.Fatal(err)
		}
		db.Close()
		_, err = ReadFile(context.Background(), p, Options{})
		if !errors.Is(err, ErrBadDate) {
			t.Fatalf("date %d: %v, want ErrBadDate", tt.secs, err)
		}
		for _, w := range []string{fmt.Sprintf("DOCUMENTS row %d", id), tt.want, "years 1 to 9999"} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("date %d: %v\nwant it to say %s", tt.secs, err, w)
			}
		}
	}
}

func TestDateOf(t *testing.T) {
	for _, tt := range []struct {
		secs int64
		want string
		ok   bool
	}{
		{0, "1970-01-01", true},
		{86400, "1970-01-02", true},
		{-62135596800, "0001-01-01", true},
		{253402300799, "9999-12-31", true},
		{253402300800, "", false},
		{-62135596801, "", false},
		{1 << 62, "", false},
	} {
		d, err := dateOf(tt.secs)
		if (err == nil) != tt.ok || tt.ok && d.String() != tt.want {
			t.Errorf("dateOf(%d) = %v, %v; want %s", tt.secs, d, err, tt.want)
		}
	}
}

// TestInvalidUTF8 imports a database named, and with entities, titles and
// texts, in bytes that are not UTF-8. The import used to panic in the YAML
// encoder; now each such byte becomes U+FFFD with a warning naming the
// row, and the written dataset loads and its quotes check.
func TestInvalidUTF8(t *testing.T) {
	p := miniDB(t,
		`INSERT INTO STATEMENTTYPES VALUES (1, 'DNA Statement')`,
		`INSERT INTO VARIABLES VALUES (1, 'organization', 'short text', 1), (2, 'concept', 'short text', 1), (3, 'agreement', 'boolean', 1)`,
		`INSERT INTO ENTITIES VALUES (1, 1, CAST(X'4143FF4D45' AS TEXT), NULL), (2, 2, CAST(X'546178657320617265206261640001EFBFBF' AS TEXT), NULL)`,
		`INSERT INTO DOCUMENTS (ID, Title, Text, Author, Date) VALUES (7, CAST(X'5469746CE9' AS TEXT), CAST(X'4361665E9E20627573792E2054617865732061726520626164FF2E' AS TEXT), CAST(X'FE' AS TEXT), 86400)`,
		`INSERT INTO STATEMENTS VALUES (1, 1, 7, 12, 27, 1)`,
		`INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (1, 1, 1), (1, 2, 2)`,
		`INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (1, 3, 1)`,
	)
	named := filepath.Join(filepath.Dir(p), "d\xffb\x01.dna")
	if err := os.Rename(p, named); err != nil {
		t.Fatal(err)
	}
	r, err := ReadFile(context.Background(), named, Options{})
	if err != nil {
		t.Fatal(err)
	}
	warnings := strings.Join(r.Warnings, "\n")
	for _, w := range []string{"ENTITIES row 1", "DOCUMENTS row 7 (Title)", "DOCUMENTS row 7 (Text)", "DOCUMENTS row 7 (Author)", "byte 0xFF at offset 2"} {
		if !strings.Contains(warnings, w) {
			t.Errorf("warnings %q\nwant one naming %s", warnings, w)
		}
	}
	if a := r.Dataset.Actors[0]; a.Name != "AC\uFFFDME" {
		t.Errorf("actor %+v", a)
	}
	if s := r.Dataset.Statements[0]; s.Quote != "Taxes are bad\uFFFD." {
		t.Errorf("statement %+v", s)
	}
	dir := filepath.Join(t.TempDir(), "out")
	if err := r.Write(dir, false); err != nil {
		t.Fatal(err)
	}
	d, err := annotations.LoadDir(dir)
	if err != nil {
		t.Fatalf("written dataset does not load: %v", err)
	}
	if err := annotations.CheckCorpus(d, os.DirFS(filepath.Join(dir, CorpusDir))); err != nil {
		t.Errorf("corpus check: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "actors.yaml"))
	if err != nil || !strings.Contains(string(b), `# Imported from "`) || !strings.Contains(string(b), `\xffb\x01.dna"`) {
		t.Errorf("actors.yaml does not name the database with escapes:\n%s", b)
	}
}

// TestWriteWholeOrNothing makes the encoding of one file fail (a name
// that is not UTF-8, which Read would have replaced): nothing is written,
// neither into a new directory nor, with --force, into an existing one,
// and no staging directory is left behind.
func TestWriteWholeOrNothing(t *testing.T) {
	r, err := ReadFile(context.Background(), samplePath(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.Dataset.Actors[len(r.Dataset.Actors)-1].Name = "bad \xff name"
	parent := t.TempDir()
	dir := filepath.Join(parent, "new")
	if err := r.Write(dir, false); err == nil {
		t.Fatal("no error for a name that is not UTF-8")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("failed write left %v in %s", entries, parent)
	}
	old := filepath.Join(dir, "actors.yaml")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, []byte("# mine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := r.Write(dir, true); err == nil {
		t.Fatal("no error for a name that is not UTF-8, with force")
	}
	if b, _ := os.ReadFile(old); string(b) != "# mine\n" {
		t.Errorf("forced failed write changed actors.yaml: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("forced failed write left %v", entries)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("forced failed write left %v in %s", entries, parent)
	}
	// With the name fixed, force replaces actors.yaml and keeps its mode.
	r.Dataset.Actors[len(r.Dataset.Actors)-1].Name = "fixed"
	if err := r.Write(dir, true); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(old); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced actors.yaml: %v, %v; want mode 0600 kept", fi.Mode(), err)
	}
	if _, err := annotations.LoadDir(dir); err != nil {
		t.Errorf("forced write does not load: %v", err)
	}
}

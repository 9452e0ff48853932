package dna

import (
	"context"
	"database/sql"
	"errors"
	"github.com/claimnet/claimnet/internal/testutil"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
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
		if _, err := ReadFile(ctx, p, o); !errors.Is(err, ErrNotDNA) {
			t.Errorf("%+v: %v, want ErrNotDNA", o, err)
		}
	}
}

package dna

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/claimnet/claimnet/annotations"
	_ "modernc.org/sqlite" // the pure-Go database/sql driver "sqlite"
)

// ErrNotDNA is returned, wrapped, when a file is not a DNA 3 database.
var ErrNotDNA = errors.New("not a DNA 3 database")

// ErrUnknownVariable is returned, wrapped, when the database has no
// statement type or variable of the name Options give, or none of the
// right data type; the error lists the names the database has.
var ErrUnknownVariable = errors.New("unknown DNA statement type or variable")

// ErrBadDate is returned, wrapped, when a document's date is outside the
// years 1 to 9999 that a YYYY-MM-DD date can hold.
var ErrBadDate = errors.New("document date out of range")

// Options says which DNA variables become what.
type Options struct {
	// Actor is the short-text variable whose values become the actors:
	// "organization" (the default) or "person", or any other.
	Actor string
	// ActorType is the annotation type of the actors; the default is
	// "person" for the person variable and "organization" otherwise.
	ActorType string
	// Claim is the short-text variable whose values become the claims;
	// the default is "concept".
	Claim string
	// Qualifier is the boolean (1 support, 0 oppose) or integer (positive
	// support, negative oppose) variable giving the stance; the default is
	// "agreement".
	Qualifier string
	// StatementType is the label of the statement type to import; by
	// default the one type that has the three variables.
	StatementType string
	// Name names the database in the comments of the written files; the
	// default is "the DNA database".
	Name string
}

// Result is an imported dataset with the texts of its sources.
type Result struct {
	// Dataset is the validated dataset: actors and claims by name, sources
	// by DNA document id, statements by document and position.
	Dataset *annotations.Dataset
	// Texts maps each source id to its document's text.
	Texts map[string]string
	// Skipped counts the statements of the type that were not imported,
	// by reason.
	Skipped Skipped
	// Warnings say what the import changed to make the dataset valid:
	// text that was not valid UTF-8, with its bytes replaced by U+FFFD,
	// naming the table, row and field.
	Warnings []string
	name     string
}

// Skipped counts statements left out of an import.
type Skipped struct {
	// Empty statements lack an actor or a claim value.
	Empty int `json:"empty"`
	// NoStance statements have no qualifier value, or an integer one of 0.
	NoStance int `json:"no_stance"`
	// BlankQuote statements span only white space (or lie outside their
	// document's text).
	BlankQuote int `json:"blank_quote"`
}

// Total is the number of statements skipped.
func (s Skipped) Total() int { return s.Empty + s.NoStance + s.BlankQuote }

// ReadFile opens the DNA database at path read-only and reads it; see Read.
func ReadFile(ctx context.Context, path string, opts Options) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return nil, fmt.Errorf("import %s: %w: not an SQLite file", path, ErrNotDNA)
	}
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: path}).EscapedPath(), RawQuery: "mode=ro"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	defer db.Close()
	if opts.Name == "" {
		opts.Name = path
	}
	r, err := Read(ctx, db, opts)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	return r, nil
}

// variable is a row of VARIABLES.
type variable struct {
	id       int64
	name     string
	dataType string
	stType   int64
}

// Read reads a DNA 3 database into a validated dataset.
//
// Every non-empty value of the actor variable becomes an actor (name: the
// value; id: annotations.SuggestID of it, shortened and made unique;
// aliases and tags from the entity's Alias and Type attributes), every
// non-empty value of the claim variable a claim, and every document a
// source (title, author, outlet from DNA's source field, published date;
// file: <id>.txt). Each statement of the type becomes a statement of its
// actor on its claim, with the stance of its qualifier and its text span
// as the quote, dated by its document. Statements without an actor,
// claim or stance, or spanning only white space, are counted in Skipped.
func Read(ctx context.Context, db *sql.DB, opts Options) (*Result, error) {
	if opts.Actor == "" {
		opts.Actor = "organization"
	}
	if opts.ActorType == "" {
		opts.ActorType = annotations.TypeOrganization
		if opts.Actor == "person" {
			opts.ActorType = annotations.TypePerson
		}
	}
	if opts.Claim == "" {
		opts.Claim = "concept"
	}
	if opts.Qualifier == "" {
		opts.Qualifier = "agreement"
	}
	if opts.Name == "" {
		opts.Name = "the DNA database"
	}
	for _, table := range []string{"DOCUMENTS", "STATEMENTS", "STATEMENTTYPES", "VARIABLES", "ENTITIES", "DATASHORTTEXT", "DATABOOLEAN", "DATAINTEGER"} {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&n); err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		if n == 0 {
			return nil, fmt.Errorf("%w: it has no %s table (a DNA 2 database must be opened in DNA 3 first)", ErrNotDNA, table)
		}
	}
	stType, actorVar, claimVar, qualVar, err := chooseVariables(ctx, db, opts)
	if err != nil {
		return nil, err
	}
	im := &importer{ids: map[string]bool{}, actorOf: map[int64]string{}, claimOf: map[int64]string{}}
	if err := im.readEntities(ctx, db, actorVar.id, true, opts.ActorType); err != nil {
		return nil, err
	}
	if err := im.readEntities(ctx, db, claimVar.id, false, ""); err != nil {
		return nil, err
	}
	if err := im.readDocuments(ctx, db); err != nil {
		return nil, err
	}
	if err := im.readStatements(ctx, db, stType, actorVar.id, claimVar.id, qualVar); err != nil {
		return nil, err
	}
	d, err := annotations.New(im.actors, im.claims, im.sources, im.statements, nil)
	if err != nil {
		return nil, fmt.Errorf("the imported dataset is not valid: %w", err)
	}
	return &Result{Dataset: d, Texts: im.texts, Skipped: im.skipped, Warnings: im.warnings, name: opts.Name}, nil
}

// chooseVariables finds the statement type and its actor, claim and
// qualifier variables.
func chooseVariables(ctx context.Context, db *sql.DB, opts Options) (stType int64, actor, claim, qual variable, err error) {
	types := map[int64]string{}
	rows, err := db.QueryContext(ctx, `SELECT ID, Label FROM STATEMENTTYPES ORDER BY ID`)
	if err != nil {
		return 0, actor, claim, qual, fmt.Errorf("read statement types: %w", err)
	}
	var typeIDs []int64
	for rows.Next() {
		var id int64
		var label string
		if err := rows.Scan(&id, &label); err != nil {
			rows.Close()
			return 0, actor, claim, qual, fmt.Errorf("read statement types: %w", err)
		}
		types[id] = label
		typeIDs = append(typeIDs, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, actor, claim, qual, fmt.Errorf("read statement types: %w", err)
	}
	vars := map[int64]map[string]variable{}
	rows, err = db.QueryContext(ctx, `SELECT ID, Variable, DataType, StatementTypeId FROM VARIABLES ORDER BY ID`)
	if err != nil {
		return 0, actor, claim, qual, fmt.Errorf("read variables: %w", err)
	}
	for rows.Next() {
		var v variable
		var st sql.NullInt64
		if err := rows.Scan(&v.id, &v.name, &v.dataType, &st); err != nil {
			rows.Close()
			return 0, actor, claim, qual, fmt.Errorf("read variables: %w", err)
		}
		v.stType = st.Int64
		if vars[v.stType] == nil {
			vars[v.stType] = map[string]variable{}
		}
		vars[v.stType][v.name] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, actor, claim, qual, fmt.Errorf("read variables: %w", err)
	}
	var candidates []int64
	for _, id := range typeIDs {
		if opts.StatementType == "" || types[id] == opts.StatementType {
			candidates = append(candidates, id)
		}
	}
	if len(candidates) == 0 {
		var labels []string
		for _, id := range typeIDs {
			labels = append(labels, types[id])
		}
		return 0, actor, claim, qual, unknown("statement type", opts.StatementType, labels, "statement types")
	}
	// Each variable named in opts must exist, with a fitting data type, in
	// one of the candidate types; otherwise say which names there are.
	for _, need := range []struct {
		role, name string
		kinds      []string
	}{
		{"actor", opts.Actor, []string{"short text"}},
		{"claim", opts.Claim, []string{"short text"}},
		{"qualifier", opts.Qualifier, []string{"boolean", "integer"}},
	} {
		seen := map[string]bool{}
		var fitting []string
		found := false
		for _, id := range candidates {
			for name, v := range vars[id] {
				if !contains(need.kinds, v.dataType) {
					continue
				}
				found = found || name == need.name
				if !seen[name] {
					seen[name] = true
					fitting = append(fitting, name)
				}
			}
		}
		if !found {
			return 0, actor, claim, qual, unknown(need.role+" variable", need.name, fitting, strings.Join(need.kinds, " or ")+" variables")
		}
	}
	fits := func(id int64) error {
		vs := vars[id]
		for _, need := range []struct{ name, kind string }{{opts.Actor, "short text"}, {opts.Claim, "short text"}} {
			if v, ok := vs[need.name]; !ok || v.dataType != need.kind {
				return fmt.Errorf("statement type %q has no %s variable %q", types[id], need.kind, need.name)
			}
		}
		if v, ok := vs[opts.Qualifier]; !ok || (v.dataType != "boolean" && v.dataType != "integer") {
			return fmt.Errorf("statement type %q has no boolean or integer variable %q", types[id], opts.Qualifier)
		}
		return nil
	}
	var chosen []int64
	var lastErr error
	for _, id := range candidates {
		if err := fits(id); err != nil {
			lastErr = err
			continue
		}
		chosen = append(chosen, id)
	}
	switch {
	case len(chosen) == 1:
		vs := vars[chosen[0]]
		return chosen[0], vs[opts.Actor], vs[opts.Claim], vs[opts.Qualifier], nil
	case len(chosen) > 1:
		var labels []string
		for _, id := range chosen {
			labels = append(labels, strconv.Quote(types[id]))
		}
		return 0, actor, claim, qual, fmt.Errorf("%w: statement types %s all have the variables; name one", ErrUnknownVariable, strings.Join(labels, ", "))
	case opts.StatementType != "":
		return 0, actor, claim, qual, fmt.Errorf("%w: %v", ErrUnknownVariable, lastErr)
	}
	return 0, actor, claim, qual, fmt.Errorf("%w: no statement type has the short-text variables %q and %q and a boolean or integer variable %q together",
		ErrUnknownVariable, opts.Actor, opts.Claim, opts.Qualifier)
}

// unknown reports a name that the database does not have, with the names
// it has and the nearest of them when it looks like a typo.
func unknown(what, name string, have []string, haveWhat string) error {
	sort.Strings(have)
	msg := fmt.Sprintf("no %s %q", what, name)
	if near, ok := annotations.Nearest(name, have); ok {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	if len(have) == 0 {
		return fmt.Errorf("%w: %s; the database has no %s", ErrUnknownVariable, msg, haveWhat)
	}
	quoted := make([]string, len(have))
	for i, h := range have {
		quoted[i] = strconv.Quote(h)
	}
	return fmt.Errorf("%w: %s; the %s are %s", ErrUnknownVariable, msg, haveWhat, strings.Join(quoted, ", "))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// importer collects the entries of an import.
type importer struct {
	ids        map[string]bool // every id given out: actors, claims and sources share one space
	actorOf    map[int64]string
	claimOf    map[int64]string
	docSource  map[int64]*annotations.Source
	docText    map[int64][]uint16
	actors     []*annotations.Actor
	claims     []*annotations.Claim
	sources    []*annotations.Source
	statements []*annotations.Statement
	texts      map[string]string
	skipped    Skipped
	warnings   []string
}

// valid returns s, or s with each byte that is not valid UTF-8 replaced by
// U+FFFD and a warning naming where it was (what), as Java's decoder in
// DNA would have shown it. Byte for byte, so that DNA's offsets into a
// document's text still count the same characters.
func (im *importer) valid(s, what string) string {
	if utf8.ValidString(s) {
		return s
	}
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	im.warnings = append(im.warnings, fmt.Sprintf("%s is not valid UTF-8 (byte 0x%02X at offset %d): each invalid byte replaced by U+FFFD", what, s[i], i))
	return string([]rune(s))
}

// field returns s made fit for a dataset field (see annotations.CleanText):
// valid UTF-8 as valid makes it, then each control character or
// noncharacter replaced, with a warning naming where it was (what). long
// is set for running text, where tabs and line breaks may stay.
func (im *importer) field(s, what string, long bool) string {
	s = im.valid(s, what)
	c := annotations.CleanText(s, long)
	if c != s {
		im.warnings = append(im.warnings, fmt.Sprintf("%s holds control characters or noncharacters: each replaced by U+FFFD (a line break or tab in a name by a space)", what))
	}
	return c
}

// newID returns a fresh id made from name, or from fallback when the name
// has no letters or digits (annotations.MakeID).
func (im *importer) newID(name, fallback string) string {
	return annotations.MakeID(name, fallback, im.ids)
}

// readEntities reads the non-empty values of a variable, sorted by value
// as DNA sorts its network labels, with their Alias and Type attributes.
func (im *importer) readEntities(ctx context.Context, db *sql.DB, varID int64, actors bool, actorType string) error {
	rows, err := db.QueryContext(ctx, `
		SELECT e.ID, e.Value,
			COALESCE((SELECT v.AttributeValue FROM ATTRIBUTEVALUES v JOIN ATTRIBUTEVARIABLES a ON a.ID = v.AttributeVariableId
				WHERE v.EntityId = e.ID AND a.AttributeVariable = 'Alias'), ''),
			COALESCE((SELECT v.AttributeValue FROM ATTRIBUTEVALUES v JOIN ATTRIBUTEVARIABLES a ON a.ID = v.AttributeVariableId
				WHERE v.EntityId = e.ID AND a.AttributeVariable = 'Type'), '')
		FROM ENTITIES e WHERE e.VariableId = ? AND trim(e.Value) != ''`, varID)
	if err != nil {
		// Databases without attribute tables still have entities.
		rows, err = db.QueryContext(ctx, `SELECT ID, Value, '', '' FROM ENTITIES WHERE VariableId = ? AND trim(Value) != ''`, varID)
		if err != nil {
			return fmt.Errorf("read entities: %w", err)
		}
	}
	type entity struct {
		id                 int64
		value, alias, kind string
	}
	var ents []entity
	for rows.Next() {
		var e entity
		if err := rows.Scan(&e.id, &e.value, &e.alias, &e.kind); err != nil {
			rows.Close()
			return fmt.Errorf("read entities: %w", err)
		}
		ents = append(ents, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read entities: %w", err)
	}
	sort.Slice(ents, func(i, j int) bool {
		if ents[i].value != ents[j].value {
			return ents[i].value < ents[j].value
		}
		return ents[i].id < ents[j].id
	})
	for _, e := range ents {
		what := fmt.Sprintf("ENTITIES row %d", e.id)
		e.value = im.field(e.value, what+" (value "+strconv.QuoteToASCII(e.value)+")", !actors)
		e.alias = im.field(e.alias, what+" (Alias attribute)", false)
		e.kind = im.field(e.kind, what+" (Type attribute)", false)
		if actors {
			a := &annotations.Actor{ID: im.newID(e.value, "actor-"+strconv.FormatInt(e.id, 10)), Name: e.value, Type: actorType}
			if alias := strings.TrimSpace(e.alias); alias != "" && alias != e.value {
				a.Aliases = []string{alias}
			}
			if kind := strings.TrimSpace(e.kind); kind != "" {
				a.Tags = []string{kind}
			}
			im.actors = append(im.actors, a)
			im.actorOf[e.id] = a.ID
		} else {
			c := &annotations.Claim{ID: im.newID(e.value, "claim-"+strconv.FormatInt(e.id, 10)), Text: e.value}
			im.claims = append(im.claims, c)
			im.claimOf[e.id] = c.ID
		}
	}
	return nil
}

// readDocuments reads every document as a source, by DNA id.
func (im *importer) readDocuments(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT ID, Title, Text, Author, Source, Date FROM DOCUMENTS ORDER BY ID`)
	if err != nil {
		return fmt.Errorf("read documents: %w", err)
	}
	defer rows.Close()
	im.docSource = map[int64]*annotations.Source{}
	im.docText = map[int64][]uint16{}
	im.texts = map[string]string{}
	for rows.Next() {
		var id, secs int64
		var title, text, author, outlet string
		if err := rows.Scan(&id, &title, &text, &author, &outlet, &secs); err != nil {
			return fmt.Errorf("read documents: %w", err)
		}
		what := "DOCUMENTS row " + strconv.FormatInt(id, 10)
		title = strings.TrimSpace(im.field(title, what+" (Title)", false))
		author = im.field(author, what+" (Author)", false)
		outlet = im.field(outlet, what+" (Source)", false)
		text = im.valid(text, what+" (Text)")
		published, err := dateOf(secs)
		if err != nil {
			return fmt.Errorf("%s (%q): %w", what, title, err)
		}
		if title == "" {
			title = "Document " + strconv.FormatInt(id, 10)
		}
		s := &annotations.Source{
			ID:        im.newID(title, "document-"+strconv.FormatInt(id, 10)),
			Title:     title,
			Author:    strings.TrimSpace(author),
			Outlet:    strings.TrimSpace(outlet),
			Published: published,
		}
		s.File = s.ID + ".txt"
		im.sources = append(im.sources, s)
		im.docSource[id] = s
		im.docText[id] = utf16.Encode([]rune(text))
		im.texts[s.ID] = text
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read documents: %w", err)
	}
	return nil
}

// readStatements reads the statements of the type in document and text
// order.
func (im *importer) readStatements(ctx context.Context, db *sql.DB, stType, actorVar, claimVar int64, qual variable) error {
	qualTable := "DATABOOLEAN"
	if qual.dataType == "integer" {
		qualTable = "DATAINTEGER"
	}
	rows, err := db.QueryContext(ctx, `
		SELECT s.ID, s.DocumentId, s.Start, s.Stop, a.Entity, c.Entity, q.Value
		FROM STATEMENTS s
		LEFT JOIN DATASHORTTEXT a ON a.StatementId = s.ID AND a.VariableId = ?
		LEFT JOIN DATASHORTTEXT c ON c.StatementId = s.ID AND c.VariableId = ?
		LEFT JOIN `+qualTable+` q ON q.StatementId = s.ID AND q.VariableId = ?
		WHERE s.StatementTypeId = ?
		ORDER BY s.DocumentId, s.Start, s.Stop, s.ID`, actorVar, claimVar, qual.id, stType)
	if err != nil {
		return fmt.Errorf("read statements: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, doc, start, stop int64
		var actorEnt, claimEnt, value sql.NullInt64
		if err := rows.Scan(&id, &doc, &start, &stop, &actorEnt, &claimEnt, &value); err != nil {
			return fmt.Errorf("read statements: %w", err)
		}
		actor, okA := im.actorOf[actorEnt.Int64]
		claim, okC := im.claimOf[claimEnt.Int64]
		src := im.docSource[doc]
		if !actorEnt.Valid || !claimEnt.Valid || !okA || !okC || src == nil {
			im.skipped.Empty++
			continue
		}
		var stance annotations.Stance
		switch {
		case !value.Valid:
		case qual.dataType == "boolean" && value.Int64 == 1, qual.dataType == "integer" && value.Int64 > 0:
			stance = annotations.Support
		case qual.dataType == "boolean" && value.Int64 == 0, qual.dataType == "integer" && value.Int64 < 0:
			stance = annotations.Oppose
		}
		if stance == 0 {
			im.skipped.NoStance++
			continue
		}
		text := im.docText[doc]
		start, stop = max(0, min(start, int64(len(text)))), max(0, min(stop, int64(len(text))))
		quote := ""
		if start < stop {
			// The text of a coded span may hold what no quote may (a
			// control character); the document's own text keeps it.
			quote = strings.TrimSpace(annotations.CleanText(string(utf16.Decode(text[start:stop])), true))
		}
		if quote == "" {
			im.skipped.BlankQuote++
			continue
		}
		im.statements = append(im.statements, &annotations.Statement{
			Actor: actor, Claim: claim, Stance: stance, Quote: quote,
			Source: src.ID, Date: src.Published,
			Note: "DNA statement " + strconv.FormatInt(id, 10),
		})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read statements: %w", err)
	}
	return nil
}

// dateOf turns DNA's date, seconds since 1970 in UTC, into a Date, which
// must lie in the years 1 to 9999.
func dateOf(secs int64) (annotations.Date, error) {
	const minSecs, maxSecs = -62135596800, 253402300799 // 0001-01-01T00:00:00Z, 9999-12-31T23:59:59Z
	if secs < minSecs || secs > maxSecs {
		hint := "correct the document's date in DNA"
		if ms := secs / 1000; ms >= minSecs && ms <= maxSecs {
			hint = "it looks like milliseconds (" + time.Unix(ms, 0).UTC().Format("2006-01-02") + "); " + hint
		}
		return 0, fmt.Errorf("%w: Date %d (seconds since 1970) is outside the years 1 to 9999; %s", ErrBadDate, secs, hint)
	}
	return annotations.DateOf(time.Unix(secs, 0).UTC()), nil
}

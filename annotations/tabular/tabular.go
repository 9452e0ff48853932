// Package tabular reads and writes statement tables: one row per
// statement, with its actor, claim, stance, date, quote and source and
// their attributes, as spreadsheets, DNA's event list and rDNA users
// keep coded discourse data.
//
// WriteStatements writes the flat table of a dataset's statements; Read
// turns such a table (or any table with at least actor, claim and stance
// columns) into a validated dataset, reporting every bad row at once.
package tabular

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/internal/safetext"
)

// The columns of a statement table. Read needs Actor, Claim and Stance;
// the others are optional.
const (
	Actor            = "actor"             // actor id, or its name when there is no actor_name column
	ActorName        = "actor_name"        // the actor's name
	ActorType        = "actor_type"        // person, organization, government, state, group or media
	ActorRole        = "actor_role"        // free text
	ActorAffiliation = "actor_affiliation" // the id (or, without actor_name, the name) of the actor it belongs to
	ActorAliases     = "actor_aliases"     // other names, separated by "; "
	ActorTags        = "actor_tags"        // tags, separated by "; "
	Claim            = "claim"             // claim id, or its text when there is no claim_text column
	ClaimText        = "claim_text"        // the claim's text
	ClaimTopic       = "claim_topic"       // free text
	Stance           = "stance"            // support or oppose, agree or disagree, 1 or 0, +1 or -1, true or false, yes or no
	Date             = "date"              // YYYY-MM-DD; default the source's published date
	Quote            = "quote"             // the verbatim evidence; a row without one gets annotations.NoQuote
	Direct           = "direct"            // true when the quote is the actor's own words
	Note             = "note"              // free text
	Source           = "source"            // source id, or its title when there is no source_title column
	SourceTitle      = "source_title"      // the source's title
	SourceOutlet     = "source_outlet"     // who published it
	SourceAuthor     = "source_author"     // who wrote it
	SourcePublished  = "source_published"  // YYYY-MM-DD
	SourceFile       = "source_file"       // the text's path in the corpus directory
)

// Columns lists the columns in the order WriteStatements writes them.
var Columns = []string{
	Actor, ActorName, ActorType, ActorRole, ActorAffiliation, ActorAliases, ActorTags,
	Claim, ClaimText, ClaimTopic,
	Stance, Date, Quote, Direct, Note,
	Source, SourceTitle, SourceOutlet, SourceAuthor, SourcePublished, SourceFile,
}

// synonyms are other header names Read takes for a column, as DNA and
// spreadsheets name them.
var synonyms = map[string]string{
	"concept": Claim, "organization": Actor, "organisation": Actor, "person": Actor,
	"agreement": Stance, "qualifier": Stance, "position": Stance, "time": Date,
}

// listSep separates the items of a list cell.
const listSep = "; "

// WriteStatements writes stmts of d as a CSV statement table: a header of
// Columns, then one row per statement with its actor's, claim's and
// source's attributes; the date is the statement's own or its source's.
// Text that begins like a spreadsheet formula gets a leading apostrophe
// (safetext.CSV), which Read takes off again.
func WriteStatements(w io.Writer, d *annotations.Dataset, stmts []*annotations.Statement) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return fmt.Errorf("write statements: %w", err)
	}
	row := make([]string, len(Columns))
	for _, s := range stmts {
		clear(row)
		a, c, src := d.Actor(s.Actor), d.Claim(s.Claim), d.Source(s.Source)
		row[0] = s.Actor
		if a != nil {
			row[1], row[2], row[3], row[4] = a.Name, a.Type, a.Role, a.Affiliation
			row[5], row[6] = strings.Join(a.Aliases, listSep), strings.Join(a.Tags, listSep)
		}
		row[7] = s.Claim
		if c != nil {
			row[8], row[9] = c.Text, c.Topic
		}
		row[10], row[11], row[12] = s.Stance.String(), s.Date.String(), s.Quote
		if s.Direct {
			row[13] = "true"
		}
		row[14], row[15] = s.Note, s.Source
		if src != nil {
			row[16], row[17], row[18], row[19], row[20] = src.Title, src.Outlet, src.Author, src.Published.String(), src.File
		}
		for i := range row {
			row[i] = safetext.CSV(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write statements: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write statements: %w", err)
	}
	return nil
}

// Options configures Read.
type Options struct {
	// Name is the table's file name in messages and positions.
	Name string
	// Headers maps a column (one of Columns) to the header the table
	// gives it, for tables with other names: {"actor": "Organisation"}.
	Headers map[string]string
}

// ErrHeader is returned, wrapped, for a header mapping that names no
// column of Columns.
var ErrHeader = errors.New("invalid header mapping")

// ParseStance reads a stance cell: support, agree, 1, +1, true, yes (or
// pro) for support; oppose, disagree, 0, -1 (or −1), false, no (or con)
// for oppose; case and surrounding space do not matter.
func ParseStance(s string) (annotations.Stance, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "support", "supports", "agree", "agrees", "1", "+1", "true", "yes", "pro":
		return annotations.Support, true
	case "oppose", "opposes", "disagree", "disagrees", "0", "-1", "−1", "false", "no", "con":
		return annotations.Oppose, true
	}
	return 0, false
}

// unformula takes off the apostrophe WriteStatements puts before text
// that begins like a formula.
func unformula(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// Read reads a statement table (CSV with a header row) into a validated
// dataset. Each row is a statement; actors, claims and sources are made
// from the distinct values of their columns, with the attributes of
// their columns, in order of first appearance. Ids are the actor, claim
// and source cells when the table has name, text and title columns, and
// are made from the names otherwise. A row without a source belongs to
// one source named after the table; a row without a quote gets
// annotations.NoQuote, which check --corpus reports.
//
// Every problem is reported, as an annotations.ErrorList with the table's
// name and the row's line: a missing column, an empty actor or claim, a
// stance or date that cannot be read, attributes of one actor (claim,
// source) that differ between rows, and what annotations.New finds.
func Read(r io.Reader, opts Options) (*annotations.Dataset, error) {
	name := opts.Name
	if name == "" {
		name = "table"
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, annotations.ErrorList{&annotations.Error{Pos: annotations.Pos{File: name, Line: 1, Col: 1}, Msg: "the table is empty", Hint: "a header row with actor, claim and stance columns"}}
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	col, err := columns(name, header, opts.Headers)
	if err != nil {
		return nil, err
	}
	b := newBuilder(name, col)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.errs = append(b.errs, csvError(name, err)...)
			break
		}
		line, _ := cr.FieldPos(0)
		b.row(line, rec)
	}
	return b.dataset()
}

func csvError(name string, err error) annotations.ErrorList {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return annotations.ErrorList{&annotations.Error{Pos: annotations.Pos{File: name, Line: pe.Line, Col: pe.Column}, Msg: pe.Err.Error(), Hint: "the table must be CSV: fields separated by commas, quotes doubled inside quoted fields"}}
	}
	return annotations.ErrorList{&annotations.Error{Pos: annotations.Pos{File: name}, Msg: err.Error()}}
}

// columns maps each column to its index in the header, or -1.
func columns(name string, header []string, mapping map[string]string) (map[string]int, error) {
	var errs annotations.ErrorList
	want := map[string]string{} // lower-case header → column
	for _, c := range Columns {
		want[c] = c
	}
	for h, c := range synonyms {
		want[h] = c
	}
	for c, h := range mapping {
		if !slices.Contains(Columns, c) {
			return nil, fmt.Errorf("%w: %q is not a column; the columns are %s", ErrHeader, c, strings.Join(Columns, ", "))
		}
		want[strings.ToLower(strings.TrimSpace(h))] = c
	}
	col := map[string]int{}
	for _, c := range Columns {
		col[c] = -1
	}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		c, ok := want[h]
		if !ok {
			continue // other columns are left alone
		}
		if col[c] >= 0 {
			errs = append(errs, &annotations.Error{Pos: annotations.Pos{File: name, Line: 1, Col: i + 1}, Msg: fmt.Sprintf("a second %s column (%q)", c, header[i]), Hint: "keep one, or map the other elsewhere with --header"})
			continue
		}
		col[c] = i
	}
	for _, c := range []string{Actor, Claim, Stance} {
		if col[c] < 0 {
			errs = append(errs, &annotations.Error{Pos: annotations.Pos{File: name, Line: 1, Col: 1}, Msg: "no " + c + " column in the header " + strconv.Quote(strings.Join(header, ",")),
				Hint: "name it " + c + ", or map yours with --header " + c + "=NAME"})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return col, nil
}

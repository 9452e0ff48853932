package annotations

import (
	"fmt"
	"strconv"
	"time"
)

// Pos is a position in an annotation file: the file's slash-separated path
// relative to the dataset root, and a 1-based line and column.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as path:line:col, the form editors and compilers use,
// or as path alone for a position in no particular line (Line 0).
func (p Pos) String() string {
	if p.Line == 0 && p.File != "" {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}

// Actor types allowed in the type field of an actor.
const (
	TypePerson       = "person"
	TypeOrganization = "organization"
	TypeGovernment   = "government"
	TypeState        = "state"
	TypeGroup        = "group"
	TypeMedia        = "media"
)

// ActorTypes lists the allowed actor types in the order the reference gives them.
var ActorTypes = []string{TypePerson, TypeOrganization, TypeGovernment, TypeState, TypeGroup, TypeMedia}

// Relation types allowed in the type field of a relation.
const (
	RelMediates       = "mediates"
	RelNegotiatesWith = "negotiates-with"
	RelThreatens      = "threatens"
	RelCriticizes     = "criticizes"
	RelCooperatesWith = "cooperates-with"
)

// RelationTypes lists the allowed relation types.
var RelationTypes = []string{RelMediates, RelNegotiatesWith, RelThreatens, RelCriticizes, RelCooperatesWith}

// Stance is an actor's position on a claim. Its numeric value is the sign
// exports write: +1 for support, -1 for oppose.
type Stance int8

// The two stances. The zero Stance is invalid, so a forgotten field is caught.
const (
	Support Stance = 1
	Oppose  Stance = -1
)

// String returns "support", "oppose" or "" for the zero Stance.
func (s Stance) String() string {
	switch s {
	case Support:
		return "support"
	case Oppose:
		return "oppose"
	}
	return ""
}

// ParseStance parses "support" or "oppose".
func ParseStance(s string) (Stance, bool) {
	switch s {
	case "support":
		return Support, true
	case "oppose":
		return Oppose, true
	}
	return 0, false
}

// Date is a calendar day stored as the integer YYYYMMDD, so that dates
// compare with < and cost four bytes per statement. The zero Date means
// "no date".
type Date int32

// ParseDate parses a YYYY-MM-DD date and rejects impossible days.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil || len(s) != 10 {
		return 0, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// DateOf returns the Date of t's calendar day.
func DateOf(t time.Time) Date {
	return Date(t.Year()*10000 + int(t.Month())*100 + t.Day())
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == 0 }

// Year returns the year of d.
func (d Date) Year() int { return int(d) / 10000 }

// Month returns the month of d, 1 to 12.
func (d Date) Month() int { return int(d) / 100 % 100 }

// Day returns the day of the month of d.
func (d Date) Day() int { return int(d) % 100 }

// Time returns d as midnight UTC.
func (d Date) Time() time.Time {
	return time.Date(d.Year(), time.Month(d.Month()), d.Day(), 0, 0, 0, 0, time.UTC)
}

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year(), d.Month(), d.Day())
}

// MarshalText formats d as YYYY-MM-DD, so JSON and other text encodings
// show dates as people write them; the zero Date is the empty string.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses YYYY-MM-DD; the empty string is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Actor is someone whose positions the texts report: a person, a
// government, a group, an outlet.
type Actor struct {
	ID          string
	Name        string
	Type        string
	Role        string
	Affiliation string // actor id: a member-of edge
	Aliases     []string
	Tags        []string
	Pos         Pos
}

// Claim is one proposition that actors support or oppose.
type Claim struct {
	ID       string
	Text     string
	Topic    string
	About    []string // actor ids the claim is about
	Supports []string // claim ids this claim argues for
	Attacks  []string // claim ids this claim argues against
	Pos      Pos
}

// Source is a text the statements are drawn from.
type Source struct {
	ID        string
	Title     string
	Outlet    string
	Author    string
	Published Date
	File      string // path relative to the corpus directory
	Pos       Pos
}

// Statement is one actor's stance on one claim, with the verbatim quote
// that is its evidence.
type Statement struct {
	Actor  string
	Claim  string
	Stance Stance
	Quote  string
	Source string
	// Date is the statement's own date, or else its source's published date
	// (filled in by Load), or zero when neither is known.
	Date   Date
	Direct bool
	Note   string
	Pos    Pos
}

// Relation is a directed actor–actor relation of one type to one or more actors.
type Relation struct {
	From   string
	Type   string
	To     []string
	Quote  string
	Source string
	Date   Date
	Pos    Pos
}

// Dataset is a loaded and validated set of annotations. Its slices are in a
// deterministic order: files by path, and entries in file order within each.
type Dataset struct {
	Actors     []*Actor
	Claims     []*Claim
	Sources    []*Source
	Statements []*Statement
	Relations  []*Relation

	// Warnings are problems that do not stop the dataset from loading but
	// that the analyst should know of, sorted by position: symbolic links
	// that are not followed, a dataset with nothing in it. A warning with
	// an empty Pos.File is about the dataset as a whole.
	Warnings ErrorList

	actors  map[string]*Actor
	claims  map[string]*Claim
	sources map[string]*Source
}

// Actor returns the actor with the given id, or nil.
func (d *Dataset) Actor(id string) *Actor { return d.actors[id] }

// Claim returns the claim with the given id, or nil.
func (d *Dataset) Claim(id string) *Claim { return d.claims[id] }

// Source returns the source with the given id, or nil.
func (d *Dataset) Source(id string) *Source { return d.sources[id] }

// Stats counts the entries of a dataset.
type Stats struct {
	Actors     int `json:"actors"`
	Claims     int `json:"claims"`
	Sources    int `json:"sources"`
	Statements int `json:"statements"`
	Relations  int `json:"relations"`
}

// Stats returns the counts of d's entries.
func (d *Dataset) Stats() Stats {
	return Stats{len(d.Actors), len(d.Claims), len(d.Sources), len(d.Statements), len(d.Relations)}
}

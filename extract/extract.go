package extract

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/claimnet/claimnet/annotations"
)

// Kind says how a statement is given in the text.
type Kind string

// The kinds of statement the extractor proposes.
const (
	// Direct is a quotation of the speaker's own words.
	Direct Kind = "direct"
	// Reported is reported speech: "X insisted that …", "X rejected …".
	// Its quote is the reported proposition as the text words it.
	Reported Kind = "reported"
	// Term is a quoted word or short phrase used as a label (scare
	// quotes): “strategic assets”. It is not a statement, but the
	// analyst may want to see who the text says uses the label.
	Term Kind = "term"
	// Title is a quoted title of a work, a show or an event (“Morning
	// Talk Live”): no speech, listed for the analyst like a term.
	Title Kind = "title"
	// Scare is a term that nothing in the text attributes, or one in the
	// headline: the writer's own scare quotes or emphasis (the plan's
	// “reforms”), no one's speech and no one's label. It is listed for
	// the analyst like a term.
	Scare Kind = "scare"
)

// Speech reports whether statements of kind k are someone's speech
// (Direct or Reported) rather than a term, a scare quote or a title.
func (k Kind) Speech() bool { return k == Direct || k == Reported }

// Statement is one proposed statement: who said what, in which words, where.
type Statement struct {
	// Speaker is the speaker's name as the text gives it, resolved
	// through coreference ("he", "Asif" and "the minister" become
	// "Khawaja Asif" when the text named him before), or a group phrase
	// ("Afghan commentators"). It is empty when the text does not name
	// the speaker.
	Speaker string
	// Mention is the phrase at the statement that refers to the speaker
	// ("he", "the Information Minister"), when it differs from Speaker.
	Mention string
	// Role is the role the text gives the speaker ("Defence Minister"),
	// if any.
	Role string
	// Actor is the id of the known actor the speaker resolves to, or
	// empty when none matches (see WithActors).
	Actor string
	// Quote is the quoted words without the quotation marks; the parts
	// of a quotation that runs over several paragraphs are joined by a
	// space. For reported speech it is the reported proposition.
	Quote string
	// Start and End are the byte offsets of the quoted words in the
	// document: Quote == text[Start:End] unless the quotation runs over
	// several paragraphs.
	Start, End int
	// Kind says whether the statement is a direct quotation, reported
	// speech or a term.
	Kind Kind
	// Verb is the base form of the speech verb that attributes the
	// statement ("say", "insist", "according to"), or empty.
	Verb string
	// Stance is the speaker's stance on the quoted proposition: Support
	// for direct quotations (speakers assert what they say) and for most
	// reporting verbs, Oppose for verbs of rejection ("reject", "deny").
	// Terms have no stance (zero).
	Stance annotations.Stance
	// Why says why Speaker is empty (one of the Why… constants), or is
	// empty when a speaker is given.
	Why string
	// Cue says what decided Stance: "verb: deny", "negation: never" or
	// "asserted" (see WithClaims). Terms have none.
	Cue string
	// Date is the day the text says the statement was made ("on Sunday",
	// "November 2", "last week"), resolved against the publication date
	// (see WithPublished), and DateWords the words it came from; zero and
	// empty when the sentence gives no date.
	Date      annotations.Date
	DateWords string
	// Match is the closest existing claim, when the Extractor was given
	// a dataset's claims (WithClaims); its Linked field says whether the
	// statement is proposed for that claim or for a new one.
	Match ClaimMatch
}

// The reasons an extractor gives for leaving a statement's speaker empty
// rather than guessing.
const (
	// WhyHeadline: the quotation stands in the headline, which is no speech.
	WhyHeadline = "in the headline"
	// WhyNoAttribution: no speech verb, colon, label or neighbouring
	// quotation attributes the quotation.
	WhyNoAttribution = "no attribution in the text"
	// WhyPronoun: a pronoun with no person of its gender named before.
	WhyPronoun = "pronoun without a compatible person named before"
	// WhyUnnamed: the text describes the speaker without naming them
	// ("a spokesman", "officials", "one said").
	WhyUnnamed = "speaker not named in the text"
)

// Document is what the extractor found in one text.
type Document struct {
	// File is the name the text was given to Extract.
	File string
	// Title is a provisional title for the draft: the document's first
	// sentence, shortened to about 100 characters.
	Title string
	// Statements are the proposed statements in the order of their quotes.
	Statements []Statement
	// NewActors are proposed actors for the named speakers that no known
	// actor matched, with ids made from their names.
	NewActors []*annotations.Actor
	// Published is the publication date the relative dates were resolved
	// against: the one given by WithPublished, or else a date with its
	// year in the first paragraphs, or zero.
	Published annotations.Date
	// Skipped is the number of bytes of repeated boilerplate and
	// duplicated fragments that the extractor left out.
	Skipped int
}

// Extractor proposes statements from plain-text news and opinion
// documents. Its configuration is fixed by New, so one Extractor can serve
// concurrent calls.
type Extractor struct {
	lx        *lexicon
	actors    *actorIndex
	claims    *claimIndex
	published annotations.Date
	progress  func(done, total int)
	termMax   int
}

// Option configures an Extractor.
type Option func(*Extractor)

// WithActors resolves speakers against a list of known actors: their ids,
// names, aliases (which may declare metonyms such as a capital standing
// for its government) and roles.
func WithActors(actors []*annotations.Actor) Option {
	return func(e *Extractor) { e.actors = newActorIndex(actors) }
}

// WithClaims links each statement to the closest claim of ds, ranked by
// BM25 over the claims' texts, topics and the quotes of the statements
// that code them (see ClaimMatch), and decides its stance toward that
// claim.
func WithClaims(ds *annotations.Dataset) Option {
	return func(e *Extractor) { e.claims = newClaimIndex(ds) }
}

// WithPublished sets the publication date of the documents, against which
// "on Sunday", "yesterday" or "November 2" are resolved. Without it, a
// date that names its year in a document's first paragraphs is taken.
func WithPublished(d annotations.Date) Option {
	return func(e *Extractor) { e.published = d }
}

// WithProgress has ExtractAll call fn after each document with the number
// of documents done and the total, so that a command can draw a progress
// bar. fn is called from the goroutine that calls ExtractAll.
func WithProgress(fn func(done, total int)) Option {
	return func(e *Extractor) { e.progress = fn }
}

// WithTermWords sets the longest quotation, in words, that can be a term
// rather than a statement (default 4).
func WithTermWords(n int) Option {
	return func(e *Extractor) { e.termMax = n }
}

// New returns an Extractor configured by opts.
func New(opts ...Option) *Extractor {
	e := &Extractor{lx: newLexicon(), termMax: 4}
	for _, o := range opts {
		o(e)
	}
	if e.actors == nil {
		e.actors = newActorIndex(nil)
	}
	return e
}

// MaxDocumentSize is the largest document Extract reads, so that a stray
// binary or data dump cannot exhaust memory. Extraction takes time and
// memory linear in the document's size.
const MaxDocumentSize = 64 << 20

// Extract reads one UTF-8 document from r and proposes its statements.
// name is recorded as the document's File. Extract holds only this one
// document in memory. A document larger than MaxDocumentSize is an error;
// when r is a file its size is checked before it is read. Text that is not
// valid UTF-8 is an error too: see ExtractText.
func (e *Extractor) Extract(ctx context.Context, name string, r io.Reader) (*Document, error) {
	var b strings.Builder
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			if fi.Size() > MaxDocumentSize {
				return nil, tooLarge(name)
			}
			b.Grow(int(fi.Size()) + 1)
		}
	}
	if _, err := io.Copy(&b, io.LimitReader(r, MaxDocumentSize+1)); err != nil {
		return nil, fmt.Errorf("extract %s: %w", name, err)
	}
	if b.Len() > MaxDocumentSize {
		return nil, tooLarge(name)
	}
	return e.ExtractText(ctx, name, b.String())
}

func tooLarge(name string) error {
	return fmt.Errorf("extract %s: the document is larger than %d MiB, the most extract reads at once; split it into its articles", name, MaxDocumentSize>>20)
}

// ExtractText is Extract for a document already in memory.
//
// The text must be UTF-8: a byte that is not is reported as an
// *annotations.Error at the file, line and column (in characters) where it
// is, naming the byte and its offset, and nothing is extracted. Replacing
// such bytes would put U+FFFD into quotes that are meant to be verbatim,
// and such a byte usually means that the whole file is in another
// encoding (Windows-1252, Latin-1), whose accented letters would all be
// lost; the file should be converted instead.
func (e *Extractor) ExtractText(ctx context.Context, name, text string) (*Document, error) {
	if !utf8.ValidString(text) {
		return nil, invalidUTF8(name, text)
	}
	doc := &Document{File: name}
	units, skipped := cleanUp(text)
	doc.Skipped = skipped
	qs := findQuotes(text, units)
	sents := e.lx.sentences(text, units, qs)
	if len(sents) > 0 {
		doc.Title = shorten(text[sents[0].start:sents[0].end], 100)
	}
	doc.Published = e.published
	if doc.Published.IsZero() {
		doc.Published = publishedIn(text, units)
	}
	w := &walker{e: e, text: text, units: units, quotes: qs, sents: sents, disc: newDiscourse(e.lx), pub: doc.Published}
	if err := w.run(ctx); err != nil {
		return nil, fmt.Errorf("extract %s: %w", name, err)
	}
	sort.SliceStable(w.out, func(i, j int) bool { return w.out[i].Start < w.out[j].Start })
	doc.Statements = w.out
	doc.NewActors = w.news
	return doc, nil
}

// invalidUTF8 locates the first byte of text that is not UTF-8. Lines end
// at LF, CRLF or a lone CR; columns count characters from 1.
func invalidUTF8(name, text string) error {
	line, col := 1, 1
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && n == 1 {
			return &annotations.Error{
				Pos:  annotations.Pos{File: name, Line: line, Col: col},
				Msg:  fmt.Sprintf("the text is not valid UTF-8: byte 0x%02X at offset %d", text[i], i),
				Hint: "extract reads UTF-8 text; convert the file first, for example with iconv -f WINDOWS-1252 -t UTF-8",
			}
		}
		switch {
		case r == '\n', r == '\r' && !strings.HasPrefix(text[i+1:], "\n"):
			line, col = line+1, 1
		default:
			col++
		}
		i += n
	}
	return nil
}

// shorten cuts s at the last word boundary before n runes and marks the
// cut with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

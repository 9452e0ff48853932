package extract

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/claimnet/claimnet/annotations"
)

// Report is the result of Evaluate: how well the extractor's direct
// quotations match the curated direct quotations of a dataset.
type Report struct {
	Documents []DocReport
	// Totals over all documents.
	DocReport
}

// DocReport counts one document's matches. A gold quotation is a curated
// statement marked direct whose quote stands inside quotation marks in
// the text (a direct statement that is the author's own prose is not a
// quotation, and no extractor of quotations can find it).
type DocReport struct {
	File string
	// Gold is the number of gold quotations; Found those that an extracted
	// direct quotation contains or overlaps after normalisation; Right
	// those found by an extracted quotation attributed to the gold actor.
	Gold, Found, Right int
	// Extracted is the number of extracted direct quotations; Matching
	// those that match some gold quotation; Attributed those of the
	// matching ones with an actor; Correct those whose actor is the
	// actor of a gold quotation they match.
	Extracted, Matching, Attributed, Correct int
	// Misses describes the gold quotations not found or misattributed.
	Misses []string
	// Indirect is the number of gold statements not marked direct;
	// IndirectFound those that an extracted reported statement matches
	// as a quotation would. Reported is the number of extracted reported
	// statements, ReportedMatching those that match a gold statement of
	// either kind. These figures are informational: the curated dataset
	// also paraphrases what no speech verb introduces.
	Indirect, IndirectFound, Reported, ReportedMatching int
	// Coded is the number of extracted statements (direct or reported)
	// whose quote matches a gold statement. ClaimRight is the number of
	// those that the claim retrieval links to the claim of a gold
	// statement they match (the dataset may code one quote for several
	// claims), and StanceRight those whose stance is that gold
	// statement's (the first matching one's when the link is wrong).
	// ClaimOffered is the number whose Candidates hold such a claim.
	// These three are measured leave-one-source-out: the retrieval sees
	// the dataset without the statements of the source under evaluation.
	Coded, ClaimRight, StanceRight, ClaimOffered int
	// ClaimRightSeen is ClaimRight with the retrieval given the whole
	// dataset, the source's own statements included: an upper bound that
	// shows how much the retrieval leans on quotes it has already seen.
	ClaimRightSeen int
}

// QuotePrecision is the share of extracted direct quotations that match a
// gold quotation.
func (r *DocReport) QuotePrecision() float64 { return ratio(r.Matching, r.Extracted) }

// QuoteRecall is the share of gold quotations found.
func (r *DocReport) QuoteRecall() float64 { return ratio(r.Found, r.Gold) }

// SpeakerPrecision is the share of attributed matching quotations whose
// actor is right.
func (r *DocReport) SpeakerPrecision() float64 { return ratio(r.Correct, r.Attributed) }

// SpeakerRecall is the share of gold quotations found with the right actor.
func (r *DocReport) SpeakerRecall() float64 { return ratio(r.Right, r.Gold) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Evaluate runs e over the text of each source of gold that has a file in
// corpus, one document at a time, and compares the direct quotations it
// extracts with gold's quotations: a gold quotation is found when an
// extracted direct quotation contains it or is contained in it (covering
// at least half of it) after normalisation (typography, case and
// punctuation folded), and its speaker is right when that quotation's
// actor is the gold statement's actor.
func Evaluate(ctx context.Context, corpus fs.FS, gold *annotations.Dataset, e *Extractor) (*Report, error) {
	bySource := make(map[string][]*annotations.Statement)
	for _, s := range gold.Statements {
		if s.Quote != "" {
			bySource[s.Source] = append(bySource[s.Source], s)
		}
	}
	rep := &Report{}
	for _, src := range gold.Sources {
		if src.File == "" {
			continue
		}
		data, err := fs.ReadFile(corpus, src.File)
		if err != nil {
			return nil, fmt.Errorf("evaluate: source %s: %w", src.ID, err)
		}
		text := string(data)
		ex := *e
		ex.claims = newClaimIndex(withoutSource(gold, src.ID))
		doc, err := ex.ExtractText(ctx, src.File, text)
		if err != nil {
			return nil, fmt.Errorf("evaluate: %w", err)
		}
		dr := evaluateDoc(doc, quotations(text, bySource[src.ID]))
		evaluateReported(&dr, doc, bySource[src.ID])
		evaluateClaims(&dr, doc, bySource[src.ID])
		ex.claims = newClaimIndex(gold)
		seen, err := ex.ExtractText(ctx, src.File, text)
		if err != nil {
			return nil, fmt.Errorf("evaluate: %w", err)
		}
		var in DocReport
		evaluateClaims(&in, seen, bySource[src.ID])
		dr.ClaimRightSeen = in.ClaimRight
		rep.Documents = append(rep.Documents, dr)
		rep.add(dr)
	}
	rep.File = "total"
	return rep, nil
}

func (r *Report) add(d DocReport) {
	r.Gold += d.Gold
	r.Found += d.Found
	r.Right += d.Right
	r.Extracted += d.Extracted
	r.Matching += d.Matching
	r.Attributed += d.Attributed
	r.Correct += d.Correct
	r.Misses = append(r.Misses, d.Misses...)
	r.Indirect += d.Indirect
	r.IndirectFound += d.IndirectFound
	r.Reported += d.Reported
	r.ReportedMatching += d.ReportedMatching
	r.Coded += d.Coded
	r.ClaimRight += d.ClaimRight
	r.StanceRight += d.StanceRight
	r.ClaimOffered += d.ClaimOffered
	r.ClaimRightSeen += d.ClaimRightSeen
}

// withoutSource returns ds with the statements of source id left out, so
// that the claim retrieval is measured on quotes it has not seen.
func withoutSource(ds *annotations.Dataset, id string) *annotations.Dataset {
	c := *ds
	c.Statements = nil
	for _, s := range ds.Statements {
		if s.Source != id {
			c.Statements = append(c.Statements, s)
		}
	}
	return &c
}

// evaluateClaims counts the extracted statements that match a gold
// statement, those linked to the claim of one they match, those whose
// candidates hold such a claim, and those with its stance.
func evaluateClaims(dr *DocReport, doc *Document, gold []*annotations.Statement) {
	for _, s := range doc.Statements {
		if !s.Kind.Speech() {
			continue
		}
		x := normQuote(s.Quote)
		var first, linked *annotations.Statement
		offered := false
		for _, g := range gold {
			if !quoteMatch(x, normQuote(g.Quote)) {
				continue
			}
			if first == nil {
				first = g
			}
			if linked == nil && s.Match.Linked && s.Match.Claim == g.Claim {
				linked = g
			}
			for _, c := range s.Match.Candidates {
				offered = offered || c.Claim == g.Claim
			}
		}
		if first == nil {
			continue
		}
		dr.Coded++
		if offered {
			dr.ClaimOffered++
		}
		g := first
		if linked != nil {
			dr.ClaimRight++
			g = linked
		}
		if s.Stance == g.Stance {
			dr.StanceRight++
		}
	}
}

// evaluateReported counts how the extracted reported statements match
// the gold statements.
func evaluateReported(dr *DocReport, doc *Document, gold []*annotations.Statement) {
	var ext []string
	for _, s := range doc.Statements {
		if s.Kind == Reported {
			ext = append(ext, normQuote(s.Quote))
		}
	}
	dr.Reported = len(ext)
	matched := make([]bool, len(ext))
	for _, g := range gold {
		gn := normQuote(g.Quote)
		found := false
		for j, x := range ext {
			if quoteMatch(x, gn) {
				found, matched[j] = true, true
			}
		}
		if !g.Direct {
			dr.Indirect++
			if found {
				dr.IndirectFound++
			}
		}
	}
	for _, m := range matched {
		if m {
			dr.ReportedMatching++
		}
	}
}

// quotations returns the direct statements whose quote stands inside
// quotation marks in text.
func quotations(text string, stmts []*annotations.Statement) []*annotations.Statement {
	var quoted []string
	for _, q := range findQuotes(text, paragraphs(text)) {
		quoted = append(quoted, normQuote(q.words(text)))
	}
	var out []*annotations.Statement
	for _, s := range stmts {
		if !s.Direct {
			continue
		}
		g := normQuote(s.Quote)
		for _, q := range quoted {
			if strings.Contains(q, g) {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

func evaluateDoc(doc *Document, gold []*annotations.Statement) DocReport {
	dr := DocReport{File: doc.File, Gold: len(gold)}
	var ext []Statement
	var extNorm []string
	for _, s := range doc.Statements {
		if s.Kind == Direct {
			ext = append(ext, s)
			extNorm = append(extNorm, normQuote(s.Quote))
		}
	}
	dr.Extracted = len(ext)
	goldNorm := make([]string, len(gold))
	for i, g := range gold {
		goldNorm[i] = normQuote(g.Quote)
	}
	for i, g := range gold {
		found, right := false, false
		var got []string
		for j := range ext {
			if quoteMatch(extNorm[j], goldNorm[i]) {
				found = true
				right = right || ext[j].Actor == g.Actor
				got = append(got, orNone(ext[j].Actor))
			}
		}
		switch {
		case !found:
			dr.Misses = append(dr.Misses, fmt.Sprintf("%s: not found: %s “%s”", doc.File, g.Actor, abbreviate(g.Quote, 60)))
		case !right:
			dr.Misses = append(dr.Misses, fmt.Sprintf("%s: wrong speaker %s, want %s: “%s”", doc.File, strings.Join(got, ","), g.Actor, abbreviate(g.Quote, 60)))
		}
		if found {
			dr.Found++
		}
		if right {
			dr.Right++
		}
	}
	for j, x := range ext {
		matching, correct := false, false
		for i, g := range gold {
			if quoteMatch(extNorm[j], goldNorm[i]) {
				matching = true
				correct = correct || x.Actor == g.Actor
			}
		}
		if matching {
			dr.Matching++
			if x.Actor != "" {
				dr.Attributed++
				if correct {
					dr.Correct++
				}
			}
		}
	}
	return dr
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// quoteMatch reports whether an extracted quotation x matches a gold
// quotation g, both normalised: x contains g, or g contains x and x covers
// at least half of g.
func quoteMatch(x, g string) bool {
	if x == "" || g == "" {
		return false
	}
	return strings.Contains(x, g) || strings.Contains(g, x) && 2*len(x) >= len(g)
}

// normQuote folds a quote for comparison: annotations.NormalizeText, lower
// case, punctuation removed, white space collapsed.
func normQuote(s string) string {
	s = strings.ToLower(annotations.NormalizeText(s))
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else if r != '\'' {
			space = true
		}
	}
	return b.String()
}

func abbreviate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// WriteText writes the report as a table, one row per document and a
// total, followed by the gold quotations missed or misattributed.
func (r *Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "document\tgold\textracted\tquote P\tquote R\tspeaker P\tspeaker R\t")
	row := func(d *DocReport) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t\n", d.File, d.Gold, d.Extracted,
			d.QuotePrecision(), d.QuoteRecall(), d.SpeakerPrecision(), d.SpeakerRecall())
	}
	for i := range r.Documents {
		row(&r.Documents[i])
	}
	row(&r.DocReport)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	fmt.Fprintf(w, "\nquotations: %d of %d found, %d with the right speaker; %d of %d extracted match a gold quotation\n",
		r.Found, r.Gold, r.Right, r.Matching, r.Extracted)
	fmt.Fprintf(w, "reported speech: %d of %d extracted match a gold statement; %d of %d gold indirect statements found\n",
		r.ReportedMatching, r.Reported, r.IndirectFound, r.Indirect)
	fmt.Fprintf(w, "claims, leave-one-source-out: %d of %d extracted statements that the dataset codes are linked to its claim (%.2f); its claim is among the %d candidates for %d; stance agrees for %d (%.2f)\n",
		r.ClaimRight, r.Coded, ratio(r.ClaimRight, r.Coded), ClaimCandidates, r.ClaimOffered, r.StanceRight, ratio(r.StanceRight, r.Coded))
	fmt.Fprintf(w, "claims, source's own statements in the dataset: %d of %d linked to its claim (%.2f)\n",
		r.ClaimRightSeen, r.Coded, ratio(r.ClaimRightSeen, r.Coded))
	for _, m := range r.Misses {
		if _, err := fmt.Fprintln(w, "  "+m); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	return nil
}

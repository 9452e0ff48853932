package extract

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/claimnet/claimnet/annotations"
)

// The date rules read the words of a statement's sentence outside its
// quotations and resolve them against the publication date:
//
//   - "today", "tonight", "this morning" → the publication date;
//   - "yesterday" → the day before;
//   - a weekday, "on Sunday" → the latest such day up to the publication
//     date ("last Sunday": before it);
//   - "last week" → seven days before;
//   - a month and day, "November 2", "Nov. 2", "Sept. 28, 2016" → that
//     day, in the publication's year unless the text gives one (and in
//     the year before when it would fall after the publication);
//   - an ISO date, "2016-09-28".
//
// The first rule that matches, from the left, gives the date and the
// words it came from.

var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
	"sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdayNames = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// dateWord is one word of a sentence for the date rules.
type dateWord struct {
	text, lower string
	capital     bool
}

func dateWords(s string) []dateWord {
	var out []dateWord
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	}) {
		f = strings.Trim(f, "-")
		if f == "" {
			continue
		}
		out = append(out, dateWord{f, strings.ToLower(f), unicode.IsUpper(firstRune(f))})
	}
	return out
}

// findDate returns the first date expression of s resolved against pub
// (which may be zero: then only dates that name their year resolve), and
// the words it came from.
func findDate(s string, pub annotations.Date) (annotations.Date, string) {
	ws := dateWords(s)
	p := time.Time{}
	if !pub.IsZero() {
		p = pub.Time()
	}
	day := func(t time.Time) annotations.Date {
		return annotations.Date(t.Year()*10000 + int(t.Month())*100 + t.Day())
	}
	for i, w := range ws {
		if d, err := annotations.ParseDate(w.text); err == nil {
			return d, w.text
		}
		if p.IsZero() {
			if m, ok := monthNames[w.lower]; ok && w.capital && i+2 < len(ws) {
				if dd, err := strconv.Atoi(ws[i+1].text); err == nil && dd >= 1 && dd <= 31 {
					if y, err := strconv.Atoi(ws[i+2].text); err == nil && y > 1800 && y < 2200 {
						t := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
						if t.Day() == dd {
							return day(t), w.text + " " + ws[i+1].text + ", " + ws[i+2].text
						}
					}
				}
			}
			continue
		}
		switch {
		case w.lower == "today" || w.lower == "tonight":
			return pub, w.text
		case w.lower == "this" && i+1 < len(ws) && (ws[i+1].lower == "morning" || ws[i+1].lower == "afternoon" || ws[i+1].lower == "evening"):
			return pub, w.text + " " + ws[i+1].text
		case w.lower == "yesterday":
			return day(p.AddDate(0, 0, -1)), w.text
		case w.lower == "last" && i+1 < len(ws) && ws[i+1].lower == "week":
			return day(p.AddDate(0, 0, -7)), w.text + " " + ws[i+1].text
		}
		if wd, ok := weekdayNames[w.lower]; ok && w.capital {
			back := (int(p.Weekday()) - int(wd) + 7) % 7
			words := w.text
			if i > 0 && ws[i-1].lower == "last" {
				if back == 0 {
					back = 7
				}
				words = ws[i-1].text + " " + words
			} else if i > 0 && ws[i-1].lower == "on" {
				words = ws[i-1].text + " " + words
			}
			return day(p.AddDate(0, 0, -back)), words
		}
		if m, ok := monthNames[w.lower]; ok && w.capital && i+1 < len(ws) {
			dd, err := strconv.Atoi(ws[i+1].text)
			if err != nil || dd < 1 || dd > 31 {
				continue
			}
			words := w.text + " " + ws[i+1].text
			y := p.Year()
			explicit := false
			if i+2 < len(ws) {
				if yy, err := strconv.Atoi(ws[i+2].text); err == nil && yy > 1800 && yy < 2200 {
					y, explicit = yy, true
					words += ", " + ws[i+2].text
				}
			}
			t := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
			if t.Day() != dd {
				continue
			}
			if !explicit && t.After(p) {
				t = t.AddDate(-1, 0, 0)
			}
			return day(t), words
		}
	}
	return 0, ""
}

// publishedIn looks for the publication date in the first paragraphs of
// a document: a date that names its year ("Sept. 28, 2016", "2016-09-28").
func publishedIn(text string, units []span) annotations.Date {
	for i, u := range units {
		if i == 3 {
			break
		}
		if d, _ := findDate(text[u.start:u.end], 0); !d.IsZero() {
			return d
		}
	}
	return 0
}

// outsideQuotes returns text[s:e] with the quotations of qs inside it
// blanked out, so that the dates a speaker mentions are not taken for
// the date of the statement.
func outsideQuotes(text string, s, e int, qs []quote) string {
	var b strings.Builder
	i := s
	for qi := firstQuoteAfter(qs, s); qi < len(qs) && qs[qi].open < e; qi++ {
		b.WriteString(text[i:qs[qi].open])
		b.WriteString(" … ")
		i = min(max(qs[qi].closeEnd, i), e)
	}
	if i < e {
		b.WriteString(text[i:e])
	}
	return b.String()
}

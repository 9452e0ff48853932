package series

import (
	"fmt"
	"strconv"
	"time"

	"github.com/claimnet/claimnet/annotations"
)

// Unit is a calendar unit of a window's size or step.
type Unit byte

// The units: days, weeks (seven days), calendar months and years.
const (
	Days   Unit = 'd'
	Weeks  Unit = 'w'
	Months Unit = 'm'
	Years  Unit = 'y'
)

// Span is a number of calendar units, such as 30 days.
type Span struct {
	N    int
	Unit Unit
}

// ParseSpan parses a span written as a positive count and a unit letter:
// "30d", "2w", "6m", "1y".
func ParseSpan(s string) (Span, error) {
	if len(s) < 2 {
		return Span{}, fmt.Errorf("%q is not a span such as 30d, 2w, 6m or 1y", s)
	}
	u := Unit(s[len(s)-1])
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 1 || n > 100000 || (u != Days && u != Weeks && u != Months && u != Years) {
		return Span{}, fmt.Errorf("%q is not a span such as 30d, 2w, 6m or 1y (a count from 1 to 100000 and d, w, m or y)", s)
	}
	return Span{N: n, Unit: u}, nil
}

// String formats s as ParseSpan reads it, or "" for the zero Span.
func (s Span) String() string {
	if s.N == 0 {
		return ""
	}
	return strconv.Itoa(s.N) + string(s.Unit)
}

// day is a date as a day number (days since 1970-01-01), for arithmetic.
type day int32

func dayOf(d annotations.Date) day { return day(d.Time().Unix() / 86400) }

func (d day) date() annotations.Date {
	return annotations.DateOf(time.Unix(int64(d)*86400, 0).UTC())
}

// plus adds n units to d as Java's LocalDate.plusDays, plusWeeks,
// plusMonths and plusYears do: a day of the month that the new month does
// not have becomes its last day (31 January plus one month is 28 or 29
// February).
func plus(d day, n int, u Unit) day {
	switch u {
	case Days:
		return d + day(n)
	case Weeks:
		return d + day(7*n)
	}
	t := d.date()
	y, m, dd := t.Year(), t.Month(), t.Day()
	if u == Years {
		y += n
	} else {
		months := y*12 + (m - 1) + n
		y, m = floorDiv(months, 12), months-floorDiv(months, 12)*12+1
	}
	if last := daysIn(y, m); dd > last {
		dd = last
	}
	return dayOf(annotations.Date(y*10000 + m*100 + dd))
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// between returns the number of whole units from t to g as DNA's kernel
// counts them: days, days / 7 (truncated), or the months (years) of
// Java's Period.between(t, g): the month difference, one less (more)
// when the day of the month has not been reached, truncated to years.
func between(t, g day, u Unit) int {
	switch u {
	case Days:
		return int(g - t)
	case Weeks:
		return int(g-t) / 7
	}
	a, b := t.date(), g.date()
	months := (b.Year()*12 + b.Month()) - (a.Year()*12 + a.Month())
	days := b.Day() - a.Day()
	if months > 0 && days < 0 {
		months--
	} else if months < 0 && days > 0 {
		months++
	}
	if u == Years {
		return months / 12
	}
	return months
}

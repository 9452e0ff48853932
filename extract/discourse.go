package extract

import (
	"strings"
	"unicode"
)

// entity is a named speaker or candidate antecedent in one document.
type entity struct {
	name   string
	words  []string // the words of name
	role   string   // role phrases the text gives with the name, joined by "; "
	person bool
	det    bool   // named after "the" ("the National Mall"): no person
	gender gender // from titles, gendered roles, first names and pronouns
	last   int    // order of the latest mention
	// salient is the order of the latest time it spoke or opened a
	// sentence as its subject.
	salient int
}

// gender is what a text tells of a person's grammatical gender.
type gender uint8

const (
	genderUnknown gender = iota
	genderMale
	genderFemale
)

// discourse tracks the named people and organisations of one document so
// that later references resolve to them: a surname ("Asif"), a role ("the
// minister") or a pronoun ("he") refers to the most recent compatible
// named entity.
//
// The entities are indexed by the words of their names and roles, and the
// most recent person is kept, so that resolving a mention costs the number
// of entities that share a word with it, not the number in the document.
type discourse struct {
	lx     *lexicon
	ents   []*entity
	byName map[string]*entity
	byWord map[string][]*entity // entities by each word of their names
	byRole map[string][]*entity // entities by each lower-case word of their roles
	single map[string]bool      // one-word names seen on their own ("Pakistan")
	clock  int
	person *entity // the most recently mentioned person, or nil when unknown
	// recentBy and salientBy hold, for each gender, the most recently
	// mentioned person and the most salient one, so that a pronoun
	// resolves in constant time.
	recentBy, salientBy [3]*entity
}

func newDiscourse(lx *lexicon) *discourse {
	return &discourse{lx: lx, byName: make(map[string]*entity), byWord: make(map[string][]*entity),
		byRole: make(map[string][]*entity), single: make(map[string]bool)}
}

// note records a mention of a full name, with the role the text gives it.
func (d *discourse) note(name, role string) *entity {
	e := d.byName[name]
	changed := e == nil
	if e == nil {
		e = &entity{name: name, words: strings.Fields(name)}
		d.byName[name] = e
		d.ents = append(d.ents, e)
		for i, w := range e.words {
			if !contains(e.words[:i], w) {
				d.byWord[w] = append(d.byWord[w], e)
			}
		}
	}
	if role != "" && !strings.Contains(e.role, role) {
		had := strings.Fields(strings.ToLower(e.role))
		for _, w := range strings.Fields(strings.ToLower(role)) {
			if !contains(had, w) {
				had = append(had, w)
				d.byRole[w] = append(d.byRole[w], e)
			}
		}
		if e.role != "" {
			e.role += "; "
		}
		e.role += role
		changed = true
	}
	if changed {
		e.person = d.isPerson(e)
		if g := d.genderOf(e); g != genderUnknown {
			e.gender = g
		}
	}
	d.clock++
	e.last = d.clock
	switch {
	case e.person:
		d.person = e
		d.recentBy[e.gender] = e
	case d.person == e:
		d.person = nil // no longer taken for a person: look again when asked
	}
	return e
}

// noteNamed records a mention of a full name, or of a surname with a
// title ("Ms. Roe"), which refers to the person of that surname named
// before, if any, and is a person of its own otherwise.
func (d *discourse) noteNamed(name, role string) *entity {
	if !strings.Contains(name, " ") {
		if e := recent(d.byWord[name], d.surnameOf(name)); e != nil {
			return d.note(e.name, role)
		}
	}
	return d.note(name, role)
}

// markDet records that the text named e after "the" ("the Pacific
// Ocean", "the National Mall"): a place, an event or an institution, no
// person for a pronoun.
func (d *discourse) markDet(e *entity) {
	if !e.det {
		e.det = true
		e.person = d.isPerson(e)
		if d.person == e {
			d.person = nil
		}
	}
}

// markSalient records that e spoke or opened a sentence as its subject:
// "he" and "she" refer first to the most salient person of their gender.
// g is the gender of the pronoun that referred to e, if one did.
func (d *discourse) markSalient(e *entity, g gender) {
	if e == nil || !e.person {
		return
	}
	if e.gender == genderUnknown && g != genderUnknown {
		e.gender = g
	}
	d.clock++
	e.salient, e.last = d.clock, d.clock
	d.salientBy[e.gender] = e
	d.recentBy[e.gender] = e
	d.person = e
}

// pronounGender returns the gender of a personal pronoun.
func pronounGender(p string) gender {
	switch strings.ToLower(p) {
	case "he", "his", "him":
		return genderMale
	case "she", "her":
		return genderFemale
	}
	return genderUnknown
}

// resolvePronoun returns the person "he" or "she" refers to: the most
// salient person of that gender or of no known gender (the one who last
// spoke or opened a sentence), or failing that the most recently
// mentioned one. A person of the other gender, a place, an organisation
// or anything named after "the" is never the answer.
func (d *discourse) resolvePronoun(g gender) *entity {
	fits := func(e *entity) bool {
		return e != nil && e.person && (g == genderUnknown || e.gender == g || e.gender == genderUnknown)
	}
	var best *entity
	for _, e := range [...]*entity{d.salientBy[g], d.salientBy[genderUnknown]} {
		if fits(e) && e.salient > 0 && (best == nil || e.salient > best.salient) {
			best = e
		}
	}
	if best != nil {
		return best
	}
	for _, e := range [...]*entity{d.recentBy[g], d.recentBy[genderUnknown]} {
		if fits(e) && (best == nil || e.last > best.last) {
			best = e
		}
	}
	if best == nil && g == genderUnknown {
		best = d.recentPerson()
	}
	return best
}

// noteSingle records a one-word name used on its own. Such a word names
// something in its own right, so it is not taken for the surname of a
// longer name that contains it ("Pakistan" in an organisation's name).
// A word that names a person seen before (a surname) refreshes that
// person instead, for the pronouns that follow, and is returned.
func (d *discourse) noteSingle(name string) *entity {
	if e := recent(d.byWord[name], d.surnameOf(name)); e != nil {
		return d.note(e.name, "")
	}
	d.single[name] = true
	return nil
}

// surnameOf returns the test for a person whom the one-word name w can
// stand for: any person with w in their name, or, when the text also uses
// w on its own, a person whose name ends with w ("Trump" for "Donald
// Trump", but "Pakistan" for no "Pakistan Tehreek" person).
func (d *discourse) surnameOf(w string) func(*entity) bool {
	return func(e *entity) bool {
		return e.person && (!d.single[w] || e.words[len(e.words)-1] == w)
	}
}

// isPerson guesses whether an entity is a person: a role word of a
// person, or a name of two or more capitalised words none of which marks
// an organisation or place, and which is no acronym.
func (d *discourse) isPerson(e *entity) bool {
	for _, w := range strings.Fields(strings.ToLower(e.role)) {
		if d.lx.roleWords[w] || d.lx.titles[strings.TrimSuffix(w, ".")] {
			return true // "the minister", "Mr. Obama"
		}
	}
	if len(e.words) < 2 || e.det {
		return false
	}
	for i, w := range e.words {
		lw := strings.ToLower(w)
		if d.lx.orgWords[lw] || d.lx.placeWords[lw] || d.lx.groupNouns[lw] || d.single[w] && i < len(e.words)-1 || (len(w) > 1 && strings.ToUpper(w) == w) {
			return false
		}
	}
	return true
}

// genderOf reads a person's gender from the titles and roles the text
// gives them ("Mrs.", "spokeswoman") and from a common first name.
func (d *discourse) genderOf(e *entity) gender {
	for _, w := range strings.Fields(strings.ToLower(e.role)) {
		w = strings.TrimSuffix(w, ".")
		switch {
		case d.lx.maleWords[w]:
			return genderMale
		case d.lx.femaleWords[w]:
			return genderFemale
		}
	}
	if len(e.words) >= 2 {
		switch f := strings.ToLower(e.words[0]); {
		case d.lx.maleNames[f]:
			return genderMale
		case d.lx.femaleNames[f]:
			return genderFemale
		}
	}
	return e.gender
}

// recentPerson returns the most recently mentioned person.
func (d *discourse) recentPerson() *entity {
	if d.person == nil {
		d.person = recent(d.ents, func(e *entity) bool { return e.person })
	}
	return d.person
}

// recent returns the most recently mentioned entity of ents that
// satisfies ok.
func recent(ents []*entity, ok func(*entity) bool) *entity {
	var best *entity
	for _, e := range ents {
		if (best == nil || e.last > best.last) && ok(e) {
			best = e
		}
	}
	return best
}

// resolve turns a mention into the speaker's name: a full name as given,
// a single name through the most recent person's name that contains it, a
// pronoun through the most recent person, a role through the most recent
// name given that role. Group phrases stand as they are. It returns ""
// when the mention names no one the text has named.
func (d *discourse) resolve(m mention) (string, *entity) {
	switch m.kind {
	case mName:
		if !strings.Contains(m.text, " ") {
			if e := recent(d.byWord[m.text], d.surnameOf(m.text)); e != nil {
				return e.name, d.note(e.name, m.role)
			}
		}
		e := d.note(m.text, m.role)
		return e.name, e
	case mPronoun:
		if e := d.resolvePronoun(pronounGender(m.text)); e != nil {
			return e.name, e
		}
	case mRole:
		want := d.roleContent(m.text)
		if len(want) == 0 {
			return "", nil
		}
		cands := d.byRole[want[0]]
		for _, w := range want[1:] {
			if len(d.byRole[w]) < len(cands) {
				cands = d.byRole[w]
			}
		}
		e := recent(cands, func(e *entity) bool {
			have := strings.Fields(strings.ToLower(e.role))
			for _, w := range want {
				if !contains(have, w) {
					return false
				}
			}
			return true
		})
		if e != nil {
			return e.name, d.note(e.name, "")
		}
		// "the newspaper", "the network": the outlet named last.
		if d.lx.mediaWords[want[len(want)-1]] {
			if e := d.recentOutlet(); e != nil {
				return e.name, e
			}
		}
		// A description with a proper noun in it names its speaker well
		// enough: "the Vermont senator", "The New York businessman".
		if f := strings.Fields(m.text); len(f) > 1 && hasCapital(f[1:len(f)-1]) || len(f) > 1 && !d.lx.nameStop[strings.ToLower(f[0])] && hasCapital(f[:1]) {
			return strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(m.text, "the "), "The "), "a "), nil
		}
	case mGroup:
		// A group is named when a word other than its head noun is
		// capitalised ("Afghan commentators"); "officials" names no one.
		if f := strings.Fields(m.text); len(f) > 1 && hasCapital(f[:len(f)-1]) {
			return m.text, nil
		}
	}
	return "", nil
}

// recentOutlet returns the most recently named news outlet: a name with
// a word of a newspaper's or broadcaster's name ("Times", "Post", "News").
func (d *discourse) recentOutlet() *entity {
	var best *entity
	for _, w := range [...]string{"Times", "Post", "News", "Journal", "Herald", "Tribune", "Gazette", "Press", "Magazine", "Network", "Radio", "Daily", "Review", "Telegraph", "Guardian", "Observer", "Globe", "Star", "Ledger"} {
		if e := recent(d.byWord[w], func(*entity) bool { return true }); e != nil && (best == nil || e.last > best.last) {
			best = e
		}
	}
	return best
}

// roleContent returns the lower-cased content words of a role phrase,
// without determiners and possessors: "the Information Minister" gives
// [information minister].
func (d *discourse) roleContent(s string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if d.lx.nameStop[w] || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s") {
			continue
		}
		out = append(out, strings.Trim(w, ",."))
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasCapital(words []string) bool {
	for _, w := range words {
		if unicode.IsUpper(firstRune(w)) {
			return true
		}
	}
	return false
}

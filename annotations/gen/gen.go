package gen

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/claimnet/claimnet/annotations"
)

// Config says how large a dataset to make, of which shape and from which
// seed. The zero values of the shape fields (Uniform, Exponent, Order,
// StanceSplit) give the default shape, the one Large and every earlier
// version of gen generate.
type Config struct {
	Actors     int    // number of actors, 1 to MaxActors
	Claims     int    // number of claims, 1 to MaxClaims
	Statements int    // number of statements, 0 to MaxStatements
	Sources    int    // number of sources (one file each), 1 to MaxSources
	Seed       uint64 // the seed of every random choice
	// From and To bound the sources' publication dates, inclusive. Both
	// zero means the year 2025.
	From, To annotations.Date

	// Uniform makes every actor and every claim equally likely to be in a
	// statement, instead of the default Zipf-skewed activity; claims are
	// then drawn from all claims, not mostly from the source's topic.
	Uniform bool
	// Exponent, when not zero, is the exponent s of a plain Zipf law of
	// activity for actors and claims: the actor (or claim) of activity
	// rank k (from 0) is drawn in proportion to (1+k)^-s, with every claim
	// drawn from all claims. 0 keeps the default: a Zipf law with s = 1.1
	// and offset 2 (so flatter at the top), claims mostly from the
	// source's topic. It must lie in (0, MaxExponent] and is not combined
	// with Uniform.
	Exponent float64
	// Order is the order of the ids relative to activity: OrderShuffled
	// (the default, also "") numbers actors and claims independently of
	// how active they are; OrderPopularFirst gives the most active actor
	// and the most discussed claim the first ids (actor-1, claim-1), and
	// so on down. It is not combined with Uniform.
	Order string
	// StanceSplit, when not zero, replaces the camps' stances: of each
	// claim's statements, in the order they are drawn, the share
	// StanceSplit support the claim and the rest oppose it, interleaved
	// (0.5: oppose, support, oppose, …), so every claim with two
	// statements or more is contested. It must lie in (0, 1].
	StanceSplit float64
}

// Id orders, the values of Config.Order.
const (
	OrderShuffled     = "shuffled"
	OrderPopularFirst = "popular-first"
)

// Limits of Config. A dataset takes about 1.1 GB of memory per million
// statements while it is generated, so MaxStatements keeps gen within
// about 11 GB; the other limits keep each table and the files per
// directory within what claimnet's commands handle.
const (
	MaxStatements = 10_000_000
	MaxActors     = 5_000_000
	MaxClaims     = 5_000_000
	MaxSources    = 200_000
	MaxExponent   = 10.0
)

// Large is the configuration of the standard large benchmark: a million
// statements by 20,000 actors on 50,000 claims, in 5,000 source files over
// the year 2025.
var Large = Config{Actors: 20000, Claims: 50000, Statements: 1000000, Sources: 5000, Seed: 1}

// Shape names, for WithShape: the shapes of debate the benchmarks
// measure.
const (
	ShapeDefault      = "default"
	ShapeUniform      = "uniform"
	ShapeFewClaims    = "few-claims"
	ShapeManyClaims   = "many-claims"
	ShapeZipf11       = "zipf11"
	ShapePopularFirst = "popular-first"
)

// Shapes lists the shape names WithShape takes, in the order help texts
// list them.
var Shapes = []string{ShapeDefault, ShapeUniform, ShapeFewClaims, ShapeManyClaims, ShapeZipf11, ShapePopularFirst}

// WithShape returns cfg with the named shape's fields set; the fields the
// shape does not name keep cfg's values, so the sizes of cfg apply unless
// the shape sets them:
//
//	default        the default shape (no field set)
//	uniform        Uniform, StanceSplit 0.5: every actor and claim equally
//	               active, each claim's statements half support, half oppose
//	few-claims     Actors 20,000, Claims 500: a debate of many actors on few
//	               claims
//	many-claims    Actors 500, Claims 50,000: few actors on many claims
//	zipf11         Exponent 1.1, OrderPopularFirst, StanceSplit 0.5: a plain
//	               Zipf law (heavier at the top than the default), claim-1
//	               the most discussed, every claim split
//	popular-first  Exponent 1, OrderPopularFirst, StanceSplit 0.5: as zipf11
//	               with a lighter top
func (cfg Config) WithShape(name string) (Config, error) {
	switch name {
	case ShapeDefault:
	case ShapeUniform:
		cfg.Uniform, cfg.StanceSplit = true, 0.5
	case ShapeFewClaims:
		cfg.Actors, cfg.Claims = 20000, 500
	case ShapeManyClaims:
		cfg.Actors, cfg.Claims = 500, 50000
	case ShapeZipf11:
		cfg.Exponent, cfg.Order, cfg.StanceSplit = 1.1, OrderPopularFirst, 0.5
	case ShapePopularFirst:
		cfg.Exponent, cfg.Order, cfg.StanceSplit = 1, OrderPopularFirst, 0.5
	default:
		return cfg, fmt.Errorf("generate: the shapes are %s, not %q", strings.Join(Shapes, ", "), name)
	}
	return cfg, nil
}

// Parameters of the default shape.
const (
	// actorZipfS and claimZipfS are the exponents of the Zipf laws of
	// activity: the actor of activity rank k (from 0) makes statements in
	// proportion to (zipfV+k)^-s.
	actorZipfS = 1.1
	claimZipfS = 1.1
	zipfV      = 2.0
	// topicFocus is the chance that a statement's claim is drawn from its
	// source's topic rather than from all claims.
	topicFocus = 0.6
	// ownDate is the chance that a statement carries a date of its own, a
	// few days after its source's.
	ownDate = 0.2
	// directShare is the chance that a statement is a direct quotation.
	directShare = 0.3
	// reversalPerMille is how many actor–claim pairs in a thousand reverse
	// their stance at a point of the period.
	reversalPerMille = 15
	// statementsPerRelation sets the number of relations.
	statementsPerRelation = 250
	maxCamps              = 4
)

// Generate builds the dataset that cfg describes, validated, in memory.
// Statements and relations are in source order, as Load would return them
// from the files Write makes; their Pos fields are zero.
func Generate(cfg Config) (*annotations.Dataset, error) {
	cfg, err := cfg.normalize()
	if err != nil {
		return nil, err
	}
	g := newGenerator(cfg)
	g.actors()
	g.topicsAndClaims()
	g.sources()
	g.statementsAndRelations()
	d, err := annotations.New(g.as, g.cs, g.ss, g.sts, g.rels)
	if err != nil {
		return nil, fmt.Errorf("generate: invalid dataset (a bug in gen): %w", err)
	}
	return d, nil
}

// Validate reports every size or date of cfg that Generate would reject.
func (cfg Config) Validate() error {
	_, err := cfg.normalize()
	return err
}

// normalize fills in the default period and checks the sizes.
func (cfg Config) normalize() (Config, error) {
	if cfg.From == 0 && cfg.To == 0 {
		cfg.From, cfg.To = 20250101, 20251231
	}
	if cfg.Order == "" {
		cfg.Order = OrderShuffled
	}
	var errs []error
	count := func(what string, n, least, most int) {
		switch {
		case n < least && least == 0:
			errs = append(errs, fmt.Errorf("%s must not be negative, not %d", what, n))
		case n < least:
			errs = append(errs, fmt.Errorf("%s must be at least %d, not %d", what, least, n))
		case n > most:
			errs = append(errs, fmt.Errorf("%s must be at most %d, not %d", what, most, n))
		}
	}
	count("actors", cfg.Actors, 1, MaxActors)
	count("claims", cfg.Claims, 1, MaxClaims)
	count("statements", cfg.Statements, 0, MaxStatements)
	count("sources", cfg.Sources, 1, MaxSources)
	if math.IsNaN(cfg.Exponent) || cfg.Exponent < 0 || cfg.Exponent > MaxExponent {
		errs = append(errs, fmt.Errorf("the activity exponent must be from 0 (the default shape) to %g, not %v", MaxExponent, cfg.Exponent))
	}
	if math.IsNaN(cfg.StanceSplit) || cfg.StanceSplit < 0 || cfg.StanceSplit > 1 {
		errs = append(errs, fmt.Errorf("the stance split must be from 0 (the camps decide) to 1, not %v", cfg.StanceSplit))
	}
	if cfg.Order != OrderShuffled && cfg.Order != OrderPopularFirst {
		errs = append(errs, fmt.Errorf("the id order is %s or %s, not %q", OrderShuffled, OrderPopularFirst, cfg.Order))
	}
	if cfg.Uniform && cfg.Exponent != 0 {
		errs = append(errs, errors.New("uniform activity has no exponent: give one or the other"))
	}
	if cfg.Uniform && cfg.Order == OrderPopularFirst {
		errs = append(errs, errors.New("uniform activity has no popular ids: popular-first needs skewed activity"))
	}
	for _, d := range []annotations.Date{cfg.From, cfg.To} {
		if _, err := annotations.ParseDate(d.String()); err != nil {
			errs = append(errs, fmt.Errorf("%d is not a valid date", d))
		}
	}
	if len(errs) == 0 && cfg.To < cfg.From {
		errs = append(errs, fmt.Errorf("the period ends (%s) before it starts (%s)", cfg.To, cfg.From))
	}
	if err := errors.Join(errs...); err != nil {
		return cfg, fmt.Errorf("generate: %w", err)
	}
	return cfg, nil
}

type generator struct {
	cfg  Config
	r    *rand.Rand
	days []annotations.Date // every day of the period

	as   []*annotations.Actor
	root []int // index of each actor's affiliation root
	camp []int // camp of each actor (of its root)

	topics      []string
	campLean    [][]float64 // camp × topic leaning in [-1, 1]
	cs          []*annotations.Claim
	claimTopic  []int
	polarity    []float64 // +1: the claim agrees with its topic's direction
	topicClaims [][]int

	ss          []*annotations.Source
	sourceTopic []int
	sts         []*annotations.Statement
	rels        []*annotations.Relation

	actorRank, claimRank []int // activity rank → index
}

func newGenerator(cfg Config) *generator {
	g := &generator{cfg: cfg, r: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))}
	for t := cfg.From.Time(); annotations.DateOf(t) <= cfg.To; t = t.AddDate(0, 0, 1) {
		g.days = append(g.days, annotations.DateOf(t))
	}
	return g
}

// hash mixes the seed with up to three numbers (splitmix64's finalizer),
// giving the fixed per-actor, per-pair traits that must not depend on the
// order in which statements are drawn.
func (g *generator) hash(kind, a, b uint64) uint64 {
	x := g.cfg.Seed ^ kind*0x9e3779b97f4a7c15 ^ a*0xbf58476d1ce4e5b9 ^ b*0x94d049bb133111eb
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// unit maps a hash to [-1, 1).
func unit(h uint64) float64 { return float64(h>>11)/(1<<52) - 1 }

func id(prefix string, i, n int) string {
	w := len(strconv.Itoa(n))
	s := strconv.Itoa(i + 1)
	return prefix + "-" + strings.Repeat("0", w-len(s)) + s
}

var (
	syllables = []string{"ka", "ri", "mo", "sa", "lun", "de", "ba", "zor", "na", "hel", "ta", "vi", "gor", "mi", "shan", "el", "ra", "dun", "qa", "fi"}
	words     = []string{
		"we", "will", "not", "accept", "the", "border", "talks", "must", "continue", "ceasefire", "is", "holding",
		"our", "people", "demand", "security", "guarantees", "trade", "should", "reopen", "without", "conditions",
		"they", "have", "failed", "to", "act", "against", "militants", "dialogue", "only", "way", "forward",
		"this", "a", "violation", "of", "sovereignty", "mediation", "has", "helped", "refugees", "return",
		"verification", "mechanism", "needed", "now", "no", "agreement", "yet", "both", "sides", "committed",
		"peace", "process", "economic", "pressure", "works", "sanctions", "hurt", "ordinary", "citizens",
	}
	roles   = []string{"minister", "spokesperson", "analyst", "commander", "envoy", "editor", "senator", "adviser"}
	outlets = []string{"Courier", "Ledger", "Tribune", "Observer", "Herald", "Monitor", "Review", "Gazette", "Dispatch", "Chronicle"}
	regions = []string{"Northern", "Eastern", "Frontier", "Capital", "Valley", "Coastal", "Daily", "Weekly"}
)

func (g *generator) name() string {
	var b strings.Builder
	for part := range 2 {
		if part > 0 {
			b.WriteByte(' ')
		}
		n := 2 + g.r.IntN(2)
		start := b.Len()
		for range n {
			b.WriteString(syllables[g.r.IntN(len(syllables))])
		}
		s := b.String()
		first := s[start]
		if first >= 'a' && first <= 'z' {
			rest := s[start+1:]
			b.Reset()
			b.WriteString(s[:start])
			b.WriteByte(first - 'a' + 'A')
			b.WriteString(rest)
		}
	}
	return b.String()
}

func (g *generator) phrase(min, max int) string {
	n := min + g.r.IntN(max-min+1)
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[g.r.IntN(len(words))])
	}
	return b.String()
}

// actors makes the hierarchy: a few roots (states, governments,
// organizations), organizations under them, and people under those, under
// a root directly, or independent.
func (g *generator) actors() {
	n := g.cfg.Actors
	nRoots := max(1, n/40)
	nOrgs := n / 10
	nCamps := min(maxCamps, nRoots)
	g.as = make([]*annotations.Actor, n)
	g.root = make([]int, n)
	g.camp = make([]int, n)
	for i := range n {
		a := &annotations.Actor{ID: id("actor", i, n)}
		switch {
		case i < nRoots:
			a.Type = []string{annotations.TypeState, annotations.TypeGovernment, annotations.TypeOrganization}[g.r.IntN(3)]
			a.Name = g.name()
			g.root[i] = i
		case i < nRoots+nOrgs:
			a.Type = []string{annotations.TypeOrganization, annotations.TypeGroup, annotations.TypeMedia}[g.r.IntN(3)]
			a.Name = g.name()
			p := g.r.IntN(nRoots)
			a.Affiliation = g.as[p].ID
			g.root[i] = g.root[p]
		default:
			a.Type = annotations.TypePerson
			a.Name = g.name()
			if g.r.IntN(2) == 0 {
				a.Role = roles[g.r.IntN(len(roles))]
			}
			switch u := g.r.Float64(); {
			case u < 0.7 && nOrgs > 0:
				p := nRoots + g.r.IntN(nOrgs)
				a.Affiliation = g.as[p].ID
				g.root[i] = g.root[p]
			case u < 0.9:
				p := g.r.IntN(nRoots)
				a.Affiliation = g.as[p].ID
				g.root[i] = g.root[p]
			default:
				g.root[i] = i
			}
		}
		g.camp[i] = int(g.hash(1, uint64(g.root[i]), 0) % uint64(nCamps))
		g.as[i] = a
	}
	g.actorRank = g.rank(n)
}

// rank returns the index of each activity rank: a random permutation, or
// with OrderPopularFirst the identity.
func (g *generator) rank(n int) []int {
	if g.cfg.Order == OrderPopularFirst {
		r := make([]int, n)
		for i := range r {
			r[i] = i
		}
		return r
	}
	return g.r.Perm(n)
}

// topicsAndClaims makes about √claims topics, the camps' leanings on each,
// and the claims with their polarity and argument links.
func (g *generator) topicsAndClaims() {
	nTopics := max(1, int(math.Sqrt(float64(g.cfg.Claims))))
	nCamps := min(maxCamps, max(1, g.cfg.Actors/40))
	for t := range nTopics {
		g.topics = append(g.topics, id("topic", t, nTopics))
	}
	g.campLean = make([][]float64, nCamps)
	for c := range g.campLean {
		g.campLean[c] = make([]float64, nTopics)
		for t := range g.campLean[c] {
			g.campLean[c][t] = 2*g.r.Float64() - 1
		}
	}
	n := g.cfg.Claims
	g.cs = make([]*annotations.Claim, n)
	g.claimTopic = make([]int, n)
	g.polarity = make([]float64, n)
	g.topicClaims = make([][]int, nTopics)
	nRoots := max(1, g.cfg.Actors/40)
	for i := range n {
		t := g.r.IntN(nTopics)
		c := &annotations.Claim{ID: id("claim", i, n), Topic: g.topics[t], Text: g.phrase(5, 12)}
		c.Text = strings.ToUpper(c.Text[:1]) + c.Text[1:] + "."
		if g.r.IntN(20) == 0 {
			c.About = []string{g.as[g.r.IntN(nRoots)].ID}
		}
		g.cs[i] = c
		g.claimTopic[i] = t
		g.polarity[i] = 1
		if g.r.IntN(2) == 0 {
			g.polarity[i] = -1
		}
		g.topicClaims[t] = append(g.topicClaims[t], i)
	}
	// Arguments link claims of one topic: a claim supports claims of its
	// own polarity and attacks those of the other.
	for i, c := range g.cs {
		same := g.topicClaims[g.claimTopic[i]]
		if len(same) < 2 {
			continue
		}
		if u := g.r.Float64(); u < 0.15 {
			j := same[g.r.IntN(len(same))]
			if j == i {
				continue
			}
			if g.polarity[j] == g.polarity[i] {
				c.Supports = append(c.Supports, g.cs[j].ID)
			} else {
				c.Attacks = append(c.Attacks, g.cs[j].ID)
			}
		}
	}
	g.claimRank = g.rank(n)
}

// sources spreads the sources' dates over the period, in id order.
func (g *generator) sources() {
	n := g.cfg.Sources
	dates := make([]int, n)
	for i := range dates {
		dates[i] = g.r.IntN(len(g.days))
	}
	slices.Sort(dates)
	g.ss = make([]*annotations.Source, n)
	g.sourceTopic = make([]int, n)
	for i := range n {
		t := g.r.IntN(len(g.topics))
		s := &annotations.Source{
			ID:        id("source", i, n),
			Title:     "On " + g.phrase(2, 5),
			Outlet:    "The " + regions[g.r.IntN(len(regions))] + " " + outlets[g.r.IntN(len(outlets))],
			Published: g.days[dates[i]],
		}
		if g.r.IntN(3) > 0 {
			s.Author = g.name()
		}
		g.ss[i] = s
		g.sourceTopic[i] = t
	}
}

// stance is actor a's stance on claim c at day index day: the sign of the
// actor's leaning on the claim's topic (its camp's, its root's and its own)
// times the claim's polarity, plus a pair-specific term; a few pairs
// reverse at a pair-specific day.
func (g *generator) stance(a, c, day int) annotations.Stance {
	t := g.claimTopic[c]
	lean := g.campLean[g.camp[a]][t] +
		0.35*unit(g.hash(2, uint64(g.root[a]), uint64(t))) +
		0.35*unit(g.hash(3, uint64(a), uint64(t)))
	score := lean*g.polarity[c] + 0.5*unit(g.hash(4, uint64(a), uint64(c)))
	h := g.hash(5, uint64(a), uint64(c))
	if h%1000 < reversalPerMille && day >= int((h>>16)%uint64(len(g.days))) {
		score = -score
	}
	if score >= 0 {
		return annotations.Support
	}
	return annotations.Oppose
}

// statementsAndRelations draws each source's share of the statements and
// relations.
func (g *generator) statementsAndRelations() {
	cfg := g.cfg
	var actorZipf, claimZipf *rand.Zipf
	var topicZipf []*rand.Zipf
	var actorCDF, claimCDF []float64
	switch {
	case cfg.Uniform:
	case cfg.Exponent != 0:
		actorCDF, claimCDF = zipfCDF(cfg.Actors, cfg.Exponent), zipfCDF(cfg.Claims, cfg.Exponent)
	default:
		actorZipf = rand.NewZipf(g.r, actorZipfS, zipfV, uint64(cfg.Actors-1))
		claimZipf = rand.NewZipf(g.r, claimZipfS, zipfV, uint64(cfg.Claims-1))
		topicZipf = make([]*rand.Zipf, len(g.topics))
	}
	// pickActor and pickClaim draw the actor and the claim of a statement
	// made in a source of topic t.
	pickActor := func() int {
		switch {
		case cfg.Uniform:
			return g.r.IntN(cfg.Actors)
		case actorCDF != nil:
			return g.actorRank[draw(g.r, actorCDF)]
		}
		return g.actorRank[actorZipf.Uint64()]
	}
	pickClaim := func(t int) int {
		switch {
		case cfg.Uniform:
			return g.r.IntN(cfg.Claims)
		case claimCDF != nil:
			return g.claimRank[draw(g.r, claimCDF)]
		}
		if tc := g.topicClaims[t]; len(tc) > 0 && g.r.Float64() < topicFocus {
			if topicZipf[t] == nil {
				topicZipf[t] = rand.NewZipf(g.r, claimZipfS, zipfV, uint64(len(tc)-1))
			}
			return tc[topicZipf[t].Uint64()]
		}
		return g.claimRank[claimZipf.Uint64()]
	}
	var claimCount []int // statements drawn so far on each claim, for StanceSplit
	if cfg.StanceSplit != 0 {
		claimCount = make([]int, cfg.Claims)
	}
	nRelations := 0
	if cfg.Actors >= 2 {
		nRelations = cfg.Statements / statementsPerRelation
	}
	g.sts = make([]*annotations.Statement, 0, cfg.Statements)
	g.rels = make([]*annotations.Relation, 0, nRelations)
	dayIndex := make(map[annotations.Date]int, len(g.days))
	for i, d := range g.days {
		dayIndex[d] = i
	}
	for si, src := range g.ss {
		n := share(cfg.Statements, cfg.Sources, si)
		day := dayIndex[src.Published]
		t := g.sourceTopic[si]
		for range n {
			a := pickActor()
			c := pickClaim(t)
			st := &annotations.Statement{
				Actor:  g.as[a].ID,
				Claim:  g.cs[c].ID,
				Quote:  g.phrase(3, 8),
				Source: src.ID,
				Date:   src.Published,
				Direct: g.r.Float64() < directShare,
			}
			sd := day
			if g.r.Float64() < ownDate {
				sd = min(len(g.days)-1, day+1+g.r.IntN(3))
				st.Date = g.days[sd]
			}
			if claimCount != nil {
				st.Stance = split(cfg.StanceSplit, claimCount[c])
				claimCount[c]++
			} else {
				st.Stance = g.stance(a, c, sd)
			}
			g.sts = append(g.sts, st)
		}
		for range share(nRelations, cfg.Sources, si) {
			from := pickActor()
			to := pickActor()
			if to == from {
				to = (from + 1) % cfg.Actors
			}
			g.rels = append(g.rels, &annotations.Relation{
				From:   g.as[from].ID,
				Type:   annotations.RelationTypes[g.r.IntN(len(annotations.RelationTypes))],
				To:     []string{g.as[to].ID},
				Quote:  g.phrase(3, 8),
				Source: src.ID,
				Date:   src.Published,
			})
		}
	}
}

// split is the stance of a claim's statement number k (from 0) when the
// share p of the claim's statements support it: statement k supports when
// ⌊(k+1)·p⌋ > ⌊k·p⌋, which spreads the supporting ones evenly.
func split(p float64, k int) annotations.Stance {
	if math.Floor(float64(k+1)*p) > math.Floor(float64(k)*p) {
		return annotations.Support
	}
	return annotations.Oppose
}

// zipfCDF returns the cumulative distribution of the Zipf law over n
// ranks with weights (1+k)^-s, normalised to end at 1.
func zipfCDF(n int, s float64) []float64 {
	cdf := make([]float64, n)
	sum := 0.0
	for k := range cdf {
		sum += math.Pow(float64(1+k), -s)
		cdf[k] = sum
	}
	for k := range cdf {
		cdf[k] /= sum
	}
	cdf[n-1] = 1
	return cdf
}

// draw returns a rank drawn from the cumulative distribution cdf.
func draw(r *rand.Rand, cdf []float64) int {
	u := r.Float64()
	i, _ := slices.BinarySearch(cdf, u)
	return min(i, len(cdf)-1)
}

// share is part i of total split into n near-equal parts.
func share(total, n, i int) int {
	s := total / n
	if i < total%n {
		s++
	}
	return s
}

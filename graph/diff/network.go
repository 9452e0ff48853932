package diff

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
)

// DefaultRankThreshold is the smallest rank change Network reports unless
// WithRankThreshold says otherwise.
const DefaultRankThreshold = 3

// NetworkChanges is how the network moved between the versions.
type NetworkChanges struct {
	// Measure is the centrality (one of analysis.Measures) ranks are by, and
	// Threshold the smallest rank change listed.
	Measure   string `json:"measure"`
	Threshold int    `json:"threshold"`
	// Ranks are the actors and claims in both versions whose rank moved by
	// Threshold places or more, the largest move first (then actors
	// before claims, then by id).
	Ranks []RankChange `json:"ranks"`
	// OldCoalitions and NewCoalitions are the two analyses' coalitions.
	OldCoalitions [][]string `json:"old_coalitions"`
	NewCoalitions [][]string `json:"new_coalitions"`
	// CoalitionMoves are the actors in both versions whose coalition
	// changed; see CoalitionMove.
	CoalitionMoves []CoalitionMove `json:"coalition_moves"`
	// BecameContested and StoppedContested are the claims (by id, in the
	// new and the old dataset's order) contested in one version and not in
	// the other; a claim of one version only counts as not contested in
	// the other.
	BecameContested  []string `json:"became_contested"`
	StoppedContested []string `json:"stopped_contested"`
	// NewReversals are the reversals of the new version that the old one
	// did not have, EndedReversals the reverse.
	NewReversals   []Reversal `json:"new_reversals"`
	EndedReversals []Reversal `json:"ended_reversals"`
	// Modularity and Polarization are the coalitions' modularity Q and the
	// polarization of the signed network, before and after.
	Modularity   Delta `json:"modularity"`
	Polarization Delta `json:"polarization"`
}

// Empty reports whether the network did not move: nothing listed and the
// same modularity and polarization.
func (n *NetworkChanges) Empty() bool {
	return len(n.Ranks)+len(n.CoalitionMoves)+len(n.BecameContested)+len(n.StoppedContested)+
		len(n.NewReversals)+len(n.EndedReversals) == 0 && n.Modularity.Change == 0 && n.Polarization.Change == 0
}

// RankChange is an actor's or claim's rank by the measure in each version:
// 1 + the number of actors (or claims) of that version with a higher score.
type RankChange struct {
	Kind     string  `json:"kind"` // "actor" or "claim"
	ID       string  `json:"id"`
	Old      int     `json:"old"`
	New      int     `json:"new"`
	OldScore float64 `json:"old_score"`
	NewScore float64 `json:"new_score"`
}

// CoalitionMove is an actor whose coalition changed. Each new coalition is
// matched to the old coalition it shares the most actors with (pairs with
// the largest overlap first, then by old and new index; each coalition at
// most once); an actor moved when its new coalition is not the match of
// its old one, or when it joined or left every coalition. Old and New
// index OldCoalitions and NewCoalitions; −1 is no coalition.
type CoalitionMove struct {
	Actor string `json:"actor"`
	Old   int    `json:"old"`
	New   int    `json:"new"`
}

// Reversal is an actor holding both stances on a claim.
type Reversal struct {
	Actor string `json:"actor"`
	Claim string `json:"claim"`
}

// Delta is a number before and after, and New − Old.
type Delta struct {
	Old    float64 `json:"old"`
	New    float64 `json:"new"`
	Change float64 `json:"change"`
}

// Option configures Network and Compare.
type Option func(*config)

type config struct {
	measure   string
	threshold int
	compile   []graph.Option
	analyze   []analysis.AnalyzeOption
}

// WithMeasure ranks by centrality measure m (one of analysis.Measures);
// the default is analysis.PageRank.
func WithMeasure(m string) Option { return func(c *config) { c.measure = m } }

// WithRankThreshold lists rank changes of n places or more.
func WithRankThreshold(n int) Option { return func(c *config) { c.threshold = n } }

// WithCompile passes options (a window) to graph.Compile in Compare.
func WithCompile(opts ...graph.Option) Option {
	return func(c *config) { c.compile = append(c.compile, opts...) }
}

// WithAnalyze passes options (seed, resolution) to analysis.Analyze in Compare.
func WithAnalyze(opts ...analysis.AnalyzeOption) Option {
	return func(c *config) { c.analyze = append(c.analyze, opts...) }
}

func configure(opts []Option) (*config, error) {
	cfg := &config{measure: analysis.PageRank, threshold: DefaultRankThreshold}
	for _, o := range opts {
		o(cfg)
	}
	if !slices.Contains(analysis.Measures, cfg.measure) {
		return nil, fmt.Errorf("diff: measure %q: want one of %v", cfg.measure, analysis.Measures)
	}
	if cfg.threshold < 1 {
		return nil, fmt.Errorf("diff: rank threshold %d: want 1 or more", cfg.threshold)
	}
	return cfg, nil
}

// Version is one side of a diff: its model and analysis.
type Version struct {
	Model    *graph.Model
	Analysis *analysis.Analysis
}

// Network compares the analyses of two versions of a dataset.
func Network(old, new Version, opts ...Option) (*NetworkChanges, error) {
	cfg, err := configure(opts)
	if err != nil {
		return nil, err
	}
	ao, an := old.Analysis, new.Analysis
	nc := &NetworkChanges{
		Measure: cfg.measure, Threshold: cfg.threshold,
		Ranks:          []RankChange{},
		OldCoalitions:  ao.Coalitions.Groups,
		NewCoalitions:  an.Coalitions.Groups,
		CoalitionMoves: coalitionMoves(ao, an),
		Modularity:     delta(ao.Coalitions.Modularity, an.Coalitions.Modularity),
		Polarization:   delta(ao.Coalitions.Polarization, an.Coalitions.Polarization),
	}
	actorScores := func(a *analysis.Analysis) map[string]float64 {
		s := make(map[string]float64, len(a.Actors))
		for _, r := range a.Actors {
			s[r.ID] = r.Centrality[cfg.measure]
		}
		return s
	}
	claimScores := func(a *analysis.Analysis) map[string]float64 {
		s := make(map[string]float64, len(a.Claims))
		for _, r := range a.Claims {
			s[r.ID] = r.Centrality[cfg.measure]
		}
		return s
	}
	nc.Ranks = append(rankChanges("actor", actorScores(ao), actorScores(an), cfg.threshold),
		rankChanges("claim", claimScores(ao), claimScores(an), cfg.threshold)...)
	sort.SliceStable(nc.Ranks, func(i, j int) bool {
		a, b := nc.Ranks[i], nc.Ranks[j]
		da, db := abs(a.New-a.Old), abs(b.New-b.Old)
		if da != db {
			return da > db
		}
		if a.Kind != b.Kind {
			return a.Kind == "actor"
		}
		return a.ID < b.ID
	})
	nc.BecameContested, nc.StoppedContested = contested(an, ao), contested(ao, an)
	nc.NewReversals, nc.EndedReversals = reversals(an, ao), reversals(ao, an)
	return nc, nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// delta is new − old, rounded to 12 significant digits so that a
// difference of two equal sums is 0 on every machine.
func delta(old, new float64) Delta {
	d := new - old
	if math.Abs(d) < 1e-12*max(math.Abs(old), math.Abs(new), 1) {
		d = 0
	}
	return Delta{old, new, d}
}

// ranks gives each id its competition rank: 1 + the number of ids with a
// higher score.
func ranks(scores map[string]float64) map[string]int {
	vals := make([]float64, 0, len(scores))
	for _, v := range scores {
		vals = append(vals, v)
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(vals)))
	out := make(map[string]int, len(scores))
	for id, v := range scores {
		out[id] = 1 + sort.Search(len(vals), func(i int) bool { return vals[i] <= v })
	}
	return out
}

func rankChanges(kind string, old, new map[string]float64, threshold int) []RankChange {
	ro, rn := ranks(old), ranks(new)
	var out []RankChange
	for id, r := range rn {
		o, ok := ro[id]
		if ok && abs(r-o) >= threshold {
			out = append(out, RankChange{kind, id, o, r, old[id], new[id]})
		}
	}
	return out
}

// contested lists the claims of a contested in a but not in b.
func contested(a, b *analysis.Analysis) []string {
	inB := map[string]bool{}
	for _, c := range b.Claims {
		if c.Contested {
			inB[c.ID] = true
		}
	}
	out := []string{}
	for _, c := range a.Claims {
		if c.Contested && !inB[c.ID] {
			out = append(out, c.ID)
		}
	}
	return out
}

// reversals lists the reversals of a that b does not have.
func reversals(a, b *analysis.Analysis) []Reversal {
	inB := map[Reversal]bool{}
	for _, r := range b.Reversals {
		inB[Reversal{r.Actor, r.Claim}] = true
	}
	out := []Reversal{}
	for _, r := range a.Reversals {
		if k := (Reversal{r.Actor, r.Claim}); !inB[k] {
			out = append(out, k)
		}
	}
	return out
}

// coalitionMoves matches the new coalitions to the old and lists the
// actors of both versions whose coalition is not the match of their old
// one; see CoalitionMove.
func coalitionMoves(old, new *analysis.Analysis) []CoalitionMove {
	oldOf := map[string]int{}
	for _, a := range old.Actors {
		oldOf[a.ID] = a.Coalition
	}
	type pair struct{ o, n, shared int }
	count := map[[2]int]int{}
	for _, a := range new.Actors {
		if o, ok := oldOf[a.ID]; ok && o >= 0 && a.Coalition >= 0 {
			count[[2]int{o, a.Coalition}]++
		}
	}
	pairs := make([]pair, 0, len(count))
	for k, n := range count {
		pairs = append(pairs, pair{k[0], k[1], n})
	}
	sort.Slice(pairs, func(i, j int) bool {
		a, b := pairs[i], pairs[j]
		if a.shared != b.shared {
			return a.shared > b.shared
		}
		if a.o != b.o {
			return a.o < b.o
		}
		return a.n < b.n
	})
	matchOf := map[int]int{} // old coalition → new coalition
	usedNew := map[int]bool{}
	for _, p := range pairs {
		if _, ok := matchOf[p.o]; ok || usedNew[p.n] {
			continue
		}
		matchOf[p.o], usedNew[p.n] = p.n, true
	}
	out := []CoalitionMove{}
	for _, a := range new.Actors {
		o, ok := oldOf[a.ID]
		if !ok {
			continue
		}
		n := a.Coalition
		if o < 0 && n < 0 {
			continue
		}
		if m, matched := matchOf[o]; o < 0 || n < 0 || !matched || m != n {
			out = append(out, CoalitionMove{a.ID, o, n})
		}
	}
	return out
}

// Diff is what changed between two versions of a dataset: in the
// annotations and in the network. Old and New keep the compiled models
// and their analyses, for a figure of the change.
type Diff struct {
	Data    *DataChanges    `json:"data"`
	Network *NetworkChanges `json:"network"`
	Old     Version         `json:"-"`
	New     Version         `json:"-"`
}

// Compare compiles and analyses both datasets and compares them.
func Compare(ctx context.Context, old, new *annotations.Dataset, opts ...Option) (*Diff, error) {
	cfg, err := configure(opts)
	if err != nil {
		return nil, err
	}
	d := &Diff{Data: Datasets(old, new)}
	for _, v := range []struct {
		d    *annotations.Dataset
		into *Version
		name string
	}{{old, &d.Old, "old"}, {new, &d.New, "new"}} {
		m, err := graph.Compile(ctx, v.d, cfg.compile...)
		if err != nil {
			return nil, fmt.Errorf("diff: %s version: %w", v.name, err)
		}
		an, err := analysis.Analyze(ctx, m, cfg.analyze...)
		if err != nil {
			return nil, fmt.Errorf("diff: %s version: %w", v.name, err)
		}
		*v.into = Version{m, an}
	}
	d.Network, err = Network(d.Old, d.New, opts...)
	if err != nil {
		return nil, err
	}
	return d, nil
}

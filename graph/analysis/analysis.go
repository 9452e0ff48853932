package analysis

import (
	"context"
	"fmt"
	"math"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
)

// Centrality measure names, the keys of ActorResult.Centrality and
// ClaimResult.Centrality. Each is defined in the file named after it and
// in docs/measures.md.
const (
	Degree      = "degree"
	Betweenness = "betweenness"
	Harmonic    = "harmonic"
	PageRank    = "pagerank"
	Eigenvector = "eigenvector"
	Hub         = "hub"
	Authority   = "authority"
)

// Measures lists the centrality measure names in the order tables show them.
var Measures = []string{Degree, Betweenness, Harmonic, PageRank, Eigenvector, Hub, Authority}

// Analysis is every analysis of one Model: per-actor and per-claim
// results, the contested structure (reversals and conflict edges) and the
// coalitions. It is a plain value: encoding/json of it is byte-identical
// for the same Model and options.
type Analysis struct {
	// Window is the window of the Model analysed.
	Window graph.Window `json:"window"`
	// Actors has one result per model actor, in model order.
	Actors []ActorResult `json:"actors"`
	// Claims has one result per model claim, in model order.
	Claims []ClaimResult `json:"claims"`
	// Reversals are the actors holding both stances on a claim; see Reversal.
	Reversals []Reversal `json:"reversals"`
	// Conflicts are the actor pairs with opposite stances on a claim; see
	// ConflictEdge. At most DefaultConflictLimit are listed unless
	// WithConflictLimit says otherwise; Methods["conflicts"] tells how many
	// there are.
	Conflicts []ConflictEdge `json:"conflicts"`
	// Coalitions are the communities of the actor congruence network.
	Coalitions Coalitions `json:"coalitions"`
	// Methods tells, for each measure, how it was computed: "exact", or
	// "sampled (...)" with the number of pivots, the seed and the error
	// bound.
	Methods map[string]string `json:"methods"`
}

// ActorResult is what the analyses say about one actor.
type ActorResult struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Side is the actor's affiliation root: the id of the actor at the top
	// of its chain of affiliations (its own id when it has none).
	Side string `json:"side"`
	// Centrality maps each measure name (Measures) to the actor's score.
	Centrality map[string]float64 `json:"centrality"`
	// Coalition is the index into Coalitions.Groups of the actor's group,
	// or -1 when the actor has no congruence tie in the window: no
	// statement, or no other actor sharing a stance on any of its claims.
	Coalition int `json:"coalition"`
}

// ClaimResult is what the analyses say about one claim.
type ClaimResult struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	// Supporters and Opposers are the ids of the distinct actors with at
	// least one statement of that stance on the claim in the window, in
	// model order. An actor holding both stances is in both.
	Supporters []string `json:"supporters"`
	Opposers   []string `json:"opposers"`
	// Contested reports whether at least one actor supports the claim and
	// at least one other actor opposes it.
	Contested bool `json:"contested"`
	// Contestation is 1 − |s − o|/(s + o) for a contested claim, with s =
	// len(Supporters) and o = len(Opposers), and 0 for any other claim.
	Contestation float64 `json:"contestation"`
	// Centrality maps each measure name (Measures) to the claim's score.
	Centrality map[string]float64 `json:"centrality"`
}

// Reversal is an actor that holds both stances on the same claim within
// the window.
type Reversal struct {
	Actor string `json:"actor"`
	Claim string `json:"claim"`
	// First and Last are the dates of the actor's earliest and latest
	// dated statements on the claim (either stance); zero when none is
	// dated.
	First annotations.Date `json:"first"`
	Last  annotations.Date `json:"last"`
}

// ConflictEdge joins two distinct actors that take opposite stances on a
// claim: one supports it and the other opposes it (an actor holding both
// stances conflicts with every other actor holding either).
type ConflictEdge struct {
	// A and B are actor ids, A before B in model order.
	A     string `json:"a"`
	B     string `json:"b"`
	Claim string `json:"claim"`
}

// Coalitions are the communities found in the actor congruence network;
// see coalitions.go for the definitions.
type Coalitions struct {
	// Groups lists the member actor ids of each coalition, members in model
	// order, the largest group first (ties: by first member).
	Groups [][]string `json:"groups"`
	// Modularity is Newman's Q of Groups on the congruence network at
	// Resolution.
	Modularity float64 `json:"modularity"`
	// Polarization is the modularity-based polarization of the signed
	// network; see coalitions.go.
	Polarization float64 `json:"polarization"`
	// Resolution is the modularity resolution parameter γ used.
	Resolution float64 `json:"resolution"`
	// Seed seeds the community detection.
	Seed int64 `json:"seed"`
}

// AnalyzeOption configures Analyze.
type AnalyzeOption func(*analyzeConfig)

type analyzeConfig struct {
	exact      bool
	threshold  int
	pivots     int
	seed       int64
	resolution float64
	// conflictLimit bounds Analysis.Conflicts; < 0: no bound.
	conflictLimit int
}

// DefaultSampleThreshold is the number of two-mode nodes (actors plus
// claims) above which betweenness and harmonic closeness are estimated
// from sampled pivots rather than computed exactly.
const DefaultSampleThreshold = 5000

// DefaultPivots is the number of pivots the sampled estimates use.
const DefaultPivots = 256

// WithExact forces exact betweenness and harmonic closeness however large
// the graph (true), or restores sampling above the threshold (false).
func WithExact(exact bool) AnalyzeOption { return func(c *analyzeConfig) { c.exact = exact } }

// WithSampleThreshold sets the node count above which sampling is used.
func WithSampleThreshold(n int) AnalyzeOption {
	return func(c *analyzeConfig) { c.threshold = n }
}

// WithPivots sets the number of pivots of the sampled estimates.
func WithPivots(k int) AnalyzeOption { return func(c *analyzeConfig) { c.pivots = k } }

// WithSeed seeds the pivot sampling and the community detection.
func WithSeed(seed int64) AnalyzeOption { return func(c *analyzeConfig) { c.seed = seed } }

// DefaultConflictLimit is the number of conflict edges Analysis.Conflicts
// lists at most, unless WithConflictLimit changes it.
const DefaultConflictLimit = 100000

// WithConflictLimit sets how many conflict edges Analysis.Conflicts lists
// at most (in its order); a negative n lists them all.
func WithConflictLimit(n int) AnalyzeOption { return func(c *analyzeConfig) { c.conflictLimit = n } }

// WithResolution sets the modularity resolution γ of the coalitions.
func WithResolution(gamma float64) AnalyzeOption {
	return func(c *analyzeConfig) { c.resolution = gamma }
}

// Analyze computes every analysis of m. It checks ctx between stages and
// inside the long ones.
func Analyze(ctx context.Context, m *graph.Model, opts ...AnalyzeOption) (*Analysis, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	an := shell(m)
	sides := affiliationRoots(m)
	for i := range an.Actors {
		an.Actors[i].Side = sides[i]
		an.Actors[i].Centrality = make(map[string]float64, len(Measures))
	}
	for i := range an.Claims {
		an.Claims[i].Centrality = make(map[string]float64, len(Measures))
	}
	contest(m, an, cfg.conflictLimit)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("analyse: %w", err)
	}
	// The coalitions run beside the centralities: they share nothing but
	// the read-only model, and write different fields.
	coal := make(chan error, 1)
	go func() { coal <- coalitions(ctx, m, an, &cfg) }()
	methods := map[string]string{}
	err = centralities(ctx, m.CSR(), an, methods, &cfg)
	if cerr := <-coal; err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("analyse: %w", err)
	}
	for k, v := range methods {
		an.Methods[k] = v
	}
	return an, nil
}

// newConfig applies opts to the defaults and checks the result.
func newConfig(opts []AnalyzeOption) (analyzeConfig, error) {
	cfg := analyzeConfig{threshold: DefaultSampleThreshold, pivots: DefaultPivots, seed: 1, resolution: 1, conflictLimit: DefaultConflictLimit}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.pivots < 1 {
		return cfg, fmt.Errorf("analyse: %d pivots; need at least 1", cfg.pivots)
	}
	if !(cfg.resolution > 0) {
		return cfg, fmt.Errorf("analyse: resolution %v; need a positive number", cfg.resolution)
	}
	return cfg, nil
}

// shell returns the Analysis of m before any measure: one result per
// actor and claim with its ids and empty lists.
func shell(m *graph.Model) *Analysis {
	an := &Analysis{
		Window:  m.Window,
		Actors:  make([]ActorResult, len(m.Actors)),
		Claims:  make([]ClaimResult, len(m.Claims)),
		Methods: map[string]string{},
	}
	for i, a := range m.Actors {
		an.Actors[i] = ActorResult{ID: a.ID, Name: a.Name, Coalition: -1}
	}
	for i, c := range m.Claims {
		an.Claims[i] = ClaimResult{ID: c.ID, Text: c.Text, Supporters: []string{}, Opposers: []string{}}
	}
	return an
}

// affiliationRoots returns each actor's affiliation root, as
// Dataset.AffiliationRoot gives it, in time linear in the actors: each
// actor's chain is followed only until it meets an actor whose root is
// known, so a long chain of affiliations is walked once, not once per
// member.
func affiliationRoots(m *graph.Model) []string {
	root := make([]int, len(m.Actors)) // −1: not known yet
	for i := range root {
		root[i] = -1
	}
	var path []int
	for i := range m.Actors {
		path = path[:0]
		r := i
		for root[r] < 0 {
			path = append(path, r)
			up, ok := m.ActorIndex(m.Actors[r].Affiliation)
			if m.Actors[r].Affiliation == "" || !ok {
				root[r] = r
				break
			}
			if len(path) > len(m.Actors) { // a cycle, which validation rules out
				root[r] = r
				break
			}
			r = up
		}
		for _, p := range path {
			root[p] = root[r]
		}
	}
	out := make([]string, len(m.Actors))
	for i, r := range root {
		out[i] = m.Actors[r].ID
	}
	return out
}

// setCentrality stores the node scores of a measure: nodes 0..A-1 are
// actors and A..A+C-1 claims, as in the Model's gonum graphs. Scores are
// rounded by tidyScores first.
func setCentrality(an *Analysis, name string, score []float64) {
	tidyScores(score)
	na := len(an.Actors)
	for i := range an.Actors {
		an.Actors[i].Centrality[name] = score[i]
	}
	for i := range an.Claims {
		an.Claims[i].Centrality[name] = score[na+i]
	}
}

// tidyScores rounds each score to 12 significant digits and sets to zero
// those smaller than 1e-12 of the largest. Iterative measures leave
// residues such as 5e-88 where the exact value is 0, and the last digits
// of a float sum can differ between CPU architectures (fused
// multiply-add); neither should reach a committed figure or table. The
// rounding is far inside the 1e-9 agreement with reference implementations.
// It returns score.
func tidyScores(score []float64) []float64 {
	var top float64
	for _, x := range score {
		top = max(top, math.Abs(x))
	}
	for i, x := range score {
		if math.Abs(x) < 1e-12*top || x == 0 {
			score[i] = 0
			continue
		}
		score[i] = roundSignificant(x, 12)
	}
	return score
}

// roundSignificant rounds x to n significant decimal digits.
func roundSignificant(x float64, n int) float64 {
	exp := n - 1 - int(math.Floor(math.Log10(math.Abs(x))))
	if exp > 300 || exp < -300 {
		return x
	}
	p := math.Pow(10, float64(abs(exp)))
	if exp >= 0 {
		return math.Round(x*p) / p
	}
	return math.Round(x/p) * p
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

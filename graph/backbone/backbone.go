// Package backbone finds the backbone and the redundant set of the claims
// (DNA's concepts) of a discourse network, as DNA 3.1 and rDNA's
// dna_backbone do: the backbone is the set of claims whose one-mode
// network is spectrally closest to the network of all claims, found by
// simulated annealing, either with a penalty on its size or with a fixed
// size. The result depends only on the model, the options and the seed.
package backbone

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/dnanet"
	"gonum.org/v1/gonum/mat"
)

// Methods of Options.Method.
const (
	Penalty = "penalty"
	Fixed   = "fixed"
)

// ErrOption is returned, wrapped, for options the backbone does not take.
var ErrOption = errors.New("invalid backbone option")

// Options configures Compute. The zero value is rDNA's test setting: the
// penalty method with p = 3.5 and 10,000 iterations on the actor network
// with subtract aggregation and average normalisation.
type Options struct {
	// Method is Penalty (the default) or Fixed.
	Method string
	// P is the penalty parameter p (default 3.5); Penalty only.
	P float64
	// Size is the backbone's size; Fixed only, from 1 to the number of
	// claims less one.
	Size int
	// Iterations is the number T of annealing steps (default 10,000).
	Iterations int
	// Seed seeds the random generator (PCG): the same seed, the same
	// result.
	Seed uint64
	// Network gives the one-mode network (default actors, subtract,
	// average); its exclusions, duplicates rule and mode apply.
	Network dnanet.NetworkOptions
}

// Result is a backbone and redundant set.
type Result struct {
	Method string `json:"method"`
	// Backbone and Redundant are claim ids (with Network.Mode claim,
	// actor ids), in model order.
	Backbone  []string `json:"backbone"`
	Redundant []string `json:"redundant"`
	// BackboneLoss and RedundantLoss are the unpenalised spectral
	// distances of the backbone's and the redundant set's networks from
	// the full network; PenalizedLoss is the backbone's loss the
	// annealing minimised.
	BackboneLoss  float64 `json:"backbone_loss"`
	RedundantLoss float64 `json:"redundant_loss"`
	PenalizedLoss float64 `json:"penalized_loss"`
	P             float64 `json:"p"`
	Iterations    int     `json:"iterations"`
	Seed          uint64  `json:"seed"`
	// Accepted is the number of steps whose candidate was accepted.
	Accepted int `json:"accepted"`
}

// Eigenvalues returns the normalised Laplacian spectrum DNA compares
// networks by: with A the n × n weight matrix with negative weights set
// to 0, D the diagonal of its row sums and L = D − A, the eigenvalues of
// L in descending order, divided by their sum when it is positive.
func Eigenvalues(n int, edges []dnanet.NetworkEdge) []float64 {
	if n == 0 {
		return nil
	}
	l := mat.NewSymDense(n, nil)
	for _, e := range edges {
		w := e.Weight
		if w <= 0 || e.Source == e.Target {
			continue
		}
		i, j := int(e.Source), int(e.Target)
		l.SetSym(i, j, l.At(i, j)-w)
		l.SetSym(i, i, l.At(i, i)+w)
		l.SetSym(j, j, l.At(j, j)+w)
	}
	var es mat.EigenSym
	if !es.Factorize(l, false) {
		return make([]float64, n)
	}
	v := es.Values(nil)
	sort.Sort(sort.Reverse(sort.Float64Slice(v)))
	sum := 0.0
	for _, x := range v {
		sum += x
	}
	if sum > 0 {
		for i := range v {
			v[i] /= sum
		}
	}
	return v
}

// SpectralLoss is Σ_i |a_i − b_i| over two spectra of the same length.
func SpectralLoss(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d += math.Abs(a[i] - b[i])
	}
	return d
}

// PenalizedLoss is SpectralLoss(a, b) · exp(−p·(N − k)/N) for a backbone
// of k of the N claims: the penalty favours smaller backbones.
func PenalizedLoss(a, b []float64, p float64, k, n int) float64 {
	return SpectralLoss(a, b) * math.Exp(-p*float64(n-k)/float64(n))
}

// problem holds the full network and evaluates claim subsets.
type problem struct {
	ctx     context.Context
	m       *graph.Model
	net     dnanet.NetworkOptions
	claims  []string // the concepts C, ids in model order
	rowOf   map[int]int
	n       int
	full    []float64
	cache   map[string][]float64
	claimMd bool
}

// spectrum returns the eigenvalues of the network of the claims in set
// (indices into p.claims), on the full network's nodes.
func (p *problem) spectrum(set []int) ([]float64, error) {
	in := make([]bool, len(p.claims))
	for _, c := range set {
		in[c] = true
	}
	key := fmt.Sprint(in)
	if v, ok := p.cache[key]; ok {
		return v, nil
	}
	o := p.net
	o.Isolates = true
	o.ExcludeClaims = slices.Clone(p.net.ExcludeClaims)
	for i, id := range p.claims {
		if !in[i] {
			if p.claimMd {
				o.ExcludeActors = append(o.ExcludeActors, id)
			} else {
				o.ExcludeClaims = append(o.ExcludeClaims, id)
			}
		}
	}
	nw, err := dnanet.OneMode(p.ctx, p.m, o)
	if err != nil {
		return nil, err
	}
	// The candidate network on the full network's nodes, in its order.
	idx := make([]int32, len(nw.Nodes))
	for i, node := range nw.Nodes {
		r, ok := p.rowOf[node.Index]
		idx[i] = -1
		if ok {
			idx[i] = int32(r)
		}
	}
	var edges []dnanet.NetworkEdge
	for _, e := range nw.Edges {
		s, t := idx[e.Source], idx[e.Target]
		if s >= 0 && t >= 0 {
			edges = append(edges, dnanet.NetworkEdge{Source: s, Target: t, Weight: e.Weight})
		}
	}
	v := Eigenvalues(p.n, edges)
	p.cache[key] = v
	return v, nil
}

// Compute finds the backbone of m's claims (DNA's simulated annealing):
//
// The full network Y is the one-mode network of Options.Network (nodes:
// the active actors); a claim set B gives the network Y^B of the
// statements on claims in B, on Y's nodes. Its loss is
// SpectralLoss(Eigenvalues(Y), Eigenvalues(Y^B)), penalised by
// PenalizedLoss for the penalty method. The annealing starts from one
// random claim (penalty) or Size random claims (fixed) and for t = 1..T
// proposes a random move: add a random redundant claim, remove a random
// backbone claim, or swap one of each (penalty: add and swap when the
// backbone has one claim, remove and swap when it has all but one, all
// three otherwise; fixed: swap only). A candidate of lower loss is
// accepted (and kept as the best when no worse than the best so far);
// otherwise it is accepted with probability exp(−(new − old))·τ_t, with
// the temperature τ_t = 1 − 1/(1 + exp(−(−5 + 12·t/T))). The backbone is
// the best set found; the redundant set the other claims.
func Compute(ctx context.Context, m *graph.Model, opts Options) (*Result, error) {
	if opts.Method == "" {
		opts.Method = Penalty
	}
	if opts.P == 0 {
		opts.P = 3.5
	}
	if opts.Iterations == 0 {
		opts.Iterations = 10000
	}
	if opts.Network.Aggregate == "" {
		opts.Network.Aggregate = dnanet.AggregateSubtract
	}
	if opts.Network.Normalize == "" {
		opts.Network.Normalize = dnanet.NormalizeAverage
	}
	switch {
	case opts.Method != Penalty && opts.Method != Fixed:
		return nil, fmt.Errorf("%w: the method is %s or %s, not %q", ErrOption, Penalty, Fixed, opts.Method)
	case opts.Iterations < 1:
		return nil, fmt.Errorf("%w: %d iterations", ErrOption, opts.Iterations)
	case !(opts.P >= 0) || math.IsInf(opts.P, 0):
		return nil, fmt.Errorf("%w: the penalty is %v, not a number from 0 up", ErrOption, opts.P)
	}
	full, err := dnanet.OneMode(ctx, m, opts.Network)
	if err != nil {
		return nil, fmt.Errorf("backbone: %w", err)
	}
	// The concepts: the items stated in the network (the two-mode
	// network's columns, or rows in the claim network).
	two := opts.Network
	two.Aggregate, two.Normalize, two.Mode = dnanet.AggregateIgnore, dnanet.NormalizeNo, ""
	tm, err := dnanet.TwoModeNetwork(ctx, m, two)
	if err != nil {
		return nil, fmt.Errorf("backbone: %w", err)
	}
	p := &problem{ctx: ctx, m: m, net: opts.Network, rowOf: map[int]int{}, n: len(full.Nodes), cache: map[string][]float64{},
		claimMd: opts.Network.Mode == dnanet.NodeClaim}
	items := tm.Nodes[tm.Rows:]
	if p.claimMd {
		items = tm.Nodes[:tm.Rows]
	}
	for _, node := range items {
		p.claims = append(p.claims, node.ID)
	}
	for i, node := range full.Nodes {
		p.rowOf[node.Index] = i
	}
	nc := len(p.claims)
	if nc < 2 {
		return nil, fmt.Errorf("%w: a backbone needs at least two claims with statements, not %d", ErrOption, nc)
	}
	if opts.Method == Fixed && (opts.Size < 1 || opts.Size >= nc) {
		return nil, fmt.Errorf("%w: a fixed backbone has 1 to %d of the %d claims, not %d", ErrOption, nc-1, nc, opts.Size)
	}
	p.full = Eigenvalues(p.n, full.Edges)
	penalty := opts.Method == Penalty
	loss := func(set []int) (float64, error) {
		v, err := p.spectrum(set)
		if err != nil {
			return 0, err
		}
		if penalty {
			return PenalizedLoss(p.full, v, opts.P, len(set), nc), nil
		}
		return SpectralLoss(p.full, v), nil
	}

	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x5851f42d4c957f2d))
	perm := rng.Perm(nc)
	k := 1
	if !penalty {
		k = opts.Size
	}
	cur := slices.Clone(perm[:k])
	red := slices.Clone(perm[k:])
	best, bestRed := slices.Clone(cur), slices.Clone(red)
	old, err := loss(cur)
	if err != nil {
		return nil, fmt.Errorf("backbone: %w", err)
	}
	bestLoss := old
	res := &Result{Method: opts.Method, P: opts.P, Iterations: opts.Iterations, Seed: opts.Seed}
	if !penalty {
		res.P = 0
	}
	T := float64(opts.Iterations)
	for t := 1; t <= opts.Iterations; t++ {
		if t%256 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("backbone: %w", ctx.Err())
		}
		temp := 1 - 1/(1+math.Exp(-(-5+12/T*float64(t))))
		var actions []string
		switch {
		case !penalty:
			actions = []string{"swap"}
		case len(cur) < 2:
			actions = []string{"add", "swap"}
		case len(cur) > nc-2:
			actions = []string{"remove", "swap"}
		default:
			actions = []string{"add", "remove", "swap"}
		}
		cand, candRed := slices.Clone(cur), slices.Clone(red)
		switch actions[rng.IntN(len(actions))] {
		case "add":
			j := rng.IntN(len(candRed))
			cand = append(cand, candRed[j])
			candRed = slices.Delete(candRed, j, j+1)
		case "remove":
			j := rng.IntN(len(cand))
			candRed = append(candRed, cand[j])
			cand = slices.Delete(cand, j, j+1)
		case "swap":
			i, j := rng.IntN(len(cand)), rng.IntN(len(candRed))
			cand[i], candRed[j] = candRed[j], cand[i]
		}
		nl, err := loss(cand)
		if err != nil {
			return nil, fmt.Errorf("backbone: %w", err)
		}
		accept := false
		if nl < old {
			accept = true
			if nl <= bestLoss {
				best, bestRed, bestLoss = slices.Clone(cand), slices.Clone(candRed), nl
			}
		} else if rng.Float64() < math.Exp(-(nl-old))*temp {
			accept = true
		}
		if accept {
			cur, red, old = cand, candRed, nl
			res.Accepted++
		}
	}
	slices.Sort(best)
	slices.Sort(bestRed)
	for _, c := range best {
		res.Backbone = append(res.Backbone, p.claims[c])
	}
	for _, c := range bestRed {
		res.Redundant = append(res.Redundant, p.claims[c])
	}
	res.PenalizedLoss = bestLoss
	vb, err := p.spectrum(best)
	if err != nil {
		return nil, fmt.Errorf("backbone: %w", err)
	}
	vr, err := p.spectrum(bestRed)
	if err != nil {
		return nil, fmt.Errorf("backbone: %w", err)
	}
	res.BackboneLoss, res.RedundantLoss = SpectralLoss(p.full, vb), SpectralLoss(p.full, vr)
	return res, nil
}

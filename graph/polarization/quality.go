package polarization

import (
	"errors"
	"fmt"
	"math"
)

// Pair is one unordered pair of nodes A < B with its congruence and
// conflict weights (the one-mode networks' C_ab and F_ab).
type Pair struct {
	A, B                 int32
	Congruence, Conflict float64
}

// Networks are a congruence and a conflict network over the same N nodes
// 0..N-1, given by the pairs with a nonzero weight in either, each pair
// once. Both networks are symmetric with a zero diagonal.
type Networks struct {
	N     int
	Pairs []Pair
	// Names label the nodes (optional): Result.Groups lists them.
	Names []string
}

// ErrInput is returned, wrapped, for networks or memberships that do not
// fit together.
var ErrInput = errors.New("invalid polarization input")

func (nw *Networks) check() error {
	for _, p := range nw.Pairs {
		if p.A < 0 || p.B <= p.A || int(p.B) >= nw.N {
			return fmt.Errorf("%w: pair (%d, %d) of %d nodes", ErrInput, p.A, p.B, nw.N)
		}
		if math.IsNaN(p.Congruence) || math.IsNaN(p.Conflict) || math.IsInf(p.Congruence, 0) || math.IsInf(p.Conflict, 0) {
			return fmt.Errorf("%w: pair (%d, %d) has a weight that is not a finite number", ErrInput, p.A, p.B)
		}
	}
	if nw.Names != nil && len(nw.Names) != nw.N {
		return fmt.Errorf("%w: %d names for %d nodes", ErrInput, len(nw.Names), nw.N)
	}
	return nil
}

// norms returns ‖C‖₁ and ‖F‖₁, the sums of the absolute cell values of
// the full (symmetric) matrices, which hold each pair twice.
func (nw *Networks) norms() (c, f float64) {
	for _, p := range nw.Pairs {
		c += math.Abs(p.Congruence)
		f += math.Abs(p.Conflict)
	}
	return 2 * c, 2 * f
}

// Quality returns DNA's absolute-difference quality of the partition mem
// (mem[i] in 0..k-1 is node i's group) of the networks:
//
//	Q = ½ Σ_{i≠j} q_ij
//	q_ij = |C_ij − E_w(g_i)| + |F_ij|        if g_i = g_j
//	q_ij = |C_ij| + |F_ij − E_b(g_i, g_j)|   otherwise
//
// over ordered pairs, with n_g the size of group g, W = Σ_g n_g(n_g − 1)
// and B = N(N − 1) − W the numbers of ordered pairs within and between
// groups, and the expected weights
//
//	E_w(g)    = n_g(n_g − 1)/W · ‖C‖₁/W
//	E_b(g, h) = n_g·n_h/B · ‖F‖₁/B
//
// where ‖·‖₁ is the sum of the absolute values of a full matrix. This is
// DNA 3.1's qualityAbsdiff, and DNA maximises it. Note that Q grows with
// any departure from the expected weights, in either direction, and the
// expected weights sum to only part of the networks' weight (Σ_g of the
// squared shares): a network of two perfect camps can score higher when
// split across the camps than into them. CorrectedQuality is the score
// with even expectations that rewards the split into camps.
// With normalize the score is Q / (‖C‖₁ + ‖F‖₁), between 0 and 1, which
// takes away the effect of the number of statements. An expected weight
// whose W or B is 0 is 0, and the normalised score of networks without
// weights is 0.
//
// It takes O(pairs + k²) time.
func Quality(nw *Networks, mem []int, k int, normalize bool) (float64, error) {
	if err := nw.check(); err != nil {
		return 0, err
	}
	if err := checkMemberships(mem, nw.N, k); err != nil {
		return 0, err
	}
	e := newEvaluator(nw, k, normalize, false)
	return e.quality(mem), nil
}

// CorrectedQuality returns the score Options.Corrected maximises: with
// every pair expected to carry the same share of its network's weight,
//
//	E_w = ‖C‖₁/W,   E_b = ‖F‖₁/B,
//
// and Q' defined as Quality's Q with these expectations, the score is
// ‖C‖₁ + ‖F‖₁ − Q', normalised 1 − Q'/(‖C‖₁ + ‖F‖₁) (0 for networks without
// weights). It is high when congruence lies evenly within the groups and
// conflict evenly between them, and so rewards the split into camps that
// DNA's Quality, which rewards any departure from its expectations,
// scores low.
func CorrectedQuality(nw *Networks, mem []int, k int, normalize bool) (float64, error) {
	if err := nw.check(); err != nil {
		return 0, err
	}
	if err := checkMemberships(mem, nw.N, k); err != nil {
		return 0, err
	}
	return newEvaluator(nw, k, normalize, true).quality(mem), nil
}

func checkMemberships(mem []int, n, k int) error {
	if len(mem) != n {
		return fmt.Errorf("%w: %d memberships for %d nodes", ErrInput, len(mem), n)
	}
	for i, g := range mem {
		if g < 0 || g >= k {
			return fmt.Errorf("%w: node %d is in group %d, not one of 0..%d", ErrInput, i, g, k-1)
		}
	}
	return nil
}

// evaluator computes Quality repeatedly for one pair of networks.
type evaluator struct {
	nw        *Networks
	k         int
	normalize bool
	corrected bool
	cNorm     float64
	fNorm     float64
	sizes     []int
	ew        []float64
	eb        []float64 // k × k
}

func newEvaluator(nw *Networks, k int, normalize, corrected bool) *evaluator {
	e := &evaluator{nw: nw, k: k, normalize: normalize, corrected: corrected, sizes: make([]int, k), ew: make([]float64, k), eb: make([]float64, k*k)}
	e.cNorm, e.fNorm = nw.norms()
	return e
}

func (e *evaluator) quality(mem []int) float64 {
	n, k := e.nw.N, e.k
	clear(e.sizes)
	for _, g := range mem {
		e.sizes[g]++
	}
	within := 0
	for _, s := range e.sizes {
		within += s * (s - 1)
	}
	between := n*(n-1) - within
	// The pairs without weights, as if every pair had none.
	total := 0.0
	for g, s := range e.sizes {
		e.ew[g] = 0
		if within > 0 {
			e.ew[g] = e.cNorm / float64(within)
			if !e.corrected {
				e.ew[g] *= float64(s*(s-1)) / float64(within)
			}
		}
		total += float64(s*(s-1)) * e.ew[g]
		for h, t := range e.sizes {
			v := 0.0
			if g != h && between > 0 {
				v = e.fNorm / float64(between)
				if !e.corrected {
					v *= float64(s*t) / float64(between)
				}
				total += float64(s*t) * v
			}
			e.eb[g*k+h] = v
		}
	}
	// Each pair with weights replaces its two ordered cells' share.
	for _, p := range e.nw.Pairs {
		g, h := mem[p.A], mem[p.B]
		if g == h {
			x := e.ew[g]
			total += 2 * (math.Abs(p.Congruence-x) - x + math.Abs(p.Conflict))
		} else {
			x := e.eb[g*k+h]
			total += 2 * (math.Abs(p.Congruence) + math.Abs(p.Conflict-x) - x)
		}
	}
	d := e.cNorm + e.fNorm
	switch {
	case e.normalize && d == 0:
		return 0
	case e.normalize && e.corrected:
		return 1 - total/(2*d)
	case e.normalize:
		return total / (2 * d)
	case e.corrected:
		return d - total/2
	}
	return total / 2
}

package polarization

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// The optimisers Options.Algorithm names.
const (
	Greedy  = "greedy"
	Genetic = "genetic"
)

// Options configures Optimize. The zero value is rDNA's default: the
// greedy algorithm, two groups, unnormalised scores, seed 0.
type Options struct {
	// Algorithm is Greedy (the default) or Genetic.
	Algorithm string
	// Normalize divides the score by ‖C‖₁ + ‖F‖₁ (see Quality).
	Normalize bool
	// Clusters is the number of groups k, at least 2; default 2.
	Clusters int
	// Parents is the genetic algorithm's number of solutions per
	// generation, at least 2; default 50.
	Parents int
	// Iterations is the genetic algorithm's largest number of
	// generations; default 1000.
	Iterations int
	// Elite is the share of the best solutions kept unchanged from one
	// generation to the next, in [0, 1] (at least one is kept); default
	// 0.1 when zero.
	Elite float64
	// Mutation is the share of nodes whose group a non-elite child swaps
	// with another node's, in [0, 1]; round(Mutation·N/2) pairs are
	// swapped; default 0.1 when zero.
	Mutation float64
	// Seed seeds the random generator (PCG); every seed, 0 included,
	// gives the same result each time.
	Seed uint64
	// Corrected maximises CorrectedQuality instead of DNA's Quality.
	Corrected bool
}

// Result is the polarization of one pair of networks.
type Result struct {
	// Score is the largest quality found.
	Score float64 `json:"score"`
	// Memberships is the group (0..k-1) of each node in the best
	// partition found; empty when the networks are too small (N ≤ k) or
	// have no weights, whose score is 0.
	Memberships []int `json:"memberships"`
	// MaxQ, AvgQ and SpreadQ are, per generation of the genetic algorithm,
	// the largest and mean quality of the generation and DNA's spread
	// Σ_p |Q_p − mean| / √P; for the greedy algorithm MaxQ and AvgQ hold
	// the quality after each accepted swap (the first is the start) and
	// SpreadQ zeros.
	MaxQ    []float64 `json:"max_q"`
	AvgQ    []float64 `json:"avg_q"`
	SpreadQ []float64 `json:"spread_q"`
	// Converged is true when the genetic algorithm stopped before its last
	// iteration because the generations no longer changed (and always for
	// the greedy algorithm, which runs until no swap improves the score).
	Converged bool `json:"converged"`
	// Algorithm, Clusters, Normalized, Seed and Corrected record the
	// options used.
	Algorithm  string `json:"algorithm"`
	Clusters   int    `json:"clusters"`
	Normalized bool   `json:"normalized"`
	Seed       uint64 `json:"seed"`
	Corrected  bool   `json:"corrected"`
}

func (o Options) resolve() (Options, error) {
	if o.Algorithm == "" {
		o.Algorithm = Greedy
	}
	if o.Algorithm != Greedy && o.Algorithm != Genetic {
		return o, fmt.Errorf("%w: the algorithm is %s or %s, not %q", ErrInput, Greedy, Genetic, o.Algorithm)
	}
	if o.Clusters == 0 {
		o.Clusters = 2
	}
	if o.Parents == 0 {
		o.Parents = 50
	}
	if o.Iterations == 0 {
		o.Iterations = 1000
	}
	if o.Elite == 0 {
		o.Elite = 0.1
	}
	if o.Mutation == 0 {
		o.Mutation = 0.1
	}
	switch {
	case o.Clusters < 2:
		return o, fmt.Errorf("%w: %d clusters; polarization needs at least 2", ErrInput, o.Clusters)
	case o.Parents < 2:
		return o, fmt.Errorf("%w: %d parents; the genetic algorithm needs at least 2", ErrInput, o.Parents)
	case o.Iterations < 1:
		return o, fmt.Errorf("%w: %d iterations; at least 1", ErrInput, o.Iterations)
	case !(o.Elite >= 0 && o.Elite <= 1):
		return o, fmt.Errorf("%w: the elite share is %g, not between 0 and 1", ErrInput, o.Elite)
	case !(o.Mutation >= 0 && o.Mutation <= 1):
		return o, fmt.Errorf("%w: the mutation share is %g, not between 0 and 1", ErrInput, o.Mutation)
	}
	return o, nil
}

// Optimize searches the balanced partitions of the networks' nodes into
// k groups (sizes ⌊N/k⌋ or ⌈N/k⌉, the first N mod k groups one larger) for
// the one of highest Quality, as DNA 3.1 does (or, with Corrected, of
// highest CorrectedQuality).
//
// Greedy starts from a random balanced partition and goes through the
// node pairs i < j of different groups in order, swapping their groups
// whenever that raises the quality, until a pass swaps nothing.
//
// Genetic starts from Parents random balanced partitions. Each generation
// keeps its round(Elite·P) best (at least one; ties by position) and fills
// up with children: the first parent is drawn with probability
// proportional to its quality (roulette wheel), the second, different one
// by the roulette wheel or uniformly, with even odds; the child relabels
// the first parent's groups to overlap the second's most, takes each
// node's group from either parent with even odds, and is rebalanced by
// moving the lowest-numbered nodes of too large groups to the first group
// that is too small. Each non-elite child then swaps the groups of
// round(Mutation·N/2) distinct pairs of nodes in different groups. It
// stops after Iterations generations, or earlier when for eleven
// generations the largest and mean quality, rounded to two decimals,
// are equal and unchanged and the spread rounds to 0. The score is the
// largest quality of the last generation.
//
// Networks with N ≤ k nodes or without weights score 0.
func Optimize(ctx context.Context, nw *Networks, opts Options) (*Result, error) {
	o, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	if err := nw.check(); err != nil {
		return nil, err
	}
	res := &Result{Algorithm: o.Algorithm, Clusters: o.Clusters, Normalized: o.Normalize, Seed: o.Seed, Corrected: o.Corrected}
	cNorm, fNorm := nw.norms()
	if nw.N <= o.Clusters || cNorm+fNorm == 0 {
		res.MaxQ, res.AvgQ, res.SpreadQ = []float64{0}, []float64{0}, []float64{0}
		res.Memberships = []int{}
		res.Converged = true
		return res, nil
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	ev := newEvaluator(nw, o.Clusters, o.Normalize, o.Corrected)
	if o.Algorithm == Greedy {
		err = greedy(ctx, ev, rng, res)
	} else {
		err = genetic(ctx, ev, rng, o, res)
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// randomBalanced returns the groups 0..k-1 repeated to length n, shuffled.
func randomBalanced(n, k int, rng *rand.Rand) []int {
	mem := make([]int, n)
	for i := range mem {
		mem[i] = i % k
	}
	rng.Shuffle(n, func(i, j int) { mem[i], mem[j] = mem[j], mem[i] })
	return mem
}

func greedy(ctx context.Context, ev *evaluator, rng *rand.Rand, res *Result) error {
	n := ev.nw.N
	mem := randomBalanced(n, ev.k, rng)
	q := ev.quality(mem)
	res.MaxQ = append(res.MaxQ, q)
	for changed := true; changed; {
		changed = false
		for i := range n {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("polarization: %w", err)
			}
			for j := i + 1; j < n; j++ {
				if mem[i] == mem[j] {
					continue
				}
				mem[i], mem[j] = mem[j], mem[i]
				if q2 := ev.quality(mem); q2 > q {
					q = q2
					res.MaxQ = append(res.MaxQ, q)
					changed = true
				} else {
					mem[i], mem[j] = mem[j], mem[i]
				}
			}
		}
	}
	res.Score = q
	res.Memberships = mem
	res.AvgQ = slices.Clone(res.MaxQ)
	res.SpreadQ = make([]float64, len(res.MaxQ))
	res.Converged = true
	return nil
}

// round2 rounds half up to two decimals, as Java's Math.round(x*100)/100.
func round2(x float64) float64 { return math.Floor(x*100+0.5) / 100 }

func genetic(ctx context.Context, ev *evaluator, rng *rand.Rand, o Options, res *Result) error {
	n, k, np := ev.nw.N, ev.k, o.Parents
	elites := max(1, int(math.Floor(o.Elite*float64(np)+0.5)))
	elites = min(elites, np)
	mutations := int(math.Floor(o.Mutation*float64(n)/2 + 0.5))
	parents := make([][]int, np)
	for i := range parents {
		parents[i] = randomBalanced(n, k, rng)
	}
	q := make([]float64, np)
	wheel := make([]float64, np)
	order := make([]int, np)
	var best []int
	bestQ := math.Inf(-1)
	last := o.Iterations - 1
	for it := range o.Iterations {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("polarization: %w", err)
		}
		maxQ, sum, arg := math.Inf(-1), 0.0, 0
		for p, mem := range parents {
			q[p] = ev.quality(mem)
			sum += q[p]
			if q[p] > maxQ {
				maxQ, arg = q[p], p
			}
		}
		avg := sum / float64(np)
		spread := 0.0
		for _, v := range q {
			spread += math.Sqrt((v - avg) * (v - avg) / float64(np))
		}
		res.MaxQ = append(res.MaxQ, maxQ)
		res.AvgQ = append(res.AvgQ, avg)
		res.SpreadQ = append(res.SpreadQ, spread)
		if maxQ > bestQ || best == nil {
			bestQ, best = maxQ, slices.Clone(parents[arg])
		}
		if converged(res, it) {
			res.Converged = true
			last = it
			break
		}
		if it == o.Iterations-1 {
			break
		}

		// Elites: the best, ties by position, kept in position order.
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(q[b], q[a]) })
		isElite := make([]bool, np)
		for _, p := range order[:elites] {
			isElite[p] = true
		}
		children := make([][]int, 0, np)
		for p := range parents {
			if isElite[p] {
				children = append(children, slices.Clone(parents[p]))
			}
		}
		// Roulette wheel over the qualities, shifted to be non-negative.
		copy(wheel, q)
		lo := slices.Min(wheel)
		total := 0.0
		for i := range wheel {
			if lo < 0 {
				wheel[i] -= lo
			}
			total += wheel[i]
		}
		if total == 0 {
			for i := range wheel {
				wheel[i] = 1
			}
			total = float64(np)
		}
		spin := func() int {
			r := rng.Float64() * total
			c := 0.0
			for i, w := range wheel {
				c += w
				if r <= c {
					return i
				}
			}
			return np - 1
		}
		for len(children) < np {
			first := spin()
			second := first
			for second == first {
				if rng.Float64() <= 0.5 {
					second = spin()
				} else {
					second = rng.IntN(np)
				}
			}
			children = append(children, crossover(parents[first], parents[second], k, rng))
		}
		for _, c := range children[elites:] {
			mutate(c, mutations, rng)
		}
		parents = children
	}
	// As DNA, the series ends where its last value was first reached.
	end := last
	for end > 0 && res.MaxQ[end-1] == res.MaxQ[last] {
		end--
	}
	res.MaxQ, res.AvgQ, res.SpreadQ = res.MaxQ[:end+1], res.AvgQ[:end+1], res.SpreadQ[:end+1]
	res.Score = res.MaxQ[len(res.MaxQ)-1]
	res.Memberships = best
	return nil
}

// converged reports DNA's early convergence at generation it: from the
// tenth on, the spread rounds to 0, the largest and mean quality round to
// the same value, and the ten generations before rounded the same.
func converged(res *Result, it int) bool {
	if it < 10 {
		return false
	}
	mx, av := round2(res.MaxQ[it]), round2(res.AvgQ[it])
	if round2(res.SpreadQ[it]) != 0 || mx != av {
		return false
	}
	for j := it - 10; j < it; j++ {
		if round2(res.MaxQ[j]) != mx || round2(res.AvgQ[j]) != av || round2(res.SpreadQ[j]) != 0 {
			return false
		}
	}
	return true
}

// crossover breeds a child of a and b (see Optimize).
func crossover(a, b []int, k int, rng *rand.Rand) []int {
	overlap := make([]int, k*k)
	for i := range a {
		overlap[a[i]*k+b[i]]++
	}
	relabel := make([]int, k)
	taken := make([]bool, k)
	cols := make([]int, k)
	for g := range k {
		for c := range cols {
			cols[c] = c
		}
		row := overlap[g*k : (g+1)*k]
		slices.SortStableFunc(cols, func(x, y int) int { return cmp.Compare(row[y], row[x]) })
		for _, c := range cols {
			if !taken[c] {
				relabel[g], taken[c] = c, true
				break
			}
		}
	}
	child := make([]int, len(a))
	for i := range a {
		if rng.IntN(2) == 0 {
			child[i] = relabel[a[i]]
		} else {
			child[i] = b[i]
		}
	}
	balance(child, k)
	return child
}

// balance moves nodes from groups above their size (⌊N/k⌋, one more for
// the first N mod k groups) to the first group below its size, lowest
// numbered node first.
func balance(mem []int, k int) {
	members := make([][]int, k)
	for i, g := range mem {
		members[g] = append(members[g], i)
	}
	base, extra := len(mem)/k, len(mem)%k
	size := func(g int) int {
		if g < extra {
			return base + 1
		}
		return base
	}
	for g := range k {
		for len(members[g]) > size(g) {
			for h := range k {
				if len(members[h]) < size(h) {
					i := members[g][0]
					members[g] = members[g][1:]
					mem[i] = h
					members[h] = append(members[h], i)
					break
				}
			}
		}
	}
}

// mutate swaps the groups of m distinct pairs of nodes in different
// groups (fewer when there are not that many such pairs).
func mutate(mem []int, m int, rng *rand.Rand) {
	if m <= 0 {
		return
	}
	sizes := map[int]int{}
	for _, g := range mem {
		sizes[g]++
	}
	avail := 0
	n := len(mem)
	for _, s := range sizes {
		avail += s * (n - s)
	}
	m = min(m, avail/2)
	type pair struct{ i, j int }
	seen := make(map[pair]bool, m)
	var pairs []pair
	for len(pairs) < m {
		i, j := rng.IntN(n), rng.IntN(n)
		if i == j || mem[i] == mem[j] {
			continue
		}
		p := pair{min(i, j), max(i, j)}
		if !seen[p] {
			seen[p] = true
			pairs = append(pairs, p)
		}
	}
	for _, p := range pairs {
		mem[p.i], mem[p.j] = mem[p.j], mem[p.i]
	}
}

package analysis

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/claimnet/claimnet/graph"
)

// Coalitions are communities of the actor congruence network, the
// one-mode network OneMode computes with Aggregate congruence and no
// normalisation:
//
//	W_ii' = Σ_j Σ_k x_ijk · x_i'jk   (i ≠ i'),   W_ii = 0,
//
// where x_ijk is the number of statements of actor i on claim j with
// stance k in the window: two actors are tied by the statements they make
// with the same stance on the same claims.
//
// The communities maximise Newman's modularity with resolution γ,
//
//	Q = 1/(2m) · Σ_{i,i'} [W_ii' − γ·k_i·k_i'/(2m)] · δ(c_i, c_i'),
//
// with k_i = Σ_i' W_ii' and 2m = Σ_i k_i, found by the Louvain method
// (V. D. Blondel et al., Fast unfolding of communities in large networks,
// J. Stat. Mech. P10008, 2008): nodes move one at a time, in an order drawn
// from a generator seeded with the seed, to the neighbouring community
// that raises Q most, until none moves; communities then become the nodes
// of the next level; this repeats until a level moves nothing. The
// result depends only on the model and the seed.
//
// W is never built. With X the actor × (claim, stance) matrix of the x_ijk,
// W = XXᵀ − diag(‖x_i‖²), so the weight from a node to a community is the
// node's row of X times the community's column sums, and a community of
// the next level is again a row of X (the column sums of its members):
// the cost is that of the statements, not of the actor pairs, which on a
// million statements are a hundred million. All weights are integers, so
// the sums are exact.
//
// Actors with k_i = 0 (no statement in the window, or no claim stated with
// the same stance as anyone else) are in no coalition (Coalition −1).
// Groups are ordered by size, largest first, then by their first member;
// members are in model order.
//
// Polarization is the signed modularity (S. Gómez, P. Jensen, A. Arenas,
// Analysis of community structure in networks of correlated data, Phys.
// Rev. E 80, 016114, 2009) of the best two-camp split found of the
// actors, on the congruence network W⁺ = W and the conflict network
//
//	W⁻_ii' = Σ_j Σ_k x_ijk · x_i'j(1−k)   (i ≠ i'),   W⁻_ii = 0:
//
//	P = max_{two camps} 1/(2m⁺ + 2m⁻) · Σ_{i,i'} [ (W⁺_ii' − k⁺_i k⁺_i'/(2m⁺))
//	                                               − (W⁻_ii' − k⁻_i k⁻_i'/(2m⁻)) ] · δ(c_i, c_i'),
//
// (a term is left out when its network has no edges). P is 0 for one camp
// holding everyone and at most 1; it is large when actors agree within two
// camps and disagree across them beyond what their activity explains.
// The split is searched from the coalitions: each coalition (and each
// actor in none) is put whole into the camp that raises the score more,
// largest first, then single actors move between the camps while that
// raises it. This finds a good split, not always the best, so P is a lower
// bound of the maximum. It uses γ = 1 whatever the resolution.
//
// FindCoalitions returns the coalitions of m with the resolution and seed
// of opts (WithResolution, WithSeed), and the index into Groups of each
// actor's coalition, in model order (−1 for an actor in none).
func FindCoalitions(ctx context.Context, m *graph.Model, opts ...AnalyzeOption) (Coalitions, []int, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return Coalitions{}, nil, err
	}
	an := shell(m)
	if err := coalitions(ctx, m, an, &cfg); err != nil {
		return Coalitions{}, nil, err
	}
	of := make([]int, len(an.Actors))
	for i, a := range an.Actors {
		of[i] = a.Coalition
	}
	return an.Coalitions, of, nil
}

// coalitions fills an's Coalitions and each actor's Coalition, as
// defined above.
func coalitions(ctx context.Context, m *graph.Model, an *Analysis, cfg *analyzeConfig) error {
	an.Coalitions = Coalitions{Groups: [][]string{}, Resolution: cfg.resolution, Seed: cfg.seed}
	x := newStanceMatrix(m)
	comm, err := louvain(ctx, x, cfg.resolution, cfg.seed)
	if err != nil {
		return err
	}
	// Actors without congruence ties are in no coalition.
	k := x.degrees(false)
	for i := range comm {
		if k[i] == 0 {
			comm[i] = -1
		}
	}
	groups := groupsOf(comm)
	for g, members := range groups {
		ids := make([]string, len(members))
		for j, a := range members {
			ids[j] = m.Actors[a].ID
			an.Actors[a].Coalition = g
		}
		an.Coalitions.Groups = append(an.Coalitions.Groups, ids)
	}
	an.Coalitions.Modularity = x.modularity(comm, cfg.resolution)
	if err := ctx.Err(); err != nil {
		return err
	}
	an.Coalitions.Polarization = polarization(x, groups)
	return nil
}

// stanceMatrix is the actor × (claim, stance) matrix X of statement counts
// in compressed rows: row i's entries are col[off[i]:off[i+1]] (column
// 2j for support of claim j, 2j+1 for oppose) with counts val; flip(c) =
// c^1 is the column of the other stance on the same claim.
type stanceMatrix struct {
	rows, cols int
	off        []int32
	col        []int32
	val        []int64
	// self is the diagonal removed from XXᵀ: ‖x_i‖² for congruence.
	self []int64
}

func newStanceMatrix(m *graph.Model) *stanceMatrix {
	x := &stanceMatrix{rows: len(m.Actors), cols: 2 * len(m.Claims), off: make([]int32, len(m.Actors)+1)}
	x.col = make([]int32, len(m.Stances))
	x.val = make([]int64, len(m.Stances))
	x.self = make([]int64, len(m.Actors))
	// Stances are sorted by actor, claim, support before oppose: each row
	// comes out sorted by column.
	for e, st := range m.Stances {
		c := 2 * int32(st.Claim)
		if st.Stance < 0 {
			c++
		}
		x.col[e], x.val[e] = c, int64(st.Weight)
		x.off[st.Actor+1]++
		x.self[st.Actor] += int64(st.Weight) * int64(st.Weight)
	}
	for i := 1; i <= x.rows; i++ {
		x.off[i] += x.off[i-1]
	}
	return x
}

// colSums returns the column sums of X.
func (x *stanceMatrix) colSums() []int64 {
	s := make([]int64, x.cols)
	for e, c := range x.col {
		s[c] += x.val[e]
	}
	return s
}

// degrees returns each row's weighted degree in the congruence network
// (conflict false) or the conflict network (conflict true).
func (x *stanceMatrix) degrees(conflict bool) []int64 {
	sum := x.colSums()
	k := make([]int64, x.rows)
	for i := range x.rows {
		for e := x.off[i]; e < x.off[i+1]; e++ {
			c := x.col[e]
			if conflict {
				c ^= 1
			}
			k[i] += x.val[e] * sum[c]
		}
		if conflict {
			k[i] -= x.selfConflict(i)
		} else {
			k[i] -= x.self[i]
		}
	}
	return k
}

// selfConflict returns Σ_c x_ic·x_i(c^1), the diagonal of the conflict
// product: twice Σ_j (supports · opposes) of row i.
func (x *stanceMatrix) selfConflict(i int) int64 {
	var s int64
	for e := x.off[i]; e+1 < x.off[i+1]; e++ {
		if x.col[e]^1 == x.col[e+1] {
			s += 2 * x.val[e] * x.val[e+1]
		}
	}
	return s
}

// modularity returns Q of the partition comm (−1: in no community, which
// for a node of degree 0 changes nothing) of the congruence network.
func (x *stanceMatrix) modularity(comm []int, gamma float64) float64 {
	k := x.degrees(false)
	var m2 int64
	for _, v := range k {
		m2 += v
	}
	if m2 == 0 {
		return 0
	}
	// Σ_{i,i' ∈ C} W_ii' = Σ_c Z_C[c]² − Σ_{i∈C} ‖x_i‖², with Z_C the
	// column sums of C.
	nc := 0
	for _, c := range comm {
		nc = max(nc, c+1)
	}
	in := make([]int64, nc)
	tot := make([]int64, nc)
	z := make(map[int32]int64)
	for c, members := range groupsOf(comm) {
		clear(z)
		for _, i := range members {
			for e := x.off[i]; e < x.off[i+1]; e++ {
				z[x.col[e]] += x.val[e]
			}
			in[c] -= x.self[i]
			tot[c] += k[i]
		}
		for _, v := range z {
			in[c] += v * v
		}
	}
	q := 0.0
	fm2 := float64(m2)
	for c := range nc {
		q += float64(in[c]) - gamma*float64(tot[c])*float64(tot[c])/fm2
	}
	return q / fm2
}

// groupsOf lists the members of each community of comm (ignoring −1), by
// size, largest first, then by first member; members in increasing order.
func groupsOf(comm []int) [][]int {
	index := map[int]int{}
	var groups [][]int
	for i, c := range comm {
		if c < 0 {
			continue
		}
		g, ok := index[c]
		if !ok {
			g = len(groups)
			index[c] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	slices.SortStableFunc(groups, func(a, b []int) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return a[0] - b[0]
	})
	return groups
}

// louvainLevel is one level of the Louvain method: nodes are rows of a
// matrix X with W = XXᵀ − diag(self), and each column keeps the sums of
// its entries by community.
type louvainLevel struct {
	x    *stanceMatrix
	k    []int64 // weighted degree of each node, self-loop included
	comm []int32 // community of each node
	tot  []int64 // total degree of each community
	// colComm[c] lists (community, Σ x over the column's nodes in it),
	// in a deterministic order.
	colComm [][]commSum
}

type commSum struct {
	comm int32
	sum  int64
}

// louvain returns the community of each row of x: the Louvain method on
// W = XXᵀ − diag(x.self) at resolution gamma, with node orders drawn from
// seed.
func louvain(ctx context.Context, x *stanceMatrix, gamma float64, seed int64) ([]int, error) {
	r := rand.New(rand.NewPCG(uint64(seed), 0x6c6f757661696e)) // "louvain"
	member := make([]int, x.rows)                              // actor → node of the current level
	for i := range member {
		member[i] = i
	}
	for level := 0; ; level++ {
		lv := newLouvainLevel(x)
		if lv.m2() == 0 {
			break
		}
		moved, err := lv.moveNodes(ctx, gamma, r)
		if err != nil {
			return nil, err
		}
		if !moved {
			break
		}
		var renum []int32
		x, renum = lv.aggregate()
		for i, v := range member {
			member[i] = int(renum[v])
		}
	}
	return member, nil
}

func newLouvainLevel(x *stanceMatrix) *louvainLevel {
	lv := &louvainLevel{
		x: x, comm: make([]int32, x.rows), tot: make([]int64, x.rows),
		colComm: make([][]commSum, x.cols),
	}
	lv.k = make([]int64, x.rows)
	sum := x.colSums()
	for i := range x.rows {
		lv.comm[i] = int32(i)
		for e := x.off[i]; e < x.off[i+1]; e++ {
			lv.k[i] += x.val[e] * sum[x.col[e]]
		}
		lv.k[i] -= x.self[i]
		lv.tot[i] = lv.k[i]
		for e := x.off[i]; e < x.off[i+1]; e++ {
			c := x.col[e]
			lv.colComm[c] = append(lv.colComm[c], commSum{int32(i), x.val[e]})
		}
	}
	return lv
}

func (lv *louvainLevel) m2() int64 {
	var s int64
	for _, v := range lv.k {
		s += v
	}
	return s
}

// move moves v from community from to community to in column c: the
// sum of from falls by v (its entry goes when it reaches zero) and that of
// to rises by v. A linear scan finds the entries; it costs no more than
// the scan that chose the move.
func (lv *louvainLevel) move(c int32, from, to int32, v int64) {
	list := lv.colComm[c]
	jf, jt := -1, -1
	for j, cs := range list {
		switch cs.comm {
		case from:
			jf = j
		case to:
			jt = j
		}
	}
	if jt >= 0 {
		list[jt].sum += v
	} else {
		list = append(list, commSum{to, v})
	}
	list[jf].sum -= v
	if list[jf].sum == 0 {
		last := len(list) - 1
		list[jf] = list[last]
		list = list[:last]
	}
	lv.colComm[c] = list
}

// minSweepGain and minSweepShare decide when the local moving phase of a
// level stops before a sweep moves no node: when a sweep raises modularity
// by less than minSweepGain (the eps_impr of Blondel et al.'s own
// implementation of the Louvain method), or by less than minSweepShare of
// what the level's sweeps have gained so far. On a large, evenly active
// network (20,000 actors, 1M statements) the first level otherwise runs
// some sixty sweeps that each move a few dozen actors for 10⁻⁵ of
// modularity, which was most of the analysis's time (26 s); with the
// share rule it stops after a dozen, and the final modularity is 4% lower
// (0.0440 against 0.0459). Small networks, such as the built-in dataset,
// come out the same.
const (
	minSweepGain  = 1e-6
	minSweepShare = 0.01
)

// moveNodes runs the local moving phase: sweeps over the nodes in a
// random order, each node moving to the community of highest gain, until a
// sweep moves none or gains too little (minSweepGain, minSweepShare). It
// reports whether any node moved.
func (lv *louvainLevel) moveNodes(ctx context.Context, gamma float64, r *rand.Rand) (bool, error) {
	x := lv.x
	n := x.rows
	m2 := float64(lv.m2())
	acc := make([]int64, n) // every term is positive: 0 means not touched
	var touched []int32
	order := r.Perm(n)
	movedAny := false
	var levelGain float64
	for sweep := 0; sweep < 1000; sweep++ {
		moved := 0
		var gain float64 // Σ (bestGain − stay) of the moves: m2/2 times the rise in modularity
		for step, i := range order {
			if step%1024 == 0 && ctx.Err() != nil {
				return false, ctx.Err()
			}
			ki := lv.k[i]
			if ki == 0 {
				continue
			}
			own := lv.comm[i]
			// Weights from i to each community sharing a column with it.
			touched = touched[:0]
			var sq int64
			for e := x.off[i]; e < x.off[i+1]; e++ {
				xv := x.val[e]
				sq += xv * xv
				for _, cs := range lv.colComm[x.col[e]] {
					if acc[cs.comm] == 0 {
						touched = append(touched, cs.comm)
					}
					acc[cs.comm] += xv * cs.sum
				}
			}
			acc[own] -= sq // i's own term x_i·x_i
			fk := float64(ki) / m2
			stay := float64(acc[own]) - gamma*fk*float64(lv.tot[own]-ki)
			best, bestGain := own, stay
			for _, c := range touched {
				if c == own {
					continue
				}
				if g := float64(acc[c]) - gamma*fk*float64(lv.tot[c]); g > bestGain+1e-9*math.Abs(bestGain)+1e-12 {
					best, bestGain = c, g
				}
			}
			for _, c := range touched {
				acc[c] = 0
			}
			if best == own {
				continue
			}
			gain += bestGain - stay
			lv.comm[i] = best
			lv.tot[own] -= ki
			lv.tot[best] += ki
			for e := x.off[i]; e < x.off[i+1]; e++ {
				lv.move(x.col[e], own, best, x.val[e])
			}
			moved++
		}
		if moved == 0 {
			break
		}
		movedAny = true
		levelGain += gain
		if 2*gain/m2 < minSweepGain || gain < minSweepShare*levelGain {
			break
		}
	}
	return movedAny, nil
}

// aggregate returns the matrix of the next level, one row per community
// (numbered by first node), and the new node of each current node.
func (lv *louvainLevel) aggregate() (*stanceMatrix, []int32) {
	x := lv.x
	renum := make([]int32, x.rows)
	newID := make([]int32, x.rows)
	for i := range newID {
		newID[i] = -1
	}
	nn := int32(0)
	for i := range x.rows {
		c := lv.comm[i]
		if newID[c] < 0 {
			newID[c] = nn
			nn++
		}
		renum[i] = newID[c]
	}
	y := &stanceMatrix{rows: int(nn), cols: x.cols, off: make([]int32, nn+1), self: make([]int64, nn)}
	for i := range x.rows {
		y.self[renum[i]] += x.self[i]
	}
	for c := range x.cols {
		for _, cs := range lv.colComm[c] {
			y.off[newID[cs.comm]+1]++
		}
	}
	for i := 1; i <= int(nn); i++ {
		y.off[i] += y.off[i-1]
	}
	y.col = make([]int32, y.off[nn])
	y.val = make([]int64, y.off[nn])
	next := slices.Clone(y.off[:nn])
	for c := range x.cols { // columns in order: rows come out sorted
		for _, cs := range lv.colComm[c] {
			r := newID[cs.comm]
			y.col[next[r]], y.val[next[r]] = int32(c), cs.sum
			next[r]++
		}
	}
	return y, renum
}

// polarization returns the signed modularity of the best two-camp split
// found, starting from the coalition groups; see coalitions.
func polarization(x *stanceMatrix, groups [][]int) float64 {
	kp, km := x.degrees(false), x.degrees(true)
	var m2p, m2m int64
	for i := range kp {
		m2p += kp[i]
		m2m += km[i]
	}
	if m2p+m2m == 0 {
		return 0
	}
	// Units: each coalition, then each active actor in none.
	inGroup := make([]bool, x.rows)
	units := slices.Clone(groups)
	for _, g := range groups {
		for _, i := range g {
			inGroup[i] = true
		}
	}
	for i := range x.rows {
		if !inGroup[i] && x.off[i+1] > x.off[i] {
			units = append(units, []int{i})
		}
	}
	// The null-model factors 1/(2m±); a part with no edges is left out.
	wp, wm := 0.0, 0.0
	if m2p > 0 {
		wp = 1 / float64(m2p)
	}
	if m2m > 0 {
		wm = 1 / float64(m2m)
	}
	camp := make([]int8, x.rows)
	for i := range camp {
		camp[i] = -1
	}
	// z[g] are the column sums of camp g; K⁺, K⁻ its degree totals.
	z := [2][]int64{make([]int64, x.cols), make([]int64, x.cols)}
	var totP, totM [2]int64
	// Each unit goes to the camp where it adds more to Σ B δ (up to a
	// factor 2): W(u, camp) − k_u·K_camp/(2m), positive part minus
	// negative part. zu are the unit's column sums.
	zu := make([]int64, x.cols)
	for _, u := range units { // groups are largest first already
		var up, um int64
		var cols []int32
		for _, i := range u {
			up += kp[i]
			um += km[i]
			for e := x.off[i]; e < x.off[i+1]; e++ {
				if zu[x.col[e]] == 0 {
					cols = append(cols, x.col[e])
				}
				zu[x.col[e]] += x.val[e]
			}
		}
		var gain [2]float64
		for g := range 2 {
			var wP, wM int64
			for _, c := range cols {
				wP += zu[c] * z[g][c]
				wM += zu[c] * z[g][c^1]
			}
			gain[g] = (float64(wP) - float64(up)*float64(totP[g])*wp) - (float64(wM) - float64(um)*float64(totM[g])*wm)
		}
		g := 0
		if gain[1] > gain[0] {
			g = 1
		}
		for _, i := range u {
			camp[i] = int8(g)
		}
		for _, c := range cols {
			z[g][c] += zu[c]
			zu[c] = 0
		}
		totP[g] += up
		totM[g] += um
	}
	// Single actors move while that raises the score.
	for sweep := 0; sweep < 100; sweep++ {
		moved := false
		for i := range x.rows {
			a := camp[i]
			if a < 0 {
				continue
			}
			b := 1 - a
			var toA, toB, toAm, toBm, sq, sqm int64
			for e := x.off[i]; e < x.off[i+1]; e++ {
				c, v := x.col[e], x.val[e]
				toA += v * z[a][c]
				toB += v * z[b][c]
				toAm += v * z[a][c^1]
				toBm += v * z[b][c^1]
				sq += v * v
			}
			sqm = x.selfConflict(i)
			toA -= sq
			toAm -= sqm
			dp := float64(toB-toA) - float64(kp[i])*float64(totP[b]-totP[a]+kp[i])*wp
			dm := float64(toBm-toAm) - float64(km[i])*float64(totM[b]-totM[a]+km[i])*wm
			if d := dp - dm; d > 1e-9 {
				camp[i] = b
				for e := x.off[i]; e < x.off[i+1]; e++ {
					z[a][x.col[e]] -= x.val[e]
					z[b][x.col[e]] += x.val[e]
				}
				totP[a] -= kp[i]
				totP[b] += kp[i]
				totM[a] -= km[i]
				totM[b] += km[i]
				moved = true
			}
		}
		if !moved {
			break
		}
	}
	// The score of the split, from the camps' column sums.
	var selfP, selfM [2]int64
	for i := range x.rows {
		if camp[i] >= 0 {
			selfP[camp[i]] += x.self[i]
			selfM[camp[i]] += x.selfConflict(i)
		}
	}
	q := 0.0
	for g := range 2 {
		var inP, inM int64
		for c := range x.cols {
			inP += z[g][c] * z[g][c]
			inM += z[g][c] * z[g][c^1]
		}
		inP -= selfP[g]
		inM -= selfM[g]
		qp, qm := 0.0, 0.0
		if m2p > 0 {
			qp = float64(inP) - float64(totP[g])*float64(totP[g])/float64(m2p)
		}
		if m2m > 0 {
			qm = float64(inM) - float64(totM[g])*float64(totM[g])/float64(m2m)
		}
		q += qp - qm
	}
	return q / float64(m2p+m2m)
}

package series

import (
	"math"
	"math/bits"
	"slices"
	"sort"

	"github.com/claimnet/claimnet/graph/dnanet"
)

// scratch is one worker's space, reused from window to window.
type scratch struct {
	// per cell: the summed weights by stance and the summed kernel
	// weights (for the corrected average), and the window it was last
	// reset for
	s, o, x []float64
	cstamp  []int32
	touched []int32
	cbits   []uint64 // the touched cells as a bit set, to list them in order
	// per item: its entries' count and offset in the item lists
	icount, ioff []int32
	istamp       []int32
	itemEnt      []entry
	rowPos       []int32
	// per row: the pair accumulators, activity and node index
	acc    []pairAcc
	act    []float64
	actX   []float64
	nodeOf []int32
	rstamp []int32
	rows   []int32
	pairs  []int32
	pbits  []uint64 // the rows in pairs as a bit set
	edges  []dnanet.NetworkEdge
	mark   int64 // the row being accumulated, numbered across windows
}

type entry struct {
	row  int32
	s, o float64
}

type pairAcc struct {
	con, conf, ovl float64
	mark           int64
}

func (p *plan) newScratch() *scratch {
	return &scratch{
		s: make([]float64, p.cells), o: make([]float64, p.cells), x: make([]float64, p.cells), cstamp: make([]int32, p.cells),
		cbits: make([]uint64, p.cells/64+1), pbits: make([]uint64, p.nr/64+1),
		icount: make([]int32, p.ni), ioff: make([]int32, p.ni), istamp: make([]int32, p.ni),
		acc: make([]pairAcc, p.nr), act: make([]float64, p.nr), actX: make([]float64, p.nr), nodeOf: make([]int32, p.nr), rstamp: make([]int32, p.nr),
	}
}

// window computes window i, its edges in buf.
func (p *plan) window(i int, sc *scratch, buf []dnanet.NetworkEdge) *Window {
	sc.edges = buf[:0]
	wd := p.wins[i]
	w := &Window{Start: wd.start.date(), Mid: wd.mid.date(), End: wd.end.date()}
	stamp := int32(i + 1)
	kernel := p.s.Kernel != KernelNone
	oneMode := p.s.Type == dnanet.NetworkOneMode
	// The statements dated within the window, weighted.
	lo := sort.Search(len(p.stmts), func(j int) bool { return p.stmts[j].d >= wd.start })
	hi := sort.Search(len(p.stmts), func(j int) bool { return p.stmts[j].d > wd.end })
	sc.touched = sc.touched[:0]
	for _, st := range p.stmts[lo:hi] {
		z := zeta(st.d, wd.mid, p.width, p.s.Size.Unit, p.s.Kernel, p.s.Corrected)
		if z == 0 {
			continue
		}
		w.Statements++
		c := st.cell
		if sc.cstamp[c] != stamp {
			sc.cstamp[c] = stamp
			sc.s[c], sc.o[c], sc.x[c] = 0, 0, 0
			sc.touched = append(sc.touched, c)
			sc.cbits[c>>6] |= 1 << (c & 63)
		}
		v := z // two-mode and classic windows: the weight itself (1)
		if kernel && oneMode {
			v = math.Sqrt(z) // a pair weighs √(ζ·ζ')
		}
		if st.opp {
			sc.o[c] += v
		} else {
			sc.s[c] += v
		}
		sc.x[c] += z
	}
	// Cell order is row, then item order.
	sc.touched = listBits(sc.cbits, sc.touched, 0, int32(p.cells))
	// Row activity and nodes.
	sc.rows = sc.rows[:0]
	for _, c := range sc.touched {
		r := p.cellRow[c]
		if sc.rstamp[r] != stamp {
			sc.rstamp[r] = stamp
			sc.act[r], sc.actX[r] = 0, 0
			sc.rows = append(sc.rows, r)
		}
		sc.act[r] += sc.s[c] + sc.o[c]
		sc.actX[r] += sc.x[c]
	}
	if oneMode {
		p.oneMode(w, sc, stamp)
	} else {
		p.twoMode(w, sc, stamp)
	}
	return w
}

// rowNodes appends the window's row nodes (active rows, or with isolates
// every row not excluded) and records their indices in sc.nodeOf.
func (p *plan) rowNodes(w *Window, sc *scratch) {
	claimRows := p.s.Mode == dnanet.NodeClaim
	add := func(r int) {
		sc.nodeOf[r] = int32(len(w.Nodes))
		w.Nodes = append(w.Nodes, p.node(claimRows, r))
	}
	if p.isolates {
		for r := range p.nr {
			if !p.excluded[r] {
				add(r)
			}
		}
	} else {
		for _, r := range sc.rows { // in row order: cells are
			add(int(r))
		}
	}
	w.Rows = len(w.Nodes)
}

func (p *plan) node(claim bool, i int) dnanet.NetworkNode {
	if claim {
		c := p.m.Claims[i]
		return dnanet.NetworkNode{Kind: dnanet.NodeClaim, Index: i, ID: c.ID, Name: c.Text}
	}
	a := p.m.Actors[i]
	return dnanet.NetworkNode{Kind: dnanet.NodeActor, Index: i, ID: a.ID, Name: a.Name}
}

// oneMode computes the window's one-mode network from the weighted cells
// (see docs/networks.md), row by row over the items they share.
func (p *plan) oneMode(w *Window, sc *scratch, stamp int32) {
	p.rowNodes(w, sc)
	// Item-major lists of the touched cells, rows in order.
	for _, c := range sc.touched {
		it := p.cellItem[c]
		if sc.istamp[it] != stamp {
			sc.istamp[it] = stamp
			sc.icount[it] = 0
		}
		sc.icount[it]++
	}
	off := int32(0)
	for _, c := range sc.touched {
		it := p.cellItem[c]
		if sc.istamp[it] == stamp && sc.icount[it] >= 0 {
			sc.ioff[it] = off
			off += sc.icount[it]
			sc.icount[it] = -1 // placed; the fill below counts back up
		}
	}
	if cap(sc.itemEnt) < len(sc.touched) {
		sc.itemEnt = make([]entry, len(sc.touched))
		sc.rowPos = make([]int32, len(sc.touched))
	}
	sc.itemEnt, sc.rowPos = sc.itemEnt[:len(sc.touched)], sc.rowPos[:len(sc.touched)]
	for q, c := range sc.touched {
		it := p.cellItem[c]
		at := sc.ioff[it]
		sc.ioff[it]++
		sc.itemEnt[at] = entry{p.cellRow[c], sc.s[c], sc.o[c]}
		sc.rowPos[q] = at
	}
	// ioff now points at each item list's end.
	agg, norm := p.s.Aggregate, p.s.Normalize
	kernel := p.s.Kernel != KernelNone
	jaccard := norm == dnanet.NormalizeJaccard
	for q := 0; q < len(sc.touched); {
		r := p.cellRow[sc.touched[q]]
		end := q
		for end < len(sc.touched) && p.cellRow[sc.touched[end]] == r {
			end++
		}
		sc.mark++
		mark := sc.mark
		sc.pairs = sc.pairs[:0]
		for k := q; k < end; k++ {
			c := sc.touched[k]
			s, o := sc.s[c], sc.o[c]
			for at := sc.rowPos[k] + 1; at < sc.ioff[p.cellItem[c]]; at++ {
				f := sc.itemEnt[at]
				ac := &sc.acc[f.row]
				if ac.mark != mark {
					*ac = pairAcc{mark: mark}
					sc.pairs = append(sc.pairs, f.row)
					sc.pbits[f.row>>6] |= 1 << (f.row & 63)
				}
				ac.con += s*f.s + o*f.o
				ac.conf += s*f.o + o*f.s
				if jaccard {
					if s > 0 && f.s > 0 {
						ac.ovl += s + f.s
					}
					if o > 0 && f.o > 0 {
						ac.ovl += o + f.o
					}
				}
			}
		}
		if k := len(sc.pairs); k > 0 {
			lo, hi := slices.Min(sc.pairs), slices.Max(sc.pairs)
			sc.pairs = listBits(sc.pbits, sc.pairs, lo, hi+1)
		}
		for _, r2 := range sc.pairs {
			ac := &sc.acc[r2]
			var v float64
			switch agg {
			case dnanet.AggregateIgnore:
				v = ac.con + ac.conf
			case dnanet.AggregateCongruence:
				v = ac.con
			case dnanet.AggregateConflict:
				v = ac.conf
			case dnanet.AggregateSubtract:
				v = ac.con - ac.conf
			}
			if v == 0 {
				continue
			}
			a, b := sc.act[r], sc.act[r2]
			switch {
			case norm == dnanet.NormalizeNo:
			case kernel && norm == dnanet.NormalizeAverage && !p.s.Corrected:
				v *= p.dnaKernelAverage(r, r2)
			case kernel && norm == dnanet.NormalizeAverage:
				v /= (sc.actX[r] + sc.actX[r2]) / 2
			case norm == dnanet.NormalizeAverage:
				v /= (a + b) / 2
			case norm == dnanet.NormalizeCosine:
				v /= a * b
			case norm == dnanet.NormalizeJaccard:
				v /= a + b - ac.ovl + ac.con
			}
			if v != 0 && !math.IsNaN(v) && !math.IsInf(v, 0) {
				sc.edges = append(sc.edges, dnanet.NetworkEdge{Source: sc.nodeOf[r], Target: sc.nodeOf[r2], Weight: v})
			}
		}
		q = end
	}
	w.Edges = sc.edges
}

// listBits replaces list with the set bits of set in [lo, hi), in order,
// clearing them: the few that are set are sorted instead of scanned for.
func listBits(set []uint64, list []int32, lo, hi int32) []int32 {
	if k := len(list); k*bits.Len(uint(k)) < int(hi-lo)/64+1 {
		slices.Sort(list)
		for _, x := range list {
			set[x>>6] &^= 1 << (x & 63)
		}
		return list
	}
	list = list[:0]
	for wi := lo >> 6; wi <= (hi-1)>>6; wi++ {
		for word := set[wi]; word != 0; word &= word - 1 {
			list = append(list, wi<<6+int32(bits.TrailingZeros64(word)))
		}
		set[wi] = 0
	}
	return list
}

// dnaKernelAverage is the factor DNA 3.1 multiplies a kernel-smoothed
// pair weight by under average normalisation: Σ 2/(n_ijk + n_i'jk) over
// the (item, stance) cells where either row has statements, with n the
// counts over the whole range, not the window.
func (p *plan) dnaKernelAverage(r, r2 int32) float64 {
	a, ae := p.rowCell[r], p.rowCell[r+1]
	b, be := p.rowCell[r2], p.rowCell[r2+1]
	sum := 0.0
	add := func(x, y float64) {
		if x+y > 0 {
			sum += 2 / (x + y)
		}
	}
	for a < ae || b < be {
		switch {
		case b == be || (a < ae && p.cellItem[a] < p.cellItem[b]):
			add(p.allS[a], 0)
			add(p.allO[a], 0)
			a++
		case a == ae || p.cellItem[b] < p.cellItem[a]:
			add(p.allS[b], 0)
			add(p.allO[b], 0)
			b++
		default:
			add(p.allS[a], p.allS[b])
			add(p.allO[a], p.allO[b])
			a, b = a+1, b+1
		}
	}
	return sum
}

// twoMode computes the window's two-mode network.
func (p *plan) twoMode(w *Window, sc *scratch, stamp int32) {
	p.rowNodes(w, sc)
	// Item nodes in item order; activity (prominence) per item.
	items := make(map[int32]float64)
	itemsN := make(map[int32]float64)
	for _, c := range sc.touched {
		items[p.cellItem[c]] += sc.s[c] + sc.o[c]
		itemsN[p.cellItem[c]]++
	}
	var order []int32
	if p.isolates {
		for it := range p.ni {
			if !p.exItems[it] {
				order = append(order, int32(it))
			}
		}
	} else {
		for it := range items {
			order = append(order, it)
		}
		slices.Sort(order)
	}
	itemNode := make(map[int32]int32, len(order))
	for _, it := range order {
		itemNode[it] = int32(len(w.Nodes))
		w.Nodes = append(w.Nodes, p.node(true, int(it)))
	}
	rowN := make(map[int32]float64)
	for _, c := range sc.touched {
		rowN[p.cellRow[c]]++
	}
	for _, c := range sc.touched {
		r, it := p.cellRow[c], p.cellItem[c]
		s, o := sc.s[c], sc.o[c]
		var v float64
		switch p.s.Aggregate {
		case dnanet.AggregateIgnore:
			v = s + o
		case dnanet.AggregateSubtract:
			v = s - o
		case dnanet.AggregateCombine:
			if s > 0 {
				v++
			}
			if o > 0 {
				v += 2
			}
		}
		combine := p.s.Aggregate == dnanet.AggregateCombine
		switch p.s.Normalize {
		case dnanet.NormalizeActivity:
			if combine {
				v /= rowN[r]
			} else {
				v /= sc.act[r]
			}
		case dnanet.NormalizeProminence:
			if combine {
				v /= itemsN[it]
			} else {
				v /= items[it]
			}
		}
		if v != 0 {
			sc.edges = append(sc.edges, dnanet.NetworkEdge{Source: sc.nodeOf[r], Target: itemNode[it], Weight: v})
		}
	}
	w.Edges = sc.edges
}

package series

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/dnanet"
)

// ErrOption is returned, wrapped, for an option value a series does not
// take.
var ErrOption = errors.New("invalid time-window option")

// Options configures a series of networks.
type Options struct {
	// Type is dnanet.NetworkOneMode (the default) or dnanet.NetworkTwoMode.
	Type string
	// Network gives the node set, aggregation, normalisation, duplicates
	// rule, isolates and exclusions, as for a single network.
	Network dnanet.NetworkOptions
	// Size is the window's size, required. Under a kernel an odd size is
	// made even by adding one unit, as DNA does.
	Size Span
	// Step is how far the mid-point moves from one window to the next;
	// the default is one unit of Size (DNA's only step).
	Step Span
	// Kernel is one of Kernels; the default is KernelNone.
	Kernel string
	// NoIndent starts a kernel series with its first mid-point on the
	// first date and ends it on the last, instead of half a window inside
	// them (DNA's indentTime, which dna_network leaves on).
	NoIndent bool
	// Corrected replaces DNA's quirks with the corrected behaviour: the
	// symmetric Epanechnikov and triangular kernels, week and month
	// duplicates that tell the years apart, and the average normalisation
	// under a kernel by the kernel-weighted activities.
	Corrected bool
}

// Window is one network of a series.
type Window struct {
	// Start, Mid and End are the window's first day, mid-point and last
	// day (a Gaussian kernel's window is the whole range).
	Start, Mid, End annotations.Date
	// Statements is the number of statements of nonzero weight in it.
	Statements int
	// Nodes, Rows and Edges are as in dnanet.Network: nodes in model
	// order, each one-mode pair once with Source < Target, nonzero
	// weights only.
	Nodes []dnanet.NetworkNode
	Rows  int
	Edges []dnanet.NetworkEdge
}

// Series is a sequence of networks over moving windows.
type Series struct {
	// Type, Mode, Aggregate, Normalize and Duplicates are the network
	// options in effect, defaults filled in and, under a kernel, after
	// DNA's fallbacks (see Notes).
	Type, Mode, Aggregate, Normalize, Duplicates string
	// Kernel, Size and Step are the window options in effect (Size after
	// an odd size was made even); Indent and Corrected as given.
	Kernel     string
	Size, Step Span
	Indent     bool
	Corrected  bool
	// Notes say which options were replaced, and why.
	Notes []string
	// Windows are in order of their mid-points.
	Windows []Window
}

// stmt is a counted statement of the series.
type stmt struct {
	d         day
	row, item int32
	cell      int32
	opp       bool
}

// plan is a series ready to compute: its header, its windows' dates and
// the counted statements by date.
type plan struct {
	s        *Series
	m        *graph.Model
	nr, ni   int
	stmts    []stmt
	cells    int
	cellRow  []int32
	cellItem []int32
	rowCell  []int32 // cells of row r: rowCell[r]..rowCell[r+1]
	allS     []float64
	allO     []float64 // all-time counts per cell, for DNA's kernel average
	excluded []bool    // rows excluded
	exItems  []bool    // items excluded
	wins     []winDates
	width    int // the kernel's window size in units
	isolates bool
}

type winDates struct{ start, mid, end day }

// Compute returns the series of networks of m under opts.
func Compute(ctx context.Context, m *graph.Model, opts Options) (*Series, error) {
	p, err := newPlan(ctx, m, opts)
	if err != nil {
		return nil, err
	}
	s := p.s
	s.Windows = make([]Window, 0, len(p.wins))
	err = p.each(ctx, func(w *Window) error {
		c := *w
		c.Edges = slices.Clone(w.Edges)
		s.Windows = append(s.Windows, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Each computes the series of m under opts and hands its header (with no
// windows) to head, then each window, in order, to fn. The windows are
// computed on GOMAXPROCS workers; at most a few are in memory at a time,
// and a window's Edges are reused once fn returns: fn must copy what it
// keeps of them.
func Each(ctx context.Context, m *graph.Model, opts Options, head func(*Series) error, fn func(*Window) error) error {
	p, err := newPlan(ctx, m, opts)
	if err != nil {
		return err
	}
	if head != nil {
		if err := head(p.s); err != nil {
			return err
		}
	}
	return p.each(ctx, fn)
}

func (o Options) resolve() (Options, []string, error) {
	var notes []string
	n := &o.Network
	if o.Type == "" {
		o.Type = dnanet.NetworkOneMode
	}
	aggs, norms := dnanet.OneModeAggregates, dnanet.OneModeNormalizations
	switch o.Type {
	case dnanet.NetworkOneMode:
		if n.Mode == "" {
			n.Mode = dnanet.NodeActor
		}
		if n.Mode != dnanet.NodeActor && n.Mode != dnanet.NodeClaim {
			return o, nil, fmt.Errorf("%w: one-mode networks are of actors or claims, not %q", ErrOption, n.Mode)
		}
		if n.Aggregate == "" {
			n.Aggregate = dnanet.AggregateCongruence
		}
	case dnanet.NetworkTwoMode:
		n.Mode = ""
		aggs, norms = dnanet.TwoModeAggregates, dnanet.TwoModeNormalizations
		if n.Aggregate == "" {
			n.Aggregate = dnanet.AggregateIgnore
		}
	default:
		return o, nil, fmt.Errorf("%w: the network type is onemode or twomode, not %q", ErrOption, o.Type)
	}
	if n.Normalize == "" {
		n.Normalize = dnanet.NormalizeNo
	}
	if n.Duplicates == "" {
		n.Duplicates = dnanet.DuplicatesInclude
	}
	if o.Kernel == "" {
		o.Kernel = KernelNone
	}
	switch {
	case !slices.Contains(aggs, n.Aggregate):
		return o, nil, fmt.Errorf("%w: %s networks aggregate by %v, not %q", ErrOption, o.Type, aggs, n.Aggregate)
	case !slices.Contains(norms, n.Normalize):
		return o, nil, fmt.Errorf("%w: %s networks normalize by %v, not %q", ErrOption, o.Type, norms, n.Normalize)
	case !slices.Contains(dnanet.DuplicateRules, n.Duplicates):
		return o, nil, fmt.Errorf("%w: duplicates are %v, not %q", ErrOption, dnanet.DuplicateRules, n.Duplicates)
	case !slices.Contains(Kernels, o.Kernel):
		return o, nil, fmt.Errorf("%w: the kernel is %v, not %q", ErrOption, Kernels, o.Kernel)
	case o.Size.N < 1:
		return o, nil, fmt.Errorf("%w: a time window needs a size such as 30d", ErrOption)
	}
	if o.Step.N == 0 {
		o.Step = Span{N: 1, Unit: o.Size.Unit}
	}
	if o.Kernel != KernelNone {
		if o.Size.N%2 != 0 {
			notes = append(notes, fmt.Sprintf("a kernel needs an even window size: %s made %d%c", o.Size, o.Size.N+1, o.Size.Unit))
			o.Size.N++
		}
		switch {
		case o.Type == dnanet.NetworkOneMode && (n.Normalize == dnanet.NormalizeJaccard || n.Normalize == dnanet.NormalizeCosine):
			notes = append(notes, fmt.Sprintf("%s normalisation is not defined under a kernel: average is used, as in DNA", n.Normalize))
			n.Normalize = dnanet.NormalizeAverage
		case o.Type == dnanet.NetworkTwoMode && n.Normalize != dnanet.NormalizeNo:
			notes = append(notes, fmt.Sprintf("%s normalisation is not defined under a kernel: none is used, as in DNA", n.Normalize))
			n.Normalize = dnanet.NormalizeNo
		}
		if n.Aggregate == dnanet.AggregateCombine {
			notes = append(notes, "combine is not defined under a kernel: subtract is used, as in DNA")
			n.Aggregate = dnanet.AggregateSubtract
		}
	}
	return o, notes, nil
}

func newPlan(ctx context.Context, m *graph.Model, opts Options) (*plan, error) {
	o, notes, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	n := o.Network
	s := &Series{Type: o.Type, Mode: n.Mode, Aggregate: n.Aggregate, Normalize: n.Normalize, Duplicates: n.Duplicates,
		Kernel: o.Kernel, Size: o.Size, Step: o.Step, Indent: o.Kernel != KernelNone && !o.NoIndent, Corrected: o.Corrected, Notes: notes}
	p := &plan{s: s, m: m, nr: len(m.Actors), ni: len(m.Claims), width: o.Size.N, isolates: n.Isolates}
	claimMode := n.Mode == dnanet.NodeClaim
	if claimMode {
		p.nr, p.ni = p.ni, p.nr
	}
	exA, exC, err := exclusions(m, n)
	if err != nil {
		return nil, err
	}
	p.excluded, p.exItems = exA, exC
	if claimMode {
		p.excluded, p.exItems = exC, exA
	}
	// The dated statements of actors and claims not excluded.
	type cand struct {
		stmt
		idx int32
		src int32
	}
	cs := make([]cand, 0, len(m.Statements))
	var sourceIndex map[string]int32
	if n.Duplicates == dnanet.DuplicatesDocument {
		sourceIndex = make(map[string]int32, len(m.Data.Sources))
		for i, src := range m.Data.Sources {
			sourceIndex[src.ID] = int32(i)
		}
	}
	for e, st := range m.Stances {
		if e%4096 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("time windows: %w", ctx.Err())
		}
		if exA[st.Actor] || exC[st.Claim] {
			continue
		}
		row, item := int32(st.Actor), int32(st.Claim)
		if claimMode {
			row, item = item, row
		}
		for _, idx := range m.EdgeStatementIndices(e) {
			sm := m.Statements[idx]
			if sm.Date == 0 {
				continue
			}
			c := cand{stmt: stmt{d: dayOf(sm.Date), row: row, item: item, opp: sm.Stance == annotations.Oppose}, idx: idx, src: -1}
			if sourceIndex != nil {
				if i, ok := sourceIndex[sm.Source]; ok {
					c.src = i
				}
			}
			cs = append(cs, c)
		}
	}
	// Duplicates: of the statements with the same row, item, stance
	// (unless ignored) and period, the earliest (date, then dataset
	// order) counts.
	if n.Duplicates != dnanet.DuplicatesInclude {
		withStance := n.Aggregate != dnanet.AggregateIgnore
		key := func(c cand) [4]int64 {
			k := [4]int64{int64(c.row), int64(c.item), 0, period(c.d, c.src, n.Duplicates, o.Corrected)}
			if withStance && c.opp {
				k[2] = 1
			}
			return k
		}
		slices.SortFunc(cs, func(a, b cand) int {
			ka, kb := key(a), key(b)
			if c := slices.Compare(ka[:], kb[:]); c != 0 {
				return c
			}
			if a.d != b.d {
				return int(a.d - b.d)
			}
			return int(a.idx - b.idx)
		})
		kept := cs[:0]
		for i, c := range cs {
			if i == 0 || key(cs[i-1]) != key(c) {
				kept = append(kept, c)
			}
		}
		cs = kept
	}
	// By date, then dataset order.
	slices.SortFunc(cs, func(a, b cand) int {
		if a.d != b.d {
			return int(a.d - b.d)
		}
		return int(a.idx - b.idx)
	})
	// Cells: the distinct (row, item) pairs, numbered in row, item order.
	keys := make([]int64, len(cs))
	for i, c := range cs {
		keys[i] = int64(c.row)*int64(p.ni) + int64(c.item)
	}
	uniq := slices.Clone(keys)
	slices.Sort(uniq)
	uniq = slices.Compact(uniq)
	p.cells = len(uniq)
	p.cellRow = make([]int32, p.cells)
	p.cellItem = make([]int32, p.cells)
	p.rowCell = make([]int32, p.nr+1)
	for i, k := range uniq {
		p.cellRow[i], p.cellItem[i] = int32(k/int64(p.ni)), int32(k%int64(p.ni))
		p.rowCell[p.cellRow[i]+1]++
	}
	for r := 1; r <= p.nr; r++ {
		p.rowCell[r] += p.rowCell[r-1]
	}
	p.stmts = make([]stmt, len(cs))
	p.allS, p.allO = make([]float64, p.cells), make([]float64, p.cells)
	for i, c := range cs {
		c.cell = int32(sort.Search(len(uniq), func(j int) bool { return uniq[j] >= keys[i] }))
		p.stmts[i] = c.stmt
		if c.opp {
			p.allO[c.cell]++
		} else {
			p.allS[c.cell]++
		}
	}
	p.place(o)
	return p, nil
}

// period returns the number of the duplicates period of a statement
// dated d from source src. DNA compares the week-of-year number (ISO
// weeks) and the month number without the year; corrected, the ISO year
// and week, and the year and month.
func period(d day, src int32, rule string, corrected bool) int64 {
	t := d.date()
	switch rule {
	case dnanet.DuplicatesDocument:
		return int64(src)
	case dnanet.DuplicatesWeek:
		y, w := t.Time().ISOWeek()
		if corrected {
			return int64(y)*100 + int64(w)
		}
		return int64(w)
	case dnanet.DuplicatesMonth:
		if corrected {
			return int64(t) / 100
		}
		return int64(t.Month())
	case dnanet.DuplicatesYear:
		return int64(t.Year())
	}
	return 0
}

// exclusions resolves the excluded actors and claims by id or name; each
// must name one, so that a typo is not silently ignored.
func exclusions(m *graph.Model, n dnanet.NetworkOptions) (actors, claims []bool, err error) {
	actors, claims = make([]bool, len(m.Actors)), make([]bool, len(m.Claims))
	for _, x := range n.ExcludeActors {
		found := false
		for i, a := range m.Actors {
			if a.ID == x || a.Name == x {
				actors[i], found = true, true
			}
		}
		if !found {
			return nil, nil, fmt.Errorf("%w: no actor has the id or name %q", ErrOption, x)
		}
	}
	for _, x := range n.ExcludeClaims {
		found := false
		for i, c := range m.Claims {
			if c.ID == x || c.Text == x {
				claims[i], found = true, true
			}
		}
		if !found {
			return nil, nil, fmt.Errorf("%w: no claim has the id or text %q", ErrOption, x)
		}
	}
	return actors, claims, nil
}

// place computes the windows' dates (see docs/networks.md).
func (p *plan) place(o Options) {
	if len(p.stmts) == 0 {
		return
	}
	first, last := p.stmts[0].d, p.stmts[len(p.stmts)-1].d
	lo, hi := first, last
	if w := p.m.Window; w.From != 0 && o.Kernel == KernelNone {
		lo = dayOf(w.From)
	}
	if w := p.m.Window; w.To != 0 && o.Kernel == KernelNone {
		hi = dayOf(w.To)
	}
	u, st := o.Size.Unit, o.Step
	if o.Kernel == KernelNone {
		p.wins = classic(lo, hi, o.Size, st)
		return
	}
	half := o.Size.N / 2
	g, e2 := lo, hi
	if !o.NoIndent {
		g, e2 = plus(lo, half, u), plus(hi, -half, u)
	}
	for ; g <= e2; g = plus(g, st.N, st.Unit) {
		if o.Kernel == KernelGaussian {
			p.wins = append(p.wins, winDates{lo, g, hi})
			continue
		}
		p.wins = append(p.wins, winDates{max(lo, plus(g, -half, u)), g, min(hi, plus(g, half, u))})
	}
}

// classic returns DNA's classic windows over [lo, hi]: mid-points from lo
// on by step, each window round((size−1)/2) units either side, kept when
// wholly inside the range.
func classic(lo, hi day, size, step Span) []winDates {
	var wins []winDates
	half := int(math.Floor(float64(size.N-1)/2 + 0.5))
	for t := lo; t <= hi; t = plus(t, step.N, step.Unit) {
		ws, we := plus(t, -half, size.Unit), plus(t, half, size.Unit)
		if ws >= lo && we <= hi {
			wins = append(wins, winDates{ws, t, we})
		}
	}
	return wins
}

// each computes the windows on workers and emits them in order.
func (p *plan) each(ctx context.Context, fn func(*Window) error) error {
	nw := len(p.wins)
	if nw == 0 {
		return nil
	}
	parent := ctx
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	workers := max(1, min(runtime.GOMAXPROCS(0), nw))
	// A buffer is the right to compute a window: workers take one and
	// fill it with the window's edges; the emitter gives it back.
	free := make(chan []dnanet.NetworkEdge, 2*workers)
	for range cap(free) {
		free <- nil
	}
	done := make([]chan *Window, nw)
	for i := range done {
		done[i] = make(chan *Window, 1)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := p.newScratch()
			for {
				var buf []dnanet.NetworkEdge
				select {
				case buf = <-free:
				case <-ctx.Done():
					return
				}
				i := int(next.Add(1) - 1)
				if i >= nw || ctx.Err() != nil {
					return
				}
				done[i] <- p.window(i, sc, buf)
			}
		}()
	}
	var err error
emit:
	for i := range nw {
		var w *Window
		select {
		case w = <-done[i]:
		case <-ctx.Done():
			break emit
		}
		if err = fn(w); err != nil {
			break
		}
		done[i] = nil
		free <- w.Edges[:0]
	}
	cancel()
	wg.Wait()
	if err != nil {
		return err
	}
	if err := parent.Err(); err != nil {
		return fmt.Errorf("time windows: %w", err)
	}
	return nil
}

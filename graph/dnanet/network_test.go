package dnanet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/internal/graphtest"
)

// netStmt is a statement for netDataset: actor, claim, stance, source,
// date.
type netStmt [5]string

// netDataset builds a dataset whose sources are named by the statements;
// actors and claims are declared in order of first mention, plus the
// extra actor "idle" and claim "unstated" with no statements.
func netDataset(t testing.TB, stmts ...netStmt) *annotations.Dataset {
	t.Helper()
	var actors []*annotations.Actor
	var claims []*annotations.Claim
	var sources []*annotations.Source
	seen := map[string]bool{}
	var out []*annotations.Statement
	for _, s := range stmts {
		if !seen[s[0]] {
			seen[s[0]] = true
			actors = append(actors, &annotations.Actor{ID: s[0], Name: "Actor " + strings.ToUpper(s[0]), Type: "person"})
		}
		if !seen[s[1]] {
			seen[s[1]] = true
			claims = append(claims, &annotations.Claim{ID: s[1], Text: "Claim " + strings.ToUpper(s[1])})
		}
		if !seen[s[3]] {
			seen[s[3]] = true
			sources = append(sources, &annotations.Source{ID: s[3], Title: s[3]})
		}
		st, ok := annotations.ParseStance(s[2])
		if !ok {
			t.Fatalf("bad stance %q", s[2])
		}
		var d annotations.Date
		if s[4] != "" {
			d = graphtest.Date(t, s[4])
		}
		out = append(out, &annotations.Statement{Actor: s[0], Claim: s[1], Stance: st, Quote: "q", Source: s[3], Date: d})
	}
	actors = append(actors, &annotations.Actor{ID: "idle", Name: "Idle", Type: "person"})
	claims = append(claims, &annotations.Claim{ID: "unstated", Text: "Unstated"})
	d, err := annotations.New(actors, claims, sources, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// handModel is the small network whose weights the tests compute by
// hand. Counts (support, oppose): a on x (2,1), a on y (1,0), b on x
// (1,0), b on y (0,2), c on y (1,0). Activities: a 4, b 3, c 1.
func handModel(t testing.TB) *graph.Model {
	s := func(a, c, st string) netStmt { return netStmt{a, c, st, "src", "2025-01-01"} }
	return graphtest.Compile(t, netDataset(t,
		s("a", "x", "support"), s("a", "x", "support"), s("a", "x", "oppose"), s("a", "y", "support"),
		s("b", "x", "support"), s("b", "y", "oppose"), s("b", "y", "oppose"),
		s("c", "y", "support"),
	))
}

// edgeMap renders a network's edges as "source-target" → weight.
func edgeMap(n *Network) map[string]float64 {
	out := map[string]float64{}
	for _, e := range n.Edges {
		out[n.Nodes[e.Source].ID+"-"+n.Nodes[e.Target].ID] = e.Weight
	}
	return out
}

func sameWeights(t *testing.T, got, want map[string]float64) {
	t.Helper()
	for k, w := range want {
		if g, ok := got[k]; !ok || math.Abs(g-w) > 1e-12 {
			t.Errorf("edge %s: weight %v (present %v), want %v", k, g, ok, w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected edge %s weight %v", k, g)
		}
	}
}

func TestOneModeHand(t *testing.T) {
	m := handModel(t)
	// Per pair (a-b, a-c, b-c): congruence 2, 1, 0; conflict 3, 0, 2.
	raw := map[string][3]float64{
		AggregateIgnore:     {5, 1, 2},
		AggregateCongruence: {2, 1, 0},
		AggregateConflict:   {3, 0, 2},
		AggregateSubtract:   {-1, 1, -2},
	}
	norm := map[string][3]float64{
		NormalizeNo:      {1, 1, 1},
		NormalizeAverage: {3.5, 2.5, 2}, // (4+3)/2, (4+1)/2, (3+1)/2
		NormalizeCosine:  {12, 4, 3},    // 4·3, 4·1, 3·1
		// a-b: m10 = 2 (a x oppose, a y support), m01 = 2 (b y oppose), m11 = 2·1.
		// a-c: m10 = 3, m01 = 0, m11 = 1. b-c: m10 = 3, m01 = 1, m11 = 0.
		NormalizeJaccard: {6, 4, 4},
	}
	pairs := [3]string{"a-b", "a-c", "b-c"}
	for _, agg := range OneModeAggregates {
		for _, nz := range OneModeNormalizations {
			t.Run(agg+"/"+nz, func(t *testing.T) {
				n, err := OneMode(context.Background(), m, NetworkOptions{Aggregate: agg, Normalize: nz})
				if err != nil {
					t.Fatal(err)
				}
				want := map[string]float64{}
				for i, p := range pairs {
					if w := raw[agg][i] / norm[nz][i]; w != 0 {
						want[p] = w
					}
				}
				sameWeights(t, edgeMap(n), want)
				if len(n.Nodes) != 3 || n.Rows != 3 {
					t.Errorf("nodes %v, rows %d: want a, b, c", n.Nodes, n.Rows)
				}
			})
		}
	}
}

func TestOneModeClaims(t *testing.T) {
	m := handModel(t)
	// x: a (2,1), b (1,0); y: a (1,0), b (0,2), c (1,0). Activities 4, 4.
	// congruence 2 (a), conflict 1 (a) + 2 (b) = 3; jaccard m10 2, m01 3, m11 2.
	for _, tc := range []struct {
		agg, nz string
		want    float64
	}{
		{AggregateCongruence, NormalizeNo, 2},
		{AggregateConflict, NormalizeAverage, 3.0 / 4},
		{AggregateIgnore, NormalizeCosine, 5.0 / 16},
		{AggregateSubtract, NormalizeJaccard, -1.0 / 7},
	} {
		n, err := OneMode(context.Background(), m, NetworkOptions{Mode: NodeClaim, Aggregate: tc.agg, Normalize: tc.nz})
		if err != nil {
			t.Fatal(err)
		}
		sameWeights(t, edgeMap(n), map[string]float64{"x-y": tc.want})
		if n.Mode != NodeClaim || n.Nodes[0].Kind != NodeClaim {
			t.Errorf("mode %q, node kind %q: want claim", n.Mode, n.Nodes[0].Kind)
		}
	}
}

func TestTwoModeHand(t *testing.T) {
	m := handModel(t)
	keys := [5]string{"a-x", "a-y", "b-x", "b-y", "c-y"}
	raw := map[string][5]float64{
		AggregateIgnore:   {3, 1, 1, 2, 1},
		AggregateSubtract: {1, 1, 1, -2, 1},
		AggregateCombine:  {3, 1, 1, 2, 1},
	}
	// Divisors by edge: activity is the actor's statements (a 4, b 3, c 1)
	// or, for combine, its claims (a 2, b 2, c 1); prominence the claim's
	// statements (x 4, y 4) or, for combine, its actors (x 2, y 3).
	div := map[string]map[string][5]float64{
		NormalizeNo: {
			AggregateIgnore: {1, 1, 1, 1, 1}, AggregateSubtract: {1, 1, 1, 1, 1}, AggregateCombine: {1, 1, 1, 1, 1},
		},
		NormalizeActivity: {
			AggregateIgnore: {4, 4, 3, 3, 1}, AggregateSubtract: {4, 4, 3, 3, 1}, AggregateCombine: {2, 2, 2, 2, 1},
		},
		NormalizeProminence: {
			AggregateIgnore: {4, 4, 4, 4, 4}, AggregateSubtract: {4, 4, 4, 4, 4}, AggregateCombine: {2, 3, 2, 3, 3},
		},
	}
	for _, agg := range TwoModeAggregates {
		for _, nz := range TwoModeNormalizations {
			t.Run(agg+"/"+nz, func(t *testing.T) {
				n, err := TwoModeNetwork(context.Background(), m, NetworkOptions{Aggregate: agg, Normalize: nz})
				if err != nil {
					t.Fatal(err)
				}
				want := map[string]float64{}
				for i, k := range keys {
					want[k] = raw[agg][i] / div[nz][agg][i]
				}
				sameWeights(t, edgeMap(n), want)
				if n.Rows != 3 || len(n.Nodes) != 5 {
					t.Errorf("rows %d of %d nodes: want 3 actors and 2 claims", n.Rows, len(n.Nodes))
				}
			})
		}
	}
}

func TestNetworkDuplicates(t *testing.T) {
	// Actor a on claim x, in date order. 2025-01-06 is a Monday of ISO
	// week 2, 2025-01-12 its Sunday, 2025-01-13 starts week 3.
	m := graphtest.Compile(t, netDataset(t,
		netStmt{"a", "x", "support", "s1", "2025-01-06"},
		netStmt{"a", "x", "support", "s1", "2025-01-06"},
		netStmt{"a", "x", "support", "s2", "2025-01-12"},
		netStmt{"a", "x", "support", "s3", "2025-01-13"},
		netStmt{"a", "x", "oppose", "s3", "2025-01-13"},
		netStmt{"a", "x", "support", "s4", "2026-01-06"},
	))
	for _, tc := range []struct {
		rule             string
		s, o             int32 // stance part of the identity
		ignoreS, ignoreO int32 // under the ignore aggregation
	}{
		{DuplicatesInclude, 5, 1, 5, 1},
		{DuplicatesDocument, 4, 1, 4, 0}, // in s3 the support comes first
		{DuplicatesWeek, 3, 1, 3, 0},
		{DuplicatesMonth, 2, 1, 2, 0},
		{DuplicatesYear, 2, 1, 2, 0},
		{DuplicatesAcrossRange, 1, 1, 1, 0},
	} {
		for _, agg := range []string{AggregateSubtract, AggregateIgnore} {
			o, err := NetworkOptions{Aggregate: agg, Duplicates: tc.rule}.resolve(NetworkTwoMode)
			if err != nil {
				t.Fatal(err)
			}
			cells, _, err := networkCells(context.Background(), m, o)
			if err != nil {
				t.Fatal(err)
			}
			ws, wo := tc.s, tc.o
			if agg == AggregateIgnore {
				ws, wo = tc.ignoreS, tc.ignoreO
			}
			if len(cells) != 1 || cells[0].s != ws || cells[0].o != wo {
				t.Errorf("%s/%s: cells %+v, want support %d oppose %d", tc.rule, agg, cells, ws, wo)
			}
		}
	}
}

func TestNetworkIsolatesAndExclusions(t *testing.T) {
	m := handModel(t)
	ctx := context.Background()
	n, err := OneMode(ctx, m, NetworkOptions{Isolates: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := nodeIDs(n); got != "a b c idle" {
		t.Errorf("isolates: nodes %s, want a b c idle", got)
	}
	n, err = TwoModeNetwork(ctx, m, NetworkOptions{Isolates: true, ExcludeActors: []string{"Actor B"}, ExcludeClaims: []string{"x"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := nodeIDs(n); got != "a c idle y unstated" || n.Rows != 3 {
		t.Errorf("exclusions: nodes %s (rows %d), want a c idle | y unstated", got, n.Rows)
	}
	sameWeights(t, edgeMap(n), map[string]float64{"a-y": 1, "c-y": 1})
	// Without b's statements a and c share only y.
	n, err = OneMode(ctx, m, NetworkOptions{ExcludeActors: []string{"b"}})
	if err != nil {
		t.Fatal(err)
	}
	sameWeights(t, edgeMap(n), map[string]float64{"a-c": 1})
	for _, o := range []NetworkOptions{
		{ExcludeActors: []string{"nobody"}},
		{ExcludeClaims: []string{"Claim Z"}},
		{Aggregate: AggregateCombine},
		{Normalize: NormalizeActivity},
		{Duplicates: "day"},
		{Mode: "source"},
	} {
		if _, err := OneMode(ctx, m, o); !errors.Is(err, ErrNetworkOption) {
			t.Errorf("%+v: error %v, want ErrNetworkOption", o, err)
		}
	}
	if _, err := TwoModeNetwork(ctx, m, NetworkOptions{Aggregate: AggregateCongruence}); !errors.Is(err, ErrNetworkOption) {
		t.Errorf("two-mode congruence: error %v, want ErrNetworkOption", err)
	}
}

func TestNetworkWindow(t *testing.T) {
	d := netDataset(t,
		netStmt{"a", "x", "support", "s1", "2025-01-01"},
		netStmt{"b", "x", "support", "s1", "2025-01-01"},
		netStmt{"c", "x", "support", "s2", "2025-02-01"},
	)
	m := graphtest.Compile(t, d, graph.WithWindow(graph.Window{To: graphtest.Date(t, "2025-01-31")}))
	n, err := OneMode(context.Background(), m, NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := nodeIDs(n); got != "a b" {
		t.Errorf("nodes %s, want a b", got)
	}
	sameWeights(t, edgeMap(n), map[string]float64{"a-b": 1})
}

func TestNetworkCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := OneMode(ctx, handModel(t), NetworkOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func nodeIDs(n *Network) string {
	var ids []string
	for _, node := range n.Nodes {
		ids = append(ids, node.ID)
	}
	return strings.Join(ids, " ")
}

func TestNetworkWriters(t *testing.T) {
	m := handModel(t)
	ctx := context.Background()
	one, err := OneMode(ctx, m, NetworkOptions{Aggregate: AggregateSubtract, Normalize: NormalizeAverage})
	if err != nil {
		t.Fatal(err)
	}
	two, err := TwoModeNetwork(ctx, m, NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
		want  string
	}{
		{"onemode csv", func(b *bytes.Buffer) error { return one.WriteCSV(b) },
			"source,target,weight\na,b,-0.2857142857142857\na,c,0.4\nb,c,-1\n"},
		{"onemode matrix", func(b *bytes.Buffer) error { return one.WriteMatrixCSV(b) },
			",Actor A,Actor B,Actor C\nActor A,0,-0.2857142857142857,0.4\nActor B,-0.2857142857142857,0,-1\nActor C,0.4,-1,0\n"},
		{"twomode matrix", func(b *bytes.Buffer) error { return two.WriteMatrixCSV(b) },
			",Claim X,Claim Y\nActor A,3,1\nActor B,1,2\nActor C,0,1\n"},
		{"twomode json", func(b *bytes.Buffer) error { return two.WriteJSON(b) }, `{
  "type": "twomode",
  "aggregate": "ignore",
  "normalize": "no",
  "duplicates": "include",
  "nodes": [
    {"id": "a", "name": "Actor A", "kind": "actor"},
    {"id": "b", "name": "Actor B", "kind": "actor"},
    {"id": "c", "name": "Actor C", "kind": "actor"},
    {"id": "x", "name": "Claim X", "kind": "claim"},
    {"id": "y", "name": "Claim Y", "kind": "claim"}
  ],
  "edges": [
    {"source": "a", "target": "x", "weight": 3},
    {"source": "a", "target": "y", "weight": 1},
    {"source": "b", "target": "x", "weight": 1},
    {"source": "b", "target": "y", "weight": 2},
    {"source": "c", "target": "y", "weight": 1}
  ]
}
`},
	} {
		var b bytes.Buffer
		if err := tc.write(&b); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("%s:\n%s\nwant:\n%s", tc.name, b.String(), tc.want)
		}
	}
	g := one.Graph()
	if w, ok := g.Weight(0, 2); !ok || w != 0.4 {
		t.Errorf("graph weight a-c %v %v, want 0.4", w, ok)
	}
}

func ExampleOneMode() {
	d, err := annotations.New(
		[]*annotations.Actor{{ID: "kabul", Name: "Kabul", Type: "government"}, {ID: "islamabad", Name: "Islamabad", Type: "government"}, {ID: "doha", Name: "Doha", Type: "government"}},
		[]*annotations.Claim{{ID: "truce-holds", Text: "The truce holds."}},
		[]*annotations.Source{{ID: "report", Title: "Report"}},
		[]*annotations.Statement{
			{Actor: "kabul", Claim: "truce-holds", Stance: annotations.Support, Quote: "q", Source: "report"},
			{Actor: "doha", Claim: "truce-holds", Stance: annotations.Support, Quote: "q", Source: "report"},
			{Actor: "islamabad", Claim: "truce-holds", Stance: annotations.Oppose, Quote: "q", Source: "report"},
		}, nil)
	if err != nil {
		panic(err)
	}
	m, err := graph.Compile(context.Background(), d)
	if err != nil {
		panic(err)
	}
	for _, agg := range []string{AggregateCongruence, AggregateConflict} {
		n, err := OneMode(context.Background(), m, NetworkOptions{Aggregate: agg})
		if err != nil {
			panic(err)
		}
		for _, e := range n.Edges {
			fmt.Println(agg, n.Nodes[e.Source].ID, n.Nodes[e.Target].ID, e.Weight)
		}
	}
	// Output:
	// congruence kabul doha 1
	// conflict kabul islamabad 1
	// conflict islamabad doha 1
}

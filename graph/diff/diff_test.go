package diff

import (
	"context"
	"encoding/json"
	"flag"
	"reflect"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// load loads a dataset in testdata: old and new are two versions of a
// small dataset that differ in every way Compare reports.
func load(t *testing.T, name string) *annotations.Dataset {
	t.Helper()
	d, err := annotations.LoadDir("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestCompareEveryKind diffs two versions of a small dataset that differ
// in every kind of change the package reports, checks each, and keeps
// the whole report as a golden file.
func TestCompareEveryKind(t *testing.T) {
	d, err := Compare(context.Background(), load(t, "old"), load(t, "new"),
		WithMeasure(analysis.Degree), WithRankThreshold(2))
	if err != nil {
		t.Fatal(err)
	}
	c := d.Data
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %+v, want %+v", what, got, want)
		}
	}
	check("actors added", c.Actors.Added, []string{"a6"})
	check("actors removed", c.Actors.Removed, []string{"a7"})
	check("actors changed", c.Actors.Changed, []Changed{{"a1", []Field{{"name", "Amir", "Amir Khan"}}}})
	check("claims added", c.Claims.Added, []string{"c4"})
	check("claims removed", c.Claims.Removed, []string{"c3"})
	check("claims changed", c.Claims.Changed, []Changed{{"c2", []Field{{"text", "The border opens.", "The border opens for trade."}}}})
	check("sources added", c.Sources.Added, []string{"s3"})
	check("sources removed", c.Sources.Removed, []string{"s2"})
	check("sources changed", c.Sources.Changed, []Changed{{"s1", []Field{{"title", "One", "One (revised)"}}}})
	var added, removed []string
	for _, s := range c.Statements.Added {
		added = append(added, s.Actor+" "+s.Claim+" "+s.Stance)
	}
	for _, s := range c.Statements.Removed {
		removed = append(removed, s.Actor+" "+s.Claim+" "+s.Stance)
	}
	check("statements added", added, []string{"a4 c2 oppose", "a6 c4 support", "a4 c4 support"})
	check("statements removed", removed, []string{"a1 c3 support"})
	var changed []string
	for _, s := range c.Statements.Changed {
		changed = append(changed, s.New.Actor+" "+s.New.Claim)
		check("statement change fields", s.Fields[0].Name, "stance")
	}
	check("statements changed", changed, []string{"a3 c1", "a5 c2"})
	check("relations added", len(c.Relations.Added), 1)
	check("relations removed", c.Relations.Removed[0].Type, "cooperates-with")
	check("relations changed", c.Relations.Changed[0].Fields, []Field{{"date", "2025-01-01", "2025-01-02"}})

	n := d.Network
	check("became contested", n.BecameContested, []string{"c2"})
	check("stopped contested", n.StoppedContested, []string{"c1"})
	check("new reversals", n.NewReversals, []Reversal{{"a4", "c2"}})
	check("ended reversals", n.EndedReversals, []Reversal{})
	if len(n.Ranks) == 0 {
		t.Error("no rank changes")
	}
	for _, r := range n.Ranks {
		if abs(r.New-r.Old) < 2 {
			t.Errorf("rank change below the threshold: %+v", r)
		}
	}
	// Old coalitions {a3 a4 a5} {a1 a2}, new {a1 a2 a3} {a4 a5 a6}: the
	// new groups match the old ones they share two actors with, so a3,
	// who crossed over, is the one move.
	check("coalition moves", n.CoalitionMoves, []CoalitionMove{{"a3", 0, 0}})
	if n.Modularity.Change == 0 || n.Polarization.Change == 0 {
		t.Errorf("modularity %+v, polarization %+v", n.Modularity, n.Polarization)
	}
	if c.Empty() || n.Empty() {
		t.Error("Empty")
	}
	got, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, "testdata/every-kind.json", append(got, '\n'), *update)
}

func TestCompareSame(t *testing.T) {
	d, err := Compare(context.Background(), load(t, "old"), load(t, "old"))
	if err != nil {
		t.Fatal(err)
	}
	if !d.Data.Empty() || !d.Network.Empty() {
		t.Errorf("a dataset against itself: %+v %+v", d.Data, d.Network)
	}
}

func TestOptions(t *testing.T) {
	d := load(t, "old")
	if _, err := Compare(context.Background(), d, d, WithMeasure("fame")); err == nil {
		t.Error("unknown measure accepted")
	}
	if _, err := Compare(context.Background(), d, d, WithRankThreshold(0)); err == nil {
		t.Error("threshold 0 accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Compare(ctx, d, d); err == nil {
		t.Error("cancelled context ignored")
	}
}

// TestStatementPairing: of two statements with one identity, the one
// with the same fields is paired first, so only the other is a change.
func TestStatementPairing(t *testing.T) {
	mk := func(stances ...annotations.Stance) []*annotations.Statement {
		var out []*annotations.Statement
		for _, s := range stances {
			out = append(out, &annotations.Statement{Source: "s", Actor: "a", Claim: "c", Quote: "q", Stance: s})
		}
		return out
	}
	st := func(old, new []*annotations.Statement) Changes[Statement] {
		return keyed(old, new, statementKey, statementFields, statementOf)
	}
	got := st(mk(annotations.Oppose, annotations.Support), mk(annotations.Support, annotations.Support))
	if len(got.Changed) != 1 || got.Changed[0].Old.Stance != "oppose" || len(got.Added)+len(got.Removed) != 0 {
		t.Errorf("%+v", got)
	}
	got = st(mk(annotations.Support), mk(annotations.Support, annotations.Oppose))
	if len(got.Changed) != 0 || len(got.Added) != 1 || got.Added[0].Stance != "oppose" {
		t.Errorf("%+v", got)
	}
}

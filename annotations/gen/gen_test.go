package gen

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
)

var small = Config{Actors: 200, Claims: 300, Statements: 5000, Sources: 25, Seed: 7}

func TestGenerateCounts(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"small", small},
		{"one of each", Config{Actors: 1, Claims: 1, Statements: 3, Sources: 1}},
		{"no statements", Config{Actors: 5, Claims: 5, Statements: 0, Sources: 2}},
		{"more sources than statements", Config{Actors: 5, Claims: 5, Statements: 3, Sources: 10}},
		{"one day", Config{Actors: 10, Claims: 10, Statements: 50, Sources: 5, From: 20251019, To: 20251019}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Generate(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			want := annotations.Stats{Actors: tt.cfg.Actors, Claims: tt.cfg.Claims, Sources: tt.cfg.Sources,
				Statements: tt.cfg.Statements, Relations: relationsFor(tt.cfg)}
			if got := d.Stats(); got != want {
				t.Errorf("stats = %+v, want %+v", got, want)
			}
			from, to := tt.cfg.From, tt.cfg.To
			if from == 0 {
				from, to = 20250101, 20251231
			}
			for _, s := range d.Statements {
				if s.Date < from || s.Date > to {
					t.Fatalf("statement date %s outside %s..%s", s.Date, from, to)
				}
				if s.Quote == "" || len(strings.Fields(s.Quote)) > 8 {
					t.Fatalf("quote %q is not a few words", s.Quote)
				}
			}
		})
	}
}

func relationsFor(cfg Config) int {
	if cfg.Actors < 2 {
		return 0
	}
	return cfg.Statements / statementsPerRelation
}

func TestGenerateBadConfig(t *testing.T) {
	tests := []struct {
		cfg  Config
		want string
	}{
		{Config{Actors: 0, Claims: 1, Sources: 1}, "actors must be at least 1"},
		{Config{Actors: 1, Claims: 0, Sources: 1}, "claims must be at least 1"},
		{Config{Actors: 1, Claims: 1, Sources: 0}, "sources must be at least 1"},
		{Config{Actors: 1, Claims: 1, Sources: 1, Statements: -1}, "statements must not be negative"},
		{Config{Actors: 1, Claims: 1, Sources: 1, From: 20250230, To: 20250301}, "20250230 is not a valid date"},
		{Config{Actors: 1, Claims: 1, Sources: 1, From: 20250301, To: 20250201}, "ends (2025-02-01) before it starts (2025-03-01)"},
	}
	for _, tt := range tests {
		_, err := Generate(tt.cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Generate(%+v) error = %v, want it to contain %q", tt.cfg, err, tt.want)
		}
	}
}

// strip clears positions, which Generate leaves zero and Load fills.
func strip(d *annotations.Dataset) {
	for _, a := range d.Actors {
		a.Pos = annotations.Pos{}
	}
	for _, c := range d.Claims {
		c.Pos = annotations.Pos{}
	}
	for _, s := range d.Sources {
		s.Pos = annotations.Pos{}
	}
	for _, s := range d.Statements {
		s.Pos = annotations.Pos{}
	}
	for _, r := range d.Relations {
		r.Pos = annotations.Pos{}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a, err := Generate(small)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(small)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Statements, b.Statements) || !reflect.DeepEqual(a.Actors, b.Actors) || !reflect.DeepEqual(a.Claims, b.Claims) {
		t.Error("two runs with one seed differ")
	}
	other := small
	other.Seed++
	c, err := Generate(other)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(a.Statements, c.Statements) {
		t.Error("two seeds give the same statements")
	}
}

// TestGenerateShape checks the properties the benchmarks rely on: skewed
// activity, both stances, contested claims, a hierarchy, arguments and
// reversals.
func TestGenerateShape(t *testing.T) {
	d, err := Generate(Config{Actors: 2000, Claims: 3000, Statements: 100000, Sources: 200, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	perActor := map[string]int{}
	type pair struct{ a, c string }
	stances := map[pair]annotations.Stance{}
	reversals := 0
	claimStances := map[string][2]int{}
	support := 0
	for _, s := range d.Statements {
		perActor[s.Actor]++
		p := pair{s.Actor, s.Claim}
		if prev, ok := stances[p]; ok && prev != s.Stance {
			reversals++
		}
		stances[p] = s.Stance
		cs := claimStances[s.Claim]
		if s.Stance == annotations.Support {
			support++
			cs[0]++
		} else {
			cs[1]++
		}
		claimStances[s.Claim] = cs
	}
	counts := make([]int, 0, len(perActor))
	for _, n := range perActor {
		counts = append(counts, n)
	}
	slices.Sort(counts)
	top, median := counts[len(counts)-1], counts[len(counts)/2]
	if top < 50*median {
		t.Errorf("activity not skewed: top actor %d statements, median %d", top, median)
	}
	if share := float64(support) / float64(len(d.Statements)); share < 0.3 || share > 0.7 {
		t.Errorf("support share %.2f, want both stances common", share)
	}
	contested := 0
	for _, cs := range claimStances {
		if cs[0] > 0 && cs[1] > 0 {
			contested++
		}
	}
	if contested < 100 {
		t.Errorf("%d contested claims, want many", contested)
	}
	if reversals == 0 {
		t.Error("no actor–claim pair changes stance")
	}
	depth2 := 0
	for _, a := range d.Actors {
		if a.Affiliation != "" && d.Actor(a.Affiliation).Affiliation != "" {
			depth2++
		}
	}
	if depth2 == 0 {
		t.Error("no actor two levels below a root")
	}
	args := 0
	for _, c := range d.Claims {
		args += len(c.Supports) + len(c.Attacks)
	}
	if args == 0 || len(d.Relations) == 0 {
		t.Errorf("%d argument links and %d relations, want some of each", args, len(d.Relations))
	}
}

func TestWriteLoadsBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	want, err := Write(context.Background(), small, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, SourcesDir, "*.yaml"))
	if err != nil || len(files) != small.Sources {
		t.Fatalf("%d source files (%v), want %d", len(files), err, small.Sources)
	}
	got, err := annotations.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	strip(got)
	for _, pair := range []struct {
		name      string
		got, want any
	}{
		{"actors", got.Actors, want.Actors},
		{"claims", got.Claims, want.Claims},
		{"sources", got.Sources, want.Sources},
		{"statements", got.Statements, want.Statements},
		{"relations", got.Relations, want.Relations},
	} {
		if !reflect.DeepEqual(pair.got, pair.want) {
			t.Errorf("loaded %s differ from generated ones", pair.name)
		}
	}
}

func TestWriteRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Actors: 3, Claims: 3, Statements: 10, Sources: 2}
	if _, err := Write(context.Background(), cfg, dir, false); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("error = %v, want ErrNotEmpty", err)
	}
	if b, err := os.ReadFile(keep); err != nil || string(b) != "mine" {
		t.Fatal("the existing file was touched")
	}
	if _, err := Write(context.Background(), cfg, dir, true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(keep); !errors.Is(err, os.ErrNotExist) {
		t.Error("--force kept the old content")
	}
	if _, err := annotations.LoadDir(dir); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".*"))
	if len(left) > 0 {
		t.Errorf("temporary directories left behind: %v", left)
	}
	// An existing empty directory is filled without force.
	empty := t.TempDir()
	if _, err := Write(context.Background(), cfg, empty, false); err != nil {
		t.Fatal(err)
	}
}

func TestWriteCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := filepath.Join(t.TempDir(), "data")
	if _, err := Write(ctx, small, dir, false); !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Error("a cancelled Write left the directory")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".data.*"))
	if len(left) > 0 {
		t.Errorf("temporary directories left behind: %v", left)
	}
}

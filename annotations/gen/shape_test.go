package gen

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
)

func TestValidate(t *testing.T) {
	ok := Config{Actors: 10, Claims: 10, Statements: 100, Sources: 5}
	with := func(f func(*Config)) Config {
		c := ok
		f(&c)
		return c
	}
	tests := []struct {
		name string
		cfg  Config
		want string // "" for a valid config
	}{
		{"valid", ok, ""},
		{"limits", Config{Actors: MaxActors, Claims: MaxClaims, Statements: MaxStatements, Sources: MaxSources}, ""},
		{"zero statements", with(func(c *Config) { c.Statements = 0 }), ""},
		{"zero actors", with(func(c *Config) { c.Actors = 0 }), "actors must be at least 1, not 0"},
		{"negative claims", with(func(c *Config) { c.Claims = -3 }), "claims must be at least 1, not -3"},
		{"negative statements", with(func(c *Config) { c.Statements = -1 }), "statements must not be negative, not -1"},
		{"zero sources", with(func(c *Config) { c.Sources = 0 }), "sources must be at least 1, not 0"},
		{"huge statements", with(func(c *Config) { c.Statements = 1 << 40 }), "statements must be at most 10000000, not 1099511627776"},
		{"max int actors", with(func(c *Config) { c.Actors = math.MaxInt }), "actors must be at most 5000000"},
		{"huge claims", with(func(c *Config) { c.Claims = MaxClaims + 1 }), "claims must be at most 5000000"},
		{"huge sources", with(func(c *Config) { c.Sources = MaxSources + 1 }), "sources must be at most 200000"},
		{"NaN exponent", with(func(c *Config) { c.Exponent = math.NaN() }), "exponent must be from 0"},
		{"infinite exponent", with(func(c *Config) { c.Exponent = math.Inf(1) }), "exponent must be from 0"},
		{"negative exponent", with(func(c *Config) { c.Exponent = -1 }), "exponent must be from 0"},
		{"exponent", with(func(c *Config) { c.Exponent = 0.8 }), ""},
		{"NaN split", with(func(c *Config) { c.StanceSplit = math.NaN() }), "stance split must be from 0"},
		{"split above 1", with(func(c *Config) { c.StanceSplit = 1.5 }), "stance split must be from 0"},
		{"split 1", with(func(c *Config) { c.StanceSplit = 1 }), ""},
		{"bad order", with(func(c *Config) { c.Order = "random" }), `order is shuffled or popular-first, not "random"`},
		{"uniform with exponent", with(func(c *Config) { c.Uniform, c.Exponent = true, 1.2 }), "uniform activity has no exponent"},
		{"uniform popular-first", with(func(c *Config) { c.Uniform, c.Order = true, OrderPopularFirst }), "popular-first needs skewed activity"},
		{"several", Config{Actors: -1, Claims: 1 << 50, Sources: 1}, "actors must be at least 1, not -1\nclaims must be at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestWithShape(t *testing.T) {
	base := Config{Actors: 7, Claims: 9, Statements: 100, Sources: 3}
	for _, name := range Shapes {
		cfg, err := base.WithShape(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := cfg.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if cfg.Statements != base.Statements || cfg.Sources != base.Sources {
			t.Errorf("%s changed the statements or sources", name)
		}
	}
	if cfg, _ := base.WithShape(ShapeDefault); cfg != base {
		t.Errorf("the default shape changed the config: %+v", cfg)
	}
	if cfg, _ := base.WithShape(ShapeFewClaims); cfg.Actors != 20000 || cfg.Claims != 500 {
		t.Errorf("few-claims: %d actors, %d claims", cfg.Actors, cfg.Claims)
	}
	if _, err := base.WithShape("round"); err == nil || !strings.Contains(err.Error(), `not "round"`) {
		t.Errorf("unknown shape: %v", err)
	}
}

// shapeStats summarises a generated dataset for the shape tests.
type shapeStats struct {
	actorCounts, claimCounts []int // statements per actor and claim, by index
	support                  []int // supporting statements per claim
}

func statsOf(t *testing.T, cfg Config) shapeStats {
	t.Helper()
	d, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Stats(); got.Statements != cfg.Statements || got.Actors != cfg.Actors || got.Claims != cfg.Claims {
		t.Fatalf("stats %+v for %+v", got, cfg)
	}
	s := shapeStats{make([]int, cfg.Actors), make([]int, cfg.Claims), make([]int, cfg.Claims)}
	for _, st := range d.Statements {
		a, c := index(st.Actor), index(st.Claim)
		s.actorCounts[a]++
		s.claimCounts[c]++
		if st.Stance == annotations.Support {
			s.support[c]++
		}
	}
	return s
}

// index is the index of a generated id ("claim-0042" → 41).
func index(id string) int {
	n := 0
	for _, r := range id[strings.LastIndexByte(id, '-')+1:] {
		n = 10*n + int(r-'0')
	}
	return n - 1
}

// topOverMedian is the largest count over the median one.
func topOverMedian(counts []int) float64 {
	c := slices.Clone(counts)
	slices.Sort(c)
	return float64(c[len(c)-1]) / float64(max(1, c[len(c)/2]))
}

func TestShapes(t *testing.T) {
	size := Config{Actors: 400, Claims: 500, Statements: 40000, Sources: 40, Seed: 5}
	shaped := func(name string) Config {
		cfg, err := size.WithShape(name)
		if err != nil {
			t.Fatal(err)
		}
		return cfg
	}
	t.Run("uniform", func(t *testing.T) {
		s := statsOf(t, shaped(ShapeUniform))
		// 100 and 80 statements on average: a uniform draw stays within
		// about twice the median.
		if r := topOverMedian(s.actorCounts); r > 2 {
			t.Errorf("actors: top/median %.1f, want uniform activity", r)
		}
		if r := topOverMedian(s.claimCounts); r > 2 {
			t.Errorf("claims: top/median %.1f, want uniform activity", r)
		}
		if d := statsOf(t, size); topOverMedian(d.actorCounts) < 10 {
			t.Errorf("the default shape is not skewed (top/median %.1f)", topOverMedian(d.actorCounts))
		}
	})
	for _, name := range []string{ShapeUniform, ShapeZipf11, ShapePopularFirst} {
		t.Run("split "+name, func(t *testing.T) {
			s := statsOf(t, shaped(name))
			for c, n := range s.claimCounts {
				// Half of each claim's statements support it: n/2 rounded
				// down, as the first of each pair opposes.
				if s.support[c] != n/2 {
					t.Fatalf("claim %d: %d of %d statements support it, want %d", c, s.support[c], n, n/2)
				}
			}
		})
	}
	for _, name := range []string{ShapeZipf11, ShapePopularFirst} {
		t.Run("order "+name, func(t *testing.T) {
			s := statsOf(t, shaped(name))
			for _, counts := range [][]int{s.actorCounts, s.claimCounts} {
				if slices.Max(counts) != counts[0] {
					t.Errorf("the first id has %d statements, the most active %d", counts[0], slices.Max(counts))
				}
				// Activity falls with the id: the first tenth of the ids
				// is far more active than the last tenth.
				n := len(counts) / 10
				first, last := sum(counts[:n]), sum(counts[len(counts)-n:])
				if first < 5*last {
					t.Errorf("first tenth %d statements, last tenth %d", first, last)
				}
			}
		})
	}
	t.Run("exponent", func(t *testing.T) {
		light := statsOf(t, shaped(ShapePopularFirst))
		heavy := statsOf(t, shaped(ShapeZipf11))
		if light.claimCounts[0] >= heavy.claimCounts[0] {
			t.Errorf("claim-1 has %d statements with exponent 1 and %d with 1.1, want fewer", light.claimCounts[0], heavy.claimCounts[0])
		}
	})
	t.Run("split share", func(t *testing.T) {
		cfg := size
		cfg.StanceSplit = 0.25
		s := statsOf(t, cfg)
		for c, n := range s.claimCounts {
			if want := n / 4; s.support[c] != want {
				t.Fatalf("claim %d: %d of %d statements support it, want %d", c, s.support[c], n, want)
			}
		}
	})
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

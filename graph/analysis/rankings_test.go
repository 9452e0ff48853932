package analysis

import (
	"reflect"
	"slices"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/internal/graphtest"
)

// TestRankingsContestedTieBreak checks the documented order of contested
// claims: contestation, then the number of actors taking part, then model
// order.
func TestRankingsContestedTieBreak(t *testing.T) {
	m := graphtest.Compile(t, graphtest.Dataset(t,
		[4]string{"a", "x", "support", ""}, // x: 1 for, 1 against: 1.0, 2 actors
		[4]string{"b", "x", "oppose", ""},
		[4]string{"a", "z", "support", ""}, // z: 2 for, 1 against: 0.67
		[4]string{"b", "z", "support", ""},
		[4]string{"c", "z", "oppose", ""},
		[4]string{"a", "y", "support", ""}, // y: 2 for, 2 against: 1.0, 4 actors
		[4]string{"b", "y", "support", ""},
		[4]string{"c", "y", "oppose", ""},
		[4]string{"d", "y", "oppose", ""},
		[4]string{"c", "w", "support", ""}, // w: 1 for, 1 against: 1.0, 2 actors, after x
		[4]string{"d", "w", "oppose", ""},
		[4]string{"d", "v", "support", ""}, // v: not contested
	))
	an := mustAnalyze(t, m)
	var got []string
	for _, c := range an.Rankings.Contested {
		got = append(got, an.Claims[c].ID)
	}
	if want := []string{"y", "x", "w", "z"}; !reflect.DeepEqual(got, want) {
		t.Errorf("contested order = %v, want %v", got, want)
	}
}

// TestRankingsByMeasure checks, on the built-in dataset, that each
// measure's ranking holds every node once, by score from highest to
// lowest with ties in node order, and that TopActors and TopClaims are
// its positive-scoring actors and claims with statements in the window
// (PageRank gives the others their teleport share), over all dates and
// in the Doha window, where 4 actors speak.
func TestRankingsByMeasure(t *testing.T) {
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []graph.Window{{}, {To: graphtest.Date(t, "2025-10-31")}} {
		t.Run(w.String(), func(t *testing.T) { checkRankings(t, mustAnalyze(t, graphtest.Compile(t, d, graph.WithWindow(w)))) })
	}
	doha := mustAnalyze(t, graphtest.Compile(t, d, graph.WithWindow(graph.Window{To: graphtest.Date(t, "2025-10-31")})))
	if got := doha.TopActors(PageRank, -1); len(got) != 4 {
		t.Errorf("Doha window: %d actors ranked by PageRank, want the 4 who speak", len(got))
	}
}

func checkRankings(t *testing.T, an *Analysis) {
	na := len(an.Actors)
	score := func(measure string, v int) float64 {
		if v < na {
			return an.Actors[v].Centrality[measure]
		}
		return an.Claims[v-na].Centrality[measure]
	}
	for _, measure := range Measures {
		order := an.Rankings.ByMeasure[measure]
		if len(order) != na+len(an.Claims) {
			t.Fatalf("%s: %d nodes ranked, want %d", measure, len(order), na+len(an.Claims))
		}
		if sorted := slices.Sorted(slices.Values(order)); sorted[0] != 0 || sorted[len(sorted)-1] != len(order)-1 || len(slices.Compact(sorted)) != len(order) {
			t.Fatalf("%s: ranking is not a permutation of the nodes", measure)
		}
		var actors, claims []int
		for i, v := range order {
			if i > 0 {
				u := order[i-1]
				su, sv := score(measure, u), score(measure, v)
				if su < sv || su == sv && u > v {
					t.Fatalf("%s: node %d (%g) ranked before node %d (%g)", measure, u, su, v, sv)
				}
			}
			if score(measure, v) > 0 && score(Degree, v) > 0 {
				if v < na {
					actors = append(actors, v)
				} else {
					claims = append(claims, v-na)
				}
			}
		}
		if got := an.TopActors(measure, -1); !slices.Equal(got, actors) {
			t.Errorf("%s: TopActors = %v, want %v", measure, got, actors)
		}
		if got := an.TopClaims(measure, 3); !slices.Equal(got, claims[:min(3, len(claims))]) {
			t.Errorf("%s: TopClaims(3) = %v, want %v", measure, got, claims[:min(3, len(claims))])
		}
	}
	if got := an.TopActors("no such measure", 5); len(got) != 0 {
		t.Errorf("TopActors of an unknown measure = %v", got)
	}
}

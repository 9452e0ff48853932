package render

import (
	"fmt"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
)

// Colors returns the fill colour, "#RRGGBB", of every actor and claim by
// id, as the actor-claim view with options o draws them: actors by side or
// coalition (o.ColorBy), claims plain or, when contested, highlighted.
// Exports that carry colours (GEXF for Gephi) use it so that a network
// opened elsewhere looks like the figure.
func Colors(m *graph.Model, an *analysis.Analysis, o Options) (map[string]string, error) {
	r, err := o.resolve()
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if len(an.Actors) != len(m.Actors) || len(an.Claims) != len(m.Claims) {
		return nil, fmt.Errorf("render: the analysis is not of this model")
	}
	grp, err := actorGroups(m, an, r)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	out := make(map[string]string, len(m.Actors)+len(m.Claims))
	for i, a := range m.Actors {
		out[a.ID] = grp.fill[i]
	}
	for i, c := range m.Claims {
		out[c.ID] = r.th.claimFill
		if an.Claims[i].Contested {
			out[c.ID] = r.th.contestedFill
		}
	}
	return out, nil
}

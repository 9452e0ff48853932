package render

import (
	"fmt"
	"strings"

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
		out[a.ID] = hexColor(grp.fill[i])
	}
	for i, c := range m.Claims {
		out[c.ID] = hexColor(r.th.claimFill)
		if an.Claims[i].Contested {
			out[c.ID] = hexColor(r.th.contestedFill)
		}
	}
	return out, nil
}

// hexColor returns colour c as "#RRGGBB", the form exports take: the
// themes name a few colours as Graphviz writes them ("white" is the fill
// of actors in no coalition), and those are spelled out from namedColors,
// the table the rasteriser reads them with.
func hexColor(c string) string {
	rgb, ok := namedColors[strings.ToLower(c)]
	if !ok {
		return c
	}
	return fmt.Sprintf("#%02X%02X%02X", rgb[0], rgb[1], rgb[2])
}

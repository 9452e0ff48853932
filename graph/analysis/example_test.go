package analysis_test

import (
	"context"
	"fmt"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
)

// The measures are functions over the model; Analyze computes them all
// and ranks the results.
func ExamplePageRankCentrality() {
	person := annotations.TypePerson
	d, err := annotations.New(
		[]*annotations.Actor{{ID: "asif", Name: "Asif", Type: person}, {ID: "mujahid", Name: "Mujahid", Type: person}, {ID: "fidan", Name: "Fidan", Type: person}},
		[]*annotations.Claim{{ID: "truce", Text: "The truce should hold."}, {ID: "talks", Text: "The talks failed."}},
		[]*annotations.Source{{ID: "report", Title: "Report"}},
		[]*annotations.Statement{
			{Actor: "asif", Claim: "truce", Stance: annotations.Oppose, Quote: "q", Source: "report"},
			{Actor: "asif", Claim: "talks", Stance: annotations.Support, Quote: "q", Source: "report"},
			{Actor: "mujahid", Claim: "truce", Stance: annotations.Support, Quote: "q", Source: "report"},
			{Actor: "fidan", Claim: "truce", Stance: annotations.Support, Quote: "q", Source: "report"},
			{Actor: "mujahid", Claim: "talks", Stance: annotations.Oppose, Quote: "q", Source: "report"},
		}, nil)
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	m, err := graph.Compile(ctx, d)
	if err != nil {
		panic(err)
	}
	pr, err := analysis.PageRankCentrality(ctx, m)
	if err != nil {
		panic(err)
	}
	an, err := analysis.Analyze(ctx, m)
	if err != nil {
		panic(err)
	}
	for _, a := range an.TopActors(analysis.PageRank, 2) {
		fmt.Printf("%s %.4f\n", m.Actors[a].ID, pr[m.ActorNode(a)])
	}
	for _, c := range an.Rankings.Contested {
		fmt.Printf("contested: %s %.2f\n", m.Claims[c].ID, an.Claims[c].Contestation)
	}
	// Output:
	// asif 0.1974
	// mujahid 0.1974
	// contested: talks 1.00
	// contested: truce 0.67
}

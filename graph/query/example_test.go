package query_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/query"
)

// Example loads a dataset, compiles and analyses it, and asks who
// supports and who opposes a claim, and how two actors are connected.
func Example() {
	d, err := annotations.New(
		[]*annotations.Actor{
			{ID: "asif", Name: "Khawaja Asif", Type: "person", Affiliation: "islamabad"},
			{ID: "islamabad", Name: "Government of Pakistan", Type: "government"},
			{ID: "mujahid", Name: "Zabihullah Mujahid", Type: "person"},
		},
		[]*annotations.Claim{{ID: "guarantees", Text: "Guarantees must be written."}},
		[]*annotations.Source{{ID: "report", Title: "Report", Published: 20251103}},
		[]*annotations.Statement{
			{Actor: "asif", Claim: "guarantees", Stance: annotations.Support, Quote: "in writing", Source: "report"},
			{Actor: "mujahid", Claim: "guarantees", Stance: annotations.Oppose, Quote: "no paper", Source: "report"},
		},
		nil,
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	m, err := graph.Compile(ctx, d)
	if err != nil {
		log.Fatal(err)
	}
	an, err := analysis.Analyze(ctx, m)
	if err != nil {
		log.Fatal(err)
	}
	g, err := query.NewGraph(m, an)
	if err != nil {
		log.Fatal(err)
	}
	q, err := query.Compile(`{for: supporters($c), against: opposers($c), link: path("islamabad"; "mujahid")}`,
		g, query.WithVar("c", "guarantees"))
	if err != nil {
		log.Fatal(err)
	}
	enc := query.Encoder{Compact: true}
	if err := q.Run(ctx, func(v any) error { return enc.Encode(os.Stdout, v) }); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {"against":["mujahid"],"for":["asif"],"link":["islamabad","asif","guarantees","mujahid"]}
}

// ExampleParseError shows the position a syntax error reports.
func ExampleParseError() {
	_, err := query.Compile(".nodes[] | select(.kind == ]", &query.Graph{})
	if pe, ok := err.(*query.ParseError); ok {
		fmt.Println(pe)
		fmt.Print(pe.Excerpt())
	}
	// Output:
	// query:1:28: unexpected token "]"
	// .nodes[] | select(.kind == ]
	//                            ^
}

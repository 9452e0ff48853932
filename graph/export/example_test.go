package export_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/export"
)

// exampleModel is a small dataset, compiled and analysed.
func exampleModel() (*graph.Model, *analysis.Analysis) {
	d, err := annotations.New(
		[]*annotations.Actor{
			{ID: "asif", Name: "Khawaja Asif", Type: "person"},
			{ID: "mujahid", Name: "Zabihullah Mujahid", Type: "person"},
		},
		[]*annotations.Claim{{ID: "guarantees", Text: "Guarantees must be written."}},
		[]*annotations.Source{{ID: "report", Title: "Report", Published: 20251103}},
		[]*annotations.Statement{
			{Actor: "asif", Claim: "guarantees", Stance: annotations.Support, Quote: "in writing", Source: "report"},
			{Actor: "asif", Claim: "guarantees", Stance: annotations.Support, Quote: "on paper", Source: "report", Date: 20251104},
			{Actor: "mujahid", Claim: "guarantees", Stance: annotations.Oppose, Quote: "no paper", Source: "report"},
		},
		[]*annotations.Relation{{From: "asif", Type: annotations.RelCriticizes, To: []string{"mujahid"}, Quote: "he lies", Source: "report"}},
	)
	if err != nil {
		log.Fatal(err)
	}
	m, err := graph.Compile(context.Background(), d)
	if err != nil {
		log.Fatal(err)
	}
	an, err := analysis.Analyze(context.Background(), m)
	if err != nil {
		log.Fatal(err)
	}
	return m, an
}

// ExampleStreamed writes the statements of a streamed document: it holds
// no records, and makes each one from the model as it is read.
func ExampleStreamed() {
	m, an := exampleModel()
	doc, err := export.Build(m, an, export.Streamed())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(doc.Statements), "statements held,", doc.NumEdges(), "edges")
	for s := range doc.AllStatements() {
		fmt.Println(s.Actor, s.Stance, s.Claim, "on edge", s.Edge+":", s.Quote)
	}
	// Output:
	// 0 statements held, 3 edges
	// asif support guarantees on edge e0: in writing
	// asif support guarantees on edge e0: on paper
	// mujahid oppose guarantees on edge e1: no paper
}

// Example compiles and analyses a dataset, builds its graph document and
// writes the edge table of the CSV export.
func Example() {
	m, an := exampleModel()
	doc, err := export.Build(m, an)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(doc.Nodes), "nodes,", len(doc.Edges), "edges,", len(doc.Statements), "statements")
	if err := export.WriteCSV(context.Background(), io.Discard, os.Stdout, doc); err != nil {
		log.Fatal(err)
	}
	// Output:
	// 3 nodes, 3 edges, 3 statements
	// Source,Target,Type,Id,Label,Weight,layer,kind,stance,sign,first,last
	// asif,guarantees,Directed,e0,support,2,stance,support,support,1,2025-11-03,2025-11-04
	// mujahid,guarantees,Directed,e1,oppose,1,stance,oppose,oppose,-1,2025-11-03,2025-11-03
	// asif,mujahid,Directed,e2,criticizes,1,relation,criticizes,,-1,2025-11-03,2025-11-03
}

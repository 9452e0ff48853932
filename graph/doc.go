// Package graph compiles a dataset of annotations into claimnet's network
// model and offers its views.
//
// Compile builds one Model from an annotations.Dataset, optionally within a
// time window. The Model holds three layers over dense integer indices:
// the two-mode stance layer (an edge per actor, claim and stance, weighted
// by the number of statements and keeping the statements behind it), the
// argument layer between claims (supports and attacks), and the actor–actor
// relations (declared relations and member-of edges from affiliations).
// Every analysis, view, export and query reads this one Model; the gonum
// graphs it offers (TwoMode, StanceDigraph, ArgumentGraph, RelationGraph)
// and its CSR are views of it, with actors at node ids 0..A-1 and claims
// at A..A+C-1.
//
// The packages under it read the Model: graph/analysis computes the
// centralities, contestation and coalitions, graph/dnanet projects the
// networks of Discourse Network Analysis, and graph/export, graph/render
// and graph/query write, draw and query it.
package graph

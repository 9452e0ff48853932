// Package graph compiles a dataset of annotations into claimnet's network
// model and analyses it.
//
// Compile builds one Model from an annotations.Dataset, optionally within a
// time window. The Model holds three layers over dense integer indices:
// the two-mode stance layer (an edge per actor, claim and stance, weighted
// by the number of statements and keeping the statements behind it), the
// argument layer between claims (supports and attacks), and the actor–actor
// relations (declared relations and member-of edges from affiliations).
// Every analysis, view, export and query reads this one Model; the gonum
// graphs it offers (TwoMode, StanceDigraph, ArgumentGraph, RelationGraph)
// are views of it, with actors at node ids 0..A-1 and claims at A..A+C-1.
//
// Each analysis lives in a file of its own whose doc comment gives its
// exact definition, the graph it runs on and how weights count. Every
// result is deterministic: the same Model gives byte-identical output.
package graph

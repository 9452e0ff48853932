// Package analysis computes the measures of a compiled graph.Model: seven
// centralities of the two-mode actor–claim graph, the contestation of
// claims with their reversals and conflict edges, and the coalitions and
// polarization of the actors.
//
// Each measure is an exported function over the Model, in a file of its
// own whose doc comment gives its exact definition, the graph it runs on
// and how weights count (docs/measures.md has them all). Analyze computes
// them all at once into an Analysis, sharing the work they have in
// common. Every result is deterministic: the same Model gives
// byte-identical output.
package analysis

// Package diff tells what changed between two versions of a dataset and
// how its network moved.
//
// Datasets lists the actors, claims, sources, statements and relations
// added, removed and changed: actors, claims and sources by id, a
// statement by its source, actor, claim and quote (so that a new stance is
// a change of the statement, not a removal and an addition), a relation
// by its source, type, ends and quote. Network compares the two analyses
// (analysis.Analyze) of the versions: centrality ranks that moved by at
// least a threshold, actors whose coalition changed, claims that became
// or stopped being contested, reversals that appeared or ended, and the
// change in modularity and polarization. Compare does both. Nothing is
// measured here: every number comes from the library's analysis.
package diff

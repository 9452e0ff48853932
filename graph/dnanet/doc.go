// Package dnanet projects a compiled graph.Model into the networks of
// Discourse Network Analysis (DNA): the one-mode actor or claim networks
// (congruence, conflict, subtract, with DNA's normalisations) and the
// two-mode affiliation network, and writes them as JSON, an edge list or a
// matrix (docs/networks.md defines them).
package dnanet

// Package report writes claimnet's interactive report: one self-contained
// HTML file to explore a compiled network, the evidence behind each edge
// and its time line, in any browser and from file:// with no server.
//
// Write puts the actor–claim figure (drawn by package render, with the
// same layout and style as `claimnet render`), the dataset's statements
// with their quotes and sources, and the Analysis (centralities, contested
// claims, reversals, coalitions) into one page, with the page's scripts,
// styles and the Go fonts inline. The scripts (assets/*.js, embedded in
// the package) add pan and zoom, search, highlighting, the evidence panel,
// filters, a date range and sortable tables; they compute nothing about
// the network that the Go library has not, except what the date range
// changes: which statements are in it, and so which edges and nodes are
// shown, which claims are contested and which actors reversed, by the
// definitions of docs/measures.md and the semantics of graph.Window.
//
// The same Model, Analysis and Options give the same bytes.
package report

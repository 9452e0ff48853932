// Package export turns a compiled graph.Model and its graph.Analysis into
// the graph document, claimnet's one versioned JSON form of the network,
// and writes it in the formats other tools read: JSON (the document
// itself), node-link JSON (networkx, d3), GraphML (networkx, igraph,
// Gephi, yEd), GEXF 1.3 (Gephi, with a timeline), CSV node and edge tables
// (Gephi's spreadsheet import, R's igraph::graph_from_data_frame) and DOT
// (Graphviz).
//
// Build reads the Model and the Analysis once and every writer reads the
// Document it returns, so all formats show the same nodes, edges, weights
// and attributes. A document built with Streamed holds no records: its
// writers make each edge, statement, relation and source from the Model
// as they write it, so that exporting a million statements does not hold
// a million records. The document's shape is described in
// docs/graph-document.md and docs/graph-document.schema.json; Version
// names it.
package export

// Package query runs jq programs over the graph document (package
// graph/export) of a compiled network, with gojq as the jq engine and the
// network's own functions added to the language:
//
//	neighbors($id)            ids of the nodes joined to $id by any edge
//	neighbors($id; $layers)   … by an edge of one of $layers
//	path($from; $to)          a shortest path, as a list of node ids
//	path($from; $to; $layers) … over the edges of $layers only
//	supporters($claim)        ids of the actors supporting $claim
//	opposers($claim)          ids of the actors opposing $claim
//	contested                 ids of the contested claims, most contested first
//	centrality($measure)      [{id, kind, score}], highest score first
//	node($id)                 the node object with that id
//	statements($id)           the statements of an actor or on a claim
//
// The functions read the Model, the Analysis and the document they were
// built from; none recomputes the network. docs/graph-document.md
// defines each precisely and docs/cookbook.md shows them at work.
//
// Compile parses and compiles a program once; Query.Run runs it under a
// context, so a caller can bound it with a timeout. Encoder prints the
// results as jq does.
package query

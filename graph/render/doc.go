// Package render draws claimnet's figures: the actor–claim network, the
// actor network, the argument layer and ego networks, each from the one
// compiled graph.Model and its graph.Analysis.
//
// Build selects, bounds and styles a figure's nodes and edges and writes
// them as DOT text; a Renderer lays the text out and draws it with
// Graphviz, compiled to WebAssembly and run by go-graphviz (in-process, or
// in a worker process that can be killed when its context is done: see
// NewWorkerRenderer), then places the legend, title and caption beside the
// graph. The same Model, Analysis and Options give byte-identical output.
package render

package query

import (
	"fmt"

	"github.com/claimnet/claimnet/graph"
	"github.com/itchyny/gojq"
)

// functions returns the compiler options that define the graph functions
// over g. Each answers from g's Model, Analysis and document; see the
// package doc and docs/graph-document.md for their definitions.
func (g *Graph) functions() []gojq.CompilerOption {
	return []gojq.CompilerOption{
		gojq.WithFunction("neighbors", 1, 2, g.fnNeighbors),
		gojq.WithFunction("path", 2, 3, g.fnPath),
		gojq.WithFunction("supporters", 1, 1, g.fnStance(true)),
		gojq.WithFunction("opposers", 1, 1, g.fnStance(false)),
		gojq.WithFunction("contested", 0, 0, g.fnContested),
		gojq.WithFunction("centrality", 1, 1, g.fnCentrality),
		gojq.WithFunction("node", 1, 1, g.fnNode),
		gojq.WithFunction("statements", 1, 1, g.fnStatements),
	}
}

// neighbors($id), neighbors($id; $layers)
func (g *Graph) fnNeighbors(_ any, args []any) any {
	i, err := g.node("neighbors", args[0])
	if err != nil {
		return err
	}
	bits := graph.AllLayers
	if len(args) == 2 {
		if bits, err = layers("neighbors", args[1]); err != nil {
			return err
		}
	}
	return anyList(g.neighbors(i, bits))
}

// path($from; $to), path($from; $to; $layers)
func (g *Graph) fnPath(_ any, args []any) any {
	s, err := g.node("path", args[0])
	if err != nil {
		return err
	}
	t, err := g.node("path", args[1])
	if err != nil {
		return err
	}
	bits := graph.AllLayers
	if len(args) == 3 {
		if bits, err = layers("path", args[2]); err != nil {
			return err
		}
	}
	p := g.path(s, t, bits)
	if p == nil {
		return nil
	}
	return anyList(p)
}

// supporters($claim), opposers($claim)
func (g *Graph) fnStance(support bool) func(any, []any) any {
	name := "opposers"
	if support {
		name = "supporters"
	}
	return func(_ any, args []any) any {
		c, err := g.claim(name, args[0])
		if err != nil {
			return err
		}
		r := g.Analysis.Claims[c]
		if support {
			return anyList(r.Supporters)
		}
		return anyList(r.Opposers)
	}
}

// contested
func (g *Graph) fnContested(any, []any) any { return anyList(g.Contested()) }

// centrality($measure)
func (g *Graph) fnCentrality(_ any, args []any) any {
	m, ok := args[0].(string)
	if !ok {
		return fmt.Errorf("centrality: the measure must be a string, not %s", typeName(args[0]))
	}
	scored, err := g.Centrality(m)
	if err != nil {
		return err
	}
	out := make([]any, len(scored))
	for i, s := range scored {
		out[i] = map[string]any{"id": s.ID, "kind": s.Kind, "score": s.Score}
	}
	return out
}

// node($id)
func (g *Graph) fnNode(_ any, args []any) any {
	i, err := g.node("node", args[0])
	if err != nil {
		return err
	}
	nodes, _ := g.field(nodesField).([]any)
	return nodes[i]
}

// statements($id)
func (g *Graph) fnStatements(_ any, args []any) any {
	i, err := g.node("statements", args[0])
	if err != nil {
		return err
	}
	// Document statement k is the Model's statement k.
	idx := g.Model.NodeStatements(int64(i))
	out := make([]any, len(idx))
	stmts := g.Document().Statements
	for j, s := range idx {
		out[j] = statementValue(&stmts[s])
	}
	return out
}

func anyList(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

package export

import (
	"iter"
	"strconv"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
)

// records makes the records of a document (its edges, statements,
// relations and sources) from the Model, one at a time and in document
// order. Build collects them into the Document's lists; a document built
// with Streamed keeps the records value instead, and its writers make
// each record as they write it, so that a million statements need no
// memory of their own.
type records struct {
	m            *graph.Model
	perStatement bool
	// stmtEdge is the document edge of each statement of m.Statements.
	stmtEdge []int32
	// relEdge is the document edge of each declared relation and target.
	relEdge map[relKey]int
	// edges is the number of edges.
	edges int
}

// relKey names one target of one declared relation.
type relKey struct {
	r  *annotations.Relation
	to string
}

// newRecords numbers the document's edges: the stance edges, then the
// argument edges, then the relation edges, as records.edges gives them.
func newRecords(m *graph.Model, perStatement bool) *records {
	r := &records{m: m, perStatement: perStatement, stmtEdge: make([]int32, len(m.Statements)), relEdge: map[relKey]int{}}
	n := 0
	for i := range m.Stances {
		for j, k := range m.EdgeStatementIndices(i) {
			if perStatement {
				r.stmtEdge[k] = int32(n + j)
			} else {
				r.stmtEdge[k] = int32(n)
			}
		}
		if perStatement {
			n += len(m.EdgeStatementIndices(i))
		} else {
			n++
		}
	}
	n += len(m.Arguments)
	for _, re := range m.Relations {
		switch {
		case len(re.Relations) == 0: // member-of, from an affiliation
			n++
		case !perStatement:
			for _, rel := range re.Relations {
				r.relEdge[relKey{rel, m.Actors[re.To].ID}] = n
			}
			n++
		default:
			for _, rel := range re.Relations {
				r.relEdge[relKey{rel, m.Actors[re.To].ID}] = n
				n++
			}
		}
	}
	r.edges = n
	return r
}

// edgeID is the id of document edge i.
func edgeID(i int) string { return "e" + strconv.Itoa(i) }

// allEdges yields the document's edges in order. The Edge is reused from
// one record to the next.
func (r *records) allEdges() iter.Seq[*Edge] {
	return func(yield func(*Edge) bool) {
		m := r.m
		var e Edge
		n := 0
		emit := func(x Edge) bool {
			e = x
			e.ID = edgeID(n)
			e.Sign = Sign(e.Layer, e.Kind)
			n++
			return yield(&e)
		}
		for i, se := range m.Stances {
			src, dst, kind := m.Actors[se.Actor].ID, m.Claims[se.Claim].ID, se.Stance.String()
			if !r.perStatement {
				if !emit(Edge{Source: src, Target: dst, Layer: LayerStance, Kind: kind, Stance: kind,
					Weight: se.Weight, First: Date(se.First), Last: Date(se.Last)}) {
					return
				}
				continue
			}
			for _, s := range m.EdgeStatements(i) {
				direct := s.Direct
				if !emit(Edge{Source: src, Target: dst, Layer: LayerStance, Kind: kind, Stance: kind,
					Weight: 1, First: Date(s.Date), Last: Date(s.Date),
					Quote: s.Quote, TextSource: s.Source, Direct: &direct}) {
					return
				}
			}
		}
		for _, a := range m.Arguments {
			if !emit(Edge{Source: m.Claims[a.From].ID, Target: m.Claims[a.To].ID, Layer: LayerArgument, Kind: a.Type, Weight: 1}) {
				return
			}
		}
		for _, re := range m.Relations {
			src, dst := m.Actors[re.From].ID, m.Actors[re.To].ID
			switch {
			case len(re.Relations) == 0:
				if !emit(Edge{Source: src, Target: dst, Layer: LayerRelation, Kind: re.Type, Weight: 1}) {
					return
				}
			case !r.perStatement:
				if !emit(Edge{Source: src, Target: dst, Layer: LayerRelation, Kind: re.Type,
					Weight: len(re.Relations), First: Date(re.First), Last: Date(re.Last)}) {
					return
				}
			default:
				for _, rel := range re.Relations {
					if !emit(Edge{Source: src, Target: dst, Layer: LayerRelation, Kind: re.Type,
						Weight: 1, First: Date(rel.Date), Last: Date(rel.Date), Quote: rel.Quote, TextSource: rel.Source}) {
						return
					}
				}
			}
		}
	}
}

// allStatements yields the statements within the window, in dataset
// order; id names document edge i. The Statement is reused.
func (r *records) allStatements(id func(int) string) iter.Seq[*Statement] {
	return func(yield func(*Statement) bool) {
		var st Statement
		for k, s := range r.m.Statements {
			st = Statement{
				Actor: s.Actor, Claim: s.Claim, Stance: s.Stance.String(), Sign: int(s.Stance),
				Quote: s.Quote, Source: s.Source, Date: Date(s.Date), Direct: s.Direct, Note: s.Note,
				Edge: id(int(r.stmtEdge[k])), At: s.Pos.String(),
			}
			if !yield(&st) {
				return
			}
		}
	}
}

// allRelations yields the relations behind the relation edges, one per
// target, in dataset order (the Model has selected them by the window);
// id names document edge i. The Relation is reused.
func (r *records) allRelations(id func(int) string) iter.Seq[*Relation] {
	return func(yield func(*Relation) bool) {
		var rel Relation
		for _, dr := range r.m.Data.Relations {
			for _, to := range dr.To {
				e, ok := r.relEdge[relKey{dr, to}]
				if !ok {
					continue
				}
				rel = Relation{
					From: dr.From, To: to, Type: dr.Type, Quote: dr.Quote, Source: dr.Source,
					Date: Date(dr.Date), Edge: id(e), At: dr.Pos.String(),
				}
				if !yield(&rel) {
					return
				}
			}
		}
	}
}

// allSources yields every source of the dataset, in dataset order. The
// Source is reused.
func (r *records) allSources() iter.Seq[*Source] {
	return func(yield func(*Source) bool) {
		var src Source
		for i, s := range r.m.Data.Sources {
			src = Source{
				ID: s.ID, Title: s.Title, Outlet: s.Outlet, Author: s.Author,
				Published: Date(s.Published), File: s.File, Statements: r.m.SourceStatements[i],
			}
			if !yield(&src) {
				return
			}
		}
	}
}

// collect builds the record lists of d.
func (r *records) collect(d *Document) {
	d.Edges = make([]Edge, 0, r.edges)
	for e := range r.allEdges() {
		d.Edges = append(d.Edges, *e)
	}
	// The statements and relations share their edge's id string.
	id := func(i int) string { return d.Edges[i].ID }
	d.Statements = make([]Statement, 0, len(r.m.Statements))
	for s := range r.allStatements(id) {
		d.Statements = append(d.Statements, *s)
	}
	d.Relations = []Relation{}
	for rel := range r.allRelations(id) {
		d.Relations = append(d.Relations, *rel)
	}
	d.Sources = make([]Source, 0, len(r.m.Data.Sources))
	for s := range r.allSources() {
		d.Sources = append(d.Sources, *s)
	}
}

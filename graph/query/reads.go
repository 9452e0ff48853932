package query

import "github.com/itchyny/gojq"

// fieldsRead returns the top-level fields of the document a program may
// read, or all == true when it may read the document as a whole. The
// document's statements and edges are as large as the dataset (a million
// statements make gigabytes of jq values), so a program gets only the
// fields it may read and cannot tell: the analysis proves that the
// document itself (the input and any variable bound to it) is only ever
// indexed by literal keys, and those are the fields. Anything else done
// to the document (iterating it, listing its keys, comparing it, printing
// it, passing it to a function that reads its input, paths into it)
// reads it whole, and so does any function definition: the analysis is
// sound, not complete.
func fieldsRead(q *gojq.Query) (fields map[string]bool, all bool) {
	r := reader{vars: map[string]kind{}, fields: map[string]bool{}}
	if r.query(q, doc) == doc {
		r.reads = true // the document is a result, printed whole
	}
	if r.reads {
		return nil, true
	}
	return r.fields, false
}

// kind is what the analysis knows of a value: that it is the document
// itself, or that it holds no part of the statements list.
type kind uint8

const (
	free kind = iota // holds no part of the statements list
	doc              // may be the document itself
)

func join(a, b kind) kind { return max(a, b) }

type reader struct {
	vars   map[string]kind // variables bound to the document
	fields map[string]bool // fields of the document read
	reads  bool            // the document is read as a whole
}

// wholly records that the program reads a value of kind k as a whole.
func (r *reader) wholly(k kind) {
	if k == doc {
		r.reads = true
	}
}

func (r *reader) query(q *gojq.Query, in kind) kind {
	if q == nil || r.reads {
		return free
	}
	if len(q.Imports) > 0 || len(q.FuncDefs) > 0 || q.Meta != nil {
		r.reads = true
		return free
	}
	if q.Term != nil {
		return r.term(q.Term, in)
	}
	switch q.Op {
	case gojq.OpPipe:
		if len(q.Patterns) > 0 { // left as $x | right
			lk := r.query(q.Left, in)
			saved := r.bind(q.Patterns, lk)
			out := r.query(q.Right, in)
			r.vars = saved
			return out
		}
		return r.query(q.Right, r.query(q.Left, in))
	case gojq.OpComma, gojq.OpAlt:
		return join(r.query(q.Left, in), r.query(q.Right, in))
	case gojq.OpAnd, gojq.OpOr: // truth values only
		r.query(q.Left, in)
		r.query(q.Right, in)
		return free
	case gojq.OpAdd, gojq.OpSub, gojq.OpMul, gojq.OpDiv, gojq.OpMod,
		gojq.OpEq, gojq.OpNe, gojq.OpGt, gojq.OpLt, gojq.OpGe, gojq.OpLe:
		r.wholly(r.query(q.Left, in))
		r.wholly(r.query(q.Right, in))
		return free
	}
	// Assignments and updates rewrite their input and return it.
	r.wholly(in)
	r.wholly(r.query(q.Left, in))
	r.wholly(r.query(q.Right, in))
	return free
}

// bind binds the variables of patterns to values of kind k and returns
// the variables as they were before. Destructuring the document reads it.
func (r *reader) bind(patterns []*gojq.Pattern, k kind) map[string]kind {
	saved := r.vars
	r.vars = make(map[string]kind, len(saved)+1)
	for name, v := range saved {
		r.vars[name] = v
	}
	for _, p := range patterns {
		r.pattern(p, k)
	}
	return saved
}

func (r *reader) pattern(p *gojq.Pattern, k kind) {
	if p.Name != "" {
		r.vars[p.Name] = join(r.vars[p.Name], k)
		if len(p.Array) == 0 && len(p.Object) == 0 {
			return
		}
	}
	r.wholly(k)
	for _, e := range p.Array {
		r.pattern(e, free)
	}
	for _, o := range p.Object {
		if o.KeyString != nil {
			r.str(o.KeyString, doc)
		}
		r.query(o.KeyQuery, doc)
		if o.Key != "" && o.Val == nil { // {$name}
			r.vars[o.Key] = free
		}
		if o.Val != nil {
			r.pattern(o.Val, free)
		}
	}
}

func (r *reader) str(s *gojq.String, in kind) {
	for _, q := range s.Queries {
		r.wholly(r.query(q, in))
	}
}

func (r *reader) term(t *gojq.Term, in kind) kind {
	var k kind
	switch t.Type {
	case gojq.TermTypeIdentity:
		k = in
	case gojq.TermTypeRecurse:
		r.wholly(in)
	case gojq.TermTypeNull, gojq.TermTypeTrue, gojq.TermTypeFalse, gojq.TermTypeNumber, gojq.TermTypeBreak:
	case gojq.TermTypeString:
		r.str(t.Str, in)
	case gojq.TermTypeFormat:
		if t.Str != nil {
			r.str(t.Str, in)
		} else {
			r.wholly(in)
		}
	case gojq.TermTypeIndex:
		k = r.index(t.Index, in, in)
	case gojq.TermTypeFunc:
		k = r.call(t.Func, in)
	case gojq.TermTypeObject:
		for _, kv := range t.Object.KeyVals {
			switch {
			case kv.Val != nil:
				if kv.KeyString != nil {
					r.str(kv.KeyString, in)
				}
				r.wholly(r.query(kv.KeyQuery, in))
				r.wholly(r.query(kv.Val, in))
			case len(kv.Key) > 0 && kv.Key[0] == '$': // {$x}
				r.wholly(r.vars[kv.Key])
			case kv.Key != "": // {name}: .name
				r.wholly(r.key(kv.Key, in))
			default:
				r.wholly(in)
			}
		}
	case gojq.TermTypeArray:
		if t.Array.Query != nil {
			r.wholly(r.query(t.Array.Query, in))
		}
	case gojq.TermTypeUnary:
		r.wholly(r.term(t.Unary.Term, in))
	case gojq.TermTypeIf:
		r.query(t.If.Cond, in)
		k = r.query(t.If.Then, in)
		for _, e := range t.If.Elif {
			r.query(e.Cond, in)
			k = join(k, r.query(e.Then, in))
		}
		if t.If.Else != nil {
			k = join(k, r.query(t.If.Else, in))
		} else {
			k = join(k, in)
		}
	case gojq.TermTypeTry:
		k = r.query(t.Try.Body, in)
		if t.Try.Catch != nil {
			k = join(k, r.query(t.Try.Catch, free))
		}
	case gojq.TermTypeReduce:
		k = r.fold(t.Reduce.Query, t.Reduce.Patterns, t.Reduce.Start, t.Reduce.Update, nil, in)
	case gojq.TermTypeForeach:
		k = r.fold(t.Foreach.Query, t.Foreach.Patterns, t.Foreach.Start, t.Foreach.Update, t.Foreach.Extract, in)
	case gojq.TermTypeLabel:
		k = r.query(t.Label.Body, in)
	case gojq.TermTypeQuery:
		k = r.query(t.Query, in)
	default:
		r.wholly(in)
	}
	for _, s := range t.SuffixList {
		switch {
		case s.Index != nil:
			k = r.index(s.Index, k, in)
		case s.Iter:
			r.wholly(k)
			k = free
		}
	}
	return k
}

// fold is reduce (extract nil) and foreach: the state starts as start and
// goes through update with each value of source bound to pattern.
func (r *reader) fold(source *gojq.Query, patterns []*gojq.Pattern, start, update, extract *gojq.Query, in kind) kind {
	saved := r.bind(patterns, r.query(source, in))
	state := r.query(start, in)
	state = join(state, r.query(update, state))
	state = join(state, r.query(update, state))
	out := state
	if extract != nil {
		out = r.query(extract, state)
	}
	r.vars = saved
	return out
}

// index is x.name, x["name"], x[e] or x[e:f] on a value of kind x; the
// expressions e and f read the term's input in.
func (r *reader) index(ix *gojq.Index, x, in kind) kind {
	if ix.Name != "" {
		return r.key(ix.Name, x)
	}
	if ix.Str != nil && ix.Str.Queries == nil {
		return r.key(ix.Str.Str, x)
	}
	if !ix.IsSlice && ix.Start != nil && ix.Start.Term != nil && len(ix.Start.Term.SuffixList) == 0 &&
		ix.Start.Term.Type == gojq.TermTypeString && ix.Start.Term.Str.Queries == nil {
		return r.key(ix.Start.Term.Str.Str, x)
	}
	if ix.Str != nil {
		r.str(ix.Str, in)
	}
	r.wholly(r.query(ix.Start, in))
	r.wholly(r.query(ix.End, in))
	r.wholly(x)
	return free
}

// key is x.name on a value of kind x.
func (r *reader) key(name string, x kind) kind {
	if x == doc {
		r.fields[name] = true
	}
	return free
}

// call is a call of a function or a reference to a variable ($name).
func (r *reader) call(f *gojq.Func, in kind) kind {
	if len(f.Name) > 0 && f.Name[0] == '$' {
		return r.vars[f.Name]
	}
	args := func() kind {
		var k kind
		for _, a := range f.Args {
			k = join(k, r.query(a, in))
		}
		return k
	}
	switch f.Name {
	case "neighbors", "path", "supporters", "opposers", "contested", "centrality", "node", "statements",
		"empty", "not", "type", "range", "error", "halt", "now", "env", "builtins", "input_filename",
		"infinite", "nan", "isempty":
		// The graph functions and these builtins read no more of
		// their input than its type and truth; their arguments read
		// the input as the caller's. jq's path(f) and error (which
		// reports its input) are not among them.
		if f.Name == "path" && len(f.Args) == 1 || f.Name == "error" && len(f.Args) == 0 {
			break
		}
		r.wholly(args())
		return free
	case "select":
		r.wholly(args())
		return in
	case "first", "last":
		if len(f.Args) == 1 {
			return r.query(f.Args[0], in)
		}
	case "limit":
		if len(f.Args) == 2 {
			r.wholly(r.query(f.Args[0], in))
			return r.query(f.Args[1], in)
		}
	}
	r.wholly(in)
	r.wholly(args())
	return free
}

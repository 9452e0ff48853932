package annotations

import (
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"
)

// File is the content of one annotation file, for writing. A file with a
// Source holds that source's statements and relations, whose Source fields
// may then be left empty.
type File struct {
	Comment    string // written as # lines at the top
	Source     *Source
	Actors     []*Actor
	Claims     []*Claim
	Sources    []*Source
	Statements []*Statement
	Relations  []*Relation
}

// Encode writes f in the annotation format. Fields with zero values are
// left out, so that Load(Encode(f)) gives f back.
func Encode(w io.Writer, f *File) error {
	doc := &yaml.Node{Kind: yaml.MappingNode}
	if f.Source != nil {
		addPair(doc, "source", sourceNode(f.Source))
	}
	addSeq(doc, "actors", f.Actors, actorNode)
	addSeq(doc, "claims", f.Claims, claimNode)
	addSeq(doc, "sources", f.Sources, sourceNode)
	addSeq(doc, "statements", f.Statements, func(s *Statement) *yaml.Node { return statementNode(f.Source, s) })
	addSeq(doc, "relations", f.Relations, func(r *Relation) *yaml.Node { return relationNode(f.Source, r) })
	if f.Comment != "" {
		doc.HeadComment = f.Comment
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{doc}}); err != nil {
		return fmt.Errorf("encode annotations: %w", err)
	}
	return enc.Close()
}

// addSeq adds key: a sequence of the entries' nodes, unless there are none.
func addSeq[T any](doc *yaml.Node, key string, entries []T, node func(T) *yaml.Node) {
	if len(entries) == 0 {
		return
	}
	seq := seqNode()
	for _, e := range entries {
		seq.Content = append(seq.Content, node(e))
	}
	addPair(doc, key, seq)
}

// The entry encoders below write each field as decode.go's decoders read
// it, leaving out zero values. They look alike because each is no more
// than its type's field list, in the order the format documents; they
// stay one function per type, like the decoders, because a shared
// table-driven or reflective encoder would hide that order and the
// per-field rules (a single relation target as a scalar, the source and
// date a statement takes from its file).

func actorNode(a *Actor) *yaml.Node {
	m := mapNode()
	addStr(m, "id", a.ID)
	addStr(m, "name", a.Name)
	addStr(m, "type", a.Type)
	addStr(m, "role", a.Role)
	addStr(m, "affiliation", a.Affiliation)
	addList(m, "aliases", a.Aliases)
	addList(m, "tags", a.Tags)
	return m
}

func claimNode(c *Claim) *yaml.Node {
	m := mapNode()
	addStr(m, "id", c.ID)
	addStr(m, "text", c.Text)
	addStr(m, "topic", c.Topic)
	addList(m, "about", c.About)
	addList(m, "supports", c.Supports)
	addList(m, "attacks", c.Attacks)
	return m
}

func sourceNode(s *Source) *yaml.Node {
	m := mapNode()
	addStr(m, "id", s.ID)
	addStr(m, "title", s.Title)
	addStr(m, "outlet", s.Outlet)
	addStr(m, "author", s.Author)
	addStr(m, "published", s.Published.String())
	addStr(m, "file", s.File)
	return m
}

// statementNode encodes s in a file of source src (nil: none), leaving
// out the source and the date when they are the file's.
func statementNode(src *Source, s *Statement) *yaml.Node {
	m := mapNode()
	addStr(m, "actor", s.Actor)
	addStr(m, "claim", s.Claim)
	addStr(m, "stance", s.Stance.String())
	addStr(m, "quote", s.Quote)
	if src == nil || s.Source != src.ID {
		addStr(m, "source", s.Source)
	}
	if src == nil || s.Date != src.Published {
		addStr(m, "date", s.Date.String())
	}
	if s.Direct {
		addPair(m, "direct", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	addStr(m, "note", s.Note)
	return m
}

// relationNode encodes r in a file of source src (nil: none), leaving out
// the source when it is the file's; a single target is written as a
// scalar.
func relationNode(src *Source, r *Relation) *yaml.Node {
	m := mapNode()
	addStr(m, "from", r.From)
	addStr(m, "type", r.Type)
	if len(r.To) == 1 {
		addStr(m, "to", r.To[0])
	} else {
		addList(m, "to", r.To)
	}
	addStr(m, "quote", r.Quote)
	if src == nil || r.Source != src.ID {
		addStr(m, "source", r.Source)
	}
	addStr(m, "date", r.Date.String())
	return m
}

func mapNode() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }
func seqNode() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode} }

func addPair(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

// addStr adds key: value unless value is empty. The !!str tag makes the
// encoder quote values such as "yes" or "2025" that YAML would otherwise
// read back as another type.
func addStr(m *yaml.Node, key, value string) {
	if value == "" {
		return
	}
	addPair(m, key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value})
}

func addList(m *yaml.Node, key string, values []string) {
	if len(values) == 0 {
		return
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, v := range values {
		seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v})
	}
	addPair(m, key, seq)
}

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
	if len(f.Actors) > 0 {
		seq := seqNode()
		for _, a := range f.Actors {
			m := mapNode()
			addStr(m, "id", a.ID)
			addStr(m, "name", a.Name)
			addStr(m, "type", a.Type)
			addStr(m, "role", a.Role)
			addStr(m, "affiliation", a.Affiliation)
			addList(m, "aliases", a.Aliases)
			addList(m, "tags", a.Tags)
			seq.Content = append(seq.Content, m)
		}
		addPair(doc, "actors", seq)
	}
	if len(f.Claims) > 0 {
		seq := seqNode()
		for _, c := range f.Claims {
			m := mapNode()
			addStr(m, "id", c.ID)
			addStr(m, "text", c.Text)
			addStr(m, "topic", c.Topic)
			addList(m, "about", c.About)
			addList(m, "supports", c.Supports)
			addList(m, "attacks", c.Attacks)
			seq.Content = append(seq.Content, m)
		}
		addPair(doc, "claims", seq)
	}
	if len(f.Sources) > 0 {
		seq := seqNode()
		for _, s := range f.Sources {
			seq.Content = append(seq.Content, sourceNode(s))
		}
		addPair(doc, "sources", seq)
	}
	if len(f.Statements) > 0 {
		seq := seqNode()
		for _, s := range f.Statements {
			m := mapNode()
			addStr(m, "actor", s.Actor)
			addStr(m, "claim", s.Claim)
			addStr(m, "stance", s.Stance.String())
			addStr(m, "quote", s.Quote)
			if f.Source == nil || s.Source != f.Source.ID {
				addStr(m, "source", s.Source)
			}
			if f.Source == nil || s.Date != f.Source.Published {
				addStr(m, "date", s.Date.String())
			}
			if s.Direct {
				addPair(m, "direct", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
			}
			addStr(m, "note", s.Note)
			seq.Content = append(seq.Content, m)
		}
		addPair(doc, "statements", seq)
	}
	if len(f.Relations) > 0 {
		seq := seqNode()
		for _, r := range f.Relations {
			m := mapNode()
			addStr(m, "from", r.From)
			addStr(m, "type", r.Type)
			if len(r.To) == 1 {
				addStr(m, "to", r.To[0])
			} else {
				addList(m, "to", r.To)
			}
			addStr(m, "quote", r.Quote)
			if f.Source == nil || r.Source != f.Source.ID {
				addStr(m, "source", r.Source)
			}
			addStr(m, "date", r.Date.String())
			seq.Content = append(seq.Content, m)
		}
		addPair(doc, "relations", seq)
	}
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

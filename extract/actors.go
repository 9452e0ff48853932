package extract

import (
	"strings"

	"github.com/claimnet/claimnet/annotations"
)

// actorIndex resolves speaker names against a list of known actors. It is
// built once by New and only read afterwards.
type actorIndex struct {
	keys  map[string][]string // normalised id, name and alias → actor ids
	words map[string][]string // a word of a person's name → actor ids
	ids   map[string]bool
	roles []actorRole
}

type actorRole struct {
	id    string
	words []string
}

// actorKey normalises a name for lookup: typographic marks folded as in
// annotations.NormalizeText, lower case, without a leading "the".
func actorKey(s string) string {
	s = strings.ToLower(annotations.NormalizeText(s))
	return strings.TrimPrefix(s, "the ")
}

func newActorIndex(actors []*annotations.Actor) *actorIndex {
	ix := &actorIndex{keys: map[string][]string{}, words: map[string][]string{}, ids: map[string]bool{}}
	addKey := func(m map[string][]string, k, id string) {
		if k != "" && !contains(m[k], id) {
			m[k] = append(m[k], id)
		}
	}
	for _, a := range actors {
		if a == nil || a.ID == "" {
			continue
		}
		ix.ids[a.ID] = true
		addKey(ix.keys, a.ID, a.ID)
		addKey(ix.keys, actorKey(a.Name), a.ID)
		for _, al := range a.Aliases {
			addKey(ix.keys, actorKey(al), a.ID)
		}
		if a.Type == annotations.TypePerson {
			for _, w := range strings.Fields(actorKey(a.Name)) {
				addKey(ix.words, w, a.ID)
			}
		}
		if a.Role != "" {
			ix.roles = append(ix.roles, actorRole{a.ID, strings.Fields(actorKey(a.Role))})
		}
	}
	return ix
}

// resolve returns the id of the one known actor that the speaker (or,
// failing that, the words of the mention) names: by id, name or alias;
// by a word of a person's name ("Asif"); or, for an unnamed role ("the
// information minister"), by the words of an actor's role. It returns ""
// when no actor or more than one matches.
func (ix *actorIndex) resolve(speaker string, m mention) string {
	if len(ix.ids) == 0 {
		return ""
	}
	for _, s := range [...]string{speaker, m.text} {
		if s == "" {
			continue
		}
		if ids := ix.keys[actorKey(s)]; len(ids) == 1 {
			return ids[0]
		}
	}
	if id := annotations.SuggestID(speaker); ix.ids[id] {
		return id
	}
	if speaker != "" && !strings.Contains(speaker, " ") && m.kind != mGroup {
		if ids := ix.words[actorKey(speaker)]; len(ids) == 1 {
			return ids[0]
		}
	}
	if speaker == "" && m.kind == mRole {
		want := strings.Fields(actorKey(m.text))
		found := ""
		for _, r := range ix.roles {
			if containsAll(r.words, want) {
				if found != "" && found != r.id {
					return ""
				}
				found = r.id
			}
		}
		return found
	}
	return ""
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !contains(have, w) {
			return false
		}
	}
	return len(want) > 0
}

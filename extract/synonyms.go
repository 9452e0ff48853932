package extract

import (
	"strings"

	"github.com/kljensen/snowball/english"
)

// claimSynonymsList groups words that news on politics, conflict and
// diplomacy uses for the same thing, one group to a line. Claim retrieval
// counts every word of a group as its first word, so that "harboring
// militants" meets "shelters the TTP's fighters" and "written assurances"
// meets "written guarantees". The groups are general vocabulary, not any
// one dataset's: a group belongs here when a reporter would swap its
// words in the same sentence without changing what is claimed. British
// and American spellings are folded the same way.
const claimSynonymsList = `
	guarantee assurance commitment pledge promise undertaking vow
	shelter harbor harbour host haven sanctuary safe-haven
	talks negotiations negotiation dialogue
	militant terrorist terror insurgent extremist jihadist fighter
	attack strike assault raid
	ceasefire truce
	penalize penalise punish sanction
	interfere meddle interference meddling
	accuse blame allege
	threat threaten warn warning
	border frontier
	agreement deal accord pact treaty
	violate breach violation
	reject refuse dismiss rebuff
	criticize criticise condemn denounce
	terminate collapse breakdown end halt suspend
	stop prevent curb curtail restrain
	destroy obliterate annihilate wipe crush
	war conflict hostilities fighting
	weapon arms
	vote ballot
	law legislation statute
	protest demonstration rally
	corruption graft bribery
	evidence proof
	investigate investigation probe inquiry
	mediator facilitator intermediary
	relations ties relationship
	neighbor neighbour
	defense defence
	favor favour
	labor labour
	behavior behaviour
	economy economic
	responsibility responsible accountable accountability
	sovereignty sovereign
	`

// claimSynonyms maps the Porter2 stem of each word of claimSynonymsList to
// the stem of its group's first word. It is built once and only read.
var claimSynonyms = func() map[string]string {
	m := make(map[string]string)
	for _, line := range strings.Split(claimSynonymsList, "\n") {
		words := strings.Fields(line)
		if len(words) == 0 {
			continue
		}
		head := english.Stem(words[0], true)
		for _, w := range words {
			if s := english.Stem(w, true); s != head {
				if _, dup := m[s]; !dup {
					m[s] = head
				}
			}
		}
	}
	return m
}()

package annotations

import (
	"strconv"
	"strings"
)

// maxMadeIDLen bounds the ids MakeID makes from names, which for claims
// are whole sentences.
const maxMadeIDLen = 60

// MakeID returns a fresh id made from name for an importer: SuggestID's
// kebab-case form, cut at a hyphen to at most 60 characters, or fallback
// when the name has no letters or digits, with -2, -3, … appended until
// it is not in taken. The id is added to taken.
func MakeID(name, fallback string, taken map[string]bool) string {
	base := SuggestID(name)
	if len(base) > maxMadeIDLen {
		cut := strings.LastIndexByte(base[:maxMadeIDLen+1], '-')
		if cut <= 0 {
			cut = maxMadeIDLen
		}
		base = strings.Trim(base[:cut], "-")
	}
	if base == "" {
		base = fallback
	}
	id := base
	for n := 2; taken[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	taken[id] = true
	return id
}

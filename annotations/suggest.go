package annotations

import "sort"

// Suggester finds, among a fixed set of candidate ids, the one nearest to
// a string, as Nearest does, without comparing the string with every
// candidate: the candidates are kept in a trie, searched with the rows of
// the edit-distance table shared by every candidate with a common prefix,
// for distance 0, then 1, and so on up to Nearest's limit. A branch is
// left as soon as no candidate in it can be within the distance searched
// (the table's row, and the lengths of the candidates below, bound it), so
// a typo of one of 10,000 ids is found by visiting a few dozen trie nodes.
//
// Each search does at most a fixed amount of work (maxSuggestCells
// cells of the table); a search that would do more reports no
// suggestion, so that many unknown ids cost time linear in their number.
// A Suggester is safe for use by one goroutine at a time.
type Suggester struct {
	words []string // the candidates, sorted, without duplicates
	nodes []trieNode
	rows  [][]int32 // the table's rows, one per trie depth, reused
}

// maxSuggestCells bounds the work of one Suggester.Nearest: about a
// millisecond.
const maxSuggestCells = 1 << 18

type trieNode struct {
	first, next int32 // first child and next sibling, or -1; siblings in byte order
	word        int32 // the candidate that ends here, or -1
	c           byte  // the byte on the edge into the node
	// minRem and maxRem bound the lengths of the candidates' remainders
	// strictly below the node (0, 0 when there are none).
	minRem, maxRem int32
}

// NewSuggester indexes candidates for Nearest.
func NewSuggester(candidates []string) *Suggester {
	words := append([]string(nil), candidates...)
	sort.Strings(words)
	k := 0
	for i, w := range words {
		if i == 0 || w != words[k-1] {
			words[k] = w
			k++
		}
	}
	words = words[:k]
	x := &Suggester{words: words, nodes: []trieNode{{first: -1, next: -1, word: -1}}}
	// Words arrive in lexical order, so each is inserted along the path
	// of its longest common prefix with the previous one: path[d] is the
	// node at depth d of the previous word; last[d] is its last child.
	path := []int32{0}
	for i, w := range words {
		common := 0
		if i > 0 {
			prev := words[i-1]
			for common < len(prev) && common < len(w) && prev[common] == w[common] {
				common++
			}
		}
		path = path[:common+1]
		for d := common; d < len(w); d++ {
			parent := path[d]
			n := int32(len(x.nodes))
			x.nodes = append(x.nodes, trieNode{first: -1, next: -1, word: -1, c: w[d]})
			// The new child is the parent's last: append it to the sibling list.
			if c := x.nodes[parent].first; c < 0 {
				x.nodes[parent].first = n
			} else {
				for x.nodes[c].next >= 0 {
					c = x.nodes[c].next
				}
				x.nodes[c].next = n
			}
			path = append(path, n)
		}
		x.nodes[path[len(w)]].word = int32(i)
		// Every node on the path has w's remainder below it.
		for d := 0; d < len(w); d++ {
			nd := &x.nodes[path[d]]
			rem := int32(len(w) - d)
			if nd.maxRem == 0 || rem < nd.minRem {
				nd.minRem = rem
			}
			nd.maxRem = max(nd.maxRem, rem)
		}
	}
	return x
}

// Nearest returns the candidate closest to s in edit distance, when it is
// close enough to be a likely typo of s, exactly as the function Nearest
// does with the same candidates, or "", false when there is none or the
// search would take too long.
func (x *Suggester) Nearest(s string) (string, bool) {
	if len(x.words) == 0 {
		return "", false
	}
	limit := max(len(s)/3, 2)
	n := len(s)
	if len(x.rows) > 0 && len(x.rows[0]) != n+1 {
		x.rows = x.rows[:0] // rows of another length
	}
	if len(x.rows) == 0 {
		row := make([]int32, n+1)
		for j := range row {
			row[j] = int32(j)
		}
		x.rows = append(x.rows, row)
	}
	budget := maxSuggestCells
	for k := int32(0); k <= int32(limit); k++ {
		if x.nodes[0].word >= 0 && int32(n) <= k {
			// The empty candidate, n edits away, is the lexically first.
			return x.words[x.nodes[0].word], true
		}
		w, ok := x.search(s, 0, 0, k, &budget)
		if !ok {
			return "", false // out of budget
		}
		if w >= 0 {
			return x.words[w], true
		}
	}
	return "", false
}

// search looks below node, at depth, for the lexically first candidate
// within k edits of s. It returns -1 when there is none, and false when
// the budget of table cells runs out.
func (x *Suggester) search(s string, node int32, depth int, k int32, budget *int) (int32, bool) {
	n := len(s)
	if depth+1 >= len(x.rows) {
		x.rows = append(x.rows, make([]int32, n+1))
	}
	prev, row := x.rows[depth], x.rows[depth+1]
	for c := x.nodes[node].first; c >= 0; c = x.nodes[c].next {
		if *budget -= n + 1; *budget < 0 {
			return -1, false
		}
		ch := x.nodes[c].c
		row[0] = int32(depth + 1)
		for j := 1; j <= n; j++ {
			cost := int32(1)
			if s[j-1] == ch {
				cost = 0
			}
			row[j] = min(prev[j]+1, row[j-1]+1, prev[j-1]+cost)
		}
		nd := &x.nodes[c]
		if nd.word >= 0 && row[n] <= k {
			return nd.word, true
		}
		if nd.first < 0 || !reachable(row, nd.minRem, nd.maxRem, k) {
			continue
		}
		w, ok := x.search(s, c, depth+1, k, budget)
		if !ok || w >= 0 {
			return w, ok
		}
		// The recursion may have grown x.rows; the rows themselves stay.
		prev, row = x.rows[depth], x.rows[depth+1]
	}
	return -1, true
}

// reachable reports whether a candidate whose prefix has the table row
// row, and whose remainder is minRem to maxRem bytes long, can be within
// k edits of s: the distance is at least row[j] plus the difference in
// length between the remainder and s[j:], for the best j.
func reachable(row []int32, minRem, maxRem, k int32) bool {
	n := int32(len(row) - 1)
	for j, v := range row {
		if v > k {
			continue
		}
		rest := n - int32(j)
		gap := int32(0)
		switch {
		case rest < minRem:
			gap = minRem - rest
		case rest > maxRem:
			gap = rest - maxRem
		}
		if v+gap <= k {
			return true
		}
	}
	return false
}

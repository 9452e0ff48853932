package report

// Definition is the one-line definition of a measure the report shows.
// Its Text is taken word for word from docs/measures.md (a test checks
// it), so the report and the documentation say the same.
type Definition struct {
	// Key names the measure: a centrality name (analysis.Measures) or one of
	// the other measures of the page.
	Key string `json:"key"`
	// Name is how the page labels the measure.
	Name string `json:"name"`
	// Text is the definition, from the section Section of
	// docs/measures.md.
	Text    string `json:"text"`
	Section string `json:"section"`
}

// Definitions returns the definitions of every measure the report shows,
// in the order the page lists them.
func Definitions() []Definition {
	const (
		contested  = "Contested claims, reversals, conflicts"
		centrality = "Centralities"
		coalitions = "Coalitions and polarization"
	)
	return []Definition{
		{"degree", "Degree", "weighted degree: deg(v) = Σ_u w(v,u), the number of statements on v's edges", centrality},
		{"betweenness", "Betweenness", "normalised betweenness on the unweighted graph: C_B(v) = 2/((n−1)(n−2)) · Σ_{s<t; s,t≠v} σ_st(v)/σ_st, with σ_st the number of shortest s–t paths and σ_st(v) those through v; in [0, 1]", centrality},
		{"harmonic", "Harmonic closeness", "normalised harmonic closeness on the unweighted graph: H(v) = 1/(n−1) · Σ_{u≠v} 1/d(u,v), with 1/d = 0 for unreachable u; in [0, 1]", centrality},
		{"pagerank", "PageRank", "PageRank with each undirected edge as two arcs weighted by statement counts: PR(v) = (1−d)/n + d·(Σ_{u∈N(v)} PR(u)·w(u,v)/k(u) + Σ_{u: k(u)=0} PR(u)/n), d = 0.85, k(u) the weighted degree", centrality},
		{"eigenvector", "Eigenvector", "the principal eigenvector of the weighted adjacency matrix A, non-negative, ‖x‖₂ = 1: λ₁x(v) = Σ_u w(u,v)x(u)", centrality},
		{"hub", "Hub", "HITS on the directed actor→claim graph with weights W_ac = statement counts: auth(c) ∝ Σ_a W_ac·hub(a), hub(a) ∝ Σ_c W_ac·auth(c), each vector with ‖·‖₂ = 1. Actors are the hubs and claims the authorities", centrality},
		{"authority", "Authority", "HITS on the directed actor→claim graph with weights W_ac = statement counts: auth(c) ∝ Σ_a W_ac·hub(a), hub(a) ∝ Σ_c W_ac·auth(c), each vector with ‖·‖₂ = 1. Actors are the hubs and claims the authorities", centrality},
		{"supporters", "Supporters, opposers", "For claim c, S(c) is the set of distinct actors with at least one supporting statement on c and O(c) those with an opposing one", contested},
		{"contested", "Contested", "c is contested when some a ∈ S(c) and b ∈ O(c) have a ≠ b: at least one actor supports it and at least one other actor opposes it", contested},
		{"contestation", "Contestation", "with s = |S(c)| and o = |O(c)|, contestation(c) = 1 − |s − o| / (s + o) when c is contested, 0 otherwise", contested},
		{"reversal", "Reversal", "an actor in S(c) ∩ O(c), i.e. it took both stances on c within the window", contested},
		{"coalition", "Coalition", "Coalitions are the communities that maximise Newman's modularity at resolution γ", coalitions},
		{"modularity", "Modularity Q", "Q = 1/(2m) · Σ_{i,i′} [W_ii′ − γ·k_i·k_i′/(2m)] · δ(c_i, c_i′), k_i = Σ_i′ W_ii′, 2m = Σ_i k_i", coalitions},
		{"congruence", "Congruence network", "W_ii′ = Σ_j Σ_k x_ijk · x_i′jk for i ≠ i′, W_ii = 0. Two actors are tied by the statements they make with the same stance on the same claims", coalitions},
		{"polarization", "Polarization P", "the signed modularity (Gómez, Jensen & Arenas 2009) of the best split of the actors into two camps that claimnet finds, on the congruence network W⁺ = W and the conflict network", coalitions},
	}
}

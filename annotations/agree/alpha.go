package agree

import (
	"math"
	"sort"
)

// Coincidences is the coincidence matrix of nominal reliability data,
// as Krippendorff defines it ("Computing Krippendorff's Alpha-Reliability",
// 2011): each unit u with m_u ≥ 2 values (the pairable units) adds, for
// every ordered pair of values (c, k) from two different coders of u,
// 1/(m_u − 1) to O[c][k]. Each pairable unit thus adds m_u to the total,
// and units with fewer than two values add nothing.
type Coincidences struct {
	// Values are the distinct values that occur in pairable units, sorted.
	Values []string
	// O[i][j] is the coincidence of Values[i] and Values[j].
	O [][]float64
	// Units is the number of pairable units.
	Units int
}

// NewCoincidences builds the coincidence matrix of data: data[u][c] is
// the value coder c gave unit u, "" for a missing value.
func NewCoincidences(data [][]string) *Coincidences {
	seen := map[string]bool{}
	for _, u := range data {
		if pairable(u) {
			for _, v := range u {
				if v != "" {
					seen[v] = true
				}
			}
		}
	}
	cm := &Coincidences{}
	for v := range seen {
		cm.Values = append(cm.Values, v)
	}
	sort.Strings(cm.Values)
	index := make(map[string]int, len(cm.Values))
	for i, v := range cm.Values {
		index[v] = i
	}
	cm.O = make([][]float64, len(cm.Values))
	for i := range cm.O {
		cm.O[i] = make([]float64, len(cm.Values))
	}
	for _, u := range data {
		if !pairable(u) {
			continue
		}
		cm.Units++
		m := float64(values(u))
		for i, a := range u {
			for j, b := range u {
				if i == j || a == "" || b == "" {
					continue
				}
				cm.O[index[a]][index[b]] += 1 / (m - 1)
			}
		}
	}
	return cm
}

// values counts the values of a unit that are not missing.
func values(u []string) int {
	n := 0
	for _, v := range u {
		if v != "" {
			n++
		}
	}
	return n
}

func pairable(u []string) bool { return values(u) >= 2 }

// Marginals returns n_c = Σ_k O[c][k] for each value and their sum n, the
// number of pairable values.
func (cm *Coincidences) Marginals() (nc []float64, n float64) {
	nc = make([]float64, len(cm.Values))
	for i, row := range cm.O {
		for _, x := range row {
			nc[i] += x
		}
		n += nc[i]
	}
	return nc, n
}

// Alpha returns Krippendorff's α for nominal data,
//
//	α = 1 − D_o/D_e = ((n − 1) Σ_c o_cc − Σ_c n_c(n_c − 1)) / (n(n − 1) − Σ_c n_c(n_c − 1)),
//
// the observed disagreement Σ_{c≠k} o_ck / n against the disagreement
// expected by chance Σ_{c≠k} n_c n_k / (n(n − 1)). ok is false when α is
// undefined: fewer than two pairable values, or a single value throughout
// (D_e = 0).
func (cm *Coincidences) Alpha() (alpha float64, ok bool) {
	nc, n := cm.Marginals()
	var diag, same float64
	for i := range cm.Values {
		diag += cm.O[i][i]
		same += nc[i] * (nc[i] - 1)
	}
	den := n*(n-1) - same
	if n < 2 || den <= 1e-12*n*n {
		return math.NaN(), false
	}
	return ((n-1)*diag - same) / den, true
}

// Alpha returns Krippendorff's nominal α of data (data[u][c] is coder c's
// value for unit u, "" when missing); see Coincidences.Alpha.
func Alpha(data [][]string) (float64, bool) { return NewCoincidences(data).Alpha() }

// PercentAgreement returns the share of agreeing pairs among all pairs of
// values that two different coders gave the same unit: Σ_u a_u / Σ_u
// m_u(m_u − 1)/2, where a_u is the number of unordered pairs of u's
// values that are equal. For two coders it is the share of the units both
// coded on which they agree. ok is false when no unit has two values.
func PercentAgreement(data [][]string) (float64, bool) {
	var agree, pairs int
	for _, u := range data {
		for i, a := range u {
			if a == "" {
				continue
			}
			for _, b := range u[i+1:] {
				if b == "" {
					continue
				}
				pairs++
				if a == b {
					agree++
				}
			}
		}
	}
	if pairs == 0 {
		return math.NaN(), false
	}
	return float64(agree) / float64(pairs), true
}

// CohenKappa returns Cohen's κ of two coders over the units both coded
// (data[u] has exactly two entries, "" for missing):
//
//	κ = (p_o − p_e) / (1 − p_e),
//
// with p_o the share of those units on which they agree and p_e = Σ_c
// p_1(c) p_2(c), p_i(c) being the share of those units coder i gave value
// c. ok is false when no unit has both values or p_e = 1.
func CohenKappa(data [][]string) (float64, bool) {
	c1, c2 := map[string]int{}, map[string]int{}
	var n, agree int
	for _, u := range data {
		if len(u) != 2 || u[0] == "" || u[1] == "" {
			continue
		}
		n++
		c1[u[0]]++
		c2[u[1]]++
		if u[0] == u[1] {
			agree++
		}
	}
	if n == 0 {
		return math.NaN(), false
	}
	keys := make([]string, 0, len(c1))
	for k := range c1 {
		keys = append(keys, k)
	}
	sort.Strings(keys) // a fixed order of the sum, for identical results
	var pe float64
	for _, k := range keys {
		pe += float64(c1[k]) / float64(n) * float64(c2[k]) / float64(n)
	}
	po := float64(agree) / float64(n)
	if pe >= 1-1e-12 {
		return math.NaN(), false
	}
	return (po - pe) / (1 - pe), true
}

package polarization_test

import (
	"context"
	"fmt"

	"github.com/claimnet/claimnet/graph/polarization"
)

// Two camps: a and b agree, c and d agree, and the camps disagree. DNA's
// score is highest for the split across the camps; the corrected score
// finds the camps.
func ExampleOptimize() {
	nw := &polarization.Networks{N: 4, Names: []string{"a", "b", "c", "d"}, Pairs: []polarization.Pair{
		{A: 0, B: 1, Congruence: 1}, {A: 0, B: 2, Conflict: 1},
		{A: 1, B: 3, Conflict: 1}, {A: 2, B: 3, Congruence: 1},
	}}
	for _, corrected := range []bool{false, true} {
		r, err := polarization.Optimize(context.Background(), nw, polarization.Options{Normalize: true, Corrected: corrected, Seed: 1})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("corrected %v: %.3f, a and b together: %v\n", corrected, r.Score, r.Memberships[0] == r.Memberships[1])
	}
	// Output:
	// corrected false: 0.750, a and b together: false
	// corrected true: 0.750, a and b together: true
}

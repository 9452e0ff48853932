package series

import "math"

// Kernels: how a statement in a window is weighted by its distance from
// the window's mid-point. KernelNone is DNA's classic time window: every
// statement in the window counts once.
const (
	KernelNone         = "none"
	KernelUniform      = "uniform"
	KernelEpanechnikov = "epanechnikov"
	KernelTriangular   = "triangular"
	KernelGaussian     = "gaussian"
)

// Kernels lists the kernels in the order help texts give them.
var Kernels = []string{KernelNone, KernelUniform, KernelEpanechnikov, KernelTriangular, KernelGaussian}

// zeta is DNA's kernel weight of a statement dated t in the window of
// mid-point g and even size w (in units u): with the standardised
// distance v = 2·between(t, g)/w, which is positive for statements
// before the mid-point,
//
//	uniform       ½                       for |v| ≤ 1
//	epanechnikov  ¾·(1 − v)²              for |v| ≤ 1  (corrected: ¾·(1 − v²))
//	triangular    |1 − v|                 for |v| ≤ 1  (corrected: 1 − |v|)
//	gaussian      exp(−v²/2)/√(2π)        for every v
//
// and 0 otherwise. DNA's Epanechnikov and triangular kernels, as coded,
// are not symmetric: a statement just after the mid-point weighs up to
// three (Epanechnikov) or two (triangular) times more than one at it.
func zeta(t, g day, w int, u Unit, kernel string, corrected bool) float64 {
	v := 2 * float64(between(t, g, u)) / float64(w)
	in := v >= -1 && v <= 1
	switch kernel {
	case KernelUniform:
		if in {
			return 0.5
		}
	case KernelEpanechnikov:
		if in {
			if corrected {
				return 0.75 * (1 - v*v)
			}
			return 0.75 * (1 - v) * (1 - v)
		}
	case KernelTriangular:
		if in {
			if corrected {
				return 1 - math.Abs(v)
			}
			return math.Abs(1 - v)
		}
	case KernelGaussian:
		return math.Exp(-0.5*v*v) / math.Sqrt(2*math.Pi)
	case KernelNone:
		return 1
	}
	return 0
}

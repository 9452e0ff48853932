package main

import (
	"fmt"
	"math"
	"strconv"

	"github.com/spf13/cobra"
)

// floatFlag is a float64 flag that takes only finite numbers within
// bounds, so that NaN, ±Inf or an out-of-range value is a usage error when
// the command line is parsed instead of a NaN in the output.
type floatFlag struct {
	p        *float64
	min, max float64 // the bounds
	minOpen  bool    // min itself is not allowed
	want     string  // the range in words, for the error
}

// floatVar defines a float64 flag of c like FlagSet.Float64Var whose
// values must be finite and in [min, max], or (min, max] with minOpen;
// want says the range in words ("a positive number").
func floatVar(c *cobra.Command, p *float64, name string, value float64, usage string, min, max float64, minOpen bool, want string) {
	*p = value
	c.Flags().Var(&floatFlag{p: p, min: min, max: max, minOpen: minOpen, want: want}, name, usage)
}

func (v *floatFlag) String() string {
	if v.p == nil {
		return "0"
	}
	return strconv.FormatFloat(*v.p, 'g', -1, 64)
}

func (v *floatFlag) Type() string { return "float64" }

func (v *floatFlag) Set(s string) error {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("not a number; want %s", v.want)
	}
	if math.IsNaN(x) || math.IsInf(x, 0) || x < v.min || (v.minOpen && x == v.min) || x > v.max {
		return fmt.Errorf("want %s", v.want)
	}
	*v.p = x
	return nil
}

// maxResolution bounds analyse --resolution: far beyond any useful
// resolution (every actor its own coalition), and small enough that the
// modularity stays finite.
const maxResolution = 1e6

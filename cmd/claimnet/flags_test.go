package main

import (
	"strings"
	"testing"
)

// TestFloatFlags: a float flag that is not a finite number in its range
// is a usage error (exit 2) naming the flag and the range, never a NaN in
// the output (analyse --resolution +Inf printed Q = NaN and failed with
// --json; render --min-weight NaN was accepted).
func TestFloatFlags(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"analyse", "--resolution", "+Inf"}, 2, `invalid argument "+Inf" for "--resolution" flag: want a number above 0 and at most 1e6`},
		{[]string{"analyse", "--resolution", "Inf", "--json"}, 2, `invalid argument "Inf" for "--resolution" flag`},
		{[]string{"analyse", "--resolution", "-Inf"}, 2, `invalid argument "-Inf" for "--resolution" flag`},
		{[]string{"analyse", "--resolution", "NaN"}, 2, `invalid argument "NaN" for "--resolution" flag`},
		{[]string{"analyse", "--resolution", "0"}, 2, "want a number above 0"},
		{[]string{"analyse", "--resolution", "1e300"}, 2, "at most 1e6"},
		{[]string{"analyse", "--resolution", "two"}, 2, "not a number"},
		{[]string{"analyse", "--resolution", "1.5", "--json"}, 0, `"resolution": 1.5`},
		{[]string{"render", "actors", "--format", "dot", "--min-weight", "NaN"}, 2, `invalid argument "NaN" for "--min-weight" flag: want a finite number, 0 or more`},
		{[]string{"render", "actors", "--format", "dot", "--min-weight", "Inf"}, 2, `invalid argument "Inf" for "--min-weight" flag`},
		{[]string{"render", "actors", "--format", "dot", "--min-weight", "-1"}, 2, `invalid argument "-1" for "--min-weight" flag`},
		{[]string{"render", "actors", "--format", "dot", "--min-weight", "2"}, 0, "graph"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(out+errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tt.code, tt.want)
			}
			if strings.Contains(out, "NaN") {
				t.Errorf("NaN in the output")
			}
		})
	}
}

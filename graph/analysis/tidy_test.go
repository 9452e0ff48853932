package analysis

import "testing"

func TestTidyScores(t *testing.T) {
	tests := []struct {
		in, want []float64
	}{
		{[]float64{0.5078, 5.2e-88, 0}, []float64{0.5078, 0, 0}},
		{[]float64{1.0 / 3, 2.0 / 3}, []float64{0.333333333333, 0.666666666667}},
		{[]float64{31, 1e-11}, []float64{31, 0}},
		{[]float64{1234567.123456789}, []float64{1234567.12346}},
		{[]float64{-0.25, 0.5}, []float64{-0.25, 0.5}},
		{[]float64{0, 0}, []float64{0, 0}},
	}
	for _, tt := range tests {
		got := append([]float64(nil), tt.in...)
		tidyScores(got)
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("tidyScores(%v)[%d] = %v, want %v", tt.in, i, got[i], tt.want[i])
			}
		}
	}
}

package series

import (
	"context"
	"fmt"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
)

// AnalysisWindow is the analysis of the statements of one window.
type AnalysisWindow struct {
	Start    annotations.Date   `json:"start"`
	Mid      annotations.Date   `json:"mid"`
	End      annotations.Date   `json:"end"`
	Analysis *analysis.Analysis `json:"analysis"`
}

// AnalysisSeries is a series of analyses over moving windows.
type AnalysisSeries struct {
	Size    string           `json:"size"`
	Step    string           `json:"step"`
	Windows []AnalysisWindow `json:"windows"`
}

// Analyses compiles and analyses (analysis.Analyze with opts) the
// statements of each of DNA's classic windows of size moving by step
// (the default step is one unit of size) over m's dated statements: the
// centralities, contestation, reversals and coalitions of each window, as
// a series. The windows are those Compute places without a kernel.
func Analyses(ctx context.Context, m *graph.Model, size, step Span, opts ...analysis.AnalyzeOption) (*AnalysisSeries, error) {
	if size.N < 1 {
		return nil, fmt.Errorf("%w: a time window needs a size such as 30d", ErrOption)
	}
	if step.N == 0 {
		step = Span{N: 1, Unit: size.Unit}
	}
	s := &AnalysisSeries{Size: size.String(), Step: step.String(), Windows: []AnalysisWindow{}}
	var lo, hi day
	found := false
	for _, st := range m.Statements {
		if st.Date == 0 {
			continue
		}
		d := dayOf(st.Date)
		if !found || d < lo {
			lo = d
		}
		if !found || d > hi {
			hi = d
		}
		found = true
	}
	if !found {
		return s, nil
	}
	if m.Window.From != 0 {
		lo = dayOf(m.Window.From)
	}
	if m.Window.To != 0 {
		hi = dayOf(m.Window.To)
	}
	for _, w := range classic(lo, hi, size, step) {
		win := graph.Window{From: w.start.date(), To: w.end.date()}
		mw, err := graph.Compile(ctx, m.Data, graph.WithWindow(win))
		if err != nil {
			return nil, fmt.Errorf("time windows: %w", err)
		}
		an, err := analysis.Analyze(ctx, mw, opts...)
		if err != nil {
			return nil, fmt.Errorf("time window %s: %w", win, err)
		}
		s.Windows = append(s.Windows, AnalysisWindow{Start: win.From, Mid: w.mid.date(), End: win.To, Analysis: an})
	}
	return s, nil
}

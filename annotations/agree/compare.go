package agree

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// The variables agreement is measured on, in Report.Agreement's order.
const (
	VarClaim  = "claim"
	VarStance = "stance"
	VarActor  = "actor"
)

// Variables lists the variables agreement is measured on.
var Variables = []string{VarClaim, VarStance, VarActor}

// Report is what Compare finds. encoding/json of it is byte-identical for
// the same codings and options.
type Report struct {
	// Coders names the codings, in the order of every Unit's Coded.
	Coders []string `json:"coders"`
	// Spans tells how quotes were placed: "corpus" (character ranges in
	// the source texts) or "quote" (the quote texts alone).
	Spans string `json:"spans"`
	// Sources are the sources that two or more coders coded, by id.
	Sources []SourceUnits `json:"sources"`
	// Skipped are the sources only one coder coded, which are left out.
	Skipped []Skipped `json:"skipped"`
	// Agreement has one entry per variable (Variables).
	Agreement []Agreement `json:"agreement"`
	// Confusions are the pairs of claims that coders chose for the same
	// unit, most frequent first (then by claim ids).
	Confusions []Confusion `json:"confusions"`
}

// SourceUnits are the units of one source.
type SourceUnits struct {
	Source string `json:"source"`
	// Units are the matched statements and those only one coder has, in
	// order of the first coder's statements, then the next coder's, in
	// dataset order.
	Units []*Unit `json:"units"`
	// Matched counts the units two or more coders coded, Single those
	// only one coder has.
	Matched int `json:"matched"`
	Single  int `json:"single"`
}

// Skipped is a source only one coder coded.
type Skipped struct {
	Source string `json:"source"`
	Coder  string `json:"coder"`
}

// Agreement is the agreement on one variable over the units.
type Agreement struct {
	Variable string `json:"variable"`
	// Alpha is Krippendorff's nominal α; nil when undefined.
	Alpha *float64 `json:"alpha"`
	// Percent is the pairwise percent agreement (0 to 1); nil when no
	// unit has two values.
	Percent *float64 `json:"percent"`
	// Kappa is Cohen's κ, for two coders only; nil otherwise or when
	// undefined.
	Kappa *float64 `json:"kappa,omitempty"`
	// Units counts the pairable units (two or more coders), Values the
	// pairable values n.
	Units  int `json:"units"`
	Values int `json:"values"`
}

// Confusion is a pair of different claims that two coders chose for the
// same unit: Count is the number of such coder pairs over all units.
type Confusion struct {
	A     string `json:"a"`
	B     string `json:"b"`
	Count int    `json:"count"`
}

// Option configures Compare.
type Option func(*config)

type config struct {
	corpus  fs.FS
	sources map[string]bool
}

// WithCorpus places each quote in its source text read from corpus (at the
// source's file path), so that quotes match when their character ranges
// overlap. Without it, quotes match when their texts overlap.
func WithCorpus(corpus fs.FS) Option { return func(c *config) { c.corpus = corpus } }

// WithSources compares only the sources with these ids.
func WithSources(ids ...string) Option {
	return func(c *config) {
		c.sources = map[string]bool{}
		for _, id := range ids {
			c.sources[id] = true
		}
	}
}

// ErrTooFewCodings is the error Compare returns for fewer than two codings.
var ErrTooFewCodings = errors.New("agree: need at least two codings")

// Compare unitises the codings source by source and measures their
// agreement on the claim, the stance and the actor of each unit (see the
// package documentation and docs/measures.md). Only sources that two or
// more coders coded are compared. ctx is checked between codings and
// sources.
func Compare(ctx context.Context, codings []Coding, opts ...Option) (*Report, error) {
	if len(codings) < 2 {
		return nil, ErrTooFewCodings
	}
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	un := &unitiser{corpus: cfg.corpus, texts: map[string]string{}}
	bySource, err := collect(ctx, codings, un)
	if err != nil {
		return nil, err
	}
	rep := &Report{Spans: "quote", Sources: []SourceUnits{}, Skipped: []Skipped{}, Confusions: []Confusion{}}
	if cfg.corpus != nil {
		rep.Spans = "corpus"
	}
	for _, c := range codings {
		rep.Coders = append(rep.Coders, c.Coder)
	}
	ids := make([]string, 0, len(bySource))
	for id := range bySource {
		if cfg.sources == nil || cfg.sources[id] {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var all []*Unit
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("agree: %w", err)
		}
		row := bySource[id]
		var coders []int
		for i, stmts := range row {
			if len(stmts) > 0 {
				coders = append(coders, i)
			}
		}
		if len(coders) < 2 {
			rep.Skipped = append(rep.Skipped, Skipped{id, codings[coders[0]].Coder})
			continue
		}
		su := SourceUnits{Source: id, Units: unitise(id, row)}
		for _, u := range su.Units {
			if u.Coders() >= 2 {
				su.Matched++
			} else {
				su.Single++
			}
		}
		all = append(all, su.Units...)
		rep.Sources = append(rep.Sources, su)
	}
	for _, v := range Variables {
		rep.Agreement = append(rep.Agreement, agreement(v, all, len(codings)))
	}
	rep.Confusions = confusions(all)
	return rep, nil
}

// reliabilityData is the variable's value for each unit and coder, ""
// where the coder has no statement.
func reliabilityData(v string, units []*Unit) [][]string {
	data := make([][]string, len(units))
	for i, u := range units {
		data[i] = make([]string, len(u.Coded))
		for j, c := range u.Coded {
			if c == nil {
				continue
			}
			switch v {
			case VarClaim:
				data[i][j] = c.Claim
			case VarStance:
				data[i][j] = c.Stance
			case VarActor:
				data[i][j] = c.Actor
			}
		}
	}
	return data
}

func agreement(v string, units []*Unit, coders int) Agreement {
	data := reliabilityData(v, units)
	cm := NewCoincidences(data)
	_, n := cm.Marginals()
	ag := Agreement{Variable: v, Units: cm.Units, Values: int(n + 0.5)}
	if a, ok := cm.Alpha(); ok {
		ag.Alpha = &a
	}
	if p, ok := PercentAgreement(data); ok {
		ag.Percent = &p
	}
	if coders == 2 {
		if k, ok := CohenKappa(data); ok {
			ag.Kappa = &k
		}
	}
	return ag
}

// confusions counts, for each pair of different claims, the coder pairs
// that chose them for the same unit.
func confusions(units []*Unit) []Confusion {
	count := map[[2]string]int{}
	for _, u := range units {
		for i, a := range u.Coded {
			if a == nil {
				continue
			}
			for _, b := range u.Coded[i+1:] {
				if b == nil || a.Claim == b.Claim {
					continue
				}
				k := [2]string{a.Claim, b.Claim}
				if strings.Compare(k[0], k[1]) > 0 {
					k[0], k[1] = k[1], k[0]
				}
				count[k]++
			}
		}
	}
	out := make([]Confusion, 0, len(count))
	for k, n := range count {
		out = append(out, Confusion{k[0], k[1], n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out
}

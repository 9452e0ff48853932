// Package graphtest builds small datasets and models in code for the
// tests of graph and the packages under it.
package graphtest

import (
	"context"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
)

// Dataset builds a dataset in code. Each statement is
// "actor claim stance date", and every id named is declared.
func Dataset(t testing.TB, statements ...[4]string) *annotations.Dataset {
	t.Helper()
	var actors []*annotations.Actor
	var claims []*annotations.Claim
	seenA, seenC := map[string]bool{}, map[string]bool{}
	src := &annotations.Source{ID: "src", Title: "Source"}
	var stmts []*annotations.Statement
	for _, s := range statements {
		if !seenA[s[0]] {
			seenA[s[0]] = true
			actors = append(actors, &annotations.Actor{ID: s[0], Name: s[0], Type: "person"})
		}
		if !seenC[s[1]] {
			seenC[s[1]] = true
			claims = append(claims, &annotations.Claim{ID: s[1], Text: s[1]})
		}
		st, ok := annotations.ParseStance(s[2])
		if !ok {
			t.Fatalf("bad stance %q", s[2])
		}
		var date annotations.Date
		if s[3] != "" {
			date = Date(t, s[3])
		}
		stmts = append(stmts, &annotations.Statement{Actor: s[0], Claim: s[1], Stance: st, Quote: "q", Source: "src", Date: date})
	}
	d, err := annotations.New(actors, claims, []*annotations.Source{src}, stmts, nil)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Date parses a YYYY-MM-DD date or fails the test.
func Date(t testing.TB, s string) annotations.Date {
	t.Helper()
	d, err := annotations.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Compile compiles d with opts or fails the test.
func Compile(t testing.TB, d *annotations.Dataset, opts ...graph.Option) *graph.Model {
	t.Helper()
	m, err := graph.Compile(context.Background(), d, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

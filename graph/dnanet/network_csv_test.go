package dnanet

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/internal/graphtest"
)

// TestWriteNetworkCSVFormulas: names that a spreadsheet would run as
// formulas are written as text (a leading '), as export's CSV tables
// write them: the matrix labels its rows and columns with names; the edge
// list, which has ids only, must hold no formula either.
func TestWriteNetworkCSVFormulas(t *testing.T) {
	names := []string{"=cmd()", "+sum", "@at", "-minus", "plain"}
	var actors []*annotations.Actor
	var stmts []*annotations.Statement
	for i, n := range names {
		id := "a" + string(rune('1'+i))
		actors = append(actors, &annotations.Actor{ID: id, Name: n, Type: "person"})
		stmts = append(stmts, &annotations.Statement{Actor: id, Claim: "c1", Stance: annotations.Support, Quote: "q", Source: "src"})
	}
	d, err := annotations.New(actors, []*annotations.Claim{{ID: "c1", Text: "Claim"}},
		[]*annotations.Source{{ID: "src", Title: "Source"}}, stmts, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := graphtest.Compile(t, d)
	for _, format := range []string{FormatCSV, FormatMatrix} {
		var b bytes.Buffer
		if err := WriteNetwork(context.Background(), &b, m, NetworkOneMode, format, NetworkOptions{}); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(b.Bytes()))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		neutral := 0
		for _, row := range rows {
			for _, cell := range row {
				if cell == "" {
					continue
				}
				switch {
				case cell[0] == '\'' && strings.ContainsRune("=+@-", rune(cell[1])):
					neutral++
				case strings.ContainsRune("=+@", rune(cell[0])):
					t.Errorf("%s: cell %q would run as a formula", format, cell)
				}
			}
		}
		if format == FormatMatrix && neutral == 0 {
			t.Errorf("%s: no name written as text in\n%s", format, b.String())
		}
	}
}

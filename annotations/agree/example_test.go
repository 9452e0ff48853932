package agree_test

import (
	"context"
	"fmt"
	"testing/fstest"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/annotations/agree"
)

func ExampleAlpha() {
	// Five units coded by two coders: they differ on unit 2, and the
	// second coder left unit 5 out.
	data := [][]string{{"s", "s"}, {"s", "o"}, {"o", "o"}, {"s", "s"}, {"o", ""}}
	a, _ := agree.Alpha(data)
	fmt.Printf("%.3f\n", a)
	// Output: 0.533
}

func ExampleCompare() {
	load := func(stance string) *annotations.Dataset {
		d, err := annotations.Load(fstest.MapFS{"a.yaml": {Data: []byte(`actors: [{id: amir, name: Amir, type: person}]
claims: [{id: truce, text: The truce holds.}, {id: talks, text: The talks go on.}]
source: {id: s1, title: Tiny}
statements:
  - {actor: amir, claim: truce, stance: support, quote: "the truce holds"}
  - {actor: amir, claim: talks, stance: ` + stance + `, quote: "the talks go on"}
`)}}, ".")
		if err != nil {
			panic(err)
		}
		return d
	}
	rep, err := agree.Compare(context.Background(), []agree.Coding{{Coder: "a", Data: load("support")}, {Coder: "b", Data: load("oppose")}})
	if err != nil {
		panic(err)
	}
	for _, ag := range rep.Agreement {
		fmt.Printf("%s: %d units, percent agreement %.2f\n", ag.Variable, ag.Units, *ag.Percent)
	}
	// Output:
	// claim: 2 units, percent agreement 1.00
	// stance: 2 units, percent agreement 0.50
	// actor: 2 units, percent agreement 1.00
}

package diff_test

import (
	"context"
	"fmt"
	"testing/fstest"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph/diff"
)

func ExampleCompare() {
	version := func(stance string) *annotations.Dataset {
		d, err := annotations.Load(fstest.MapFS{"a.yaml": {Data: []byte(`actors:
  - {id: amir, name: Amir, type: person}
  - {id: bina, name: Bina, type: person}
claims: [{id: truce, text: The truce holds.}]
source: {id: s1, title: Tiny}
statements:
  - {actor: amir, claim: truce, stance: support, quote: "the truce holds"}
  - {actor: bina, claim: truce, stance: ` + stance + `, quote: "it will hold"}
`)}}, ".")
		if err != nil {
			panic(err)
		}
		return d
	}
	d, err := diff.Compare(context.Background(), version("support"), version("oppose"))
	if err != nil {
		panic(err)
	}
	for _, c := range d.Data.Statements.Changed {
		fmt.Printf("%s on %s: %s %s → %s\n", c.New.Actor, c.New.Claim, c.Fields[0].Name, c.Fields[0].Old, c.Fields[0].New)
	}
	fmt.Println("became contested:", d.Network.BecameContested)
	// Output:
	// bina on truce: stance support → oppose
	// became contested: [truce]
}

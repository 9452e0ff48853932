package gen_test

import (
	"fmt"

	"github.com/claimnet/claimnet/annotations/gen"
)

func ExampleGenerate() {
	d, err := gen.Generate(gen.Config{Actors: 50, Claims: 80, Statements: 1000, Sources: 10, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", d.Stats())
	fmt.Println(d.Statements[0].Source, d.Statements[len(d.Statements)-1].Source)
	// Output:
	// {Actors:50 Claims:80 Sources:10 Statements:1000 Relations:4}
	// source-01 source-10
}

package dna_test

import (
	"context"
	"fmt"
	"log"

	"github.com/claimnet/claimnet/annotations/dna"
)

// ExampleReadFile imports a DNA database with persons as the actors and
// writes it as a dataset whose quotes claimnet check can verify.
func ExampleReadFile() {
	r, err := dna.ReadFile(context.Background(), "sample.dna", dna.Options{Actor: "person"})
	if err != nil {
		log.Fatal(err)
	}
	if err := r.Write("sample", false); err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Summary())
}

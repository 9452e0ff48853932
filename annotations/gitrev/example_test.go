package gitrev_test

import (
	"context"
	"fmt"
	"log"

	"github.com/claimnet/claimnet/annotations/gitrev"
)

// The built-in dataset as it was one commit ago, in the repository the
// program runs in.
func ExampleLoad() {
	d, err := gitrev.Load(context.Background(), "annotations/istanbul-2025", "HEAD~1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(d.Statements), "statements")
}

package extract_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/extract"
)

func ExampleExtractor_Extract() {
	text := `Interior Minister Lena Voss arrived in the capital on Monday. "We will not negotiate under threat," she told reporters.
The opposition rejected the plan, while Voss insisted that the border would reopen within a week.
Critics called the proposal a “paper tiger.”`

	e := extract.New(extract.WithActors([]*annotations.Actor{
		{ID: "lena-voss", Name: "Lena Voss", Type: annotations.TypePerson},
	}))
	doc, err := e.Extract(context.Background(), "report.txt", strings.NewReader(text))
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range doc.Statements {
		fmt.Printf("%s %q by %q (actor %q, verb %q, stance %q) at %d–%d\n",
			s.Kind, s.Quote, s.Speaker, s.Actor, s.Verb, s.Stance, s.Start, s.End)
	}
	// Output:
	// direct "We will not negotiate under threat," by "Lena Voss" (actor "lena-voss", verb "tell", stance "support") at 63–98
	// reported "the border would reopen within a week" by "Lena Voss" (actor "lena-voss", verb "insist", stance "support") at 179–216
	// term "paper tiger." by "" (actor "", verb "call", stance "") at 251–263
}

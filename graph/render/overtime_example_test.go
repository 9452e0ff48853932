package render_test

import (
	"context"
	"fmt"
	"log"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/render"
	"github.com/claimnet/claimnet/graph/series"
)

// The numbers a timeline draws: the Islamic Emirate's statements in
// 5-day windows of the built-in dataset.
func ExampleTimelineData() {
	ctx := context.Background()
	d, err := annotations.LoadEmbedded()
	if err != nil {
		log.Fatal(err)
	}
	from, _ := annotations.ParseDate("2025-10-14")
	m, err := graph.Compile(ctx, d, graph.WithWindow(graph.Window{From: from}))
	if err != nil {
		log.Fatal(err)
	}
	size, _ := series.ParseSpan("5d")
	pts, switches, _, err := render.TimelineData(ctx, m, "islamic-emirate", render.TimeWindows{Size: size, Step: size})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range pts {
		fmt.Printf("%s  support %d  oppose %d  coalition %q\n", p.Mid, p.Support, p.Oppose, p.Coalition)
	}
	fmt.Println("switches:", len(switches))
	// Output:
	// 2025-10-19  support 1  oppose 0  coalition "Government of Pakistan (4)"
	// 2025-10-24  support 0  oppose 0  coalition ""
	// 2025-10-29  support 0  oppose 0  coalition ""
	// 2025-11-03  support 6  oppose 1  coalition "Government of Pakistan (8)"
	// 2025-11-08  support 9  oppose 2  coalition "Dawat Media Center (3)"
	// switches: 0
}

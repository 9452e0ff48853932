// Command cmpdata writes the graphs of a compiled claimnet model as plain
// edge lists, so that the benchmark comparison (scripts/bench/compare.sh)
// hands networkx and igraph exactly the graphs claimnet computes on.
//
// Usage:
//
//	go run ./scripts/bench/cmpdata DATASET PREFIX
//
// writes PREFIX.twomode.csv, the undirected two-mode actor–claim graph the
// centralities run on: a header line "nodes,actors", then one line
// "actor,claim,weight" per actor–claim pair with statements (claims are
// numbered after the actors; weight counts the statements of both
// stances); and PREFIX.stances.csv, one line "actor,claim,stance,weight"
// per stance edge of the model (stance 1 or -1).
package main

import (
	"bufio"
	"context"
	"fmt"
	"os"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: cmpdata DATASET PREFIX")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "cmpdata:", err)
		os.Exit(1)
	}
}

func run(dataset, prefix string) error {
	d, err := annotations.LoadDir(dataset)
	if err != nil {
		return err
	}
	m, err := graph.Compile(context.Background(), d)
	if err != nil {
		return err
	}
	na := len(m.Actors)
	type pair struct{ a, c int }
	weight := map[pair]int{}
	var order []pair
	for _, e := range m.Stances {
		p := pair{e.Actor, e.Claim}
		if _, ok := weight[p]; !ok {
			order = append(order, p)
		}
		weight[p] += e.Weight
	}
	err = writeFile(prefix+".twomode.csv", func(w *bufio.Writer) {
		fmt.Fprintf(w, "%d,%d\n", na+len(m.Claims), na)
		for _, p := range order {
			fmt.Fprintf(w, "%d,%d,%d\n", p.a, na+p.c, weight[p])
		}
	})
	if err != nil {
		return err
	}
	return writeFile(prefix+".stances.csv", func(w *bufio.Writer) {
		for _, e := range m.Stances {
			fmt.Fprintf(w, "%d,%d,%d,%d\n", e.Actor, e.Claim, int(e.Stance), e.Weight)
		}
	})
}

func writeFile(path string, fill func(*bufio.Writer)) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	w := bufio.NewWriter(f)
	fill(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

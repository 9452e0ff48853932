package render

import (
	"bytes"
	"context"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/goccy/go-graphviz"
)

// TestPositionsStable renders the built-in dataset's actor-claim figure,
// adds one statement (an existing actor on a new claim) and renders it
// again with the first figure's positions: every node of the first stays
// within 2 points of where it was, and the new claim is placed clear of
// them, near its actor, with every edge routed around the nodes.
func TestPositionsStable(t *testing.T) {
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	r := renderer(t)
	ctx := context.Background()
	o := Options{}
	m, an := analysed(t, d, graph.Window{})
	f, err := Build(ctx, m, an, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Render(ctx, f, FormatSVG, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	before := f.Positions()
	if len(before) != f.Nodes {
		t.Fatalf("%d positions for %d nodes", len(before), f.Nodes)
	}
	// The positions survive their file.
	var file bytes.Buffer
	if _, err := before.WriteTo(&file); err != nil {
		t.Fatal(err)
	}
	read, err := ReadPositions(&file)
	if err != nil || !reflect.DeepEqual(read, before) {
		t.Fatalf("positions read back: %v, %v", err, read)
	}

	// The most central actor takes a stance on a new claim.
	actor := ""
	for id := range before {
		if len(id) > 6 && id[:6] == "actor:" && (actor == "" || id < actor) {
			actor = id[6:]
		}
	}
	claim := &annotations.Claim{ID: "added-claim", Text: "A claim added after the figure was made."}
	st := *d.Statements[0]
	st.Actor, st.Claim, st.Stance = actor, claim.ID, annotations.Support
	d2, err := annotations.New(d.Actors, append(append([]*annotations.Claim(nil), d.Claims...), claim),
		d.Sources, append(append([]*annotations.Statement(nil), d.Statements...), &st), d.Relations)
	if err != nil {
		t.Fatal(err)
	}
	m2, an2 := analysed(t, d2, graph.Window{})
	o.Positions = read
	f2, err := Build(ctx, m2, an2, o)
	if err != nil {
		t.Fatal(err)
	}
	pos, err := r.Positioned(ctx, f2)
	if err != nil {
		t.Fatal(err)
	}
	after := f2.Positions()
	moved := 0
	for id, p := range before {
		q, ok := after[id]
		// The actor with the new statement is larger, and may move.
		if !ok || id == "actor:"+actor {
			continue
		}
		if d := math.Hypot(q.X-p.X, q.Y-p.Y); d > 2 {
			t.Errorf("%s moved %.1f pt", id, d)
		}
		moved++
	}
	if moved < len(before)-2 {
		t.Errorf("only %d of %d nodes are in both figures", moved, len(before))
	}
	added, ok := after["claim:added-claim"]
	if !ok {
		t.Fatalf("the new claim is not drawn: %v", after)
	}
	// The figure is dense around the actor: the nearest room for the
	// claim is 316 pt from it. Pushed into an overlap with the pinned
	// nodes, 47 pt from it, the claim made Graphviz draw every edge
	// straight, 216 of them through nodes.
	a := after["actor:"+actor]
	if dist := math.Hypot(added.X-a.X, added.Y-a.Y); dist > 400 {
		t.Errorf("the new claim is %.0f pt from its actor", dist)
	}
	drawn, err := r.run(ctx, pos, graphviz.NOP2, graphviz.Format("dot"))
	if err != nil {
		t.Fatal(err)
	}
	if bad := edgesThroughNodes(t, drawn, routeClear-routeSlack); len(bad) > 0 {
		t.Errorf("%d edges pass through other nodes, the first %s", len(bad), bad[0])
	}
}

func TestReadPositionsErrors(t *testing.T) {
	for _, in := range []string{`[]`, `{"a": {"x": 1, "z": 2}}`, `{"a": {"x": 1e300, "y": 0}}`, `{"a": 1}`} {
		if _, err := ReadPositions(bytes.NewReader([]byte(in))); err == nil {
			t.Errorf("%s accepted", in)
		}
	}
}

// TestPlaceNewChain places a node whose only neighbour is new too (a
// removed actor of a removed claim in a diff) beside that neighbour,
// which is placed beside its pinned one, and a node with no placed
// neighbour beside the pinned nodes' lower right corner.
func TestPlaceNewChain(t *testing.T) {
	g := &dotGraph{
		nodes: []dotNode{{id: "a"}, {id: "b"}, {id: "c"}, {id: "d"}, {id: "e"}},
		edges: []dotEdge{{from: "d", to: "c"}, {from: "a", to: "c"}, {from: "b", to: "c"}},
	}
	boxes := []nodeBox{{0, 0, 20, 10}, {200, 0, 20, 10}, {0, 0, 20, 10}, {0, 0, 20, 10}, {0, 0, 20, 10}}
	fixed := []bool{true, true, false, false, false}
	placeNew(g, boxes, fixed)
	want := []nodeBox{
		{0, 0, 20, 10}, {200, 0, 20, 10},
		{100, -10, 20, 10}, // c: below the mean of a and b
		{100, -20, 20, 10}, // d: below c
		{240, -20, 20, 10}, // e: beside the lower right corner
	}
	if !slices.Equal(boxes, want) {
		t.Errorf("placed at %v, want %v", boxes, want)
	}
}

package export

import (
	"context"
	"errors"
	"strconv"
	"testing"
)

// failingWriter fails every write, as a full disk or an interrupted
// command's writer does, and counts the writes tried.
type failingWriter struct{ calls *int }

var errWrite = errors.New("write failed")

func (w failingWriter) Write(p []byte) (int, error) { *w.calls++; return 0, errWrite }

// TestWriteJSONStopsOnWriteError: once a write fails, WriteJSON returns
// the error without writing the rest of the document (it used to encode
// every element, which kept an interrupted export of 200k statements
// busy for 12 s after Ctrl-C).
func TestWriteJSONStopsOnWriteError(t *testing.T) {
	const n = 20000
	d := &Document{Nodes: make([]Node, n)}
	for i := range d.Nodes {
		d.Nodes[i] = Node{ID: "n" + strconv.Itoa(i), Kind: KindActor, Label: "Node " + strconv.Itoa(i)}
	}
	calls := 0
	err := WriteJSON(context.Background(), failingWriter{&calls}, d)
	if !errors.Is(err, errWrite) {
		t.Errorf("WriteJSON: %v, want the write error", err)
	}
	if calls != 1 {
		t.Errorf("WriteJSON tried %d writes for %d nodes; after the first failed it should stop", calls, n)
	}
}

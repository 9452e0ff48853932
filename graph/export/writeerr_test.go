package export

import (
	"errors"
	"strconv"
	"testing"
)

// failingWriter fails every write, as a full disk or an interrupted
// command's writer does.
type failingWriter struct{}

var errWrite = errors.New("write failed")

func (failingWriter) Write(p []byte) (int, error) { return 0, errWrite }

// TestWriteJSONStopsOnWriteError: once a write fails, WriteJSON returns
// the error without encoding the rest of the document (it used to encode
// every element, which kept an interrupted export of 200k statements
// busy for 12 s after Ctrl-C). The allocations, about a handful per
// element encoded, show how far it went.
func TestWriteJSONStopsOnWriteError(t *testing.T) {
	const n = 20000
	d := &Document{Nodes: make([]Node, n)}
	for i := range d.Nodes {
		d.Nodes[i] = Node{ID: "n" + strconv.Itoa(i), Kind: KindActor, Label: "Node " + strconv.Itoa(i)}
	}
	var err error
	allocs := testing.AllocsPerRun(1, func() { err = WriteJSON(failingWriter{}, d) })
	if !errors.Is(err, errWrite) {
		t.Errorf("WriteJSON: %v, want the write error", err)
	}
	if allocs > n/4 {
		t.Errorf("WriteJSON made %.0f allocations for %d nodes after the first failed write: it kept encoding", allocs, n)
	}
}

package render

import (
	"bytes"
	"context"
	"fmt"
	"github.com/claimnet/claimnet/internal/testutil"
	"os/exec"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
)

// nativeGraphviz returns the path of the Graphviz program name on PATH.
// Without it the test is skipped, except in CI (the CI variable set),
// which installs Graphviz: there it fails.
func nativeGraphviz(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		testutil.Missing(t, "%s is not on PATH; install graphviz to run this test", name)
	}
	return p
}

// runNative runs a native Graphviz program on src and fails the test if
// it does not exit 0 with some output (Graphviz 2.43's dot crashed on
// every arguments view, which combined newrank with pack).
func runNative(t *testing.T, src []byte, prog string, args ...string) {
	t.Helper()
	cmd := exec.Command(prog, args...)
	cmd.Stdin = bytes.NewReader(src)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\nstderr: %s\ninput:\n%s", prog, args, err, errOut.Bytes(), src)
	}
	if out.Len() == 0 {
		t.Fatalf("%s %v wrote nothing; stderr: %s", prog, args, errOut.Bytes())
	}
}

// TestNativeGraphvizDOT hands the DOT text of every view to the installed
// Graphviz, as a user of --format dot would.
func TestNativeGraphvizDOT(t *testing.T) {
	dot := nativeGraphviz(t, "dot")
	builtin, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, ds := range []struct {
		name    string
		d       *annotations.Dataset
		ego     string
		layouts []string
	}{
		{"small", smallDataset(t), "north-gov", append([]string{""}, Layouts...)},
		// The built-in dataset in each view's own layout and in dot (whose
		// ranking crashed); the force layouts route its edges natively in
		// seconds each.
		{"builtin", builtin, "khawaja-asif", []string{"", LayoutDot}},
	} {
		m, an := analysed(t, ds.d, graph.Window{})
		for _, view := range Views {
			for _, layout := range ds.layouts {
				o := Options{View: view, Layout: layout}
				if view == ViewEgo {
					o.Node, o.Depth = ds.ego, 2
				}
				t.Run(fmt.Sprintf("%s/%s/%s", ds.name, view, layout), func(t *testing.T) {
					f, err := Build(context.Background(), m, an, o)
					if err != nil {
						t.Fatal(err)
					}
					// dot lays the graph out with its layout attribute.
					runNative(t, f.DOT(), dot, "-Tsvg")
				})
			}
		}
	}
}

// TestNativeGraphvizPositioned hands the positioned figures to the
// installed Graphviz's neato -n2, as --format positioned's help says.
func TestNativeGraphvizPositioned(t *testing.T) {
	neato := nativeGraphviz(t, "neato")
	m, an := analysed(t, smallDataset(t), graph.Window{})
	r := renderer(t)
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Build(context.Background(), m, an, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := r.Render(context.Background(), f, FormatPositioned, &buf); err != nil {
				t.Fatal(err)
			}
			runNative(t, buf.Bytes(), neato, "-n2", "-Tsvg")
		})
	}
}

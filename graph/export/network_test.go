package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/dnanet"
	"github.com/claimnet/claimnet/graph/export"
	"github.com/claimnet/claimnet/internal/testutil"
)

// readNetworkPy reads a GraphML network with networkx (and, when asked,
// igraph) or a GEXF 1.3 one with ElementTree (networkx 3.6 does not read
// GEXF 1.3), and prints its nodes, edge count, total weight and the
// attributes of one node.
const readNetworkPy = `
import json, sys
import xml.etree.ElementTree as ET
import networkx as nx
path, fmt, node, use_igraph = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
if fmt == "graphml":
    g = nx.read_graphml(path)
    out = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
           "weight": sum(float(d["weight"]) for _, _, d in g.edges(data=True)),
           "attrs": {k: v for k, v in g.nodes[node].items()}}
else:
    ns = {"g": "http://gexf.net/1.3"}
    root = ET.parse(path).getroot()
    titles = {a.get("id"): (a.get("title"), a.get("type")) for a in root.iterfind(".//g:attributes/g:attribute", ns)}
    nodes = root.findall(".//g:nodes/g:node", ns)
    edges = root.findall(".//g:edges/g:edge", ns)
    attrs = {}
    for n in nodes:
        if n.get("id") == node:
            attrs["label"] = n.get("label")
            for v in n.iterfind(".//g:attvalue", ns):
                title, typ = titles[v.get("for")]
                attrs[title] = int(v.get("value")) if typ == "integer" else v.get("value")
    out = {"nodes": len(nodes), "edges": len(edges), "weight": sum(float(e.get("weight")) for e in edges), "attrs": attrs}
if use_igraph:
    import igraph
    ig = igraph.Graph.Read_GraphML(path)
    out["igraph"] = {"nodes": ig.vcount(), "edges": ig.ecount(), "weight": sum(ig.es["weight"]),
                     "coalition": [v["coalition"] for v in ig.vs if v["id"] == node][0]}
print(json.dumps(out))
`

// TestNetworkGephiReadBack writes the built-in dataset's subtract network
// (negative weights) as GraphML and GEXF and reads both back with
// networkx, and the GraphML with igraph.
func TestNetworkGephiReadBack(t *testing.T) {
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import networkx").Run(); err != nil {
		testutil.Missing(t, "%s lacks networkx: %v", py, err)
	}
	hasIgraph := exec.Command(py, "-c", "import igraph").Run() == nil
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m, err := graph.Compile(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	an, err := analysis.Analyze(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	n, err := dnanet.OneMode(ctx, m, dnanet.NetworkOptions{Aggregate: dnanet.AggregateSubtract, Normalize: dnanet.NormalizeAverage})
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for _, e := range n.Edges {
		total += e.Weight
	}
	const who = "pakistan-government"
	i, _ := m.ActorIndex(who)
	dir := t.TempDir()
	for _, format := range []string{export.NetworkGraphML, export.NetworkGEXF} {
		var buf bytes.Buffer
		if err := export.WriteNetwork(ctx, &buf, m, an, n, format); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "net."+format)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		ig := "0"
		if format == export.NetworkGraphML && hasIgraph {
			ig = "1"
		}
		out, err := exec.Command(py, "-c", readNetworkPy, path, format, who, ig).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", format, err, out)
		}
		var r struct {
			Nodes, Edges int
			Weight       float64
			Attrs        map[string]any
			Igraph       *struct {
				Nodes, Edges int
				Weight       float64
				Coalition    float64
			}
		}
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("%s: %v\n%s", format, err, out)
		}
		if r.Nodes != len(n.Nodes) || r.Edges != len(n.Edges) || math.Abs(r.Weight-total) > 1e-9 {
			t.Errorf("%s: networkx reads %d nodes, %d edges, weight %v; wrote %d, %d, %v", format, r.Nodes, r.Edges, r.Weight, len(n.Nodes), len(n.Edges), total)
		}
		want := map[string]any{"label": "Government of Pakistan", "kind": "actor", "type": "government", "side": "pakistan", "coalition": float64(an.Actors[i].Coalition)}
		for k, v := range want {
			if r.Attrs[k] != v {
				t.Errorf("%s: %s's %s is %v, want %v (all: %v)", format, who, k, r.Attrs[k], v, r.Attrs)
			}
		}
		if r.Igraph != nil && (r.Igraph.Nodes != len(n.Nodes) || r.Igraph.Edges != len(n.Edges) || math.Abs(r.Igraph.Weight-total) > 1e-9 || r.Igraph.Coalition != float64(an.Actors[i].Coalition)) {
			t.Errorf("igraph reads %+v", *r.Igraph)
		}
	}
	if !hasIgraph {
		testutil.Missing(t, "%s lacks igraph (apt-get install python3-igraph): GraphML read by networkx only", py)
	}
}

#!/usr/bin/python3
"""Times networkx and igraph on the graphs claimnet computes on.

Run by scripts/bench/compare.sh with Debian's /usr/bin/python3. Each
subcommand reads files claimnet wrote (cmpdata edge lists, `claimnet
export --format graphml`), times one operation per library and prints
one JSON object per timing on stdout:

    {"task": ..., "graph": ..., "tool": "igraph"|"networkx",
     "seconds": median of the runs, "runs": n, "result": a check value}

Only the operation itself is timed, never Python's start-up or building
the graph from the edge list (except for the load task, whose operation
is reading the file).
"""

import argparse
import json
import statistics
import sys
import time

import igraph
import networkx as nx


def timed(fn, budget=1.0, max_runs=5):
    """Runs fn at least once, and again while the total stays under budget
    seconds (at most max_runs times); returns (median seconds, runs, last
    result)."""
    times = []
    result = None
    while True:
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        if len(times) >= max_runs or sum(times) >= budget:
            break
    return statistics.median(times), len(times), result


def emit(task, graph, tool, seconds, runs, result):
    print(json.dumps({"task": task, "graph": graph, "tool": tool,
                      "seconds": round(seconds, 6), "runs": runs, "result": result}), flush=True)


def read_twomode(path):
    """Returns (nodes, actors, edges) of a cmpdata .twomode.csv file."""
    with open(path) as f:
        n, actors = (int(x) for x in f.readline().split(","))
        edges = []
        for line in f:
            a, c, w = line.split(",")
            edges.append((int(a), int(c), int(w)))
    return n, actors, edges


def igraph_twomode(n, edges, weighted):
    g = igraph.Graph(n=n, edges=[(a, c) for a, c, _ in edges], directed=False)
    if weighted:
        g.es["weight"] = [w for _, _, w in edges]
    return g


def nx_twomode(n, edges, weighted):
    g = nx.Graph()
    g.add_nodes_from(range(n))
    if weighted:
        g.add_weighted_edges_from(edges)
    else:
        g.add_edges_from((a, c) for a, c, _ in edges)
    return g


def cmd_load(args):
    if "igraph" in args.tools:
        s, runs, g = timed(lambda: igraph.Graph.Read_GraphML(args.graphml), budget=0, max_runs=1)
        emit("load", args.graph, "igraph", s, runs, {"nodes": g.vcount(), "edges": g.ecount()})
    if "networkx" in args.tools:
        s, runs, g = timed(lambda: nx.read_graphml(args.graphml), budget=0, max_runs=1)
        emit("load", args.graph, "networkx", s, runs, {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()})


def cmd_pagerank(args):
    n, _, edges = read_twomode(args.twomode)
    if "igraph" in args.tools:
        g = igraph_twomode(n, edges, True)
        s, runs, pr = timed(lambda: g.pagerank(damping=0.85, weights="weight", directed=False))
        emit("pagerank", args.graph, "igraph", s, runs, {"max": max(pr)})
    if "networkx" in args.tools:
        g = nx_twomode(n, edges, True)
        # networkx stops when the L1 change is below n·tol: tol = 1e-12/n
        # is claimnet's criterion (L1 change below 1e-12).
        s, runs, pr = timed(lambda: nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-12 / n, max_iter=10000),
                            budget=0, max_runs=1)
        emit("pagerank", args.graph, "networkx", s, runs, {"max": max(pr.values())})


def cmd_betweenness(args):
    n, _, edges = read_twomode(args.twomode)
    if "igraph" in args.tools:
        g = igraph_twomode(n, edges, False)
        s, runs, bc = timed(lambda: g.betweenness(directed=False), budget=0, max_runs=1)
        norm = 2 / ((n - 1) * (n - 2))
        emit("betweenness", args.graph, "igraph", s, runs, {"max": max(bc) * norm})
    if "networkx" in args.tools:
        g = nx_twomode(n, edges, False)
        s, runs, bc = timed(lambda: nx.betweenness_centrality(g, normalized=True), budget=0, max_runs=1)
        emit("betweenness", args.graph, "networkx", s, runs, {"max": max(bc.values())})


def cmd_onemode(args):
    """The actor congruence network counting each actor–claim–stance once:
    the weighted projection, onto the actors, of the bipartite graph of
    actors and (claim, stance) nodes."""
    triples = []
    with open(args.stances) as f:
        for line in f:
            a, c, s, _ = line.split(",")
            triples.append((int(a), int(c), int(s)))
    actors = sorted({a for a, _, _ in triples})
    items = sorted({(c, s) for _, c, s in triples})
    aid = {a: i for i, a in enumerate(actors)}
    iid = {x: len(actors) + i for i, x in enumerate(items)}
    edges = [(aid[a], iid[(c, s)]) for a, c, s in triples]
    nodes = len(actors) + len(items)
    if "igraph" in args.tools:
        g = igraph.Graph.Bipartite([False] * len(actors) + [True] * len(items), edges)
        s, runs, p = timed(lambda: g.bipartite_projection(multiplicity=True, which=0), budget=0, max_runs=1)
        emit("onemode", args.graph, "igraph", s, runs, {"edges": p.ecount(), "weight": sum(p.es["weight"])})
    if "networkx" in args.tools:
        b = nx.Graph()
        b.add_nodes_from(range(nodes))
        b.add_edges_from(edges)
        s, runs, p = timed(lambda: nx.bipartite.weighted_projected_graph(b, range(len(actors))), budget=0, max_runs=1)
        emit("onemode", args.graph, "networkx", s, runs,
             {"edges": p.number_of_edges(), "weight": sum(w for _, _, w in p.edges(data="weight"))})


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tools", default="igraph,networkx", help="comma-separated: igraph, networkx")
    p.add_argument("--graph", required=True, help="the graph's name in the report")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("load").add_argument("graphml")
    sub.add_parser("pagerank").add_argument("twomode")
    sub.add_parser("betweenness").add_argument("twomode")
    sub.add_parser("onemode").add_argument("stances")
    args = p.parse_args()
    args.tools = set(args.tools.split(","))
    {"load": cmd_load, "pagerank": cmd_pagerank, "betweenness": cmd_betweenness, "onemode": cmd_onemode}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())

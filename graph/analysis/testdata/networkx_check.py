"""Recompute claimnet's analyses with networkx, as an independent reader.

Reads JSON on standard input: {"actors": A, "claims": C, "stances":
[[actor, claim, stance, count], ...], "resolution": g, "scores": {measure:
[value per node]}, "groups": [[actor, ...], ...], "modularity": q} with
nodes 0..A-1 the actors and A..A+C-1 the claims. Prints {measure: largest
absolute difference} as JSON. Run by TestNetworkx in graph/analysis_test.go;
needs /usr/bin/python3 with networkx and scipy (Debian: python3-networkx
python3-scipy).
"""
import json
import math
import sys

import networkx as nx

doc = json.load(sys.stdin)
na, nc = doc["actors"], doc["claims"]
n = na + nc

# The two-mode graph: an edge per actor-claim pair, weighted by the number
# of statements of both stances.
G = nx.Graph()
G.add_nodes_from(range(n))
D = nx.DiGraph()
D.add_nodes_from(range(n))
for a, c, _, w in doc["stances"]:
    u, v = a, na + c
    old = G.edges[u, v]["weight"] if G.has_edge(u, v) else 0
    G.add_edge(u, v, weight=old + w)
    D.add_edge(u, v, weight=old + w)

mine = {k: v for k, v in doc["scores"].items()}
theirs = {}
theirs["degree"] = [G.degree(v, weight="weight") for v in range(n)]
bc = nx.betweenness_centrality(G, normalized=True)
theirs["betweenness"] = [bc[v] for v in range(n)]
hc = nx.harmonic_centrality(G)
theirs["harmonic"] = [hc[v] / (n - 1) for v in range(n)]
pr = nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-15, max_iter=10000)
theirs["pagerank"] = [pr[v] for v in range(n)]
ev = nx.eigenvector_centrality_numpy(G, weight="weight")
theirs["eigenvector"] = [abs(ev[v]) for v in range(n)]
hubs, auths = nx.hits(D, max_iter=10000, tol=1e-15, normalized=True)
hn = math.sqrt(sum(x * x for x in hubs.values()))
an = math.sqrt(sum(x * x for x in auths.values()))
theirs["hub"] = [hubs[v] / hn for v in range(n)]
theirs["authority"] = [auths[v] / an for v in range(n)]

out = {}
for k, want in theirs.items():
    out[k] = max(abs(x - y) for x, y in zip(mine[k], want))

# The congruence network, from the statements: actors tied by the same
# stance on the same claim, sum over claims and stances of the products of
# their statement counts.
x = {}
for a, c, s, w in doc["stances"]:
    x.setdefault((c, s), {})[a] = w
C = nx.Graph()
C.add_nodes_from(range(na))
for col in x.values():
    items = sorted(col.items())
    for i, (a, wa) in enumerate(items):
        for b, wb in items[i + 1:]:
            old = C.edges[a, b]["weight"] if C.has_edge(a, b) else 0
            C.add_edge(a, b, weight=old + wa * wb)
groups = [set(g) for g in doc["groups"]]
covered = set().union(*groups) if groups else set()
groups += [{a} for a in range(na) if a not in covered]
q = nx.algorithms.community.modularity(C, groups, weight="weight", resolution=doc["resolution"]) if C.number_of_edges() else 0.0
out["modularity"] = abs(q - doc["modularity"])
print(json.dumps(out, sort_keys=True))

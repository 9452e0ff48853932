"""Read claimnet's exports back with independent readers and compare them
with the graph document they were written from.

usage: readback.py DOC.json DIR [SCHEMA.json]

DIR holds graph.graphml, graph.gexf, graph.node-link.json, graph.dot,
nodes.csv and edges.csv, all written from DOC.json. Prints one JSON object:
for each reader, the node and edge counts it found and the list of
problems (attributes missing, extra or different). With SCHEMA.json, DOC.json
is also validated against that JSON Schema. Exit status 0 even when
there are problems: the Go test judges the report.
"""

import csv
import json
import math
import sys
import xml.etree.ElementTree as ET

import igraph
import networkx as nx

doc = json.load(open(sys.argv[1], encoding="utf-8"))
base = sys.argv[2].rstrip("/") + "/"
report = {}


def node_expect(n):
    """The flattened attributes every export gives node n (lists as lists)."""
    a = {
        "label": n["label"],
        "kind": n["kind"],
        "type": n["kind"] == "claim",
        "is_actor": n["kind"] == "actor",
        "active": n["active"],
        "statements": n["statements"],
    }
    if n["first"] is not None:
        a["first"] = n["first"]
        a["last"] = n["last"]
    if n["kind"] == "actor":
        for k in ("actor_type", "role", "affiliation", "side", "aliases", "tags", "coalition"):
            a[k] = n[k]
    else:
        for k in ("text", "topic", "about", "contested", "contestation", "supporters", "opposers"):
            a[k] = n[k]
        a["n_supporters"] = len(n["supporters"])
        a["n_opposers"] = len(n["opposers"])
    for m in doc["measures"]:
        v = n["centrality"][m]
        a["centrality_" + m] = math.nan if v is None else v
    return a


def edge_expect(e, weight=True):
    a = {"layer": e["layer"], "kind": e["kind"], "sign": e["sign"]}
    if weight:
        a["weight"] = e["weight"]
    if "stance" in e:
        a["stance"] = e["stance"]
    if e["first"] is not None:
        a["first"] = e["first"]
        a["last"] = e["last"]
    for k in ("quote", "text_source", "direct"):
        if k in e:
            a[k] = e[k]
    return a


def same(want, got):
    """Whether got (as a reader returned it) equals want (from the document)."""
    if isinstance(want, bool):
        return type(got) is bool and got == want
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            return False
        if math.isnan(want):
            return math.isnan(got)
        return got == want or math.isclose(got, want, rel_tol=1e-12, abs_tol=0)
    return want == got


def joined(attrs):
    """attrs with lists joined as the scalar formats write them."""
    return {k: "; ".join(v) if isinstance(v, list) else v for k, v in attrs.items()}


def compare(where, want, got, problems, absent_ok=(), empty_ok=False):
    """Reports the differences of got from want. absent_ok names extra
    attributes got may have; empty_ok lets got lack attributes whose wanted
    value is "" (networkx drops empty GraphML data)."""
    for k, v in want.items():
        if k not in got:
            if not (empty_ok and v == ""):
                problems.append(f"{where}: {k} missing")
        elif not same(v, got[k]):
            problems.append(f"{where}: {k} = {got[k]!r}, want {v!r}")
    for k, v in got.items():
        if k not in want and k not in absent_ok:
            problems.append(f"{where}: unexpected {k} = {v!r}")


nodes = {n["id"]: n for n in doc["nodes"]}
edges = {e["id"]: e for e in doc["edges"]}


# --- networkx, GraphML ---------------------------------------------------------
def nx_graphml():
    g = nx.read_graphml(base + "graph.graphml", force_multigraph=True)
    problems = []
    if not g.is_directed():
        problems.append("not directed")
    for nid, data in g.nodes(data=True):
        if nid not in nodes:
            problems.append(f"node {nid}: not in the document")
            continue
        compare(f"node {nid}", joined(node_expect(nodes[nid])), data, problems, empty_ok=True)
    for u, v, k, data in g.edges(keys=True, data=True):
        e = edges.get(k)
        if e is None or (e["source"], e["target"]) != (u, v):
            problems.append(f"edge {u}->{v} key {k}: not in the document")
            continue
        compare(f"edge {k}", joined(edge_expect(e)), data, problems, absent_ok=("id",), empty_ok=True)
    gd = g.graph
    want_graph = {"version": doc["version"], "per_statement": doc["per_statement"]}
    if doc["window"]["from"]:
        want_graph["window_from"] = doc["window"]["from"]
    if doc["window"]["to"]:
        want_graph["window_to"] = doc["window"]["to"]
    compare("graph", want_graph, {k: v for k, v in gd.items() if not k.startswith("node_default") and not k.startswith("edge_default")}, problems)
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "problems": problems}


# --- igraph, GraphML ------------------------------------------------------------
def ig_missing(v):
    return v is None or v == "" or (isinstance(v, float) and math.isnan(v))


def ig_graphml():
    g = igraph.Graph.Read_GraphML(base + "graph.graphml")
    problems = []
    if not g.is_directed():
        problems.append("not directed")
    ids = g.vs["id"]
    for vtx in g.vs:
        nid = vtx["id"]
        if nid not in nodes:
            problems.append(f"node {nid}: not in the document")
            continue
        want = joined(node_expect(nodes[nid]))
        got = vtx.attributes()
        for k, w in want.items():
            x = got.get(k)
            # igraph reads GraphML int and double alike as float, and fills
            # attributes a vertex lacks with "", nan or False.
            if not same(w, x) and not (isinstance(w, int) and not isinstance(w, bool) and isinstance(x, float) and x == w):
                problems.append(f"node {nid}: {k} = {x!r}, want {w!r}")
        for k, x in got.items():
            if k not in want and k != "id" and not ig_missing(x) and x is not False:
                problems.append(f"node {nid}: unexpected {k} = {x!r}")
    has_edge_ids = "id" in g.es.attributes()
    for i, edge in enumerate(g.es):
        key = edge["id"] if has_edge_ids else doc["edges"][i]["id"]
        e = edges.get(key)
        if e is None or (e["source"], e["target"]) != (ids[edge.source], ids[edge.target]):
            problems.append(f"edge {i} ({key}): not the document's")
            continue
        want = joined(edge_expect(e))
        got = edge.attributes()
        for k, w in want.items():
            x = got.get(k)
            if not same(w, x) and not (isinstance(w, int) and isinstance(x, float) and x == w):
                problems.append(f"edge {key}: {k} = {x!r}, want {w!r}")
        for k, x in got.items():
            if k not in want and k != "id" and not ig_missing(x) and x is not False:
                problems.append(f"edge {key}: unexpected {k} = {x!r}")
    types = g.vs["type"]
    bip = sum(1 for t in types if t)
    return {"nodes": g.vcount(), "edges": g.ecount(), "claims_by_type": bip, "problems": problems}


# --- networkx, node-link JSON ------------------------------------------------------
def nx_nodelink():
    data = json.load(open(base + "graph.node-link.json", encoding="utf-8"))
    try:
        g = nx.node_link_graph(data, edges="links")
    except TypeError:  # networkx < 3.4 has no edges= and reads "links"
        g = nx.node_link_graph(data)
    problems = []
    if not (g.is_directed() and g.is_multigraph()):
        problems.append("not a directed multigraph")
    for nid, d in g.nodes(data=True):
        if nid not in nodes:
            problems.append(f"node {nid}: not in the document")
            continue
        compare(f"node {nid}", node_expect(nodes[nid]), d, problems)
    for u, v, k, d in g.edges(keys=True, data=True):
        e = edges.get(k)
        if e is None or (e["source"], e["target"]) != (u, v):
            problems.append(f"edge {u}->{v} key {k}: not in the document")
            continue
        compare(f"edge {k}", edge_expect(e), d, problems)
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "problems": problems}


# --- igraph, CSV tables -------------------------------------------------------------
def cell(want, text):
    """Reads a CSV cell as the document value want's type says."""
    if isinstance(want, bool):
        return {"true": True, "false": False}.get(text, text)
    if isinstance(want, (int, float)):
        try:
            return float(text)
        except ValueError:
            return text
    return text


def ig_csv():
    with open(base + "nodes.csv", newline="", encoding="utf-8") as f:
        vrows = list(csv.DictReader(f))
    with open(base + "edges.csv", newline="", encoding="utf-8") as f:
        erows = list(csv.DictReader(f))
    g = igraph.Graph.DictList(vrows, erows, directed=True, vertex_name_attr="Id", edge_foreign_keys=("Source", "Target"))
    problems = []
    for vtx in g.vs:
        nid = vtx["Id"]
        n = nodes.get(nid)
        if n is None:
            problems.append(f"node {nid}: not in the document")
            continue
        want = joined(node_expect(n))
        got = vtx.attributes()
        if got["Label"] != n["label"]:
            problems.append(f"node {nid}: Label = {got['Label']!r}")
        for k, w in want.items():
            if k == "label":
                continue
            x = cell(w, got.get(k, ""))
            if not same(w, x):
                problems.append(f"node {nid}: {k} = {got.get(k)!r}, want {w!r}")
        for k, x in got.items():
            if k not in want and k not in ("Id", "Label") and x != "":
                problems.append(f"node {nid}: unexpected {k} = {x!r}")
    names = g.vs["Id"]
    for edge in g.es:
        got = edge.attributes()
        e = edges.get(got["Id"])
        if e is None or (e["source"], e["target"]) != (names[edge.source], names[edge.target]):
            problems.append(f"edge {got['Id']}: not the document's")
            continue
        if got["Type"] != "Directed" or got["Label"] != e["kind"] or float(got["Weight"]) != e["weight"]:
            problems.append(f"edge {got['Id']}: Type/Label/Weight = {got['Type']}/{got['Label']}/{got['Weight']}")
        want = joined(edge_expect(e, weight=False))
        for k, w in want.items():
            x = cell(w, got.get(k, ""))
            if not same(w, x):
                problems.append(f"edge {got['Id']}: {k} = {got.get(k)!r}, want {w!r}")
        for k, x in got.items():
            if k not in want and k not in ("Id", "Label", "Type", "Weight", "Source", "Target") and x != "":
                problems.append(f"edge {got['Id']}: unexpected {k} = {x!r}")
    return {"nodes": g.vcount(), "edges": g.ecount(), "problems": problems}


# --- GEXF 1.3, read with ElementTree against the 1.3 namespaces ---------------------
def gexf_tree():
    ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    root = ET.parse(base + "graph.gexf").getroot()
    problems = []
    if root.tag != "{http://gexf.net/1.3}gexf" or root.get("version") != "1.3":
        problems.append(f"root {root.tag} version {root.get('version')}")
    graph = root.find("g:graph", ns)
    for k, v in (("mode", "dynamic"), ("defaultedgetype", "directed"), ("timeformat", "date")):
        if graph.get(k) != v:
            problems.append(f"graph {k} = {graph.get(k)}")
    decl = {}
    for attrs in graph.findall("g:attributes", ns):
        for a in attrs.findall("g:attribute", ns):
            decl[(attrs.get("class"), a.get("id"))] = (a.get("title"), a.get("type"))

    def parse(cls, av):
        title, typ = decl[(cls, av.get("for"))]
        text = av.get("value")
        if typ == "boolean":
            return title, {"true": True, "false": False}[text]
        if typ in ("integer", "long"):
            return title, int(text)
        if typ in ("double", "float"):
            return title, float(text)
        return title, text

    count = 0
    for node in graph.find("g:nodes", ns).findall("g:node", ns):
        count += 1
        nid = node.get("id")
        n = nodes.get(nid)
        if n is None:
            problems.append(f"node {nid}: not in the document")
            continue
        got = {"label": node.get("label")}
        for av in node.find("g:attvalues", ns).findall("g:attvalue", ns):
            k, v = parse("node", av)
            got[k] = v
        compare(f"node {nid}", joined(node_expect(n)), got, problems)
        if (node.get("start"), node.get("end")) != (n["first"], n["last"]):
            problems.append(f"node {nid}: interval {node.get('start')}..{node.get('end')}")
        col = node.find("viz:color", ns)
        size = node.find("viz:size", ns)
        if col is None or size is None or not all(0 <= int(col.get(c)) <= 255 for c in "rgb") or float(size.get("value")) <= 0:
            problems.append(f"node {nid}: bad viz")
    ecount = 0
    for edge in graph.find("g:edges", ns).findall("g:edge", ns):
        ecount += 1
        e = edges.get(edge.get("id"))
        if e is None or (e["source"], e["target"]) != (edge.get("source"), edge.get("target")):
            problems.append(f"edge {edge.get('id')}: not the document's")
            continue
        got = {"weight": float(edge.get("weight"))}
        for av in edge.find("g:attvalues", ns).findall("g:attvalue", ns):
            k, v = parse("edge", av)
            got[k] = v
        compare(f"edge {e['id']}", joined(edge_expect(e)), got, problems)
        if edge.get("kind") != e["kind"] or (edge.get("start"), edge.get("end")) != (e["first"], e["last"]):
            problems.append(f"edge {e['id']}: kind {edge.get('kind')} interval {edge.get('start')}..{edge.get('end')}")
    return {"nodes": count, "edges": ecount, "problems": problems}


# --- networkx, GEXF read as 1.2draft (same elements, older namespace) ---------------
def nx_gexf():
    text = open(base + "graph.gexf", encoding="utf-8").read()
    text = text.replace("http://gexf.net/1.3/viz", "http://www.gexf.net/1.2draft/viz")
    text = text.replace("http://gexf.net/1.3", "http://www.gexf.net/1.2draft").replace('version="1.3"', 'version="1.2"')
    path = base + "graph-1.2draft.gexf"
    open(path, "w", encoding="utf-8").write(text)
    g = nx.read_gexf(path, version="1.2draft")
    problems = []
    for nid, d in g.nodes(data=True):
        n = nodes.get(nid)
        if n is None:
            problems.append(f"node {nid}: not in the document")
            continue
        want = joined(node_expect(n))
        for k, w in want.items():
            if not same(w, d.get(k)):
                problems.append(f"node {nid}: {k} = {d.get(k)!r}, want {w!r}")
    for u, v, k, d in g.edges(keys=True, data=True):
        e = edges.get(d.get("id", k))
        if e is None or (e["source"], e["target"]) != (u, v):
            problems.append(f"edge {u}->{v} {k}: not the document's")
            continue
        want = joined(edge_expect(e))
        for key, w in want.items():
            if not same(w, d.get(key)):
                problems.append(f"edge {e['id']}: {key} = {d.get(key)!r}, want {w!r}")
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "problems": problems}


# --- networkx + pydot, DOT -------------------------------------------------------------
def unquote(s):
    if isinstance(s, str) and len(s) >= 2 and s[0] == '"' and s[-1] == '"':
        s = s[1:-1]
    if isinstance(s, str):
        s = s.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
    return s


def nx_dot():
    try:
        import pydot  # noqa: F401
    except ImportError:
        return {"skipped": "no pydot"}
    g = nx.nx_pydot.read_dot(base + "graph.dot")
    # pydot 1.4 turns the line break after the graph's attribute statement
    # into a node named "\n"; claimnet writes no such node.
    g.remove_nodes_from([n for n in list(g.nodes) if n.strip() == "" or n == "\\n"])
    problems = []
    for nid, d in g.nodes(data=True):
        nid = unquote(nid)
        n = nodes.get(nid)
        if n is None:
            problems.append(f"node {nid}: not in the document")
            continue
        want = joined(node_expect(n))
        got = {k: unquote(v) for k, v in d.items()}
        for k, w in want.items():
            if not same(w, cell(w, got.get(k, ""))):
                problems.append(f"node {nid}: {k} = {got.get(k)!r}, want {w!r}")
    ecount = 0
    for u, v, k, d in g.edges(keys=True, data=True):
        ecount += 1
        key = unquote(k)
        e = edges.get(key)
        if e is None or (e["source"], e["target"]) != (unquote(u), unquote(v)):
            problems.append(f"edge {u}->{v} {k}: not the document's")
            continue
        want = joined(edge_expect(e))
        got = {kk: unquote(vv) for kk, vv in d.items()}
        for kk, w in want.items():
            if not same(w, cell(w, got.get(kk, ""))):
                problems.append(f"edge {key}: {kk} = {got.get(kk)!r}, want {w!r}")
    return {"nodes": g.number_of_nodes(), "edges": ecount, "problems": problems}


# --- jsonschema, the graph document ------------------------------------------------
def schema():
    if len(sys.argv) < 4:
        return {"skipped": "no schema given"}
    try:
        import jsonschema
    except ImportError:
        return {"skipped": "no jsonschema"}
    sch = json.load(open(sys.argv[3], encoding="utf-8"))
    validator = jsonschema.Draft7Validator(sch)
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]
    return {"nodes": len(doc["nodes"]), "edges": len(doc["edges"]), "problems": problems}


for name, fn in (
    ("jsonschema-document", schema),
    ("networkx-graphml", nx_graphml),
    ("igraph-graphml", ig_graphml),
    ("networkx-node-link", nx_nodelink),
    ("igraph-csv", ig_csv),
    ("elementtree-gexf13", gexf_tree),
    ("networkx-gexf", nx_gexf),
    ("networkx-pydot-dot", nx_dot),
):
    try:
        report[name] = fn()
    except Exception as exc:  # report, don't hide, a reader's failure
        report[name] = {"problems": [f"{type(exc).__name__}: {exc}"]}
report["versions"] = {"networkx": nx.__version__, "igraph": igraph.__version__}
json.dump(report, sys.stdout, indent=1, sort_keys=True)

#!/usr/bin/python3
"""Writes BENCHMARKS.md from the outputs compare.sh saved.

Usage: report.py RESULTS-DIR OUTPUT.md

Every number in the report comes from RESULTS-DIR: go-*.txt (Go benchmark
output), py.jsonl (compare.py and the dot timing), time-*.txt
(/usr/bin/time -v of claimnet commands), shapes.jsonl and
shapes-datasets.txt (shapes.sh: the commands on each shape of debate),
datasets.txt and versions.txt; the graph sizes from the edge lists in
RESULTS-DIR/../data. Any part whose outputs are missing is left out.
"""

import datetime
import json
import os
import re
import sys

BENCH = re.compile(r"^Benchmark(\S+?)(?:-\d+)?\s+(\d+)\s+([\d.]+) ns/op(.*)$")


def read(path, default=""):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return default


def parse_go(text):
    """Returns {benchmark name: {"s": seconds per op, metric unit: value}}."""
    out = {}
    for line in text.splitlines():
        m = BENCH.match(line.strip())
        if not m:
            continue
        name, _, ns, rest = m.groups()
        r = {"s": float(ns) / 1e9}
        fields = rest.split()
        for i in range(0, len(fields) - 1, 2):
            try:
                r[fields[i + 1]] = float(fields[i])
            except ValueError:
                pass
        out[name] = r
    return out


def parse_time(text):
    """Wall seconds and peak RSS bytes from /usr/bin/time -v output."""
    if not text or "FAILED" in text:
        return None
    wall = rss = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            parts = line.rsplit(" ", 1)[1].split(":")
            wall = sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))
        elif line.startswith("Maximum resident set size (kbytes):"):
            rss = int(line.rsplit(" ", 1)[1]) * 1024
    return {"wall": wall, "rss": rss}


def fmt_s(s):
    if s is None:
        return "—"
    if s >= 100:
        return f"{s:.0f} s"
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.1f} ms"
    return f"{s * 1e6:.0f} µs"


def fmt_ratio(a, b):
    if a is None or b is None or b == 0:
        return ""
    return f" ({a / b:.2f}×)"


# The targets every command is held to on 1M statements of any shape
# (issues 10 and 18): wall time and peak resident memory.
TARGET_WALL = 10.0
TARGET_RSS = 2e9
SHAPES = ["default", "uniform", "few-claims", "many-claims", "zipf11", "popular-first"]
SHAPE_COMMANDS = [
    ("analyse", "`claimnet analyse`"),
    ("network", "`claimnet network --type onemode` (congruence, CSV to /dev/null)"),
    ("export", "`claimnet export --format json -o FILE`"),
    ("query", "`claimnet query '.nodes\\|length'`"),
]


def shape_rows(res):
    """The runs of shapes.jsonl, grouped by (shape, command): the median
    wall time, the largest peak RSS, the worst status and the load
    averages."""
    runs = {}
    for line in read(os.path.join(res, "shapes.jsonl")).splitlines():
        if line.strip():
            r = json.loads(line)
            runs.setdefault((r["shape"], r["command"]), []).append(r)
    out = {}
    for key, rs in runs.items():
        walls = sorted(r["wall"] for r in rs if r.get("wall") is not None)
        rsss = [r["rss"] for r in rs if r.get("rss") is not None]
        bad = [r["status"] for r in rs if r["status"] != "ok"]
        out[key] = {
            "wall": walls[len(walls) // 2] if walls else None,
            "rss": max(rsss) if rsss else None,
            "status": bad[0] if bad else "ok",
            "runs": len(rs),
            "load": [r.get("load") for r in rs if r.get("load") is not None],
        }
    return out


def over(r):
    """How far a row is from the targets: the larger of wall / 10 s and
    RSS / 2 GB (above 1: over a target); a failed run (timeout, out of
    memory, error) counts as over whatever it measured."""
    share = 0.0
    if r["wall"] is not None:
        share = max(share, r["wall"] / TARGET_WALL)
    if r["rss"] is not None:
        share = max(share, r["rss"] / TARGET_RSS)
    if r["status"] != "ok":
        share = max(share, 1.0 + 1e-9)
    return share


def badness(rows):
    """Orders a shape's rows from best to worst: first by the number of
    failed runs, then by the worst row's distance from the targets."""
    failed = sum(1 for r in rows if r["status"] != "ok")
    return (failed, max(over(r) for r in rows))


def write_shapes(w, res):
    rows = shape_rows(res)
    if not rows:
        return
    flags = dict(line.split(" ", 1) for line in read(os.path.join(res, "shapes-datasets.txt")).splitlines() if line)
    shapes = [s for s in SHAPES if any(k[0] == s for k in rows)] + sorted({k[0] for k in rows} - set(SHAPES))
    m = re.search(r"--statements (\d+)", " ".join(flags.values()))
    size = f"{int(m.group(1)):,}" if m else "1M"
    w(f"## Shapes of debate at {size} statements")
    w("")
    w("`scripts/bench/shapes.sh` runs each command once per shape (`CLAIMNET_BENCH_RUNS` for more; then the "
      "median wall time and the largest peak are shown) on 1M statements generated by `claimnet gen --shape`, "
      "under `/usr/bin/time` (wall clock, peak resident set size). The target for every row is at most "
      f"{TARGET_WALL:.0f} s and {TARGET_RSS / 1e9:.0f} GB on this machine; rows over it are flagged. "
      "The load column is the 1-minute load average when the run started: on this shared 2-core machine "
      "a load above 2 means other work ran beside claimnet, and the times are that much noisier.")
    w("")
    w("| shape | `claimnet gen` flags |")
    w("| --- | --- |")
    for sh in shapes:
        w(f"| {sh} | `{flags.get(sh, '?')}` |")
    w("")
    w("| shape | command | wall | peak RSS | load | verdict |")
    w("| --- | --- | --- | --- | --- | --- |")
    for sh in shapes:
        for cmd, label in SHAPE_COMMANDS:
            r = rows.get((sh, cmd))
            if r is None:
                continue
            rss = "—" if r["rss"] is None else f"{r['rss'] / 1e9:.2f} GB"
            load = "—" if not r["load"] else "/".join(f"{x:.1f}" for x in r["load"])
            if r["status"] != "ok":
                verdict = f"**{r['status']}**"
            else:
                flagged = []
                if r["wall"] is not None and r["wall"] > TARGET_WALL:
                    flagged.append(f"over {TARGET_WALL:.0f} s")
                if r["rss"] is not None and r["rss"] > TARGET_RSS:
                    flagged.append(f"over {TARGET_RSS / 1e9:.0f} GB")
                verdict = "**" + ", ".join(flagged) + "**" if flagged else "within"
            w(f"| {sh} | {label} | {fmt_s(r['wall'])} | {rss} | {load} | {verdict} |")
    w("")
    # The worst shape: the one with the most failed runs, then the one
    # whose worst row is farthest over (or closest to) the targets.
    by_shape = {}
    for (sh, cmd), r in rows.items():
        by_shape.setdefault(sh, []).append((cmd, r))
    name = max(by_shape, key=lambda sh: badness([r for _, r in by_shape[sh]]))
    cmd, r = max(by_shape[name], key=lambda cr: (cr[1]["status"] != "ok", over(cr[1])))
    nfailed = sum(1 for _, r2 in by_shape[name] if r2["status"] != "ok")
    flagged = sum(1 for r2 in rows.values() if over(r2) > 1)
    rss = "—" if r["rss"] is None else f"{r['rss'] / 1e9:.2f} GB"
    state = r["status"] if r["status"] != "ok" else f"{fmt_s(r['wall'])}, {rss}"
    w(f"Worst shape: **{name}** ({nfailed} failed runs; its worst row: {cmd}, {state}). "
      f"{flagged} of {len(rows)} rows over the target.")
    an = {sh: rows[(sh, "analyse")] for sh in shapes if (sh, "analyse") in rows}
    if an:
        bad = [sh for sh, r in an.items() if over(r) > 1]
        w(f"`analyse` is within {TARGET_WALL:.0f} s and {TARGET_RSS / 1e9:.0f} GB on "
          f"{len(an) - len(bad)} of {len(an)} shapes" + (f" (over: {', '.join(bad)})." if bad else "."))
    w("")


def write_figures(w, go, other):
    """The figures section: the standard set and the generated figure in
    each format, the latter against native dot on the same DOT."""
    std = go.get("standard", {})
    fig = go.get("figure", {})
    if not std and not fig:
        return
    w("## Figures in each format")
    w("")
    w("One layout (Graphviz in-process), drawn to SVG, PDF (fonts embedded) and PNG (300 dpi) by claimnet. "
      "The standard set is the seven figures of `scripts/figures.sh` on the built-in dataset, at their natural "
      "size, with the dataset compiled and analysed each time (`BenchmarkStandardSet`); claimnet's share is "
      "everything outside Graphviz (building the figures, the legends, drawing PDF and PNG). The generated "
      "figure is the default actor-claim figure of the `figure` dataset (`BenchmarkCmpRender*`), and dot is "
      "native `dot -Tsvg` / `dot -Tpdf` on the same DOT text, median of 3 runs.")
    w("")
    w("| figures | format | claimnet | of which Graphviz | native dot | claimnet / dot |")
    w("| --- | --- | --- | --- | --- | --- |")
    for fmt in ["svg", "pdf", "png"]:
        r = std.get(f"StandardSet/{fmt}")
        if r:
            gv = r.get("graphviz-ms/op")
            w(f"| standard set (7 figures, up to {r.get('max-nodes', 0):.0f} nodes) | {fmt.upper()} | {fmt_s(r['s'])} | "
              f"{fmt_s(gv / 1000) if gv is not None else '—'} | — | — |")
    for fmt, task in [("SVG", "render"), ("PDF", "render-pdf"), ("PNG", None)]:
        r = fig.get(f"CmpRender{fmt}")
        if not r:
            continue
        d = other(task, "figure", "dot") if task else None
        ratio = f"{r['s'] / d:.2f}" if d else "—"
        w(f"| generated figure ({r.get('nodes', 0):.0f} nodes, {r.get('edges', 0):.0f} edges) | {fmt} | "
          f"{fmt_s(r['s'])} | — | {fmt_s(d) if d else '—'} | {ratio} |")
    w("")


def graph_size(data, name):
    """Nodes and edges of a dataset's two-mode graph, from cmpdata's file."""
    path = os.path.join(data, name + ".twomode.csv")
    try:
        with open(path) as f:
            n = int(f.readline().split(",")[0])
            m = sum(1 for _ in f)
        return f"{n:,} nodes, {m:,} edges"
    except (OSError, ValueError):
        return ""


def machine():
    cpu = "unknown"
    for line in read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = 0
    for line in read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            mem = int(line.split()[1]) * 1024
    return cpu, os.cpu_count(), mem


def main():
    res, dest = sys.argv[1], sys.argv[2]
    data = os.path.join(os.path.dirname(os.path.abspath(res)), "data")
    go = {}
    for f in sorted(os.listdir(res)):
        if f.startswith("go-") and f.endswith(".txt") and f != "go-suite.txt":
            go[f[3:-4]] = parse_go(read(os.path.join(res, f)))
    py = [json.loads(line) for line in read(os.path.join(res, "py.jsonl")).splitlines() if line.strip()]

    def other(task, graph, tool):
        for r in py:
            if r["task"] == task and r["graph"] == graph and r["tool"] == tool:
                return r["seconds"]
        return None

    def claim(graph, bench):
        r = go.get(graph, {}).get(bench)
        return r["s"] if r else None

    datasets = dict(line.split(" ", 1) for line in read(os.path.join(res, "datasets.txt")).splitlines() if line)
    cpu, ncpu, mem = machine()
    lines = []
    w = lines.append
    w("# Benchmarks")
    w("")
    w("Written by `scripts/bench/report.py` from the outputs of `make bench`")
    w("(`scripts/bench/compare.sh`); no number here is typed by hand.")
    w("")
    w(f"- Date: {datetime.date.today().isoformat()}")
    w(f"- Machine: {ncpu} cores ({cpu}), {mem / 2**30:.1f} GiB memory; load average when the report was written: "
      f"{read('/proc/loadavg').split(' ')[0] if read('/proc/loadavg') else '?'}")
    for v in read(os.path.join(res, "versions.txt")).splitlines():
        w(f"- {v}")
    dv = read(os.path.join(res, "dot-version.txt")).strip()
    if dv:
        w(f"- {dv}")
    w("- Commands: `make bench` = the Go suite (`go test -run XXX -bench . -benchmem -benchtime 3x ./...`) and "
      "`scripts/bench/compare.sh`")
    w("")
    w("## Datasets")
    w("")
    w("Generated by `claimnet gen` (annotations/gen: Zipf-skewed activity, camps with topic leanings, "
      "reversals, affiliations); the graph is the undirected two-mode actor–claim graph the centralities run on.")
    w("")
    w("| name | `claimnet gen` flags | two-mode graph |")
    w("| --- | --- | --- |")
    for name in ["large", "medium", "between", "small", "figure"]:
        if name in datasets:
            w(f"| {name} | `{datasets[name]}` | {graph_size(data, name)} |")
    w("")

    # Targets.
    an = parse_time(read(os.path.join(res, "time-analyse.txt")))
    ck = parse_time(read(os.path.join(res, "time-check.txt")))
    om = claim("large", "CmpOneMode/include")
    bc, bi = claim("between", "CmpBetweenness"), other("betweenness", "between", "igraph")
    rs, rd = claim("figure", "CmpRenderSVG"), other("render", "figure", "dot")

    def verdict(ok):
        return "—" if ok is None else ("met" if ok else "**missed**")

    w("## Targets (2 cores, 24 GB)")
    w("")
    w("| target | measured | verdict |")
    w("| --- | --- | --- |")
    if an:
        w(f"| `claimnet analyse` on large: < 10 s wall | {fmt_s(an['wall'])} | {verdict(an['wall'] < 10)} |")
        w(f"| `claimnet analyse` on large: < 2 GB peak RSS | {an['rss'] / 1e9:.2f} GB | {verdict(an['rss'] < 2e9)} |")
    else:
        w("| `claimnet analyse` on large | did not run (see results/time-analyse.txt) | — |")
    if ck:
        w(f"| (for reference) `claimnet check` on large: load and validate | {fmt_s(ck['wall'])}, "
          f"{ck['rss'] / 1e9:.2f} GB peak RSS | |")
    w(f"| one-mode congruence network on large: < 3 s | {fmt_s(om)} | {verdict(None if om is None else om < 3)} |")
    w(f"| exact betweenness on between: at most igraph's time | {fmt_s(bc)} vs {fmt_s(bi)}{fmt_ratio(bc, bi)} | "
      f"{verdict(None if bc is None or bi is None else bc <= bi)} |")
    w(f"| 300-node figure to SVG: within 2× native `dot -Tsvg` | {fmt_s(rs)} vs {fmt_s(rd)}{fmt_ratio(rs, rd)} | "
      f"{verdict(None if rs is None or rd is None else rs <= 2 * rd)} |")
    w("")

    write_shapes(w, res)

    # Comparisons.
    w("## claimnet against networkx, igraph and Graphviz")
    w("")
    w("Times per operation on the same graph; in brackets claimnet's time divided by the other tool's "
      "(below 1: claimnet is faster). claimnet runs on both cores (betweenness, one-mode networks and "
      "loading are parallel), igraph and networkx on one. claimnet's times are the mean of the Go "
      "benchmark's runs (3 to 5), igraph's and networkx's the median of up to 5 runs within a second "
      "(one run when the first takes longer), dot's the median of 3 runs of the command. The machine is "
      "shared, so single numbers move by tens of percent from run to run.")
    w("")
    w("| operation | graph | claimnet | igraph | networkx | dot |")
    w("| --- | --- | --- | --- | --- | --- |")
    rows = [
        ("load and compile (claimnet: YAML annotations; others: its GraphML export)", "load", "large", "CmpLoadCompile"),
        ("load and compile (claimnet: YAML annotations; others: its GraphML export)", "load", "medium", "CmpLoadCompile"),
        ("PageRank (weighted, d = 0.85, L1 change < 1e-12)", "pagerank", "large", "CmpPageRank"),
        ("PageRank (weighted, d = 0.85, L1 change < 1e-12)", "pagerank", "between", "CmpPageRank"),
        ("PageRank (weighted, d = 0.85, L1 change < 1e-12)", "pagerank", "small", "CmpPageRank"),
        ("exact betweenness (claimnet: with harmonic closeness)", "betweenness", "between", "CmpBetweenness"),
        ("exact betweenness (claimnet: with harmonic closeness)", "betweenness", "small", "CmpBetweenness"),
        ("one-mode congruence, each actor–claim–stance once", "onemode", "large", "CmpOneMode/acrossrange"),
        ("one-mode congruence, each actor–claim–stance once", "onemode", "medium", "CmpOneMode/acrossrange"),
        ("one-mode congruence, each actor–claim–stance once", "onemode", "small", "CmpOneMode/acrossrange"),
        ("one-mode congruence, every statement counted", "onemode-include", "large", "CmpOneMode/include"),
        ("render the figure's DOT to SVG", "render", "figure", "CmpRenderSVG"),
        ("render the figure's DOT to PDF", "render-pdf", "figure", "CmpRenderPDF"),
    ]
    for label, task, graph, bench in rows:
        c = claim(graph, bench)
        cells = []
        for tool in ["igraph", "networkx", "dot"]:
            o = other(task, graph, tool)
            cells.append(f"{fmt_s(o)}{fmt_ratio(c, o)}" if o is not None else "—")
        size = graph_size(data, graph)
        if graph == "figure":
            r = go.get("figure", {}).get("CmpRenderSVG", {})
            if "nodes" in r:
                size = f"{r['nodes']:.0f} nodes, {r['edges']:.0f} edges"
        if task.startswith("onemode"):
            r = go.get(graph, {}).get(bench, {})
            if "edges" in r:
                size += f" → {r['edges']:,.0f} actor pairs"
        w(f"| {label} | {graph}: {size} | {fmt_s(c)} | {' | '.join(cells)} |")
    an_s = claim("large", "CmpAnalyze")
    if an_s is not None:
        w(f"| whole analysis, `analysis.Analyze` defaults (sampled paths above 5,000 nodes) | large | {fmt_s(an_s)} | — | — | — |")
    w("")

    write_figures(w, go, other)

    # Loading against YAML decoding.
    ld = go.get("load", {})
    if ld:
        w("## Loading against YAML decoding")
        w("")
        w("`BenchmarkLoad` (annotations): `annotations.LoadDir` on a generated dataset against yaml.v3 decoding "
          "the same files' bytes into `yaml.Node` trees with the same parallelism — the cost of any loader "
          "built on yaml.v3 before it reads a single field.")
        w("")
        w("| statements | LoadDir | yaml.v3 → yaml.Node | LoadDir / yaml | LoadDir allocs | yaml allocs | retained per statement |")
        w("| --- | --- | --- | --- | --- | --- | --- |")
        sizes = sorted({k.split("/")[1] for k in ld if k.startswith("Load/")})
        for sz in sizes:
            a, y = ld.get(f"Load/{sz}/LoadDir"), ld.get(f"Load/{sz}/yaml-node")
            if not a or not y:
                continue
            w(f"| {int(sz.split('=')[1]):,} | {fmt_s(a['s'])} ({a.get('B/op', 0) / 1e6:.0f} MB allocated) | "
              f"{fmt_s(y['s'])} ({y.get('B/op', 0) / 1e6:.0f} MB) | {a['s'] / y['s']:.2f} | "
              f"{a.get('allocs/op', 0):,.0f} | {y.get('allocs/op', 0):,.0f} | {a.get('retained-B/stmt', 0):.0f} B |")
        w("")

    notes = read(os.path.join(os.path.dirname(os.path.abspath(__file__)), "NOTES.md")).strip()
    if notes:
        w(notes)
        w("")

    suite = read(os.path.join(res, "go-suite.txt"))
    if suite:
        w("## Go benchmark suite")
        w("")
        w("```")
        for line in suite.splitlines():
            if line.startswith(("Benchmark", "pkg:", "ok", "FAIL", "---")):
                w(line.rstrip())
        w("```")
        w("")

    failed = [f for f in sorted(os.listdir(res)) if f.endswith(".txt") and "FAILED" in read(os.path.join(res, f))]
    if failed:
        w("Runs that failed (their rows are empty): " + ", ".join(failed))
        w("")

    tmp = dest + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(lines))
    os.replace(tmp, dest)


if __name__ == "__main__":
    main()

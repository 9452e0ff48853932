#!/usr/bin/env bash
# compare.sh — time claimnet against networkx, igraph and native Graphviz on
# the same graphs, check the scale targets, and write BENCHMARKS.md.
#
# Usage: scripts/bench/compare.sh [GO-BENCH-OUTPUT]
#
# GO-BENCH-OUTPUT is the saved output of the Go benchmark suite (make bench
# passes it) to include in the report. scripts/bench/shapes.sh adds the
# commands on 1M statements of each shape of debate. Datasets are generated with
# `claimnet gen` into $CLAIMNET_BENCH_DIR (default .cache/bench) and kept
# for the next run while annotations/gen is unchanged. Debian packages
# that are missing (python3-networkx, python3-igraph, python3-scipy,
# graphviz, time) are installed with apt-get.
#
# claimnet's timings come from Go benchmarks that scripts/bench/overlay
# adds to the graph and graph/render packages with go test -overlay (so
# they can call the measures on exactly the graphs handed to Python);
# networkx's and igraph's from compare.py; Graphviz's from running dot.
# Every number in the report is written by report.py from these outputs.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
work=${CLAIMNET_BENCH_DIR:-$root/.cache/bench}
data=$work/data
out=$work/results
py=/usr/bin/python3
go=${GO:-go}
mkdir -p "$data" "$out"
rm -f "$out"/*.txt "$out"/*.jsonl

log() { printf '== %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------
need=()
$py -c 'import networkx' 2>/dev/null || need+=(python3-networkx)
$py -c 'import igraph' 2>/dev/null || need+=(python3-igraph)
$py -c 'import scipy' 2>/dev/null || need+=(python3-scipy)
command -v dot >/dev/null || need+=(graphviz)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
	log "installing ${need[*]}"
	apt-get update -qq && apt-get install -y -qq "${need[@]}" >&2
fi

log "building claimnet"
$go build -o "$work/claimnet" ./cmd/claimnet
$go build -o "$work/cmpdata" ./scripts/bench/cmpdata
claimnet=$work/claimnet

# --- datasets --------------------------------------------------------------
# name: the gen flags. A dataset is regenerated when its flags or the
# generator's source change.
declare -A datasets=(
	[large]="--actors 20000 --claims 50000 --statements 1000000 --sources 5000 --seed 1"
	[medium]="--actors 2000 --claims 5000 --statements 100000 --sources 500 --seed 1"
	[between]="--actors 991 --claims 4000 --statements 54300 --sources 200 --seed 1"
	[small]="--actors 200 --claims 800 --statements 8000 --sources 40 --seed 1"
	[figure]="--actors 110 --claims 240 --statements 800 --sources 20 --seed 1"
)
gensum=$(cat annotations/gen/*.go | sha256sum | cut -c1-16)
for name in large medium between small figure; do
	stamp="${datasets[$name]} gen=$gensum"
	if [ -f "$data/$name.stamp" ] && [ "$(cat "$data/$name.stamp")" = "$stamp" ]; then
		continue
	fi
	log "generating $name: ${datasets[$name]}"
	rm -f "$data/$name.stamp"
	# shellcheck disable=SC2086
	$claimnet gen ${datasets[$name]} -o "$data/$name" --force >&2
	"$work/cmpdata" "$data/$name" "$data/$name"
	if [ "$name" = large ] || [ "$name" = medium ]; then
		$claimnet export --format graphml --force -o "$data/$name.graphml" "$data/$name"
	fi
	echo "$stamp" >"$data/$name.stamp"
done
for name in "${!datasets[@]}"; do
	echo "$name ${datasets[$name]}" >>"$out/datasets.txt"
done

# --- claimnet: Go benchmarks through the overlay ------------------------------
overlay=$work/overlay.json
cat >"$overlay" <<EOF
{"Replace": {
  "$root/graph/analysis/zz_cmp_bench_test.go": "$root/scripts/bench/overlay/graph_cmp_test.go.in",
  "$root/graph/render/zz_cmp_bench_test.go": "$root/scripts/bench/overlay/render_cmp_test.go.in"
}}
EOF
# gobench NAME PKG PATTERN BENCHTIME [VAR=VALUE...] runs the benchmarks and
# saves their output as go-NAME.txt; a failure (say the overlay no longer
# compiles against the package) is recorded, not fatal.
gobench() {
	local name=$1 pkg=$2 pattern=$3 benchtime=$4
	shift 4
	log "claimnet: $name ($pattern)"
	if ! env "$@" $go test -overlay "$overlay" -run '^$' -bench "$pattern" -benchtime "$benchtime" -timeout 30m "$pkg" >"$out/go-$name.txt" 2>&1; then
		echo "FAILED" >>"$out/go-$name.txt"
		log "claimnet: $name failed; see $out/go-$name.txt"
	fi
}
gobench large ./graph/analysis 'CmpLoadCompile|CmpPageRank|CmpOneMode|CmpAnalyze' 3x CLAIMNET_BENCH_DATA="$data/large"
gobench medium ./graph/analysis 'CmpLoadCompile|CmpOneMode' 5x CLAIMNET_BENCH_DATA="$data/medium"
gobench between ./graph/analysis 'CmpBetweenness|CmpPageRank' 3x CLAIMNET_BENCH_DATA="$data/between"
gobench small ./graph/analysis 'CmpBetweenness|CmpPageRank|CmpOneMode' 5x CLAIMNET_BENCH_DATA="$data/small"
rm -f "$data/figure.dot"
gobench figure ./graph/render 'CmpRender(SVG|PDF|PNG)$' 3x CLAIMNET_BENCH_RENDER="$data/figure" CLAIMNET_BENCH_DOT="$data/figure.dot"
# The standard figure set of scripts/figures.sh (built-in dataset), in each format.
gobench standard ./graph/render '^BenchmarkStandardSet$' 3x

log "claimnet: loading vs yaml.v3 decoding (BenchmarkLoad -large)"
$go test -run '^$' -bench 'BenchmarkLoad' -benchmem -benchtime 2x -timeout 30m ./annotations -args -large >"$out/go-load.txt" 2>&1 ||
	echo "FAILED" >>"$out/go-load.txt"

# --- claimnet: the command line, wall time and peak memory -------------------
# cli NAME ARGS... runs claimnet under /usr/bin/time -v.
cli() {
	local name=$1
	shift
	log "claimnet $*"
	if ! /usr/bin/time -v -o "$out/time-$name.txt" "$claimnet" "$@" >/dev/null 2>"$out/cli-$name.err"; then
		echo "FAILED" >>"$out/time-$name.txt"
	fi
}
cli check check "$data/large"
cli analyse analyse "$data/large"

# --- claimnet: every shape of debate at 1M statements ----------------------------
log "claimnet on each shape of debate (scripts/bench/shapes.sh)"
scripts/bench/shapes.sh "$claimnet" "$data" "$out" || log "shapes.sh failed; its rows are missing"

# --- networkx and igraph -----------------------------------------------------
pyrun() {
	log "python: $*"
	$py scripts/bench/compare.py "$@" >>"$out/py.jsonl" || log "python: $* failed"
}
pyrun --graph large --tools igraph load "$data/large.graphml"
pyrun --graph medium load "$data/medium.graphml"
pyrun --graph large pagerank "$data/large.twomode.csv"
pyrun --graph between pagerank "$data/between.twomode.csv"
pyrun --graph small pagerank "$data/small.twomode.csv"
pyrun --graph between --tools igraph betweenness "$data/between.twomode.csv"
pyrun --graph small betweenness "$data/small.twomode.csv"
pyrun --graph large --tools igraph onemode "$data/large.stances.csv"
pyrun --graph medium onemode "$data/medium.stances.csv"
pyrun --graph small onemode "$data/small.stances.csv"

# --- native Graphviz -----------------------------------------------------------
if [ -s "$data/figure.dot" ]; then
	log "dot -Tsvg and -Tpdf figure.dot (median of 3 each)"
	$py - "$data/figure.dot" >>"$out/py.jsonl" <<'EOF'
import json, statistics, subprocess, sys, time
for fmt, task in [("svg", "render"), ("pdf", "render-pdf")]:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(["dot", "-T" + fmt, sys.argv[1], "-o", "/dev/null"], check=True)
        times.append(time.perf_counter() - start)
    print(json.dumps({"task": task, "graph": "figure", "tool": "dot", "seconds": statistics.median(times), "runs": 3}))
EOF
	dot -V 2>"$out/dot-version.txt" || true
fi

# --- the report ------------------------------------------------------------------
if [ $# -gt 0 ] && [ -f "$1" ]; then
	cp "$1" "$out/go-suite.txt"
fi
$py -c 'import networkx, igraph; print("networkx", networkx.__version__); print("igraph", igraph.__version__)' >"$out/versions.txt"
$go version >>"$out/versions.txt"
log "writing BENCHMARKS.md"
$py scripts/bench/report.py "$out" BENCHMARKS.md

#!/usr/bin/env bash
# shapes.sh — run claimnet's commands on 1M statements of every shape of
# debate `claimnet gen --shape` makes, measuring wall time and peak memory.
#
# Usage: scripts/bench/shapes.sh CLAIMNET DATA-DIR RESULTS-DIR
#
# For each shape (default, uniform, few-claims, many-claims, zipf11,
# popular-first) the dataset is generated into DATA-DIR/shape-NAME, and
# kept for the next run while its flags and annotations/gen are
# unchanged. Then each command runs under /usr/bin/time:
#   analyse                       (standard output to /dev/null)
#   network --type onemode        (default aggregate, congruence; to /dev/null)
#   export --format json -o FILE  (to a file in RESULTS-DIR, removed after)
#   query '.nodes|length'         (with claimnet's default timeout)
# and one line per run is appended to RESULTS-DIR/shapes.jsonl:
#   {"shape", "command", "wall" (s), "rss" (bytes), "status", "load"}
# status is ok, failed (with the exit code), out of memory or timeout.
# report.py turns these into the shapes table of BENCHMARKS.md.
#
# Each run is limited in time and in address space (ulimit -v), so that
# a shape that makes a command blow up fails that row instead of taking
# the shared machine's memory.
#
# Environment: CLAIMNET_BENCH_STATEMENTS (default 1000000),
# CLAIMNET_BENCH_RUNS (runs per command, default 1), CLAIMNET_BENCH_TIMEOUT
# (seconds per run, default 900), CLAIMNET_BENCH_MEMORY (the address
# space limit per run in GB, default 8), CLAIMNET_BENCH_SHAPES (the shapes
# to run, space-separated; default all).
set -euo pipefail

if [ $# -ne 3 ]; then
	echo "usage: $0 CLAIMNET DATA-DIR RESULTS-DIR" >&2
	exit 2
fi
claimnet=$1
data=$2
out=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
statements=${CLAIMNET_BENCH_STATEMENTS:-1000000}
runs=${CLAIMNET_BENCH_RUNS:-1}
limit=${CLAIMNET_BENCH_TIMEOUT:-900}
memory=${CLAIMNET_BENCH_MEMORY:-8}
shapes=${CLAIMNET_BENCH_SHAPES:-default uniform few-claims many-claims zipf11 popular-first}
mkdir -p "$data" "$out"
rm -f "$out/shapes.jsonl" "$out/shapes-datasets.txt"

log() { printf '== %s\n' "$*" >&2; }

if [ ! -x /usr/bin/time ]; then
	log "installing time (GNU time, for peak memory)"
	apt-get update -qq && apt-get install -y -qq time >&2
fi

# The sizes: 1M statements in 5,000 sources; the shapes that do not set
# the actors and claims get the standard benchmark's 20,000 and 50,000.
sources=$((statements / 200))
[ "$sources" -ge 1 ] || sources=1
gensum=$(cat "$root"/annotations/gen/*.go | sha256sum | cut -c1-16)
flags_of() {
	case $1 in
	few-claims | many-claims) echo "--shape $1 --statements $statements --sources $sources --seed 1" ;;
	*) echo "--shape $1 --actors 20000 --claims 50000 --statements $statements --sources $sources --seed 1" ;;
	esac
}

# measure SHAPE COMMAND ARGS... runs claimnet ARGS under /usr/bin/time
# (and timeout), $runs times, and records each run.
measure() {
	local shape=$1 command=$2
	shift 2
	local i status wall rss load tf
	tf=$(mktemp)
	for ((i = 1; i <= runs; i++)); do
		log "$shape: claimnet $* (run $i of $runs)"
		load=$(cut -d' ' -f1 /proc/loadavg)
		set +e
		# time waits for timeout, whose peak RSS includes claimnet's.
		(
			ulimit -v $((memory * 1024 * 1024))
			exec /usr/bin/time -f '%e %M' -o "$tf" timeout "$limit" "$claimnet" "$@"
		) >/dev/null 2>"$out/shape-$shape-$command.err"
		status=$?
		set -e
		# time's last line is "wall rss-KB", after "Command exited with
		# non-zero status N" when it failed.
		read -r wall rss < <(tail -n 1 "$tf") || true
		case $status in
		0) st=ok ;;
		124) st=timeout ;;
		*) st="failed (exit $status)" ;;
		esac
		if [ "$status" -ne 0 ] && grep -qE 'out of memory|cannot allocate memory' "$out/shape-$shape-$command.err"; then
			st="out of memory (${memory} GB address space)"
		fi
		[[ $wall =~ ^[0-9.]+$ ]] || wall=null
		[[ $rss =~ ^[0-9]+$ ]] && rss=$((rss * 1024)) || rss=null
		printf '{"shape": "%s", "command": "%s", "wall": %s, "rss": %s, "status": "%s", "load": %s}\n' \
			"$shape" "$command" "$wall" "$rss" "$st" "$load" >>"$out/shapes.jsonl"
	done
	rm -f "$tf"
}

for shape in $shapes; do
	flags=$(flags_of "$shape")
	dir=$data/shape-$shape
	stamp="$flags gen=$gensum"
	if ! [ -f "$dir.stamp" ] || [ "$(cat "$dir.stamp")" != "$stamp" ]; then
		log "generating $shape: claimnet gen $flags"
		rm -f "$dir.stamp"
		# shellcheck disable=SC2086
		"$claimnet" gen $flags -o "$dir" --force >&2
		echo "$stamp" >"$dir.stamp"
	fi
	echo "$shape $flags" >>"$out/shapes-datasets.txt"
	measure "$shape" analyse analyse "$dir"
	measure "$shape" network network --type onemode "$dir"
	measure "$shape" export export --format json -o "$out/shape-export.json" --force "$dir"
	rm -f "$out/shape-export.json"
	measure "$shape" query query '.nodes|length' "$dir"
done

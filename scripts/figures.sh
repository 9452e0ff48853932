#!/usr/bin/env bash
# figures.sh BIN DIR — render the standard figure set of the built-in
# dataset into DIR. make runs it into out/; make test runs it into a
# temporary directory and compares the result with the committed out/.
set -euo pipefail
bin=$1
dir=$2
mkdir -p "$dir"
"$bin" stats --json > "$dir/.stats.json.tmp" && mv "$dir/.stats.json.tmp" "$dir/stats.json"

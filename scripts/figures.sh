#!/usr/bin/env bash
# figures.sh BIN DIR — render the standard figure set of the built-in
# dataset into DIR. make runs it into out/; make test runs it into a
# temporary directory and compares the result with the committed out/, so
# every file here must come out the same, byte for byte, on every run.
#
#   actor-claim.svg        the 40 most central actors and claims, stances
#   actor-claim.pdf        the 11 most central, at page width (17 cm), text
#                          no smaller than 7 pt, fonts embedded
#   actor-claim.png        the same figure as PNG (150 dpi), for the README
#   actor-claim-full.svg   every actor and claim with a statement
#   actor-claim-print.svg  actor-claim.svg in the greyscale print theme
#   actors.svg             the actor network (agreement, conflict), coalitions
#   arguments.svg          the claim layer with supporter/opposer counts
#   ego-*.svg              two actors and everything within two hops
#   analysis.json          every analysis result
#   actors-centrality.csv  the centralities of the active actors
#   claims-centrality.csv  the centralities of the active claims
#   stats.json             the dataset's counts
#   report.html            the interactive report: figure, quotes, tables
set -euo pipefail
bin=$1
dir=$2
mkdir -p "$dir"

# out FILE CMD... runs CMD with its standard output going to DIR/FILE,
# through a temporary file, so a failed command leaves no half file.
out() {
	local file=$1
	shift
	"$@" > "$dir/.$file.tmp"
	mv "$dir/.$file.tmp" "$dir/$file"
}

title="Afghanistan–Pakistan talks, October–November 2025"

out actor-claim.svg "$bin" render actor-claim --top 40 \
	--title "Who said what: the 40 most central actors and claims" \
	--caption "$title. Actors are sized by the number of their statements; claims supported by some actors and opposed by others have a double border."
page() {
	out "actor-claim.$1" "$bin" render actor-claim --top 11 --size page --format "$1" ${2:+--dpi "$2"} \
		--title "Who said what: the 11 most central actors and claims" \
		--caption "$title. Actors are sized by the number of their statements; claims supported by some actors and opposed by others have a double border."
}
page pdf
page png 150
out actor-claim-full.svg "$bin" render actor-claim \
	--title "Who said what: every actor and claim" --caption "$title."
out actor-claim-print.svg "$bin" render actor-claim --top 40 --theme print \
	--title "Who said what: the 40 most central actors and claims" --caption "$title."
out actors.svg "$bin" render actors --min-weight 2 \
	--title "Actor network: agreement and conflict" \
	--caption "$title. Two actors agree when they take the same stance on a claim and conflict when they take opposite ones; the weight multiplies their statement counts (DNA's congruence and conflict). Colours are the coalitions found in the agreement network."
out arguments.svg "$bin" render arguments \
	--title "Arguments between claims" \
	--caption "$title. Each claim counts the actors supporting (▲) and opposing (▼) it."
ego() {
	out "ego-$1.svg" "$bin" render ego --node "$1" --depth 2 \
		--title "$2 and everyone within two hops" \
		--caption "$title. The claims $2 took a stance on, every other actor with a stance on them, and the relations among these actors."
}
ego khawaja-asif "Khawaja Asif"
ego sirajuddin-haqqani "Sirajuddin Haqqani"

# The analysis, and the centrality tables from the graph document.
out analysis.json "$bin" analyse --json
table='.measures as $m
	| (["id", "label"] + $m | @csv),
	  (.nodes[] | select(.kind == $kind and .active) | [.id, .label] + [.centrality[$m[]]] | @csv)'
out actors-centrality.csv "$bin" query -r --arg kind=actor "$table"
out claims-centrality.csv "$bin" query -r --arg kind=claim "$table"
out stats.json "$bin" stats --json
out report.html "$bin" report --title "Who said what: $title"

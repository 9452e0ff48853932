# claimnet — build, figures, tests.
#   make        build bin/claimnet and render the standard figures into out/
#   make test   vet, unit tests, dataset check against the corpus, figure determinism
#   make bench  benchmarks, the comparison with networkx, igraph and Graphviz,
#               and every command on 1M statements of each shape of debate
#   make bench-shapes  only the shapes, BENCHMARKS.md rewritten
#   make eval   precision and recall of extraction against the curated dataset
#               and the PolNeAR attribution gold (../shared/attribution)
#   make screenshot  docs/report.png, out/report.html in headless chromium

GO      ?= go
BIN     := bin/claimnet
CORPUS  ?= ../shared/corpus
DATASET := annotations/istanbul-2025
GOFILES := $(shell find . -name '*.go' -not -path './.cache/*') go.mod go.sum $(shell find annotations -name '*.yaml') $(wildcard graph/report/assets/*)

.PHONY: all build figures test vet unit check-dataset check-figures bench bench-shapes eval fuzz clean screenshot

all: build figures

build: $(BIN)

$(BIN): $(GOFILES)
	$(GO) build -o $(BIN) ./cmd/claimnet

figures: $(BIN)
	./scripts/figures.sh $(BIN) out

test: vet unit check-dataset check-figures

STATICCHECK ?= $(shell command -v staticcheck || echo $$($(GO) env GOPATH)/bin/staticcheck)

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	@if [ -x "$(STATICCHECK)" ]; then echo "staticcheck ./..."; $(STATICCHECK) ./...; \
	else echo "vet: staticcheck not installed (go install honnef.co/go/tools/cmd/staticcheck@v0.8.2); skipped"; fi

unit:
	$(GO) test ./...

# The dataset's quotes are checked against the corpus when it is there (CI has it).
check-dataset: $(BIN)
	@if [ -d "$(CORPUS)" ]; then \
		./$(BIN) check --corpus $(CORPUS) $(DATASET); \
	else \
		echo "check-dataset: $(CORPUS) not found; checking the dataset without quotes"; \
		./$(BIN) check $(DATASET); \
	fi

# out/ is committed; regenerate it in a temporary directory and compare every byte.
check-figures: $(BIN)
	@tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	./scripts/figures.sh $(BIN) $$tmp >/dev/null && \
	diff -r out $$tmp && echo "check-figures: out/ is reproduced byte for byte"

# The Go suite, then the comparison with networkx, igraph and Graphviz and
# the commands on 1M statements of each shape of debate (scripts/bench/
# shapes.sh), which writes BENCHMARKS.md (tens of minutes; datasets are
# kept in .cache/bench).
bench:
	@mkdir -p .cache/bench
	$(GO) test -run XXX -bench . -benchmem -benchtime 3x -timeout 60m ./... >.cache/bench/go-suite.txt 2>&1; \
		status=$$?; cat .cache/bench/go-suite.txt; test $$status -eq 0
	./scripts/bench/compare.sh .cache/bench/go-suite.txt

# Only the shapes: analyse, network, export and query on 1M statements of
# each shape, then BENCHMARKS.md again from these and the results of the
# last make bench (without them, the report goes to .cache/bench/SHAPES.md
# so that BENCHMARKS.md keeps its other sections).
bench-shapes:
	@mkdir -p .cache/bench/results
	$(GO) build -o .cache/bench/claimnet ./cmd/claimnet
	./scripts/bench/shapes.sh .cache/bench/claimnet .cache/bench/data .cache/bench/results
	@if [ -f .cache/bench/results/versions.txt ]; then \
		/usr/bin/python3 scripts/bench/report.py .cache/bench/results BENCHMARKS.md && echo "wrote BENCHMARKS.md"; \
	else \
		/usr/bin/python3 scripts/bench/report.py .cache/bench/results .cache/bench/SHAPES.md && \
		echo "no results of make bench: wrote .cache/bench/SHAPES.md, BENCHMARKS.md untouched"; \
	fi

# The README's picture of the report: an actor selected, its quotes listed
# (the browser test's screenshot; needs chromium).
screenshot:
	$(GO) test ./graph/report -count=1 -run '^TestBrowser$$' -screenshot $(CURDIR)/docs/report.png

# Extraction against the built-in dataset, then against the PolNeAR
# attribution gold (dev, then train as a held-out check) with its scorer:
# precision and recall of quote plus speaker, quote-span recall, speaker
# accuracy, reported-speech recall and the failure categories.
ATTRIBUTION ?= ../shared/attribution
eval: $(BIN)
	./$(BIN) extract --eval --corpus $(CORPUS) --actors $(DATASET)
	@if [ -d "$(ATTRIBUTION)" ]; then \
		for set in dev train; do \
			echo; echo "== PolNeAR $$set =="; \
			tmp=$$(mktemp); \
			ls $(ATTRIBUTION)/$$set/*.txt | xargs ./$(BIN) extract --json >$$tmp && \
			/usr/bin/python3 $(ATTRIBUTION)/score.py $$tmp $(ATTRIBUTION)/$$set --examples 2; \
			status=$$?; rm -f $$tmp; test $$status -eq 0 || exit 1; \
		done; \
	else echo "eval: $(ATTRIBUTION) not found; the PolNeAR scores are skipped"; fi

fuzz:
	$(GO) test ./annotations -run XXX -fuzz '^FuzzLoad$$' -fuzztime 60s
	$(GO) test ./internal/fastyaml -run XXX -fuzz '^FuzzParse$$' -fuzztime 60s
	$(GO) test ./annotations -run XXX -fuzz '^FuzzFastLoad$$' -fuzztime 60s
	$(GO) test ./extract -run XXX -fuzz '^FuzzExtract$$' -fuzztime 60s
	$(GO) test ./internal/termsafe -run XXX -fuzz '^FuzzString$$' -fuzztime 60s

clean:
	rm -rf bin

# cqrslint: every target works on a fresh clone with Go and PostgreSQL.
GO        ?= go
BIN       ?= bin/cqrslint
# reviewdog, for the test of docs/ci.md's reviewdog recipe (built once per version).
REVIEWDOG_VERSION ?= v0.21.0
REVIEWDOG  = bin/tools/reviewdog-$(REVIEWDOG_VERSION)/reviewdog
GOFILES    = $(shell git ls-files '*.go' 2>/dev/null | grep -v '^testdata/' || find . -name '*.go' -not -path './testdata/*')

.PHONY: build test test-race test-cacheprog check lint demo fmt-check vet golangci-e2e fuzz fuzz-ci fuzz-long bench robust pg release release-dry

## build: the cqrslint binary in bin/
build:
	$(GO) build -o $(BIN) ./cmd/cqrslint

## test: gofmt check, go vet, and every test; the race detector on the packages
## with concurrency of their own: the command (its driver loads packages in
## parallel; watched in the tests that run it in process, while its
## command-line tests start the plain binary), the SQL layer and the demo. The analyzer's analysistest cases and
## the rest run without it here; CI adds their race pass (test-race).
## Without PostgreSQL the database tests skip, and a SKIP line names each package
## that skips; with CI (or DATABASE_URL) set they fail instead.
## The reviewdog recipe's test needs reviewdog: installed at a pinned version into bin/tools.
DBTEST      = github.com/cqrslint/cqrslint/demo/internal/dbtest
DBTEST_PKGS = $(GO) list -f '{{range .TestImports}}{{if eq . "$(DBTEST)"}}{{$$.ImportPath}}{{"\n"}}{{end}}{{end}}{{range .XTestImports}}{{if eq . "$(DBTEST)"}}{{$$.ImportPath}}{{"\n"}}{{end}}{{end}}' ./...
RACE_PKGS   = ./cmd/... ./analyzer/internal/sqlinfo/... ./demo/...
NORACE_PKGS = $(shell $(GO) list ./... | grep -v -e '/cmd/' -e '/analyzer/internal/sqlinfo' -e '/demo$$' -e '/demo/' -e '/bench/cacheprog')
test: fmt-check vet $(REVIEWDOG)
	@$(GO) run ./demo/internal/dbtest/skipnote $$($(DBTEST_PKGS))
	CQRSLINT_REVIEWDOG=$(abspath $(REVIEWDOG)) $(GO) test -race -count=1 -timeout=30m $(RACE_PKGS)
	$(GO) test -count=1 -timeout=30m $(NORACE_PKGS)

$(REVIEWDOG):
	GOBIN=$(abspath $(dir $(REVIEWDOG))) $(GO) install github.com/reviewdog/reviewdog/cmd/reviewdog@$(REVIEWDOG_VERSION)

## test-race: the race detector on the packages make test runs without it (CI)
test-race:
	$(GO) test -race -count=1 -timeout=30m $(NORACE_PKGS)

## test-cacheprog: cqrslint under go vet with a shared GOCACHEPROG cache (CI):
## a cold cache, a second machine, a one-package edit (docs/performance.md)
test-cacheprog:
	$(GO) test -count=1 ./bench/cacheprog/

## check: the quick inner loop: gofmt check, go vet and the tests in -short mode
## (no go vet end-to-end runs), without the race detector
check: fmt-check vet
	$(GO) test -short -count=1 ./...

fmt-check:
	@out=$$(gofmt -l $(GOFILES)); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

## lint: cqrslint on its own module. demo/before and analyzer/internal/e2e are bad examples, so they are left out, and
## so is the demo runner that imports it: go vet caches a package's report under the same
## key whether it was vetted itself or only for an importer's facts (Go 1.26), so vetting
## the runner could replay demo/before's findings from an earlier run.
lint: build
	$(GO) vet -vettool=$(abspath $(BIN)) $$($(GO) list ./... | grep -v -e /demo/before -e '/demo$$' -e /internal/e2e/)

## demo: run cqrslint on the example code and measure the before/after services on PostgreSQL; the fan-out
## chart goes to $(DEMO_CHART), its data beside it (.json)
DEMO_CHART ?= bin/demo/fanout.svg
demo:
	$(GO) run ./demo -chart=$(DEMO_CHART)

## pg: start the local PostgreSQL cluster if it is not running (Debian)
pg:
	@bash .ci/pg-start

## golangci-e2e: build a custom golangci-lint with the plugin and check its findings on the demo
golangci-e2e:
	bash scripts/golangci-e2e.sh

## fuzz: fuzzing of the SQL layer and the analyzer (FUZZTIME per target:
## a duration such as 2m, or an execution count such as 5000x)
FUZZTIME ?= 2m
FUZZTIME_SQL ?= $(FUZZTIME)
FUZZTIME_ANALYZER ?= $(FUZZTIME)
FUZZMINIMIZETIME ?= 60s
fuzz:
	$(GO) test -run='^$$' -fuzz=FuzzAnalyze -fuzztime=$(FUZZTIME_SQL) -fuzzminimizetime=$(FUZZMINIMIZETIME) ./analyzer/internal/sqlinfo/
	$(GO) test -run='^$$' -fuzz=FuzzPrepare -fuzztime=$(FUZZTIME_SQL) -fuzzminimizetime=$(FUZZMINIMIZETIME) ./analyzer/internal/sqlinfo/
	$(GO) test -run='^$$' -fuzz=FuzzAnalyzer -fuzztime=$(FUZZTIME_ANALYZER) -fuzzminimizetime=$(FUZZMINIMIZETIME) ./analyzer/

## fuzz-ci: the short fuzz CI runs, by execution count: with a duration,
## Go 1.26's fuzz coordinator can fail a clean run with "context deadline
## exceeded" when the time is up while a worker is busy (golang/go#75804)
fuzz-ci:
	$(MAKE) fuzz FUZZTIME_SQL=100000x FUZZTIME_ANALYZER=3000x FUZZMINIMIZETIME=200x

## fuzz-long: a long fuzz run of every target
fuzz-long:
	$(MAKE) fuzz FUZZTIME=10m

## bench: cqrslint against the type-checking floors on generated modules
## (report in bin/bench.md), then the Go benchmarks; see docs/performance.md
BENCH_SIZES ?= 10,100,400
BENCH_RUNS  ?= 5
bench:
	@mkdir -p bin
	$(GO) run ./bench/harness -sizes=$(BENCH_SIZES) -runs=$(BENCH_RUNS) -o bin/bench.md
	$(GO) test -run='^$$' -bench=. -benchmem ./analyzer/...

## robust: cqrslint over std and every module in go.mod: no panic, no error, no finding
robust:
	bash bench/robust.sh

## release: static binaries for linux, darwin and windows on amd64 and arm64, as
## dist/cqrslint_VERSION_OS_ARCH.tar.gz with LICENSE and README.md, and dist/SHA256SUMS;
## VERSION defaults to git describe (docs/release.md)
release:
	GO=$(GO) bash scripts/release.sh

## release-dry: what CI runs: the release build for two targets into bin/dist, checked
release-dry:
	GO=$(GO) DIST=bin/dist TARGETS="linux/amd64 darwin/arm64" bash scripts/release.sh -check

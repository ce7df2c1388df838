# metareport — the two commands a reviewer needs: `make demo` and `make test`.
SWIFT ?= swift

# Build: pkg-config and the C libraries behind the CCairo, CZlib and CCmarkGFM targets.
BUILD_PACKAGES := pkg-config libcairo2-dev zlib1g-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
# Fonts the themes name (DejaVu Sans; Liberation Sans is metric-compatible with Arial).
FONT_PACKAGES := fonts-dejavu-core fonts-liberation2
# Test tools: pdftotext checks PDF text; jsonschema checks the review schema; Chromium opens
# the HTML report headless (screenshot, network and console checks).
TEST_PACKAGES := poppler-utils python3-jsonschema python3-yaml chromium

EXAMPLES := $(wildcard examples/*/review.yaml)

.PHONY: deps test-deps build test demo bench examples-check plugin-check library-check clean

## What building and rendering need; test-deps adds what only the tests use, so `make demo` on a
## fresh machine does not pull in a browser.
deps:
	@scripts/install-deps.sh $(BUILD_PACKAGES) $(FONT_PACKAGES)

test-deps: deps
	@scripts/install-deps.sh $(TEST_PACKAGES)
	@scripts/ensure-locale.sh de_DE.UTF-8

build: deps
	$(SWIFT) build

## The test suite, then every example rendered strictly, then the SwiftPM plugin.
test: test-deps
	$(SWIFT) build
	$(SWIFT) test
	@$(MAKE) --no-print-directory examples-check plugin-check library-check

## Renders every example into out/ with a release build and prints the index page to open.
demo: deps
	$(SWIFT) build -c release --product metareport
	.build/release/metareport render $(EXAMPLES) -o out
	@echo "Open $(CURDIR)/out/index.html"

## Times the engine, the figures and whole renders (release build), beside R's metafor and Python's
## forestplot where those are installed; says what it skipped. See docs/performance.md. Not part of
## `make test`. Options through BENCH_ARGS, e.g. make bench BENCH_ARGS="--quick --no-compare".
BENCH_ARGS ?=
bench: deps
	$(SWIFT) build -c release --product metareport
	$(SWIFT) build -c release --product metareport-bench
	.build/release/metareport-bench $(BENCH_ARGS)

## Every example renders with no warning and no error (warnings count as errors with --strict).
examples-check: test-deps
	@rm -rf .build/examples-check && mkdir -p .build/examples-check
	@if ! .build/debug/metareport render $(EXAMPLES) -o .build/examples-check --strict -q 2> .build/examples-check/log.txt \
	   || grep -E ": (warning|error):" .build/examples-check/log.txt; then \
	  cat .build/examples-check/log.txt; echo "examples-check: the examples must render without warnings or errors"; exit 1; fi
	@echo "examples-check: $(words $(EXAMPLES)) examples rendered cleanly"

## The render-report plugin renders an example into a scratch folder.
plugin-check: test-deps
	@rm -rf .build/plugin-check
	$(SWIFT) package --allow-writing-to-package-directory render-report examples/bcg-vaccine/review.yaml -o .build/plugin-check -q
	@test -s .build/plugin-check/report.html && echo "plugin-check: render-report wrote .build/plugin-check/report.html"

## Another Swift package uses the libraries: examples/LibraryUsage draws a forest plot in code.
library-check: test-deps
	@# SwiftPM keeps the build plan of a path dependency and misses source files added to it since;
	@# dropping the plan (not the objects) makes it look again, and the build stays incremental.
	@rm -f .build/library-check/forest.svg .build/library-check/*/debug/description.json
	$(SWIFT) run --package-path examples/LibraryUsage --scratch-path .build/library-check LibraryUsage .build/library-check/forest.svg
	@grep -q "<svg" .build/library-check/forest.svg && echo "library-check: examples/LibraryUsage wrote .build/library-check/forest.svg"

## The test suite under AddressSanitizer, then under UndefinedBehaviorSanitizer. The CLI the
## end-to-end tests run is built with the same sanitizer. Leak reports are off: Cairo and
## fontconfig keep caches for the life of the process. Swift 6.3 on Linux has no
## -sanitize=undefined for Swift code (whose overflow and bounds checks trap anyway), so UBSan
## instruments the C the package compiles (libyaml, inside Yams) through clang.
CLANG_RUNTIME = $(shell dirname $$(readlink -f $$(command -v swift)))/../lib/clang
sanitize: test-deps
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) build --build-tests --scratch-path .build-ubsan -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined \
	  -Xlinker $$(ls $(CLANG_RUNTIME)/*/lib/linux/libclang_rt.ubsan_standalone-x86_64.a | head -1) -Xlinker -lstdc++
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 $(SWIFT) test --skip-build --scratch-path .build-ubsan

## libFuzzer with AddressSanitizer on the CSV, review-file, risk-of-bias and RevMan readers (FUZZ_SECONDS each).
FUZZ_SECONDS ?= 30
fuzz: test-deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

clean: deps
	$(SWIFT) package clean
	rm -rf out

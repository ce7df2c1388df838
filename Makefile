# metareport — the two commands a reviewer needs: `make demo` and `make test`.
SWIFT ?= swift

# Build: pkg-config and the C libraries behind the CCairo and CCmarkGFM targets.
BUILD_PACKAGES := pkg-config libcairo2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
# Fonts the themes name (DejaVu Sans; Liberation Sans is metric-compatible with Arial).
FONT_PACKAGES := fonts-dejavu-core fonts-liberation2
# Test tools: pdftotext checks PDF text; jsonschema checks the review schema; Chromium opens
# the HTML report headless (screenshot, network and console checks).
TEST_PACKAGES := poppler-utils python3-jsonschema python3-yaml chromium

.PHONY: deps build test clean

deps:
	@scripts/install-deps.sh $(BUILD_PACKAGES) $(FONT_PACKAGES) $(TEST_PACKAGES)
	@scripts/ensure-locale.sh de_DE.UTF-8

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build
	$(SWIFT) test

clean: deps
	$(SWIFT) package clean
	rm -rf out

# MageDesk. `make run` opens the app; `make test` runs every test.
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(PATH)

GO        ?= go
TAGS      := sqlite_fts5
TEST_TAGS := ci,sqlite_fts5
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.buildRef=$(VERSION)
BIN       := build/magedesk

.PHONY: run build test test-short bench bench-model demo-store lint fmt vet package smoke keyring clean deps-build deps-test

deps-build:
	@.ci/deps.sh build

deps-test:
	@.ci/deps.sh test

build: deps-build
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/magedesk

run: build
	./$(BIN)

# Every test, on Fyne's headless driver (no display needed).
test: deps-test
	$(GO) vet -tags $(TEST_TAGS) ./...
	$(GO) test -tags $(TEST_TAGS) -count=1 -timeout 30m ./...

test-short: deps-test
	$(GO) test -tags $(TEST_TAGS) -short ./...

# Sync figures against Store L served by the simulator in its own process,
# then the browsing figures at the app layer on a Store L database.
bench: deps-test
	$(GO) build -tags $(TEST_TAGS) -o build/magedesk-bench ./cmd/magedesk
	-./build/magedesk-bench bench
	$(GO) test -tags $(TEST_TAGS) -run '^$$' -bench . -benchtime 5x ./app/

# The store's own write/read benchmarks (builds Store L through ApplyBatch: slow).
bench-model: deps-test
	$(GO) test -tags $(TEST_TAGS) -run '^$$' -bench . -benchtime 1x -timeout 60m ./model/

demo-store: deps-test
	$(GO) run -tags $(TEST_TAGS) ./cmd/magedesk demo-store

lint: fmt vet

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet -tags $(TEST_TAGS) ./...

clean:
	rm -rf build

# Release packages (Linux .tar.xz and Windows .exe) into dist/; see .ci/package.sh.
package:
	.ci/package.sh all

# Builds the Linux package, installs it in a temporary root and starts it
# under Xvfb: a window, a screenshot that is not blank, a clean exit.
smoke:
	.ci/smoke.sh

# Credential tests against a real Secret Service (gnome-keyring in a
# private D-Bus session).
keyring:
	.ci/keyring.sh

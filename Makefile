# ThaliumX node. `make test` is what CI runs; `make help` lists the targets.

GO        ?= go
BIN       := bin
VERSION   := $(shell git describe --always --dirty 2>/dev/null || echo devel)
LDFLAGS   := -X main.version=$(VERSION)

# Packages that are pure and fast enough to test under the race detector;
# a pattern that matches no package yet is skipped, not fatal to the list.
RACE_PKGS := ./matching/... ./node/ledger/...

.PHONY: help build test vet test-go run bench clean

help:
	@echo "make build   build bin/thx"
	@echo "make test    go vet and the whole test suite (what CI runs)"
	@echo "make bench   run the benchmarks and print one-line summaries"
	@echo "make clean   remove build output"

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN)/thx ./cmd/thx

vet:
	$(GO) vet ./...

test: vet test-go

test-go:
	$(GO) test -count=1 ./...
	@pkgs=$$(for p in $(RACE_PKGS); do $(GO) list $$p 2>/dev/null; done); \
	if [ -n "$$pkgs" ]; then $(GO) test -count=1 -race $$pkgs; fi

# The engine benchmark prints a line per workload shape and a summary line.
# Figures from a machine shared with other work are not comparable.
bench:
	$(GO) run ./cmd/thx bench engine

clean:
	rm -rf $(BIN)

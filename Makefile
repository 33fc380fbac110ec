# ThaliumX node. `make test` is what CI runs; `make help` lists the targets.

GO        ?= go
BIN       := bin
VERSION   := $(shell git describe --always --dirty 2>/dev/null || echo devel)
LDFLAGS   := -X main.version=$(VERSION)

# Packages that are pure and fast enough to test under the race detector;
# a pattern that matches no package yet is skipped, not fatal to the list.
RACE_PKGS := ./matching/... ./node/ledger/... ./node/state/... ./rpc/...

# Generated contract files that `make contracts` rewrites and CI checks.
CONTRACT_OUTPUT := contracts/artifacts contracts/bindings

.PHONY: help build test vet test-go test-e2e-js e2e-npm run bench clean contracts contracts-npm check-contracts check-eip712-js

help:
	@echo "make build   build bin/thx"
	@echo "make run     build and start a development node (embedded chain, Exchange, funded accounts)"
	@echo "make test    go vet and the whole test suite (what CI runs)"
	@echo "make bench   run the benchmarks and print one-line summaries"
	@echo "make contracts  recompile the Solidity sources and regenerate artifacts and Go bindings"
	@echo "make clean   remove build output"

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN)/thx ./cmd/thx

# A development node on the embedded dev chain, with its data in a temporary
# directory; pass DATADIR=dir to keep it and resume on the next run.
run: build
	$(BIN)/thx node --dev $(if $(DATADIR),--datadir $(DATADIR))

vet:
	$(GO) vet ./...

test: vet check-contracts check-eip712-js test-e2e-js test-go

# Install the pinned solc and ethers from contracts/package-lock.json when
# contracts/node_modules is missing.
contracts-npm:
	@if [ ! -d contracts/node_modules ]; then cd contracts && npm ci --no-audit --no-fund; fi

contracts: contracts-npm
	cd contracts && node build.js
	cd contracts && $(GO) run ./internal/bindgen

# Regenerating the artifacts and bindings must change nothing in git.
check-contracts: contracts
	git diff --exit-code -- $(CONTRACT_OUTPUT)
	@untracked=$$(git ls-files --others --exclude-standard -- $(CONTRACT_OUTPUT)); \
	if [ -n "$$untracked" ]; then echo "untracked generated files: $$untracked"; exit 1; fi

# ethers v6 must compute the same EIP-712 digests and signers as Go and Solidity.
check-eip712-js: contracts-npm
	cd contracts && node eip712-check.js

# Install the pinned ethers and ws from e2e/package-lock.json when
# e2e/node_modules is missing.
e2e-npm:
	@if [ ! -d e2e/node_modules ]; then cd e2e && npm ci --no-audit --no-fund; fi

# ethers signs orders for a thx node --dev, which settles their trade on chain.
test-e2e-js: build e2e-npm
	cd e2e && THX_BIN=$(CURDIR)/$(BIN)/thx node --test trade.test.js

# The end-to-end tests in e2e/ run the bin/thx just built.
test-go: build
	THX_BIN=$(CURDIR)/$(BIN)/thx $(GO) test -count=1 ./...
	@pkgs=$$(for p in $(RACE_PKGS); do $(GO) list $$p 2>/dev/null; done); \
	if [ -n "$$pkgs" ]; then $(GO) test -count=1 -race $$pkgs; fi

# The engine benchmark prints a line per workload shape and a summary line.
# Figures from a machine shared with other work are not comparable.
bench:
	$(GO) run ./cmd/thx bench engine

clean:
	rm -rf $(BIN)

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

.PHONY: help build test vet test-go test-network run bench bench-network clean contracts contracts-npm check-contracts check-eip712-js

help:
	@echo "make build   build bin/thx"
	@echo "make run     build and start a development node (embedded chain, Exchange, funded accounts)"
	@echo "make test    go vet and the whole test suite (what CI runs)"
	@echo "make test-network  the network's end-to-end tests at full size (20,000 orders; minutes)"
	@echo "make bench   run the benchmarks and print one-line summaries"
	@echo "make bench-network  8 nodes at 5,000 orders/s: gossip and replication latency, memory (10 minutes)"
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

test: vet check-contracts check-eip712-js test-go

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

test-go:
	$(GO) test -count=1 ./...
	@pkgs=$$(for p in $(RACE_PKGS); do $(GO) list $$p 2>/dev/null; done); \
	if [ -n "$$pkgs" ]; then $(GO) test -count=1 -race $$pkgs; fi

# The network's end-to-end tests (package testnet) at the size of the
# specification: 20,000 orders round-robin over five nodes, a follower
# process killed and restarted while 20,000 orders flow, a sixth node from
# a snapshot. make test runs them with 2,000 orders.
test-network:
	THX_TESTNET_ORDERS=20000 $(GO) test -count=1 -timeout 30m -v ./testnet

# Eight nodes in their own processes with orders gossiped at 5,000 per
# second for ten minutes: latency percentiles and each node's memory.
bench-network:
	THX_NETBENCH_DURATION=10m $(GO) test -run '^$$' -bench NetworkLatency -benchtime 1x -timeout 60m -v ./testnet

# The engine benchmark prints a line per workload shape and a summary line.
# Figures from a machine shared with other work are not comparable.
bench:
	$(GO) run ./cmd/thx bench engine

clean:
	rm -rf $(BIN)

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

# The built dApp that `make dapp` rewrites, embedded by the dapp package.
DAPP_OUTPUT := dapp/dist

.PHONY: help build test vet test-go test-network run bench bench-network clean contracts contracts-npm check-contracts \
	check-eip712-js dapp dapp-npm check-dapp test-dapp test-browser test-e2e-js e2e-npm

help:
	@echo "make build   build bin/thx"
	@echo "make run     build and start a development node (embedded chain, Exchange, funded accounts)"
	@echo "make test    go vet and the whole test suite (what CI runs)"
	@echo "make test-network  the network's end-to-end tests at full size (20,000 orders; minutes)"
	@echo "make bench   run the benchmarks and print one-line summaries"
	@echo "make bench-network  8 nodes at 5,000 orders/s: gossip and replication latency, memory (10 minutes)"
	@echo "make contracts  recompile the Solidity sources and regenerate artifacts and Go bindings"
	@echo "make dapp    rebuild the trader's dApp into dapp/dist (embedded by the node)"
	@echo "make test-browser  run the dApp's tests in Debian's chromium against thx node --dev"
	@echo "make clean   remove build output"

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN)/thx ./cmd/thx

# A development node on the embedded dev chain, with its data in a temporary
# directory; pass DATADIR=dir to keep it and resume on the next run.
run: build
	$(BIN)/thx node --dev $(if $(DATADIR),--datadir $(DATADIR))

vet:
	$(GO) vet ./...

test: vet check-contracts check-eip712-js check-dapp test-dapp test-e2e-js test-go test-browser

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

# Install the pinned dApp packages from dapp/package-lock.json when
# dapp/node_modules is missing.
dapp-npm:
	@if [ ! -d dapp/node_modules ]; then cd dapp && npm ci --no-audit --no-fund; fi

# Type-check and build the dApp into dapp/dist.
dapp: dapp-npm
	cd dapp && npm run build

# Rebuilding the dApp must change nothing in git, so the embedded files
# are what the sources and the lockfile produce.
check-dapp: dapp
	git diff --exit-code -- $(DAPP_OUTPUT)
	@untracked=$$(git ls-files --others --exclude-standard -- $(DAPP_OUTPUT)); \
	if [ -n "$$untracked" ]; then echo "untracked built dApp files: $$untracked"; exit 1; fi

# Unit tests of the dApp's order arithmetic, book, candles and errors.
test-dapp: dapp-npm
	cd dapp && npm test

# Browser tests: Debian's chromium driven by playwright-core against a
# `thx node --dev` that each test starts. dapp/e2e/chromium.sh installs
# chromium with apt-get when it may; elsewhere the tests are skipped with
# a message, unless THX_BROWSER_TESTS=required (as .ci/run sets).
test-browser: build dapp-npm
	@dapp/e2e/chromium.sh
	cd dapp && THX_BIN=$(CURDIR)/$(BIN)/thx npm run test:browser


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

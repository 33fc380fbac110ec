// Package e2e tests the built thx binary end to end. Each test starts
// `thx node --dev` as a child process on free loopback ports with a
// temporary data directory. It talks to the node only as a client would,
// over JSON-RPC and the dev chain's eth_ JSON-RPC.
//
// The tests build bin/thx into a temporary directory once, unless the
// THX_BIN environment variable names a binary to use (`make test` sets it
// to the bin/thx it has just built). The replay of the NASDAQ LOBSTER
// sample runs for about a minute and skips under -short; it reads the
// sample from ../shared/data/lobster/ beside the repository, or from the
// directory in THX_LOBSTER_DIR, and skips with a message when it is absent.
//
// The JavaScript test beside this package (trade.test.js) covers the same
// path with ethers as the wallet library; `make test` runs it.
package e2e

// Package dapp serves the trader's web application, the files that Vite
// builds from dapp/src into dapp/dist, embedded in the binary.
//
// The node serves the page on its JSON-RPC listener. NewHandler serves GET
// and HEAD requests for the page and its assets and passes every other
// request (JSON-RPC POSTs, WebSocket upgrades, /health, /metrics) to the
// API handler, so the page calls the node on its own origin.
//
// dist is committed like the contract artifacts, so `go build` needs no
// Node.js; `make dapp` rebuilds it with the npm packages pinned in
// dapp/package-lock.json, and `make test` checks that a rebuild changes
// nothing.
//
// Caching: Vite names every asset after a hash of its content, so files
// under /assets/ are cached for a year as immutable; index.html is
// revalidated on every load with its ETag, so a new node version takes
// effect on the next reload.
//
// Concurrency: the embedded files and their ETags are read-only after
// package initialisation, so handlers are safe for concurrent use.
package dapp

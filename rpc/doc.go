// Package rpc serves the node's JSON-RPC API over HTTP and WebSocket, with
// health and Prometheus metrics endpoints on the same listener.
package rpc

// Package testnet starts a local network of nodes on loopback around one
// embedded development chain and holds the network's end-to-end tests.
package testnet

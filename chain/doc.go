// Package chain talks to EVM chains: clients per chain id, the embedded
// development chain, EIP-712 types, the deposit watcher and the settler.
package chain

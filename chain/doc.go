// Package chain connects the node to EVM chains.
//
// The node talks to several chains at once, each configured as
// "chainId=url" (ParseEndpoint, ParseEndpoints) with an http, https, ws or
// wss URL; a known network's name may replace its chain id, as in
// "sepolia=wss://...". Dial and DialAll read eth_chainId from every
// endpoint and reject one whose chain id differs from its configuration
// (ErrChainIDMismatch), so a node never settles on the wrong chain.
// DialAll returns all clients or none.
//
// Known networks (KnownNetworks) carry a name and a default confirmation
// count: Ethereum 1, Sepolia 11155111, BNB Smart Chain 56 and its testnet
// 97, Polygon PoS 137 and Polygon Amoy 80002. Any other chain id, such as a
// development chain's, gets DefaultConfirmations.
//
// Endpoint URLs often carry provider API keys, so errors and log lines show
// Endpoint.Redacted, never the URL itself.
//
// Subpackages: devchain runs embedded development chains, eip712 holds the
// signed message types, batch encodes settle calls, watcher follows
// deposits and withdrawal requests, and settler submits batches.
//
// Concurrency: a Client and Clients are safe for concurrent use once
// dialled; Close must not race with other calls.
package chain

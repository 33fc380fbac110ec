// Package client calls a ThaliumX node's JSON-RPC API (docs/RPC.md) with
// go-ethereum's rpc client, over HTTP or WebSocket.
//
// Client has a typed method for each thx method and subscription that a
// trading bot needs: markets, the book and its subscription, placing one
// order or a list (PlaceOrders), cancels, orders, trades and balances. For
// the others (thx_ticker, thx_withdraw, thx_withdrawals, thx_syncing), RPC
// returns the underlying go-ethereum client.
// SignOrder and SignCancel prepare a signed request from human input. They
// request the EIP-712 payload from the node (thx_typedData) and check that
// it is the requested order and that its digest is the one this package
// computes from the market. Only then do they sign that digest with the
// trader's key. A node that returns another order, price or contract gets
// ErrPayloadMismatch, and nothing is signed.
//
// Tools that sign many orders without a round trip each, such as the load
// benchmark, build the integer form themselves with NewSignedOrder.
//
// A Client is safe for concurrent use, as go-ethereum's rpc.Client is; over
// WebSocket all calls share one connection.
package client

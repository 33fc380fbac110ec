package rpc

import "errors"

// Errors a Backend returns besides those of the packages it builds on.
var (
	// ErrRateLimited: the caller sent more requests or orders than its limit.
	ErrRateLimited = errors.New("rpc: rate limited")
	// ErrUnavailable: the node cannot take the request now (starting,
	// stopping, syncing, or its queue is full).
	ErrUnavailable = errors.New("rpc: node unavailable")
	// ErrNotFound: the order, market or record does not exist.
	ErrNotFound = errors.New("rpc: not found")
	// ErrOrderNotOpen: a cancel names an order that the node has a record of
	// but that is filled, cancelled or expired.
	ErrOrderNotOpen = errors.New("rpc: order not open")
)

// Errors of the API layer itself. Each is wrapped with the field and the
// value involved.
var (
	// ErrInvalidParams: a parameter is missing, malformed or out of range.
	ErrInvalidParams = errors.New("rpc: invalid params")
	// ErrTooPrecise: a decimal price, quantity or amount has more decimals
	// than the market or token allows. It is never rounded.
	ErrTooPrecise = errors.New("rpc: more decimals than allowed")
	// ErrWrongChain: a message names, or was signed for, another chain than
	// the market's or the order's.
	ErrWrongChain = errors.New("rpc: wrong chain")
	// ErrTooManySubscriptions: the WebSocket connection already has
	// Config.SubscriptionsPerConnectionMax subscriptions.
	ErrTooManySubscriptions = errors.New("rpc: too many subscriptions on this connection")
	// ErrWebSocketRequired: thx_subscribe was called over HTTP, which
	// cannot carry notifications.
	ErrWebSocketRequired = errors.New("rpc: WebSocket connection required")
)

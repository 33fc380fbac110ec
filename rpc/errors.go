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
)

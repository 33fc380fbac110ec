package client

import (
	"errors"

	gethrpc "github.com/ethereum/go-ethereum/rpc"
)

var (
	// ErrPayloadMismatch: the node's thx_typedData reply is not the
	// message that was asked for, or its digest is not the one computed
	// here from the market's chain and Exchange. Nothing was signed.
	ErrPayloadMismatch = errors.New("client: typed data from the node does not match the request")
	// ErrInvalidRequest: the order or cancel to sign is incomplete or
	// malformed.
	ErrInvalidRequest = errors.New("client: invalid request")
)

// ErrorCode returns the JSON-RPC error code of an error that a node
// returned, and false for any other error (a network failure, a timeout,
// a check of this package).
func ErrorCode(err error) (int, bool) {
	var rpcErr gethrpc.Error
	if errors.As(err, &rpcErr) {
		return rpcErr.ErrorCode(), true
	}
	return 0, false
}

// ErrorReason returns the data.reason member of a node's error (such as
// "insufficient_balance"), or "" when the error has none.
func ErrorReason(err error) string {
	var dataErr gethrpc.DataError
	if !errors.As(err, &dataErr) {
		return ""
	}
	data, ok := dataErr.ErrorData().(map[string]any)
	if !ok {
		return ""
	}
	reason, _ := data["reason"].(string)
	return reason
}

package chain

import "errors"

// Sentinel errors of package chain. Callers match them with errors.Is; the
// returned errors wrap them with the values involved.
var (
	// ErrInvalidEndpoint marks a chain endpoint setting that is not
	// "chainId=url" with a known chain name or a positive chain id and an
	// http, https, ws or wss URL.
	ErrInvalidEndpoint = errors.New("chain: invalid endpoint")

	// ErrDuplicateChain marks two endpoints configured for the same chain id.
	ErrDuplicateChain = errors.New("chain: chain id configured twice")

	// ErrTooManyEndpoints marks a configuration with more than EndpointsMax
	// endpoints.
	ErrTooManyEndpoints = errors.New("chain: too many endpoints")

	// ErrChainIDMismatch marks an endpoint whose eth_chainId differs from
	// the chain id it was configured for.
	ErrChainIDMismatch = errors.New("chain: chain id mismatch")

	// ErrDialFailed marks an endpoint that could not be reached or returned
	// no chain id from eth_chainId.
	ErrDialFailed = errors.New("chain: dial failed")

	// ErrUnknownChain marks a request for a chain id that has no client.
	ErrUnknownChain = errors.New("chain: no client for chain id")
)

package p2p

import "errors"

// Sentinel errors. Functions wrap them with %w and the values involved, so
// callers test with errors.Is and operators read the values in the message.
var (
	// ErrInvalidConfig is returned by New for a configuration value out of
	// range or missing.
	ErrInvalidConfig = errors.New("p2p: invalid configuration")

	// ErrIdentityFile is returned when the identity key file cannot be read,
	// is damaged, or is readable by other users.
	ErrIdentityFile = errors.New("p2p: invalid identity key file")

	// ErrClosed is returned by calls made after Close.
	ErrClosed = errors.New("p2p: host closed")

	// ErrMessageTooLarge rejects a gossip message or sync frame above its
	// size limit.
	ErrMessageTooLarge = errors.New("p2p: message too large")

	// ErrMalformed rejects bytes that do not decode as the expected
	// message: wrong length, unknown kind, or a field out of range.
	ErrMalformed = errors.New("p2p: malformed message")

	// ErrUnsupportedVersion rejects a message whose version byte this build
	// does not read.
	ErrUnsupportedVersion = errors.New("p2p: unsupported message version")

	// ErrWrongTopic rejects a message whose chain, exchange or market
	// differs from the topic it arrived on.
	ErrWrongTopic = errors.New("p2p: message does not belong to its topic")

	// ErrInvalidSignature rejects an order, cancel or batch whose signature
	// does not recover to the account that must have signed it.
	ErrInvalidSignature = errors.New("p2p: invalid signature")

	// ErrNotOperator rejects a log batch signed by an account other than
	// the configured operator.
	ErrNotOperator = errors.New("p2p: batch not signed by the operator")

	// ErrInvalidBatch is returned when building or signing a batch whose
	// entries are empty, too many, too large or not consecutive.
	ErrInvalidBatch = errors.New("p2p: invalid batch")

	// ErrNotJoined is returned when publishing to a market topic that was
	// not joined with JoinMarket.
	ErrNotJoined = errors.New("p2p: market topic not joined")

	// ErrAlreadyJoined is returned by JoinMarket for a market joined before.
	ErrAlreadyJoined = errors.New("p2p: market topic already joined")

	// ErrNoPeers is returned by the sync client when no connected peer
	// serves the sync protocol or holds the requested data.
	ErrNoPeers = errors.New("p2p: no peer to sync from")

	// ErrSyncFailed is returned when a sync gave up after trying every
	// candidate peer for SyncRoundsMax rounds.
	ErrSyncFailed = errors.New("p2p: sync failed")

	// ErrInvalidResponse rejects a sync response that breaks the protocol:
	// wrong kind, entries that do not start at the requested seq or are
	// not consecutive, a snapshot whose checksum or size does not match.
	ErrInvalidResponse = errors.New("p2p: invalid sync response")

	// ErrInvalidRequest is returned for a sync request outside its bounds,
	// on the client before sending and on the server when received.
	ErrInvalidRequest = errors.New("p2p: invalid sync request")
)

// Sync response statuses other than OK, as errors. A *RemoteError wraps
// one of them.
var (
	// ErrRangeNotStored: the requested seq is below the peer's first
	// stored entry, because the peer's log starts after a snapshot. Fetch
	// a snapshot instead.
	ErrRangeNotStored = errors.New("p2p: peer no longer stores the requested entries")

	// ErrPeerBehind: the requested seq is past the peer's last entry.
	ErrPeerBehind = errors.New("p2p: peer has not reached the requested seq")

	// ErrNoSnapshot: the peer stores no valid snapshot.
	ErrNoSnapshot = errors.New("p2p: peer has no snapshot")

	// ErrPeerBusy: the peer is serving as many sync streams as it allows.
	ErrPeerBusy = errors.New("p2p: peer busy")

	// ErrRequestRejected: the peer found the request invalid.
	ErrRequestRejected = errors.New("p2p: peer rejected the request")

	// ErrSyncUnavailable: the peer does not serve its log.
	ErrSyncUnavailable = errors.New("p2p: peer does not serve sync")

	// ErrPeerFailed: the peer failed to read its own log or snapshot.
	ErrPeerFailed = errors.New("p2p: peer failed to serve the request")
)

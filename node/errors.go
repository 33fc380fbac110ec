package node

import "errors"

// Sentinel errors of the node. Functions wrap them with %w and the values
// involved. Requests the node cannot take at the moment return
// rpc.ErrUnavailable instead, wrapped with the reason.
var (
	// ErrInvalidConfig: a Config field is out of range or inconsistent.
	ErrInvalidConfig = errors.New("node: invalid configuration")
	// ErrStarted: Start was called twice.
	ErrStarted = errors.New("node: already started")
	// ErrStopped: the node stopped, or failed and stopped sequencing.
	ErrStopped = errors.New("node: stopped")
	// ErrRecovery: the stored log and snapshots do not rebuild a state, for
	// example because a replayed entry is rejected or a restored state's
	// hash differs from the one stored with its snapshot.
	ErrRecovery = errors.New("node: recovery failed")
	// ErrStateDiverged: a follower's state no longer matches the
	// sequencer's, because an entry of the sequencer's log does not decode
	// or apply, or the state hash after a batch differs from the one the
	// sequencer signed. The follower stops applying the log.
	ErrStateDiverged = errors.New("node: state diverged from the sequencer's")
	// ErrLogGap: entries handed to a follower do not continue its log.
	ErrLogGap = errors.New("node: entries do not continue the log")
	// ErrSubscriberTooSlow: a subscriber fell more than its buffer behind
	// and was dropped.
	ErrSubscriberTooSlow = errors.New("node: subscriber too slow")
	// ErrInvalidTopic: a subscription names an unknown topic kind, or a
	// topic without its market or trader.
	ErrInvalidTopic = errors.New("node: invalid subscription topic")
	// ErrCorruptRecord: an index record does not decode.
	ErrCorruptRecord = errors.New("node: corrupt index record")
)

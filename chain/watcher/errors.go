package watcher

import "errors"

// Sentinel errors of package watcher. The returned errors wrap them with
// the values involved.
var (
	// ErrInvalidConfig marks a Config field out of its documented range.
	ErrInvalidConfig = errors.New("watcher: invalid config")

	// ErrDeepReorg marks a reorg that replaced a block the watcher had
	// already processed, that is a reorg deeper than the configured
	// confirmations. Events from that block may have been reported; the
	// watcher stops advancing and the node must halt crediting.
	ErrDeepReorg = errors.New("watcher: reorg below the confirmed cursor")

	// ErrChainChanged marks a range whose blocks changed while it was being
	// read; the next poll reads it again.
	ErrChainChanged = errors.New("watcher: chain changed during the query")

	// ErrTooManyEvents marks one block with more matching logs than
	// EventsPerUpdateMax.
	ErrTooManyEvents = errors.New("watcher: too many events in one block")

	// ErrInvalidLog marks a log from the Exchange that does not decode as
	// the event its first topic names.
	ErrInvalidLog = errors.New("watcher: invalid log")

	// ErrInvalidCursor marks a persisted cursor that cannot be used, such
	// as one saved for another chain id.
	ErrInvalidCursor = errors.New("watcher: invalid cursor")
)

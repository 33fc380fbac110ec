package store

import (
	"errors"
	"fmt"
)

// Sentinel errors. Functions wrap them with %w and the values involved, so
// callers test with errors.Is and operators read the values in the message.
var (
	// ErrClosed is returned by every call made after Close.
	ErrClosed = errors.New("store: closed")

	// ErrReadOnly is returned by Submit and Append on a store opened with
	// Options.ReadOnly.
	ErrReadOnly = errors.New("store: opened read-only")

	// ErrNeedsRecovery is returned by a read-only Open of a store whose
	// last write was cut off, because only a read-write Open removes it.
	ErrNeedsRecovery = errors.New("store: needs recovery before a read-only open")

	// ErrFailed is returned after a batch failed to commit. The entries
	// queued behind it cannot be made durable in order, so the store accepts
	// no more appends. The process must close it and open it again.
	ErrFailed = errors.New("store: failed after a write error")

	// ErrSeqNotNext is returned when an appended entry's sequence number is
	// not the last accepted one plus one.
	ErrSeqNotNext = errors.New("store: sequence number is not the next one")

	// ErrRequestTooLarge is returned when one append request has more
	// entries or bytes than a batch can hold.
	ErrRequestTooLarge = errors.New("store: append request too large")

	// ErrEmptyRequest is returned for an append request without entries.
	ErrEmptyRequest = errors.New("store: append request has no entries")

	// ErrPayloadTooLarge is returned for a log entry or snapshot payload
	// above its size limit.
	ErrPayloadTooLarge = errors.New("store: payload too large")

	// ErrNotStored is returned when a read requests log entries below the
	// first stored sequence number or above the last durable one.
	ErrNotStored = errors.New("store: sequence number not stored")

	// ErrLogNotEmpty is returned by calls that are only valid on an empty
	// log, such as installing a snapshot received from a peer.
	ErrLogNotEmpty = errors.New("store: log is not empty")

	// ErrCorrupt marks stored data that fails its checksum, its format or
	// the log's contiguity. It is always wrapped in a *CorruptionError.
	ErrCorrupt = errors.New("store: corrupt data")

	// ErrNoSnapshot is returned when no valid snapshot is stored.
	ErrNoSnapshot = errors.New("store: no valid snapshot")

	// ErrSnapshotSeq is returned when a snapshot's sequence number is not
	// covered by the durable log.
	ErrSnapshotSeq = errors.New("store: invalid snapshot sequence number")

	// ErrIndexThrough is returned when an index batch's "indexed through"
	// sequence number goes backwards or passes the durable log.
	ErrIndexThrough = errors.New("store: invalid indexed-through sequence number")

	// ErrInvalidIndexKey is returned for an unknown index or a key with too
	// many, too few or too long parts.
	ErrInvalidIndexKey = errors.New("store: invalid index key")

	// ErrIndexBatchTooLarge is returned when an index batch has more
	// records or bytes than one transaction holds.
	ErrIndexBatchTooLarge = errors.New("store: index batch too large")

	// ErrInvalidCursor is returned for a page cursor that does not belong to
	// the query it is passed with.
	ErrInvalidCursor = errors.New("store: invalid page cursor")

	// ErrInvalidLimit is returned for a page size or read size outside its
	// bounds.
	ErrInvalidLimit = errors.New("store: invalid limit")

	// ErrUnsupportedFormat is returned when the data directory or a backup
	// was written by a newer, unknown format version.
	ErrUnsupportedFormat = errors.New("store: unsupported format version")

	// ErrInvalidOptions is returned by Open for options out of range.
	ErrInvalidOptions = errors.New("store: invalid options")

	// ErrInvalidBackup is returned when a backup stream fails its checksum
	// or framing.
	ErrInvalidBackup = errors.New("store: invalid backup")

	// ErrTargetNotEmpty is returned by Restore when the target data
	// directory already contains files and overwriting was not requested.
	ErrTargetNotEmpty = errors.New("store: restore target is not empty")
)

// CorruptionError reports stored data that failed a check. It names the data
// directory, the record and, for log entries and snapshots, the sequence
// number, so an operator can restore from a backup or a peer.
type CorruptionError struct {
	Dir    string // data directory of the store
	Record string // "log entry", "snapshot", "index record" or "metadata"
	Seq    uint64 // sequence number of the record, 0 where none applies
	Key    string // printable database key of the record
	Reason string // the failed check: checksum mismatch, gap, truncated value
}

func (e *CorruptionError) Error() string {
	if e.Seq != 0 {
		return fmt.Sprintf("store: corrupt %s at seq %d (key %s) in data directory %s: %s; restore the directory from a backup or resync it from a peer",
			e.Record, e.Seq, e.Key, e.Dir, e.Reason)
	}
	return fmt.Sprintf("store: corrupt %s (key %s) in data directory %s: %s; restore the directory from a backup or resync it from a peer",
		e.Record, e.Key, e.Dir, e.Reason)
}

// Unwrap lets errors.Is(err, ErrCorrupt) match.
func (e *CorruptionError) Unwrap() error { return ErrCorrupt }

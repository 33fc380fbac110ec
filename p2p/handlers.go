package p2p

import (
	"context"
	"fmt"

	"github.com/thaliumx/thaliumx/node/store"
)

// Handlers are the node's side of the host. Any of them may be nil.
type Handlers struct {
	// Orders receives orders and cancels from the network. Nil means they
	// are still validated and relayed, but not delivered.
	Orders OrderHandler

	// Batches receives the sequencer's log batches in order. The sequencer
	// itself leaves it nil: it publishes batches and relays them, but does
	// not apply them.
	Batches BatchHandler

	// Rejections receives the sequencer's rejections of gossiped orders
	// and cancels. A host with it subscribes to the rejection topic and
	// relays the messages. A host without it only publishes there, as
	// the sequencer does.
	Rejections RejectionHandler

	// Log serves the sync protocol. When it is nil, every sync request
	// gets ErrSyncUnavailable.
	Log LogSource
}

// OrderHandler receives orders and cancels gossiped on the joined market
// topics, after the host checked their form, topic and signature. Each
// message is delivered at most once, and a message this host published is
// not delivered back to it, unless a peer published the same message and
// its copy arrived first. The node still deduplicates by order hash.
type OrderHandler interface {
	// HandleOrderMessage runs on the topic's delivery goroutine, one
	// message at a time, so it must hand the message on and return
	// quickly: while it runs, the topic's messages queue up to
	// Limits.SubscriptionBufferMessages and are then dropped.
	HandleOrderMessage(ctx context.Context, m *OrderMessage)
}

// BatchHandler is a follower's log. The host hands it the sequencer's
// batches in sequence, keeps batches that arrive ahead of the log until the
// gap before them is filled, and reports the gap.
type BatchHandler interface {
	// NextSeq returns the sequence number of the next entry the log
	// expects. It must be safe for concurrent use: validators call it to
	// drop stale batches.
	NextSeq() uint64

	// HandleBatch applies a batch whose first entry is NextSeq(). Entries
	// the log already holds have been trimmed off, so a trimmed batch's
	// signature no longer matches its entries; the host verified it
	// before trimming. An error is logged and the batch dropped.
	HandleBatch(ctx context.Context, b *Batch) error

	// HandleGap reports that the entries gap.From through gap.To are
	// missing before a batch that arrived. The node fetches them, for
	// example with SyncClient.SyncLog, applies them and calls
	// Host.ResumeBatches. HandleGap runs on the batch goroutine and must
	// return quickly; the report repeats every Limits.GapReportInterval
	// while the gap persists.
	HandleGap(ctx context.Context, gap Gap)
}

// RejectionHandler receives the rejection messages that the operator
// signed, after the host checked their form, topic and signature.
type RejectionHandler interface {
	// HandleRejections runs on the rejection topic's delivery goroutine,
	// one message at a time, and must return quickly, as
	// OrderHandler.HandleOrderMessage must.
	HandleRejections(ctx context.Context, m *RejectionMessage)
}

// Gap is a range of missing log entries, From through To inclusive.
type Gap struct {
	From, To uint64
}

func (g Gap) String() string { return fmt.Sprintf("seq %d to %d", g.From, g.To) }

// LogSource is the node's log as the sync protocol serves it. *store.Store
// implements it.
type LogSource interface {
	// FirstSeq and LastSeq bound the stored entries: FirstSeq is one past
	// the newest installed snapshot's seq, LastSeq the last durable entry.
	FirstSeq() uint64
	LastSeq() uint64
	// ReadLog returns up to maxEntries entries from seq from, with at most
	// maxBytes of payload but at least one entry.
	ReadLog(from uint64, maxEntries, maxBytes int) ([]store.Entry, error)
	// Snapshots lists the stored snapshots without their payloads, newest
	// first, with Err set on a damaged one.
	Snapshots() ([]store.SnapshotInfo, error)
	// LatestSnapshot returns the newest valid snapshot and the damaged
	// newer ones it skipped, or an error wrapping store.ErrNoSnapshot.
	LatestSnapshot() (store.Snapshot, []error, error)
}

var _ LogSource = (*store.Store)(nil)

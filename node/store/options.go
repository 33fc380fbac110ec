package store

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// Defaults and hard limits. Options left at zero take the default.
const (
	// appendQueueEntriesDefault is how many submitted entries may wait for
	// the writer before Submit blocks. At the measured group-commit rate of
	// more than 100,000 entries/s it is under a second of work.
	appendQueueEntriesDefault = 65536

	// batchEntriesDefault and batchBytesDefault bound one group-commit
	// batch, which is one Badger transaction.
	batchEntriesDefault = 4096
	batchBytesDefault   = 4 << 20

	// batchBytesLimit keeps a batch under Badger's transaction limit,
	// which is 15% of the memtable size (7.2 MiB for memTableBytesMin).
	batchBytesLimit = 6 << 20

	// indexBatchWaitDefault is how long an index batch queued alone waits
	// for a log batch to share its commit. The indexer commits as soon as
	// a log batch is durable, usually before the next one is queued, and
	// each commit syncs the write-ahead log and the value log. Without
	// the wait, a node committed about twice per log batch.
	indexBatchWaitDefault = 20 * time.Millisecond
	// indexBatchWaitMax bounds IndexBatchWait, which delays the indexes.
	indexBatchWaitMax = time.Second

	// LogCommitIntervalMax bounds LogCommitInterval, which delays each
	// acknowledgement of Submit by up to that long.
	LogCommitIntervalMax = time.Second

	// ForcedCommitGapMin is the least time from the start of one commit
	// to a commit that CommitIndexSoon brings forward, when
	// LogCommitInterval is longer. So queries force at most one commit
	// per gap, 50 a second, whatever their rate: the commits of a
	// follower that commits each 10 ms log batch at once, halved. A
	// query waits for two commits, the log entries and then their index,
	// so up to about 40 ms plus two syncs. That is within a follower's
	// 50 ms interval and below the 100 ms of a query that forced nothing.
	// In BenchmarkAppendFollowerQueries, 100 queries a second
	// without the gap made 150 commits a second against 20 without
	// queries (docs/BENCHMARKS.md).
	ForcedCommitGapMin = 20 * time.Millisecond

	// entryPayloadBytesMax is the largest log entry payload.
	entryPayloadBytesMax = 1 << 20

	// snapshotsKeptDefault is how many snapshots are kept; older ones are
	// deleted when a new one is saved.
	snapshotsKeptDefault = 3
	snapshotsKeptMax     = 100

	// blockCacheBytesDefault and indexCacheBytesDefault bound Badger's
	// caches. Without an index cache Badger keeps every table index in
	// memory, which grows with the data.
	blockCacheBytesDefault = 64 << 20
	indexCacheBytesDefault = 32 << 20

	// memTableBytesMin and memTableBytesMax bound Badger's memtable size,
	// whose default is the maximum. The size also sets the transaction
	// limit that batchBytesLimit stays under. Unless Options sets it, each
	// Open takes a size at random in that range. Nodes that share a
	// machine, as under thx testnet, apply the same log: with one size
	// they fill their memtables at the same entry and flush them all at
	// once, and those flushes stall every node together (docs/BENCHMARKS.md,
	// "Memtable flushes of co-located nodes"). With sizes apart the
	// flushes take turns.
	memTableBytesMin = 48 << 20
	memTableBytesMax = 64 << 20

	// valueThresholdBytes: values above it go to Badger's value log, the
	// rest into the LSM tree (and its write-ahead log). Log segments of
	// busy batches and snapshot chunks go to the value log, which is a
	// plain append, so the memtable fills slowly and its costly rotations
	// are rare. Index records and metadata stay in the tree. Measured on
	// the paced append benchmark, 1 KiB gave a p99 of 12-18 ms against
	// 58-77 ms with 64 KiB.
	valueThresholdBytes = 1 << 10

	// valueLogFileBytes is the size at which Badger starts a new value log
	// file.
	valueLogFileBytes = 256 << 20
)

// Options configures a Store. The zero value is valid.
type Options struct {
	// Logger receives the store's lifecycle messages and Badger's warnings
	// and errors. Nil means slog.Default().
	Logger *slog.Logger

	// AppendQueueEntriesMax is how many entries may be queued for the
	// writer before Submit blocks (backpressure).
	AppendQueueEntriesMax int

	// BatchEntriesMax and BatchBytesMax bound one group-commit batch. One
	// append request must fit in one batch. BatchEntriesMax = 1 turns group
	// commit off: every entry gets its own synced transaction.
	BatchEntriesMax int
	BatchBytesMax   int

	// SnapshotsKept is how many snapshots are kept.
	SnapshotsKept int

	// BlockCacheBytes and IndexCacheBytes bound Badger's caches.
	BlockCacheBytes int64
	IndexCacheBytes int64

	// MemTableBytes is Badger's memtable size, from memTableBytesMin to
	// memTableBytesMax. Zero takes a size at random in that range.
	MemTableBytes int64

	// IndexBatchWait is how long CommitIndexBatch waits, when no log batch
	// is queued, for one to share its commit. Zero means
	// indexBatchWaitDefault, and a negative value turns the wait off. The wait
	// delays only the index, never the log, and CommitIndexSoon ends it
	// for a query that needs the index.
	IndexBatchWait time.Duration

	// LogCommitInterval is the least time from the start of one commit of
	// the writer to the start of the next. After a commit the writer waits
	// until it has passed and commits what arrived meanwhile in one
	// batch, and each acknowledgement of Submit waits up to that long.
	// Close and a queue that fills a batch (BatchEntriesMax or
	// BatchBytesMax) end the wait early, and CommitIndexSoon ends it
	// ForcedCommitGapMin after the start of the last commit. Zero or a
	// negative value commits at once, which a node whose replies wait for
	// the log needs. At most LogCommitIntervalMax.
	LogCommitInterval time.Duration

	// BeforeLogCommit, when set, runs on the writer goroutine before each
	// log batch is committed, and the commit waits for it to return. An
	// error it returns fails the commit as a write error would, and
	// nothing of the batch is written. It is for tests that hold or fail
	// a store's commits; leave it nil otherwise.
	BeforeLogCommit func() error

	// ReadOnly opens an existing store without writing to its directory,
	// for inspection: Badger takes a shared lock and neither recovers nor
	// compacts, and Submit returns ErrReadOnly. A store whose last write
	// was cut off needs a read-write open, which drops that write, first.
	ReadOnly bool
}

// withDefaults fills zero fields and checks the rest.
func (o Options) withDefaults() (Options, error) {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	fill := func(v *int, def int) {
		if *v == 0 {
			*v = def
		}
	}
	fill(&o.AppendQueueEntriesMax, appendQueueEntriesDefault)
	fill(&o.BatchEntriesMax, batchEntriesDefault)
	fill(&o.BatchBytesMax, batchBytesDefault)
	fill(&o.SnapshotsKept, snapshotsKeptDefault)
	if o.BlockCacheBytes == 0 {
		o.BlockCacheBytes = blockCacheBytesDefault
	}
	if o.IndexCacheBytes == 0 {
		o.IndexCacheBytes = indexCacheBytesDefault
	}
	if o.IndexBatchWait == 0 {
		o.IndexBatchWait = indexBatchWaitDefault
	}
	if o.MemTableBytes == 0 {
		o.MemTableBytes = memTableBytesMin + rand.Int64N(memTableBytesMax-memTableBytesMin+1)
	}
	return o, o.check()
}

func (o Options) check() error {
	switch {
	case o.BatchEntriesMax < 1:
		return fmt.Errorf("%w: BatchEntriesMax %d, expected at least 1", ErrInvalidOptions, o.BatchEntriesMax)
	case o.BatchBytesMax < recordHeaderBytes+entryPayloadBytesMax || o.BatchBytesMax > batchBytesLimit:
		return fmt.Errorf("%w: BatchBytesMax %d, expected %d to %d", ErrInvalidOptions,
			o.BatchBytesMax, recordHeaderBytes+entryPayloadBytesMax, batchBytesLimit)
	case o.AppendQueueEntriesMax < o.BatchEntriesMax:
		return fmt.Errorf("%w: AppendQueueEntriesMax %d is below BatchEntriesMax %d", ErrInvalidOptions,
			o.AppendQueueEntriesMax, o.BatchEntriesMax)
	case o.SnapshotsKept < 1 || o.SnapshotsKept > snapshotsKeptMax:
		return fmt.Errorf("%w: SnapshotsKept %d, expected 1 to %d", ErrInvalidOptions, o.SnapshotsKept, snapshotsKeptMax)
	case o.MemTableBytes < memTableBytesMin || o.MemTableBytes > memTableBytesMax:
		return fmt.Errorf("%w: MemTableBytes %d, expected %d to %d", ErrInvalidOptions,
			o.MemTableBytes, memTableBytesMin, memTableBytesMax)
	case o.IndexBatchWait > indexBatchWaitMax:
		return fmt.Errorf("%w: IndexBatchWait %s, expected at most %s (a negative value turns the wait off)",
			ErrInvalidOptions, o.IndexBatchWait, indexBatchWaitMax)
	case o.LogCommitInterval > LogCommitIntervalMax:
		return fmt.Errorf("%w: LogCommitInterval %s, expected at most %s (zero commits at once)",
			ErrInvalidOptions, o.LogCommitInterval, LogCommitIntervalMax)
	case o.BlockCacheBytes < 0 || o.IndexCacheBytes < 0:
		return fmt.Errorf("%w: cache sizes %d and %d bytes, expected positive values", ErrInvalidOptions,
			o.BlockCacheBytes, o.IndexCacheBytes)
	}
	return nil
}

// badgerOptions returns the Badger settings for dir:
//   - SyncWrites on: every commit syncs the write-ahead log before it returns,
//     so an acknowledged batch survives a crash. Group commit pays one sync per
//     batch instead of one per entry.
//   - Compression off: log entries are small and already compact, and replay
//     speed matters more than disk space.
//   - Bounded block and index caches (Options.BlockCacheBytes and
//     IndexCacheBytes).
//   - Two memtables: the one taking writes and one being flushed. Each costs
//     its arena on the heap and its mapped file, 48 to 64 MiB each. At about 250
//     index bytes per order, 20,000 orders/s fill one in about 13 s, so a
//     third would only wait (an estimate from the index sizes in
//     docs/BENCHMARKS.md).
//   - Level 0 compacted at 3 tables instead of Badger's 5. A compaction maps
//     its new tables before it unmaps the old ones, so merging 5 flushed
//     memtables at once raised a million-order node's RSS by about 150 MiB
//     for a moment. Smaller, earlier merges keep that peak lower.
//   - Block checksums verified on every read and value-log checksums on every
//     read, so damage below the store's own CRCs is reported, not returned.
//   - Conflict detection off: one writer goroutine owns all log writes.
//   - Badger's logger routed to slog: warnings and errors at their level,
//     info and debug at debug level.
func badgerOptions(dir string, o Options) badger.Options {
	return badger.DefaultOptions(dir).
		WithSyncWrites(true).
		WithCompression(options.None).
		WithMemTableSize(cmp.Or(o.MemTableBytes, memTableBytesMax)).
		WithNumMemtables(2).
		WithNumLevelZeroTables(3).
		WithNumCompactors(2).
		WithValueThreshold(valueThresholdBytes).
		WithValueLogFileSize(valueLogFileBytes).
		WithBlockCacheSize(o.BlockCacheBytes).
		WithIndexCacheSize(o.IndexCacheBytes).
		WithChecksumVerificationMode(options.OnBlockRead).
		WithVerifyValueChecksum(true).
		WithDetectConflicts(false).
		WithMetricsEnabled(false).
		WithReadOnly(o.ReadOnly).
		WithLogger(badgerLogger{log: o.Logger.With("component", "badger")})
}

// badgerLogger adapts slog to Badger's printf-style Logger.
type badgerLogger struct {
	log *slog.Logger
}

func (l badgerLogger) Errorf(format string, args ...any) {
	l.logf(slog.LevelError, format, args)
}

func (l badgerLogger) Warningf(format string, args ...any) {
	l.logf(slog.LevelWarn, format, args)
}

func (l badgerLogger) Infof(format string, args ...any) {
	l.logf(slog.LevelDebug, format, args)
}

func (l badgerLogger) Debugf(format string, args ...any) {
	l.logf(slog.LevelDebug, format, args)
}

// logf formats only when the level is enabled: Badger logs often at info.
func (l badgerLogger) logf(level slog.Level, format string, args []any) {
	ctx := context.Background()
	if !l.log.Enabled(ctx, level) {
		return
	}
	l.log.Log(ctx, level, trimNewline(fmt.Sprintf(format, args...)))
}

func trimNewline(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == ' ') {
		s = s[:len(s)-1]
	}
	return s
}

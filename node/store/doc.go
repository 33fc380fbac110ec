// Package store is a node's durable storage in Badger v4: the sequenced log,
// snapshots of the state machine, query indexes, and backup and restore. It
// stores opaque payloads; the node's state machine encodes log entries and
// snapshots, and the store imports neither the engine nor the ledger.
//
// # The log
//
// A log entry is a sequence number assigned by the sequencer and a payload.
// Submit accepts entries whose sequence numbers continue the log without a
// gap and queues them (at most Options.AppendQueueEntriesMax entries; Submit
// blocks beyond that). One writer goroutine takes whole requests from the
// queue, up to Options.BatchEntriesMax entries and BatchBytesMax bytes, and
// commits them as one batch. Requests that arrive while a batch is being
// synced join the next one. A request is acknowledged only after its batch
// is durable.
//
// Options.LogCommitInterval spaces the commits: after one, the writer waits
// until that time has passed and commits what arrived meanwhile as one
// batch. Close and a queue that fills a batch end the wait early. So
// does a query that needs the index (CommitIndexSoon, AwaitIndexed), but
// no sooner than ForcedCommitGapMin after the last commit started. So
// queries force at most one commit per gap. Acknowledged entries are
// still durable, but a crash also loses
// the entries still waiting, up to an interval's worth, besides the batch
// being synced. A node's follower sets it, because its replies and events
// do not wait for its own log: they come once an entry is applied, and the
// sequencer made the entry durable first. A sequencer commits at once,
// because its acknowledgements wait for the sync.
//
// # Batch atomicity
//
// Badger's WriteBatch is not atomic as a whole, but a single transaction is.
// Badger writes a transaction's entries followed by a commit record. On open
// it replays its write-ahead log only up to the last complete commit record
// and drops a torn tail (memtable.go and value.go in badger v4.9.6). The store therefore writes each batch as one
// transaction holding one log segment (key l<first seq><last seq>, the
// batch's entries each with a CRC-32C over seq and payload) and the "last"
// marker. With SyncWrites on, Commit returns after the value log and the
// write-ahead log are synced. After a crash either the whole batch and its
// marker are visible or neither is. Batches stay well under Badger's
// transaction size limit (batchBytesLimit). Open checks that the first and
// last stored segments match the "base" and "last" markers, and refuses a
// store where they disagree, because that is damage, not a torn batch.
//
// A kill between Badger creating a memtable or value log file and its
// first write leaves an empty file, which Badger v4.9.6 refuses on the
// next open. Open removes such files and opens again (emptyfiles.go); a
// read-only open returns ErrNeedsRecovery naming the file.
//
// # Snapshots and indexes
//
// A snapshot is (seq, state hash, payload) in a file of its own in the
// snapshots directory, checksummed and versioned. CreateSnapshot streams
// the payload into a temporary file, and Commit syncs it, renames it into
// place and deletes all but the newest Options.SnapshotsKept. Commit
// rejects a seq above the durable log (ErrSnapshotSeq), also while the
// entry waits for LogCommitInterval, so no snapshot is ahead of the log
// after a crash. Snapshot
// files stay out of Badger, whose value log is never garbage-collected
// and stays mapped into the process. LatestSnapshot returns the newest one that passes
// its checks and reports the damaged ones it skipped. The caller writes
// index records in batches, each committed in one transaction with the
// "indexed through" marker, so recovery re-indexes exactly the entries after
// it. The group-commit writer puts an index batch into the transaction of
// the next log batch, so it shares that batch's sync instead of paying one
// of its own. With no entry queued it commits the index batch alone, after
// Options.IndexBatchWait and no sooner than LogCommitInterval allows. A
// query that needs the index calls AwaitIndexed, which has the queued log
// entries and index batch committed until the index covers the query's
// seq, and wakes when an index batch commits. With a LogCommitInterval
// each of those commits waits until ForcedCommitGapMin has passed since
// the one before, and queries that arrive meanwhile share it. The query
// then waits for about two commits, the log entries and then their
// index: up to about two gaps plus two syncs. Without the gap, each
// query of a follower forced commits of its own, more than a store
// without the interval makes.
//
// # Concurrency
//
// All methods are safe for concurrent use. The writer goroutine owns log
// segment writes, index batches and the "last" and "indexed through"
// markers. Submitters encode and checksum
// their own entries before taking the queue lock. snapshotMu serialises
// snapshot writes and indexMu index batches, at most one of which waits
// for the writer. Reads run in Badger read
// transactions, so each sees one consistent point in time.
//
// # Corruption
//
// Every log entry, snapshot, index record and marker carries a CRC-32C;
// Badger also checks table blocks and value-log records on read. A failed
// check is returned as a *CorruptionError naming the data directory, the
// key and, for log entries and snapshots, the sequence number. Damaged data
// is never skipped.
//
// NOTE: Badger v4.9 returns a key inside a table block that fails its
// checksum as not found. For the log the contiguity check still reports it;
// an index record lost that way goes unnoticed, and re-indexing from the
// log restores it.
//
// The crash test (package crashtest) kills a writing process with SIGKILL.
// Durability across power loss rests on Badger's fsync and msync calls and
// is not tested here.
//
// # Pruning
//
// PruneLog deletes whole log segments from the start of the log and moves
// the base marker past them in the same transaction, at most through the
// newest snapshot and the indexed entries. It then runs Badger's value-log
// garbage collection, which rewrites value-log files that are mostly
// deleted entries. The node prunes after each snapshot and keeps a window
// of entries for peers that sync (node.Config.LogRetainEntries).
package store

package store

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Entry is one log entry: a sequence number assigned by the sequencer and an
// opaque payload that the node's state machine encodes.
type Entry struct {
	Seq     uint64
	Payload []byte
}

// appendRequest is one Submit call on its way to the writer. Its entries are
// committed in one batch, so they become durable together or not at all.
type appendRequest struct {
	first   uint64
	count   int
	records []byte     // the entries encoded as segment records
	done    chan error // buffered, receives exactly one result
}

func (r *appendRequest) lastSeq() uint64 { return r.first + uint64(r.count) - 1 }

// Submit queues entries for the group-commit writer and returns a channel
// that receives nil once they are durable, or the error that stopped them.
// The entries must carry consecutive sequence numbers starting at NextSeq().
// Submit blocks while the queue is full (Options.AppendQueueEntriesMax) until
// the writer makes room or ctx ends. Entries of one call are committed in one
// batch; entries that arrive while a batch is being synced join the next one.
// With Options.LogCommitInterval, entries that arrive within that time after
// a commit also join the next one. Submit copies the payloads, so the caller
// may reuse them at once.
func (s *Store) Submit(ctx context.Context, entries []Entry) (<-chan error, error) {
	if s.opts.ReadOnly {
		return nil, fmt.Errorf("%w: data directory %s takes no appends", ErrReadOnly, s.dir)
	}
	req, err := s.newRequest(entries)
	if err != nil {
		return nil, err
	}
	for {
		s.mu.Lock()
		full, err := s.admitLocked(req)
		wait := s.spaceFreed
		s.mu.Unlock()
		if err != nil || !full {
			return req.done, err
		}
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, fmt.Errorf("store: submit of seq %d to %d waited for queue space: %w", req.first, req.lastSeq(), ctx.Err())
		}
	}
}

// Append submits entries and waits until they are durable. When ctx ends
// first, Append returns its error, but entries already queued stay queued
// and may still become durable.
func (s *Store) Append(ctx context.Context, entries ...Entry) error {
	done, err := s.Submit(ctx, entries)
	if err != nil {
		return err
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("store: append of seq %d to %d waited for durability: %w",
			entries[0].Seq, entries[len(entries)-1].Seq, ctx.Err())
	}
}

// newRequest checks entries and encodes their records outside the lock, so
// submitters share the checksum work.
func (s *Store) newRequest(entries []Entry) (*appendRequest, error) {
	if len(entries) == 0 {
		return nil, ErrEmptyRequest
	}
	if len(entries) > s.opts.BatchEntriesMax {
		return nil, fmt.Errorf("%w: %d entries, the limit is BatchEntriesMax %d; split the request",
			ErrRequestTooLarge, len(entries), s.opts.BatchEntriesMax)
	}
	first := entries[0].Seq
	if first > math.MaxUint64-uint64(len(entries)) {
		return nil, fmt.Errorf("%w: %d entries from seq %d overflow the sequence number space", ErrSeqNotNext, len(entries), first)
	}

	size := 0
	for _, e := range entries {
		size += recordHeaderBytes + len(e.Payload)
	}
	if size > s.opts.BatchBytesMax {
		return nil, fmt.Errorf("%w: %d bytes in %d entries, the limit is BatchBytesMax %d; split the request",
			ErrRequestTooLarge, size, len(entries), s.opts.BatchBytesMax)
	}

	req := &appendRequest{
		first:   first,
		count:   len(entries),
		records: make([]byte, 0, size),
		done:    make(chan error, 1),
	}
	for i, e := range entries {
		if expected := first + uint64(i); e.Seq != expected {
			return nil, fmt.Errorf("%w: entry %d of the request has seq %d, expected %d", ErrSeqNotNext, i, e.Seq, expected)
		}
		if len(e.Payload) > entryPayloadBytesMax {
			return nil, fmt.Errorf("%w: entry seq %d has %d bytes, the limit is %d", ErrPayloadTooLarge, e.Seq, len(e.Payload), entryPayloadBytesMax)
		}
		req.records = appendRecord(req.records, e.Seq, e.Payload)
	}
	return req, nil
}

// admitLocked queues req, or reports that the queue is full.
// REQUIRES: s.mu held.
func (s *Store) admitLocked(req *appendRequest) (full bool, err error) {
	switch {
	case s.closing:
		return false, fmt.Errorf("%w: data directory %s", ErrClosed, s.dir)
	case s.failure != nil:
		return false, fmt.Errorf("%w: %w", ErrFailed, s.failure)
	case req.first != s.nextSeq:
		return false, fmt.Errorf("%w: got seq %d, expected %d", ErrSeqNotNext, req.first, s.nextSeq)
	}
	n := req.count
	if s.queuedEntries > 0 && s.queuedEntries+n > s.opts.AppendQueueEntriesMax {
		return true, nil
	}
	s.queue = append(s.queue, req)
	s.queuedEntries += n
	s.nextSeq = req.lastSeq() + 1
	s.wake.Signal()
	return false, nil
}

// indexRequest is a CommitIndexBatch call on its way to the writer.
type indexRequest struct {
	through uint64
	batch   *IndexBatch
	done    chan error // buffered, receives exactly one result
	// commitBy is when the writer commits the batch alone if no log batch
	// came to share its commit.
	commitBy time.Time
}

// runWriter is the group-commit loop. It owns the writes of log entries, of
// index batches and of the last and indexed-through markers.
func (s *Store) runWriter() {
	defer close(s.writerDone)
	for {
		batch, index, ok := s.takeBatch()
		if !ok {
			return
		}
		s.finishBatch(batch, index, s.commitBatch(batch, index))
	}
}

// takeBatch waits until a commit is due (commitDelayLocked) and takes as
// many whole append requests as fit in one batch, and the waiting index
// batch. It returns false when the store is closing and the queue is
// drained.
func (s *Store) takeBatch() ([]*appendRequest, *indexRequest, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		delay, queued := s.commitDelayLocked()
		if queued && delay <= 0 {
			break
		}
		if !queued && (s.closing || s.failure != nil) {
			s.writerStopped = true
			close(s.spaceFreed)
			s.spaceFreed = make(chan struct{})
			s.signalIndexAdvancedLocked()
			return nil, nil, false
		}
		if queued {
			s.waitForWake(delay)
		} else {
			s.wake.Wait()
		}
	}
	index := s.indexQueued
	s.indexQueued = nil
	s.commitSoon = false
	s.lastCommitAt = time.Now()

	n, entries, bytes := 0, 0, 0
	for _, req := range s.queue {
		if n > 0 && (entries+req.count > s.opts.BatchEntriesMax || bytes+len(req.records) > s.opts.BatchBytesMax) {
			break
		}
		n, entries, bytes = n+1, entries+req.count, bytes+len(req.records)
	}
	batch := make([]*appendRequest, n)
	copy(batch, s.queue)
	s.queue = append(s.queue[:0], s.queue[n:]...)
	s.queuedEntries -= entries

	close(s.spaceFreed)
	s.spaceFreed = make(chan struct{})
	return batch, index, true
}

// commitDelayLocked returns how long the writer waits before its next
// commit, and whether anything is queued to commit. Queued log entries
// wait until Options.LogCommitInterval has passed since the last commit.
// An index batch queued alone also waits until its commitBy, for a log
// batch to share the commit. Close, a failed store and a queue that
// fills a batch end both waits. CommitIndexSoon and AwaitIndexed end
// them too, once forcedCommitGapLocked has passed since the last commit.
// REQUIRES: s.mu held.
func (s *Store) commitDelayLocked() (time.Duration, bool) {
	if len(s.queue) == 0 && s.indexQueued == nil {
		return 0, false
	}
	if s.closing || s.failure != nil {
		return 0, true
	}
	delay := time.Until(s.lastCommitAt.Add(s.opts.LogCommitInterval))
	if len(s.queue) == 0 {
		delay = max(delay, time.Until(s.indexQueued.commitBy))
	}
	if s.commitSoon || s.indexed.Load() < s.indexAwaitedSeq {
		delay = min(delay, time.Until(s.lastCommitAt.Add(s.forcedCommitGapLocked())))
	}
	if delay > 0 && s.queueFillsBatchLocked() {
		return 0, true
	}
	return delay, true
}

// forcedCommitGapLocked returns the least time from the start of the
// last commit to one that CommitIndexSoon brings forward. It is zero
// without a LogCommitInterval: such a store commits log entries at once,
// and CommitIndexSoon brings forward only the index batch, of which the
// indexer queues at most one per log commit. It is never longer than the
// interval.
// REQUIRES: s.mu held.
func (s *Store) forcedCommitGapLocked() time.Duration {
	if s.opts.LogCommitInterval <= 0 {
		return 0
	}
	return min(s.forcedCommitGap, s.opts.LogCommitInterval)
}

// queueFillsBatchLocked reports whether the queued requests fill a batch,
// so that waiting longer would not make the batch larger. It stops at
// the first batch limit, so it reads at most BatchEntriesMax requests.
// REQUIRES: s.mu held.
func (s *Store) queueFillsBatchLocked() bool {
	entries, bytes := 0, 0
	for _, req := range s.queue {
		entries, bytes = entries+req.count, bytes+len(req.records)
		if entries >= s.opts.BatchEntriesMax || bytes >= s.opts.BatchBytesMax {
			return true
		}
	}
	return false
}

// waitForWake waits for a signal on wake or for timeout, whichever comes
// first. The caller is the writer and holds s.mu.
func (s *Store) waitForWake(timeout time.Duration) {
	timer := time.AfterFunc(timeout, func() {
		s.mu.Lock()
		s.wake.Broadcast()
		s.mu.Unlock()
	})
	s.wake.Wait()
	timer.Stop()
}

// commitBatch writes the batch as one log segment, together with the new
// last marker, and the index batch with its indexed-through marker, in one
// Badger transaction. Either may be missing. With SyncWrites on, Commit
// returns after the value log and the write-ahead log are synced, and
// Badger's recovery drops a transaction whose commit record was not
// written, so a batch is durable whole or not at all.
//
// With SyncWrites on, Badger v4.9.6 syncs the write-ahead log once per
// transaction (writeToLSM in db.go), so an index batch that rides with a
// log batch costs no sync of its own. The two fit in one transaction:
// an index batch is at most indexBatchBytesMax of small values, and a
// log segment above valueThresholdBytes counts only its key and value
// pointer towards Badger's limit.
func (s *Store) commitBatch(batch []*appendRequest, index *indexRequest) error {
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	if len(batch) > 0 {
		if err := s.writeSegment(txn, batch); err != nil {
			return err
		}
	}
	if index != nil {
		if err := writeIndexBatch(txn, index); err != nil {
			return err
		}
	}
	if err := txn.Commit(); err != nil {
		if len(batch) == 0 {
			return fmt.Errorf("store: commit index batch through seq %d in %s: %w", index.through, s.dir, err)
		}
		first, last := batch[0].first, batch[len(batch)-1].lastSeq()
		return fmt.Errorf("store: commit log batch seq %d to %d in %s: %w", first, last, s.dir, err)
	}
	return nil
}

// writeSegment adds the batch's log segment and the last marker to txn.
func (s *Store) writeSegment(txn *badger.Txn, batch []*appendRequest) error {
	first, last := batch[0].first, batch[len(batch)-1].lastSeq()
	if s.commitHook != nil {
		if err := s.commitHook(); err != nil {
			return fmt.Errorf("store: commit hook failed the log batch seq %d to %d: %w", first, last, err)
		}
	}
	size := 1
	for _, req := range batch {
		size += len(req.records)
	}
	value := make([]byte, 1, size)
	value[0] = segmentVersion
	for _, req := range batch {
		value = append(value, req.records...)
	}

	if err := txn.Set(segmentKey(first, last), value); err != nil {
		return fmt.Errorf("store: write log segment seq %d to %d: %w", first, last, err)
	}
	if err := setMeta(txn, keyLast, last); err != nil {
		return fmt.Errorf("store: write last marker seq %d: %w", last, err)
	}
	return nil
}

// finishBatch publishes the new durable positions and acknowledges the
// requests. A failed log batch fails every queued request too, because
// later entries cannot become durable before it. A failed index batch
// alone fails only its own call.
func (s *Store) finishBatch(batch []*appendRequest, index *indexRequest, err error) {
	if err == nil {
		s.commits.Add(1)
		if len(batch) > 0 {
			s.last.Store(batch[len(batch)-1].lastSeq())
		}
		if index != nil {
			s.mu.Lock()
			s.indexed.Store(index.through)
			s.signalIndexAdvancedLocked()
			s.mu.Unlock()
			index.done <- nil
		}
		for _, req := range batch {
			req.done <- nil
		}
		return
	}
	if len(batch) == 0 {
		index.done <- err
		return
	}

	s.log.Error("log batch commit failed; the store accepts no more appends", "first_seq", batch[0].first, "err", err)
	s.mu.Lock()
	s.failure = err
	queued := s.queue
	s.queue = nil
	s.queuedEntries = 0
	s.commitSoon = false
	if index == nil {
		index, s.indexQueued = s.indexQueued, nil
	}
	close(s.spaceFreed)
	s.spaceFreed = make(chan struct{})
	s.signalIndexAdvancedLocked()
	s.mu.Unlock()

	for _, req := range append(batch, queued...) {
		req.done <- fmt.Errorf("%w: %w", ErrFailed, err)
	}
	if index != nil {
		index.done <- fmt.Errorf("%w: %w", ErrFailed, err)
	}
}

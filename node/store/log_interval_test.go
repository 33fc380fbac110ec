package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// resultWait bounds how long the tests of LogCommitInterval wait for a
// commit that must come without the interval: far below the hour they set,
// far above a sync on a loaded machine.
const resultWait = 10 * time.Second

// openSpacedStore opens a store whose writer waits an hour between
// commits, longer than Open accepts, so that only what ends the wait early
// can commit. The first commit comes at once, because none came before.
func openSpacedStore(t *testing.T, dir string, opts Options) *Store {
	t.Helper()
	s := openTestStore(t, dir, opts)
	s.mu.Lock()
	s.opts.LogCommitInterval = time.Hour
	s.mu.Unlock()
	return s
}

// submitEach submits entries first to first+n-1, one request each.
func submitEach(t *testing.T, s *Store, first uint64, n int) []<-chan error {
	t.Helper()
	dones := make([]<-chan error, n)
	for i := range dones {
		done, err := s.Submit(context.Background(), makeEntries(first+uint64(i), 1))
		if err != nil {
			t.Fatalf("Submit seq %d: %v", first+uint64(i), err)
		}
		dones[i] = done
	}
	return dones
}

// awaitResult waits up to resultWait for done, the result of the named
// request, and fails unless it is nil.
func awaitResult(t *testing.T, done <-chan error, request string) {
	t.Helper()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s: %v", request, err)
		}
	case <-time.After(resultWait):
		t.Fatalf("%s not committed within %s", request, resultWait)
	}
}

// pendingWait is how long a test watches a request that must wait for the
// writer's interval, to see that it stays uncommitted.
const pendingWait = 50 * time.Millisecond

// submitPending submits entries first to first+n-1, one request each, and
// checks after pendingWait that none of them is committed yet.
func submitPending(t *testing.T, s *Store, first uint64, n int, request string) []<-chan error {
	t.Helper()
	dones := submitEach(t, s, first, n)
	time.Sleep(pendingWait)
	for _, done := range dones {
		checkPending(t, done, request)
	}
	return dones
}

// checkPending fails when done already has a result, because the
// request must still wait for the writer's interval.
func checkPending(t *testing.T, done <-chan error, request string) {
	t.Helper()
	select {
	case err := <-done:
		t.Fatalf("%s committed (err %v) while the writer waits an hour between commits", request, err)
	default:
	}
}

func TestLogCommitIntervalMergesRequests(t *testing.T) {
	const interval = 200 * time.Millisecond
	s := openTestStore(t, t.TempDir(), Options{LogCommitInterval: interval})
	start := time.Now()
	appendRange(t, s, 1, 1)

	// Seq 2 to 6 arrive within the interval after the commit of seq 1,
	// so they wait for it and go out in one commit.
	dones := submitEach(t, s, 2, 5)
	for i, done := range dones {
		awaitResult(t, done, fmt.Sprintf("seq %d", i+2))
	}
	if elapsed := time.Since(start); elapsed < interval {
		t.Fatalf("seq 2 to 6 committed %s after the commit of seq 1 started, expected at least the interval %s", elapsed, interval)
	}
	first, last, _ := parseSegmentKey(segmentOf(t, s, 2))
	if first != 2 || last != 6 {
		t.Fatalf("seq 2 is in the segment of seq %d to %d, expected one segment of seq 2 to 6", first, last)
	}
	if got := s.commits.Load(); got != 2 {
		t.Fatalf("the writer made %d commits, expected 2: seq 1, then seq 2 to 6", got)
	}
}

func TestLogCommitIntervalWaitsBeforeNextCommit(t *testing.T) {
	s := openSpacedStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 1)
	submitPending(t, s, 2, 3, "a request queued after a commit")
	if got := s.LastSeq(); got != 1 {
		t.Fatalf("LastSeq %d while seq 2 to 4 wait for the interval, expected 1", got)
	}
}

// TestCommitIndexSoonEndsLogCommitWait runs a query's index wait as the
// node does it: the indexer commits an entry's index once the entry is
// durable, and the query calls CommitIndexSoon until IndexedThrough
// covers the entry. Neither the log entry nor its index batch may wait
// for the writer's interval.
func TestCommitIndexSoonEndsLogCommitWait(t *testing.T) {
	s := openSpacedStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 5)
	dones := submitEach(t, s, 6, 1)

	indexed := make(chan error, 1)
	go func() {
		if err := <-dones[0]; err != nil {
			indexed <- err
			return
		}
		var b IndexBatch
		if err := b.PutOrder(OrderRecord{Trader: trader(4), Seq: 6, Value: []byte("o")}); err != nil {
			indexed <- err
			return
		}
		indexed <- s.CommitIndexBatch(6, &b)
	}()

	start := time.Now()
	for s.IndexedThrough() < 6 {
		if time.Since(start) > resultWait {
			t.Fatalf("indexed through %d after calling CommitIndexSoon for %s, expected 6", s.IndexedThrough(), resultWait)
		}
		s.CommitIndexSoon()
		time.Sleep(time.Millisecond)
	}
	awaitResult(t, indexed, "the index batch through seq 6")
	if got := s.LastSeq(); got != 6 {
		t.Fatalf("LastSeq %d after the index wait, expected 6", got)
	}
}

// TestAwaitIndexedSharesOneCommitPerGap runs many queries at once, as
// the node's index queries wait (Node.awaitIndex). Each one follows the
// submission of its own entry and calls AwaitIndexed until the index
// covers that entry. All of them arrive within one forced-commit gap
// after a commit, so they must share one log commit and then one index
// commit, instead of forcing commits of their own, and each must find
// its entry's index record.
func TestAwaitIndexedSharesOneCommitPerGap(t *testing.T) {
	// The queries arrive 5 ms apart, so that each one without the gap
	// would force a commit of its own, and all within 80 ms of the gap.
	const (
		gap     = time.Second
		queries = 16
		spacing = 5 * time.Millisecond
	)
	s := openSpacedStore(t, t.TempDir(), Options{})
	s.mu.Lock()
	s.forcedCommitGap = gap
	s.mu.Unlock()
	appendRange(t, s, 1, 1)
	commitsBefore := s.commits.Load()
	start := time.Now()

	// The indexer writes each entry's record once the entry is durable,
	// the records of all durable entries in one batch.
	dones := make([]<-chan error, queries)
	indexed := make(chan error, 1)
	results := make(chan error, queries)
	for i := range queries {
		seq := uint64(2 + i)
		done, err := s.Submit(context.Background(), makeEntries(seq, 1))
		if err != nil {
			t.Fatalf("Submit seq %d: %v", seq, err)
		}
		dones[i] = done
		go func() { results <- awaitIndexedRecord(s, seq) }()
		time.Sleep(spacing)
	}
	go func() {
		var b IndexBatch
		for i, done := range dones {
			if err := <-done; err != nil {
				indexed <- err
				return
			}
			if err := b.PutOrder(OrderRecord{Trader: trader(1), Seq: uint64(2 + i), Value: []byte("o")}); err != nil {
				indexed <- err
				return
			}
		}
		indexed <- s.CommitIndexBatch(queries+1, &b)
	}()

	for range queries {
		awaitResult(t, results, "a query of its own entry's index record")
	}
	awaitResult(t, indexed, "the index batch of the queried entries")
	if got := s.commits.Load() - commitsBefore; got != 2 {
		t.Fatalf("%d queries within one gap caused %d commits, expected 2: one of their log entries, then one of their index records", queries, got)
	}
	if elapsed := time.Since(start); elapsed < gap {
		t.Fatalf("the queries finished %s after the previous commit, expected at least the gap %s", elapsed, gap)
	}
}

// awaitIndexedRecord waits with AwaitIndexed until the index covers seq,
// for at most resultWait, and then reads the order record of seq.
func awaitIndexedRecord(s *Store, seq uint64) error {
	indexed, err := s.AwaitIndexed(seq, resultWait)
	if err != nil {
		return fmt.Errorf("wait for the index of seq %d: %w", seq, err)
	}
	if !indexed {
		return fmt.Errorf("indexed through %d after %s, expected seq %d", s.IndexedThrough(), resultWait, seq)
	}
	_, found, err := s.GetIndexRecord(IndexOrdersByTrader, OrderRecord{Trader: trader(1), Seq: seq}.parts())
	if err != nil {
		return fmt.Errorf("read the order record of seq %d: %w", seq, err)
	}
	if !found {
		return fmt.Errorf("indexed through %d, but the order record of seq %d is missing", s.IndexedThrough(), seq)
	}
	return nil
}

func TestCommitIndexSoonWithNothingQueued(t *testing.T) {
	s := openSpacedStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 1)
	s.CommitIndexSoon()
	submitPending(t, s, 2, 1, "seq 2, submitted after a CommitIndexSoon with nothing queued")
}

func TestLogCommitIntervalEndsWhenBatchIsFull(t *testing.T) {
	const batchEntries = 8
	s := openSpacedStore(t, t.TempDir(), Options{BatchEntriesMax: batchEntries})
	appendRange(t, s, 1, 1)
	dones := submitPending(t, s, 2, batchEntries-1, "an entry queued in a batch that is not full")

	last := submitEach(t, s, batchEntries+1, 1)
	for _, done := range append(dones, last...) {
		awaitResult(t, done, "an entry of a full batch")
	}
	first, end, _ := parseSegmentKey(segmentOf(t, s, 2))
	if first != 2 || end != batchEntries+1 {
		t.Fatalf("seq 2 is in the segment of seq %d to %d, expected one full batch of seq 2 to %d", first, end, batchEntries+1)
	}
}

func TestCloseCommitsEntriesWaitingForInterval(t *testing.T) {
	dir := t.TempDir()
	// No cleanup closes this store, so that a Close that hangs fails the
	// test instead of stalling it.
	s, err := Open(dir, Options{Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	s.opts.LogCommitInterval = time.Hour
	s.mu.Unlock()
	appendRange(t, s, 1, 1)
	dones := submitEach(t, s, 2, 9)
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	awaitResult(t, closed, "Close with seq 2 to 10 queued")
	for i, done := range dones {
		if err := <-done; err != nil {
			t.Fatalf("seq %d result after Close: %v", i+2, err)
		}
	}

	s = openTestStore(t, dir, Options{})
	if got := s.LastSeq(); got != 10 {
		t.Fatalf("after reopening, LastSeq %d, expected 10", got)
	}
	if seqs := replayAll(t, s, 1); len(seqs) != 10 {
		t.Fatalf("after reopening, replayed %d entries, expected 10", len(seqs))
	}
}

// TestSnapshotWaitsForDurableSeq checks that a snapshot of an entry that
// waits for the writer's interval is rejected, and accepted once the
// entry is durable.
func TestSnapshotWaitsForDurableSeq(t *testing.T) {
	s := openSpacedStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 3)
	dones := submitEach(t, s, 4, 1)

	err := s.SaveSnapshot(Snapshot{Seq: 4, Payload: []byte("state at 4")})
	if !errors.Is(err, ErrSnapshotSeq) {
		t.Fatalf("snapshot of seq 4 before it is durable: %v, expected ErrSnapshotSeq", err)
	}
	if infos, err := s.Snapshots(); err != nil || len(infos) != 0 {
		t.Fatalf("snapshots after the rejected one: %+v (err %v), expected none", infos, err)
	}

	s.CommitIndexSoon()
	awaitResult(t, dones[0], "seq 4")
	if err := s.SaveSnapshot(Snapshot{Seq: 4, Payload: []byte("state at 4")}); err != nil {
		t.Fatalf("snapshot of seq 4 once durable: %v", err)
	}
}

func TestLogCommitIntervalRejected(t *testing.T) {
	value := LogCommitIntervalMax + time.Millisecond
	_, err := Open(t.TempDir(), Options{Logger: quietLogger(), LogCommitInterval: value})
	if !errors.Is(err, ErrInvalidOptions) {
		t.Fatalf("Open with LogCommitInterval %s: %v, expected ErrInvalidOptions", value, err)
	}
	if !strings.Contains(err.Error(), value.String()) {
		t.Fatalf("error %q does not name the value %s", err, value)
	}
}

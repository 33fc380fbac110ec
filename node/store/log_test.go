package store

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestAppendReplayReopen(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir, Options{})
	if s.LastSeq() != 0 || s.FirstSeq() != 1 || s.NextSeq() != 1 {
		t.Fatalf("new store: first %d last %d next %d, expected 1, 0, 1", s.FirstSeq(), s.LastSeq(), s.NextSeq())
	}
	appendRange(t, s, 1, 10)
	appendRange(t, s, 11, 5)
	if s.LastSeq() != 15 {
		t.Fatalf("LastSeq after 15 entries: %d", s.LastSeq())
	}
	if seqs := replayAll(t, s, 1); len(seqs) != 15 || seqs[0] != 1 || seqs[14] != 15 {
		t.Fatalf("replay from 1 returned %v", seqs)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	s = openTestStore(t, dir, Options{})
	if s.LastSeq() != 15 || s.NextSeq() != 16 {
		t.Fatalf("reopened store: last %d next %d, expected 15 and 16", s.LastSeq(), s.NextSeq())
	}
	if seqs := replayAll(t, s, 7); len(seqs) != 9 || seqs[0] != 7 {
		t.Fatalf("replay from 7 returned %v", seqs)
	}
	appendRange(t, s, 16, 1)
}

func TestAppendRejectsWrongSeq(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 3)
	cases := []struct {
		name    string
		entries []Entry
		want    error
	}{
		{"gap", makeEntries(5, 1), ErrSeqNotNext},
		{"repeat", makeEntries(3, 1), ErrSeqNotNext},
		{"zero", []Entry{{Seq: 0}}, ErrSeqNotNext},
		{"not consecutive inside", []Entry{{Seq: 4}, {Seq: 6}}, ErrSeqNotNext},
		{"empty", nil, ErrEmptyRequest},
		{"payload too large", []Entry{{Seq: 4, Payload: make([]byte, entryPayloadBytesMax+1)}}, ErrPayloadTooLarge},
		{"overflow", []Entry{{Seq: 1<<64 - 1}, {Seq: 0}}, ErrSeqNotNext},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Append(context.Background(), tc.entries...)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Append: %v, expected %v", err, tc.want)
			}
		})
	}
	if s.LastSeq() != 3 || s.NextSeq() != 4 {
		t.Fatalf("after rejected appends: last %d next %d, expected 3 and 4", s.LastSeq(), s.NextSeq())
	}
	appendRange(t, s, 4, 1)
}

func TestAppendErrorNamesBothSeqs(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	err := s.Append(context.Background(), makeEntries(9, 1)...)
	if err == nil || err.Error() != "store: sequence number is not the next one: got seq 9, expected 1" {
		t.Fatalf("Append seq 9 to an empty log: %v", err)
	}
}

func TestRequestTooLarge(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{BatchEntriesMax: 4})
	if err := s.Append(context.Background(), makeEntries(1, 5)...); !errors.Is(err, ErrRequestTooLarge) {
		t.Fatalf("Append of 5 entries with BatchEntriesMax 4: %v", err)
	}
	big := []Entry{{Seq: 1, Payload: make([]byte, entryPayloadBytesMax)}, {Seq: 2, Payload: make([]byte, entryPayloadBytesMax)},
		{Seq: 3, Payload: make([]byte, entryPayloadBytesMax)}, {Seq: 4, Payload: make([]byte, entryPayloadBytesMax)}}
	if err := s.Append(context.Background(), big...); !errors.Is(err, ErrRequestTooLarge) {
		t.Fatalf("Append of 4 MiB plus headers: %v", err)
	}
	if s.NextSeq() != 1 {
		t.Fatalf("NextSeq after rejected requests: %d", s.NextSeq())
	}
}

func TestConcurrentSubmitters(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{BatchEntriesMax: 64, AppendQueueEntriesMax: 128})
	const goroutines, perGoroutine = 8, 500

	// A sequencer lock assigns seqs and submits in order; waiting for
	// durability happens outside it, as the node's sequencer does.
	var seqMu sync.Mutex
	next := uint64(1)
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perGoroutine; i++ {
				seqMu.Lock()
				n := 1 + i%3
				entries := makeEntries(next, n)
				done, err := s.Submit(context.Background(), entries)
				if err == nil {
					next += uint64(n)
				}
				seqMu.Unlock()
				if err == nil {
					err = <-done
				}
				if err != nil {
					errs <- err
					return
				}
				if last := s.LastSeq(); last < entries[n-1].Seq {
					errs <- errors.New("acknowledged entry is above LastSeq")
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	seqs := replayAll(t, s, 1)
	if uint64(len(seqs)) != next-1 {
		t.Fatalf("replayed %d entries, expected %d", len(seqs), next-1)
	}
}

func TestSubmitBackpressureHonoursContext(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{BatchEntriesMax: 1, AppendQueueEntriesMax: 1})
	release := make(chan struct{})
	inCommit := make(chan struct{}, 10)
	s.commitHook = func() error {
		inCommit <- struct{}{}
		<-release
		return nil
	}

	// Seq 1 is taken by the writer, which then waits in the hook; seq 2
	// fills the queue, so seq 3 must wait for space.
	done1, err := s.Submit(context.Background(), makeEntries(1, 1))
	if err != nil {
		t.Fatalf("Submit seq 1: %v", err)
	}
	<-inCommit
	done2, err := s.Submit(context.Background(), makeEntries(2, 1))
	if err != nil {
		t.Fatalf("Submit seq 2: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := s.Submit(ctx, makeEntries(3, 1)); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Submit seq 3 into a full queue: %v, expected context.DeadlineExceeded", err)
	}
	if s.NextSeq() != 3 {
		t.Fatalf("NextSeq after the timed-out submit: %d, expected 3", s.NextSeq())
	}

	close(release)
	for i, done := range []<-chan error{done1, done2} {
		if err := <-done; err != nil {
			t.Fatalf("seq %d: %v", i+1, err)
		}
	}
	appendRange(t, s, 3, 1)
	if s.LastSeq() != 3 {
		t.Fatalf("LastSeq %d, expected 3", s.LastSeq())
	}
}

// TestBeforeLogCommitErrorFailsStore fails a log commit through
// Options.BeforeLogCommit and checks that the batch and the request
// queued behind it fail with the hook's error, that later appends are
// rejected, and that nothing of the failed batch is on disk.
func TestBeforeLogCommitErrorFailsStore(t *testing.T) {
	dir := t.TempDir()
	errInjected := errors.New("injected commit failure")
	var failing atomic.Bool
	release := make(chan struct{})
	inCommit := make(chan struct{}, 1)
	s := openTestStore(t, dir, Options{BeforeLogCommit: func() error {
		if !failing.Load() {
			return nil
		}
		inCommit <- struct{}{}
		<-release
		return errInjected
	}})
	appendRange(t, s, 1, 3)

	failing.Store(true)
	done4 := submitEach(t, s, 4, 1)[0]
	<-inCommit
	done5 := submitEach(t, s, 5, 1)[0]
	close(release)
	for seq, done := range map[int]<-chan error{4: done4, 5: done5} {
		err := <-done
		if !errors.Is(err, ErrFailed) {
			t.Errorf("seq %d result: %v, expected ErrFailed", seq, err)
		}
		if !errors.Is(err, errInjected) {
			t.Errorf("seq %d result: %v, expected the hook's error", seq, err)
		}
	}
	if got := s.LastSeq(); got != 3 {
		t.Fatalf("LastSeq %d after the failed commit, expected 3", got)
	}
	if _, err := s.Submit(context.Background(), makeEntries(6, 1)); !errors.Is(err, ErrFailed) {
		t.Fatalf("Submit after the failed commit: %v, expected ErrFailed", err)
	}
	if _, err := s.AwaitIndexed(4, resultWait); !errors.Is(err, ErrFailed) {
		t.Fatalf("AwaitIndexed after the failed commit: %v, expected ErrFailed", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close after the failed commit: %v", err)
	}

	s = openTestStore(t, dir, Options{})
	if got := s.LastSeq(); got != 3 {
		t.Fatalf("reopened LastSeq %d, expected 3: the failed batch must not be written", got)
	}
	if seqs := replayAll(t, s, 1); len(seqs) != 3 {
		t.Fatalf("reopened store replays seqs %v, expected 1 to 3", seqs)
	}
	appendRange(t, s, 4, 1)
}

func TestCloseCommitsQueuedEntries(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir, Options{})
	var dones []<-chan error
	for seq := uint64(1); seq <= 100; seq++ {
		done, err := s.Submit(context.Background(), makeEntries(seq, 1))
		if err != nil {
			t.Fatalf("Submit seq %d: %v", seq, err)
		}
		dones = append(dones, done)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	for i, done := range dones {
		if err := <-done; err != nil {
			t.Fatalf("seq %d result after Close: %v", i+1, err)
		}
	}
	if _, err := s.Submit(context.Background(), makeEntries(101, 1)); !errors.Is(err, ErrClosed) {
		t.Fatalf("Submit after Close: %v, expected ErrClosed", err)
	}
	s = openTestStore(t, dir, Options{})
	if s.LastSeq() != 100 {
		t.Fatalf("reopened LastSeq %d, expected 100", s.LastSeq())
	}
}

func TestReadLog(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 50)
	entries, err := s.ReadLog(10, 5, 1<<20)
	if err != nil || len(entries) != 5 || entries[0].Seq != 10 || entries[4].Seq != 14 {
		t.Fatalf("ReadLog(10, 5): %v entries, err %v", len(entries), err)
	}
	// A byte limit below one payload still returns one entry.
	entries, err = s.ReadLog(20, 100, 1)
	if err != nil || len(entries) != 1 || entries[0].Seq != 20 {
		t.Fatalf("ReadLog(20, 100, 1 byte): %d entries, err %v", len(entries), err)
	}
	entries, err = s.ReadLog(51, 10, 1<<20)
	if err != nil || len(entries) != 0 {
		t.Fatalf("ReadLog at LastSeq+1: %d entries, err %v", len(entries), err)
	}
	if _, err := s.ReadLog(52, 10, 1<<20); !errors.Is(err, ErrNotStored) {
		t.Fatalf("ReadLog past the end: %v", err)
	}
	if _, err := s.ReadLog(0, 10, 1<<20); !errors.Is(err, ErrNotStored) {
		t.Fatalf("ReadLog(0): %v", err)
	}
	if _, err := s.ReadLog(1, 0, 1<<20); !errors.Is(err, ErrInvalidLimit) {
		t.Fatalf("ReadLog with 0 entries: %v", err)
	}
	if _, err := s.ReadLog(1, readEntriesMax+1, 1<<20); !errors.Is(err, ErrInvalidLimit) {
		t.Fatalf("ReadLog above readEntriesMax: %v", err)
	}
}

func TestReplayStopsOnCallbackError(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 10)
	stop := errors.New("stop")
	var seen int
	err := s.ReplayLog(context.Background(), 1, func(Entry) error {
		seen++
		if seen == 4 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || seen != 4 {
		t.Fatalf("ReplayLog: err %v after %d entries, expected stop after 4", err, seen)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.ReplayLog(ctx, 1, func(Entry) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("ReplayLog with a cancelled context: %v", err)
	}
}

func TestOptionsRejected(t *testing.T) {
	cases := []Options{
		{BatchEntriesMax: -1},
		{BatchBytesMax: 10},
		{BatchBytesMax: batchBytesLimit + 1},
		{AppendQueueEntriesMax: 10, BatchEntriesMax: 20},
		{SnapshotsKept: snapshotsKeptMax + 1},
		{BlockCacheBytes: -1},
		{MemTableBytes: memTableBytesMin - 1},
		{MemTableBytes: memTableBytesMax + 1},
		{IndexBatchWait: indexBatchWaitMax + time.Millisecond},
	}
	for _, opts := range cases {
		if _, err := Open(t.TempDir(), opts); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("Open with %+v: %v, expected ErrInvalidOptions", opts, err)
		}
	}
}

// TestMemTableSizeSpread checks that stores opened without a memtable
// size take sizes in range and not all the same one, so that co-located
// nodes do not flush at the same entry.
func TestMemTableSizeSpread(t *testing.T) {
	sizes := map[int64]bool{}
	for range 8 {
		o, err := Options{}.withDefaults()
		if err != nil {
			t.Fatal(err)
		}
		if o.MemTableBytes < memTableBytesMin || o.MemTableBytes > memTableBytesMax {
			t.Fatalf("memtable size %d, expected %d to %d", o.MemTableBytes, memTableBytesMin, memTableBytesMax)
		}
		sizes[o.MemTableBytes] = true
	}
	if len(sizes) < 2 {
		t.Fatalf("8 stores took %d different memtable sizes, expected more than one", len(sizes))
	}
	o, err := Options{MemTableBytes: memTableBytesMin}.withDefaults()
	if err != nil || o.MemTableBytes != memTableBytesMin {
		t.Fatalf("a set memtable size became %d (err %v), expected %d", o.MemTableBytes, err, memTableBytesMin)
	}
}

func TestCloseWaitsForReads(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 10)
	inReplay, release := make(chan struct{}), make(chan struct{})
	replayDone := make(chan error, 1)
	go func() {
		replayDone <- s.ReplayLog(context.Background(), 1, func(e Entry) error {
			if e.Seq == 1 {
				close(inReplay)
				<-release
			}
			return nil
		})
	}()
	<-inReplay

	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	select {
	case err := <-closed:
		t.Fatalf("Close returned %v while a replay was running", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if err := <-replayDone; err != nil {
		t.Fatalf("replay interrupted by Close: %v", err)
	}
	if err := <-closed; err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := s.ReadLog(1, 1, 1); !errors.Is(err, ErrClosed) {
		t.Fatalf("ReadLog after Close: %v", err)
	}
}

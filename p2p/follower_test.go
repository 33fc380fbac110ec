package p2p

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// fakeClock is a clock that tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Unix(1_800_000_000, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newTestFollower builds a follower over a memLog without a network: the
// tests call add and drain as the follower goroutine would.
func newTestFollower(t *testing.T, limits Limits, handler BatchHandler) (*follower, *fakeClock) {
	t.Helper()
	clock := newFakeClock()
	m, err := newMetrics(prometheus.NewRegistry(), func() float64 { return 0 })
	if err != nil {
		t.Fatal(err)
	}
	h := &Host{
		cfg:      Config{Limits: limits.withDefaults(), Now: clock.Now},
		log:      testLogger(t),
		metrics:  m,
		handlers: Handlers{Batches: handler},
		ctx:      context.Background(),
	}
	return newFollower(h), clock
}

func TestFollowerReportsGapAfterDelay(t *testing.T) {
	log := newMemLog()
	f, clock := newTestFollower(t, Limits{GapReportDelay: time.Second, GapReportInterval: 10 * time.Second}, log)
	f.add(signBatch(t, operatorKey(t), 11, 20))
	f.drain()
	if gaps := log.reportedGaps(); len(gaps) != 0 {
		t.Fatalf("gap reported before the delay: %v", gaps)
	}

	clock.advance(time.Second)
	f.drain()
	if gaps := log.reportedGaps(); !slices.Equal(gaps, []Gap{{From: 1, To: 10}}) {
		t.Fatalf("gaps %v after the delay, expected seq 1 to 10", gaps)
	}
	clock.advance(5 * time.Second)
	f.drain()
	if n := len(log.reportedGaps()); n != 1 {
		t.Fatalf("%d reports before the interval passed, expected 1", n)
	}
	clock.advance(5 * time.Second)
	f.drain()
	if n := len(log.reportedGaps()); n != 2 {
		t.Fatalf("%d reports after the interval, expected 2", n)
	}

	// The gap filled outside gossip: the kept batch is applied.
	log.fill(10)
	f.drain()
	if next := log.NextSeq(); next != 21 {
		t.Fatalf("next seq %d after the gap was filled, expected 21", next)
	}
	if len(f.pending) != 0 {
		t.Fatalf("%d batches still pending", len(f.pending))
	}
}

func TestFollowerPendingLimit(t *testing.T) {
	log := newMemLog()
	f, _ := newTestFollower(t, Limits{PendingBatchesMax: 2}, log)
	key := operatorKey(t)
	for _, from := range []uint64{31, 11, 21} {
		f.add(signBatch(t, key, from, from+9))
	}
	if len(f.pending) != 2 || f.pending[0].First() != 11 || f.pending[1].First() != 21 {
		t.Fatalf("pending %v, expected the batches from seq 11 and 21", firstSeqs(f.pending))
	}
	if dropped := counter(f.h.metrics.batches, "dropped"); dropped != 1 {
		t.Fatalf("%v batches counted dropped, expected 1", dropped)
	}
}

func firstSeqs(batches []*Batch) []uint64 {
	var seqs []uint64
	for _, b := range batches {
		seqs = append(seqs, b.First())
	}
	return seqs
}

func TestFollowerDropsStaleAndFailedBatches(t *testing.T) {
	log := newMemLog()
	log.fill(10)
	failing := &failingLog{memLog: log}
	f, _ := newTestFollower(t, Limits{}, failing)
	key := operatorKey(t)
	f.add(signBatch(t, key, 1, 5))
	f.add(signBatch(t, key, 11, 15))
	f.drain()
	if stale := counter(f.h.metrics.batches, "stale"); stale != 1 {
		t.Errorf("%v stale batches counted, expected 1", stale)
	}
	if failed := counter(f.h.metrics.batches, "failed"); failed != 1 {
		t.Errorf("%v failed batches counted, expected 1", failed)
	}
	if len(f.pending) != 0 {
		t.Errorf("%d batches left pending", len(f.pending))
	}
	if gaps := testutil.ToFloat64(f.h.metrics.gaps); gaps != 0 {
		t.Errorf("%v gaps counted, expected none", gaps)
	}
}

// failingLog rejects every batch, as a node does whose state hash
// disagrees with the sequencer's.
type failingLog struct{ *memLog }

func (l *failingLog) HandleBatch(context.Context, *Batch) error {
	return errors.New("state hash mismatch")
}

func TestComputeProgress(t *testing.T) {
	p := computeProgress(101, 1100, 601, 10*time.Second)
	if p.Entries != 500 || p.EntriesPerSecond != 50 || p.ETA != 10*time.Second || p.Done() {
		t.Fatalf("progress %+v, expected 500 entries at 50/s with 10s to go", p)
	}
	if p := computeProgress(1, 10, 1, 0); p.EntriesPerSecond != 0 || p.ETA != 0 {
		t.Fatalf("progress before the first entry %+v, expected no rate and no ETA", p)
	}
	if p := computeProgress(1, 10, 11, time.Second); !p.Done() || p.ETA != 0 || p.Entries != 10 {
		t.Fatalf("finished progress %+v, expected done with 10 entries", p)
	}
}

func TestPenaltyDecays(t *testing.T) {
	clock := newFakeClock()
	p := newPenalties(clock.Now)
	p.add("peer", 100)
	if got := p.score("peer"); got != -100 {
		t.Fatalf("score %v, expected -100", got)
	}
	clock.advance(penaltyHalfLife)
	if got := p.score("peer"); got < -50.001 || got > -49.999 {
		t.Fatalf("score %v after one half-life, expected -50", got)
	}
	p.add("peer", 10)
	if got := p.score("peer"); got < -60.001 || got > -59.999 {
		t.Fatalf("score %v after adding 10, expected -60", got)
	}
	if got := p.score("other"); got != 0 {
		t.Fatalf("score of an unknown peer %v, expected 0", got)
	}
}

func TestBanExpires(t *testing.T) {
	clock := newFakeClock()
	b := newBanList(clock.Now)
	if !b.ban("peer", time.Minute) {
		t.Fatal("first ban not reported as new")
	}
	if b.ban("peer", time.Minute) {
		t.Fatal("second ban reported as new")
	}
	clock.advance(59 * time.Second)
	if !b.banned("peer") {
		t.Fatal("ban ended early")
	}
	clock.advance(time.Second)
	if b.banned("peer") {
		t.Fatal("ban did not end")
	}
}

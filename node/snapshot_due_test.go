package node

import (
	"testing"
	"time"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

func TestSnapshotDue(t *testing.T) {
	now := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name    string
		applied uint64
		busy    bool
		nextAt  time.Time
		want    bool
	}{
		{"enough entries, no earlier snapshot", 100, false, time.Time{}, true},
		{"enough entries, spacing passed", 150, false, now.Add(-time.Second), true},
		{"enough entries, spacing ends now", 100, false, now, true},
		{"enough entries, spacing not passed", 100_000, false, now.Add(time.Second), false},
		{"too few entries", 99, false, time.Time{}, false},
		{"enough entries, busy", 999, true, time.Time{}, false},
		{"busy limit reached", 1000, true, time.Time{}, true},
		{"busy limit reached, spacing not passed", 5000, true, now.Add(time.Second), false},
	}
	for _, c := range cases {
		if got := snapshotDue(c.applied, 100, 1000, c.busy, now, c.nextAt); got != c.want {
			t.Errorf("%s: snapshotDue = %v, expected %v", c.name, got, c.want)
		}
	}
}

// TestSpaceStateWorkSharesBudget checks that a snapshot delays the next
// state hash and a hash delays the next snapshot, and that a shorter
// spacing never brings either forward.
func TestSpaceStateWorkSharesBudget(t *testing.T) {
	now := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	var s sequencer
	s.spaceStateWork(now.Add(12 * time.Second))
	if !s.nextSnapshotAt.Equal(now.Add(12*time.Second)) || !s.nextHashAt.Equal(now.Add(12*time.Second)) {
		t.Fatalf("after spacing to +12s: next snapshot at %v, next hash at %v", s.nextSnapshotAt, s.nextHashAt)
	}
	if snapshotDue(100, 100, 100, false, now.Add(11*time.Second), s.nextSnapshotAt) {
		t.Fatalf("snapshot due 11 s after a hash that spaced state work by 12 s")
	}
	s.spaceStateWork(now.Add(time.Second))
	if !s.nextSnapshotAt.Equal(now.Add(12*time.Second)) || !s.nextHashAt.Equal(now.Add(12*time.Second)) {
		t.Fatalf("a shorter spacing moved the next snapshot to %v and the next hash to %v", s.nextSnapshotAt, s.nextHashAt)
	}
}

// quiet moves the node's clock past StateWorkQuietGap and the next tick,
// so that the sequencer, quiet, does the whole-state work it put off.
func (tn *testNode) quiet() { tn.clock.Advance(StateWorkQuietGap + tn.cfg.TickInterval) }

// waitQuiet makes the node quiet and waits for cond. It moves the clock on
// by another tick every 100 ms, because a tick that comes before the work
// is due takes nothing.
func (tn *testNode) waitQuiet(t *testing.T, what string, cond func() bool) {
	t.Helper()
	tn.quiet()
	next := time.Now().Add(100 * time.Millisecond)
	waitFor(t, what, func() bool {
		if cond() {
			return true
		}
		if time.Now().After(next) {
			tn.clock.Advance(tn.cfg.TickInterval)
			next = time.Now().Add(100 * time.Millisecond)
		}
		return false
	})
}

// TestBusyNodePutsOffSnapshot checks that a node applying signed requests
// takes no snapshot after SnapshotEntries entries, takes it once it is
// quiet, and takes the next one after SnapshotEntriesBusy entries even
// while busy.
func TestBusyNodePutsOffSnapshot(t *testing.T) {
	tn := startTestNode(t, "", func(c *Config) {
		c.SnapshotEntries = 5
		c.SnapshotEntriesBusy = 30
	})
	snapshots := func() float64 { return histogramCount(t, tn, "thx_snapshot_encode_seconds") }
	tn.deposit(1, tokenUSDC, 1000*usdc)
	for i := range 10 {
		tn.place(tn.order(1, eip712.Buy, 10_000-uint64(i), 1))
	}
	// A place returns once its round is durable, and a snapshot of the
	// round is encoded before that.
	if got := snapshots(); got != 0 {
		t.Fatalf("busy node took %v snapshots after 11 entries, expected none before 30", got)
	}

	tn.waitQuiet(t, "the snapshot of a quiet node", func() bool { return tn.snapshotSeq() > 0 })
	first := tn.snapshotSeq()
	if got := snapshots(); got != 1 {
		t.Fatalf("quiet node took %v snapshots, expected 1", got)
	}

	for i := range 29 {
		tn.place(tn.order(1, eip712.Buy, 9_000-uint64(i), 1))
	}
	if got := snapshots(); got != 1 {
		t.Fatalf("busy node took %v snapshots, expected 1 before 30 more entries", got)
	}
	// From the 30th entry on, a snapshot follows once the time budget of
	// the last one has passed (20 times its encoding time).
	for i := 0; snapshots() == 1; i++ {
		if i == 200 {
			t.Fatalf("busy node took no snapshot in %d entries after the last", 29+i)
		}
		tn.place(tn.order(1, eip712.Buy, 8_000-uint64(i), 1))
		time.Sleep(5 * time.Millisecond)
	}
	waitFor(t, "the busy node's snapshot to be committed", func() bool { return tn.snapshotSeq() > first })
	if got, want := tn.snapshotSeq(), tn.store.LastSeq(); got != want {
		t.Fatalf("busy node's snapshot at seq %d, expected at the last entry, seq %d", got, want)
	}
}

// TestBusyNodePutsOffStateHash checks that the state hash for NodeInfo
// waits while the node applies signed requests, and follows once it is
// quiet.
func TestBusyNodePutsOffStateHash(t *testing.T) {
	const interval = 100 * time.Millisecond
	tn := startTestNode(t, "", func(c *Config) {
		c.StateHashInterval = interval
		// No clock entries, which would move the log past each hash.
		c.TickInterval = time.Hour
	})
	// hashedToEnd moves the clock on by one hash interval at a time until
	// NodeInfo reports the state hash at the log's last entry, because
	// entries the node makes (seals of settlement batches) can follow a
	// hash.
	hashedToEnd := func() bool {
		if tn.NodeInfo().Seq == tn.store.LastSeq() {
			return true
		}
		tn.clock.Advance(interval)
		return false
	}
	tn.deposit(1, tokenUSDC, 1000*usdc)
	waitFor(t, "the state hash after the deposit", hashedToEnd)
	before := tn.NodeInfo()

	tn.place(tn.order(1, eip712.Buy, 10_000, 1))
	tn.clock.Advance(interval)
	// The sequencer takes the tick before the next request's round ends.
	waitFor(t, "the hash tick to be taken", func() bool { return tn.clock.ticksPending(interval) == 0 })
	tn.place(tn.order(1, eip712.Buy, 9_000, 1))
	if got := tn.NodeInfo(); got.Seq != before.Seq || got.StateHash != before.StateHash {
		t.Fatalf("busy node reported the state hash at seq %d, expected the one at seq %d until it is quiet", got.Seq, before.Seq)
	}

	tn.clock.Advance(StateWorkQuietGap)
	waitFor(t, "the state hash of the quiet node", hashedToEnd)
	if got, want := tn.NodeInfo().StateHash, tn.stateHash(); got != want {
		t.Fatalf("quiet node reported state hash %s, expected %s", got, want)
	}
}

// ticksPending returns the ticks not yet received from the tickers of
// the given period.
func (c *ManualClock) ticksPending(period time.Duration) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, t := range c.tickers {
		if t.period == period && !t.stopped {
			n += len(t.ch)
		}
	}
	return n
}

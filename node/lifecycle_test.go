package node

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/rpc"
)

func TestFullIngressQueueRejectsAtOnce(t *testing.T) {
	clock := NewManualClock(testStart)
	cfg := testConfig(t.TempDir(), clock)
	cfg.IngressQueueRequestsMax = 1
	n, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Stop()
	// Open ingress without starting the verifiers, so the queue stays full.
	n.accepting = true
	tn := &testNode{Node: n, t: t, nonces: map[common.Address]uint64{}}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := n.PlaceOrder(ctx, tn.order(1, eip712.Buy, 100, 1)); err == nil {
		t.Fatalf("first order was answered without a running sequencer")
	}
	_, err = n.PlaceOrder(context.Background(), tn.order(1, eip712.Buy, 100, 1))
	mustErrorIs(t, err, rpc.ErrUnavailable, "order while the ingress queue is full")
	n.accepting = false
}

func TestStopSealsOpenBatchAndRejectsLaterRequests(t *testing.T) {
	tn := startTestNode(t, "", nil)
	tn.deposit(1, tokenUSDC, 1000*usdc)
	tn.deposit(2, tokenTHAL, 500*thal)
	tn.place(tn.order(2, eip712.Sell, 9_000, 10))
	tn.place(tn.order(1, eip712.Buy, 9_000, 10))
	tn.stop()

	if got := len(tn.machine.SealedBatches(testChain)); got != 1 {
		t.Fatalf("%d batches sealed at stop, expected the open one", got)
	}
	if tn.machine.Seq() != tn.store.LastSeq() {
		t.Fatalf("machine at seq %d, log at %d after stop", tn.machine.Seq(), tn.store.LastSeq())
	}
	_, err := tn.PlaceOrder(context.Background(), tn.order(1, eip712.Buy, 9_000, 1))
	mustErrorIs(t, err, rpc.ErrUnavailable, "order after stop")
	if err := tn.Stop(); err != nil {
		t.Fatalf("second stop: %v", err)
	}
}

func TestManualClockFiresTickersOncePerAdvance(t *testing.T) {
	c := NewManualClock(testStart)
	tk := c.NewTicker(time.Second)
	c.Advance(500 * time.Millisecond)
	select {
	case <-tk.C():
		t.Fatalf("ticker fired before its period")
	default:
	}
	c.Advance(3 * time.Second)
	if got := <-tk.C(); !got.Equal(testStart.Add(3500 * time.Millisecond)) {
		t.Fatalf("tick at %s, expected the clock's time", got)
	}
	select {
	case <-tk.C():
		t.Fatalf("ticker fired twice for one advance")
	default:
	}
	tk.Stop()
	c.Advance(time.Hour)
	select {
	case <-tk.C():
		t.Fatalf("stopped ticker fired")
	default:
	}
}

// TestConfigSnapshotEntriesBusy checks the defaults of SnapshotEntries and
// SnapshotEntriesBusy, and the error for a SnapshotEntriesBusy below
// SnapshotEntries, which names both flags and both ways to fix them.
func TestConfigSnapshotEntriesBusy(t *testing.T) {
	cfg := testConfig(t.TempDir(), nil)
	got, err := cfg.withDefaults()
	if err != nil {
		t.Fatalf("defaults: %v", err)
	}
	if got.SnapshotEntries != SnapshotEntriesDefault || got.SnapshotEntriesBusy != SnapshotEntriesBusyDefault {
		t.Errorf("zero SnapshotEntries and SnapshotEntriesBusy became %d and %d, expected %d and %d",
			got.SnapshotEntries, got.SnapshotEntriesBusy, SnapshotEntriesDefault, SnapshotEntriesBusyDefault)
	}

	cfg.SnapshotEntries = 2 * SnapshotEntriesBusyDefault
	got, err = cfg.withDefaults()
	if err != nil {
		t.Fatalf("defaults: %v", err)
	}
	if got.SnapshotEntriesBusy != cfg.SnapshotEntries {
		t.Errorf("zero SnapshotEntriesBusy became %d, expected SnapshotEntries %d", got.SnapshotEntriesBusy, cfg.SnapshotEntries)
	}

	cfg.SnapshotEntries, cfg.SnapshotEntriesBusy = 20_000, 2_000
	_, err = cfg.withDefaults()
	mustErrorIs(t, err, ErrInvalidConfig, "SnapshotEntriesBusy below SnapshotEntries")
	want := "SnapshotEntriesBusy (--snapshot-entries-busy) 2000 is below SnapshotEntries (--snapshot-entries) 20000; " +
		"raise --snapshot-entries-busy to at least 20000, or lower --snapshot-entries to at most 2000"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q, expected it to contain %q", err, want)
	}
}

func TestConfigRejectsMarketOnUnknownChain(t *testing.T) {
	cfg := testConfig(t.TempDir(), nil)
	cfg.Chains = nil
	_, err := New(cfg)
	mustErrorIs(t, err, ErrInvalidConfig, "market on an unconfigured chain")
	cfg = testConfig("", nil)
	_, err = New(cfg)
	mustErrorIs(t, err, ErrInvalidConfig, "empty data directory")
}

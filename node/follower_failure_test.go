package node

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/rpc"
)

// orderResult is the outcome of a PlaceOrder call run in a goroutine.
type orderResult struct {
	ack rpc.OrderAck
	err error
}

// placeAsync places o at tn in a goroutine and returns its outcome on the
// channel.
func placeAsync(ctx context.Context, tn *testNode, o *state.SignedOrder) <-chan orderResult {
	out := make(chan orderResult, 1)
	go func() {
		ack, err := tn.PlaceOrder(ctx, o)
		out <- orderResult{ack: ack, err: err}
	}()
	return out
}

// awaitOrderResult waits up to networkWait for the outcome of the named
// order.
func awaitOrderResult(t *testing.T, results <-chan orderResult, order string) orderResult {
	t.Helper()
	select {
	case r := <-results:
		return r
	case <-time.After(networkWait):
		t.Fatalf("no reply to %s within %s", order, networkWait)
		return orderResult{}
	}
}

// checkStoppedApplying checks that err is rpc.ErrUnavailable and states
// that the follower stopped applying the log.
func checkStoppedApplying(t *testing.T, err error, order string) {
	t.Helper()
	mustErrorIs(t, err, rpc.ErrUnavailable, order)
	if !strings.Contains(err.Error(), "stopped applying") {
		t.Errorf("%s: error %q does not say that the follower stopped applying the log", order, err)
	}
}

// testOrderHash returns the EIP-712 hash of an order of the test chain.
func testOrderHash(o *state.SignedOrder) common.Hash {
	return eip712.Domain{ChainID: testChain, VerifyingContract: testExchange}.OrderHash(o.Order)
}

// machineSeq returns the seq of the last entry the node's machine applied.
func (tn *testNode) machineSeq() uint64 {
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	return tn.machine.Seq()
}

// TestFollowerLogWriteFailsAfterReply fails a follower's log commit after
// the follower replied to a forwarded order of that commit. It holds the
// commit of order A while order B is shown and queued behind it, order
// C's round waits for queue space, and order D waits in the forwarder.
// The reply to A and the event of B must stay true, C and D must get
// ErrUnavailable, a later order E must be rejected without reaching the
// sequencer, and the follower must catch up after a restart.
func TestFollowerLogWriteFailsAfterReply(t *testing.T) {
	seq := startSequencer(t, "", nil)
	dir := t.TempDir()
	errInjected := errors.New("injected log write failure")
	var failing atomic.Bool
	inCommit := make(chan struct{}, 1)
	release := make(chan struct{})
	var releaseOnce sync.Once
	open := func() { releaseOnce.Do(func() { close(release) }) }
	f := startFollowerNode(t, dir, seq, func(c *Config) {
		// One entry per round and per batch, and room for one queued
		// request, so that a third round waits in Submit while the
		// first commits and the second is queued.
		c.RoundEntriesMax = 1
		c.Store.BatchEntriesMax, c.Store.AppendQueueEntriesMax = 1, 1
		c.Store.BeforeLogCommit = func() error {
			if !failing.Load() {
				return nil
			}
			select {
			case inCommit <- struct{}{}:
			default:
			}
			<-release
			return errInjected
		}
	})
	t.Cleanup(open)
	seq.deposit(1, tokenUSDC, 1000*usdc)
	waitCaughtUp(t, f, seq)
	waitForwarding(t, f, seq)
	durableBefore := f.durable.Load()
	ctx, cancel := context.WithTimeout(context.Background(), networkWait)
	defer cancel()

	failing.Store(true)
	placedA, err := f.PlaceOrder(ctx, f.order(1, eip712.Buy, 9_000, 1))
	checkHeldReply(t, f, "order A", placedA, err, state.StatusOpen)
	select {
	case <-inCommit:
	case <-time.After(networkWait):
		t.Fatalf("the follower's store did not start the commit of order A within %s", networkWait)
	}
	placedB, err := f.PlaceOrder(ctx, f.order(1, eip712.Buy, 9_001, 1))
	checkHeldReply(t, f, "order B", placedB, err, state.StatusOpen)

	orderC := f.order(1, eip712.Buy, 9_002, 1)
	resultC := placeAsync(ctx, f, orderC)
	waitNetwork(t, "the follower to apply order C", func() bool { return f.machineSeq() == placedB.Seq+1 })
	orderD := f.order(1, eip712.Buy, 9_003, 1)
	resultD := placeAsync(ctx, f, orderD)
	waitNetwork(t, "the sequencer to log order D", func() bool { return seq.durable.Load() == placedB.Seq+2 })
	if got := f.visibleSeq.Load(); got != placedB.Seq {
		t.Fatalf("follower visible through seq %d before the failure, expected order B's seq %d", got, placedB.Seq)
	}

	open()
	select {
	case <-f.Failed():
	case <-time.After(networkWait):
		t.Fatalf("the follower did not stop within %s after its log commit failed", networkWait)
	}
	mustErrorIs(t, f.Err(), errInjected, "follower error")
	mustErrorIs(t, f.Err(), store.ErrFailed, "follower error")
	if got := f.durable.Load(); got != durableBefore {
		t.Errorf("follower durable through seq %d after the failed commit, expected %d", got, durableBefore)
	}

	c := awaitOrderResult(t, resultC, "order C, applied but not shown")
	checkStoppedApplying(t, c.err, "order C, applied but not shown")
	if !strings.Contains(c.err.Error(), fmt.Sprintf("at seq %d", placedB.Seq+1)) {
		t.Errorf("order C, applied but not shown: error %q does not name its seq %d", c.err, placedB.Seq+1)
	}
	d := awaitOrderResult(t, resultD, "order D, waiting in the forwarder")
	checkStoppedApplying(t, d.err, "order D, waiting in the forwarder")
	_, err = f.PlaceOrder(ctx, f.order(1, eip712.Buy, 9_004, 1))
	checkStoppedApplying(t, err, "order E, placed after the failure")
	checkFailedHealth(t, f, "injected log write failure")
	info := f.NodeInfo()
	if info.Seq > placedB.Seq+1 {
		t.Errorf("follower's node info reports seq %d, beyond the last applied seq %d", info.Seq, placedB.Seq+1)
	}
	if !strings.Contains(info.Failure, "injected log write failure") {
		t.Errorf("follower's node info has failure %q, expected the injected log write failure", info.Failure)
	}

	// The reply to A stays true: the sequencer's log has the order.
	if info, err := seq.Order(placedA.Order.Hash); err != nil || info.PlacedSeq != placedA.Seq {
		t.Fatalf("sequencer's thx_order of order A: %+v, %v, expected it placed at seq %d", info, err, placedA.Seq)
	}
	if got := seq.durable.Load(); got != placedB.Seq+2 {
		t.Fatalf("sequencer durable through seq %d, expected %d: order E must not reach it", got, placedB.Seq+2)
	}

	f.stop()
	f = startFollowerNode(t, dir, seq, nil)
	waitCaughtUp(t, f, seq)
	checkSameState(t, f, seq, 2)
	for _, o := range []struct {
		name string
		hash common.Hash
		seq  uint64
	}{
		{"A", placedA.Order.Hash, placedA.Seq},
		{"B", placedB.Order.Hash, placedB.Seq},
		{"C", testOrderHash(orderC), placedB.Seq + 1},
		{"D", testOrderHash(orderD), placedB.Seq + 2},
	} {
		info, err := f.Order(o.hash)
		if err != nil {
			t.Fatalf("restarted follower's thx_order of order %s: %v", o.name, err)
		}
		if info.Status != state.StatusOpen || info.PlacedSeq != o.seq {
			t.Fatalf("restarted follower's thx_order of order %s has status %q, seq %d, expected %q, %d",
				o.name, info.Status, info.PlacedSeq, state.StatusOpen, o.seq)
		}
	}
}

// checkFailedHealth checks that the node's health is not OK, and that its
// log component is not OK and carries an error containing detail.
func checkFailedHealth(t *testing.T, tn *testNode, detail string) {
	t.Helper()
	h := tn.Health()
	if h.OK {
		t.Error("health is OK after the failure")
	}
	for _, c := range h.Components {
		if c.Name != "log" {
			continue
		}
		if c.OK {
			t.Error("health's log component is OK after the failure")
		}
		if msg, _ := c.Detail["error"].(string); !strings.Contains(msg, detail) {
			t.Errorf("health's log component has error %q, expected it to contain %q", msg, detail)
		}
		return
	}
	t.Error("health has no log component")
}

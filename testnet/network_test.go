package testnet

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/thaliumx/thaliumx/rpc"
)

// TestFiveNodesConverge submits orders round-robin to a sequencer and
// four followers, then checks that every node holds the same state, books
// and balances and that the Exchange settled every trade once. A sixth
// node started afterwards syncs from a snapshot and converges too.
func TestFiveNodesConverge(t *testing.T) {
	orders := orderCount(t)
	nw := startNetwork(t, 5, func(c *Config) {
		c.SnapshotEntries = uint64(orders / 4)
		c.Version = "v1.2.3-test"
	})
	for _, m := range nw.Members() {
		if got := m.Node.NodeInfo().Version; got != "v1.2.3-test" {
			t.Errorf("node %d reports version %q, expected Config.Version v1.2.3-test", m.Index, got)
		}
	}
	w := newWorkload(nw, testSeed(t))
	waitDeposits(t, nw, w)
	waitConverged(t, nw)

	start := time.Now()
	acked := submitRoundRobin(t, nw.Members(), w, orders, 64)
	t.Logf("%d orders acknowledged in %s, by node: %v", orders, time.Since(start).Round(time.Millisecond), acked)
	for i, n := range acked {
		if n == 0 {
			t.Errorf("node %d acknowledged no order", i)
		}
	}

	waitSettled(t, nw, w)
	waitConverged(t, nw)
	checkSameViews(t, nw, w)
	checkSettledOnce(t, nw, w)

	sixth, err := nw.AddFollower(context.Background())
	if err != nil {
		t.Fatalf("start a sixth node: %v", err)
	}
	waitConverged(t, nw)
	checkSameViews(t, nw, w)
	first := sixth.Node.Store().FirstSeq()
	if first <= 1 {
		t.Fatalf("the sixth node's log starts at seq %d, expected after a snapshot", first)
	}
	t.Logf("the sixth node started from the snapshot at seq %d", first-1)
}

// TestKilledFollowerCatchesUp kills a follower process with SIGKILL while
// orders flow, restarts it on its data directory while they still flow,
// and checks that it catches up and converges with the others.
func TestKilledFollowerCatchesUp(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a follower process")
	}
	orders := orderCount(t)
	nw := startNetwork(t, 3, func(c *Config) { c.SnapshotEntries = uint64(orders / 4) })
	w := newWorkload(nw, testSeed(t))
	waitDeposits(t, nw, w)
	waitConverged(t, nw)
	started := time.Now()
	proc := startChild(t, nw.ProcessSpecFor(t.TempDir()))
	t.Logf("follower process ready after %s", time.Since(started).Round(time.Millisecond))

	var acked atomic.Int64
	submitted := make(chan error, 1)
	go func() {
		_, err := submitCounting(nw.Members(), w, orders, 32, &acked)
		submitted <- err
	}()
	waitUntil(t, convergeWait, "a third of the orders", func() bool { return acked.Load() >= int64(orders/3) })
	proc.kill()
	behind := nw.Sequencer().Node.Syncing().CurrentSeq
	waitUntil(t, convergeWait, "two thirds of the orders", func() bool { return acked.Load() >= int64(2*orders/3) })
	started = time.Now()
	proc.start()
	t.Logf("follower process restarted after %s, %d orders acknowledged", time.Since(started).Round(time.Millisecond), acked.Load())
	if err := <-submitted; err != nil {
		t.Fatal(err)
	}

	waitSettled(t, nw, w)
	waitConverged(t, nw)
	t.Logf("in-process nodes converged after %s", time.Since(started).Round(time.Millisecond))
	var info rpc.NodeInfoJSON
	var syncing rpc.SyncingJSON
	waitUntil(t, convergeWait, "the restarted follower to converge", func() bool {
		want := nw.Sequencer().Node.NodeInfo()
		if err := proc.call(&info, "thx_nodeInfo"); err != nil {
			return false
		}
		if err := proc.call(&syncing, "thx_syncing"); err != nil {
			return false
		}
		return info.Seq == want.Seq && info.StateHash == want.StateHash && !syncing.Syncing
	})
	t.Logf("follower process converged after %s", time.Since(started).Round(time.Millisecond))
	if info.Seq <= behind || info.Role != "follower" {
		t.Fatalf("restarted follower at seq %d with role %q, expected a follower past seq %d", info.Seq, info.Role, behind)
	}

	// The sequencer applies an entry a moment before it is durable and
	// the follower receives it, so the balances are compared until they
	// agree.
	var diff string
	deadline := time.Now().Add(convergeWait)
	for diff = balanceDifference(t, proc, nw, w); diff != ""; diff = balanceDifference(t, proc, nw, w) {
		if time.Now().After(deadline) {
			t.Fatal(diff)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// balanceDifference returns the first trader whose balances the follower
// process and the sequencer serve differently over JSON-RPC, or "".
func balanceDifference(t *testing.T, proc *child, nw *Network, w *workload) string {
	t.Helper()
	sequencer, err := dialRPC(nw.Sequencer().RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	defer sequencer.Close()
	for _, a := range w.traders {
		var got, want []rpc.BalanceJSON
		if err := proc.call(&got, "thx_balances", a.Address); err != nil {
			t.Fatalf("balances from the follower process: %v", err)
		}
		if err := sequencer.Call(&want, "thx_balances", a.Address); err != nil {
			t.Fatalf("balances from the sequencer: %v", err)
		}
		if len(got) != len(want) {
			return fmt.Sprintf("follower process has %d balances of %s, the sequencer %d", len(got), a.Address, len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				return fmt.Sprintf("follower process balance %+v of %s, the sequencer's %+v", got[i], a.Address, want[i])
			}
		}
	}
	return ""
}

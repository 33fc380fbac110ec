package node

import (
	"context"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
)

// TestOrderHashHintOnlyOnSequencer checks where a machine takes an order
// hash from outside it. Orders placed through the verifier, which passes
// its hash to the machine, leave a follower in the sequencer's state.
// Then an order reaches the sequencer with a wrong hash, as a gossiped
// order would if the p2p host computed its hash wrong. The sequencer's
// machine takes that hash. A follower and a replay of the sequencer's log
// must know the order by the hash of its fields.
func TestOrderHashHintOnlyOnSequencer(t *testing.T) {
	seq := startSequencer(t, "", nil)
	f := startFollowerNode(t, "", seq, nil)
	trade(t, seq, 5)
	waitCaughtUp(t, f, seq)
	checkSameState(t, f, seq, 4)
	want := seq.stateHash()
	if got, err := machineAfter(t, logOf(t, seq)).StateHash(); err != nil || got != want {
		t.Fatalf("replay of the log gives state hash %s (%v), expected the sequencer's %s", got, err, want)
	}

	order := seq.order(1, eip712.Buy, 9_000, 1)
	right := eip712.Domain{ChainID: testChain, VerifyingContract: testExchange}.OrderHash(order.Order)
	wrong := common.Hash{0x0b, 0xad}
	req := newRequest(state.Entry{Type: state.EntryPlaceOrder, Order: order})
	req.hash = wrong
	seq.verified <- req
	if _, err := seq.await(context.Background(), req); err != nil {
		t.Fatalf("place the order with a wrong hash: %v", err)
	}
	seq.mu.RLock()
	sequencerTookHash := seq.machine.KnownOrder(wrong)
	seq.mu.RUnlock()
	if !sequencerTookHash {
		t.Fatal("the sequencer's machine does not know the order by the hash it was given, so this test does not reach that path")
	}

	waitNetwork(t, "the follower to apply the order", func() bool {
		f.mu.RLock()
		defer f.mu.RUnlock()
		return f.machine.Seq() >= req.seq
	})
	f.mu.RLock()
	followerKnowsRight, followerKnowsWrong := f.machine.KnownOrder(right), f.machine.KnownOrder(wrong)
	f.mu.RUnlock()
	if !followerKnowsRight {
		t.Error("the follower does not know the order by the hash of its fields")
	}
	if followerKnowsWrong {
		t.Error("the follower knows the order by the sequencer's wrong hash")
	}

	replayed := machineAfter(t, logOf(t, seq))
	if !replayed.KnownOrder(right) {
		t.Error("the replay of the log does not know the order by the hash of its fields")
	}
	if replayed.KnownOrder(wrong) {
		t.Error("the replay of the log knows the order by the sequencer's wrong hash, which the log must not carry")
	}
}

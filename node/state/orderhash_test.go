package state

import (
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// TestWrongOrderHashStaysOffTheLog gives the live machine a wrong order
// hash and replays the same entry from its encoding, as recovery and
// followers do. The live machine trusts the hash, as ApplyWithOrderHash
// documents. The replay must compute the right hash from the entry, and
// the two state hashes must differ, so that nodes that compare state
// hashes see a wrong hash.
func TestWrongOrderHashStaysOffTheLog(t *testing.T) {
	live, replayed := newHarness(t), newHarness(t)
	alice := trader(1)
	live.deposit(alice, tokenUSDC, 1000*usdc)
	replayed.deposit(alice, tokenUSDC, 1000*usdc)
	order := live.order(alice, eip712.Buy, 10_000, 1)
	right := eip712.Domain{ChainID: testChain, VerifyingContract: testExchange}.OrderHash(order.Order)
	wrong := common.Hash{0x0b, 0xad}

	e := &Entry{Type: EntryPlaceOrder, Time: live.time + 10, Order: order}
	if _, err := live.m.ApplyWithOrderHash(live.m.Seq()+1, e, wrong); err != nil {
		t.Fatalf("live apply: %v", err)
	}
	decoded, err := DecodeEntry(mustEncode(t, e))
	if err != nil {
		t.Fatalf("decode the logged entry: %v", err)
	}
	if _, err := replayed.m.Apply(replayed.m.Seq()+1, &decoded); err != nil {
		t.Fatalf("replay: %v", err)
	}

	if !live.m.KnownOrder(wrong) {
		t.Error("the live machine does not know the order by the hash it was given")
	}
	if live.m.KnownOrder(right) {
		t.Error("the live machine computed the order hash although it was given one")
	}
	if !replayed.m.KnownOrder(right) {
		t.Error("the replayed machine does not know the order by the hash of its fields")
	}
	if replayed.m.KnownOrder(wrong) {
		t.Error("the replayed machine knows the order by the live machine's hash, which the log must not carry")
	}
	if live.stateHash() == replayed.stateHash() {
		t.Error("a wrong order hash left the state hash unchanged")
	}

	// A snapshot of the live machine does not restore, because Restore
	// checks each order's hash against its fields.
	snap, err := live.m.Snapshot()
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	_, err = Restore(snap)
	if err == nil || !strings.Contains(err.Error(), "hash does not match its fields") {
		t.Errorf("restore of a snapshot with a wrong order hash: %v, expected a hash mismatch", err)
	}
}

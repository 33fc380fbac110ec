package state

import (
	"errors"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// expiring returns an immediate sell on market 1 that expires an hour
// after the harness's time and finds no buyer unless one rests at price.
func (h *harness) expiring(account common.Address, price uint64) *SignedOrder {
	o := h.order(account, eip712.Sell, price, 1)
	o.Order.TimeInForce = eip712.IOC
	o.Order.Expiry = h.time/1000 + 3600
	return o
}

// passExpiry moves the harness's clock to where an order with the given
// expiry no longer passes checkOrder.
func (h *harness) passExpiry(expiry uint64) {
	h.time = (expiry - ExpiryMarginSeconds) * 1000
}

func (h *harness) cancel(account common.Address, hash common.Hash) *Entry {
	return &Entry{Type: EntryCancelOrder, Cancel: &SignedCancel{ChainID: testChain,
		Cancel: eip712.Cancel{Trader: account, OrderHash: hash}}}
}

func TestReplayBeforeExpiryRejected(t *testing.T) {
	h := newHarness(t)
	bob := trader(2)
	h.deposit(bob, tokenTHAL, 10*thal)
	o := h.expiring(bob, 9_000)
	h.place(o)

	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: o}, ErrOrderReplayed)
	if h.m.ReplaySetLen() != 1 {
		t.Fatalf("replay set holds %d hashes, expected 1", h.m.ReplaySetLen())
	}
}

func TestReplayAfterExpiryPruned(t *testing.T) {
	h := newHarness(t)
	bob := trader(2)
	h.deposit(bob, tokenTHAL, 10*thal)
	o := h.expiring(bob, 9_000)
	res := h.place(o)
	hash := res.Orders[0].Hash
	h.place(h.order(bob, eip712.Sell, 9_500, 1)) // no expiry: kept forever

	h.passExpiry(o.Order.Expiry)
	h.mustApply(&Entry{Type: EntryTick})
	if h.m.KnownOrder(hash) {
		t.Fatalf("order %s is still in the replay set after its expiry", hash)
	}
	if h.m.ReplaySetLen() != 1 {
		t.Fatalf("replay set holds %d hashes after the expiry, expected 1", h.m.ReplaySetLen())
	}

	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: o}, ErrOrderExpired)
	_, err := h.apply(h.cancel(bob, hash))
	if !errors.Is(err, ErrUnknownOrder) {
		t.Fatalf("cancel of a pruned order: %v, expected %v", err, ErrUnknownOrder)
	}
	if !strings.Contains(err.Error(), hash.Hex()) {
		t.Fatalf("cancel of a pruned order: %q does not name the hash %s", err, hash)
	}
}

func TestOpenOrderHashKeptPastExpiry(t *testing.T) {
	h := newHarness(t)
	alice := trader(1)
	h.deposit(alice, tokenUSDC, 1_000*usdc)
	o := h.order(alice, eip712.Buy, 9_000, 1)
	o.Order.Expiry = h.time/1000 + 3600
	hash := h.place(o).Orders[0].Hash

	// A deposit moves time past the expiry without a tick, so the order
	// is still in its book.
	h.passExpiry(o.Order.Expiry)
	h.deposit(alice, tokenUSDC, usdc)
	if !h.m.KnownOrder(hash) {
		t.Fatalf("open order %s left the replay set", hash)
	}
	if len(h.m.OpenOrders(alice)) != 1 {
		t.Fatalf("%d open orders, expected 1", len(h.m.OpenOrders(alice)))
	}

	// The tick expires the order in its book, which frees its record and
	// drops the hash in the same entry.
	h.mustApply(&Entry{Type: EntryTick})
	if h.m.KnownOrder(hash) {
		t.Fatalf("order %s is in the replay set after its book expired it", hash)
	}
	if h.m.ReplaySetLen() != 0 {
		t.Fatalf("replay set holds %d hashes, expected 0", h.m.ReplaySetLen())
	}
}

func TestUnsettledOrderHashKeptPastExpiry(t *testing.T) {
	h := newHarness(t)
	alice, bob := trader(1), trader(2)
	h.deposit(alice, tokenUSDC, 1_000*usdc)
	h.deposit(bob, tokenTHAL, 10*thal)
	maker := h.order(alice, eip712.Buy, 9_000, 1)
	makerHash := h.place(maker).Orders[0].Hash
	taker := h.expiring(bob, 9_000)
	res := h.place(taker)
	if len(res.Trades) != 1 {
		t.Fatalf("%d trades, expected 1", len(res.Trades))
	}
	takerHash := res.Trades[0].TakerOrder

	h.passExpiry(taker.Order.Expiry)
	h.mustApply(&Entry{Type: EntryTick})
	if !h.m.KnownOrder(takerHash) {
		t.Fatalf("order %s in an unconfirmed batch left the replay set", takerHash)
	}
	sealed := h.mustApply(&Entry{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}}).Sealed
	if len(sealed) != 1 {
		t.Fatalf("%d batches sealed, expected 1", len(sealed))
	}
	if !h.m.KnownOrder(takerHash) {
		t.Fatalf("order %s in a sealed batch left the replay set", takerHash)
	}

	h.mustApply(&Entry{Type: EntrySettlementDone, Batch: &BatchRef{ChainID: testChain, ID: sealed[0].ID}})
	if h.m.KnownOrder(takerHash) {
		t.Fatalf("order %s is in the replay set after its batch settled", takerHash)
	}
	if !h.m.KnownOrder(makerHash) {
		t.Fatalf("order %s without an expiry left the replay set", makerHash)
	}
	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: taker}, ErrOrderExpired)
}

func TestPruneBoundedPerEntry(t *testing.T) {
	h := newHarness(t)
	bob := trader(2)
	h.deposit(bob, tokenTHAL, 10*thal)
	n := 2*hashPrunesPerEntryMax + 5
	var expiry uint64
	for range n {
		o := h.expiring(bob, 9_000)
		o.Order.Expiry = h.m.Time()/1000 + 3600 // the same second for every order
		expiry = o.Order.Expiry
		h.place(o)
	}
	if h.m.ReplaySetLen() != n {
		t.Fatalf("replay set holds %d hashes, expected %d", h.m.ReplaySetLen(), n)
	}

	// Deposits prune hashPrunesPerEntryMax hashes each, and a tick the
	// rest.
	h.passExpiry(expiry)
	for _, want := range []int{n - hashPrunesPerEntryMax, n - 2*hashPrunesPerEntryMax} {
		h.deposit(bob, tokenTHAL, thal)
		if h.m.ReplaySetLen() != want {
			t.Fatalf("replay set holds %d hashes after a deposit, expected %d", h.m.ReplaySetLen(), want)
		}
	}
	h.mustApply(&Entry{Type: EntryTick})
	if h.m.ReplaySetLen() != 0 {
		t.Fatalf("replay set holds %d hashes after a tick, expected 0", h.m.ReplaySetLen())
	}
}

func TestPruneBoundedPerTick(t *testing.T) {
	h := newHarness(t)
	bob := trader(2)
	h.deposit(bob, tokenTHAL, 100*thal)
	n := hashPrunesPerTickMax + 5
	var expiry uint64
	for range n {
		o := h.expiring(bob, 9_000)
		o.Order.Expiry = h.m.Time()/1000 + 3600 // the same second for every order
		expiry = o.Order.Expiry
		h.place(o)
	}

	h.passExpiry(expiry)
	for _, want := range []int{5, 0} {
		h.mustApply(&Entry{Type: EntryTick})
		if h.m.ReplaySetLen() != want {
			t.Fatalf("replay set holds %d hashes after a tick, expected %d", h.m.ReplaySetLen(), want)
		}
	}
}

// TestReplaySetSlotsReused checks that hashes pruned make room for new
// ones, so the set's memory stays flat under a steady flow of expiring
// orders.
func TestReplaySetSlotsReused(t *testing.T) {
	h := newHarness(t)
	bob := trader(2)
	h.deposit(bob, tokenTHAL, 10*thal)
	const perRound = hashChunkLen / 2
	for round := range 6 {
		var expiry uint64
		for range perRound {
			o := h.expiring(bob, 9_000)
			expiry = o.Order.Expiry
			h.place(o)
		}
		h.passExpiry(expiry)
		h.mustApply(&Entry{Type: EntryTick})
		if h.m.ReplaySetLen() != 0 {
			t.Fatalf("round %d: replay set holds %d hashes after their expiry, expected 0", round, h.m.ReplaySetLen())
		}
		if h.m.hashes.used > perRound || len(h.m.hashes.chunks) != 1 {
			t.Fatalf("round %d: %d slots in %d chunks for %d hashes at a time, expected at most %d slots in 1 chunk",
				round, h.m.hashes.used, len(h.m.hashes.chunks), perRound, perRound)
		}
	}
}

// TestSnapshotAfterPruneRestores snapshots a machine whose replay set has
// pruned hashes, freed slots and an expired hash that waits for its
// record. It checks that the restored machine has the same state hash, and
// that the two stay equal once the record is freed.
func TestSnapshotAfterPruneRestores(t *testing.T) {
	h := newHarness(t)
	alice, bob := trader(1), trader(2)
	h.deposit(alice, tokenUSDC, 1_000*usdc)
	h.deposit(bob, tokenTHAL, 1_000*thal)
	h.place(h.order(alice, eip712.Buy, 9_000, 1))
	taker := h.expiring(bob, 9_000) // trades, so its record waits for the batch
	h.place(taker)
	for range 10 {
		h.place(h.expiring(bob, 9_500)) // no buyer: closed at once
	}
	late := h.expiring(bob, 9_500)
	late.Order.Expiry += 3600
	h.place(late)

	h.passExpiry(taker.Order.Expiry)
	h.mustApply(&Entry{Type: EntryTick})
	if got := h.m.ReplaySetLen(); got != 3 {
		t.Fatalf("replay set holds %d hashes after the first expiry, expected 3", got)
	}

	snap, err := h.m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	restored, err := Restore(snap)
	if err != nil {
		t.Fatalf("restore a snapshot taken after pruning: %v", err)
	}
	if got, want := mustStateHash(t, restored), h.stateHash(); got != want {
		t.Fatalf("restored state hash %s, expected %s", got, want)
	}

	// The same entries free the taker's record and expire the last order
	// on both machines.
	entries := []*Entry{
		{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}},
		{Type: EntrySettlementDone, Batch: &BatchRef{ChainID: testChain, ID: 1}},
		{Type: EntryTick},
	}
	for i, e := range entries {
		if i == len(entries)-1 {
			h.passExpiry(late.Order.Expiry)
		}
		copied := *e
		h.mustApply(e)
		copied.Time = e.Time
		if _, err := restored.Apply(restored.Seq()+1, &copied); err != nil {
			t.Fatalf("restored machine rejects %s entry: %v", e.Type, err)
		}
		if got, want := mustStateHash(t, restored), h.stateHash(); got != want {
			t.Fatalf("after %s entry: restored state hash %s, expected %s", e.Type, got, want)
		}
	}
	if got := restored.ReplaySetLen(); got != 1 {
		t.Fatalf("restored replay set holds %d hashes at the end, expected 1", got)
	}
}

func mustStateHash(t *testing.T, m *Machine) common.Hash {
	t.Helper()
	sum, err := m.StateHash()
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// TestRestoreVersion3Snapshot restores a snapshot written by the previous
// format, without expiries: testdata/snapshot-v3.hex holds two open
// orders, one in an unconfirmed batch and a settled one forgotten, three
// of them with expiry 1700003600. Its hashes must be kept forever.
func TestRestoreVersion3Snapshot(t *testing.T) {
	snap := readSnapshotHex(t, "testdata/snapshot-v3.hex")
	m, err := Restore(snap)
	if err != nil {
		t.Fatalf("restore a version 3 snapshot: %v", err)
	}
	if got := m.ReplaySetLen(); got != 4 {
		t.Fatalf("restored replay set holds %d hashes, expected 4", got)
	}
	m.hashes.forEach(func(slot uint32) {
		if e := m.hashes.at(slot); e.expiry != 0 {
			t.Errorf("hash %s restored with expiry %d, expected 0", e.hash, e.expiry)
		}
	})

	// Past the orders' expiry the tick expires the open order with an
	// expiry, but every hash stays.
	tick := &Entry{Type: EntryTick, Time: (1700003600 - ExpiryMarginSeconds + 60) * 1000}
	if _, err := m.Apply(m.Seq()+1, tick); err != nil {
		t.Fatal(err)
	}
	if got := m.ReplaySetLen(); got != 4 {
		t.Fatalf("replay set holds %d hashes after the expiry, expected 4", got)
	}
	if err := m.CheckInvariants(); err != nil {
		t.Fatal(err)
	}

	again, err := m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	restored, err := Restore(again)
	if err != nil {
		t.Fatalf("restore the version 4 snapshot of a version 3 state: %v", err)
	}
	if mustStateHash(t, restored) != mustStateHash(t, m) {
		t.Fatal("the version 4 snapshot of a version 3 state restores to another state hash")
	}
}

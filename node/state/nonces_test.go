package state

import (
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// The Exchange marks an immediate order's nonce used for its trader when
// it settles the order, and reverts the whole batch with NonceAlreadyUsed
// when a second immediate order of the trader has that nonce.

// nonceHarness is a harness where bob rests sells on both markets of
// testChain, so that alice's immediate buys trade.
func nonceHarness(t *testing.T) (h *harness, alice, bob common.Address) {
	h = newHarness(t)
	alice, bob = trader(1), trader(2)
	h.deposit(alice, tokenUSDC, 100_000*usdc)
	h.deposit(bob, tokenTHAL, 10_000*thal)
	h.deposit(bob, tokenWETH, 10_000*thal)
	h.place(h.order(bob, eip712.Sell, 10_000, 500))
	weth := h.order(bob, eip712.Sell, 300_000, 500)
	weth.Order.Market = 2
	h.place(weth)
	return h, alice, bob
}

// immediate returns a buy on market 1 with the given time in force and
// nonce, priced to trade with bob's resting sell.
func immediate(h *harness, buyer common.Address, tif eip712.TimeInForce, nonce, qty uint64) *Entry {
	o := h.order(buyer, eip712.Buy, 10_000, qty)
	o.Order.TimeInForce, o.Order.Nonce = tif, nonce
	return &Entry{Type: EntryPlaceOrder, Order: o}
}

func TestImmediateNonceReuseInOneBatch(t *testing.T) {
	for _, tif := range []eip712.TimeInForce{eip712.IOC, eip712.FOK} {
		h, alice, _ := nonceHarness(t)
		if res := h.mustApply(immediate(h, alice, tif, 5, 2)); len(res.Trades) != 1 {
			t.Fatalf("time in force %d: first order made %d trades, expected 1", tif, len(res.Trades))
		}
		h.mustReject(immediate(h, alice, tif, 5, 3), ErrImmediateNonceUsed)
		h.mustReject(immediate(h, alice, eip712.IOC+eip712.FOK-tif, 5, 4), ErrImmediateNonceUsed)
		h.mustApply(immediate(h, alice, tif, 6, 2))
	}
}

func TestImmediateNonceReuseAcrossBatches(t *testing.T) {
	h, alice, _ := nonceHarness(t)
	h.mustApply(immediate(h, alice, eip712.IOC, 5, 2))
	sealed := h.mustApply(&Entry{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}}).Sealed
	h.mustReject(immediate(h, alice, eip712.FOK, 5, 3), ErrImmediateNonceUsed)

	// Once the batch is confirmed, the order's record is forgotten, but
	// the chain keeps the nonce used, and so does the machine.
	h.mustApply(&Entry{Type: EntrySettlementDone, Batch: &BatchRef{ChainID: testChain, ID: sealed[0].ID}})
	if n := h.m.orders.count; n != 2 {
		t.Fatalf("%d order records after the batch settled, expected only bob's two resting sells", n)
	}
	h.mustReject(immediate(h, alice, eip712.IOC, 5, 4), ErrImmediateNonceUsed)
}

func TestImmediateNonceSharedByMarketsOfChain(t *testing.T) {
	h, alice, _ := nonceHarness(t)
	h.mustApply(immediate(h, alice, eip712.IOC, 5, 2))
	weth := h.order(alice, eip712.Buy, 300_000, 2)
	weth.Order.Market, weth.Order.TimeInForce, weth.Order.Nonce = 2, eip712.IOC, 5
	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: weth}, ErrImmediateNonceUsed)
}

// A trader's nonces on one chain are separate from those on another,
// because each chain's Exchange keeps its own.
func TestImmediateNonceSeparatePerChain(t *testing.T) {
	h, alice, bob := nonceHarness(t)
	other := testMarket()
	other.ChainID, other.Symbol = 7, "THAL/USDC-7"
	other.Exchange = common.HexToAddress("0x00000000000000000000000000000000000e0007")
	h.mustApply(&Entry{Type: EntryListMarket, Market: other})
	for i, d := range []Deposit{
		{Trader: alice, Token: tokenUSDC, Amount: *uint256.NewInt(100 * usdc)},
		{Trader: bob, Token: tokenTHAL, Amount: *uint256.NewInt(10_000 * thal)},
	} {
		d.ChainID, d.ID = 7, uint64(i+1)
		h.mustApply(&Entry{Type: EntryDeposit, Deposit: &d})
	}
	sell := h.order(bob, eip712.Sell, 10_000, 50)
	sell.ChainID = 7
	h.place(sell)

	h.mustApply(immediate(h, alice, eip712.IOC, 5, 2))
	onOther := immediate(h, alice, eip712.IOC, 5, 2)
	onOther.Order.ChainID = 7
	if res := h.mustApply(onOther); len(res.Trades) != 1 {
		t.Fatalf("IOC with nonce 5 on chain 7 made %d trades, expected 1", len(res.Trades))
	}
	again := immediate(h, alice, eip712.IOC, 5, 3)
	again.Order.ChainID = 7
	h.mustReject(again, ErrImmediateNonceUsed)
}

// An immediate order that does not trade never reaches the Exchange, so
// its nonce stays free.
func TestImmediateNonceFreeWithoutTrade(t *testing.T) {
	h, alice, _ := nonceHarness(t)
	below := h.order(alice, eip712.Buy, 9_000, 2)
	below.Order.TimeInForce, below.Order.Nonce = eip712.IOC, 5
	if res := h.mustApply(&Entry{Type: EntryPlaceOrder, Order: below}); len(res.Trades) != 0 {
		t.Fatalf("IOC below the best sell made %d trades", len(res.Trades))
	}
	tooBig := immediate(h, alice, eip712.FOK, 5, 10_000)
	if res := h.mustApply(tooBig); len(res.Trades) != 0 {
		t.Fatalf("FOK larger than the book made %d trades", len(res.Trades))
	}
	if h.m.chains[testChain].nonceUsed(alice, 5) {
		t.Fatal("nonce 5 is marked used after two immediate orders that did not trade")
	}
	h.mustApply(immediate(h, alice, eip712.IOC, 5, 2))
}

// The Exchange marks only immediate orders' nonces, so a resting order
// may take a nonce that an immediate order used, and the reverse.
func TestRestingOrderMayTakeUsedNonce(t *testing.T) {
	h, alice, _ := nonceHarness(t)
	h.mustApply(immediate(h, alice, eip712.IOC, 5, 2))
	for _, tif := range []eip712.TimeInForce{eip712.GTC, eip712.GTD} {
		o := h.order(alice, eip712.Buy, 9_000+uint64(tif), 1)
		o.Order.TimeInForce, o.Order.Nonce = tif, 5
		if tif == eip712.GTD {
			o.Order.Expiry = h.time/1000 + 3_600
		}
		h.place(o)
	}
	resting := h.order(alice, eip712.Buy, 9_500, 1)
	resting.Order.Nonce = 6
	h.place(resting)
	h.mustApply(immediate(h, alice, eip712.IOC, 6, 2))
}

// An immediate stop order that waits to trigger will mark its nonce when
// it trades, so no other immediate order may take that nonce meanwhile.
func TestWaitingImmediateStopHoldsNonce(t *testing.T) {
	h, alice, _ := nonceHarness(t)
	stop := h.order(alice, eip712.Buy, 12_000, 2)
	stop.Order.Kind, stop.Order.TimeInForce, stop.Order.TriggerPrice, stop.Order.Nonce = eip712.StopMarket, eip712.IOC, 12_000, 5
	h.place(stop)
	h.mustReject(immediate(h, alice, eip712.IOC, 5, 2), ErrImmediateNonceUsed)
	stopHash := h.m.chains[testChain].orderHash(&stop.Order)
	if _, err := h.apply(immediate(h, alice, eip712.IOC, 5, 2)); err == nil || !strings.Contains(err.Error(), "cancel stop order "+stopHash.Hex()) {
		t.Errorf("rejection %v does not offer to cancel the waiting stop order %s", err, stopHash)
	}
	second := h.order(alice, eip712.Buy, 13_000, 2)
	second.Order.Kind, second.Order.TimeInForce, second.Order.TriggerPrice, second.Order.Nonce = eip712.StopMarket, eip712.FOK, 13_000, 5
	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: second}, ErrImmediateNonceUsed)

	// Once the stop order is cancelled untriggered, its nonce is free.
	hash := h.m.chains[testChain].orderHash(&stop.Order)
	h.mustApply(&Entry{Type: EntryCancelOrder, Cancel: &SignedCancel{ChainID: testChain, Cancel: eip712.Cancel{Trader: alice, OrderHash: hash}}})
	h.mustApply(immediate(h, alice, eip712.IOC, 5, 2))
}

// A stop order that triggers and trades marks its nonce.
func TestTriggeredImmediateStopMarksNonce(t *testing.T) {
	h, alice, bob := nonceHarness(t)
	carol := trader(3)
	h.deposit(carol, tokenUSDC, 10_000*usdc)
	stop := h.order(alice, eip712.Buy, 10_100, 2)
	stop.Order.Kind, stop.Order.TimeInForce, stop.Order.TriggerPrice, stop.Order.Nonce = eip712.StopLimit, eip712.IOC, 10_000, 5
	h.place(stop)
	h.place(h.order(bob, eip712.Sell, 10_050, 10))
	// carol's buy trades at 10,000, which triggers alice's stop.
	res := h.place(h.order(carol, eip712.Buy, 10_000, 1))
	if len(res.Trades) < 2 {
		t.Fatalf("the triggering buy made %d trades, expected carol's and the stop order's", len(res.Trades))
	}
	if !h.m.chains[testChain].nonceUsed(alice, 5) {
		t.Fatal("the triggered stop order traded, but nonce 5 is not marked used")
	}
	h.mustReject(immediate(h, alice, eip712.IOC, 5, 2), ErrImmediateNonceUsed)
}

// A cancelUpTo seen on chain makes every lower nonce invalid, so the marks
// below it are dropped and the orders are rejected as cancelled instead.
func TestCancelUpToDropsUsedNonces(t *testing.T) {
	h, alice, _ := nonceHarness(t)
	for _, nonce := range []uint64{5, 70, 200} {
		h.mustApply(immediate(h, alice, eip712.IOC, nonce, 1))
	}
	c := h.m.chains[testChain]
	if n := len(c.usedNonces[alice]); n != 3 {
		t.Fatalf("%d words of used nonces, expected 3", n)
	}
	h.mustApply(&Entry{Type: EntryChainCancel, ChainEvent: &ChainCancel{ChainID: testChain, Trader: alice, UpToNonce: 150}})
	if n := len(c.usedNonces[alice]); n != 1 {
		t.Fatalf("%d words of used nonces after cancelUpTo 150, expected the word of nonce 200", n)
	}
	h.mustReject(immediate(h, alice, eip712.IOC, 70, 2), ErrNonceCancelled)
	h.mustReject(immediate(h, alice, eip712.IOC, 200, 2), ErrImmediateNonceUsed)
}

// TestUsedNoncesSurviveSnapshotAndReplay checks that the marks are in the
// snapshot and the state hash, and that a replay of the log from the
// start, as a follower or a recovery does, reaches the same state hash.
func TestUsedNoncesSurviveSnapshotAndReplay(t *testing.T) {
	h, alice, _ := nonceHarness(t)
	var log []*Entry
	record := func(e *Entry) {
		h.mustApply(e)
		log = append(log, e)
	}
	before := h.stateHash()
	record(immediate(h, alice, eip712.IOC, 5, 2))
	if h.stateHash() == before {
		t.Fatal("the state hash did not change with the order's trade")
	}
	record(immediate(h, alice, eip712.FOK, 1<<40, 2))
	withMarks := h.stateHash()

	snap, err := h.m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	restored, err := Restore(snap)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if got := mustStateHash(t, restored); got != withMarks {
		t.Fatalf("restored state hash %s, expected %s", got, withMarks)
	}
	again, err := restored.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(snap) {
		t.Fatal("the snapshot of the restored machine differs from the original")
	}
	for _, nonce := range []uint64{5, 1 << 40} {
		if !restored.chains[testChain].nonceUsed(alice, nonce) {
			t.Errorf("nonce %d is not marked used in the restored machine", nonce)
		}
	}

	// Dropping one mark from the snapshot changes the state hash.
	delete(restored.chains[testChain].usedNonces[alice], 5>>nonceWordShift)
	if mustStateHash(t, restored) == withMarks {
		t.Fatal("the state hash did not change when a mark was dropped")
	}
	if err := restored.CheckInvariants(); err == nil {
		t.Fatal("CheckInvariants passed with the mark of a traded immediate order dropped")
	}

	fresh, _, _ := nonceHarness(t)
	for _, e := range log {
		fresh.mustApply(e)
	}
	if got := fresh.stateHash(); got != withMarks {
		t.Fatalf("replayed state hash %s, expected %s", got, withMarks)
	}
}

// TestRestoreRejectsBadUsedNonces checks that Restore rejects used nonces
// out of order or with an empty word.
func TestRestoreRejectsBadUsedNonces(t *testing.T) {
	h, alice, _ := nonceHarness(t)
	h.mustApply(immediate(h, alice, eip712.IOC, 5, 1))
	h.mustApply(immediate(h, alice, eip712.IOC, 200, 1))
	snap, err := h.m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	// The body ends with the trader's two words: (0, 1<<5), (3, 1<<8).
	end := len(snap) - 32
	body := func(edit func(b []byte)) []byte {
		b := append([]byte(nil), snap[:end]...)
		edit(b)
		return resealed(b)
	}
	cases := map[string][]byte{
		"words out of order": body(func(b []byte) { b[end-32+7], b[end-16+7] = 3, 0 }),
		"empty word":         body(func(b []byte) { clear(b[end-8:]) }),
	}
	for name, data := range cases {
		if _, err := Restore(data); !errorIs(err, ErrInvalidSnapshot) {
			t.Errorf("%s: restore error %v, expected %v", name, err, ErrInvalidSnapshot)
		}
	}
	if _, err := Restore(body(func([]byte) {})); err != nil {
		t.Fatalf("restore of the unchanged body: %v", err)
	}
}

// snapshotV4StateHash is the state hash that the build that wrote
// testdata/snapshot-v4.hex computed for it.
const snapshotV4StateHash = "0x178e1220afa8f5ec01d2a59ba3cd09b66f008990be32a377ec1d8db83f2a84a3"

// TestRestoreVersion4Snapshot restores a snapshot of the previous format,
// written by the build before the used nonces. It contains bob's resting
// sell and alice's IOC buys with nonce 7, whose batch was confirmed, and
// nonce 8, in the open batch. Alice's IOC stop buy with nonce 9 waits to
// trigger.
func TestRestoreVersion4Snapshot(t *testing.T) {
	snap := readSnapshotHex(t, "testdata/snapshot-v4.hex")
	if v, err := SnapshotVersion(snap); err != nil || v != 4 {
		t.Fatalf("SnapshotVersion = %d, %v; expected 4", v, err)
	}
	m, err := Restore(snap)
	if err != nil {
		t.Fatalf("restore a version 4 snapshot: %v", err)
	}
	v4, err := m.StateHashOfVersion(4)
	if err != nil {
		t.Fatal(err)
	}
	if v4.Hex() != snapshotV4StateHash {
		t.Fatalf("version 4 state hash %s, the build that wrote it computed %s", v4, snapshotV4StateHash)
	}

	h := newHarness(t)
	h.m, h.time = m, m.Time()
	alice := trader(1)
	h.nonces[alice] = 100
	c := m.chains[testChain]
	if !c.nonceUsed(alice, 8) {
		t.Error("nonce 8 of the IOC in the open batch is not marked used")
	}
	if c.nonceUsed(alice, 7) {
		t.Error("nonce 7 is marked used, but its batch was confirmed before a version 4 snapshot, which has no marks")
	}
	h.mustReject(immediate(h, alice, eip712.IOC, 8, 1), ErrImmediateNonceUsed)
	h.mustReject(immediate(h, alice, eip712.IOC, 9, 1), ErrImmediateNonceUsed)

	again, err := m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	restored, err := Restore(again)
	if err != nil {
		t.Fatalf("restore the version 5 snapshot of a version 4 state: %v", err)
	}
	if mustStateHash(t, restored) != mustStateHash(t, m) {
		t.Fatal("the version 5 snapshot of a version 4 state restores to another state hash")
	}
}

// readSnapshotHex reads a snapshot stored as hex digits, which may be
// split by white space.
func readSnapshotHex(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := hex.DecodeString(strings.Join(strings.Fields(string(data)), ""))
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return snap
}

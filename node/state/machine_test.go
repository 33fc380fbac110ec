package state

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

const (
	usdc = 1_000_000                        // base units per USDC
	thal = 1_000_000_000_000_000_000 / 1000 // base units per 0.001 THAL
)

func TestTradeMovesHoldsToPendingThenSettles(t *testing.T) {
	h := newHarness(t)
	alice, bob := trader(1), trader(2)
	h.deposit(alice, tokenUSDC, 1000*usdc)
	h.deposit(bob, tokenTHAL, 5000*thal) // 5 THAL

	sell := h.order(bob, eip712.Sell, 12345, 100) // 1 THAL at 1.2345 USDC
	h.place(sell)
	if avail, held, _ := h.balance(bob, tokenTHAL); avail != 4000*thal || held != 1000*thal {
		t.Fatalf("bob THAL after sell: available %d held %d, expected %d and %d", avail, held, 4000*thal, 1000*thal)
	}

	res := h.place(h.order(alice, eip712.Buy, 12400, 40))
	if len(res.Trades) != 1 {
		t.Fatalf("buy made %d trades, expected 1", len(res.Trades))
	}
	tr := res.Trades[0]
	if tr.Price != 12345 || tr.Quantity != 40 || tr.Quote.Uint64() != 493_800 {
		t.Fatalf("trade %d lots at %d for %s, expected 40 at 12345 for 493800", tr.Quantity, tr.Price, tr.Quote.Dec())
	}
	if tr.TakerFee.Uint64() != 1234 || tr.MakerFee.Uint64() != 493 {
		t.Fatalf("fees taker %s maker %s, expected 1234 and 493", tr.TakerFee.Dec(), tr.MakerFee.Dec())
	}

	avail, held, pending := h.balance(alice, tokenUSDC)
	if avail != 1000*usdc-493_800-1234 || held != 0 || pending != 0 {
		t.Fatalf("alice USDC: available %d held %d pending %d", avail, held, pending)
	}
	if _, _, pending := h.balance(alice, tokenTHAL); pending != 400*thal {
		t.Fatalf("alice THAL pending %d, expected %d", pending, 400*thal)
	}
	if _, held, _ := h.balance(bob, tokenTHAL); held != 600*thal {
		t.Fatalf("bob THAL held %d, expected %d", held, 600*thal)
	}
	if _, _, pending := h.balance(bob, tokenUSDC); pending != 493_800-493 {
		t.Fatalf("bob USDC pending %d, expected %d", pending, 493_800-493)
	}

	res = h.mustApply(&Entry{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}})
	if len(res.Sealed) != 1 {
		t.Fatalf("seal reported %d batches, expected 1", len(res.Sealed))
	}
	batch, err := h.m.SettlementBatch(testChain, res.Sealed[0].ID)
	if err != nil {
		t.Fatalf("settlement batch: %v", err)
	}
	if len(batch.Trades) != 1 || len(batch.Orders) != 2 || batch.Exchange != testExchange {
		t.Fatalf("batch has %d trades and %d orders for %s", len(batch.Trades), len(batch.Orders), batch.Exchange)
	}

	h.mustApply(&Entry{Type: EntrySettlementDone, Batch: &BatchRef{ChainID: testChain, ID: batch.ID}})
	if avail, _, pending := h.balance(alice, tokenTHAL); avail != 400*thal || pending != 0 {
		t.Fatalf("alice THAL after settlement: available %d pending %d", avail, pending)
	}
	if avail, _, _ := h.balance(bob, tokenUSDC); avail != 493_800-493 {
		t.Fatalf("bob USDC after settlement: available %d", avail)
	}
	if got := len(h.m.SealedBatches(testChain)); got != 0 {
		t.Fatalf("%d batches still sealed after confirmation", got)
	}
	// The filled buy is forgotten; the partly filled sell stays open.
	if h.m.orders.count != 1 {
		t.Fatalf("machine keeps %d orders, expected the open sell only", h.m.orders.count)
	}
}

func TestRejectedEntriesChangeNothing(t *testing.T) {
	h := newHarness(t)
	alice, bob := trader(1), trader(2)
	h.deposit(alice, tokenUSDC, 10*usdc)
	h.deposit(bob, tokenTHAL, 1000*thal)
	resting := h.order(bob, eip712.Sell, 10_000, 50)
	h.place(resting)

	tooBig := h.order(alice, eip712.Buy, 10_000, 2000) // 20 USDC
	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: tooBig}, errInsufficient)

	unknown := h.order(alice, eip712.Buy, 100, 1)
	unknown.Order.Market = 9
	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: unknown}, ErrUnknownMarket)

	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: resting}, ErrOrderReplayed)

	postOnly := h.order(alice, eip712.Buy, 10_000, 1)
	postOnly.Order.PostOnly = true
	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: postOnly}, errPostOnly)

	expired := h.order(alice, eip712.Buy, 100, 1)
	expired.Order.Expiry = h.time/1000 + 10
	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: expired}, ErrOrderExpired)

	invalid := h.order(alice, eip712.Buy, 100, 0)
	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: invalid}, ErrInvalidEntry)

	restingHash := h.m.chains[testChain].domain.OrderHash(resting.Order)
	h.mustReject(&Entry{Type: EntryCancelOrder, Cancel: &SignedCancel{ChainID: testChain,
		Cancel: eip712.Cancel{Trader: alice, OrderHash: restingHash}}}, ErrNotOrderOwner)
	h.mustReject(&Entry{Type: EntryCancelOrder, Cancel: &SignedCancel{ChainID: testChain,
		Cancel: eip712.Cancel{Trader: bob, OrderHash: [32]byte{1}}}}, ErrUnknownOrder)

	h.mustReject(&Entry{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}}, ErrNothingToSeal)
	h.mustReject(&Entry{Type: EntrySettlementDone, Batch: &BatchRef{ChainID: testChain, ID: 1}}, ErrUnknownBatch)
	h.mustReject(&Entry{Type: EntryDeposit, Deposit: &Deposit{ChainID: testChain, ID: 1, Trader: alice,
		Token: tokenUSDC, Amount: *uint256.NewInt(5)}}, errDuplicateDeposit)
	h.mustReject(&Entry{Type: EntryDeposit, Deposit: &Deposit{ChainID: 5, ID: 99, Trader: alice,
		Token: tokenUSDC, Amount: *uint256.NewInt(5)}}, ErrUnknownChain)

	dup := testMarket()
	h.mustReject(&Entry{Type: EntryListMarket, Market: dup}, ErrMarketExists)
	bad := testMarket()
	bad.ID, bad.Symbol, bad.TickSize = 3, "BAD/USDC", *uint256.NewInt(3)
	h.mustReject(&Entry{Type: EntryListMarket, Market: bad}, ErrInvalidMarket)

	if _, err := h.m.Apply(h.m.Seq()+2, &Entry{Type: EntryTick, Time: h.time + 1}); !errorIs(err, ErrSeqNotNext) {
		t.Fatalf("entry with a skipped seq: %v, expected %v", err, ErrSeqNotNext)
	}
	if _, err := h.m.Apply(h.m.Seq()+1, &Entry{Type: EntryTick, Time: h.m.Time() - 1}); !errorIs(err, ErrTimeBackwards) {
		t.Fatalf("entry with an earlier time: %v, expected %v", err, ErrTimeBackwards)
	}
}

func TestCancelReleasesRestOfHold(t *testing.T) {
	h := newHarness(t)
	alice, bob := trader(1), trader(2)
	h.deposit(alice, tokenUSDC, 100*usdc)
	h.deposit(bob, tokenTHAL, 1000*thal)
	buy := h.order(alice, eip712.Buy, 10_000, 100)
	h.place(buy)
	h.place(h.order(bob, eip712.Sell, 10_000, 30))

	hash := h.m.chains[testChain].domain.OrderHash(buy.Order)
	res := h.mustApply(&Entry{Type: EntryCancelOrder, Cancel: &SignedCancel{ChainID: testChain,
		Cancel: eip712.Cancel{Trader: alice, OrderHash: hash}}})
	if len(res.Orders) != 1 || res.Orders[0].Status != StatusCancelled || res.Orders[0].Filled != 30 {
		t.Fatalf("cancel reported %+v, expected the buy cancelled with 30 lots filled", res.Orders)
	}
	avail, held, _ := h.balance(alice, tokenUSDC)
	paid := uint64(30*10_000) + 30*10_000*10/10_000 // alice's buy rested, so she pays the maker fee
	if held != 0 || avail != 100*usdc-paid {
		t.Fatalf("alice USDC after cancel: available %d held %d, expected %d and 0", avail, held, 100*usdc-paid)
	}
}

func TestChainCancelUpToDropsLowerNonces(t *testing.T) {
	h := newHarness(t)
	alice := trader(1)
	h.deposit(alice, tokenUSDC, 100*usdc)
	for i := 0; i < 3; i++ {
		h.place(h.order(alice, eip712.Buy, 1000+uint64(i), 10)) // nonces 1, 2, 3
	}
	res := h.mustApply(&Entry{Type: EntryChainCancel, ChainEvent: &ChainCancel{ChainID: testChain, Trader: alice, UpToNonce: 3}})
	if len(res.Orders) != 2 {
		t.Fatalf("cancelUpTo(3) ended %d orders, expected 2", len(res.Orders))
	}
	if open := h.m.OpenOrders(alice); len(open) != 1 || open[0].Nonce != 3 {
		t.Fatalf("open orders after cancelUpTo(3): %+v, expected nonce 3 only", open)
	}
	low := h.order(alice, eip712.Buy, 1000, 1)
	low.Order.Nonce = 2
	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: low}, ErrNonceCancelled)

	// A hash cancelled on chain before it is placed can never be placed.
	later := h.order(alice, eip712.Buy, 1000, 1)
	hash := h.m.chains[testChain].domain.OrderHash(later.Order)
	h.mustApply(&Entry{Type: EntryChainCancel, ChainEvent: &ChainCancel{ChainID: testChain, Trader: alice, OrderHash: hash}})
	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: later}, ErrCancelledOnChain)

	// Another trader's cancel of a hash blocks nothing: the contract records
	// a cancel for its caller only.
	bob := trader(2)
	h.deposit(bob, tokenUSDC, 100*usdc)
	bobs := h.order(bob, eip712.Buy, 1000, 1)
	bobHash := h.m.chains[testChain].domain.OrderHash(bobs.Order)
	h.mustApply(&Entry{Type: EntryChainCancel, ChainEvent: &ChainCancel{ChainID: testChain, Trader: alice, OrderHash: bobHash}})
	h.place(bobs)
}

func TestTickExpiresBeforeSignedExpiry(t *testing.T) {
	h := newHarness(t)
	alice := trader(1)
	h.deposit(alice, tokenUSDC, 100*usdc)
	o := h.order(alice, eip712.Buy, 1000, 10)
	o.Order.Expiry = h.time/1000 + 120
	h.place(o)

	h.time = (o.Order.Expiry-ExpiryMarginSeconds)*1000 - 20 // the next entry is 10 ms before the book's expiry
	if res := h.mustApply(&Entry{Type: EntryTick}); len(res.Orders) != 0 {
		t.Fatalf("tick before the expiry ended %d orders", len(res.Orders))
	}
	res := h.mustApply(&Entry{Type: EntryTick})
	if len(res.Orders) != 1 || res.Orders[0].Status != StatusExpired {
		t.Fatalf("tick at the expiry reported %+v, expected the order expired", res.Orders)
	}
	if avail, held, _ := h.balance(alice, tokenUSDC); avail != 100*usdc || held != 0 {
		t.Fatalf("alice USDC after expiry: available %d held %d", avail, held)
	}
}

func TestWithdrawalSettlesOrReturns(t *testing.T) {
	h := newHarness(t)
	alice := trader(1)
	h.deposit(alice, tokenUSDC, 100*usdc)
	w := func(nonce, amount uint64) *Entry {
		return &Entry{Type: EntryWithdraw, Withdrawal: &SignedWithdrawal{ChainID: testChain, Withdrawal: eip712.Withdrawal{
			Trader: alice, Token: tokenUSDC, Amount: new(big.Int).SetUint64(amount), Nonce: nonce,
		}}}
	}
	h.mustReject(w(1, 101*usdc), errInsufficient)
	h.mustApply(w(1, 40*usdc))
	h.mustReject(w(1, 40*usdc), errDuplicateWithdrawal)
	seal := h.mustApply(&Entry{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}})
	h.mustApply(&Entry{Type: EntrySettlementDone, Batch: &BatchRef{ChainID: testChain, ID: seal.Sealed[0].ID}})
	if avail, _, _ := h.balance(alice, tokenUSDC); avail != 60*usdc {
		t.Fatalf("available after a settled withdrawal of 40: %d", avail)
	}

	h.mustApply(w(2, 10*usdc))
	seal = h.mustApply(&Entry{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}})
	h.mustApply(&Entry{Type: EntrySettlementFailed, Batch: &BatchRef{ChainID: testChain, ID: seal.Sealed[0].ID, Reason: "reverted"}})
	if avail, _, _ := h.balance(alice, tokenUSDC); avail != 60*usdc {
		t.Fatalf("available after a failed withdrawal: %d, expected it returned", avail)
	}
}

// The Exchange marks a signed withdrawal's nonce used per trader, whatever
// the token and amount, so a second withdrawal with that nonce would revert
// its whole batch on chain.
func TestWithdrawalNonceReuseRejected(t *testing.T) {
	h := newHarness(t)
	alice, bob := trader(1), trader(2)
	h.deposit(alice, tokenUSDC, 100*usdc)
	h.deposit(alice, tokenTHAL, 100*thal)
	h.deposit(bob, tokenUSDC, 100*usdc)
	w := func(who common.Address, token common.Address, nonce, amount uint64) *Entry {
		return &Entry{Type: EntryWithdraw, Withdrawal: &SignedWithdrawal{ChainID: testChain, Withdrawal: eip712.Withdrawal{
			Trader: who, Token: token, Amount: new(big.Int).SetUint64(amount), Nonce: nonce,
		}}}
	}
	h.mustApply(w(alice, tokenUSDC, 1, 40*usdc))
	h.mustReject(w(alice, tokenUSDC, 1, 10*usdc), errDuplicateWithdrawal)
	h.mustReject(w(alice, tokenTHAL, 1, thal), errDuplicateWithdrawal)
	h.mustApply(w(bob, tokenUSDC, 1, 10*usdc)) // another trader's nonces are separate

	seal := h.mustApply(&Entry{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}})
	h.mustApply(&Entry{Type: EntrySettlementDone, Batch: &BatchRef{ChainID: testChain, ID: seal.Sealed[0].ID}})
	h.mustReject(w(alice, tokenUSDC, 1, 5*usdc), errDuplicateWithdrawal)
	h.mustApply(w(alice, tokenUSDC, 2, 5*usdc))
}

func TestFailedSettlementHaltsItsMarkets(t *testing.T) {
	h := newHarness(t)
	alice, bob := trader(1), trader(2)
	h.deposit(alice, tokenUSDC, 100*usdc)
	h.deposit(bob, tokenTHAL, 1000*thal)
	h.place(h.order(bob, eip712.Sell, 10_000, 10))
	h.place(h.order(alice, eip712.Buy, 10_000, 10))
	seal := h.mustApply(&Entry{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}})
	res := h.mustApply(&Entry{Type: EntrySettlementFailed, Batch: &BatchRef{ChainID: testChain, ID: seal.Sealed[0].ID, Reason: "reverted"}})
	if len(res.Halted) != 1 || res.Halted[0].ID != 1 {
		t.Fatalf("failed batch halted %v, expected market 1", res.Halted)
	}
	h.mustReject(&Entry{Type: EntryPlaceOrder, Order: h.order(alice, eip712.Buy, 10_000, 1)}, ErrMarketHalted)
	weth := h.order(alice, eip712.Buy, 100, 1)
	weth.Order.Market = 2
	h.place(weth) // the other market trades on
}

func TestEscapeHatchRequestPaysWhatContractPays(t *testing.T) {
	h := newHarness(t)
	alice := trader(1)
	h.deposit(alice, tokenUSDC, 100*usdc)
	h.place(h.order(alice, eip712.Buy, 10_000, 500)) // holds 50 USDC and fees
	h.mustApply(&Entry{Type: EntryWithdrawalRequest, Request: &WithdrawalRequest{ChainID: testChain, Trader: alice,
		Token: tokenUSDC, Amount: *uint256.NewInt(1000 * usdc)}})
	res := h.mustApply(&Entry{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}})
	if len(res.Orders) != 1 || res.Orders[0].Status != StatusCancelled {
		t.Fatalf("seal with a request ended orders %+v, expected the buy cancelled", res.Orders)
	}
	batch, err := h.m.SettlementBatch(testChain, res.Sealed[0].ID)
	if err != nil {
		t.Fatalf("settlement batch: %v", err)
	}
	if len(batch.Requests) != 1 || batch.Requests[0].Paid.Uint64() != 100*usdc {
		t.Fatalf("batch requests %+v, expected one paying the whole 100 USDC balance", batch.Requests)
	}
	if avail, held, _ := h.balance(alice, tokenUSDC); avail != 0 || held != 0 {
		t.Fatalf("alice USDC after the request: available %d held %d", avail, held)
	}
}

func TestSnapshotRestoreKeepsStateHash(t *testing.T) {
	h := newHarness(t)
	alice, bob := trader(1), trader(2)
	h.deposit(alice, tokenUSDC, 100*usdc)
	h.deposit(bob, tokenTHAL, 1000*thal)
	h.place(h.order(bob, eip712.Sell, 10_000, 30))
	h.place(h.order(alice, eip712.Buy, 10_100, 10))
	stop := h.order(alice, eip712.Buy, 12_000, 5)
	stop.Order.Kind, stop.Order.TriggerPrice = eip712.StopLimit, 11_000
	h.place(stop)
	h.mustApply(&Entry{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}})
	h.place(h.order(alice, eip712.Buy, 10_000, 5))

	snap, err := h.m.Snapshot()
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	restored, err := Restore(snap)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	want := h.stateHash()
	got, err := restored.StateHash()
	if err != nil || got != want {
		t.Fatalf("restored state hash %s (%v), expected %s", got, err, want)
	}
	again, _ := restored.Snapshot()
	if string(again) != string(snap) {
		t.Fatalf("snapshot of the restored machine differs from the original")
	}

	for i := 0; i < len(snap); i += 97 {
		bad := append([]byte(nil), snap...)
		bad[i] ^= 0x40
		if _, err := Restore(bad); !errorIs(err, ErrInvalidSnapshot) {
			t.Fatalf("snapshot with byte %d flipped: %v, expected %v", i, err, ErrInvalidSnapshot)
		}
	}
}

func TestOrderHashMatchesEIP712Package(t *testing.T) {
	h := newHarness(t)
	o := h.order(trader(1), eip712.Sell, 777, 3)
	c := h.m.chains[testChain]
	if got, want := c.orderHash(&o.Order), c.domain.OrderHash(o.Order); got != want {
		t.Fatalf("order hash %s, eip712 package gives %s", got, want)
	}
}

func TestOrderUpdateCarriesOrderAndPlacementTime(t *testing.T) {
	h := newHarness(t)
	alice, bob := trader(1), trader(2)
	h.deposit(alice, tokenUSDC, 100*usdc)
	h.deposit(bob, tokenTHAL, 1000*thal)
	sell := h.order(bob, eip712.Sell, 10_000, 30)
	placed := h.place(sell)
	placedTime := placed.Time
	stop := h.order(alice, eip712.Buy, 12_000, 5)
	stop.Order.Kind, stop.Order.TriggerPrice = eip712.StopLimit, 11_000
	if u := h.place(stop).Orders[0]; u.Triggered {
		t.Fatalf("waiting stop order reports triggered")
	}

	res := h.place(h.order(alice, eip712.Buy, 10_100, 10))
	var maker *OrderUpdate
	for i := range res.Orders {
		if res.Orders[i].Trader == bob {
			maker = &res.Orders[i]
		}
	}
	if maker == nil {
		t.Fatalf("the fill reported no update of the resting sell order")
	}
	if maker.Order != sell.Order {
		t.Fatalf("maker update carries order %+v, expected %+v", maker.Order, sell.Order)
	}
	if maker.Time != placedTime || maker.Time == res.Time {
		t.Fatalf("maker update time %d, expected the placement time %d (the fill was at %d)", maker.Time, placedTime, res.Time)
	}
	if !maker.Triggered || maker.Filled != 10 || maker.Remaining != 20 {
		t.Fatalf("maker update triggered %v filled %d remaining %d, expected true, 10 and 20", maker.Triggered, maker.Filled, maker.Remaining)
	}

	snap, err := h.m.Snapshot()
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	restored, err := Restore(snap)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	view, ok := restored.Order(maker.Hash)
	if !ok || view.Time != placedTime {
		t.Fatalf("restored order view found %v with time %d, expected time %d", ok, view.Time, placedTime)
	}
}

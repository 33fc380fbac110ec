package contracts_test

import (
	"context"
	"testing"

	bind "github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/contracts/bindings"
)

// defaultCancelDelay is DEFAULT_CANCEL_DELAY_SECONDS of Exchange.sol.
const defaultCancelDelay = 3_600

func (h *harness) orderCancelEffectiveAt(trader common.Address, orderHash common.Hash) uint64 {
	h.t.Helper()
	at, err := bind.Call(h.exchangeContract(), nil, exchangeB.PackOrderCancelEffectiveAt(trader, orderHash), exchangeB.UnpackOrderCancelEffectiveAt)
	if err != nil {
		h.t.Fatalf("orderCancelEffectiveAt: %v", err)
	}
	return at
}

func (h *harness) pendingNonceCancels(trader common.Address) bindings.PendingNonceCancelsOutput {
	h.t.Helper()
	pending, err := bind.Call(h.exchangeContract(), nil, exchangeB.PackPendingNonceCancels(trader), exchangeB.UnpackPendingNonceCancels)
	if err != nil {
		h.t.Fatalf("pendingNonceCancels: %v", err)
	}
	return pending
}

func (h *harness) filledLots(trader common.Address, orderHash common.Hash) uint64 {
	h.t.Helper()
	record, err := bind.Call(h.exchangeContract(), nil, exchangeB.PackFillRecords(trader, orderHash), exchangeB.UnpackFillRecords)
	if err != nil {
		h.t.Fatalf("fillRecords: %v", err)
	}
	return record.Uint64()
}

func TestCancelOrderBindsAfterDelay(t *testing.T) {
	p := newPair(t)
	if delay := p.cancelDelay(); delay != defaultCancelDelay {
		t.Fatalf("cancel delay of a new Exchange = %d s, expected %d", delay, defaultCancelDelay)
	}
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1)
	hash := p.domain.OrderHash(sell.Order)

	effectiveAt := p.cancelOrder(p.maker, hash)
	if sentAt := p.headTime(); effectiveAt != sentAt+defaultCancelDelay {
		t.Fatalf("cancel sent at %d binds at %d, expected %d", sentAt, effectiveAt, sentAt+defaultCancelDelay)
	}
	if got := p.orderCancelEffectiveAt(addr(p.maker), hash); got != effectiveAt {
		t.Fatalf("orderCancelEffectiveAt = %d, expected %d", got, effectiveAt)
	}

	// One second before the cancel binds, the order still settles, and
	// the fill record keeps the cancel.
	p.advanceTo(effectiveAt - 2)
	p.mustSettle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 4, 1), 4))
	if filled := p.filledLots(addr(p.maker), hash); filled != 4 {
		t.Fatalf("filled lots after the settle = %d, expected 4", filled)
	}
	if got := p.orderCancelEffectiveAt(addr(p.maker), hash); got != effectiveAt {
		t.Fatalf("orderCancelEffectiveAt after a fill = %d, expected %d", got, effectiveAt)
	}

	// From the effective time on, settle rejects the order.
	p.advanceTo(effectiveAt)
	unsigned := sell
	unsigned.Signature = nil
	_, err := p.settle(trade(unsigned, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 2), 1))
	expectRevert(t, err, "OrderCancelledOnChain")
	_, err = p.settle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 3), 1))
	expectRevert(t, err, "OrderCancelledOnChain")
}

// A cancel that does not bind yet must not stand in for the signature
// check: only filled lots prove that an earlier batch verified it.
func TestPendingCancelNeedsSignature(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1)
	p.cancelOrder(p.maker, p.domain.OrderHash(sell.Order))
	unsigned := sell
	unsigned.Signature = nil
	_, err := p.settle(trade(unsigned, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 1), 1))
	expectRevert(t, err, "SignatureRequired")
}

// The cancel flags share the trader's slot with the cached word of
// immediate nonces, so this test also moves the cached word while both
// kinds of cancel are pending and checks that both still bind.
func TestCancelOrderForImmediateOrder(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1)
	first := p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 1)
	second := p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 2)
	p.cancelOrder(p.taker, p.domain.OrderHash(first.Order))
	effectiveAt := p.cancelOrder(p.taker, p.domain.OrderHash(second.Order))
	upToAt := p.cancelUpTo(p.taker, 2)

	p.mustSettle(trade(sell, first, 1))
	// Nonce 300 moves the cached word from 0 to 2.
	p.mustSettle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 300), 1))
	p.advanceTo(max(effectiveAt, upToAt))
	_, err := p.settle(trade(sell, second, 1))
	expectRevert(t, err, "OrderCancelledOnChain")
	_, err = p.settle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 0), 1))
	expectRevert(t, err, "OrderNonceCancelled")
	p.mustSettle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 301), 1))
}

func TestRepeatedCancelOrderKeepsTime(t *testing.T) {
	p := newPair(t)
	hash := p.domain.OrderHash(p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1).Order)
	first := p.cancelOrder(p.maker, hash)
	p.advanceTo(p.headTime() + 100)
	if again := p.cancelOrder(p.maker, hash); again != first {
		t.Fatalf("repeated cancel binds at %d, expected the first call's %d", again, first)
	}
	if got := p.orderCancelEffectiveAt(addr(p.maker), hash); got != first {
		t.Fatalf("orderCancelEffectiveAt after a repeated cancel = %d, expected %d", got, first)
	}

	// After the owner shortens the delay, a repeated cancel binds at the
	// new, earlier time, which still respects the delay in force.
	p.mustSend(p.deployer, p.exchange, exchangeB.PackSetCancelDelay(10))
	shortened := p.cancelOrder(p.maker, hash)
	if want := p.headTime() + 10; shortened != want {
		t.Fatalf("cancel repeated under a 10 s delay binds at %d, expected %d", shortened, want)
	}
}

func TestCancelUpToBindsAfterDelay(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 5)
	makerAt := p.cancelUpTo(p.maker, 6)
	takerAt := p.cancelUpTo(p.taker, 3)
	if got := p.minNonce(addr(p.maker)); got != 0 {
		t.Fatalf("minNonce before the delay = %d, expected 0", got)
	}
	want := bindings.PendingNonceCancelsOutput{FirstMinNonce: 6, FirstEffectiveAt: makerAt}
	if got := p.pendingNonceCancels(addr(p.maker)); got != want {
		t.Fatalf("pendingNonceCancels = %+v, expected %+v", got, want)
	}

	// Before the delay, a resting order and an immediate order with
	// nonces below the new minimums still settle.
	p.advanceTo(makerAt - 2)
	p.mustSettle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 2, 1), 2))

	p.advanceTo(max(makerAt, takerAt))
	_, err := p.settle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 2, 3), 2))
	expectRevert(t, err, "OrderNonceCancelled")
	newSell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 6)
	_, err = p.settle(trade(newSell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 2, 2), 2))
	expectRevert(t, err, "OrderNonceCancelled")
	p.mustSettle(trade(newSell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 2, 3), 2))

	if got := p.minNonce(addr(p.maker)); got != 6 {
		t.Fatalf("minNonce after the delay = %d, expected 6", got)
	}
	if got := p.pendingNonceCancels(addr(p.maker)); got != (bindings.PendingNonceCancelsOutput{}) {
		t.Fatalf("pendingNonceCancels after the delay = %+v, expected none", got)
	}
}

func TestCancelUpToStages(t *testing.T) {
	p := newPair(t)
	k := p.maker
	first := p.cancelUpTo(k, 10)
	p.advanceTo(p.headTime() + 100)
	second := p.cancelUpTo(k, 20)

	_, err := p.send(k, p.exchange, exchangeB.PackCancelUpTo(20))
	expectRevert(t, err, "NonceNotIncreasing")
	// Gas estimation runs at the head's timestamp. A call estimated in the
	// second call's block would have that call's time and raise its stage.
	p.advanceTo(p.headTime() + 1)
	_, err = p.send(k, p.exchange, exchangeB.PackCancelUpTo(30))
	expectRevert(t, err, "TooManyPendingNonceCancels")
	want := bindings.PendingNonceCancelsOutput{FirstMinNonce: 10, FirstEffectiveAt: first, SecondMinNonce: 20, SecondEffectiveAt: second}
	if got := p.pendingNonceCancels(addr(k)); got != want {
		t.Fatalf("pendingNonceCancels with two stages = %+v, expected %+v", got, want)
	}

	// Each stage binds at its own time.
	p.advanceTo(first)
	if got := p.minNonce(addr(k)); got != 10 {
		t.Fatalf("minNonce once the first stage binds = %d, expected 10", got)
	}
	want = bindings.PendingNonceCancelsOutput{FirstMinNonce: 20, FirstEffectiveAt: second}
	if got := p.pendingNonceCancels(addr(k)); got != want {
		t.Fatalf("pendingNonceCancels once the first stage binds = %+v, expected %+v", got, want)
	}
	// Folding keeps the stage that still waits.
	p.mustSend(p.taker, p.exchange, exchangeB.PackFoldNonceCancels(addr(k)))
	if got := p.pendingNonceCancels(addr(k)); got != want {
		t.Fatalf("pendingNonceCancels after foldNonceCancels = %+v, expected %+v", got, want)
	}
	if got := p.minNonce(addr(k)); got != 10 {
		t.Fatalf("minNonce after foldNonceCancels = %d, expected 10", got)
	}
	p.mustSettle(trade(p.order(k, eip712.Sell, eip712.GTC, 100, 1, 15), p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 1), 1))
	_, err = p.settle(trade(p.order(k, eip712.Sell, eip712.GTC, 100, 1, 9), p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 2), 1))
	expectRevert(t, err, "OrderNonceCancelled")

	// A stage that has bound frees its place for a new call.
	third := p.cancelUpTo(k, 30)
	want = bindings.PendingNonceCancelsOutput{FirstMinNonce: 20, FirstEffectiveAt: second, SecondMinNonce: 30, SecondEffectiveAt: third}
	if got := p.pendingNonceCancels(addr(k)); got != want {
		t.Fatalf("pendingNonceCancels after a third call = %+v, expected %+v", got, want)
	}
	p.advanceTo(third)
	if got := p.minNonce(addr(k)); got != 30 {
		t.Fatalf("minNonce once every stage binds = %d, expected 30", got)
	}
	_, err = p.settle(trade(p.order(k, eip712.Sell, eip712.GTC, 100, 1, 29), p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 3), 1))
	expectRevert(t, err, "OrderNonceCancelled")
}

// A cancelUpTo whose time equals the latest pending stage's raises that
// stage's nonce instead of taking a new stage.
func TestCancelUpToSameTimeRaisesStage(t *testing.T) {
	p := newPair(t)
	// Ahead of the wall clock, every new block is one second after the
	// head, so the times below are exact.
	p.advanceTo(p.headTime() + 1_000)
	sentAt := p.headTime() + 1
	first := p.cancelUpTo(p.maker, 10)
	if first != sentAt+defaultCancelDelay {
		t.Fatalf("cancelUpTo sent at %d binds at %d, expected %d", sentAt, first, sentAt+defaultCancelDelay)
	}
	// setCancelDelay is mined at sentAt+1 and the next cancel at sentAt+2.
	p.mustSend(p.deployer, p.exchange, exchangeB.PackSetCancelDelay(uint32(first-(sentAt+2))))
	if second := p.cancelUpTo(p.maker, 12); second != first {
		t.Fatalf("second cancelUpTo binds at %d, expected the first one's %d", second, first)
	}
	want := bindings.PendingNonceCancelsOutput{FirstMinNonce: 12, FirstEffectiveAt: first}
	if got := p.pendingNonceCancels(addr(p.maker)); got != want {
		t.Fatalf("pendingNonceCancels = %+v, expected %+v", got, want)
	}
}

func TestSetCancelDelay(t *testing.T) {
	p := newPair(t)
	_, err := p.send(p.taker, p.exchange, exchangeB.PackSetCancelDelay(60))
	expectRevert(t, err, "NotOwner")
	_, err = p.send(p.deployer, p.exchange, exchangeB.PackSetCancelDelay(604_801))
	expectRevert(t, err, "InvalidCancelDelay")

	r := p.mustSend(p.deployer, p.exchange, exchangeB.PackSetCancelDelay(604_800))
	if len(r.Logs) != 1 {
		t.Fatalf("setCancelDelay emitted %d events, expected 1", len(r.Logs))
	}
	event, err := exchangeB.UnpackCancelDelayChangedEvent(r.Logs[0])
	if err != nil || event.DelaySeconds != 604_800 {
		t.Fatalf("CancelDelayChanged = %+v (error %v), expected 604800 s", event, err)
	}
	if delay := p.cancelDelay(); delay != 604_800 {
		t.Fatalf("cancel delay = %d s, expected 604800", delay)
	}

	// A cancel keeps the time it was given when the delay changes later.
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1)
	effectiveAt := p.cancelOrder(p.maker, p.domain.OrderHash(sell.Order))
	p.mustSend(p.deployer, p.exchange, exchangeB.PackSetCancelDelay(60))
	p.mustSettle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 1), 1))
	p.advanceTo(effectiveAt - 2)
	p.mustSettle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 2), 1))
	p.advanceTo(effectiveAt)
	_, err = p.settle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 3), 1))
	expectRevert(t, err, "OrderCancelledOnChain")

	// A delay of 0 makes a cancel bind in its own block.
	p.mustSend(p.deployer, p.exchange, exchangeB.PackSetCancelDelay(0))
	other := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 2)
	if at := p.cancelOrder(p.maker, p.domain.OrderHash(other.Order)); at != p.headTime() {
		t.Fatalf("cancel under a delay of 0 binds at %d, expected its block's %d", at, p.headTime())
	}
	_, err = p.settle(trade(other, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 4), 1))
	expectRevert(t, err, "OrderCancelledOnChain")
}

// executionGas returns the gas of r's transaction without the 21,000 base
// and the calldata (4 gas per zero byte, 16 per other byte), which differ
// between batches with different signatures.
func (h *harness) executionGas(r *types.Receipt) uint64 {
	h.t.Helper()
	tx, _, err := h.client.TransactionByHash(context.Background(), r.TxHash)
	if err != nil {
		h.t.Fatalf("read transaction %s: %v", r.TxHash, err)
	}
	calldata := uint64(0)
	for _, b := range tx.Data() {
		if b == 0 {
			calldata += 4
		} else {
			calldata += 16
		}
	}
	return r.GasUsed - 21_000 - calldata
}

// A trader's pending cancels cost settle nothing for other traders'
// orders, and a pending cancelUpTo costs its own trader one storage read.
func TestPendingCancelsGas(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 1_000, 1)
	// Warm-up: the maker's fill record and the taker's nonce word are in
	// use, so the batches below rewrite the same nonzero slots.
	p.mustSettle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 1), 1))
	unsigned := sell
	unsigned.Signature = nil
	before := p.executionGas(p.mustSettle(trade(unsigned, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 2), 1)))

	p.cancelUpTo(p.deployer, 5)
	p.cancelOrder(p.deployer, p.domain.OrderHash(sell.Order))
	others := p.executionGas(p.mustSettle(trade(unsigned, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 3), 1)))
	if others != before {
		t.Fatalf("settle execution gas %d after another account's cancels, expected the %d before them", others, before)
	}

	upToAt := p.cancelUpTo(p.taker, 2)
	own := p.executionGas(p.mustSettle(trade(unsigned, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 4), 1)))
	// A cold storage read costs 2,100 gas (EIP-2929); the slot's hash and
	// the stage checks add about 400 more.
	t.Logf("execution gas %d without cancels, %d with the taker's pending cancelUpTo", before, own)
	if extra := own - before; extra < 2_100 || extra > 3_000 {
		t.Fatalf("settle execution gas %d with the taker's pending cancelUpTo, %d more than without, expected 2,100 to 3,000 more", own, extra)
	}

	// Once the cancel has bound, anyone may fold it, and the taker's
	// orders cost what they did before.
	p.advanceTo(upToAt)
	p.mustSend(p.maker, p.exchange, exchangeB.PackFoldNonceCancels(addr(p.taker)))
	if got := p.minNonce(addr(p.taker)); got != 2 {
		t.Fatalf("minNonce after foldNonceCancels = %d, expected 2", got)
	}
	folded := p.executionGas(p.mustSettle(trade(unsigned, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 5), 1)))
	if folded != before {
		t.Fatalf("settle execution gas %d after foldNonceCancels, expected the %d without cancels", folded, before)
	}
	_, err := p.settle(trade(unsigned, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 1), 1))
	expectRevert(t, err, "OrderNonceCancelled")
}

package state

import (
	"math/big"
	"testing"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/eip712"
)

// rebuiltGas returns the gas bound of b computed from its contents alone,
// as Restore computes it.
func rebuiltGas(m *Machine, b *batchRecord) uint64 {
	g := newBatchGas()
	for i := range b.trades {
		t := &b.trades[i]
		ms := m.markets[t.Market]
		g.trade(&ms.def, t.Market, m.tradeOrderOf(t.MakerID, t.Maker), m.tradeOrderOf(t.TakerID, t.Taker), true)
	}
	return g.total + uint64(len(b.withdrawals))*batch.GasBoundWithdrawal
}

// A taker that sweeps more resting orders of distinct makers than one
// settle transaction can hold has its trades split over two batches, the
// first sealed by the placing entry itself.
func TestTradesPastGasBoundGoToNextBatch(t *testing.T) {
	h := newHarness(t)
	const makers = 150
	for i := range makers {
		who := trader(100 + i)
		h.deposit(who, tokenTHAL, 10*thal) // one lot
		h.place(h.order(who, eip712.Sell, 10_000, 1))
	}
	taker := trader(1)
	h.deposit(taker, tokenUSDC, 10*usdc)
	res := h.place(h.order(taker, eip712.Buy, 10_000, makers))
	if len(res.Trades) != makers {
		t.Fatalf("%d trades, expected %d", len(res.Trades), makers)
	}
	if len(res.Sealed) != 1 {
		t.Fatalf("the sweep sealed %d batches, expected 1", len(res.Sealed))
	}
	c := h.m.chains[testChain]
	sealed := c.sealed[res.Sealed[0].ID]
	if sealed.sealedSeq != h.m.Seq() {
		t.Errorf("batch sealed at entry %d, expected the placing entry %d", sealed.sealedSeq, h.m.Seq())
	}
	if got := len(sealed.trades) + len(c.open.trades); got != makers {
		t.Fatalf("%d trades in the sealed and open batches, expected %d", got, makers)
	}
	bound := rebuiltGas(h.m, sealed)
	if bound > batch.GasBoundMax {
		t.Errorf("sealed batch's gas bound %d is over the maximum %d", bound, batch.GasBoundMax)
	}
	// One more distinct maker's trade would not have fitted.
	next := c.open.trades[0]
	if bound+batch.GasBoundTrade+batch.GasBoundRestingOrder+batch.GasBoundTrader+2*batch.GasBoundBalance <= batch.GasBoundMax {
		t.Errorf("batch sealed at bound %d with room for trade %d", bound, next.MakerID)
	}
	for _, tr := range sealed.trades {
		if tr.Batch != sealed.id {
			t.Fatalf("trade %d/%d in batch %d names batch %d", tr.Seq, tr.Index, sealed.id, tr.Batch)
		}
	}
	for _, tr := range c.open.trades {
		if tr.Batch != c.open.id {
			t.Fatalf("trade %d/%d in the open batch %d names batch %d", tr.Seq, tr.Index, c.open.id, tr.Batch)
		}
	}
	if live, rebuilt := c.open.gas.total, rebuiltGas(h.m, c.open); live != rebuilt {
		t.Errorf("open batch's gas bound %d, rebuilt from its trades %d", live, rebuilt)
	}

	snap, err := h.m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	restored, err := Restore(snap)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := restored.OpenBatchGas(testChain), h.m.OpenBatchGas(testChain); got != want {
		t.Errorf("restored open batch's gas bound %d, expected %d", got, want)
	}

	h.mustApply(&Entry{Type: EntrySettlementDone, Batch: &BatchRef{ChainID: testChain, ID: sealed.id}})
	seal := h.mustApply(&Entry{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}})
	h.mustApply(&Entry{Type: EntrySettlementDone, Batch: &BatchRef{ChainID: testChain, ID: seal.Sealed[0].ID}})
	if _, _, pending := h.balance(taker, tokenTHAL); pending != 0 {
		t.Errorf("taker's THAL pending settlement %d after both batches settled", pending)
	}
}

// A withdrawal that would take the open batch past its gas bound is
// rejected with the state untouched; after a seal it is accepted.
func TestWithdrawalPastGasBoundRejected(t *testing.T) {
	h := newHarness(t)
	alice := trader(1)
	h.deposit(alice, tokenUSDC, 1000*usdc)
	w := func(nonce uint64) *Entry {
		return &Entry{Type: EntryWithdraw, Withdrawal: &SignedWithdrawal{ChainID: testChain, Withdrawal: eip712.Withdrawal{
			Trader: alice, Token: tokenUSDC, Amount: big.NewInt(usdc), Nonce: nonce,
		}}}
	}
	fit := uint64((batch.GasBoundMax - batch.GasBoundBatch) / batch.GasBoundWithdrawal)
	for nonce := uint64(1); nonce <= fit; nonce++ {
		if !h.m.OpenBatchFitsWithdrawal(testChain) {
			t.Fatalf("withdrawal %d of %d does not fit", nonce, fit)
		}
		h.mustApply(w(nonce))
	}
	if h.m.OpenBatchFitsWithdrawal(testChain) {
		t.Fatalf("withdrawal %d fits in a bound of %d", fit+1, h.m.OpenBatchGas(testChain))
	}
	h.mustReject(w(fit+1), ErrBatchFull)
	h.mustApply(&Entry{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}})
	h.mustApply(w(fit + 1))
}

// An IOC order's trades all go into one batch: when they do not fit in
// the open batch, it is sealed before the first of them.
func TestImmediateOrderTradesStayInOneBatch(t *testing.T) {
	h := newHarness(t)
	const makers, first, ioc = 200, 60, 80
	for i := range makers {
		who := trader(100 + i)
		h.deposit(who, tokenTHAL, 10*thal) // one lot
		h.place(h.order(who, eip712.Sell, 10_000, 1))
	}
	gtc := trader(1)
	h.deposit(gtc, tokenUSDC, 10*usdc)
	if res := h.place(h.order(gtc, eip712.Buy, 10_000, first)); len(res.Sealed) != 0 || len(res.Trades) != first {
		t.Fatalf("first sweep: %d trades, %d batches sealed; expected %d trades in the open batch", len(res.Trades), len(res.Sealed), first)
	}

	taker := trader(2)
	h.deposit(taker, tokenUSDC, 10*usdc)
	o := h.order(taker, eip712.Buy, 10_000, ioc)
	o.Order.TimeInForce = eip712.IOC
	res := h.place(o)
	if len(res.Trades) != ioc {
		t.Fatalf("IOC order made %d trades, expected %d", len(res.Trades), ioc)
	}
	if len(res.Sealed) != 1 {
		t.Fatalf("IOC order sealed %d batches, expected the full open batch", len(res.Sealed))
	}
	c := h.m.chains[testChain]
	if got := len(c.sealed[res.Sealed[0].ID].trades); got != first {
		t.Errorf("sealed batch holds %d trades, expected the %d before the IOC order", got, first)
	}
	for _, tr := range res.Trades {
		if tr.Batch != c.open.id {
			t.Fatalf("IOC trade %d/%d is in batch %d, expected the open batch %d", tr.Seq, tr.Index, tr.Batch, c.open.id)
		}
	}
	if live, rebuilt := c.open.gas.total, rebuiltGas(h.m, c.open); live != rebuilt {
		t.Errorf("open batch's gas bound %d, rebuilt from its trades %d", live, rebuilt)
	}
}

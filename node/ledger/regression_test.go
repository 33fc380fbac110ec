package ledger

import (
	"errors"
	"testing"

	"github.com/holiman/uint256"
)

// Bugs that exchange ledgers have shipped, each as a test.

// A partly filled order that is then cancelled must release exactly the
// rest of its hold. Releasing nothing leaves funds stuck, and releasing the
// original hold creates funds.
func TestHoldReleasedAfterPartialFillThenCancel(t *testing.T) {
	l := New(DefaultConfig())
	placeBookOrders(t, l)
	mustApply(t, l, 4, func(tx *Tx) error { return tx.ApplyFill(fillOf(t, 12_000, 1, 30, 10)) })
	costs := map[uint64]uint256.Int{buyOrder: buyHold(t, buyPrice, 2, maxFeeBps), sellOrder: sellHold(t, 2)}
	mustCheck(t, l, costs)

	var released uint256.Int
	mustApply(t, l, 5, func(tx *Tx) (err error) {
		released, err = tx.ReleaseHold(buyOrder)
		return err
	})
	delete(costs, buyOrder)
	mustCheck(t, l, costs)

	if !released.Eq(u(24_764)) {
		t.Fatalf("cancel released %s, expected the 24764 the 2 open lots could cost", released.Dec())
	}
	// alice paid 12,000 + 36 for one lot and has everything else back.
	wantBalance(t, l, alice, usdc, 100_000-12_036, 0, 0, 0)
	wantBalance(t, l, alice, thal, 0, 0, 1e16, 0)
}

// The checker catches a cancel that forgot to release the hold.
func TestCheckerFindsHoldLeftAfterCancel(t *testing.T) {
	l := New(DefaultConfig())
	placeBookOrders(t, l)
	mustApply(t, l, 4, func(tx *Tx) error { return tx.ApplyFill(fillOf(t, 12_000, 1, 30, 10)) })
	// The engine cancelled the buy order, but no release was applied.
	err := l.CheckInvariants(map[uint64]uint256.Int{sellOrder: sellHold(t, 2)})
	wantErrIs(t, err, ErrInvariant)
}

// Two holds on one account that each fit the balance but together exceed
// it: the second must be rejected, in separate entries and in one entry.
func TestConcurrentHoldsCannotExceedBalance(t *testing.T) {
	l := New(DefaultConfig())
	fund(t, l, 1, 1, alice, usdc, 1000)
	mustApply(t, l, 2, func(tx *Tx) error { return tx.PlaceHold(1, alice, usdc, u(600)) })
	err := apply(t, l, 3, func(tx *Tx) error { return tx.PlaceHold(2, alice, usdc, u(600)) })
	wantErrIs(t, err, ErrInsufficientAvailable)
	wantBalance(t, l, alice, usdc, 400, 600, 0, 0)

	mustApply(t, l, 4, func(tx *Tx) error {
		if err := tx.PlaceHold(3, alice, usdc, u(300)); err != nil {
			return err
		}
		if err := tx.PlaceHold(4, alice, usdc, u(300)); !errors.Is(err, ErrInsufficientAvailable) {
			t.Fatalf("second hold in one entry: %v, expected %v", err, ErrInsufficientAvailable)
		}
		return nil
	})
	wantBalance(t, l, alice, usdc, 100, 900, 0, 0)
	mustCheck(t, l, map[uint64]uint256.Int{1: *u(600), 3: *u(300)})
}

// A deposit credited before a restart must not be credited again when the
// watcher reports it once more after the restart.
func TestDepositNotCreditedTwiceAfterRestart(t *testing.T) {
	l := New(DefaultConfig())
	fund(t, l, 1, 1, alice, usdc, 1000)
	restored := mustRestore(t, mustSnapshot(t, l))

	err := apply(t, restored, 2, func(tx *Tx) error { return tx.CreditDeposit(depositID(1), alice, usdc, u(1000)) })
	wantErrIs(t, err, ErrDuplicateDeposit)
	wantBalance(t, restored, alice, usdc, 1000, 0, 0, 0)
}

// A deposit seen on chain but not yet confirmed when the node stops has no
// trace in the ledger. The confirmed entry that follows the restart must
// still credit it exactly once.
func TestDepositCreditedWhenConfirmedAfterRestart(t *testing.T) {
	l := New(DefaultConfig())
	fund(t, l, 1, 1, bob, usdc, 5)
	// The deposit of alice is waiting for confirmations: nothing is applied.
	wantBalance(t, l, alice, usdc, 0, 0, 0, 0)
	restored := mustRestore(t, mustSnapshot(t, l))

	fund(t, restored, 2, 2, alice, usdc, 1000)
	wantBalance(t, restored, alice, usdc, 1000, 0, 0, 0)
	err := apply(t, restored, 3, func(tx *Tx) error { return tx.CreditDeposit(depositID(2), alice, usdc, u(1000)) })
	wantErrIs(t, err, ErrDuplicateDeposit)
	mustCheck(t, restored, nil)
}

// The same request applied twice, as the same entry (a replayed log) or as
// a new entry carrying the same request id, changes the ledger once.
func TestSameRequestAppliedTwice(t *testing.T) {
	l := New(DefaultConfig())
	fund(t, l, 1, 1, alice, usdc, 1000)
	withdraw := func(tx *Tx) error { _, err := tx.RequestWithdrawal(withdrawalID(1), alice, usdc, u(100)); return err }
	mustApply(t, l, 2, withdraw)

	if _, err := l.Begin(2); !errors.Is(err, ErrSeqNotAfter) {
		t.Fatalf("entry 2 applied again: %v, expected %v", err, ErrSeqNotAfter)
	}
	restored := mustRestore(t, mustSnapshot(t, l))
	if _, err := restored.Begin(2); !errors.Is(err, ErrSeqNotAfter) {
		t.Fatalf("entry 2 applied again after restore: %v, expected %v", err, ErrSeqNotAfter)
	}
	wantErrIs(t, apply(t, restored, 3, withdraw), ErrDuplicateWithdrawal)
	wantBalance(t, restored, alice, usdc, 900, 0, 0, 100)

	mustApply(t, restored, 4, func(tx *Tx) error { _, err := tx.SealBatch(); return err })
	mustApply(t, restored, 5, func(tx *Tx) error { return tx.ConfirmSettlement(1) })
	wantErrIs(t, apply(t, restored, 6, func(tx *Tx) error { return tx.ConfirmSettlement(1) }), ErrBatchSettled)
	totals, _ := restored.Totals(usdc)
	if !totals.Withdrawals.Eq(u(100)) {
		t.Fatalf("withdrawn %s, expected 100 once", totals.Withdrawals.Dec())
	}
}

// Fees round down per fill, so the parts of a fill (what the seller gets
// plus the fees) equal what the buyer pays, and an order's fills never
// cost more than its hold. A ledger that rounds each part separately can
// pay out more than it takes.
func TestFeeRoundingNeverExceedsWhole(t *testing.T) {
	l := New(DefaultConfig())
	fund(t, l, 1, 1, alice, usdc, 1_000_000)
	fund(t, l, 2, 2, bob, thal, 1e19)
	const lots = 37
	const price = 333 // 333 * 30 / 10,000 = 0.999: every one-lot fee rounds to 0
	bh := buyHold(t, price, lots, maxFeeBps)
	sh := sellHold(t, lots)
	mustApply(t, l, 3, func(tx *Tx) error {
		if err := tx.PlaceHold(buyOrder, alice, usdc, &bh); err != nil {
			return err
		}
		return tx.PlaceHold(sellOrder, bob, thal, &sh)
	})

	var paid, fees uint256.Int
	for i := uint64(1); i <= lots; i++ {
		f := &Fill{BuyOrder: buyOrder, SellOrder: sellOrder}
		f.QuoteAmount.SetUint64(price)
		f.BaseAmount.Set(lotSize)
		f.BuyerFee, f.SellerFee = fee(&f.QuoteAmount, maxFeeBps), fee(&f.QuoteAmount, maxFeeBps)
		f.BuyRemainingCost = buyHold(t, price, lots-i, maxFeeBps)
		f.SellRemainingCost = sellHold(t, lots-i)
		mustApply(t, l, 3+i, func(tx *Tx) error { return tx.ApplyFill(f) })
		paid.Add(&paid, &f.QuoteAmount)
		paid.Add(&paid, &f.BuyerFee)
		fees.Add(&fees, &f.BuyerFee)
		fees.Add(&fees, &f.SellerFee)
		mustCheck(t, l, map[uint64]uint256.Int{buyOrder: f.BuyRemainingCost, sellOrder: f.SellRemainingCost})
	}

	if !fees.IsZero() {
		t.Fatalf("one-lot fees at %d ticks summed to %s, expected 0 because each rounds down", price, fees.Dec())
	}
	if paid.Gt(&bh) {
		t.Fatalf("fills cost %s, more than the hold %s", paid.Dec(), bh.Dec())
	}
	// The hold charged the fee on the whole order, 12,321 * 30 / 10,000 =
	// 36; the per-fill fees charged none, so all 36 went back to alice.
	wantBalance(t, l, alice, usdc, 1_000_000-lots*price, 0, 0, 0)
	wantBalance(t, l, bob, usdc, 0, 0, lots*price, 0)
	totals, _ := l.Totals(usdc)
	if !totals.FeesPending.IsZero() {
		t.Fatalf("fees pending %s, expected 0", totals.FeesPending.Dec())
	}

	// A seller fee larger than the quote would pay out more than the
	// buyer's payment: rejected.
	f := &Fill{BuyOrder: 9, SellOrder: 10}
	f.QuoteAmount.SetUint64(1)
	f.SellerFee.SetUint64(2)
	mustApply(t, l, 100, func(tx *Tx) error {
		if err := tx.PlaceHold(9, alice, usdc, u(10)); err != nil {
			return err
		}
		if err := tx.PlaceHold(10, bob, thal, u(10)); err != nil {
			return err
		}
		f.BaseAmount.SetUint64(1)
		if err := tx.ApplyFill(f); !errors.Is(err, ErrInvalidFill) {
			t.Fatalf("fill with seller fee 2 on quote 1: %v, expected %v", err, ErrInvalidFill)
		}
		return nil
	})
}

// For every price, quantity and fee rate in a grid, one-lot fills at the
// limit price with the maximum fee never cost more than the hold.
func TestBuyHoldCoversPerFillFees(t *testing.T) {
	for _, bps := range []uint16{0, 1, 7, 30, 99, 10_000} {
		for _, price := range []uint64{1, 3, 333, 334, 12_345, 1 << 40} {
			for _, quantity := range []uint64{1, 2, 37, 1000} {
				hold, err := BuyHold(price, quantity, 3, bps)
				if err != nil {
					t.Fatalf("BuyHold: %v", err)
				}
				var cost uint256.Int
				quote := u(price * 3)
				perFill := fee(quote, bps)
				for range quantity {
					cost.Add(&cost, quote)
					cost.Add(&cost, &perFill)
				}
				if cost.Gt(&hold) {
					t.Fatalf("price %d quantity %d fee %d bps: one-lot fills cost %s, hold %s", price, quantity, bps, cost.Dec(), hold.Dec())
				}
			}
		}
	}
}

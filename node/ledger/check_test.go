package ledger

import (
	"strings"
	"testing"

	"github.com/holiman/uint256"
)

// busyLedger returns a ledger with a failed batch, a sealed batch, an open
// batch with a fill and a withdrawal, and two open orders, and the costs of
// those orders.
func busyLedger(t testing.TB) (*Ledger, map[uint64]uint256.Int) {
	t.Helper()
	l := New(DefaultConfig())
	sealed(t, l) // batch 1: a full fill and bob's withdrawal, sealed at entry 5
	mustApply(t, l, 6, func(tx *Tx) error { return tx.FailSettlement(1) })

	fund(t, l, 7, 7, carol, usdc, 500_000)
	fund(t, l, 8, 8, bob, thal, 1e17)
	mustApply(t, l, 9, func(tx *Tx) error {
		bh, sh := buyHold(t, buyPrice, 3, maxFeeBps), sellHold(t, 3)
		if err := tx.PlaceHold(buyOrder+10, carol, usdc, &bh); err != nil {
			return err
		}
		return tx.PlaceHold(sellOrder+10, bob, thal, &sh)
	})
	mustApply(t, l, 10, func(tx *Tx) error {
		f := fillOf(t, buyPrice, 1, 30, 10)
		f.BuyOrder, f.SellOrder = buyOrder+10, sellOrder+10
		if err := tx.ApplyFill(f); err != nil {
			return err
		}
		_, err := tx.RequestWithdrawal(withdrawalID(2), carol, usdc, u(1000))
		return err
	})
	mustApply(t, l, 11, func(tx *Tx) error { _, err := tx.SealBatch(); return err })

	mustApply(t, l, 12, func(tx *Tx) error {
		f := fillOf(t, buyPrice, 1, 30, 10)
		f.BuyOrder, f.SellOrder = buyOrder+10, sellOrder+10
		f.BuyRemainingCost = buyHold(t, buyPrice, 1, maxFeeBps)
		f.SellRemainingCost = sellHold(t, 1)
		if err := tx.ApplyFill(f); err != nil {
			return err
		}
		_, err := tx.RequestWithdrawal(withdrawalID(3), bob, thal, u(1e15))
		return err
	})
	costs := map[uint64]uint256.Int{buyOrder + 10: buyHold(t, buyPrice, 1, maxFeeBps), sellOrder + 10: sellHold(t, 1)}
	mustCheck(t, l, costs)
	return l, costs
}

// TestCheckerFindsCorruption breaks one invariant at a time behind the
// ledger's back and expects CheckInvariants to name it.
func TestCheckerFindsCorruption(t *testing.T) {
	cases := []struct {
		name    string
		corrupt func(l *Ledger, costs map[uint64]uint256.Int)
		want    string
	}{
		{
			name: "balance changed without a posting",
			corrupt: func(l *Ledger, _ map[uint64]uint256.Int) {
				l.slot(alice, usdc).bal[0].AddUint64(&l.slot(alice, usdc).bal[0], 1)
			},
			want: "running total",
		},
		{
			name: "balance wrapped below zero",
			corrupt: func(l *Ledger, _ map[uint64]uint256.Int) {
				s := l.slot(alice, usdc)
				s.bal[0].SubUint64(&s.bal[0], 1e9)
				s.asset.totals[0].SubUint64(&s.asset.totals[0], 1e9)
			},
			want: "above the asset's deposits",
		},
		{
			name: "credit without a debit",
			corrupt: func(l *Ledger, _ map[uint64]uint256.Int) {
				s := l.slot(alice, usdc)
				s.bal[0].AddUint64(&s.bal[0], 5)
				s.asset.totals[0].AddUint64(&s.asset.totals[0], 5)
			},
			want: "differ from credits",
		},
		{
			name: "hold changed without a posting",
			corrupt: func(l *Ledger, _ map[uint64]uint256.Int) {
				h, _ := l.holds.get(buyOrder + 10)
				h.amount.AddUint64(&h.amount, 1)
				l.holds.put(buyOrder+10, h)
			},
			want: "holds sum to",
		},
		{
			name:    "order cost differs from its hold",
			corrupt: func(_ *Ledger, costs map[uint64]uint256.Int) { costs[buyOrder+10] = *u(1) },
			want:    "the order can cost 1",
		},
		{
			name:    "open order without hold",
			corrupt: func(_ *Ledger, costs map[uint64]uint256.Int) { costs[77] = *u(5) },
			want:    "open order 77 can cost 5 but has no hold",
		},
		{
			name:    "hold of an order that is not open",
			corrupt: func(_ *Ledger, costs map[uint64]uint256.Int) { delete(costs, sellOrder+10) },
			want:    "order 12 is not open",
		},
		{
			name: "pending settlement without a batch",
			corrupt: func(l *Ledger, _ map[uint64]uint256.Int) {
				l.open.records[0].received.AddUint64(&l.open.records[0].received, 1)
			},
			want: "pending settlement",
		},
		{
			name: "batch pays out more than it takes",
			corrupt: func(l *Ledger, _ map[uint64]uint256.Int) {
				r := l.open.records[0]
				r.paid.AddUint64(&r.paid, 1)
			},
			want: "the paid sums",
		},
		{
			name: "withdrawal missing from its record",
			corrupt: func(l *Ledger, _ map[uint64]uint256.Int) {
				l.open.withdrawals[0].amount.AddUint64(&l.open.withdrawals[0].amount, 1)
			},
			want: "its withdrawals sum to",
		},
		{
			name: "fees pending without a batch",
			corrupt: func(l *Ledger, _ map[uint64]uint256.Int) {
				r := l.open.fees[0]
				r.received.AddUint64(&r.received, 1)
			},
			want: "fees pending",
		},
		{
			name:    "sealed batch records out of order",
			corrupt: func(l *Ledger, _ map[uint64]uint256.Int) { r := l.batches[2].records; r[0], r[1] = r[1], r[0] },
			want:    "not sorted",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l, costs := busyLedger(t)
			tc.corrupt(l, costs)
			err := l.CheckInvariants(costs)
			t.Logf("%v", err)
			wantErrIs(t, err, ErrInvariant)
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

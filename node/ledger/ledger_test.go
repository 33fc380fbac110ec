package ledger

import (
	"errors"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

// opCase is one operation on a prepared ledger, applied as the next entry.
type opCase struct {
	name  string
	setup func(t testing.TB, l *Ledger)
	op    func(tx *Tx) error
	// wantErr is the expected rejection, or nil.
	wantErr error
	// want checks the ledger and the entry's postings after a success.
	want func(t testing.TB, l *Ledger, ps []Posting)
}

// runOpCases runs each case on a new ledger. A rejected operation must
// leave no posting, and committing its entry must change nothing but the
// last sequence number.
func runOpCases(t *testing.T, cases []opCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := New(DefaultConfig())
			if tc.setup != nil {
				tc.setup(t, l)
			}
			before := mustSnapshot(t, l)
			seq := l.LastSeq() + 1
			tx, err := l.Begin(seq)
			if err != nil {
				t.Fatalf("begin: %v", err)
			}
			err = tc.op(tx)
			ps := slices.Clone(tx.Postings())
			if err := tx.Commit(); err != nil {
				t.Fatalf("commit: %v", err)
			}

			if tc.wantErr != nil {
				wantErrIs(t, err, tc.wantErr)
				if len(ps) != 0 {
					t.Fatalf("rejected operation left postings %v", postingSummary(ps))
				}
				twin := mustRestore(t, before)
				mustApply(t, twin, seq, func(*Tx) error { return nil })
				wantSameSnapshot(t, mustSnapshot(t, twin), mustSnapshot(t, l))
			} else {
				if err != nil {
					t.Fatalf("operation: %v", err)
				}
				for i := range ps {
					if ps[i].Seq != seq || ps[i].Index != uint32(i) {
						t.Fatalf("posting %d carries seq %d index %d, expected seq %d index %d", i, ps[i].Seq, ps[i].Index, seq, i)
					}
				}
				if tc.want != nil {
					tc.want(t, l, ps)
				}
			}
			mustCheck(t, l, holdCosts(l))
		})
	}
}

// wantPostings fails unless ps have these kinds and amounts.
func wantPostings(t testing.TB, ps []Posting, kinds []PostingKind, amounts []uint64) {
	t.Helper()
	if !slices.Equal(postingSummary(ps), kinds) {
		t.Fatalf("postings %v, expected %v", postingSummary(ps), kinds)
	}
	for i := range ps {
		if !ps[i].Amount.Eq(u(amounts[i])) {
			t.Fatalf("posting %d (%s) moves %s, expected %d", i, ps[i].Kind, ps[i].Amount.Dec(), amounts[i])
		}
	}
}

func wantAccounts(t testing.TB, p Posting, debit, credit Account) {
	t.Helper()
	if p.Debit() != debit || p.Credit() != credit {
		t.Fatalf("%s posting from %s to %s, expected from %s to %s", p.Kind, p.Debit(), p.Credit(), debit, credit)
	}
}

func TestCreditDeposit(t *testing.T) {
	maxAmount := new(uint256.Int).SetAllOne()
	runOpCases(t, []opCase{
		{
			name: "credits available",
			op:   func(tx *Tx) error { return tx.CreditDeposit(depositID(1), alice, usdc, u(1000)) },
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				wantBalance(t, l, alice, usdc, 1000, 0, 0, 0)
				wantPostings(t, ps, []PostingKind{DepositCredited}, []uint64{1000})
				wantAccounts(t, ps[0], Account{Asset: usdc, Kind: ExternalDeposits}, Account{Owner: alice, Asset: usdc, Kind: Available})
				if ps[0].Ref != depositID(1) {
					t.Fatalf("posting ref %x, expected the deposit id", ps[0].Ref)
				}
				totals, _ := l.Totals(usdc)
				if !totals.Deposits.Eq(u(1000)) || !totals.Available.Eq(u(1000)) {
					t.Fatalf("totals deposits %s available %s, expected 1000 each", totals.Deposits.Dec(), totals.Available.Dec())
				}
			},
		},
		{
			name:    "zero amount",
			op:      func(tx *Tx) error { return tx.CreditDeposit(depositID(1), alice, usdc, u(0)) },
			wantErr: ErrZeroAmount,
		},
		{
			name:    "zero owner",
			op:      func(tx *Tx) error { return tx.CreditDeposit(depositID(1), common.Address{}, usdc, u(5)) },
			wantErr: ErrZeroOwner,
		},
		{
			name:    "chain id 0",
			op:      func(tx *Tx) error { return tx.CreditDeposit(depositID(1), alice, Asset{Token: usdc.Token}, u(5)) },
			wantErr: ErrInvalidAsset,
		},
		{
			name:    "same id twice",
			setup:   func(t testing.TB, l *Ledger) { fund(t, l, 1, 1, alice, usdc, 1000) },
			op:      func(tx *Tx) error { return tx.CreditDeposit(depositID(1), bob, thal, u(7)) },
			wantErr: ErrDuplicateDeposit,
		},
		{
			name: "deposits overflow 256 bits",
			setup: func(t testing.TB, l *Ledger) {
				mustApply(t, l, 1, func(tx *Tx) error { return tx.CreditDeposit(depositID(1), alice, usdc, maxAmount) })
			},
			op:      func(tx *Tx) error { return tx.CreditDeposit(depositID(2), bob, usdc, u(1)) },
			wantErr: ErrOverflow,
		},
	})
}

func TestPlaceHold(t *testing.T) {
	funded := func(t testing.TB, l *Ledger) { fund(t, l, 1, 1, alice, usdc, 1000) }
	runOpCases(t, []opCase{
		{
			name:  "moves available to held",
			setup: funded,
			op:    func(tx *Tx) error { return tx.PlaceHold(7, alice, usdc, u(400)) },
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				wantBalance(t, l, alice, usdc, 600, 400, 0, 0)
				wantPostings(t, ps, []PostingKind{HoldPlaced}, []uint64{400})
				wantAccounts(t, ps[0], Account{Owner: alice, Asset: usdc, Kind: Available}, Account{Owner: alice, Asset: usdc, Kind: Held})
				if h, ok := l.Hold(7); !ok || !h.Amount.Eq(u(400)) || h.Owner != alice || h.Asset != usdc || ps[0].Order != 7 {
					t.Fatalf("hold of order 7 is %+v (found %v), posting order %d", h, ok, ps[0].Order)
				}
			},
		},
		{
			name:  "whole available balance",
			setup: funded,
			op:    func(tx *Tx) error { return tx.PlaceHold(7, alice, usdc, u(1000)) },
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				wantBalance(t, l, alice, usdc, 0, 1000, 0, 0)
			},
		},
		{
			name:    "one unit above available",
			setup:   funded,
			op:      func(tx *Tx) error { return tx.PlaceHold(7, alice, usdc, u(1001)) },
			wantErr: ErrInsufficientAvailable,
		},
		{
			name:    "owner without deposits",
			setup:   funded,
			op:      func(tx *Tx) error { return tx.PlaceHold(7, bob, usdc, u(1)) },
			wantErr: ErrInsufficientAvailable,
		},
		{
			name:    "balance in another asset",
			setup:   funded,
			op:      func(tx *Tx) error { return tx.PlaceHold(7, alice, thal, u(1)) },
			wantErr: ErrInsufficientAvailable,
		},
		{
			name: "order id already holds",
			setup: func(t testing.TB, l *Ledger) {
				funded(t, l)
				mustApply(t, l, 2, func(tx *Tx) error { return tx.PlaceHold(7, alice, usdc, u(100)) })
			},
			op:      func(tx *Tx) error { return tx.PlaceHold(7, alice, usdc, u(100)) },
			wantErr: ErrHoldExists,
		},
		{
			name:    "order id 0",
			setup:   funded,
			op:      func(tx *Tx) error { return tx.PlaceHold(0, alice, usdc, u(100)) },
			wantErr: ErrInvalidTerms,
		},
		{
			name:    "zero amount",
			setup:   funded,
			op:      func(tx *Tx) error { return tx.PlaceHold(7, alice, usdc, u(0)) },
			wantErr: ErrZeroAmount,
		},
	})
}

func TestPlaceHoldShortfallNamesAmounts(t *testing.T) {
	l := New(DefaultConfig())
	fund(t, l, 1, 1, alice, usdc, 1000)
	err := apply(t, l, 2, func(tx *Tx) error { return tx.PlaceHold(7, alice, usdc, u(1500)) })
	var short *ShortfallError
	if !errors.As(err, &short) {
		t.Fatalf("error %v, expected a *ShortfallError", err)
	}
	if !short.Needed.Eq(u(1500)) || !short.Have.Eq(u(1000)) || short.Order != 7 || short.Account.Owner != alice || short.Account.Kind != Available {
		t.Fatalf("shortfall %+v, expected order 7 needing 1500 with 1000 available of alice", short)
	}
	if want := "ledger: insufficient available balance: order 7 needs 1500 of chain 1 token 0x00000000000000000000000000000000000005dC, available account of 0x00000000000000000000000000000000000A11cE has 1000"; err.Error() != want {
		t.Fatalf("message %q, expected %q", err.Error(), want)
	}
}

func TestResizeHold(t *testing.T) {
	held := func(t testing.TB, l *Ledger) {
		fund(t, l, 1, 1, alice, usdc, 1000)
		mustApply(t, l, 2, func(tx *Tx) error { return tx.PlaceHold(7, alice, usdc, u(400)) })
	}
	runOpCases(t, []opCase{
		{
			name:  "raise takes from available",
			setup: held,
			op:    func(tx *Tx) error { return tx.ResizeHold(7, u(900)) },
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				wantBalance(t, l, alice, usdc, 100, 900, 0, 0)
				wantPostings(t, ps, []PostingKind{HoldPlaced}, []uint64{500})
			},
		},
		{
			name:  "cut returns to available",
			setup: held,
			op:    func(tx *Tx) error { return tx.ResizeHold(7, u(150)) },
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				wantBalance(t, l, alice, usdc, 850, 150, 0, 0)
				wantPostings(t, ps, []PostingKind{HoldReleased}, []uint64{250})
			},
		},
		{
			name:  "same amount",
			setup: held,
			op:    func(tx *Tx) error { return tx.ResizeHold(7, u(400)) },
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				wantBalance(t, l, alice, usdc, 600, 400, 0, 0)
				wantPostings(t, ps, nil, nil)
			},
		},
		{
			name:    "raise above available",
			setup:   held,
			op:      func(tx *Tx) error { return tx.ResizeHold(7, u(1001)) },
			wantErr: ErrInsufficientAvailable,
		},
		{
			name:    "zero amount",
			setup:   held,
			op:      func(tx *Tx) error { return tx.ResizeHold(7, u(0)) },
			wantErr: ErrZeroAmount,
		},
		{
			name:    "order without hold",
			setup:   held,
			op:      func(tx *Tx) error { return tx.ResizeHold(8, u(10)) },
			wantErr: ErrHoldNotFound,
		},
	})
}

func TestReleaseHold(t *testing.T) {
	held := func(t testing.TB, l *Ledger) {
		fund(t, l, 1, 1, alice, usdc, 1000)
		mustApply(t, l, 2, func(tx *Tx) error { return tx.PlaceHold(7, alice, usdc, u(400)) })
	}
	runOpCases(t, []opCase{
		{
			name:  "returns the hold to available",
			setup: held,
			op: func(tx *Tx) error {
				released, err := tx.ReleaseHold(7)
				if err == nil && !released.Eq(u(400)) {
					return errors.New("released " + released.Dec() + ", expected 400")
				}
				return err
			},
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				wantBalance(t, l, alice, usdc, 1000, 0, 0, 0)
				wantPostings(t, ps, []PostingKind{HoldReleased}, []uint64{400})
				if _, ok := l.Hold(7); ok {
					t.Fatal("order 7 still has a hold after its release")
				}
			},
		},
		{
			name: "released twice",
			setup: func(t testing.TB, l *Ledger) {
				held(t, l)
				mustApply(t, l, 3, func(tx *Tx) error { _, err := tx.ReleaseHold(7); return err })
			},
			op:      func(tx *Tx) error { _, err := tx.ReleaseHold(7); return err },
			wantErr: ErrHoldNotFound,
		},
	})
}

// The market of docs/PROTOCOL.md: alice buys 3 lots at 12,345 ticks with a
// maximum fee of 30 bps, so her hold is 37,035 + 111 = 37,146 USDC units;
// bob sells 3 lots, holding 3 * 10^16 THAL units.
const (
	buyOrder  = 1
	sellOrder = 2
	buyPrice  = 12_345
	maxFeeBps = 30
)

func placeBookOrders(t testing.TB, l *Ledger) {
	fund(t, l, 1, 1, alice, usdc, 100_000)
	fund(t, l, 2, 2, bob, thal, 5e16)
	mustApply(t, l, 3, func(tx *Tx) error {
		bh, sh := buyHold(t, buyPrice, 3, maxFeeBps), sellHold(t, 3)
		if !bh.Eq(u(37_146)) {
			t.Fatalf("buy hold %s, expected 37146 as in docs/PROTOCOL.md", bh.Dec())
		}
		if err := tx.PlaceHold(buyOrder, alice, usdc, &bh); err != nil {
			return err
		}
		return tx.PlaceHold(sellOrder, bob, thal, &sh)
	})
}

// fillOf builds the fill of quantity lots at price with the given fee
// rates, keeping the rest of both orders of placeBookOrders open.
func fillOf(t testing.TB, price, quantity uint64, buyerBps, sellerBps uint16) *Fill {
	f := &Fill{BuyOrder: buyOrder, SellOrder: sellOrder}
	f.QuoteAmount.SetUint64(price * quantity * quotePerTickLot)
	f.BaseAmount.Mul(u(quantity), lotSize)
	f.BuyerFee = fee(&f.QuoteAmount, buyerBps)
	f.SellerFee = fee(&f.QuoteAmount, sellerBps)
	f.BuyRemainingCost = buyHold(t, buyPrice, 3-quantity, maxFeeBps)
	f.SellRemainingCost = sellHold(t, 3-quantity)
	return f
}

func TestApplyFill(t *testing.T) {
	runOpCases(t, []opCase{
		{
			name:  "full fill at the limit",
			setup: placeBookOrders,
			op:    func(tx *Tx) error { return tx.ApplyFill(fillOf(t, buyPrice, 3, 30, 10)) },
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				// quote 37,035, buyer fee 111, seller fee 37
				wantPostings(t, ps, []PostingKind{FillQuote, FillFee, FillBase}, []uint64{36_998, 148, 3e16})
				wantAccounts(t, ps[0], Account{Owner: alice, Asset: usdc, Kind: Held}, Account{Owner: bob, Asset: usdc, Kind: PendingSettlement})
				wantAccounts(t, ps[1], Account{Owner: alice, Asset: usdc, Kind: Held}, Account{Asset: usdc, Kind: FeesPending})
				wantAccounts(t, ps[2], Account{Owner: bob, Asset: thal, Kind: Held}, Account{Owner: alice, Asset: thal, Kind: PendingSettlement})
				wantBalance(t, l, alice, usdc, 100_000-37_146, 0, 0, 0)
				wantBalance(t, l, alice, thal, 0, 0, 3e16, 0)
				wantBalance(t, l, bob, usdc, 0, 0, 36_998, 0)
				wantBalance(t, l, bob, thal, 2e16, 0, 0, 0)
				for _, p := range ps {
					if p.Batch != 1 {
						t.Fatalf("%s posting in batch %d, expected the open batch 1", p.Kind, p.Batch)
					}
				}
			},
		},
		{
			name:  "partial fill with price improvement",
			setup: placeBookOrders,
			op:    func(tx *Tx) error { return tx.ApplyFill(fillOf(t, 12_000, 1, 30, 10)) },
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				// quote 12,000, buyer fee 36, seller fee 12; the buy order
				// keeps BuyHold(12,345, 2 lots, 30 bps) = 24,690 + 74 and
				// returns 37,146 - 12,036 - 24,764 = 346.
				wantPostings(t, ps, []PostingKind{FillQuote, FillFee, FillBase, HoldReleased}, []uint64{11_988, 48, 1e16, 346})
				wantBalance(t, l, alice, usdc, 100_000-37_146+346, 24_764, 0, 0)
				wantBalance(t, l, bob, thal, 2e16, 2e16, 0, 0)
				wantBalance(t, l, bob, usdc, 0, 0, 11_988, 0)
				if h, _ := l.Hold(buyOrder); !h.Amount.Eq(u(24_764)) {
					t.Fatalf("buy hold %s after the fill, expected 24764", h.Amount.Dec())
				}
			},
		},
		{
			name:  "no fees",
			setup: placeBookOrders,
			op:    func(tx *Tx) error { return tx.ApplyFill(fillOf(t, buyPrice, 1, 0, 0)) },
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				wantPostings(t, ps, []PostingKind{FillQuote, FillBase, HoldReleased}, []uint64{12_345, 1e16, 37})
			},
		},
		{
			name:  "remaining cost larger than the hold keeps",
			setup: placeBookOrders,
			op: func(tx *Tx) error {
				f := fillOf(t, buyPrice, 1, 30, 10)
				f.BuyRemainingCost = buyHold(t, buyPrice, 3, maxFeeBps)
				return tx.ApplyFill(f)
			},
			wantErr: ErrHoldShort,
		},
		{
			name:  "base above the sell hold",
			setup: placeBookOrders,
			op: func(tx *Tx) error {
				f := fillOf(t, buyPrice, 1, 30, 10)
				f.BaseAmount.Mul(u(4), lotSize)
				return tx.ApplyFill(f)
			},
			wantErr: ErrHoldShort,
		},
		{
			name:  "seller fee above the quote",
			setup: placeBookOrders,
			op: func(tx *Tx) error {
				f := fillOf(t, buyPrice, 1, 30, 10)
				f.SellerFee.AddUint64(&f.QuoteAmount, 1)
				return tx.ApplyFill(f)
			},
			wantErr: ErrInvalidFill,
		},
		{
			name:  "order without hold",
			setup: placeBookOrders,
			op: func(tx *Tx) error {
				f := fillOf(t, buyPrice, 1, 30, 10)
				f.SellOrder = 99
				return tx.ApplyFill(f)
			},
			wantErr: ErrHoldNotFound,
		},
		{
			name:  "one order on both sides",
			setup: placeBookOrders,
			op: func(tx *Tx) error {
				f := fillOf(t, buyPrice, 1, 30, 10)
				f.SellOrder = buyOrder
				return tx.ApplyFill(f)
			},
			wantErr: ErrInvalidFill,
		},
		{
			name: "both holds in the quote asset",
			setup: func(t testing.TB, l *Ledger) {
				placeBookOrders(t, l)
				mustApply(t, l, 4, func(tx *Tx) error { return tx.PlaceHold(3, alice, usdc, u(50_000)) })
			},
			op: func(tx *Tx) error {
				f := fillOf(t, buyPrice, 1, 30, 10)
				f.SellOrder = 3
				return tx.ApplyFill(f)
			},
			wantErr: ErrInvalidFill,
		},
		{
			name:  "zero base",
			setup: placeBookOrders,
			op: func(tx *Tx) error {
				f := fillOf(t, buyPrice, 1, 30, 10)
				f.BaseAmount.Clear()
				return tx.ApplyFill(f)
			},
			wantErr: ErrZeroAmount,
		},
	})
}

func TestRequestWithdrawal(t *testing.T) {
	funded := func(t testing.TB, l *Ledger) { fund(t, l, 1, 1, alice, usdc, 1000) }
	runOpCases(t, []opCase{
		{
			name:  "moves available to pending withdrawal",
			setup: funded,
			op: func(tx *Tx) error {
				b, err := tx.RequestWithdrawal(withdrawalID(1), alice, usdc, u(300))
				if err == nil && b != 1 {
					return errors.New("withdrawal not in the open batch 1")
				}
				return err
			},
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				wantBalance(t, l, alice, usdc, 700, 0, 0, 300)
				wantPostings(t, ps, []PostingKind{WithdrawalRequested}, []uint64{300})
				if ps[0].Batch != 1 || ps[0].Ref != withdrawalID(1) {
					t.Fatalf("posting batch %d ref %x, expected batch 1 and the withdrawal id", ps[0].Batch, ps[0].Ref)
				}
				info, err := l.Batch(1)
				if err != nil || len(info.Withdrawals) != 1 || info.Withdrawals[0].ID != withdrawalID(1) || !info.Changes[0].Withdrawn.Eq(u(300)) {
					t.Fatalf("batch 1 is %+v (%v), expected the withdrawal of 300", info, err)
				}
			},
		},
		{
			name:    "above available",
			setup:   funded,
			op:      func(tx *Tx) error { _, err := tx.RequestWithdrawal(withdrawalID(1), alice, usdc, u(1001)); return err },
			wantErr: ErrInsufficientAvailable,
		},
		{
			name: "held funds are not available",
			setup: func(t testing.TB, l *Ledger) {
				funded(t, l)
				mustApply(t, l, 2, func(tx *Tx) error { return tx.PlaceHold(7, alice, usdc, u(800)) })
			},
			op:      func(tx *Tx) error { _, err := tx.RequestWithdrawal(withdrawalID(1), alice, usdc, u(201)); return err },
			wantErr: ErrInsufficientAvailable,
		},
		{
			name: "same id twice",
			setup: func(t testing.TB, l *Ledger) {
				funded(t, l)
				mustApply(t, l, 2, func(tx *Tx) error { _, err := tx.RequestWithdrawal(withdrawalID(1), alice, usdc, u(10)); return err })
			},
			op:      func(tx *Tx) error { _, err := tx.RequestWithdrawal(withdrawalID(1), alice, usdc, u(10)); return err },
			wantErr: ErrDuplicateWithdrawal,
		},
		{
			name:    "zero amount",
			setup:   funded,
			op:      func(tx *Tx) error { _, err := tx.RequestWithdrawal(withdrawalID(1), alice, usdc, u(0)); return err },
			wantErr: ErrZeroAmount,
		},
	})
}

// tradeAndWithdraw fills all of placeBookOrders's orders and has bob
// request a withdrawal of 1 lot of THAL, all in batch 1.
func tradeAndWithdraw(t testing.TB, l *Ledger) {
	placeBookOrders(t, l)
	mustApply(t, l, 4, func(tx *Tx) error {
		if err := tx.ApplyFill(fillOf(t, buyPrice, 3, 30, 10)); err != nil {
			return err
		}
		for _, order := range []uint64{buyOrder, sellOrder} {
			if _, err := tx.ReleaseHold(order); err != nil {
				return err
			}
		}
		_, err := tx.RequestWithdrawal(withdrawalID(1), bob, thal, u(1e16))
		return err
	})
}

func sealed(t testing.TB, l *Ledger) {
	tradeAndWithdraw(t, l)
	mustApply(t, l, 5, func(tx *Tx) error { _, err := tx.SealBatch(); return err })
}

func TestSealBatch(t *testing.T) {
	runOpCases(t, []opCase{
		{
			name:  "seals and opens the next batch",
			setup: tradeAndWithdraw,
			op: func(tx *Tx) error {
				id, err := tx.SealBatch()
				if err == nil && id != 1 {
					return errors.New("sealed a batch other than 1")
				}
				return err
			},
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				if len(ps) != 0 || l.OpenBatch() != 2 {
					t.Fatalf("seal made %d postings and left open batch %d, expected none and 2", len(ps), l.OpenBatch())
				}
				info, err := l.Batch(1)
				if err != nil {
					t.Fatalf("batch 1: %v", err)
				}
				if info.State != BatchSealed || info.SealedSeq != 5 {
					t.Fatalf("batch 1 %s at entry %d, expected sealed at entry 5", info.State, info.SealedSeq)
				}
				want := []BatchChange{
					{Owner: bob, Asset: usdc, Received: *u(36_998)},
					{Owner: bob, Asset: thal, Paid: *u(3e16), Withdrawn: *u(1e16)},
					{Owner: alice, Asset: usdc, Paid: *u(37_146)},
					{Owner: alice, Asset: thal, Received: *u(3e16)},
				}
				if !slices.Equal(info.Changes, want) {
					t.Fatalf("batch 1 changes %+v, expected %+v", info.Changes, want)
				}
				if len(info.Fees) != 1 || info.Fees[0].Asset != usdc || !info.Fees[0].Amount.Eq(u(148)) {
					t.Fatalf("batch 1 fees %+v, expected 148 of USDC", info.Fees)
				}
			},
		},
		{
			name:    "empty batch",
			op:      func(tx *Tx) error { _, err := tx.SealBatch(); return err },
			wantErr: ErrBatchEmpty,
		},
	})
}

func TestConfirmSettlement(t *testing.T) {
	runOpCases(t, []opCase{
		{
			name:  "makes trades available and withdrawals leave",
			setup: sealed,
			op:    func(tx *Tx) error { return tx.ConfirmSettlement(1) },
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				wantPostings(t, ps, []PostingKind{TradeSettled, TradeSettled, FeeSettled, WithdrawalSettled}, []uint64{36_998, 3e16, 148, 1e16})
				wantBalance(t, l, alice, thal, 3e16, 0, 0, 0)
				wantBalance(t, l, bob, usdc, 36_998, 0, 0, 0)
				wantBalance(t, l, bob, thal, 1e16, 0, 0, 0)
				usdcTotals, _ := l.Totals(usdc)
				thalTotals, _ := l.Totals(thal)
				if !usdcTotals.FeesSettled.Eq(u(148)) || !usdcTotals.FeesPending.IsZero() || !thalTotals.Withdrawals.Eq(u(1e16)) {
					t.Fatalf("fees settled %s pending %s, THAL withdrawn %s; expected 148, 0, 10^16",
						usdcTotals.FeesSettled.Dec(), usdcTotals.FeesPending.Dec(), thalTotals.Withdrawals.Dec())
				}
				if _, err := l.Batch(1); !errors.Is(err, ErrBatchSettled) {
					t.Fatalf("batch 1 after confirmation: %v, expected %v", err, ErrBatchSettled)
				}
			},
		},
		{
			name: "confirmed twice",
			setup: func(t testing.TB, l *Ledger) {
				sealed(t, l)
				mustApply(t, l, 6, func(tx *Tx) error { return tx.ConfirmSettlement(1) })
			},
			op:      func(tx *Tx) error { return tx.ConfirmSettlement(1) },
			wantErr: ErrBatchSettled,
		},
		{
			name:    "open batch",
			setup:   tradeAndWithdraw,
			op:      func(tx *Tx) error { return tx.ConfirmSettlement(1) },
			wantErr: ErrBatchNotSealed,
		},
		{
			name:    "unknown batch",
			setup:   sealed,
			op:      func(tx *Tx) error { return tx.ConfirmSettlement(3) },
			wantErr: ErrBatchNotFound,
		},
		{
			name: "failed batch",
			setup: func(t testing.TB, l *Ledger) {
				sealed(t, l)
				mustApply(t, l, 6, func(tx *Tx) error { return tx.FailSettlement(1) })
			},
			op:      func(tx *Tx) error { return tx.ConfirmSettlement(1) },
			wantErr: ErrBatchFailed,
		},
	})
}

func TestFailSettlement(t *testing.T) {
	runOpCases(t, []opCase{
		{
			name:  "returns withdrawals and keeps trades pending",
			setup: sealed,
			op:    func(tx *Tx) error { return tx.FailSettlement(1) },
			want: func(t testing.TB, l *Ledger, ps []Posting) {
				wantPostings(t, ps, []PostingKind{WithdrawalReturned}, []uint64{1e16})
				wantBalance(t, l, bob, thal, 2e16, 0, 0, 0)
				wantBalance(t, l, bob, usdc, 0, 0, 36_998, 0)
				wantBalance(t, l, alice, thal, 0, 0, 3e16, 0)
				if info, err := l.Batch(1); err != nil || info.State != BatchFailed {
					t.Fatalf("batch 1 is %s (%v), expected failed", info.State, err)
				}
			},
		},
		{
			name: "failed twice",
			setup: func(t testing.TB, l *Ledger) {
				sealed(t, l)
				mustApply(t, l, 6, func(tx *Tx) error { return tx.FailSettlement(1) })
			},
			op:      func(tx *Tx) error { return tx.FailSettlement(1) },
			wantErr: ErrBatchFailed,
		},
		{
			name:    "open batch",
			setup:   tradeAndWithdraw,
			op:      func(tx *Tx) error { return tx.FailSettlement(1) },
			wantErr: ErrBatchNotSealed,
		},
	})
}

func TestBeginRejectsOldSequence(t *testing.T) {
	l := New(DefaultConfig())
	if _, err := l.Begin(0); !errors.Is(err, ErrSeqNotAfter) {
		t.Fatalf("begin 0 on a new ledger: %v, expected %v", err, ErrSeqNotAfter)
	}
	fund(t, l, 5, 1, alice, usdc, 10)
	for _, seq := range []uint64{1, 4, 5} {
		if _, err := l.Begin(seq); !errors.Is(err, ErrSeqNotAfter) {
			t.Fatalf("begin %d after entry 5: %v, expected %v", seq, err, ErrSeqNotAfter)
		}
	}
	if l.LastSeq() != 5 {
		t.Fatalf("last seq %d, expected 5", l.LastSeq())
	}
}

func TestTxLifecycle(t *testing.T) {
	l := New(DefaultConfig())
	tx, err := l.Begin(1)
	if err != nil {
		t.Fatalf("begin: %v", err)
	}
	if _, err := l.Begin(2); !errors.Is(err, ErrTxOpen) {
		t.Fatalf("second begin: %v, expected %v", err, ErrTxOpen)
	}
	if _, err := l.Snapshot(); !errors.Is(err, ErrTxOpen) {
		t.Fatalf("snapshot in a transaction: %v, expected %v", err, ErrTxOpen)
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("commit: %v", err)
	}
	if err := tx.CreditDeposit(depositID(1), alice, usdc, u(1)); !errors.Is(err, ErrTxClosed) {
		t.Fatalf("deposit after commit: %v, expected %v", err, ErrTxClosed)
	}
	if err := tx.Commit(); !errors.Is(err, ErrTxClosed) {
		t.Fatalf("second commit: %v, expected %v", err, ErrTxClosed)
	}
	if err := tx.Rollback(); !errors.Is(err, ErrTxClosed) {
		t.Fatalf("rollback after commit: %v, expected %v", err, ErrTxClosed)
	}
	if l.LastSeq() != 1 {
		t.Fatalf("an empty committed entry left last seq %d, expected 1", l.LastSeq())
	}
}

// TestRollbackRestoresState rolls back an entry that touched every kind of
// state and expects the exact snapshot from before.
func TestRollbackRestoresState(t *testing.T) {
	l := New(DefaultConfig())
	placeBookOrders(t, l)
	before := mustSnapshot(t, l)

	tx, err := l.Begin(4)
	if err != nil {
		t.Fatalf("begin: %v", err)
	}
	steps := []func() error{
		func() error {
			return tx.CreditDeposit(depositID(9), carol, Asset{ChainID: 56, Token: usdc.Token}, u(5))
		},
		func() error { return tx.ApplyFill(fillOf(t, 12_000, 2, 30, 10)) },
		func() error { _, err := tx.RequestWithdrawal(withdrawalID(1), alice, usdc, u(100)); return err },
		func() error { _, err := tx.SealBatch(); return err },
		func() error { return tx.ConfirmSettlement(1) },
		func() error {
			last := fillOf(t, 12_000, 1, 30, 10)
			last.BuyRemainingCost, last.SellRemainingCost = uint256.Int{}, uint256.Int{}
			return tx.ApplyFill(last)
		},
		func() error { _, err := tx.ReleaseHold(buyOrder); return err },
		func() error { return tx.PlaceHold(5, bob, usdc, u(1)) },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	if err := tx.Rollback(); err != nil {
		t.Fatalf("rollback: %v", err)
	}
	wantSameSnapshot(t, before, mustSnapshot(t, l))
	mustCheck(t, l, holdCosts(l))
	if _, ok := l.Balance(carol, Asset{ChainID: 56, Token: usdc.Token}); ok {
		t.Fatal("rolled-back deposit left carol's account behind")
	}

	// The same entry applies after the rollback, because its sequence
	// number was never recorded.
	fund(t, l, 4, 9, carol, usdc, 5)
}

func TestBuyAndSellHold(t *testing.T) {
	cases := []struct {
		name                        string
		price, quantity, perTickLot uint64
		bps                         uint16
		want                        uint64
		wantErr                     error
	}{
		{name: "protocol example", price: 12_345, quantity: 3, perTickLot: 1, bps: 30, want: 37_146},
		{name: "fee rounds down", price: 1, quantity: 333, perTickLot: 1, bps: 30, want: 333},
		{name: "no fee", price: 7, quantity: 5, perTickLot: 3, bps: 0, want: 105},
		{name: "filled order costs nothing", price: 7, quantity: 0, perTickLot: 3, bps: 30, want: 0},
		{name: "zero price", price: 0, quantity: 1, perTickLot: 1, bps: 30, wantErr: ErrInvalidTerms},
		{name: "fee above 100 percent", price: 1, quantity: 1, perTickLot: 1, bps: 10_001, wantErr: ErrInvalidTerms},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := BuyHold(tc.price, tc.quantity, tc.perTickLot, tc.bps)
			if tc.wantErr != nil {
				wantErrIs(t, err, tc.wantErr)
				return
			}
			if err != nil || !got.Eq(u(tc.want)) {
				t.Fatalf("BuyHold = %s, %v; expected %d", got.Dec(), err, tc.want)
			}
		})
	}

	maxPerTick := ^uint64(0)
	got, err := BuyHold(maxPerTick, maxPerTick, maxPerTick, 10_000)
	want := new(uint256.Int).Mul(new(uint256.Int).Mul(u(maxPerTick), u(maxPerTick)), u(maxPerTick))
	want.Lsh(want, 1)
	if err != nil || !got.Eq(want) {
		t.Fatalf("BuyHold of the largest terms = %s, %v; expected %s", got.Dec(), err, want.Dec())
	}

	if h, err := SellHold(3, lotSize); err != nil || !h.Eq(u(3e16)) {
		t.Fatalf("SellHold(3 lots) = %s, %v; expected 3e16", h.Dec(), err)
	}
	if _, err := SellHold(2, new(uint256.Int).SetAllOne()); !errors.Is(err, ErrOverflow) {
		t.Fatalf("SellHold past 256 bits: %v, expected %v", err, ErrOverflow)
	}
	if _, err := SellHold(2, u(0)); !errors.Is(err, ErrInvalidTerms) {
		t.Fatalf("SellHold with lot size 0: %v, expected %v", err, ErrInvalidTerms)
	}
}

func TestBalancesAndAssetsSorted(t *testing.T) {
	l := New(DefaultConfig())
	bsc := Asset{ChainID: 56, Token: usdc.Token}
	fund(t, l, 1, 1, alice, bsc, 3)
	fund(t, l, 2, 2, alice, thal, 2)
	fund(t, l, 3, 3, alice, usdc, 1)
	fund(t, l, 4, 4, bob, thal, 9)

	var got []Asset
	for _, b := range l.AppendBalances(nil, alice) {
		got = append(got, b.Asset)
	}
	want := []Asset{usdc, thal, bsc}
	if !slices.Equal(got, want) {
		t.Fatalf("alice's balances in %v, expected %v", got, want)
	}
	if assets := l.AppendAssets(nil); !slices.Equal(assets, want) {
		t.Fatalf("assets %v, expected %v", assets, want)
	}
	if bals := l.AppendBalances(nil, carol); len(bals) != 0 {
		t.Fatalf("carol has %d balances, expected none", len(bals))
	}
}

func TestRecentPostings(t *testing.T) {
	l := New(Config{RecentPostingsMax: 3})
	fund(t, l, 1, 1, alice, usdc, 10)
	fund(t, l, 2, 2, bob, usdc, 20)
	fund(t, l, 3, 3, alice, usdc, 30)
	fund(t, l, 4, 4, alice, thal, 40)
	fund(t, l, 5, 5, alice, usdc, 50)

	var seqs []uint64
	for _, p := range l.AppendRecentPostings(nil, alice, usdc) {
		seqs = append(seqs, p.Seq)
	}
	// Entry 1 fell out of the three kept postings.
	if !slices.Equal(seqs, []uint64{3, 5}) {
		t.Fatalf("recent postings of alice in USDC from entries %v, expected [3 5]", seqs)
	}
	if ps := New(Config{}).AppendRecentPostings(nil, alice, usdc); len(ps) != 0 {
		t.Fatalf("a ledger keeping no history returned %d postings", len(ps))
	}
}

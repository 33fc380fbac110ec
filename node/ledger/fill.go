package ledger

import (
	"fmt"

	"github.com/holiman/uint256"
)

// fillPlan is a validated fill: the holds involved and the amounts each
// side's hold gives up.
type fillPlan struct {
	buy, sell hold
	// sellerQuote is the quote amount minus the seller's fee.
	sellerQuote uint256.Int
	// fees are both sides' fees.
	fees uint256.Int
	// buyExcess and sellExcess are what each hold returns to available
	// beyond the fill and the order's remaining cost.
	buyExcess  uint256.Int
	sellExcess uint256.Int
}

// ApplyFill applies one trade in the open batch. The buyer's hold pays the
// quote amount and the buyer's fee, and the seller's hold pays the base
// amount. The buyer receives the base and the seller the quote minus the
// seller's fee, both pending settlement, and both fees go to FeesPending.
// Each hold then keeps exactly its order's remaining cost and returns the
// rest (price improvement, a lower fee rate, rounding) to available. The
// fill's amounts come from the matching engine, which computes fees as
// docs/PROTOCOL.md fixes.
func (tx *Tx) ApplyFill(f *Fill) error {
	if err := tx.usable(); err != nil {
		return err
	}
	plan, err := tx.l.planFill(f)
	if err != nil {
		return err
	}

	mark := tx.mark()
	if err := tx.postFill(f, &plan); err != nil {
		tx.undoTo(mark)
		return fmt.Errorf("fill of buy order %d and sell order %d: %w", f.BuyOrder, f.SellOrder, err)
	}
	tx.putHold(f.BuyOrder, hold{slot: plan.buy.slot, amount: f.BuyRemainingCost})
	tx.putHold(f.SellOrder, hold{slot: plan.sell.slot, amount: f.SellRemainingCost})
	return nil
}

// planFill checks a fill against the holds and computes what each side gives.
func (l *Ledger) planFill(f *Fill) (fillPlan, error) {
	var p fillPlan
	if f.BuyOrder == f.SellOrder {
		return p, fmt.Errorf("%w: order %d is on both sides", ErrInvalidFill, f.BuyOrder)
	}
	var ok bool
	if p.buy, ok = l.holds.get(f.BuyOrder); !ok {
		return p, fmt.Errorf("%w: buy order %d", ErrHoldNotFound, f.BuyOrder)
	}
	if p.sell, ok = l.holds.get(f.SellOrder); !ok {
		return p, fmt.Errorf("%w: sell order %d", ErrHoldNotFound, f.SellOrder)
	}
	if p.buy.slot.asset == p.sell.slot.asset {
		return p, fmt.Errorf("%w: buy order %d and sell order %d both hold %s, but a buy order holds the quote asset and a sell order the base asset",
			ErrInvalidFill, f.BuyOrder, f.SellOrder, p.buy.slot.asset.asset)
	}
	if f.BaseAmount.IsZero() || f.QuoteAmount.IsZero() {
		return p, fmt.Errorf("%w: base amount %s and quote amount %s must both be positive", ErrZeroAmount, f.BaseAmount.Dec(), f.QuoteAmount.Dec())
	}
	if _, short := p.sellerQuote.SubOverflow(&f.QuoteAmount, &f.SellerFee); short {
		return p, fmt.Errorf("%w: seller fee %s exceeds quote amount %s", ErrInvalidFill, f.SellerFee.Dec(), f.QuoteAmount.Dec())
	}
	if _, overflow := p.fees.AddOverflow(&f.BuyerFee, &f.SellerFee); overflow {
		return p, fmt.Errorf("%w: fees %s and %s", ErrOverflow, f.BuyerFee.Dec(), f.SellerFee.Dec())
	}

	var err error
	if p.buyExcess, err = holdExcess(p.buy, f.BuyOrder, &f.QuoteAmount, &f.BuyerFee, &f.BuyRemainingCost); err != nil {
		return p, err
	}
	var sellerFeeFromHold uint256.Int // the seller's fee comes out of the quote it receives
	if p.sellExcess, err = holdExcess(p.sell, f.SellOrder, &f.BaseAmount, &sellerFeeFromHold, &f.SellRemainingCost); err != nil {
		return p, err
	}
	return p, nil
}

// holdExcess returns what h keeps beyond the amount and fee it pays and the
// order's remaining cost, or a *ShortfallError if h is smaller than those.
func holdExcess(h hold, order uint64, amount, fee, remaining *uint256.Int) (uint256.Int, error) {
	var needed, excess uint256.Int
	_, overflow1 := needed.AddOverflow(amount, fee)
	_, overflow2 := needed.AddOverflow(&needed, remaining)
	if overflow1 || overflow2 {
		return excess, fmt.Errorf("%w: order %d needs more than 256 bits", ErrOverflow, order)
	}
	if _, short := excess.SubOverflow(&h.amount, &needed); short {
		account := Account{Owner: h.slot.owner, Asset: h.slot.asset.asset, Kind: Held}
		return uint256.Int{}, &ShortfallError{Err: ErrHoldShort, Account: account, Order: order, Needed: needed, Have: h.amount}
	}
	return excess, nil
}

// postFill makes the fill's postings in a fixed order: quote, fee, base,
// then the excess of the buy hold and of the sell hold.
func (tx *Tx) postFill(f *Fill, p *fillPlan) error {
	buyer, seller := p.buy.slot, p.sell.slot
	quote, base := buyer.asset, seller.asset
	batchID := tx.l.open.id

	sellerQuote := tx.slotFor(seller.owner, quote.asset)
	buyerBase := tx.slotFor(buyer.owner, base.asset)
	buyerPaid := tx.openRecord(buyer)
	sellerPaid := tx.openRecord(seller)

	quoteMove := move{kind: FillQuote, debit: ownerRef(buyer, Held), credit: ownerRef(sellerQuote, PendingSettlement),
		amount: p.sellerQuote, order: f.BuyOrder, batch: batchID, paidBy: buyerPaid}
	if !p.sellerQuote.IsZero() {
		quoteMove.receivedBy = tx.openRecord(sellerQuote)
	}
	feeMove := move{kind: FillFee, debit: ownerRef(buyer, Held), credit: systemRef(quote, FeesPending),
		amount: p.fees, order: f.BuyOrder, batch: batchID, paidBy: buyerPaid}
	if !p.fees.IsZero() {
		feeMove.receivedBy = tx.openFeeRecord(quote)
	}
	baseMove := move{kind: FillBase, debit: ownerRef(seller, Held), credit: ownerRef(buyerBase, PendingSettlement),
		amount: f.BaseAmount, order: f.SellOrder, batch: batchID, paidBy: sellerPaid, receivedBy: tx.openRecord(buyerBase)}
	buyRelease := move{kind: HoldReleased, debit: ownerRef(buyer, Held), credit: ownerRef(buyer, Available),
		amount: p.buyExcess, order: f.BuyOrder}
	sellRelease := move{kind: HoldReleased, debit: ownerRef(seller, Held), credit: ownerRef(seller, Available),
		amount: p.sellExcess, order: f.SellOrder}

	for _, m := range [...]*move{&quoteMove, &feeMove, &baseMove, &buyRelease, &sellRelease} {
		if err := tx.post(m); err != nil {
			return err
		}
	}
	return nil
}

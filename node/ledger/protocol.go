package ledger

import (
	"fmt"

	"github.com/holiman/uint256"
)

// bpsPerWhole is the number of basis points in 1.
const bpsPerWhole = 10_000

// BuyHold returns the hold of a buy order as docs/PROTOCOL.md fixes it:
// limitQuote + floor(limitQuote * maxFeeBps / 10000), where limitQuote =
// price * quantity * quotePerTickLot is the whole quantity at the limit
// price in quote base units. For the remaining cost of a partly filled
// order, pass its remaining quantity.
func BuyHold(price, quantity, quotePerTickLot uint64, maxFeeBps uint16) (uint256.Int, error) {
	var hold uint256.Int
	if price == 0 || quotePerTickLot == 0 {
		return hold, fmt.Errorf("%w: price %d and quote per tick and lot %d must be positive", ErrInvalidTerms, price, quotePerTickLot)
	}
	if maxFeeBps > bpsPerWhole {
		return hold, fmt.Errorf("%w: max fee %d bps is above %d", ErrInvalidTerms, maxFeeBps, bpsPerWhole)
	}

	// Three uint64 factors need at most 192 bits, so nothing here overflows.
	var limitQuote, fee uint256.Int
	limitQuote.SetUint64(price)
	limitQuote.Mul(&limitQuote, uint256.NewInt(quantity))
	limitQuote.Mul(&limitQuote, uint256.NewInt(quotePerTickLot))
	feeOf(&fee, &limitQuote, maxFeeBps)
	hold.Add(&limitQuote, &fee)
	return hold, nil
}

// SellHold returns the hold of a sell order, quantity * lotSize base-token
// base units, as docs/PROTOCOL.md fixes it.
func SellHold(quantity uint64, lotSize *uint256.Int) (uint256.Int, error) {
	var hold uint256.Int
	if lotSize.IsZero() {
		return hold, fmt.Errorf("%w: lot size must be positive", ErrInvalidTerms)
	}
	if _, overflow := hold.MulOverflow(uint256.NewInt(quantity), lotSize); overflow {
		return uint256.Int{}, fmt.Errorf("%w: %d lots of %s base units", ErrOverflow, quantity, lotSize.Dec())
	}
	return hold, nil
}

// feeOf sets z to floor(amount * bps / 10000), rounding in the trader's
// favour, and returns z. The caller keeps bps at most 10000, so the result
// is at most amount.
func feeOf(z, amount *uint256.Int, bps uint16) *uint256.Int {
	z.MulDivOverflow(amount, uint256.NewInt(uint64(bps)), uint256.NewInt(bpsPerWhole))
	return z
}

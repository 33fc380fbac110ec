package batch

import (
	"fmt"
)

// Encode returns the settle calldata argument for the batch. It rejects
// what the layout cannot carry and what the contract rejects whatever the
// chain state: bad indices, zero amounts, an immediate order without
// signature. The settler must respect the rules that depend on chain state,
// which the package documentation lists.
func Encode(b Batch) ([]byte, error) {
	if err := b.checkCounts(); err != nil {
		return nil, err
	}
	t, err := b.build()
	if err != nil {
		return nil, err
	}

	out := make([]byte, 0, b.size(t))
	out = encodeHeader(out, &b, t)
	for _, a := range t.traders {
		out = append(out, a[:]...)
	}
	for _, a := range t.tokens {
		out = append(out, a[:]...)
	}
	for _, m := range t.markets {
		out = putUint(out, uint64(m.ID), 4)
		out = append(out, byte(t.tokenIndex[m.Base]), byte(t.tokenIndex[m.Quote]))
	}

	for i, o := range b.Orders {
		if out, err = encodeOrder(out, i, o, t); err != nil {
			return nil, err
		}
	}
	for i, tr := range b.Trades {
		if out, err = encodeTrade(out, i, tr, len(b.Orders)); err != nil {
			return nil, err
		}
	}
	for i, w := range b.Withdrawals {
		if out, err = encodeWithdrawal(out, i, w, t); err != nil {
			return nil, err
		}
	}
	for _, r := range b.Requests {
		out = putUint(out, uint64(t.traderIndex[r.Trader]), 2)
		out = append(out, byte(t.tokenIndex[r.Token]))
	}
	return out, nil
}

func encodeHeader(out []byte, b *Batch, t *tables) []byte {
	out = append(out, Version)
	out = putUint(out, b.ID, 8)
	out = putUint(out, uint64(len(t.traders)), 2)
	out = append(out, byte(len(t.tokens)), byte(len(t.markets)))
	out = putUint(out, uint64(len(b.Orders)), 2)
	out = putUint(out, uint64(len(b.Trades)), 2)
	out = append(out, byte(len(b.Withdrawals)))
	return putUint(out, uint64(len(b.Requests)), 2)
}

func encodeOrder(out []byte, i int, o Order, t *tables) ([]byte, error) {
	bits, err := orderBits(o.Order)
	if err != nil {
		return nil, fmt.Errorf("order %d: %w", i, err)
	}
	if o.Signature == nil && o.TimeInForce.Immediate() {
		return nil, fmt.Errorf("%w: order %d is immediate (IOC or FOK) and has no signature", ErrInvalidOrder, i)
	}
	flags := byte(0)
	if o.Signature != nil {
		flags = 1
	}
	out = append(out, flags)
	out = putUint(out, uint64(t.traderIndex[o.Trader]), 2)
	out = append(out, byte(t.marketIndex[o.Market]), bits)
	out = putUint(out, o.Price, 8)
	out = putUint(out, o.TriggerPrice, 8)
	out = putUint(out, o.Quantity, 8)
	out = putUint(out, uint64(o.MaxFeeBps), 2)
	out = putUint(out, o.Nonce, 8)
	out = putUint(out, o.Expiry, 8)
	if o.Signature != nil {
		out = append(out, o.Signature[:]...)
	}
	return out, nil
}

func encodeTrade(out []byte, i int, tr Trade, orders int) ([]byte, error) {
	if tr.Maker < 0 || tr.Maker >= orders || tr.Taker < 0 || tr.Taker >= orders {
		return nil, fmt.Errorf("%w: trade %d refers to orders %d and %d, the batch has %d", ErrInvalidTrade, i, tr.Maker, tr.Taker, orders)
	}
	if tr.Maker == tr.Taker {
		return nil, fmt.Errorf("%w: trade %d fills order %d against itself", ErrInvalidTrade, i, tr.Maker)
	}
	if tr.Price == 0 || tr.Quantity == 0 {
		return nil, fmt.Errorf("%w: trade %d has price %d and quantity %d, both must be positive", ErrInvalidTrade, i, tr.Price, tr.Quantity)
	}
	out = putUint(out, uint64(tr.Maker), 2)
	out = putUint(out, uint64(tr.Taker), 2)
	out = putUint(out, tr.Price, 8)
	return putUint(out, tr.Quantity, 8), nil
}

func encodeWithdrawal(out []byte, i int, w Withdrawal, t *tables) ([]byte, error) {
	if w.Amount == nil || w.Amount.Sign() <= 0 || w.Amount.Cmp(withdrawalAmountMax) > 0 {
		return nil, fmt.Errorf("%w: withdrawal %d amount %v, expected 1 to 2^255-1 base units", ErrInvalidWithdrawal, i, w.Amount)
	}
	out = putUint(out, uint64(t.traderIndex[w.Trader]), 2)
	out = append(out, byte(t.tokenIndex[w.Token]))
	var amount [32]byte
	w.Amount.FillBytes(amount[:])
	out = append(out, amount[:]...)
	out = putUint(out, w.Nonce, 8)
	out = putUint(out, w.Expiry, 8)
	return append(out, w.Signature[:]...), nil
}

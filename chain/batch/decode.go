package batch

import (
	"encoding/binary"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// reader walks encoded bytes; the first out-of-range read sets err and
// every later read returns zeros.
type reader struct {
	data []byte
	pos  int
	err  error
}

func (r *reader) next(n int) []byte {
	if r.err != nil {
		return make([]byte, n)
	}
	if len(r.data)-r.pos < n {
		r.err = fmt.Errorf("%w: need %d bytes at offset %d, have %d", ErrMalformed, n, r.pos, len(r.data)-r.pos)
		return make([]byte, n)
	}
	out := r.data[r.pos : r.pos+n]
	r.pos += n
	return out
}

func (r *reader) uint(n int) uint64 {
	var buf [8]byte
	copy(buf[8-n:], r.next(n))
	return binary.BigEndian.Uint64(buf[:])
}

func (r *reader) index(n int, count int, what string) int {
	i := int(r.uint(n))
	if r.err == nil && i >= count {
		r.err = fmt.Errorf("%w: %s index %d at offset %d, table has %d entries", ErrMalformed, what, i, r.pos-n, count)
	}
	return i
}

// header holds the count fields of an encoded batch.
type header struct {
	traders, tokens, markets, orders, trades, withdrawals, requests int
}

// Decode parses settle calldata produced by Encode. It checks the layout
// (version, lengths, indices) but none of the contract's rules; it exists
// for tests, tools and fuzzing.
func Decode(data []byte) (Batch, error) {
	r := &reader{data: data}
	var b Batch
	if v := r.uint(1); r.err == nil && v != Version {
		return b, fmt.Errorf("%w: version %d, expected %d", ErrMalformed, v, Version)
	}
	b.ID = r.uint(8)
	h := header{
		traders: int(r.uint(2)), tokens: int(r.uint(1)), markets: int(r.uint(1)),
		orders: int(r.uint(2)), trades: int(r.uint(2)), withdrawals: int(r.uint(1)), requests: int(r.uint(2)),
	}

	traders := make([]common.Address, 0, min(h.traders, len(data)/AddressBytes))
	for i := 0; i < h.traders && r.err == nil; i++ {
		traders = append(traders, common.BytesToAddress(r.next(AddressBytes)))
	}
	tokens := make([]common.Address, 0, h.tokens)
	for i := 0; i < h.tokens && r.err == nil; i++ {
		tokens = append(tokens, common.BytesToAddress(r.next(AddressBytes)))
	}
	for i := 0; i < h.markets && r.err == nil; i++ {
		id := uint32(r.uint(4))
		base, quote := r.index(1, len(tokens), "base token"), r.index(1, len(tokens), "quote token")
		if r.err == nil {
			b.Markets = append(b.Markets, Market{ID: id, Base: tokens[base], Quote: tokens[quote]})
		}
	}

	decodeOrders(r, &b, h, traders)
	decodeTrades(r, &b, h)
	decodeWithdrawals(r, &b, h, traders, tokens)
	for i := 0; i < h.requests && r.err == nil; i++ {
		trader, token := r.index(2, len(traders), "trader"), r.index(1, len(tokens), "token")
		if r.err == nil {
			b.Requests = append(b.Requests, Request{Trader: traders[trader], Token: tokens[token]})
		}
	}

	if r.err != nil {
		return Batch{}, r.err
	}
	if r.pos != len(data) {
		return Batch{}, fmt.Errorf("%w: %d trailing bytes after offset %d", ErrMalformed, len(data)-r.pos, r.pos)
	}
	return b, nil
}

func decodeOrders(r *reader, b *Batch, h header, traders []common.Address) {
	for i := 0; i < h.orders && r.err == nil; i++ {
		flags := r.uint(1)
		if r.err == nil && flags > 1 {
			r.err = fmt.Errorf("%w: order %d flags %d, expected 0 or 1", ErrMalformed, i, flags)
		}
		trader := r.index(2, len(traders), "trader")
		market := r.index(1, len(b.Markets), "market")
		bits := byte(r.uint(1))
		var o Order
		o.Side = eip712.Side(bits & 1)
		o.Kind = eip712.Kind(bits >> 1 & 3)
		o.TimeInForce = eip712.TimeInForce(bits >> 3 & 3)
		o.PostOnly = bits>>5&1 == 1
		o.SelfTradePrevention = eip712.SelfTradePrevention(bits >> 6)
		o.Price, o.TriggerPrice, o.Quantity = r.uint(8), r.uint(8), r.uint(8)
		o.MaxFeeBps = uint16(r.uint(2))
		o.Nonce, o.Expiry = r.uint(8), r.uint(8)
		if flags == 1 {
			var sig eip712.Signature
			copy(sig[:], r.next(SignatureBytes))
			o.Signature = &sig
		}
		if r.err != nil {
			return
		}
		o.Trader = traders[trader]
		o.Market = b.Markets[market].ID
		b.Orders = append(b.Orders, o)
	}
}

func decodeTrades(r *reader, b *Batch, h header) {
	for i := 0; i < h.trades && r.err == nil; i++ {
		maker, taker := r.index(2, len(b.Orders), "maker order"), r.index(2, len(b.Orders), "taker order")
		price, quantity := r.uint(8), r.uint(8)
		if r.err == nil {
			b.Trades = append(b.Trades, Trade{Maker: maker, Taker: taker, Price: price, Quantity: quantity})
		}
	}
}

func decodeWithdrawals(r *reader, b *Batch, h header, traders, tokens []common.Address) {
	for i := 0; i < h.withdrawals && r.err == nil; i++ {
		trader, token := r.index(2, len(traders), "trader"), r.index(1, len(tokens), "token")
		amount := new(big.Int).SetBytes(r.next(32))
		nonce, expiry := r.uint(8), r.uint(8)
		var sig eip712.Signature
		copy(sig[:], r.next(SignatureBytes))
		if r.err != nil {
			return
		}
		b.Withdrawals = append(b.Withdrawals, Withdrawal{
			Withdrawal: eip712.Withdrawal{Trader: traders[trader], Token: tokens[token], Amount: amount, Nonce: nonce, Expiry: expiry},
			Signature:  sig,
		})
	}
}

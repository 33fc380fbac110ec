package batch

import (
	"encoding/binary"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// Version is the layout version written in the first byte; the contract
// accepts only this one.
const Version = 1

// Limits of the layout's count fields.
const (
	TradersMax     = 1<<16 - 1
	TokensMax      = 1<<8 - 1
	MarketsMax     = 1<<8 - 1
	OrdersMax      = 1<<16 - 1
	TradesMax      = 1<<16 - 1
	WithdrawalsMax = 1<<8 - 1
	RequestsMax    = 1<<16 - 1
)

// Sizes of the packed records in bytes.
const (
	HeaderBytes     = 20
	AddressBytes    = 20
	MarketBytes     = 6
	OrderBytes      = 47
	SignatureBytes  = eip712.SignatureLength
	TradeBytes      = 20
	WithdrawalBytes = 51 + SignatureBytes
	RequestBytes    = 3
)

// Market names a listed market's tokens, as the contract stores them.
type Market struct {
	ID    uint32
	Base  common.Address
	Quote common.Address
}

// Order is an order listed in a batch. A nil Signature omits it, which the
// contract accepts only for a resting order it has already filled.
type Order struct {
	eip712.Order
	Signature *eip712.Signature
}

// Trade fills Maker against Taker, both indices into Batch.Orders, at
// Price ticks for Quantity lots.
type Trade struct {
	Maker    int
	Taker    int
	Price    uint64
	Quantity uint64
}

// Withdrawal is a signed withdrawal settled in a batch.
type Withdrawal struct {
	eip712.Withdrawal
	Signature eip712.Signature
}

// Request honours a trader's escape-hatch withdrawal request for Token.
type Request struct {
	Trader common.Address
	Token  common.Address
}

// Batch is one settle call. Markets must contain every market that an
// order uses; Encode lists only the used ones.
type Batch struct {
	ID          uint64
	Markets     []Market
	Orders      []Order
	Trades      []Trade
	Withdrawals []Withdrawal
	Requests    []Request
}

// tables maps traders, tokens and markets to their batch-local indices.
type tables struct {
	traders     []common.Address
	traderIndex map[common.Address]int
	tokens      []common.Address
	tokenIndex  map[common.Address]int
	markets     []Market
	marketIndex map[uint32]int
}

func newTables() *tables {
	return &tables{
		traderIndex: map[common.Address]int{},
		tokenIndex:  map[common.Address]int{},
		marketIndex: map[uint32]int{},
	}
}

func (t *tables) trader(a common.Address) int {
	if i, ok := t.traderIndex[a]; ok {
		return i
	}
	t.traderIndex[a] = len(t.traders)
	t.traders = append(t.traders, a)
	return len(t.traders) - 1
}

func (t *tables) token(a common.Address) int {
	if i, ok := t.tokenIndex[a]; ok {
		return i
	}
	t.tokenIndex[a] = len(t.tokens)
	t.tokens = append(t.tokens, a)
	return len(t.tokens) - 1
}

func (t *tables) market(m Market) int {
	if i, ok := t.marketIndex[m.ID]; ok {
		return i
	}
	t.token(m.Base)
	t.token(m.Quote)
	t.marketIndex[m.ID] = len(t.markets)
	t.markets = append(t.markets, m)
	return len(t.markets) - 1
}

// build fills the tables in order of first use: orders, then withdrawals,
// then requests.
func (b *Batch) build() (*tables, error) {
	known := make(map[uint32]Market, len(b.Markets))
	for _, m := range b.Markets {
		known[m.ID] = m
	}
	t := newTables()
	for i, o := range b.Orders {
		m, ok := known[o.Market]
		if !ok {
			return nil, fmt.Errorf("%w: order %d uses market %d, add it to Batch.Markets", ErrUnknownMarket, i, o.Market)
		}
		t.trader(o.Trader)
		t.market(m)
	}
	for _, w := range b.Withdrawals {
		t.trader(w.Trader)
		t.token(w.Token)
	}
	for _, r := range b.Requests {
		t.trader(r.Trader)
		t.token(r.Token)
	}
	return t, t.checkCounts()
}

func (t *tables) checkCounts() error {
	if len(t.traders) > TradersMax {
		return fmt.Errorf("%w: %d traders, at most %d", ErrTooMany, len(t.traders), TradersMax)
	}
	if len(t.tokens) > TokensMax {
		return fmt.Errorf("%w: %d tokens, at most %d", ErrTooMany, len(t.tokens), TokensMax)
	}
	if len(t.markets) > MarketsMax {
		return fmt.Errorf("%w: %d markets, at most %d", ErrTooMany, len(t.markets), MarketsMax)
	}
	return nil
}

func (b *Batch) checkCounts() error {
	switch {
	case len(b.Orders) > OrdersMax:
		return fmt.Errorf("%w: %d orders, at most %d", ErrTooMany, len(b.Orders), OrdersMax)
	case len(b.Trades) > TradesMax:
		return fmt.Errorf("%w: %d trades, at most %d", ErrTooMany, len(b.Trades), TradesMax)
	case len(b.Withdrawals) > WithdrawalsMax:
		return fmt.Errorf("%w: %d withdrawals, at most %d", ErrTooMany, len(b.Withdrawals), WithdrawalsMax)
	case len(b.Requests) > RequestsMax:
		return fmt.Errorf("%w: %d requests, at most %d", ErrTooMany, len(b.Requests), RequestsMax)
	}
	return nil
}

// orderBits packs side, kind, time in force, post-only and self-trade
// prevention into one byte: side | kind<<1 | tif<<3 | postOnly<<5 | stp<<6.
func orderBits(o eip712.Order) (byte, error) {
	if o.Side > eip712.Sell || o.Kind > eip712.StopMarket || o.TimeInForce > eip712.FOK || o.SelfTradePrevention > eip712.CancelBoth {
		return 0, fmt.Errorf("%w: side %d, kind %d, timeInForce %d or selfTradePrevention %d out of range",
			ErrInvalidOrder, o.Side, o.Kind, o.TimeInForce, o.SelfTradePrevention)
	}
	bits := byte(o.Side) | byte(o.Kind)<<1 | byte(o.TimeInForce)<<3 | byte(o.SelfTradePrevention)<<6
	if o.PostOnly {
		bits |= 1 << 5
	}
	return bits, nil
}

// Size returns the encoded length of the batch in bytes, or an error for
// a batch that Encode rejects.
func (b *Batch) Size() (int, error) {
	t, err := b.build()
	if err != nil {
		return 0, err
	}
	return b.size(t), nil
}

func (b *Batch) size(t *tables) int {
	size := HeaderBytes + AddressBytes*(len(t.traders)+len(t.tokens)) + MarketBytes*len(t.markets)
	for _, o := range b.Orders {
		size += OrderBytes
		if o.Signature != nil {
			size += SignatureBytes
		}
	}
	return size + TradeBytes*len(b.Trades) + WithdrawalBytes*len(b.Withdrawals) + RequestBytes*len(b.Requests)
}

// withdrawalAmountMax is the largest withdrawal amount the contract accepts, 2^255-1.
var withdrawalAmountMax = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(1))

func putUint(out []byte, v uint64, size int) []byte {
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], v)
	return append(out, buf[8-size:]...)
}

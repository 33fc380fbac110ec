package state

import (
	"fmt"

	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/matching"
)

// MarketKey names a market: its id in the Exchange contract of a chain.
type MarketKey struct {
	ChainID uint64
	ID      uint32
}

func (k MarketKey) String() string { return fmt.Sprintf("market %d on chain %d", k.ID, k.ChainID) }

func (k MarketKey) compare(o MarketKey) int {
	switch {
	case k.ChainID != o.ChainID:
		return cmpUint(k.ChainID, o.ChainID)
	default:
		return cmpUint(uint64(k.ID), uint64(o.ID))
	}
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Key returns the market's key.
func (m *Market) Key() MarketKey { return MarketKey{ChainID: m.ChainID, ID: m.ID} }

// QuotePerTickLot returns tickSize * lotSize / 10^baseDecimals, the quote
// base units of one lot at one tick. It rejects a market where that is not
// a whole number from 1 to 2^64-1 (docs/PROTOCOL.md).
func (m *Market) QuotePerTickLot() (uint64, error) {
	if m.TickSize.IsZero() || m.LotSize.IsZero() {
		return 0, fmt.Errorf("%w: %s: tick size %s and lot size %s must both be above 0",
			ErrInvalidMarket, m.Symbol, m.TickSize.Dec(), m.LotSize.Dec())
	}
	if m.BaseDecimals > 77 {
		return 0, fmt.Errorf("%w: %s: base decimals %d above 77", ErrInvalidMarket, m.Symbol, m.BaseDecimals)
	}
	var product, scale, rem uint256.Int
	if _, overflow := product.MulOverflow(&m.TickSize, &m.LotSize); overflow {
		return 0, fmt.Errorf("%w: %s: tick size times lot size overflows 256 bits", ErrInvalidMarket, m.Symbol)
	}
	scale.Exp(uint256.NewInt(10), uint256.NewInt(uint64(m.BaseDecimals)))
	rem.Mod(&product, &scale)
	if !rem.IsZero() {
		return 0, fmt.Errorf("%w: %s: tick size %s times lot size %s is not a multiple of 10^%d, so fills would have fractional quote amounts",
			ErrInvalidMarket, m.Symbol, m.TickSize.Dec(), m.LotSize.Dec(), m.BaseDecimals)
	}
	product.Div(&product, &scale)
	if !product.IsUint64() || product.IsZero() {
		return 0, fmt.Errorf("%w: %s: quote per tick and lot %s is outside 1..2^64-1", ErrInvalidMarket, m.Symbol, product.Dec())
	}
	return product.Uint64(), nil
}

// bookConfig validates the listing and returns the engine's configuration.
func (m *Market) bookConfig() (matching.Config, error) {
	switch {
	case m.ChainID == 0:
		return matching.Config{}, fmt.Errorf("%w: %s: chain id is 0", ErrInvalidMarket, m.Symbol)
	case m.ID == 0:
		return matching.Config{}, fmt.Errorf("%w: %s: market id is 0; Exchange ids start at 1", ErrInvalidMarket, m.Symbol)
	case m.Symbol == "":
		return matching.Config{}, fmt.Errorf("%w: market %d on chain %d has no symbol", ErrInvalidMarket, m.ID, m.ChainID)
	case m.Exchange == zeroAddress || m.Base == zeroAddress || m.Quote == zeroAddress:
		return matching.Config{}, fmt.Errorf("%w: %s: exchange, base and quote addresses must be set", ErrInvalidMarket, m.Symbol)
	case m.Base == m.Quote:
		return matching.Config{}, fmt.Errorf("%w: %s: base and quote are the same token %s", ErrInvalidMarket, m.Symbol, m.Base)
	}
	perTickLot, err := m.QuotePerTickLot()
	if err != nil {
		return matching.Config{}, err
	}
	cfg := matching.Config{
		MarketID:         m.ID,
		MakerFeeBps:      m.MakerFeeBps,
		TakerFeeBps:      m.TakerFeeBps,
		QuotePerTickLot:  perTickLot,
		MaxPrice:         m.MaxPrice,
		MaxQuantity:      m.MaxQuantity,
		MaxRestingOrders: m.MaxRestingOrders,
		MaxStopOrders:    m.MaxStopOrders,
		EmitDepth:        true,
	}
	if err := cfg.Validate(); err != nil {
		return matching.Config{}, fmt.Errorf("%w: %s: %w", ErrInvalidMarket, m.Symbol, err)
	}
	return cfg, nil
}

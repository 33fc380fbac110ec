package matching

import (
	"fmt"
	"math"
)

// Side is the side of an order. The codes are those of the signed order
// (docs/PROTOCOL.md).
type Side uint8

// Sides.
const (
	Buy  Side = 0
	Sell Side = 1
)

// Kind is the order kind. The codes are those of the signed order.
type Kind uint8

// Order kinds. Market and stop-market orders carry a worst acceptable price.
const (
	Limit      Kind = 0
	Market     Kind = 1
	StopLimit  Kind = 2
	StopMarket Kind = 3
)

// TimeInForce is how long an order may rest. The codes are those of the
// signed order.
type TimeInForce uint8

// Time in force values.
const (
	GTC TimeInForce = 0 // good till cancelled
	GTD TimeInForce = 1 // good till the expiry time
	IOC TimeInForce = 2 // immediate or cancel: the remainder never rests
	FOK TimeInForce = 3 // fill or kill: fills completely or not at all
)

// SelfTradeMode selects what happens when an incoming order meets a resting
// order of the same owner. The codes are those of the signed order.
type SelfTradeMode uint8

// Self-trade prevention modes.
const (
	CancelNewest SelfTradeMode = 0
	CancelOldest SelfTradeMode = 1
	CancelBoth   SelfTradeMode = 2
)

var (
	sideNames = [...]string{"buy", "sell"}
	kindNames = [...]string{"limit", "market", "stop-limit", "stop-market"}
	tifNames  = [...]string{"gtc", "gtd", "ioc", "fok"}
	stpNames  = [...]string{"cancel-newest", "cancel-oldest", "cancel-both"}
)

func (s Side) String() string {
	if int(s) < len(sideNames) {
		return sideNames[s]
	}
	return fmt.Sprintf("side(%d)", uint8(s))
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

func (t TimeInForce) String() string {
	if int(t) < len(tifNames) {
		return tifNames[t]
	}
	return fmt.Sprintf("tif(%d)", uint8(t))
}

func (m SelfTradeMode) String() string {
	if int(m) < len(stpNames) {
		return stpNames[m]
	}
	return fmt.Sprintf("self-trade(%d)", uint8(m))
}

// Opposite returns the other side.
func (s Side) Opposite() Side { return s ^ 1 }

func (s Side) valid() bool          { return s <= Sell }
func (k Kind) valid() bool          { return k <= StopMarket }
func (t TimeInForce) valid() bool   { return t <= FOK }
func (m SelfTradeMode) valid() bool { return m <= CancelBoth }
func (k Kind) isStop() bool         { return k == StopLimit || k == StopMarket }

// Limits of a Config that the engine's index types impose.
const (
	// maxPriceLimit keeps prices below 2^63, so the top bit of a page index
	// key is free for the side.
	maxPriceLimit = math.MaxUint64 >> 1
	// ordersMax is the most resting plus stop orders a book can hold, because
	// order slots are uint32 and one value marks "no slot".
	ordersMax = math.MaxUint32 - 1
	// feeBpsMax is 100%.
	feeBpsMax = 10_000
)

// Config fixes a market's parameters and the book's capacity.
type Config struct {
	// MarketID is the market's id in the Exchange contract.
	MarketID uint32
	// MakerFeeBps and TakerFeeBps are the fee rates in basis points, at most
	// 10,000.
	MakerFeeBps uint16
	TakerFeeBps uint16
	// QuotePerTickLot is the quote amount, in quote-token base units, of one
	// lot at one tick; it is greater than zero.
	QuotePerTickLot uint64
	// MaxPrice is the highest price in ticks that an order may carry.
	MaxPrice uint64
	// MaxQuantity is the largest quantity in lots of one order. The book
	// rejects a Config where MaxQuantity times (MaxRestingOrders +
	// MaxStopOrders) overflows uint64, so no sum of quantities can overflow.
	MaxQuantity uint64
	// MaxRestingOrders and MaxStopOrders cap the orders the book holds.
	MaxRestingOrders uint32
	MaxStopOrders    uint32
	// EmitDepth turns on DepthChanged events.
	EmitDepth bool
}

// Validate returns an error naming the first field that is out of range.
func (c Config) Validate() error {
	switch {
	case c.MakerFeeBps > feeBpsMax:
		return fmt.Errorf("%w: maker fee %d bps is above %d", ErrInvalidConfig, c.MakerFeeBps, feeBpsMax)
	case c.TakerFeeBps > feeBpsMax:
		return fmt.Errorf("%w: taker fee %d bps is above %d", ErrInvalidConfig, c.TakerFeeBps, feeBpsMax)
	case c.QuotePerTickLot == 0:
		return fmt.Errorf("%w: quote per tick and lot is 0; set it to tickSize*lotSize/10^baseDecimals", ErrInvalidConfig)
	case c.MaxPrice == 0 || c.MaxPrice > maxPriceLimit:
		return fmt.Errorf("%w: max price %d ticks is outside 1..%d", ErrInvalidConfig, c.MaxPrice, uint64(maxPriceLimit))
	case c.MaxQuantity == 0:
		return fmt.Errorf("%w: max quantity is 0 lots", ErrInvalidConfig)
	case c.MaxRestingOrders == 0:
		return fmt.Errorf("%w: max resting orders is 0", ErrInvalidConfig)
	case uint64(c.MaxRestingOrders)+uint64(c.MaxStopOrders) > ordersMax:
		return fmt.Errorf("%w: max resting orders %d plus max stop orders %d is above %d",
			ErrInvalidConfig, c.MaxRestingOrders, c.MaxStopOrders, uint64(ordersMax))
	}
	orders := uint64(c.MaxRestingOrders) + uint64(c.MaxStopOrders)
	if c.MaxQuantity > math.MaxUint64/orders {
		return fmt.Errorf("%w: max quantity %d lots times %d orders overflows uint64; lower either",
			ErrInvalidConfig, c.MaxQuantity, orders)
	}
	return nil
}

// OrderInfo describes an open order: resting in the book, or a stop order
// waiting for its trigger.
type OrderInfo struct {
	ID           uint64
	Owner        uint64
	Side         Side
	Kind         Kind
	TimeInForce  TimeInForce
	SelfTrade    SelfTradeMode
	Price        uint64 // ticks
	TriggerPrice uint64 // ticks; 0 unless a stop order
	Remaining    uint64 // lots
	Expiry       uint64 // 0 unless GTD, or an IOC or FOK stop order placed with one
	Resting      bool   // false for a stop order that has not triggered
}

// Level is one aggregated price level.
type Level struct {
	Price    uint64 // ticks
	Quantity uint64 // lots
	Orders   uint32
}

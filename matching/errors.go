package matching

import (
	"errors"
	"fmt"
)

// Sentinel errors. Apply wraps exactly one of them, with the values involved,
// for every rejected command; a rejected command leaves the book unchanged.
var (
	// ErrInvalidConfig: a Config field is out of range.
	ErrInvalidConfig = errors.New("matching: invalid config")

	// ErrInvalidSide: the side code is neither buy (0) nor sell (1).
	ErrInvalidSide = errors.New("matching: invalid side")
	// ErrInvalidKind: the kind code is not limit, market, stop-limit or stop-market.
	ErrInvalidKind = errors.New("matching: invalid order kind")
	// ErrInvalidTimeInForce: unknown code, or one the kind does not allow
	// (market orders are IOC or FOK).
	ErrInvalidTimeInForce = errors.New("matching: invalid time in force")
	// ErrInvalidSelfTradeMode: the self-trade prevention code is unknown.
	ErrInvalidSelfTradeMode = errors.New("matching: invalid self-trade prevention mode")
	// ErrZeroQuantity: an order or amend has a quantity of 0 lots.
	ErrZeroQuantity = errors.New("matching: zero quantity")
	// ErrQuantityTooLarge: the quantity is above Config.MaxQuantity, the bound
	// that keeps every sum of quantities from overflowing.
	ErrQuantityTooLarge = errors.New("matching: quantity too large")
	// ErrZeroPrice: an order or amend has a price of 0 ticks.
	ErrZeroPrice = errors.New("matching: zero price")
	// ErrPriceTooHigh: a price or trigger price is above Config.MaxPrice.
	ErrPriceTooHigh = errors.New("matching: price too high")
	// ErrInvalidTriggerPrice: a stop order without a trigger price, or another
	// kind with one.
	ErrInvalidTriggerPrice = errors.New("matching: invalid trigger price")
	// ErrPostOnlyNotAllowed: post-only on an order that is not a GTC or GTD
	// limit order.
	ErrPostOnlyNotAllowed = errors.New("matching: post-only not allowed")
	// ErrExpiryNotAfterLastTick: a GTD order, or an IOC or FOK stop order
	// with an expiry, whose expiry is not after the time of the last tick.
	ErrExpiryNotAfterLastTick = errors.New("matching: expiry not after the last tick")
	// ErrExpiryWithoutGTD: an expiry on an order that is neither GTD nor an
	// IOC or FOK stop order.
	ErrExpiryWithoutGTD = errors.New("matching: expiry on an order that is not GTD")
	// ErrFeeAboveMax: the market's fee rate is above the order's max fee.
	ErrFeeAboveMax = errors.New("matching: fee above the order's max fee")
	// ErrDuplicateOrderID: the id belongs to an open order.
	ErrDuplicateOrderID = errors.New("matching: duplicate order id")
	// ErrStopWrongSide: the last trade price has already reached the stop's
	// trigger price.
	ErrStopWrongSide = errors.New("matching: stop price on the wrong side of the last trade")
	// ErrBookFull: the book holds Config.MaxRestingOrders orders.
	ErrBookFull = errors.New("matching: book full")
	// ErrStopBookFull: the book holds Config.MaxStopOrders stop orders.
	ErrStopBookFull = errors.New("matching: stop book full")
	// ErrPostOnlyWouldTake: a post-only order would take liquidity.
	ErrPostOnlyWouldTake = errors.New("matching: post-only order would take liquidity")
	// ErrUnknownOrder: a cancel or amend names no open order.
	ErrUnknownOrder = errors.New("matching: unknown order")
	// ErrNotResting: an amend names a stop order that has not triggered.
	ErrNotResting = errors.New("matching: order not resting")
	// ErrAmendWouldCross: an amend's new price would take liquidity.
	ErrAmendWouldCross = errors.New("matching: amend would cross the book")
	// ErrTickBackwards: a tick's time is before the last tick's.
	ErrTickBackwards = errors.New("matching: tick time before the last tick")
	// ErrUnknownCommand: the command type is unknown.
	ErrUnknownCommand = errors.New("matching: unknown command")

	// ErrInvalidEncoding: a command's binary encoding is malformed.
	ErrInvalidEncoding = errors.New("matching: invalid command encoding")
	// ErrInvalidSnapshot: a snapshot is malformed, fails its checksum or
	// describes a book that breaks an invariant.
	ErrInvalidSnapshot = errors.New("matching: invalid snapshot")
)

// reasonErrors maps each rejection reason to its sentinel error.
var reasonErrors = [...]error{
	ReasonInvalidSide:            ErrInvalidSide,
	ReasonInvalidKind:            ErrInvalidKind,
	ReasonInvalidTimeInForce:     ErrInvalidTimeInForce,
	ReasonInvalidSelfTradeMode:   ErrInvalidSelfTradeMode,
	ReasonZeroQuantity:           ErrZeroQuantity,
	ReasonQuantityTooLarge:       ErrQuantityTooLarge,
	ReasonZeroPrice:              ErrZeroPrice,
	ReasonPriceTooHigh:           ErrPriceTooHigh,
	ReasonInvalidTriggerPrice:    ErrInvalidTriggerPrice,
	ReasonPostOnlyNotAllowed:     ErrPostOnlyNotAllowed,
	ReasonExpiryNotAfterLastTick: ErrExpiryNotAfterLastTick,
	ReasonExpiryWithoutGTD:       ErrExpiryWithoutGTD,
	ReasonFeeAboveMax:            ErrFeeAboveMax,
	ReasonDuplicateOrderID:       ErrDuplicateOrderID,
	ReasonStopWrongSide:          ErrStopWrongSide,
	ReasonBookFull:               ErrBookFull,
	ReasonStopBookFull:           ErrStopBookFull,
	ReasonPostOnlyWouldTake:      ErrPostOnlyWouldTake,
	ReasonUnknownOrder:           ErrUnknownOrder,
	ReasonNotResting:             ErrNotResting,
	ReasonAmendWouldCross:        ErrAmendWouldCross,
	ReasonTickBackwards:          ErrTickBackwards,
	ReasonUnknownCommand:         ErrUnknownCommand,
}

// ReasonOf returns the reason code of a rejection error returned by Apply,
// or ReasonNone.
func ReasonOf(err error) Reason {
	for r, sentinel := range reasonErrors {
		if sentinel != nil && errors.Is(err, sentinel) {
			return Reason(r)
		}
	}
	return ReasonNone
}

// RejectError is a rejected command. Its message names the command, the
// order id and the values in ticks and lots. Callers that show the
// rejection to a trader use the fields to restate it in the market's units.
type RejectError struct {
	Reason  Reason
	Command CommandType
	OrderID uint64
	// Detail is the part of the message after the command and the order id.
	Detail string
	// Price and Limit are set, in ticks, when the reason compares two
	// prices: Price is the order's price or trigger price, and Limit is
	// the price it failed against (the opposite side's best price, the
	// last trade price or the market maximum). Both are 0 otherwise.
	Price, Limit uint64
}

func (e *RejectError) Error() string {
	return fmt.Sprintf("%v: %s %d: %s", reasonErrors[e.Reason], e.Command, e.OrderID, e.Detail)
}

// Unwrap returns the sentinel of the reason.
func (e *RejectError) Unwrap() error { return reasonErrors[e.Reason] }

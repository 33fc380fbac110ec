package matching

import (
	"fmt"
	"strconv"

	"github.com/holiman/uint256"
)

// EventType identifies what an event reports.
type EventType uint8

// Event types.
const (
	// EventAccepted: a place command passed validation. Fields: OrderID,
	// Owner, Side, Kind, TimeInForce, Price, TriggerPrice, Quantity.
	EventAccepted EventType = iota + 1
	// EventRejected: a command was rejected; the book is unchanged. Fields:
	// Command, OrderID (0 for a tick), Owner (place only), Reason. It is the
	// terminal event of a rejected place.
	EventRejected
	// EventTrade: one fill. OrderID and Owner name the taker, MakerID and
	// MakerOwner the resting order. Side is the taker's side, Price the
	// maker's price and Quantity the lots filled. Quote, MakerFee and TakerFee
	// are in quote-token base units. MakerRemaining and TakerRemaining are the
	// lots each order has left after this fill.
	EventTrade
	// EventCancelled: an open or incoming order left the book unfilled.
	// Fields: OrderID, Owner, Side, Price, Quantity (the lots cancelled),
	// Reason.
	EventCancelled
	// EventStopTriggered: a stop order's trigger was reached; its order
	// matches next. Fields: OrderID, Owner, Side, Kind, Price, TriggerPrice,
	// Quantity (remaining lots).
	EventStopTriggered
	// EventExpired: an order's expiry was at or before the last tick, and a
	// tick, a taker that met it or its trigger removed it. Fields: OrderID,
	// Owner, Side, Price, Quantity (the lots that expired).
	EventExpired
	// EventAmended: a resting order's price or quantity changed. Fields:
	// OrderID, Owner, Side, Price (new), Quantity (new remaining lots),
	// PriorityKept.
	EventAmended
	// EventDepthChanged: the quantity at a price level changed; only with
	// Config.EmitDepth. Fields: Side, Price, Quantity (the level's new total,
	// 0 when the level is gone).
	EventDepthChanged
)

var eventNames = [...]string{
	EventAccepted:      "accepted",
	EventRejected:      "rejected",
	EventTrade:         "trade",
	EventCancelled:     "cancelled",
	EventStopTriggered: "stop-triggered",
	EventExpired:       "expired",
	EventAmended:       "amended",
	EventDepthChanged:  "depth",
}

func (t EventType) String() string {
	if int(t) < len(eventNames) && eventNames[t] != "" {
		return eventNames[t]
	}
	return fmt.Sprintf("event(%d)", uint8(t))
}

// Reason explains a rejection or a cancellation.
type Reason uint8

// Reasons. The rejection reasons map one to one onto the sentinel errors in
// errors.go.
const (
	ReasonNone Reason = iota

	// Rejections.
	ReasonInvalidSide
	ReasonInvalidKind
	ReasonInvalidTimeInForce
	ReasonInvalidSelfTradeMode
	ReasonZeroQuantity
	ReasonQuantityTooLarge
	ReasonZeroPrice
	ReasonPriceTooHigh
	ReasonInvalidTriggerPrice
	ReasonPostOnlyNotAllowed
	ReasonExpiryNotAfterLastTick
	ReasonExpiryWithoutGTD
	ReasonFeeAboveMax
	ReasonDuplicateOrderID
	ReasonStopWrongSide
	ReasonBookFull // also the cancel reason of a triggered stop that cannot rest
	ReasonStopBookFull
	ReasonPostOnlyWouldTake
	ReasonUnknownOrder
	ReasonNotResting
	ReasonAmendWouldCross
	ReasonTickBackwards
	ReasonUnknownCommand

	// Cancellations.
	ReasonUser         // a cancel command
	ReasonIOCRemainder // the unfilled rest of an IOC limit order
	ReasonFOKUnfilled  // a FOK order that could not fill completely
	ReasonSelfTrade    // self-trade prevention
	ReasonNoLiquidity  // the unfilled rest of a market order
	// ReasonExpiryBacklog cancels the unfilled rest of an order that met a
	// due maker after its command had expired ExpiriesPerCommandMax orders.
	ReasonExpiryBacklog
)

var reasonNames = [...]string{
	ReasonNone:                   "none",
	ReasonInvalidSide:            "invalid-side",
	ReasonInvalidKind:            "invalid-kind",
	ReasonInvalidTimeInForce:     "invalid-time-in-force",
	ReasonInvalidSelfTradeMode:   "invalid-self-trade-mode",
	ReasonZeroQuantity:           "zero-quantity",
	ReasonQuantityTooLarge:       "quantity-too-large",
	ReasonZeroPrice:              "zero-price",
	ReasonPriceTooHigh:           "price-too-high",
	ReasonInvalidTriggerPrice:    "invalid-trigger-price",
	ReasonPostOnlyNotAllowed:     "post-only-not-allowed",
	ReasonExpiryNotAfterLastTick: "expiry-not-after-last-tick",
	ReasonExpiryWithoutGTD:       "expiry-without-gtd",
	ReasonFeeAboveMax:            "fee-above-max",
	ReasonDuplicateOrderID:       "duplicate-order-id",
	ReasonStopWrongSide:          "stop-wrong-side",
	ReasonBookFull:               "book-full",
	ReasonStopBookFull:           "stop-book-full",
	ReasonPostOnlyWouldTake:      "post-only-would-take",
	ReasonUnknownOrder:           "unknown-order",
	ReasonNotResting:             "not-resting",
	ReasonAmendWouldCross:        "amend-would-cross",
	ReasonTickBackwards:          "tick-backwards",
	ReasonUnknownCommand:         "unknown-command",
	ReasonUser:                   "user",
	ReasonIOCRemainder:           "ioc-remainder",
	ReasonFOKUnfilled:            "fok-unfilled",
	ReasonSelfTrade:              "self-trade",
	ReasonNoLiquidity:            "no-liquidity",
	ReasonExpiryBacklog:          "expiry-backlog",
}

func (r Reason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return fmt.Sprintf("reason(%d)", uint8(r))
}

// Event is one outcome of a command. It is a flat value, so a slice of
// events can be reused without allocating. Which fields are set depends on
// Type, as the EventType constants list.
type Event struct {
	Type         EventType
	Command      CommandType // the command that was rejected, for EventRejected
	Reason       Reason
	Side         Side
	Kind         Kind
	TimeInForce  TimeInForce
	PriorityKept bool

	OrderID      uint64
	Owner        uint64
	Price        uint64
	TriggerPrice uint64
	Quantity     uint64

	MakerID        uint64
	MakerOwner     uint64
	MakerRemaining uint64
	TakerRemaining uint64

	Quote    uint256.Int
	MakerFee uint256.Int
	TakerFee uint256.Int
}

// IsTerminalFor reports whether the event ends the order with the given id.
func (e *Event) IsTerminalFor(id uint64) bool {
	switch e.Type {
	case EventRejected:
		return e.Command == CommandPlace && e.OrderID == id
	case EventCancelled, EventExpired:
		return e.OrderID == id
	case EventTrade:
		return (e.OrderID == id && e.TakerRemaining == 0) || (e.MakerID == id && e.MakerRemaining == 0)
	}
	return false
}

// String formats the event on one line, as the transcript tests print it.
func (e Event) String() string {
	return string(e.AppendText(nil))
}

// AppendText appends the one-line form of the event to dst.
func (e *Event) AppendText(dst []byte) []byte {
	dst = append(dst, e.Type.String()...)
	switch e.Type {
	case EventAccepted:
		dst = appendOrderHead(dst, e.OrderID, e.Owner, e.Side)
		dst = append(dst, ' ')
		dst = append(dst, e.Kind.String()...)
		dst = append(dst, ' ')
		dst = append(dst, e.TimeInForce.String()...)
		dst = appendField(dst, "price", e.Price)
		if e.Kind.isStop() {
			dst = appendField(dst, "trigger", e.TriggerPrice)
		}
		dst = appendField(dst, "qty", e.Quantity)
	case EventRejected:
		dst = append(dst, ' ')
		dst = append(dst, e.Command.String()...)
		if e.Command != CommandTick {
			dst = appendField(dst, "id", e.OrderID)
		}
		dst = append(dst, " reason="...)
		dst = append(dst, e.Reason.String()...)
	case EventTrade:
		dst = appendField(dst, "taker", e.OrderID)
		dst = append(dst, '/')
		dst = strconv.AppendUint(dst, e.Owner, 10)
		dst = append(dst, ' ')
		dst = append(dst, e.Side.String()...)
		dst = appendField(dst, "maker", e.MakerID)
		dst = append(dst, '/')
		dst = strconv.AppendUint(dst, e.MakerOwner, 10)
		dst = appendField(dst, "price", e.Price)
		dst = appendField(dst, "qty", e.Quantity)
		dst = append(dst, " quote="...)
		dst = append(dst, e.Quote.Dec()...)
		dst = append(dst, " maker_fee="...)
		dst = append(dst, e.MakerFee.Dec()...)
		dst = append(dst, " taker_fee="...)
		dst = append(dst, e.TakerFee.Dec()...)
		dst = appendField(dst, "maker_left", e.MakerRemaining)
		dst = appendField(dst, "taker_left", e.TakerRemaining)
	case EventCancelled, EventExpired:
		dst = appendOrderHead(dst, e.OrderID, e.Owner, e.Side)
		dst = appendField(dst, "price", e.Price)
		dst = appendField(dst, "qty", e.Quantity)
		if e.Type == EventCancelled {
			dst = append(dst, " reason="...)
			dst = append(dst, e.Reason.String()...)
		}
	case EventStopTriggered:
		dst = appendOrderHead(dst, e.OrderID, e.Owner, e.Side)
		dst = append(dst, ' ')
		dst = append(dst, e.Kind.String()...)
		dst = appendField(dst, "price", e.Price)
		dst = appendField(dst, "trigger", e.TriggerPrice)
		dst = appendField(dst, "qty", e.Quantity)
	case EventAmended:
		dst = appendOrderHead(dst, e.OrderID, e.Owner, e.Side)
		dst = appendField(dst, "price", e.Price)
		dst = appendField(dst, "qty", e.Quantity)
		if e.PriorityKept {
			dst = append(dst, " priority=kept"...)
		} else {
			dst = append(dst, " priority=lost"...)
		}
	case EventDepthChanged:
		dst = append(dst, ' ')
		dst = append(dst, e.Side.String()...)
		dst = appendField(dst, "price", e.Price)
		dst = appendField(dst, "qty", e.Quantity)
	}
	return dst
}

func appendOrderHead(dst []byte, id, owner uint64, side Side) []byte {
	dst = appendField(dst, "id", id)
	dst = appendField(dst, "owner", owner)
	dst = append(dst, ' ')
	return append(dst, side.String()...)
}

func appendField(dst []byte, name string, v uint64) []byte {
	dst = append(dst, ' ')
	dst = append(dst, name...)
	dst = append(dst, '=')
	return strconv.AppendUint(dst, v, 10)
}

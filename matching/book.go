package matching

import "fmt"

// Book is the order book of one market. Create it with NewBook or
// RestoreSnapshot; it is not safe for concurrent use.
type Book struct {
	cfg Config

	orders     orderSlab
	ids        slotIndex // order id -> slot, for resting and stop orders
	pageIndex  slotIndex // side and page number -> page slot
	pages      pageSlab
	levels     levelSlab
	bids, asks sideBook
	buyStops   keyTree // stopTreeKey -> order slot: lowest trigger first, then arrival
	sellStops  keyTree // stopTreeKey -> order slot: highest trigger first, then arrival
	expiries   expiryHeap

	lastTick       uint64
	lastTradePrice uint64 // ticks; 0 before the first trade
	seq            uint64 // arrival number of the last accepted order
	resting        uint32 // Invariant: the number of orders linked into levels
	stops          uint32 // Invariant: the number of orders in the stop trees

	// expiriesMax is ExpiriesPerCommandMax, lowered by tests that need a
	// backlog of due orders from a few commands.
	expiriesMax int
	// expiryBudget is the number of orders the current command may still
	// expire.
	expiryBudget int

	// out is the event slice of the command being applied.
	out []Event
}

// stopTreeKey orders the stop orders of side s in their stop tree, first to
// trigger first: buy stops by ascending trigger, sell stops by descending
// trigger, then each by arrival.
func stopTreeKey(s Side, trigger, seq uint64) treeKey {
	if s == Sell {
		trigger = ^trigger
	}
	return treeKey{hi: trigger, lo: seq}
}

// stopTrigger returns the trigger price of a stop tree key of side s.
func stopTrigger(s Side, k treeKey) uint64 {
	if s == Sell {
		return ^k.hi
	}
	return k.hi
}

// NewBook returns an empty book for the market cfg describes.
func NewBook(cfg Config) (*Book, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	b := &Book{
		cfg:       cfg,
		orders:    newOrderSlab(),
		ids:       newSlotIndex(),
		pageIndex: newSlotIndex(),
		pages:     newPageSlab(),
		levels:    newLevelSlab(),
		bids:      sideBook{pages: newKeyTree(), best: nilSlot},
		asks:      sideBook{pages: newKeyTree(), best: nilSlot},
		buyStops:  newKeyTree(),
		sellStops: newKeyTree(),
	}
	b.expiriesMax = ExpiriesPerCommandMax
	return b, nil
}

// Config returns the book's configuration.
func (b *Book) Config() Config { return b.cfg }

// Apply executes one command and appends its events to events. A rejected
// command appends one EventRejected, leaves the book unchanged and returns
// an error wrapping the sentinel of its reason. Apply allocates only when
// events or the book's own storage must grow.
func (b *Book) Apply(cmd Command, events []Event) ([]Event, error) {
	b.out = events
	b.expiryBudget = b.expiriesMax
	var err error
	switch cmd.Type {
	case CommandPlace:
		err = b.place(&cmd)
	case CommandCancel:
		err = b.cancel(cmd.OrderID)
	case CommandAmend:
		err = b.amend(&cmd)
	case CommandTick:
		err = b.tick(cmd.Now)
	default:
		err = b.reject(&cmd, ReasonUnknownCommand,
			"type %d; use place (1), cancel (2), amend (3) or tick (4)", cmd.Type)
	}
	events = b.out
	b.out = nil
	return events, err
}

// newEvent appends a zero event of type t to the command's events and
// returns it for the caller to fill in. Filling the event in place spares
// a copy of the 176-byte struct that appending a literal makes.
func (b *Book) newEvent(t EventType) *Event {
	n := len(b.out)
	if n == cap(b.out) {
		b.out = append(b.out, Event{})
	} else {
		b.out = b.out[:n+1]
		b.out[n] = Event{}
	}
	e := &b.out[n]
	e.Type = t
	return e
}

// reject appends the Rejected event of cmd and returns its error.
func (b *Book) reject(cmd *Command, reason Reason, format string, args ...any) *RejectError {
	e := Event{Type: EventRejected, Command: cmd.Type, Reason: reason, OrderID: cmd.OrderID}
	if cmd.Type == CommandPlace {
		e.Owner = cmd.Owner
		e.Side = cmd.Side
	}
	b.out = append(b.out, e)
	return &RejectError{Reason: reason, Command: cmd.Type, OrderID: cmd.OrderID, Detail: fmt.Sprintf(format, args...)}
}

// rejectPrice rejects cmd like reject for a reason that compares the
// order's price, in ticks, with limit.
func (b *Book) rejectPrice(cmd *Command, reason Reason, price, limit uint64, format string, args ...any) error {
	err := b.reject(cmd, reason, format, args...)
	err.Price, err.Limit = price, limit
	return err
}

// cancel removes an open order at the owner's request. A due order is
// cancelled too: the owner asked for what a tick would soon do, and the
// Cancelled event ends it just as well.
func (b *Book) cancel(id uint64) error {
	slot, ok := b.orderSlot(id)
	if !ok {
		cmd := Cancel(id)
		return b.reject(&cmd, ReasonUnknownOrder, "no open order has this id; it may have filled, expired or been cancelled")
	}
	b.cancelOpen(slot, ReasonUser)
	return nil
}

// cancelOpen removes a resting or stop order and emits its Cancelled event.
func (b *Book) cancelOpen(slot uint32, reason Reason) {
	o := b.orders.at(slot)
	e := b.newEvent(EventCancelled)
	e.Reason, e.OrderID, e.Owner, e.Side, e.Price, e.Quantity = reason, o.id, o.owner, o.side, o.price, o.remaining
	b.removeOpen(slot)
}

// removeOpen takes an open order out of every structure and frees its slot.
func (b *Book) removeOpen(slot uint32) {
	o := b.orders.at(slot)
	if o.level != nilSlot {
		if o.tif == GTD {
			b.removeExpiry(slot)
		}
		b.unlinkOrder(slot)
		b.resting--
	} else {
		if *b.orders.heapPosAt(slot) != noHeapPos {
			b.removeExpiry(slot)
		}
		b.stopTree(o.side).MustDelete(stopTreeKey(o.side, o.trigger, o.seq))
		b.stops--
	}
	b.ids.remove(hashKey(o.id), slot)
	b.orders.release(slot)
}

func (b *Book) stopTree(s Side) *keyTree {
	if s == Buy {
		return &b.buyStops
	}
	return &b.sellStops
}

// tick advances the book's time and expires the due orders, earliest
// expiry first, then earliest arrival, up to the command's expiry budget.
// The rest stay due for the next tick.
func (b *Book) tick(now uint64) error {
	if now < b.lastTick {
		cmd := Tick(now)
		return b.reject(&cmd, ReasonTickBackwards, "time %d is before the last tick %d; send non-decreasing times", now, b.lastTick)
	}
	b.lastTick = now
	for b.expiryBudget > 0 && b.hasDue() {
		b.expireOpen(b.expiries[0].slot)
	}
	return nil
}

// amend changes a resting order's price and remaining quantity.
func (b *Book) amend(cmd *Command) error {
	slot, ok := b.orderSlot(cmd.OrderID)
	if !ok {
		return b.reject(cmd, ReasonUnknownOrder, "no open order has this id; it may have filled, expired or been cancelled")
	}
	if b.hasDue() && b.isDue(slot) {
		return b.reject(cmd, ReasonUnknownOrder, "the order expired at %d, at or before the last tick %d, and leaves the book with a coming tick",
			b.orderExpiry(slot), b.lastTick)
	}
	o := b.orders.at(slot)
	switch {
	case o.level == nilSlot:
		return b.reject(cmd, ReasonNotResting, "stop order with trigger %d has not triggered; cancel it and place a new one", o.trigger)
	case cmd.Quantity == 0:
		return b.reject(cmd, ReasonZeroQuantity, "new quantity is 0 lots; cancel the order instead")
	case cmd.Quantity > b.cfg.MaxQuantity:
		return b.reject(cmd, ReasonQuantityTooLarge, "new quantity %d lots is above the market maximum %d", cmd.Quantity, b.cfg.MaxQuantity)
	case cmd.Price == 0:
		return b.reject(cmd, ReasonZeroPrice, "new price is 0 ticks")
	case cmd.Price > b.cfg.MaxPrice:
		return b.rejectPrice(cmd, ReasonPriceTooHigh, cmd.Price, b.cfg.MaxPrice, "new price %d ticks is above the market maximum %d", cmd.Price, b.cfg.MaxPrice)
	}
	if opp := b.side(o.side.Opposite()); opp.best != nilSlot && crosses(o.side, cmd.Price, b.lvl(opp.best).price) {
		return b.reject(cmd, ReasonAmendWouldCross, "new price %d ticks crosses the best %s at %d; cancel and place a new order to trade",
			cmd.Price, o.side.Opposite(), b.lvl(opp.best).price)
	}

	keep := cmd.Price == o.price && cmd.Quantity <= o.remaining
	b.out = append(b.out, Event{Type: EventAmended, OrderID: o.id, Owner: o.owner, Side: o.side,
		Price: cmd.Price, Quantity: cmd.Quantity, PriorityKept: keep})
	switch {
	case keep && cmd.Quantity == o.remaining:
	case keep:
		b.reduceResting(o, o.remaining-cmd.Quantity)
	default:
		b.unlinkOrder(slot)
		o = b.orders.at(slot)
		o.price, o.remaining = cmd.Price, cmd.Quantity
		b.linkOrder(slot, noRestSpot)
	}
	return nil
}

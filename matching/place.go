package matching

import (
	"math/bits"

	"github.com/holiman/uint256"
)

// place validates and executes a new order.
func (b *Book) place(cmd *Command) error {
	spot := b.findRestSpot(cmd)
	if err := b.validatePlace(cmd); err != nil {
		return err
	}
	b.seq++
	e := b.newEvent(EventAccepted)
	e.OrderID, e.Owner, e.Side, e.Kind, e.TimeInForce = cmd.OrderID, cmd.Owner, cmd.Side, cmd.Kind, cmd.TimeInForce
	e.Price, e.TriggerPrice, e.Quantity = cmd.Price, cmd.TriggerPrice, cmd.Quantity
	t := order{
		id: cmd.OrderID, owner: cmd.Owner, price: cmd.Price, trigger: cmd.TriggerPrice,
		remaining: cmd.Quantity, seq: b.seq, prev: nilSlot, next: nilSlot, level: nilSlot,
		side: cmd.Side, kind: cmd.Kind, tif: cmd.TimeInForce, stp: cmd.SelfTrade,
	}
	if t.kind.isStop() {
		b.addStop(&t, cmd.Expiry)
		return nil
	}
	b.execute(&t, cmd.Expiry, spot)
	b.runStops()
	return nil
}

// restSpot is the level at an incoming order's price on its own side and
// that level's newest order. A missing level, or one not looked up, has
// nilSlot in both.
type restSpot struct {
	level uint32
	tail  uint32
}

var noRestSpot = restSpot{level: nilSlot, tail: nilSlot}

// findRestSpot looks up where the limit order that cmd places would rest.
// Place calls it before validating the command, so that on a wide book the
// cache misses of this lookup overlap those of the duplicate-id check
// instead of following them. Matching an order changes only the opposite
// side, so the spot is still valid when the order rests.
func (b *Book) findRestSpot(cmd *Command) restSpot {
	if cmd.Kind != Limit || !mayRest(cmd.Kind, cmd.TimeInForce) || !cmd.Side.valid() {
		return noRestSpot
	}
	ls, ok := b.levelSlot(cmd.Side, cmd.Price)
	if !ok {
		return noRestSpot
	}
	return restSpot{level: ls, tail: b.lvl(ls).tail}
}

// mayRest reports whether an order's remainder can rest in the book.
func mayRest(k Kind, tif TimeInForce) bool {
	return (k == Limit || k == StopLimit) && (tif == GTC || tif == GTD)
}

// execute matches an incoming order against the book, then rests or
// cancels its remainder. The expiry counts only for a GTD order, because
// only it may rest, so a triggered IOC or FOK stop drops its expiry. Spot
// is where the order would rest, or noRestSpot to look it up then.
func (b *Book) execute(t *order, expiry uint64, spot restSpot) {
	if t.tif == FOK && !b.canFill(t) {
		b.cancelIncoming(t, ReasonFOKUnfilled)
		return
	}
	if b.match(t) || t.remaining == 0 {
		return
	}
	switch {
	case mayRest(t.kind, t.tif) && b.resting >= b.cfg.MaxRestingOrders:
		// Only a triggered stop gets here: place rejects an order that may
		// rest while the book is full.
		b.cancelIncoming(t, ReasonBookFull)
	case mayRest(t.kind, t.tif):
		b.rest(t, expiry, spot)
	case t.kind == Market || t.kind == StopMarket:
		b.cancelIncoming(t, ReasonNoLiquidity)
	default:
		b.cancelIncoming(t, ReasonIOCRemainder)
	}
}

func (b *Book) cancelIncoming(t *order, reason Reason) {
	e := b.newEvent(EventCancelled)
	e.Reason, e.OrderID, e.Owner, e.Side, e.Price, e.Quantity = reason, t.id, t.owner, t.side, t.price, t.remaining
}

// match fills t against the opposite side in price-time order while its
// limit allows. A due maker never trades: match expires it and goes on.
// Once the command's expiry budget is spent, the next due maker makes
// match cancel t's remainder. It returns true when it cancelled t
// (self-trade prevention or an expiry backlog).
func (b *Book) match(t *order) bool {
	opp := b.side(t.side.Opposite())
	for t.remaining > 0 && opp.best != nilSlot {
		l := b.lvl(opp.best)
		if !crosses(t.side, t.price, l.price) {
			break
		}
		makerSlot := l.head
		if b.hasDue() && b.isDue(makerSlot) {
			if b.expiryBudget == 0 {
				// Resting t here would cross the due maker, so t ends.
				b.cancelIncoming(t, ReasonExpiryBacklog)
				return true
			}
			b.expireOpen(makerSlot)
			continue
		}
		if b.orders.at(makerSlot).owner == t.owner {
			switch t.stp {
			case CancelNewest:
				b.cancelIncoming(t, ReasonSelfTrade)
				return true
			case CancelOldest:
				b.cancelOpen(makerSlot, ReasonSelfTrade)
				continue
			default: // CancelBoth: the resting order first, then the taker.
				b.cancelOpen(makerSlot, ReasonSelfTrade)
				b.cancelIncoming(t, ReasonSelfTrade)
				return true
			}
		}
		b.fill(t, makerSlot)
	}
	return false
}

// fill trades t against the resting order at the head of the best level.
func (b *Book) fill(t *order, makerSlot uint32) {
	m := b.orders.at(makerSlot)
	lots := min(t.remaining, m.remaining)
	t.remaining -= lots
	e := b.newEvent(EventTrade)
	e.OrderID, e.Owner, e.Side, e.Price, e.Quantity = t.id, t.owner, t.side, m.price, lots
	e.MakerID, e.MakerOwner, e.MakerRemaining, e.TakerRemaining = m.id, m.owner, m.remaining-lots, t.remaining
	b.setAmounts(e)
	b.lastTradePrice = m.price
	if m.remaining == lots {
		b.removeOpen(makerSlot)
	} else {
		b.reduceResting(m, lots)
	}
}

// setAmounts computes a trade's quote amount and fees (docs/PROTOCOL.md):
// quote = price * lots * QuotePerTickLot, fee = floor(quote * bps / 10000).
// The quote needs up to 192 bits and the fee product up to 206, so neither
// overflows a uint256.
func (b *Book) setAmounts(e *Event) {
	hi, lo := bits.Mul64(e.Price, e.Quantity)
	e.Quote = uint256.Int{lo, hi, 0, 0}
	if b.cfg.QuotePerTickLot != 1 {
		var factor uint256.Int
		factor.SetUint64(b.cfg.QuotePerTickLot)
		e.Quote.Mul(&e.Quote, &factor)
	}
	feeOf(&e.MakerFee, &e.Quote, b.cfg.MakerFeeBps)
	feeOf(&e.TakerFee, &e.Quote, b.cfg.TakerFeeBps)
}

func feeOf(dst, quote *uint256.Int, bps uint16) {
	if bps == 0 {
		dst.Clear()
		return
	}
	if quote[1] == 0 && quote[2] == 0 && quote[3] == 0 {
		// hi < bps <= 10,000, so the 128-bit division cannot overflow.
		hi, lo := bits.Mul64(quote[0], uint64(bps))
		q, _ := bits.Div64(hi, lo, feeBpsMax)
		dst.SetUint64(q)
		return
	}
	var rate, scale uint256.Int
	rate.SetUint64(uint64(bps))
	scale.SetUint64(feeBpsMax)
	dst.Mul(quote, &rate)
	dst.Div(dst, &scale)
}

// rest stores t's remainder as a resting order at the tail of its level.
func (b *Book) rest(t *order, expiry uint64, spot restSpot) {
	slot := b.orders.alloc()
	o := b.orders.at(slot)
	*o = *t
	o.prev, o.next, o.level = nilSlot, nilSlot, nilSlot
	b.ids.put(hashKey(o.id), slot)
	b.linkOrder(slot, spot)
	b.resting++
	if o.tif == GTD {
		b.pushExpiry(slot, expiry)
	}
}

// addStop stores a stop order until its trigger price is reached. An
// expiry of 0 means none, which validation allows only on a GTC stop or an
// IOC or FOK one.
func (b *Book) addStop(t *order, expiry uint64) {
	slot := b.orders.alloc()
	o := b.orders.at(slot)
	*o = *t
	o.prev, o.next, o.level = nilSlot, nilSlot, nilSlot
	b.ids.put(hashKey(o.id), slot)
	b.stopTree(o.side).Insert(stopTreeKey(o.side, o.trigger, o.seq), slot)
	b.stops++
	if expiry != 0 {
		b.pushExpiry(slot, expiry)
	} else {
		*b.orders.heapPosAt(slot) = noHeapPos
	}
}

// runStops resolves the stop cascade in the order the package doc states.
// A due stop that the last trade price triggers expires instead, even
// beyond the command's expiry budget, because a triggered stop cannot
// stay in its tree. That adds at most one Expired event per stop order to
// the cascade.
func (b *Book) runStops() {
	for {
		slot, ok := b.nextTriggeredStop()
		if !ok {
			return
		}
		if b.hasDue() && b.isDue(slot) {
			b.expireOpen(slot)
			continue
		}
		t, expiry := *b.orders.at(slot), b.orderExpiry(slot)
		b.removeOpen(slot)
		e := b.newEvent(EventStopTriggered)
		e.OrderID, e.Owner, e.Side, e.Kind, e.TimeInForce = t.id, t.owner, t.side, t.kind, t.tif
		e.Price, e.TriggerPrice, e.Quantity = t.price, t.trigger, t.remaining
		t.prev, t.next, t.level = nilSlot, nilSlot, nilSlot
		b.execute(&t, expiry, noRestSpot)
	}
}

// nextTriggeredStop returns the first stop the last trade price triggers:
// buy stops before sell stops, each tree's first key first.
func (b *Book) nextTriggeredStop() (uint32, bool) {
	if b.lastTradePrice == 0 {
		return nilSlot, false
	}
	if k, slot, ok := b.buyStops.Min(); ok && stopTrigger(Buy, k) <= b.lastTradePrice {
		return slot, true
	}
	if k, slot, ok := b.sellStops.Min(); ok && stopTrigger(Sell, k) >= b.lastTradePrice {
		return slot, true
	}
	return nilSlot, false
}

// canFill reports whether t would fill completely, without changing the
// book. It skips the due makers that matching would expire, and returns
// false when there are more of them than the command may expire. It
// returns false in O(1) when the whole opposite side holds too few lots.
// NOTE: otherwise the walk visits each order it would fill or skip, so it
// costs as much as the fill. An unfillable FOK pays that cost without
// consuming the orders, so repeated FOKs can revisit the same orders.
func (b *Book) canFill(t *order) bool {
	opp := b.side(t.side.Opposite())
	if opp.total < t.remaining {
		return false
	}
	var got uint64
	due, hasDue := 0, b.hasDue()
	for ls := opp.best; ls != nilSlot; ls = b.nextLevel(ls) {
		l := b.lvl(ls)
		if !crosses(t.side, t.price, l.price) {
			return false
		}
		for slot := l.head; slot != nilSlot; {
			o := b.orders.at(slot)
			switch {
			case hasDue && b.isDue(slot):
				if due++; due > b.expiryBudget {
					return false // matching would cancel t here
				}
			case o.owner == t.owner:
				if t.stp != CancelOldest {
					return false // matching would stop here
				}
			default:
				if got += o.remaining; got >= t.remaining {
					return true
				}
			}
			slot = o.next
		}
	}
	return false
}

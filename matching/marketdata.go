package matching

// BestBid returns the best bid's price and total quantity; ok is false when
// there are no bids.
func (b *Book) BestBid() (price, quantity uint64, ok bool) { return b.best(Buy) }

// BestAsk returns the best ask's price and total quantity; ok is false when
// there are no asks.
func (b *Book) BestAsk() (price, quantity uint64, ok bool) { return b.best(Sell) }

func (b *Book) best(s Side) (uint64, uint64, bool) {
	sb := b.side(s)
	if sb.best == nilSlot {
		return 0, 0, false
	}
	l := b.lvl(sb.best)
	return l.price, l.total, true
}

// LastTradePrice returns the price of the last trade; ok is false before
// the first trade.
func (b *Book) LastTradePrice() (price uint64, ok bool) {
	return b.lastTradePrice, b.lastTradePrice != 0
}

// LastTick returns the time of the last tick (0 before the first).
func (b *Book) LastTick() uint64 { return b.lastTick }

// RestingOrders returns the number of orders resting in the book.
func (b *Book) RestingOrders() int { return int(b.resting) }

// StopOrders returns the number of stop orders waiting for their trigger.
func (b *Book) StopOrders() int { return int(b.stops) }

// Levels returns the number of price levels on side s.
func (b *Book) Levels(s Side) int { return int(b.side(s).levels) }

// Order returns the open order with the given id.
func (b *Book) Order(id uint64) (OrderInfo, bool) {
	slot, ok := b.orderSlot(id)
	if !ok {
		return OrderInfo{}, false
	}
	return b.orderInfo(slot), true
}

func (b *Book) orderInfo(slot uint32) OrderInfo {
	o := b.orders.at(slot)
	return OrderInfo{ID: o.id, Owner: o.owner, Side: o.side, Kind: o.kind, TimeInForce: o.tif, SelfTrade: o.stp,
		Price: o.price, TriggerPrice: o.trigger, Remaining: o.remaining, Expiry: b.orderExpiry(slot),
		Resting: o.level != nilSlot}
}

// AppendDepth appends up to n aggregated levels of side s to dst, best
// first. It costs O(n) plus O(log pages) for each page it steps to, and does
// not allocate when dst has room.
func (b *Book) AppendDepth(s Side, n int, dst []Level) []Level {
	for ls := b.side(s).best; ls != nilSlot && n > 0; ls = b.nextLevel(ls) {
		l := b.lvl(ls)
		dst = append(dst, Level{Price: l.price, Quantity: l.total, Orders: l.count})
		n--
	}
	return dst
}

// LevelOrders calls fn for each order resting at price on side s, in time
// priority, until fn returns false.
func (b *Book) LevelOrders(s Side, price uint64, fn func(OrderInfo) bool) {
	ls, ok := b.levelSlot(s, price)
	if !ok {
		return
	}
	for slot := b.lvl(ls).head; slot != nilSlot; {
		o := b.orders.at(slot)
		next := o.next
		if !fn(b.orderInfo(slot)) {
			return
		}
		slot = next
	}
}

// ForEachResting calls fn for each resting order of side s in priority
// order (best price first, then time), until fn returns false. It is the
// full order-by-order depth.
func (b *Book) ForEachResting(s Side, fn func(OrderInfo) bool) bool {
	for ls := b.side(s).best; ls != nilSlot; ls = b.nextLevel(ls) {
		for slot := b.lvl(ls).head; slot != nilSlot; slot = b.orders.at(slot).next {
			if !fn(b.orderInfo(slot)) {
				return false
			}
		}
	}
	return true
}

// ForEachStop calls fn for each stop order of side s in trigger order (the
// order in which they would trigger), until fn returns false.
func (b *Book) ForEachStop(s Side, fn func(OrderInfo) bool) bool {
	more := true
	b.stopTree(s).Ascend(func(_ treeKey, slot uint32) bool {
		more = fn(b.orderInfo(slot))
		return more
	})
	return more
}

// ForEachOpenOrder calls fn for every open order in a fixed order: bids,
// asks, buy stops, sell stops, each in priority order; it stops when fn
// returns false. The order depends only on the book's state, so two books
// with the same state hash visit the same orders in the same order.
func (b *Book) ForEachOpenOrder(fn func(OrderInfo) bool) {
	_ = b.ForEachResting(Buy, fn) && b.ForEachResting(Sell, fn) &&
		b.ForEachStop(Buy, fn) && b.ForEachStop(Sell, fn)
}

// LevelAt returns the aggregated level at price on side s; ok is false when
// no order rests there.
func (b *Book) LevelAt(s Side, price uint64) (l Level, ok bool) {
	slot, ok := b.levelSlot(s, price)
	if !ok {
		return Level{}, false
	}
	lv := b.lvl(slot)
	return Level{Price: lv.price, Quantity: lv.total, Orders: lv.count}, true
}

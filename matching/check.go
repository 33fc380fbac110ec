package matching

import (
	"errors"
	"fmt"
)

// ErrInvariant marks a broken invariant found by CheckInvariants.
var ErrInvariant = errors.New("matching: invariant broken")

// CheckInvariants verifies every invariant of the book by a full scan and
// returns the first violation. It costs O(orders + levels) and is meant for
// tests and for checking a restored snapshot.
func (b *Book) CheckInvariants() error {
	for s := Buy; s <= Sell; s++ {
		if err := b.checkSide(s); err != nil {
			return err
		}
	}
	if err := b.checkNotCrossed(); err != nil {
		return err
	}
	if err := b.checkStops(); err != nil {
		return err
	}
	if err := b.checkExpiries(); err != nil {
		return err
	}
	if levels := b.bids.tree.Len() + b.asks.tree.Len(); b.levelIndex.count != levels || int(b.levels.used) != levels {
		return fmt.Errorf("%w: the level index has %d entries and the level slab %d, but the trees contain %d levels", ErrInvariant, b.levelIndex.count, b.levels.used, levels)
	}
	if want := int(b.resting) + int(b.stops); b.ids.count != want || int(b.orders.used) != want {
		return fmt.Errorf("%w: the id index has %d entries and the order slab %d, expected %d open orders", ErrInvariant, b.ids.count, b.orders.used, want)
	}
	return nil
}

func (b *Book) checkSide(s Side) error {
	sb := b.side(s)
	var total uint64
	var orders uint32
	var prevPrice uint64
	first := true
	var err error
	sb.tree.Ascend(func(price uint64) bool {
		slot, ok := b.levelSlot(s, price)
		if !ok {
			err = fmt.Errorf("%w: %s level %d missing from the level index", ErrInvariant, s, price)
			return false
		}
		if first && sb.best != slot {
			err = fmt.Errorf("%w: %s best level slot %d, tree minimum at slot %d", ErrInvariant, s, sb.best, slot)
			return false
		}
		if !first && !better(s, prevPrice, price) {
			err = fmt.Errorf("%w: %s levels %d and %d out of order", ErrInvariant, s, prevPrice, price)
			return false
		}
		first, prevPrice = false, price
		k := levelKey{price: price, slot: slot}
		var n uint32
		var sum uint64
		n, sum, err = b.checkLevel(s, k)
		orders += n
		total += sum
		return err == nil
	})
	switch {
	case err != nil:
		return err
	case first && sb.best != nilSlot:
		return fmt.Errorf("%w: %s side empty but best level slot is %d", ErrInvariant, s, sb.best)
	case total != sb.total:
		return fmt.Errorf("%w: %s side total %d, levels add up to %d", ErrInvariant, s, sb.total, total)
	}
	return nil
}

// levelKey names a level by price and slot for checkLevel.
type levelKey struct {
	price uint64
	slot  uint32
}

// checkLevel walks one level's FIFO and returns its order count and total.
func (b *Book) checkLevel(s Side, k levelKey) (uint32, uint64, error) {
	l := b.lvl(k.slot)
	var n uint32
	var sum uint64
	prev := nilSlot
	for slot := l.head; slot != nilSlot; slot = b.orders.at(slot).next {
		o := b.orders.at(slot)
		switch {
		case o.level != k.slot || o.side != s || o.price != l.price || o.prev != prev:
			return 0, 0, fmt.Errorf("%w: order %d linked into %s level %d with wrong fields", ErrInvariant, o.id, s, l.price)
		case o.remaining == 0 || o.remaining > b.cfg.MaxQuantity:
			return 0, 0, fmt.Errorf("%w: order %d has %d lots", ErrInvariant, o.id, o.remaining)
		}
		if got, ok := b.orderSlot(o.id); !ok || got != slot {
			return 0, 0, fmt.Errorf("%w: order %d missing from the id index", ErrInvariant, o.id)
		}
		n++
		sum += o.remaining
		prev = slot
		if n > b.resting {
			return 0, 0, fmt.Errorf("%w: %s level %d links more orders than the book contains", ErrInvariant, s, l.price)
		}
	}
	switch {
	case n == 0:
		return 0, 0, fmt.Errorf("%w: %s level %d is empty", ErrInvariant, s, l.price)
	case l.tail != prev || n != l.count || sum != l.total:
		return 0, 0, fmt.Errorf("%w: %s level %d links %d orders and %d lots, but records %d and %d",
			ErrInvariant, s, l.price, n, sum, l.count, l.total)
	}
	return n, sum, nil
}

func (b *Book) checkNotCrossed() error {
	bid, _, okBid := b.BestBid()
	ask, _, okAsk := b.BestAsk()
	if okBid && okAsk && bid >= ask {
		return fmt.Errorf("%w: book crossed: best bid %d, best ask %d", ErrInvariant, bid, ask)
	}
	if n := b.orderCount(Buy) + b.orderCount(Sell); n != b.resting {
		return fmt.Errorf("%w: %d orders linked into levels, %d recorded", ErrInvariant, n, b.resting)
	}
	return nil
}

func (b *Book) checkStops() error {
	var err error
	for s := Buy; s <= Sell; s++ {
		b.stopTree(s).Ascend(func(k stopKey) bool {
			o := b.orders.at(k.slot)
			switch {
			case o.side != s || !o.kind.isStop() || o.level != nilSlot || o.trigger != k.trigger || o.seq != k.seq:
				err = fmt.Errorf("%w: stop order %d stored with wrong fields", ErrInvariant, o.id)
			case b.lastTradePrice != 0 && s == Buy && o.trigger <= b.lastTradePrice,
				b.lastTradePrice != 0 && s == Sell && o.trigger >= b.lastTradePrice:
				err = fmt.Errorf("%w: %s stop %d at trigger %d is triggered by the last trade %d",
					ErrInvariant, s, o.id, o.trigger, b.lastTradePrice)
			}
			if got, ok := b.orderSlot(o.id); err == nil && (!ok || got != k.slot) {
				err = fmt.Errorf("%w: stop order %d missing from the id index", ErrInvariant, o.id)
			}
			return err == nil
		})
	}
	if err == nil && b.buyStops.Len()+b.sellStops.Len() != int(b.stops) {
		err = fmt.Errorf("%w: %d stop orders stored, %d recorded", ErrInvariant, b.buyStops.Len()+b.sellStops.Len(), b.stops)
	}
	return err
}

func (b *Book) checkExpiries() error {
	gtd := 0
	for i, slot := range b.expiries {
		o := b.orders.at(slot)
		switch {
		case o.heapPos != uint32(i) || o.tif != GTD:
			return fmt.Errorf("%w: expiry heap entry %d (order %d) has position %d and time in force %s",
				ErrInvariant, i, o.id, o.heapPos, o.tif)
		case o.expiry <= b.lastTick:
			return fmt.Errorf("%w: order %d expiry %d is not after the last tick %d", ErrInvariant, o.id, o.expiry, b.lastTick)
		case i > 0 && b.expiresBefore(slot, b.expiries[(i-1)/2]):
			return fmt.Errorf("%w: expiry heap order broken at %d", ErrInvariant, i)
		}
	}
	b.ForEachOpenOrder(func(o OrderInfo) bool {
		if o.TimeInForce == GTD {
			gtd++
		}
		return true
	})
	if gtd != len(b.expiries) {
		return fmt.Errorf("%w: %d GTD orders, %d in the expiry heap", ErrInvariant, gtd, len(b.expiries))
	}
	return nil
}

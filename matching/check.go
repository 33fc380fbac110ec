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
	if err := b.ids.check(); err != nil {
		return fmt.Errorf("order id index: %w", err)
	}
	if err := b.pageIndex.check(); err != nil {
		return fmt.Errorf("page index: %w", err)
	}
	if pages := b.bids.pages.Len() + b.asks.pages.Len(); b.pageIndex.count != pages || int(b.pages.used) != pages {
		return fmt.Errorf("%w: the page index has %d entries and the page slab %d, but the trees contain %d pages", ErrInvariant, b.pageIndex.count, b.pages.used, pages)
	}
	if levels := b.bids.levels + b.asks.levels; b.levels.used != levels {
		return fmt.Errorf("%w: the level slab has %d levels, but the sides record %d", ErrInvariant, b.levels.used, levels)
	}
	if want := int(b.resting) + int(b.stops); b.ids.count != want || int(b.orders.used) != want {
		return fmt.Errorf("%w: the id index has %d entries and the order slab %d, expected %d open orders", ErrInvariant, b.ids.count, b.orders.used, want)
	}
	return nil
}

// checkSide walks side s's page tree and each page's bitmap, without the
// level iterator that the engine uses, and checks every level it finds.
func (b *Book) checkSide(s Side) error {
	sb := b.side(s)
	w := sideWalk{side: s, first: true}
	var err error
	if err := sb.pages.check(); err != nil {
		return fmt.Errorf("%s page tree: %w", s, err)
	}
	sb.pages.Ascend(func(k treeKey, _ uint32) bool {
		err = b.checkPage(&w, pageNumberOf(s, k))
		return err == nil
	})
	switch {
	case err != nil:
		return err
	case w.first && sb.best != nilSlot:
		return fmt.Errorf("%w: %s side empty but best level slot is %d", ErrInvariant, s, sb.best)
	case w.levels != sb.levels:
		return fmt.Errorf("%w: %s side records %d levels, but its pages have %d", ErrInvariant, s, sb.levels, w.levels)
	case w.total != sb.total:
		return fmt.Errorf("%w: %s side total %d, levels add up to %d", ErrInvariant, s, sb.total, w.total)
	}
	return nil
}

// sideWalk accumulates what checkSide has seen so far.
type sideWalk struct {
	side      Side
	first     bool // no level seen yet
	prevPrice uint64
	levels    uint32
	total     uint64
}

// checkPage checks one page of a side and its levels, best first.
func (b *Book) checkPage(w *sideWalk, number uint64) error {
	s := w.side
	ps, ok := b.pageSlot(pageKey(s, number))
	if !ok {
		return fmt.Errorf("%w: %s page %d missing from the page index", ErrInvariant, s, number)
	}
	p := b.pages.head(ps)
	if p.bits == 0 {
		return fmt.Errorf("%w: %s page %d is empty", ErrInvariant, s, number)
	}
	for rest := p.bits; rest != 0; {
		i := bestBit(s, rest)
		rest &^= 1 << i
		slot, price := b.pages.levels(ps)[i], number<<pageShift|i
		if l := b.lvl(slot); l.price != price || l.page != ps {
			return fmt.Errorf("%w: %s page %d maps price %d to a level at %d in page slot %d", ErrInvariant, s, number, price, l.price, l.page)
		}
		switch {
		case w.first && b.side(s).best != slot:
			return fmt.Errorf("%w: %s best level slot %d, first level at slot %d", ErrInvariant, s, b.side(s).best, slot)
		case !w.first && !better(s, w.prevPrice, price):
			return fmt.Errorf("%w: %s levels %d and %d out of order", ErrInvariant, s, w.prevPrice, price)
		}
		w.first, w.prevPrice = false, price
		_, sum, err := b.checkLevel(s, levelKey{price: price, slot: slot})
		if err != nil {
			return err
		}
		w.levels++
		w.total += sum
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
		if err := b.stopTree(s).check(); err != nil {
			return fmt.Errorf("%s stop tree: %w", s, err)
		}
		b.stopTree(s).Ascend(func(k treeKey, slot uint32) bool {
			o := b.orders.at(slot)
			switch {
			case o.side != s || !o.kind.isStop() || o.level != nilSlot || k != stopTreeKey(s, o.trigger, o.seq):
				err = fmt.Errorf("%w: stop order %d stored with wrong fields", ErrInvariant, o.id)
			case b.lastTradePrice != 0 && s == Buy && o.trigger <= b.lastTradePrice,
				b.lastTradePrice != 0 && s == Sell && o.trigger >= b.lastTradePrice:
				err = fmt.Errorf("%w: %s stop %d at trigger %d is triggered by the last trade %d",
					ErrInvariant, s, o.id, o.trigger, b.lastTradePrice)
			}
			if got, ok := b.orderSlot(o.id); err == nil && (!ok || got != slot) {
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

// checkExpiries checks the expiry heap. A due order, one whose expiry is
// at or before the last tick, is allowed: ticks expire at most
// ExpiriesPerCommandMax orders, so the rest wait in the heap.
func (b *Book) checkExpiries() error {
	for i := range b.expiries {
		e := &b.expiries[i]
		o := b.orders.at(e.slot)
		switch {
		case *b.orders.heapPosAt(e.slot) != uint32(i) || o.seq != e.seq:
			return fmt.Errorf("%w: expiry heap entry %d (order %d) has position %d and arrival %d, expected %d",
				ErrInvariant, i, o.id, *b.orders.heapPosAt(e.slot), o.seq, e.seq)
		case o.level != nilSlot && o.tif != GTD, o.level == nilSlot && !takesExpiry(o.kind, o.tif):
			return fmt.Errorf("%w: expiry heap entry %d is order %d, a %s %s order, which takes no expiry",
				ErrInvariant, i, o.id, o.tif, o.kind)
		case i > 0 && expiresBefore(e, &b.expiries[(i-1)/2]):
			return fmt.Errorf("%w: expiry heap order broken at %d", ErrInvariant, i)
		}
	}
	if err := b.checkStopHeapPositions(); err != nil {
		return err
	}
	withExpiry := 0
	var err error
	b.ForEachOpenOrder(func(o OrderInfo) bool {
		switch {
		case o.TimeInForce == GTD && o.Expiry == 0:
			err = fmt.Errorf("%w: GTD order %d has no expiry", ErrInvariant, o.ID)
		case o.Expiry != 0:
			withExpiry++
		}
		return err == nil
	})
	if err == nil && withExpiry != len(b.expiries) {
		err = fmt.Errorf("%w: %d orders with an expiry, %d in the expiry heap", ErrInvariant, withExpiry, len(b.expiries))
	}
	return err
}

// checkStopHeapPositions checks that every stop order's heap position is
// noHeapPos or the position of its own heap entry.
func (b *Book) checkStopHeapPositions() error {
	var err error
	for s := Buy; s <= Sell; s++ {
		b.stopTree(s).Ascend(func(_ treeKey, slot uint32) bool {
			pos := *b.orders.heapPosAt(slot)
			if pos != noHeapPos && (int(pos) >= len(b.expiries) || b.expiries[pos].slot != slot) {
				err = fmt.Errorf("%w: stop order %d has heap position %d, which is not its entry", ErrInvariant, b.orders.at(slot).id, pos)
			}
			return err == nil
		})
	}
	return err
}

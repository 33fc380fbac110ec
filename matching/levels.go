package matching

import "github.com/google/btree"

// level is one price level: a FIFO of resting orders linked through the
// order slab.
type level struct {
	price uint64 // ticks
	total uint64 // lots; Invariant: the sum of its orders' remaining lots
	head  uint32 // the oldest order, first to fill
	tail  uint32 // the newest order
	count uint32 // Invariant: the number of orders linked from head
	side  Side
	next  uint32 // the free list link while the slot is free
}

// levelKey orders levels in a side's B-tree.
type levelKey struct {
	price uint64
	slot  uint32
}

// sideBook is one side's price levels, best first.
type sideBook struct {
	tree  *btree.BTreeG[levelKey] // best price first
	best  uint32                  // Invariant: the slot of tree.Min(), or nilSlot when empty
	total uint64                  // lots; Invariant: the sum of its levels' totals
}

// btreeDegree gives nodes of up to 31 keys, which measured faster than
// degrees 8 and 64 on the wide-book benchmark.
const (
	btreeDegree       = 16
	btreeFreeNodesMax = 1024
)

func bidsFirst(a, b levelKey) bool { return a.price > b.price }
func asksFirst(a, b levelKey) bool { return a.price < b.price }

// better reports whether price a has priority over price b on side s.
func better(s Side, a, b uint64) bool {
	if s == Buy {
		return a > b
	}
	return a < b
}

// crosses reports whether a taker on side s with limit price limit may trade
// with a resting order at price p.
func crosses(s Side, limit, p uint64) bool {
	if s == Buy {
		return p <= limit
	}
	return p >= limit
}

func levelIndexKey(s Side, price uint64) uint64 { return uint64(s)<<63 | price }

func (b *Book) side(s Side) *sideBook {
	if s == Buy {
		return &b.bids
	}
	return &b.asks
}

func (b *Book) lvl(slot uint32) *level { return &b.levels[slot] }

// levelAt returns the slot of the level at price, creating it if needed.
func (b *Book) levelAt(s Side, price uint64) uint32 {
	key := levelIndexKey(s, price)
	if slot, ok := b.levelIndex.get(key); ok {
		return slot
	}
	slot := b.allocLevel()
	*b.lvl(slot) = level{price: price, head: nilSlot, tail: nilSlot, side: s, next: nilSlot}
	b.levelIndex.put(key, slot)
	sb := b.side(s)
	sb.tree.ReplaceOrInsert(levelKey{price: price, slot: slot})
	if sb.best == nilSlot || better(s, price, b.lvl(sb.best).price) {
		sb.best = slot
	}
	return slot
}

func (b *Book) allocLevel() uint32 {
	if b.freeLevel != nilSlot {
		slot := b.freeLevel
		b.freeLevel = b.levels[slot].next
		return slot
	}
	b.levels = append(b.levels, level{})
	return uint32(len(b.levels) - 1)
}

// removeLevel deletes an empty level from its side.
func (b *Book) removeLevel(slot uint32) {
	l := b.lvl(slot)
	sb := b.side(l.side)
	sb.tree.Delete(levelKey{price: l.price, slot: slot})
	b.levelIndex.remove(levelIndexKey(l.side, l.price))
	if sb.best == slot {
		sb.best = nilSlot
		if k, ok := sb.tree.Min(); ok {
			sb.best = k.slot
		}
	}
	*l = level{next: b.freeLevel}
	b.freeLevel = slot
}

// linkOrder appends a resting order to the tail of the level at its price.
func (b *Book) linkOrder(slot uint32) {
	o := b.orders.at(slot)
	ls := b.levelAt(o.side, o.price)
	l := b.lvl(ls)
	o.level = ls
	o.next = nilSlot
	o.prev = l.tail
	if l.tail == nilSlot {
		l.head = slot
	} else {
		b.orders.at(l.tail).next = slot
	}
	l.tail = slot
	l.count++
	l.total += o.remaining
	b.side(o.side).total += o.remaining
	b.emitDepth(l)
}

// unlinkOrder takes a resting order out of its level and removes the level
// when it becomes empty.
func (b *Book) unlinkOrder(slot uint32) {
	o := b.orders.at(slot)
	l := b.lvl(o.level)
	if o.prev == nilSlot {
		l.head = o.next
	} else {
		b.orders.at(o.prev).next = o.next
	}
	if o.next == nilSlot {
		l.tail = o.prev
	} else {
		b.orders.at(o.next).prev = o.prev
	}
	l.count--
	l.total -= o.remaining
	b.side(o.side).total -= o.remaining
	b.emitDepth(l)
	if l.count == 0 {
		b.removeLevel(o.level)
	}
	o.prev, o.next, o.level = nilSlot, nilSlot, nilSlot
}

// reduceResting takes lots off a resting order that stays in the book.
func (b *Book) reduceResting(o *order, lots uint64) {
	l := b.lvl(o.level)
	o.remaining -= lots
	l.total -= lots
	b.side(o.side).total -= lots
	b.emitDepth(l)
}

func (b *Book) emitDepth(l *level) {
	if b.cfg.EmitDepth {
		b.out = append(b.out, Event{Type: EventDepthChanged, Side: l.side, Price: l.price, Quantity: l.total})
	}
}

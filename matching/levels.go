package matching

// level is one price level: a FIFO of resting orders linked through the
// order slab.
type level struct {
	price uint64 // ticks
	total uint64 // lots; Invariant: the sum of its orders' remaining lots
	head  uint32 // the oldest order, first to fill; the free list link while the slot is free
	tail  uint32 // the newest order
	count uint32 // Invariant: the number of orders linked from head
	page  uint32 // the slot of its page, whose key gives the side
}

// levelSlab stores levels in chunks and recycles freed slots, like
// orderSlab.
type levelSlab struct {
	chunks [][]level
	free   uint32 // head of the free list, or nilSlot
	used   uint32
}

const (
	levelChunkShift = 9
	levelChunkLen   = 1 << levelChunkShift
	levelChunkMask  = levelChunkLen - 1
)

func newLevelSlab() levelSlab { return levelSlab{free: nilSlot} }

func (s *levelSlab) at(slot uint32) *level {
	return &s.chunks[slot>>levelChunkShift][slot&levelChunkMask]
}

func (s *levelSlab) alloc() uint32 {
	if s.free == nilSlot {
		base := uint32(len(s.chunks)) << levelChunkShift
		c := make([]level, levelChunkLen)
		s.chunks = append(s.chunks, c)
		for i := levelChunkLen - 1; i >= 0; i-- {
			c[i].head = s.free
			s.free = base + uint32(i)
		}
	}
	slot := s.free
	s.free = s.at(slot).head
	s.used++
	return slot
}

func (s *levelSlab) release(slot uint32) {
	*s.at(slot) = level{head: s.free}
	s.free = slot
	s.used--
}

// sideBook is one side's price levels, best first.
type sideBook struct {
	pages  keyTree // pageTreeKey of each of the side's pages, best first; the page index finds each page's slot
	best   uint32  // Invariant: the slot of the best level, or nilSlot when the side is empty
	total  uint64  // lots; Invariant: the sum of its levels' totals
	levels uint32  // Invariant: the number of set bits in the side's pages
}

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

func (b *Book) side(s Side) *sideBook {
	if s == Buy {
		return &b.bids
	}
	return &b.asks
}

func (b *Book) lvl(slot uint32) *level { return b.levels.at(slot) }

// levelSlot returns the slot of the level at price on side s.
func (b *Book) levelSlot(s Side, price uint64) (uint32, bool) {
	ps, ok := b.pageSlot(pageKey(s, price>>pageShift))
	if !ok {
		return nilSlot, false
	}
	if i := price & pageMask; b.pages.head(ps).bits&(1<<i) != 0 {
		return b.pages.levels(ps)[i], true
	}
	return nilSlot, false
}

// levelAt returns the slot of the level at price, creating it if needed.
func (b *Book) levelAt(s Side, price uint64) uint32 {
	ps, ok := b.pageSlot(pageKey(s, price>>pageShift))
	i := price & pageMask
	if !ok {
		ps = b.addPage(s, price>>pageShift)
	} else if b.pages.head(ps).bits&(1<<i) != 0 {
		return b.pages.levels(ps)[i]
	}
	slot := b.levels.alloc()
	*b.lvl(slot) = level{price: price, head: nilSlot, tail: nilSlot, page: ps}
	b.pages.head(ps).bits |= 1 << i
	b.pages.levels(ps)[i] = slot
	sb := b.side(s)
	sb.levels++
	if sb.best == nilSlot || better(s, price, b.lvl(sb.best).price) {
		sb.best = slot
	}
	return slot
}

// removeLevel deletes the empty level in slot at price on side s, without
// reading the level. When it was the best level, the best remaining bit of
// its page, or else of the side's first page, becomes the best.
func (b *Book) removeLevel(s Side, price uint64, slot uint32) {
	sb := b.side(s)
	ps := b.mustPageSlot(pageKey(s, price>>pageShift))
	p := b.pages.head(ps)
	p.bits &^= 1 << (price & pageMask)
	sb.levels--
	switch {
	case p.bits != 0:
		if sb.best == slot {
			sb.best = b.pages.levels(ps)[bestBit(s, p.bits)]
		}
	default:
		b.removePage(ps)
		if sb.best == slot {
			k, _, ok := sb.pages.Min()
			sb.best = b.bestLevelOfPage(s, pageNumberOf(s, k), ok)
		}
	}
	b.levels.release(slot)
}

// linkOrder appends a resting order to the tail of the level at its price,
// which spot names unless it is noRestSpot.
func (b *Book) linkOrder(slot uint32, spot restSpot) {
	o := b.orders.at(slot)
	ls, tail := spot.level, spot.tail
	if ls == nilSlot {
		ls = b.levelAt(o.side, o.price)
		tail = b.lvl(ls).tail
	}
	l := b.lvl(ls)
	o.level, o.next, o.prev = ls, nilSlot, tail
	if tail == nilSlot {
		l.head = slot
	} else {
		b.orders.at(tail).next = slot
	}
	l.tail = slot
	l.count++
	l.total += o.remaining
	b.side(o.side).total += o.remaining
	b.emitDepth(o.side, l)
}

// unlinkOrder takes a resting order out of its level and removes the level
// when it becomes empty.
func (b *Book) unlinkOrder(slot uint32) {
	o := b.orders.at(slot)
	b.side(o.side).total -= o.remaining
	if o.prev == nilSlot && o.next == nilSlot {
		// The order is alone, so its level goes with it. Skipping the read
		// of the level saves a cache miss on a wide book.
		b.emitDepthAt(o.side, o.price, 0)
		b.removeLevel(o.side, o.price, o.level)
		o.level = nilSlot
		return
	}

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
	b.emitDepth(o.side, l)
	o.prev, o.next, o.level = nilSlot, nilSlot, nilSlot
}

// reduceResting takes lots off a resting order that stays in the book.
func (b *Book) reduceResting(o *order, lots uint64) {
	l := b.lvl(o.level)
	o.remaining -= lots
	l.total -= lots
	b.side(o.side).total -= lots
	b.emitDepth(o.side, l)
}

func (b *Book) emitDepth(s Side, l *level) { b.emitDepthAt(s, l.price, l.total) }

func (b *Book) emitDepthAt(s Side, price, total uint64) {
	if b.cfg.EmitDepth {
		e := b.newEvent(EventDepthChanged)
		e.Side, e.Price, e.Quantity = s, price, total
	}
}

package matching

// ExpiriesPerCommandMax bounds the orders one command expires: a tick, or
// a place whose matching reaches due makers. It bounds the work of one
// command, and so of one log entry of the node, when many orders share an
// expiry. The node's cost per expiry (events, hold releases, order
// records) sized it: at this value BenchmarkMassExpiry in node/state
// measured at most 29 MiB of heap and 36 to 49 ms per clock entry on a
// shared 2-core machine (docs/BENCHMARKS.md, "Mass expiry").
const ExpiriesPerCommandMax = 4096

// hasDue reports whether some open order is due: it has an expiry at or
// before the last tick. It costs one comparison with the heap's minimum.
func (b *Book) hasDue() bool {
	return len(b.expiries) > 0 && b.expiries[0].expiry <= b.lastTick
}

// isDue reports whether the open order in slot is due.
func (b *Book) isDue(slot uint32) bool {
	pos, ok := b.expiryPos(slot)
	return ok && b.expiries[pos].expiry <= b.lastTick
}

// takesExpiry reports whether an order of kind k and time in force tif
// may carry an expiry: a GTD order must, and an IOC or FOK stop order may,
// for the time it waits for its trigger.
func takesExpiry(k Kind, tif TimeInForce) bool {
	return tif == GTD || k.isStop() && (tif == IOC || tif == FOK)
}

// expiryPos returns the expiry heap position of the open order in slot;
// ok is false when the order has no expiry. A resting order has one when
// it is GTD, and a stop order when its heap position is set. A resting
// order that is not GTD returns before its heap position is read, so
// matching reads no other cache line for it.
func (b *Book) expiryPos(slot uint32) (pos uint32, ok bool) {
	if o := b.orders.at(slot); o.level != nilSlot && o.tif != GTD {
		return 0, false
	}
	pos = *b.orders.heapPosAt(slot)
	return pos, pos != noHeapPos
}

// ExpiriesPending reports whether some open order is due and waits for a
// tick to expire it. It costs O(1).
func (b *Book) ExpiriesPending() bool { return b.hasDue() }

// expireOpen removes a due open order, emits its Expired event and
// charges the command's expiry budget.
func (b *Book) expireOpen(slot uint32) {
	o := b.orders.at(slot)
	e := b.newEvent(EventExpired)
	e.OrderID, e.Owner, e.Side, e.Price, e.Quantity = o.id, o.owner, o.side, o.price, o.remaining
	b.removeOpen(slot)
	if b.expiryBudget > 0 {
		b.expiryBudget--
	}
}

// expiryHeap is a binary min-heap of the open orders that have an expiry
// (GTD orders, and IOC or FOK stop orders placed with one), ordered by
// expiry, then arrival. An entry carries both keys, so sifting reads no
// order, and each order's heapPosAt entry records its position, so a
// cancelled, filled or triggered order leaves the heap in O(log n).
//
// Invariant: heap order holds, every open order with an expiry has exactly
// one entry, entry i's expiry and seq are those of the order in its slot,
// and *b.orders.heapPosAt(h[i].slot) == i. Every stop order without an
// expiry has heap position noHeapPos.
type expiryHeap []expiryEntry

type expiryEntry struct {
	expiry uint64
	seq    uint64
	slot   uint32
}

func expiresBefore(x, y *expiryEntry) bool {
	if x.expiry != y.expiry {
		return x.expiry < y.expiry
	}
	return x.seq < y.seq
}

func (b *Book) heapSet(i int, e expiryEntry) {
	b.expiries[i] = e
	*b.orders.heapPosAt(e.slot) = uint32(i)
}

// pushExpiry adds the open order in slot with its expiry.
func (b *Book) pushExpiry(slot uint32, expiry uint64) {
	e := expiryEntry{expiry: expiry, seq: b.orders.at(slot).seq, slot: slot}
	b.expiries = append(b.expiries, e)
	b.siftUp(len(b.expiries)-1, e)
}

// orderExpiry returns the expiry of the open order in slot, or 0 when it
// has none.
func (b *Book) orderExpiry(slot uint32) uint64 {
	pos, ok := b.expiryPos(slot)
	if !ok {
		return 0
	}
	return b.expiries[pos].expiry
}

// removeExpiry takes the order in slot, which has an expiry, out of the
// heap.
func (b *Book) removeExpiry(slot uint32) {
	i := int(*b.orders.heapPosAt(slot))
	last := len(b.expiries) - 1
	moved := b.expiries[last]
	b.expiries = b.expiries[:last]
	if i == last {
		return
	}
	b.heapSet(i, moved)
	if i > 0 && expiresBefore(&moved, &b.expiries[(i-1)/2]) {
		b.siftUp(i, moved)
	} else {
		b.siftDown(i, moved)
	}
}

func (b *Book) siftUp(i int, e expiryEntry) {
	for i > 0 {
		parent := (i - 1) / 2
		if !expiresBefore(&e, &b.expiries[parent]) {
			break
		}
		b.heapSet(i, b.expiries[parent])
		i = parent
	}
	b.heapSet(i, e)
}

func (b *Book) siftDown(i int, e expiryEntry) {
	n := len(b.expiries)
	for {
		child := 2*i + 1
		if child >= n {
			break
		}
		if child+1 < n && expiresBefore(&b.expiries[child+1], &b.expiries[child]) {
			child++
		}
		if !expiresBefore(&b.expiries[child], &e) {
			break
		}
		b.heapSet(i, b.expiries[child])
		i = child
	}
	b.heapSet(i, e)
}

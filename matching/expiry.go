package matching

// expiryHeap is a binary min-heap of the GTD orders, ordered by expiry, then
// arrival. An entry carries both keys, so sifting reads no order, and each
// order's heapPosAt entry records its position, so a cancelled or filled
// order leaves the heap in O(log n).
//
// Invariant: heap order holds, every GTD open order has exactly one entry,
// entry i's expiry and seq are those of the order in its slot, and
// *b.orders.heapPosAt(h[i].slot) == i.
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

// pushExpiry adds the GTD order in slot with its expiry.
func (b *Book) pushExpiry(slot uint32, expiry uint64) {
	e := expiryEntry{expiry: expiry, seq: b.orders.at(slot).seq, slot: slot}
	b.expiries = append(b.expiries, e)
	b.siftUp(len(b.expiries)-1, e)
}

// orderExpiry returns the expiry of the open order in slot, or 0 when it is
// not GTD.
func (b *Book) orderExpiry(slot uint32) uint64 {
	if b.orders.at(slot).tif != GTD {
		return 0
	}
	return b.expiries[*b.orders.heapPosAt(slot)].expiry
}

// removeExpiry takes the GTD order in slot out of the heap.
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

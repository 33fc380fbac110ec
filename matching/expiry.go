package matching

// expiryHeap is a binary min-heap of GTD order slots ordered by expiry, then
// arrival. Each order records its position in heapPos, so a cancelled or
// filled order leaves the heap in O(log n).
//
// Invariant: heap order holds, and b.orders.at(h[i]).heapPos == i.
type expiryHeap []uint32

func (b *Book) expiresBefore(x, y uint32) bool {
	ox, oy := b.orders.at(x), b.orders.at(y)
	if ox.expiry != oy.expiry {
		return ox.expiry < oy.expiry
	}
	return ox.seq < oy.seq
}

func (b *Book) heapSet(i int, slot uint32) {
	b.expiries[i] = slot
	b.orders.at(slot).heapPos = uint32(i)
}

func (b *Book) pushExpiry(slot uint32) {
	b.expiries = append(b.expiries, slot)
	b.siftUp(len(b.expiries)-1, slot)
}

// removeExpiry takes the order in slot out of the heap.
func (b *Book) removeExpiry(slot uint32) {
	o := b.orders.at(slot)
	i := int(o.heapPos)
	o.heapPos = nilSlot
	last := len(b.expiries) - 1
	moved := b.expiries[last]
	b.expiries = b.expiries[:last]
	if i == last {
		return
	}
	b.heapSet(i, moved)
	if i > 0 && b.expiresBefore(moved, b.expiries[(i-1)/2]) {
		b.siftUp(i, moved)
	} else {
		b.siftDown(i, moved)
	}
}

func (b *Book) siftUp(i int, slot uint32) {
	for i > 0 {
		parent := (i - 1) / 2
		if !b.expiresBefore(slot, b.expiries[parent]) {
			break
		}
		b.heapSet(i, b.expiries[parent])
		i = parent
	}
	b.heapSet(i, slot)
}

func (b *Book) siftDown(i int, slot uint32) {
	n := len(b.expiries)
	for {
		child := 2*i + 1
		if child >= n {
			break
		}
		if child+1 < n && b.expiresBefore(b.expiries[child+1], b.expiries[child]) {
			child++
		}
		if !b.expiresBefore(b.expiries[child], slot) {
			break
		}
		b.heapSet(i, b.expiries[child])
		i = child
	}
	b.heapSet(i, slot)
}

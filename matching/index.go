package matching

// nilSlot marks "no slot" in links and indexes.
const nilSlot = ^uint32(0)

// slotIndex is an open-addressing hash table with linear probing that maps
// a key to a slot of the order or level slab. A bucket stores the top 32
// bits of the key's hash (its tag) and the slot plus one, so a bucket is 8
// bytes and the key itself stays in the slab. A lookup compares tags and
// then checks the slab entry of each matching tag. Deletion shifts entries back,
// so there are no tombstones and steady-state inserts and deletes never
// allocate; the table only grows.
//
// Invariant: count <= len(buckets)*3/4, len(buckets) is a power of two, and
// every entry is reachable from its home bucket without crossing an empty
// bucket.
type slotIndex struct {
	buckets []uint64 // tag<<32 | slot+1; 0 marks an empty bucket
	count   int
	bits    uint8 // log2(len(buckets))
}

const slotIndexBitsMin = 6

func newSlotIndex() slotIndex {
	var t slotIndex
	t.resize(slotIndexBitsMin)
	return t
}

// hashKey mixes a key with Fibonacci hashing; the top bits are the best
// mixed, so the tag and the home bucket come from them.
func hashKey(key uint64) uint64 { return key * 0x9E3779B97F4A7C15 }

func tagOf(h uint64) uint32 { return uint32(h >> 32) }

// home returns the bucket where the search for a tag starts: the tag's top
// bits, or the tag spread over the table when it has more than 2^32 buckets.
func (t *slotIndex) home(tag uint32) int {
	if t.bits > 32 {
		return int(tag) << (t.bits - 32)
	}
	return int(tag >> (32 - t.bits))
}

func (t *slotIndex) resize(bits uint8) {
	old := t.buckets
	t.buckets = make([]uint64, 1<<bits)
	t.bits = bits
	t.count = 0
	for _, e := range old {
		if e != 0 {
			t.insert(uint32(e>>32), e)
		}
	}
}

func (t *slotIndex) insert(tag uint32, entry uint64) {
	mask := len(t.buckets) - 1
	i := t.home(tag)
	for t.buckets[i] != 0 {
		i = (i + 1) & mask
	}
	t.buckets[i] = entry
	t.count++
}

// put adds slot under hash h; the key must be absent.
func (t *slotIndex) put(h uint64, slot uint32) {
	if (t.count+1)*4 > len(t.buckets)*3 {
		t.resize(t.bits + 1)
	}
	tag := tagOf(h)
	t.insert(tag, uint64(tag)<<32|uint64(slot+1))
}

// remove deletes the entry of slot under hash h, which must be present,
// and shifts the entries after it back so that every entry stays reachable
// from its home bucket.
func (t *slotIndex) remove(h uint64, slot uint32) {
	mask := len(t.buckets) - 1
	want := uint64(tagOf(h))<<32 | uint64(slot+1)
	i := t.home(tagOf(h))
	for t.buckets[i] != want {
		i = (i + 1) & mask
	}
	for j := (i + 1) & mask; t.buckets[j] != 0; j = (j + 1) & mask {
		home := t.home(uint32(t.buckets[j] >> 32))
		// Move j into the hole at i unless its home lies cyclically in (i, j].
		if (j > i && (home <= i || home > j)) || (j < i && home <= i && home > j) {
			t.buckets[i] = t.buckets[j]
			i = j
		}
	}
	t.buckets[i] = 0
	t.count--
}

// orderSlot returns the slot of the open order id.
func (b *Book) orderSlot(id uint64) (uint32, bool) {
	h := hashKey(id)
	tag, t := tagOf(h), &b.ids
	mask := len(t.buckets) - 1
	for i := t.home(tag); ; i = (i + 1) & mask {
		e := t.buckets[i]
		if e == 0 {
			return nilSlot, false
		}
		if uint32(e>>32) == tag {
			if slot := uint32(e) - 1; b.orders.at(slot).id == id {
				return slot, true
			}
		}
	}
}

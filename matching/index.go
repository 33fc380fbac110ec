package matching

// nilSlot marks "no slot" in links and indexes.
const nilSlot = ^uint32(0)

// slotIndex maps uint64 keys to uint32 slots with open addressing and linear
// probing. Deletion shifts entries back, so there are no tombstones and
// steady-state inserts and deletes never allocate; the table only grows.
//
// Invariant: count <= len(keys)*3/4, and len(keys) is a power of two.
type slotIndex struct {
	keys  []uint64
	slots []uint32 // slot+1; 0 marks an empty bucket
	count int
	shift uint8 // 64 - log2(len(keys))
}

const slotIndexBucketsMin = 64

func newSlotIndex() slotIndex {
	var t slotIndex
	t.resize(slotIndexBucketsMin)
	return t
}

func (t *slotIndex) resize(buckets int) {
	oldKeys, oldSlots := t.keys, t.slots
	t.keys = make([]uint64, buckets)
	t.slots = make([]uint32, buckets)
	t.shift = uint8(64 - log2(uint64(buckets)))
	t.count = 0
	for i, s := range oldSlots {
		if s != 0 {
			t.put(oldKeys[i], s-1)
		}
	}
}

func log2(n uint64) uint {
	var l uint
	for n > 1 {
		n >>= 1
		l++
	}
	return l
}

// home returns the first bucket to probe for key (Fibonacci hashing).
func (t *slotIndex) home(key uint64) int {
	return int((key * 0x9E3779B97F4A7C15) >> t.shift)
}

func (t *slotIndex) get(key uint64) (uint32, bool) {
	mask := len(t.keys) - 1
	for i := t.home(key); ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return nilSlot, false
		}
		if t.keys[i] == key {
			return s - 1, true
		}
	}
}

// put inserts key, which must be absent.
func (t *slotIndex) put(key uint64, slot uint32) {
	if (t.count+1)*4 > len(t.keys)*3 {
		t.resize(len(t.keys) * 2)
	}
	mask := len(t.keys) - 1
	i := t.home(key)
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.keys[i] = key
	t.slots[i] = slot + 1
	t.count++
}

// set changes the slot of a present key.
func (t *slotIndex) set(key uint64, slot uint32) {
	mask := len(t.keys) - 1
	for i := t.home(key); ; i = (i + 1) & mask {
		if t.slots[i] != 0 && t.keys[i] == key {
			t.slots[i] = slot + 1
			return
		}
	}
}

// remove deletes key, which must be present, and shifts the entries after it
// back so that every entry stays reachable from its home bucket.
func (t *slotIndex) remove(key uint64) {
	mask := len(t.keys) - 1
	i := t.home(key)
	for t.keys[i] != key || t.slots[i] == 0 {
		i = (i + 1) & mask
	}
	for j := (i + 1) & mask; t.slots[j] != 0; j = (j + 1) & mask {
		h := t.home(t.keys[j])
		// Move j into the hole at i unless its home lies cyclically in (i, j].
		if (j > i && (h <= i || h > j)) || (j < i && h <= i && h > j) {
			t.keys[i], t.slots[i] = t.keys[j], t.slots[j]
			i = j
		}
	}
	t.slots[i] = 0
	t.keys[i] = 0
	t.count--
}

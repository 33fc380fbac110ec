package matching

import "fmt"

// nilSlot marks "no slot" in links and indexes.
const nilSlot = ^uint32(0)

// slotIndex is an open-addressing hash table with linear probing and Robin
// Hood placement that maps a key to a slot of the order slab or page slab.
// A bucket stores the top 32 bits of the key's hash (its tag) and the slot
// plus one, so a bucket is 8 bytes and the key itself stays in the slab. A
// lookup compares tags and then checks the slab entry of each matching tag.
//
// Robin Hood placement keeps the entries of a run of full buckets in the
// order of their home buckets. An insert takes the bucket of the first entry
// that sits closer to its own home than the new entry would, and moves that
// entry on. So a lookup for an absent key stops at the first entry closer to
// its home than the search has come, and a delete shifts entries back only
// up to the first empty bucket or entry at its home. There are no
// tombstones, and steady-state inserts and deletes never allocate; the table
// only grows.
//
// The table grows when it would be more than 7/8 full, not 3/4 as before
// Robin Hood placement. That halves the table for books whose size falls
// between the two, such as the 100,000 orders of the wide-book benchmark,
// which ran about 7% faster with the smaller table (measured on a shared
// machine).
//
// Invariant: count <= len(buckets)*7/8, len(buckets) is a power of two, every
// entry is reachable from its home bucket without crossing an empty bucket,
// and in every pair of full neighbouring buckets the second entry is at most
// one bucket further from its home than the first.
type slotIndex struct {
	buckets []uint64 // tag<<32 | slot+1; 0 marks an empty bucket
	count   int
	bits    uint8 // log2(len(buckets))
	shift   uint8 // 64 - bits
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
	return int(uint64(tag) << 32 >> t.shift)
}

// distance returns how many buckets past its home bucket the entry e sits
// when it is in bucket i.
func (t *slotIndex) distance(i int, e uint64) int {
	return (i - t.home(uint32(e>>32))) & (len(t.buckets) - 1)
}

func (t *slotIndex) resize(bits uint8) {
	old := t.buckets
	t.buckets = make([]uint64, 1<<bits)
	t.bits, t.shift = bits, 64-bits
	t.count = 0
	for _, e := range old {
		if e != 0 {
			t.insert(e)
		}
	}
}

// insert places an entry, moving on each entry that sits closer to its home
// than the entry being placed.
func (t *slotIndex) insert(entry uint64) {
	mask := len(t.buckets) - 1
	d := 0
	for i := t.home(uint32(entry >> 32)); ; i = (i + 1) & mask {
		e := t.buckets[i]
		if e == 0 {
			t.buckets[i] = entry
			t.count++
			return
		}
		if de := t.distance(i, e); de < d {
			t.buckets[i], entry, d = entry, e, de
		}
		d++
	}
}

// put adds slot under hash h; the key must be absent.
func (t *slotIndex) put(h uint64, slot uint32) {
	if (t.count+1)*8 > len(t.buckets)*7 {
		t.resize(t.bits + 1)
	}
	t.insert(uint64(tagOf(h))<<32 | uint64(slot+1))
}

// remove deletes the entry of slot under hash h, which must be present,
// and shifts the entries after it back by one bucket up to the first empty
// bucket or entry at its home.
func (t *slotIndex) remove(h uint64, slot uint32) {
	mask := len(t.buckets) - 1
	want := uint64(tagOf(h))<<32 | uint64(slot+1)
	i := t.home(tagOf(h))
	for t.buckets[i] != want {
		i = (i + 1) & mask
	}
	for {
		j := (i + 1) & mask
		e := t.buckets[j]
		if e == 0 || t.distance(j, e) == 0 {
			break
		}
		t.buckets[i] = e
		i = j
	}
	t.buckets[i] = 0
	t.count--
}

// check verifies the table's invariant by a full scan.
func (t *slotIndex) check() error {
	n := 0
	for i, e := range t.buckets {
		if e == 0 {
			continue
		}
		n++
		d := t.distance(i, e)
		for k := 1; k <= d; k++ {
			if t.buckets[(i-k)&(len(t.buckets)-1)] == 0 {
				return fmt.Errorf("%w: index entry in bucket %d is %d buckets from its home across an empty bucket", ErrInvariant, i, d)
			}
		}
		if next := t.buckets[(i+1)&(len(t.buckets)-1)]; next != 0 && t.distance(i+1, next) > d+1 {
			return fmt.Errorf("%w: index entries in buckets %d and %d break the Robin Hood order", ErrInvariant, i, i+1)
		}
	}
	if n != t.count || n*8 > len(t.buckets)*7 {
		return fmt.Errorf("%w: index contains %d entries in %d buckets, but its count is %d", ErrInvariant, n, len(t.buckets), t.count)
	}
	return nil
}

// orderSlot returns the slot of the open order id.
func (b *Book) orderSlot(id uint64) (uint32, bool) {
	h := hashKey(id)
	tag, t := tagOf(h), &b.ids
	mask := len(t.buckets) - 1
	for i, d := t.home(tag), 0; ; i, d = (i+1)&mask, d+1 {
		e := t.buckets[i]
		if e == 0 || t.distance(i, e) < d {
			return nilSlot, false
		}
		if uint32(e>>32) == tag {
			if slot := uint32(e) - 1; b.orders.at(slot).id == id {
				return slot, true
			}
		}
	}
}

package matching

import (
	"fmt"
	"math/bits"
)

// A page covers pageLen consecutive prices of one side and exists while at
// least one of them has a level. The page slab stores each page in two
// parts. Its head (key and occupancy bitmap, 16 bytes) is packed with the
// other heads, so that the heads of a whole book stay in cache. Its level
// slots fill one cache line, which only placing an order at a price reads.
//
// Invariant: a used page's bits != 0, and for every set bit i its slots[i] is
// a level on side s at price number<<pageShift | i, where the key is
// pageKey(s, number).
type pageHead struct {
	key  uint64 // pageKey(side, number); the free list link while the slot is free
	bits uint64 // bit i set: a level rests at price number<<pageShift | i
}

type pageSlots [pageLen]uint32

// pageShift sets pageLen, the prices per page. Short pages keep a lone level
// cheap: its page takes 16+64 bytes. Pages of 64 prices ran the wide-book
// and flash-crash benchmarks about 3% faster, but a lone level's page then
// takes 16+256 bytes.
const (
	pageShift = 4
	pageLen   = 1 << pageShift
	pageMask  = pageLen - 1
)

// pageKey is the page index key of side s's page number: the side in the
// top bit, which prices never use.
func pageKey(s Side, number uint64) uint64 { return uint64(s)<<63 | number }

func keySide(key uint64) Side     { return Side(key >> 63) }
func keyNumber(key uint64) uint64 { return key &^ (1 << 63) }

// pageTreeKey orders side s's pages in its page tree, best first: asks by
// ascending number, bids by descending number.
func pageTreeKey(s Side, number uint64) treeKey {
	if s == Buy {
		number = ^number
	}
	return treeKey{hi: number}
}

// pageNumberOf returns the page number of a page tree key of side s.
func pageNumberOf(s Side, k treeKey) uint64 {
	if s == Buy {
		return ^k.hi
	}
	return k.hi
}

// pageSlab stores pages in chunks and recycles freed slots, like levelSlab.
type pageSlab struct {
	heads [][]pageHead
	slots [][]pageSlots
	free  uint32 // head of the free list, or nilSlot
	used  uint32
}

const (
	pageChunkShift = 8
	pageChunkLen   = 1 << pageChunkShift
	pageChunkMask  = pageChunkLen - 1
)

func newPageSlab() pageSlab { return pageSlab{free: nilSlot} }

func (s *pageSlab) head(slot uint32) *pageHead {
	return &s.heads[slot>>pageChunkShift][slot&pageChunkMask]
}

func (s *pageSlab) levels(slot uint32) *pageSlots {
	return &s.slots[slot>>pageChunkShift][slot&pageChunkMask]
}

func (s *pageSlab) alloc() uint32 {
	if s.free == nilSlot {
		base := uint32(len(s.heads)) << pageChunkShift
		c := make([]pageHead, pageChunkLen)
		s.heads = append(s.heads, c)
		s.slots = append(s.slots, make([]pageSlots, pageChunkLen))
		for i := pageChunkLen - 1; i >= 0; i-- {
			c[i].key = uint64(s.free)
			s.free = base + uint32(i)
		}
	}
	slot := s.free
	s.free = uint32(s.head(slot).key)
	s.used++
	return slot
}

func (s *pageSlab) release(slot uint32) {
	*s.head(slot) = pageHead{key: uint64(s.free)}
	s.free = slot
	s.used--
}

// pageSlot returns the slot of the page with the given key.
func (b *Book) pageSlot(key uint64) (uint32, bool) {
	h := hashKey(key)
	tag, t := tagOf(h), &b.pageIndex
	mask := len(t.buckets) - 1
	for i, d := t.home(tag), 0; ; i, d = (i+1)&mask, d+1 {
		e := t.buckets[i]
		if e == 0 || t.distance(i, e) < d {
			return nilSlot, false
		}
		if uint32(e>>32) == tag {
			if slot := uint32(e) - 1; b.pages.head(slot).key == key {
				return slot, true
			}
		}
	}
}

// mustPageSlot returns the slot of a page that a side's page tree contains.
// It panics when the page index lacks it, because the two are kept in step.
func (b *Book) mustPageSlot(key uint64) uint32 {
	slot, ok := b.pageSlot(key)
	if !ok {
		panic(fmt.Sprintf("matching: %s page %d is in the page tree but not in the page index", keySide(key), keyNumber(key)))
	}
	return slot
}

// addPage creates side s's empty page with the given number.
func (b *Book) addPage(s Side, number uint64) uint32 {
	slot := b.pages.alloc()
	key := pageKey(s, number)
	*b.pages.head(slot) = pageHead{key: key}
	b.pageIndex.put(hashKey(key), slot)
	b.side(s).pages.Insert(pageTreeKey(s, number), 0)
	return slot
}

// removePage deletes an empty page from its side.
func (b *Book) removePage(slot uint32) {
	key := b.pages.head(slot).key
	s := keySide(key)
	b.side(s).pages.MustDelete(pageTreeKey(s, keyNumber(key)))
	b.pageIndex.remove(hashKey(key), slot)
	b.pages.release(slot)
}

// bestBit returns the index of the best occupied price in a non-empty
// bitmap: the highest for bids, the lowest for asks.
func bestBit(s Side, occupied uint64) uint64 {
	if s == Buy {
		return 63 - uint64(bits.LeadingZeros64(occupied))
	}
	return uint64(bits.TrailingZeros64(occupied))
}

// worseBits returns the occupied prices of a page that are worse than index
// i on side s: those below i for bids, above i for asks.
func worseBits(s Side, occupied, i uint64) uint64 {
	below := uint64(1)<<i - 1
	if s == Buy {
		return occupied & below
	}
	return occupied &^ (below | 1<<i)
}

// bestLevelOfPage returns the slot of the best level in side s's page
// number, or nilSlot when ok is false.
func (b *Book) bestLevelOfPage(s Side, number uint64, ok bool) uint32 {
	if !ok {
		return nilSlot
	}
	ps := b.mustPageSlot(pageKey(s, number))
	return b.pages.levels(ps)[bestBit(s, b.pages.head(ps).bits)]
}

// nextLevel returns the slot of the next worse level after the level in
// slot on the same side, or nilSlot when it is the worst. It costs O(1)
// within a page and O(log pages) to step to the next page.
func (b *Book) nextLevel(slot uint32) uint32 {
	l := b.lvl(slot)
	p := b.pages.head(l.page)
	s, number := keySide(p.key), keyNumber(p.key)
	if rest := worseBits(s, p.bits, l.price&pageMask); rest != 0 {
		return b.pages.levels(l.page)[bestBit(s, rest)]
	}

	k, _, ok := b.side(s).pages.Next(pageTreeKey(s, number))
	return b.bestLevelOfPage(s, pageNumberOf(s, k), ok)
}

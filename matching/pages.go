package matching

import (
	"fmt"
	"math/bits"
)

// levelPage covers pageLen consecutive prices of one side: an occupancy
// bitmap and the level slot of each occupied price. A side keeps a page only
// while at least one of its prices holds a level.
//
// Invariant: bits != 0 while the page is in use, and for every set bit i the
// level in levels[i] rests at price number<<pageShift | i on side.
type levelPage struct {
	number uint64 // price >> pageShift; the free list link while the slot is free
	bits   uint64 // bit i set: a level rests at price number<<pageShift | i
	side   Side
	levels [pageLen]uint32
}

// pageShift sets pageLen, the prices per page. Short pages keep a lone level
// cheap (a page is 88 bytes), and on the wide-book benchmark (one order on
// each of 100,000 prices) 16-price pages were as fast as 64-price ones.
const (
	pageShift = 4
	pageLen   = 1 << pageShift
	pageMask  = pageLen - 1
)

// pageSlab stores pages in chunks and recycles freed slots, like levelSlab.
type pageSlab struct {
	chunks [][]levelPage
	free   uint32 // head of the free list, or nilSlot
	used   uint32
}

const (
	pageChunkShift = 8
	pageChunkLen   = 1 << pageChunkShift
	pageChunkMask  = pageChunkLen - 1
)

func newPageSlab() pageSlab { return pageSlab{free: nilSlot} }

func (s *pageSlab) at(slot uint32) *levelPage {
	return &s.chunks[slot>>pageChunkShift][slot&pageChunkMask]
}

func (s *pageSlab) alloc() uint32 {
	if s.free == nilSlot {
		base := uint32(len(s.chunks)) << pageChunkShift
		c := make([]levelPage, pageChunkLen)
		s.chunks = append(s.chunks, c)
		for i := pageChunkLen - 1; i >= 0; i-- {
			c[i].number = uint64(s.free)
			s.free = base + uint32(i)
		}
	}
	slot := s.free
	s.free = uint32(s.at(slot).number)
	s.used++
	return slot
}

func (s *pageSlab) release(slot uint32) {
	*s.at(slot) = levelPage{number: uint64(s.free)}
	s.free = slot
	s.used--
}

func pageIndexKey(s Side, number uint64) uint64 { return uint64(s)<<63 | number }

// pageSlot returns the slot of side s's page with the given number.
func (b *Book) pageSlot(s Side, number uint64) (uint32, bool) {
	h := hashKey(pageIndexKey(s, number))
	tag, t := tagOf(h), &b.pageIndex
	mask := len(t.buckets) - 1
	for i := t.home(tag); ; i = (i + 1) & mask {
		e := t.buckets[i]
		if e == 0 {
			return nilSlot, false
		}
		if uint32(e>>32) == tag {
			if slot := uint32(e) - 1; b.pages.at(slot).number == number && b.pages.at(slot).side == s {
				return slot, true
			}
		}
	}
}

// mustPageSlot returns the slot of the page that holds a level. It panics
// when the page index lacks it, because levels and pages are kept in step.
func (b *Book) mustPageSlot(s Side, price uint64) uint32 {
	slot, ok := b.pageSlot(s, price>>pageShift)
	if !ok {
		panic(fmt.Sprintf("matching: %s level %d has no page in the page index", s, price))
	}
	return slot
}

// addPage creates side s's empty page with the given number.
func (b *Book) addPage(s Side, number uint64) uint32 {
	slot := b.pages.alloc()
	*b.pages.at(slot) = levelPage{number: number, side: s}
	b.pageIndex.put(hashKey(pageIndexKey(s, number)), slot)
	b.side(s).pages.ReplaceOrInsert(number)
	return slot
}

// removePage deletes an empty page from its side.
func (b *Book) removePage(slot uint32) {
	p := b.pages.at(slot)
	b.side(p.side).pages.Delete(p.number)
	b.pageIndex.remove(hashKey(pageIndexKey(p.side, p.number)), slot)
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
// number, or nilSlot when there is no such page.
func (b *Book) bestLevelOfPage(s Side, number uint64, ok bool) uint32 {
	if !ok {
		return nilSlot
	}
	p := b.pages.at(b.mustPageSlot(s, number<<pageShift))
	return p.levels[bestBit(s, p.bits)]
}

// nextLevel returns the slot of the next worse level after the level in
// slot on the same side, or nilSlot when it is the worst. It costs O(1)
// within a page and O(log pages) to step to the next page.
func (b *Book) nextLevel(slot uint32) uint32 {
	l := b.lvl(slot)
	s := l.side
	p := b.pages.at(b.mustPageSlot(s, l.price))
	if rest := worseBits(s, p.bits, l.price&pageMask); rest != 0 {
		return p.levels[bestBit(s, rest)]
	}

	// Step to the best page after p: the next number above for asks, below
	// for bids.
	pivot := p.number + 1
	if s == Buy {
		if p.number == 0 {
			return nilSlot
		}
		pivot = p.number - 1
	}
	b.pageFound = false
	b.side(s).pages.AscendGreaterOrEqual(pivot, b.pageVisit)
	return b.bestLevelOfPage(s, b.pageNumber, b.pageFound)
}

// visitPage records the first page number of a tree walk and stops it.
func (b *Book) visitPage(number uint64) bool {
	b.pageNumber, b.pageFound = number, true
	return false
}

package matching

// order is one open order in the slab. It is 64 bytes, one cache line, so
// it has no room for an expiry: that is in the order's expiry heap entry.
type order struct {
	id        uint64
	owner     uint64
	price     uint64 // ticks
	trigger   uint64 // ticks; stop orders only
	remaining uint64 // lots; Invariant: 1..Config.MaxQuantity while open
	seq       uint64 // arrival number; unique per book
	prev      uint32 // the order ahead in its level, or nilSlot
	next      uint32 // the order behind in its level, or nilSlot; the free list link when free
	level     uint32 // its level slot while resting, nilSlot for a stop order
	side      Side
	kind      Kind
	tif       TimeInForce
	stp       SelfTradeMode
}

// orderChunkLen orders share one allocation; chunks keep the slab from
// doubling (and so from holding up to twice the memory it needs). A chunk
// is 64 KiB, which the Go allocator aligns to its 8 KiB pages, so no order
// straddles two cache lines.
// noHeapPos is the heap position of a stop order without an expiry.
const noHeapPos = ^uint32(0)

const (
	orderChunkShift = 10
	orderChunkLen   = 1 << orderChunkShift
	orderChunkMask  = orderChunkLen - 1
)

type (
	orderChunk   [orderChunkLen]order
	heapPosChunk [orderChunkLen]uint32
)

// orderSlab stores orders in chunks and recycles freed slots. Beside each
// chunk, heapPos has each order's position in the expiry heap: for a
// resting GTD order, and for a stop order, where noHeapPos marks one
// without an expiry. A resting order that is not GTD leaves its entry
// unused.
//
// Invariant: every slot below len(chunks)*orderChunkLen is either in use or on
// the free list.
type orderSlab struct {
	chunks  []*orderChunk
	heapPos []*heapPosChunk
	free    uint32 // head of the free list, or nilSlot
	used    uint32
}

func newOrderSlab() orderSlab { return orderSlab{free: nilSlot} }

func (s *orderSlab) at(slot uint32) *order {
	return &s.chunks[slot>>orderChunkShift][slot&orderChunkMask]
}

// heapPosAt returns a pointer to the expiry heap position of the order in
// slot.
func (s *orderSlab) heapPosAt(slot uint32) *uint32 {
	return &s.heapPos[slot>>orderChunkShift][slot&orderChunkMask]
}

// alloc returns a free slot; the order in it is zeroed.
func (s *orderSlab) alloc() uint32 {
	if s.free == nilSlot {
		s.grow()
	}
	slot := s.free
	o := s.at(slot)
	s.free = o.next
	*o = order{}
	s.used++
	return slot
}

func (s *orderSlab) release(slot uint32) {
	o := s.at(slot)
	*o = order{next: s.free}
	s.free = slot
	s.used--
}

// grow adds one chunk and threads its slots onto the free list in ascending
// order.
func (s *orderSlab) grow() {
	c := new(orderChunk)
	base := uint32(len(s.chunks)) << orderChunkShift
	s.chunks = append(s.chunks, c)
	s.heapPos = append(s.heapPos, new(heapPosChunk))
	for i := orderChunkLen - 1; i >= 0; i-- {
		c[i].next = s.free
		s.free = base + uint32(i)
	}
}

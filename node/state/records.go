package state

import (
	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/internal/slotindex"
)

// orderRecord is an order that is open or has a trade in a batch not yet
// confirmed. It keeps the signed order's fields except those the machine
// stores elsewhere: the chain and market come from the market, the trader
// from the owner id and the hash from the replay set. It contains no
// pointers, so the collector does not scan the record slab.
type orderRecord struct {
	// id is the sequence number of the entry that placed the order; 0
	// marks a free slot.
	id uint64
	// time is the placing entry's time in unix milliseconds.
	time   uint64
	filled uint64 // lots
	// batches counts the unconfirmed batches with a trade of this order;
	// lastBatch is the newest of them.
	lastBatch uint64

	price        uint64
	triggerPrice uint64
	quantity     uint64
	nonce        uint64
	expiry       uint64

	// owner is the trader's owner id. It fits 32 bits because every
	// owner placed an order and the replay set contains at most
	// orderHashesMax orders.
	owner uint32
	// market is the market's index in Machine.marketsByIndex.
	market uint32
	// hashSlot is the order hash's slot in the replay set.
	hashSlot uint32
	batches  uint32
	// prevOpen and nextOpen link the owner's open orders, as slot plus
	// one with 0 for none. In a free slot nextOpen links the free list.
	prevOpen, nextOpen uint32

	maxFeeBps   uint16
	side        eip712.Side
	kind        eip712.Kind
	timeInForce eip712.TimeInForce
	selfTrade   eip712.SelfTradePrevention
	flags       recordFlags
	signature   eip712.Signature
}

type recordFlags uint8

const (
	flagPostOnly recordFlags = 1 << iota
	// flagOpen is set while the order is in its book.
	flagOpen
	// flagSettled is set once a batch with a trade of this order is
	// confirmed, so the contract has verified its signature.
	flagSettled
)

func (r *orderRecord) open() bool    { return r.flags&flagOpen != 0 }
func (r *orderRecord) settled() bool { return r.flags&flagSettled != 0 }

func (r *orderRecord) setFlag(f recordFlags, on bool) {
	if on {
		r.flags |= f
	} else {
		r.flags &^= f
	}
}

// newOrderRecord returns the record of a signed order placed in market ms
// by entry id.
func newOrderRecord(id, now uint64, owner uint32, ms *marketState, s *SignedOrder) orderRecord {
	o := &s.Order
	r := orderRecord{
		id: id, time: now, owner: owner, market: ms.index,
		price: o.Price, triggerPrice: o.TriggerPrice, quantity: o.Quantity, nonce: o.Nonce, expiry: o.Expiry,
		maxFeeBps: o.MaxFeeBps, side: o.Side, kind: o.Kind, timeInForce: o.TimeInForce, selfTrade: o.SelfTradePrevention,
		signature: s.Signature,
	}
	r.setFlag(flagPostOnly, o.PostOnly)
	return r
}

// marketOf returns the market of a record.
func (m *Machine) marketOf(r *orderRecord) *marketState { return m.marketsByIndex[r.market] }

// traderOf returns the trader of a record.
func (m *Machine) traderOf(r *orderRecord) common.Address { return m.ownerAddrs[r.owner-1] }

// hashOf returns the order hash of a record.
func (m *Machine) hashOf(r *orderRecord) common.Hash { return m.hashes.at(r.hashSlot).hash }

// signedOf rebuilds the signed order of a record.
func (m *Machine) signedOf(r *orderRecord) SignedOrder {
	ms := m.marketOf(r)
	return SignedOrder{ChainID: ms.key.ChainID, Order: m.orderOf(r), Signature: r.signature}
}

// orderOf rebuilds the EIP-712 order of a record.
func (m *Machine) orderOf(r *orderRecord) eip712.Order {
	return eip712.Order{
		Trader: m.traderOf(r), Market: m.marketOf(r).key.ID, Side: r.side, Kind: r.kind,
		TimeInForce: r.timeInForce, PostOnly: r.flags&flagPostOnly != 0, SelfTradePrevention: r.selfTrade,
		Price: r.price, TriggerPrice: r.triggerPrice, Quantity: r.quantity, MaxFeeBps: r.maxFeeBps,
		Nonce: r.nonce, Expiry: r.expiry,
	}
}

// recordChunkLen is the number of records in one chunk of the slab.
const recordChunkLen = 1 << 10

// orderTable contains the order records in a slab of fixed-size chunks,
// so a record never moves and a pointer to it stays valid until the
// record is removed. Freed slots are reused.
//
// NOTE: the slab keeps the chunks of its largest size: memory taken by a
// peak of open orders is reused for later orders but not returned.
type orderTable struct {
	chunks [][]orderRecord
	// used is the number of slots ever handed out. free is the head of the
	// list of freed slots, as slot plus one, and 0 for none.
	used, free uint32
	count      int
	// ids maps an order id to its slot.
	ids slotindex.Index
}

// idTag returns the index tag of an order id. Ids are sequence numbers,
// which the multiplication spreads over the table.
func idTag(id uint64) uint32 { return uint32((id * 0x9e3779b97f4a7c15) >> 32) }

func (t *orderTable) at(slot uint32) *orderRecord {
	return &t.chunks[slot/recordChunkLen][slot%recordChunkLen]
}

// get returns the record of an order id and its slot.
func (t *orderTable) get(id uint64) (*orderRecord, uint32) {
	pos, ok := t.ids.Find(idTag(id), func(slot uint32) bool { return t.at(slot).id == id })
	if !ok {
		return nil, 0
	}
	slot := t.ids.Slot(pos)
	return t.at(slot), slot
}

// add stores a record whose id the table does not hold and returns it and
// its slot.
func (t *orderTable) add(r orderRecord) (*orderRecord, uint32) {
	var slot uint32
	if t.free != 0 {
		slot = t.free - 1
		t.free = t.at(slot).nextOpen
	} else {
		slot = t.used
		t.used++
		if int(slot/recordChunkLen) == len(t.chunks) {
			t.chunks = append(t.chunks, make([]orderRecord, recordChunkLen))
		}
	}
	p := t.at(slot)
	*p = r
	t.ids.Insert(idTag(r.id), slot)
	t.count++
	return p, slot
}

// remove frees the record of an order id.
func (t *orderTable) remove(id uint64) {
	pos, ok := t.ids.Find(idTag(id), func(slot uint32) bool { return t.at(slot).id == id })
	if !ok {
		return
	}
	slot := t.ids.Slot(pos)
	t.ids.Remove(pos)
	*t.at(slot) = orderRecord{nextOpen: t.free}
	t.free = slot + 1
	t.count--
}

// forEach calls f for every record, in slot order, until f returns false.
func (t *orderTable) forEach(f func(r *orderRecord, slot uint32) bool) {
	for slot := uint32(0); slot < t.used; slot++ {
		if r := t.at(slot); r.id != 0 && !f(r, slot) {
			return
		}
	}
}

// linkOpen adds an open record to its owner's list.
func (m *Machine) linkOpen(r *orderRecord, slot uint32) {
	head := &m.openHeads[r.owner-1]
	r.prevOpen, r.nextOpen = 0, *head
	if *head != 0 {
		m.orders.at(*head - 1).prevOpen = slot + 1
	}
	*head = slot + 1
}

// unlinkOpen removes a record from its owner's list of open orders.
func (m *Machine) unlinkOpen(r *orderRecord) {
	if r.prevOpen != 0 {
		m.orders.at(r.prevOpen - 1).nextOpen = r.nextOpen
	} else {
		m.openHeads[r.owner-1] = r.nextOpen
	}
	if r.nextOpen != 0 {
		m.orders.at(r.nextOpen - 1).prevOpen = r.prevOpen
	}
	r.prevOpen, r.nextOpen = 0, 0
}

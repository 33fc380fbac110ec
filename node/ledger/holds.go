package ledger

import (
	"slices"

	"github.com/thaliumx/thaliumx/node/internal/slotindex"
)

// holdChunkLen is the number of holds in one chunk of a holdTable.
const holdChunkLen = 1 << 12

// holdTable contains the holds of open orders, densely in chunks of
// holdChunkLen, with an index by order id. Removing a hold moves the last
// hold into its place and frees empty chunks but one, so the table's
// memory follows the number of open orders. A hold costs 48 bytes and
// 11 to 22 bytes of index. The Go map it replaced took about 105 bytes a
// hold with a million open orders (docs/BENCHMARKS.md).
type holdTable struct {
	chunks [][]holdEntry
	count  int
	ids    slotindex.Index
}

type holdEntry struct {
	order uint64
	hold
}

// orderTag returns the index tag of an order id. Order ids are sequence
// numbers, which the multiplication spreads over the table.
func orderTag(order uint64) uint32 { return uint32((order * 0x9e3779b97f4a7c15) >> 32) }

func (t *holdTable) at(slot int) *holdEntry {
	return &t.chunks[slot/holdChunkLen][slot%holdChunkLen]
}

func (t *holdTable) find(order uint64) (pos int, ok bool) {
	return t.ids.Find(orderTag(order), func(slot uint32) bool { return t.at(int(slot)).order == order })
}

// get returns the hold of an order.
func (t *holdTable) get(order uint64) (hold, bool) {
	pos, ok := t.find(order)
	if !ok {
		return hold{}, false
	}
	return t.at(int(t.ids.Slot(pos))).hold, true
}

// ref returns the hold of an order for changing in place, or nil. The
// pointer is valid until the next add or delete.
func (t *holdTable) ref(order uint64) *hold {
	pos, ok := t.find(order)
	if !ok {
		return nil
	}
	return &t.at(int(t.ids.Slot(pos))).hold
}

// put sets the hold of an order, adding it if the order has none.
func (t *holdTable) put(order uint64, h hold) {
	if p := t.ref(order); p != nil {
		*p = h
		return
	}
	t.add(order, h)
}

// add adds the hold of an order that has none.
func (t *holdTable) add(order uint64, h hold) {
	slot := t.count
	if slot/holdChunkLen == len(t.chunks) {
		t.chunks = append(t.chunks, make([]holdEntry, holdChunkLen))
	}
	*t.at(slot) = holdEntry{order: order, hold: h}
	t.ids.Insert(orderTag(order), uint32(slot))
	t.count++
}

// delete removes the hold of an order and returns it, with false if the
// order had none.
func (t *holdTable) delete(order uint64) (hold, bool) {
	pos, ok := t.find(order)
	if !ok {
		return hold{}, false
	}
	slot := int(t.ids.Slot(pos))
	removed := t.at(slot).hold
	t.ids.Remove(pos)
	last := t.count - 1
	if slot != last {
		moved := *t.at(last)
		*t.at(slot) = moved
		movedPos, _ := t.find(moved.order)
		t.ids.SetSlot(movedPos, uint32(slot))
	}
	*t.at(last) = holdEntry{}
	t.count--

	// Keep one empty chunk, so that a table that goes up and down around a
	// chunk boundary does not allocate a chunk at every crossing.
	used := (t.count + holdChunkLen - 1) / holdChunkLen
	if len(t.chunks) > used+1 {
		t.chunks[len(t.chunks)-1] = nil
		t.chunks = t.chunks[:len(t.chunks)-1]
	}
	return removed, true
}

// sortedOrders returns the ids of the orders with a hold, in increasing
// order.
func (t *holdTable) sortedOrders() []uint64 {
	orders := make([]uint64, t.count)
	for i := range orders {
		orders[i] = t.at(i).order
	}
	slices.Sort(orders)
	return orders
}

package state

import (
	"errors"
	"fmt"

	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/matching"
)

// ErrInvariant: the machine's records, books and ledgers disagree.
var ErrInvariant = errors.New("state: invariant broken")

// CheckInvariants verifies, by a full scan, that every book and ledger
// keeps its own invariants and that they agree with the machine's records:
// the open orders of the records are exactly the books' open orders with
// the same remaining quantity, each open order's hold equals what it can
// still cost, each order's batch count matches the batches that name it,
// and each chain's open batch is its ledger's. It is meant for tests and
// for checking a restored snapshot.
func (m *Machine) CheckInvariants() error {
	for _, ms := range m.marketList {
		if err := ms.book.CheckInvariants(); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrInvariant, ms.def.Symbol, err)
		}
		if err := m.checkBookOrders(ms); err != nil {
			return err
		}
	}
	if err := m.checkOrderRecords(); err != nil {
		return err
	}
	if err := m.checkReplaySet(); err != nil {
		return err
	}
	if err := m.checkImmediateNonces(); err != nil {
		return err
	}
	for _, id := range m.chainIDs {
		if err := m.checkChain(m.chains[id]); err != nil {
			return err
		}
	}
	return nil
}

// checkBookOrders checks that every order in the book has an open record.
func (m *Machine) checkBookOrders(ms *marketState) error {
	var err error
	ms.book.ForEachOpenOrder(func(info matching.OrderInfo) bool {
		r := m.order(info.ID)
		switch {
		case r == nil || !r.open():
			err = fmt.Errorf("%w: %s holds order %d, which has no open record", ErrInvariant, ms.def.Symbol, info.ID)
		case m.marketOf(r) != ms:
			err = fmt.Errorf("%w: order %d rests in %s but belongs to %s", ErrInvariant, info.ID, ms.def.Symbol, m.marketOf(r).def.Symbol)
		case info.Remaining != r.quantity-r.filled:
			err = fmt.Errorf("%w: order %d has %d lots left in the book, its record %d of %d filled",
				ErrInvariant, info.ID, info.Remaining, r.filled, r.quantity)
		case info.Owner != uint64(r.owner):
			err = fmt.Errorf("%w: order %d has owner %d in the book, %d in its record", ErrInvariant, info.ID, info.Owner, r.owner)
		}
		return err == nil
	})
	return err
}

func (m *Machine) checkOrderRecords() error {
	refs := m.countBatchRefs()
	open := 0
	var err error
	m.orders.forEach(func(r *orderRecord, slot uint32) bool {
		if r.open() {
			open++
		}
		err = m.checkOrderRecord(r, slot, refs[r.id])
		return err == nil
	})
	if err != nil {
		return err
	}
	listed, err := m.countOpenLists()
	if err != nil {
		return err
	}
	if listed != open {
		return fmt.Errorf("%w: %d open orders, owners list %d", ErrInvariant, open, listed)
	}
	return nil
}

// checkOrderRecord checks one record against the book, the batches that
// name it (refs of them), the replay set and the order id index.
func (m *Machine) checkOrderRecord(r *orderRecord, slot, refs uint32) error {
	id := r.id
	ms := m.marketOf(r)
	if r.open() {
		if _, ok := ms.book.Order(id); !ok {
			return fmt.Errorf("%w: order %d is open in its record but not in %s", ErrInvariant, id, ms.def.Symbol)
		}
	}
	if !r.open() && r.batches == 0 {
		return fmt.Errorf("%w: order %d is closed and in no batch but still kept", ErrInvariant, id)
	}
	if r.batches != refs {
		return fmt.Errorf("%w: order %d counts %d batches, %d batches name it", ErrInvariant, id, r.batches, refs)
	}
	if _, found := m.orders.get(id); found != slot {
		return fmt.Errorf("%w: order %d is in slot %d, its id finds slot %d", ErrInvariant, id, slot, found)
	}
	hash := m.hashOf(r)
	if hashID, _, ok := m.hashes.lookup(hash); !ok || hashID != id {
		return fmt.Errorf("%w: order %d's hash %s maps to order %d", ErrInvariant, id, hash, hashID)
	}
	// A hash restored from a snapshot without expiries has expiry 0.
	if e := m.hashes.at(r.hashSlot).expiry; e != 0 && e != r.expiry {
		return fmt.Errorf("%w: order %d expires at %d s, its hash at %d s", ErrInvariant, id, r.expiry, e)
	}
	return nil
}

// checkReplaySet checks the replay set's index, its expiry heap, and that
// every hash the heap has passed belongs to a record in use.
func (m *Machine) checkReplaySet() error {
	s := &m.hashes
	if s.index.Len() != int(s.count) {
		return fmt.Errorf("%w: the replay set counts %d hashes, its index %d", ErrInvariant, s.count, s.index.Len())
	}
	used, waiting := 0, 0
	var err error
	s.forEach(func(slot uint32) {
		e := s.at(slot)
		used++
		if _, found, ok := s.lookup(e.hash); err == nil && (!ok || found != slot) {
			err = fmt.Errorf("%w: hash %s in slot %d is not found there by its index", ErrInvariant, e.hash, slot)
		}
		switch {
		case e.expiry == 0:
		case s.prunedKey(slot):
			if err == nil && m.order(e.id) == nil {
				err = fmt.Errorf("%w: hash %s expired at %d s and has no record, but was not pruned", ErrInvariant, e.hash, e.expiry)
			}
		default:
			waiting++
		}
	})
	if err != nil {
		return err
	}
	if used != int(s.count) {
		return fmt.Errorf("%w: the replay set count is %d, but %d slots are in use", ErrInvariant, s.count, used)
	}
	if len(s.expiring) != waiting {
		return fmt.Errorf("%w: the expiry heap contains %d hashes, expected the %d waiting to expire", ErrInvariant, len(s.expiring), waiting)
	}
	for i := 1; i < len(s.expiring); i++ {
		if s.less(i, (i-1)/2) {
			return fmt.Errorf("%w: the expiry heap is out of order at %d", ErrInvariant, i)
		}
	}
	return nil
}

// countOpenLists walks every owner's list of open orders and returns how
// many records they link. Every record listed must be open and the
// owner's.
func (m *Machine) countOpenLists() (int, error) {
	listed := 0
	for i, head := range m.openHeads {
		prev := uint32(0)
		for next := head; next != 0; {
			if next > m.orders.used || listed > m.orders.count {
				return 0, fmt.Errorf("%w: owner %d's list of open orders is broken", ErrInvariant, i+1)
			}
			r := m.orders.at(next - 1)
			if !r.open() || r.owner != uint32(i+1) || r.prevOpen != prev {
				return 0, fmt.Errorf("%w: owner %d's list of open orders links order %d, which is not its open order", ErrInvariant, i+1, r.id)
			}
			listed++
			prev, next = next, r.nextOpen
		}
	}
	return listed, nil
}

// countBatchRefs counts, per order, the unconfirmed batches that name it.
func (m *Machine) countBatchRefs() map[uint64]uint32 {
	refs := map[uint64]uint32{}
	for _, c := range m.chains {
		count := func(b *batchRecord) {
			for _, id := range b.orderIDs() {
				refs[id]++
			}
		}
		count(c.open)
		for _, b := range c.sealed {
			count(b)
		}
	}
	return refs
}

func (m *Machine) checkChain(c *chainState) error {
	if c.open.id != c.ledger.OpenBatch() {
		return fmt.Errorf("%w: chain %d's open batch is %d, its ledger's %d", ErrInvariant, c.id, c.open.id, c.ledger.OpenBatch())
	}
	costs := map[uint64]uint256.Int{}
	var err error
	m.orders.forEach(func(r *orderRecord, _ uint32) bool {
		ms := m.marketOf(r)
		if !r.open() || ms.chain != c {
			return true
		}
		o := m.orderOf(r)
		var cost uint256.Int
		if _, cost, err = orderCost(ms, &o, r.quantity-r.filled); err != nil {
			err = fmt.Errorf("%w: cost of order %d: %w", ErrInvariant, r.id, err)
			return false
		}
		costs[r.id] = cost
		return true
	})
	if err != nil {
		return err
	}
	if err := c.ledger.CheckInvariants(costs); err != nil {
		return fmt.Errorf("%w: ledger of chain %d: %w", ErrInvariant, c.id, err)
	}
	return nil
}

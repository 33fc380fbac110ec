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
		r := m.orders[info.ID]
		switch {
		case r == nil || !r.open:
			err = fmt.Errorf("%w: %s holds order %d, which has no open record", ErrInvariant, ms.def.Symbol, info.ID)
		case r.market != ms:
			err = fmt.Errorf("%w: order %d rests in %s but belongs to %s", ErrInvariant, info.ID, ms.def.Symbol, r.market.def.Symbol)
		case info.Remaining != r.signed.Order.Quantity-r.filled:
			err = fmt.Errorf("%w: order %d has %d lots left in the book, its record %d of %d filled",
				ErrInvariant, info.ID, info.Remaining, r.filled, r.signed.Order.Quantity)
		case info.Owner != r.owner:
			err = fmt.Errorf("%w: order %d has owner %d in the book, %d in its record", ErrInvariant, info.ID, info.Owner, r.owner)
		}
		return err == nil
	})
	return err
}

func (m *Machine) checkOrderRecords() error {
	refs := m.countBatchRefs()
	open := 0
	for id, r := range m.orders {
		if r.open {
			open++
			if _, ok := r.market.book.Order(id); !ok {
				return fmt.Errorf("%w: order %d is open in its record but not in %s", ErrInvariant, id, r.market.def.Symbol)
			}
			if _, ok := m.openByOwner[r.owner][id]; !ok {
				return fmt.Errorf("%w: open order %d is missing from its owner's list", ErrInvariant, id)
			}
		}
		if !r.open && r.batches == 0 {
			return fmt.Errorf("%w: order %d is closed and in no batch but still kept", ErrInvariant, id)
		}
		if r.batches != refs[id] {
			return fmt.Errorf("%w: order %d counts %d batches, %d batches name it", ErrInvariant, id, r.batches, refs[id])
		}
		if m.hashes[r.hash] != id {
			return fmt.Errorf("%w: order %d's hash %s maps to order %d", ErrInvariant, id, r.hash, m.hashes[r.hash])
		}
	}
	listed := 0
	for _, set := range m.openByOwner {
		listed += len(set)
	}
	if listed != open {
		return fmt.Errorf("%w: %d open orders, owners list %d", ErrInvariant, open, listed)
	}
	return nil
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
	for id, r := range m.orders {
		if !r.open || r.market.chain != c {
			continue
		}
		_, cost, err := orderCost(r.market, &r.signed.Order, r.signed.Order.Quantity-r.filled)
		if err != nil {
			return fmt.Errorf("%w: cost of order %d: %w", ErrInvariant, id, err)
		}
		costs[id] = cost
	}
	if err := c.ledger.CheckInvariants(costs); err != nil {
		return fmt.Errorf("%w: ledger of chain %d: %w", ErrInvariant, c.id, err)
	}
	return nil
}

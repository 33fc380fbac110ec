package ledger

import (
	"slices"

	"github.com/ethereum/go-ethereum/common"
)

type undoOp uint8

const (
	undoMove undoOp = iota + 1
	undoSlotCreated
	undoAssetCreated
	undoHold
	undoDeposit
	undoWithdrawalID
	undoRecordCreated
	undoFeeRecordCreated
	undoWithdrawalAdded
	undoSeal
	undoBatchState
	undoBatchRemoved
)

// undo is one journal entry: what to restore to reverse one change.
type undo struct {
	op undoOp
	// move is the posting to reverse (undoMove).
	move move
	// slot and asset are the created slot or asset, or the slot or asset
	// whose open-batch record was created.
	slot  *slot
	asset *assetState
	// cachedRecord and cachedBatch are the record cache the creation replaced.
	cachedRecord *record
	cachedBatch  uint64
	// order, previous and existed restore a hold (undoHold).
	order    uint64
	previous hold
	existed  bool
	// id is the added deposit or withdrawal id.
	id [32]byte
	// batch is the batch sealed, changed or removed; state and records,
	// fees are its state and unsorted record lists before.
	batch   *batch
	state   BatchState
	records []*record
	fees    []*record
}

// mark returns the journal position to undo back to when an operation fails.
func (tx *Tx) mark() int { return len(tx.journal) }

// undoTo reverses the journal down to mark, newest first, and drops the
// postings made since.
func (tx *Tx) undoTo(mark int) {
	for i := len(tx.journal) - 1; i >= mark; i-- {
		tx.l.undo(&tx.journal[i])
		if tx.journal[i].op == undoMove {
			tx.postings = tx.postings[:len(tx.postings)-1]
		}
		tx.journal[i] = undo{}
	}
	tx.journal = tx.journal[:mark]
}

func (l *Ledger) undo(u *undo) {
	switch u.op {
	case undoMove:
		reverseMove(&u.move)
	case undoSlotCreated:
		delete(l.slots, slotKey{owner: u.slot.owner, asset: u.slot.asset.asset})
		l.removeOwnerSlot(u.slot)
	case undoAssetCreated:
		delete(l.assets, u.asset.asset)
	case undoHold:
		if u.existed {
			l.holds.put(u.order, u.previous)
		} else {
			l.holds.delete(u.order)
		}
	case undoDeposit:
		delete(l.deposits, DepositID(u.id))
	case undoWithdrawalID:
		delete(l.withdrawalIDs, WithdrawalID(u.id))
	case undoRecordCreated:
		l.open.records = l.open.records[:len(l.open.records)-1]
		u.slot.record, u.slot.recordBatch = u.cachedRecord, u.cachedBatch
	case undoFeeRecordCreated:
		l.open.fees = l.open.fees[:len(l.open.fees)-1]
		u.asset.feeRecord, u.asset.feeRecordBatch = u.cachedRecord, u.cachedBatch
	case undoWithdrawalAdded:
		l.open.withdrawals = l.open.withdrawals[:len(l.open.withdrawals)-1]
	default:
		l.undoBatchChange(u)
	}
}

func (l *Ledger) undoBatchChange(u *undo) {
	switch u.op {
	case undoSeal:
		b := u.batch
		delete(l.batches, b.id)
		b.state, b.sealedSeq = BatchOpen, 0
		b.records, b.fees = u.records, u.fees
		l.open = b
	case undoBatchState:
		u.batch.state = u.state
	case undoBatchRemoved:
		l.batches[u.batch.id] = u.batch
	}
}

// reverseMove undoes a posting that was applied, so no sum can overflow
// or fall below zero.
func reverseMove(m *move) {
	debit, credit := m.debit.balance(), m.credit.balance()
	if m.debit.kind == ExternalDeposits {
		debit.Sub(debit, &m.amount)
	} else {
		debit.Add(debit, &m.amount)
	}
	credit.Sub(credit, &m.amount)
	if t := m.debit.total(); t != nil {
		t.Add(t, &m.amount)
	}
	if t := m.credit.total(); t != nil {
		t.Sub(t, &m.amount)
	}
	for _, sum := range m.recordSums() {
		if sum != nil {
			sum.Sub(sum, &m.amount)
		}
	}
}

// slotFor returns the owner's slot in the asset, creating the slot and the
// asset if needed.
func (tx *Tx) slotFor(owner common.Address, asset Asset) *slot {
	l := tx.l
	if s := l.slot(owner, asset); s != nil {
		return s
	}
	a := l.assets[asset]
	if a == nil {
		a = &assetState{asset: asset}
		l.assets[asset] = a
		tx.journal = append(tx.journal, undo{op: undoAssetCreated, asset: a})
	}
	s := &slot{owner: owner, asset: a}
	l.slots[slotKey{owner: owner, asset: asset}] = s
	l.insertOwnerSlot(s)
	tx.journal = append(tx.journal, undo{op: undoSlotCreated, slot: s})
	return s
}

// openRecord returns the slot's record in the open batch, creating it if needed.
func (tx *Tx) openRecord(s *slot) *record {
	open := tx.l.open
	if s.record != nil && s.recordBatch == open.id {
		return s.record
	}
	r := &record{slot: s, asset: s.asset}
	open.records = append(open.records, r)
	tx.journal = append(tx.journal, undo{op: undoRecordCreated, slot: s, cachedRecord: s.record, cachedBatch: s.recordBatch})
	s.record, s.recordBatch = r, open.id
	return r
}

// openFeeRecord returns the asset's fee record in the open batch, creating
// it if needed.
func (tx *Tx) openFeeRecord(a *assetState) *record {
	open := tx.l.open
	if a.feeRecord != nil && a.feeRecordBatch == open.id {
		return a.feeRecord
	}
	r := &record{asset: a}
	open.fees = append(open.fees, r)
	tx.journal = append(tx.journal, undo{op: undoFeeRecordCreated, asset: a, cachedRecord: a.feeRecord, cachedBatch: a.feeRecordBatch})
	a.feeRecord, a.feeRecordBatch = r, open.id
	return r
}

// putHold sets the order's hold.
func (tx *Tx) putHold(order uint64, h hold) {
	if p := tx.l.holds.ref(order); p != nil {
		tx.journal = append(tx.journal, undo{op: undoHold, order: order, previous: *p, existed: true})
		*p = h
		return
	}
	tx.journal = append(tx.journal, undo{op: undoHold, order: order})
	tx.l.holds.add(order, h)
}

// deleteHold removes the order's hold.
func (tx *Tx) deleteHold(order uint64) {
	previous, existed := tx.l.holds.delete(order)
	tx.journal = append(tx.journal, undo{op: undoHold, order: order, previous: previous, existed: existed})
}

// sealOpenBatch seals the open batch at the entry's sequence number, sorts
// its records, and opens the next batch.
func (tx *Tx) sealOpenBatch() *batch {
	l := tx.l
	b := l.open
	tx.journal = append(tx.journal, undo{op: undoSeal, batch: b, records: b.records, fees: b.fees})

	b.records = slices.Clone(b.records)
	slices.SortFunc(b.records, func(x, y *record) int { return compareSlots(x.slot, y.slot) })
	b.fees = slices.Clone(b.fees)
	slices.SortFunc(b.fees, func(x, y *record) int { return x.asset.asset.Compare(y.asset.asset) })
	b.state, b.sealedSeq = BatchSealed, tx.seq

	l.batches[b.id] = b
	l.open = &batch{id: b.id + 1, state: BatchOpen}
	return b
}

func (tx *Tx) setBatchState(b *batch, state BatchState) {
	tx.journal = append(tx.journal, undo{op: undoBatchState, batch: b, state: b.state})
	b.state = state
}

func (tx *Tx) removeBatch(b *batch) {
	tx.journal = append(tx.journal, undo{op: undoBatchRemoved, batch: b})
	delete(tx.l.batches, b.id)
}

package ledger

import (
	"fmt"
	"slices"
)

// OpenBatch returns the id of the batch that collects fills and withdrawals.
func (l *Ledger) OpenBatch() uint64 { return l.open.id }

// SealBatch seals the open batch, which the sequencer cuts, and opens the
// next one. It returns the sealed batch's id; Batch then lists its changes
// for the settler. An open batch without trades or withdrawals is rejected
// with ErrBatchEmpty, which a sequencer cutting batches on a timer can
// treat as nothing to seal.
func (tx *Tx) SealBatch() (uint64, error) {
	if err := tx.usable(); err != nil {
		return 0, err
	}
	if tx.l.open.empty() {
		return 0, fmt.Errorf("%w: batch %d has no trades or withdrawals", ErrBatchEmpty, tx.l.open.id)
	}
	return tx.sealOpenBatch().id, nil
}

// sealedBatch returns the sealed batch id, or why it cannot take a
// settlement outcome.
func (l *Ledger) sealedBatch(id uint64) (*batch, error) {
	if b, ok := l.batches[id]; ok {
		if b.state == BatchFailed {
			return nil, fmt.Errorf("%w: batch %d", ErrBatchFailed, id)
		}
		return b, nil
	}
	switch {
	case id == l.open.id:
		return nil, fmt.Errorf("%w: batch %d is open; seal it first", ErrBatchNotSealed, id)
	case id > l.open.id || id == 0:
		return nil, fmt.Errorf("%w: batch %d, the open batch is %d", ErrBatchNotFound, id, l.open.id)
	default:
		return nil, fmt.Errorf("%w: batch %d", ErrBatchSettled, id)
	}
}

// ConfirmSettlement applies the confirmed settlement of a sealed batch: the
// trades' pending settlement becomes available, the fees become settled,
// and the withdrawals leave to ExternalWithdrawals. The batch then leaves
// the ledger. Sealed batches may be confirmed in any order.
func (tx *Tx) ConfirmSettlement(id uint64) error {
	if err := tx.usable(); err != nil {
		return err
	}
	b, err := tx.l.sealedBatch(id)
	if err != nil {
		return err
	}

	mark := tx.mark()
	if err := tx.postConfirmation(b); err != nil {
		tx.undoTo(mark)
		return fmt.Errorf("settlement of batch %d: %w", id, err)
	}
	tx.removeBatch(b)
	return nil
}

func (tx *Tx) postConfirmation(b *batch) error {
	for _, r := range b.records {
		m := move{kind: TradeSettled, debit: ownerRef(r.slot, PendingSettlement), credit: ownerRef(r.slot, Available), amount: r.received, batch: b.id}
		if err := tx.post(&m); err != nil {
			return err
		}
	}
	for _, r := range b.fees {
		m := move{kind: FeeSettled, debit: systemRef(r.asset, FeesPending), credit: systemRef(r.asset, FeesSettled), amount: r.received, batch: b.id}
		if err := tx.post(&m); err != nil {
			return err
		}
	}
	for _, w := range b.withdrawals {
		m := move{kind: WithdrawalSettled, debit: ownerRef(w.slot, PendingWithdrawal), credit: systemRef(w.slot.asset, ExternalWithdrawals),
			amount: w.amount, batch: b.id, ref: w.id}
		if err := tx.post(&m); err != nil {
			return err
		}
	}
	return nil
}

// FailSettlement applies the failed settlement of a sealed batch: its
// withdrawals return to available, and its trades stay pending settlement
// because the chain did not take them. The batch stays in the ledger in
// state BatchFailed.
func (tx *Tx) FailSettlement(id uint64) error {
	if err := tx.usable(); err != nil {
		return err
	}
	b, err := tx.l.sealedBatch(id)
	if err != nil {
		return err
	}

	mark := tx.mark()
	for _, w := range b.withdrawals {
		m := move{kind: WithdrawalReturned, debit: ownerRef(w.slot, PendingWithdrawal), credit: ownerRef(w.slot, Available),
			amount: w.amount, batch: b.id, ref: w.id}
		if err := tx.post(&m); err != nil {
			tx.undoTo(mark)
			return fmt.Errorf("failed settlement of batch %d: %w", id, err)
		}
	}
	tx.setBatchState(b, BatchFailed)
	return nil
}

// Batch describes the open, a sealed or a failed batch. A confirmed batch
// is rejected with ErrBatchSettled.
func (l *Ledger) Batch(id uint64) (BatchInfo, error) {
	b := l.batches[id]
	if id == l.open.id {
		b = l.open
	}
	if b == nil {
		if id == 0 || id > l.open.id {
			return BatchInfo{}, fmt.Errorf("%w: batch %d, the open batch is %d", ErrBatchNotFound, id, l.open.id)
		}
		return BatchInfo{}, fmt.Errorf("%w: batch %d", ErrBatchSettled, id)
	}
	return b.info(), nil
}

func (b *batch) info() BatchInfo {
	info := BatchInfo{ID: b.id, State: b.state, SealedSeq: b.sealedSeq}
	info.Changes = make([]BatchChange, 0, len(b.records))
	for _, r := range b.records {
		info.Changes = append(info.Changes, BatchChange{
			Owner: r.slot.owner, Asset: r.asset.asset, Received: r.received, Paid: r.paid, Withdrawn: r.withdrawn,
		})
	}
	slices.SortFunc(info.Changes, func(x, y BatchChange) int {
		if c := x.Owner.Cmp(y.Owner); c != 0 {
			return c
		}
		return x.Asset.Compare(y.Asset)
	})
	info.Fees = make([]AssetAmount, 0, len(b.fees))
	for _, r := range b.fees {
		info.Fees = append(info.Fees, AssetAmount{Asset: r.asset.asset, Amount: r.received})
	}
	slices.SortFunc(info.Fees, func(x, y AssetAmount) int { return x.Asset.Compare(y.Asset) })
	info.Withdrawals = make([]WithdrawalInfo, 0, len(b.withdrawals))
	for _, w := range b.withdrawals {
		info.Withdrawals = append(info.Withdrawals, WithdrawalInfo{ID: w.id, Owner: w.slot.owner, Asset: w.slot.asset.asset, Amount: w.amount})
	}
	return info
}

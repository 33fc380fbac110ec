package ledger

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

func checkOwnerAsset(owner common.Address, asset Asset) error {
	if owner == (common.Address{}) {
		return fmt.Errorf("%w: use the trader's address", ErrZeroOwner)
	}
	if asset.ChainID == 0 {
		return fmt.Errorf("%w: %s has chain id 0", ErrInvalidAsset, asset)
	}
	return nil
}

// CreditDeposit credits a confirmed chain deposit to the owner's available
// balance. Each deposit id is credited at most once, including across
// Snapshot and Restore.
func (tx *Tx) CreditDeposit(id DepositID, owner common.Address, asset Asset, amount *uint256.Int) error {
	if err := tx.usable(); err != nil {
		return err
	}
	if err := checkOwnerAsset(owner, asset); err != nil {
		return err
	}
	if amount.IsZero() {
		return fmt.Errorf("%w: deposit %x has amount 0", ErrZeroAmount, id[:])
	}
	if _, ok := tx.l.deposits[id]; ok {
		return fmt.Errorf("%w: deposit %x", ErrDuplicateDeposit, id[:])
	}

	mark := tx.mark()
	s := tx.slotFor(owner, asset)
	m := move{kind: DepositCredited, debit: systemRef(s.asset, ExternalDeposits), credit: ownerRef(s, Available), amount: *amount, ref: id}
	if err := tx.post(&m); err != nil {
		tx.undoTo(mark)
		return fmt.Errorf("deposit %x: %w", id[:], err)
	}
	tx.l.deposits[id] = struct{}{}
	tx.journal = append(tx.journal, undo{op: undoDeposit, id: id})
	return nil
}

// PlaceHold reserves amount of the owner's available balance for an order:
// what the order can cost, fee included (BuyHold or SellHold). It rejects
// with a *ShortfallError naming both amounts when available is short.
func (tx *Tx) PlaceHold(order uint64, owner common.Address, asset Asset, amount *uint256.Int) error {
	if err := tx.usable(); err != nil {
		return err
	}
	if err := checkOwnerAsset(owner, asset); err != nil {
		return err
	}
	if order == 0 {
		return fmt.Errorf("%w: order id 0 is reserved for postings without an order", ErrInvalidTerms)
	}
	if amount.IsZero() {
		return fmt.Errorf("%w: hold of order %d must be positive", ErrZeroAmount, order)
	}
	if _, ok := tx.l.holds.get(order); ok {
		return fmt.Errorf("%w: order %d", ErrHoldExists, order)
	}
	s := tx.l.slot(owner, asset)
	if s == nil {
		return &ShortfallError{Err: ErrInsufficientAvailable, Account: Account{Owner: owner, Asset: asset, Kind: Available}, Order: order, Needed: *amount}
	}

	mark := tx.mark()
	m := move{kind: HoldPlaced, debit: ownerRef(s, Available), credit: ownerRef(s, Held), amount: *amount, order: order}
	if err := tx.post(&m); err != nil {
		tx.undoTo(mark)
		return err
	}
	tx.putHold(order, hold{slot: s, amount: *amount})
	return nil
}

// ResizeHold sets the hold of an open order to amount, for an amended
// order: a raise comes from available (rejected when short) and a cut
// returns the difference to available.
func (tx *Tx) ResizeHold(order uint64, amount *uint256.Int) error {
	if err := tx.usable(); err != nil {
		return err
	}
	if amount.IsZero() {
		return fmt.Errorf("%w: hold of order %d must be positive (ReleaseHold ends an order's hold)", ErrZeroAmount, order)
	}
	h, ok := tx.l.holds.get(order)
	if !ok {
		return fmt.Errorf("%w: order %d", ErrHoldNotFound, order)
	}

	m := move{order: order}
	switch h.amount.Cmp(amount) {
	case 0:
		return nil
	case -1:
		m.kind, m.debit, m.credit = HoldPlaced, ownerRef(h.slot, Available), ownerRef(h.slot, Held)
		m.amount.Sub(amount, &h.amount)
	default:
		m.kind, m.debit, m.credit = HoldReleased, ownerRef(h.slot, Held), ownerRef(h.slot, Available)
		m.amount.Sub(&h.amount, amount)
	}

	mark := tx.mark()
	if err := tx.post(&m); err != nil {
		tx.undoTo(mark)
		return err
	}
	tx.putHold(order, hold{slot: h.slot, amount: *amount})
	return nil
}

// ReleaseHold returns the rest of an order's hold to available and removes
// the hold; call it once the order ends (filled, cancelled, expired, IOC
// remainder). It returns the amount released, which may be zero.
func (tx *Tx) ReleaseHold(order uint64) (uint256.Int, error) {
	if err := tx.usable(); err != nil {
		return uint256.Int{}, err
	}
	h, ok := tx.l.holds.get(order)
	if !ok {
		return uint256.Int{}, fmt.Errorf("%w: order %d", ErrHoldNotFound, order)
	}

	mark := tx.mark()
	m := move{kind: HoldReleased, debit: ownerRef(h.slot, Held), credit: ownerRef(h.slot, Available), amount: h.amount, order: order}
	if err := tx.post(&m); err != nil {
		tx.undoTo(mark)
		return uint256.Int{}, err
	}
	tx.deleteHold(order)
	return h.amount, nil
}

// RequestWithdrawal moves amount from the owner's available balance to
// pending withdrawal in the open batch and returns that batch's id. The
// batch's settlement sends it out, or returns it to available if it fails.
func (tx *Tx) RequestWithdrawal(id WithdrawalID, owner common.Address, asset Asset, amount *uint256.Int) (uint64, error) {
	if err := tx.usable(); err != nil {
		return 0, err
	}
	if err := checkOwnerAsset(owner, asset); err != nil {
		return 0, err
	}
	if amount.IsZero() {
		return 0, fmt.Errorf("%w: withdrawal %x has amount 0", ErrZeroAmount, id[:])
	}
	if _, ok := tx.l.withdrawalIDs[id]; ok {
		return 0, fmt.Errorf("%w: withdrawal %x", ErrDuplicateWithdrawal, id[:])
	}
	s := tx.l.slot(owner, asset)
	if s == nil {
		return 0, &ShortfallError{Err: ErrInsufficientAvailable, Account: Account{Owner: owner, Asset: asset, Kind: Available}, Needed: *amount}
	}

	mark := tx.mark()
	open := tx.l.open
	m := move{kind: WithdrawalRequested, debit: ownerRef(s, Available), credit: ownerRef(s, PendingWithdrawal), amount: *amount, batch: open.id, ref: id}
	m.withdrawnBy = tx.openRecord(s)
	if err := tx.post(&m); err != nil {
		tx.undoTo(mark)
		return 0, fmt.Errorf("withdrawal %x: %w", id[:], err)
	}
	open.withdrawals = append(open.withdrawals, withdrawal{id: id, slot: s, amount: *amount})
	tx.journal = append(tx.journal, undo{op: undoWithdrawalAdded})
	tx.l.withdrawalIDs[id] = struct{}{}
	tx.journal = append(tx.journal, undo{op: undoWithdrawalID, id: id})
	return open.id, nil
}

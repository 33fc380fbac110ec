package ledger

import (
	"errors"
	"fmt"

	"github.com/holiman/uint256"
)

// Rejections. Each operation wraps one of these with %w and the values
// involved, and a rejected operation changes nothing.
var (
	// ErrSeqNotAfter rejects an entry whose sequence number is not after the
	// last applied one, which is how a replayed entry is detected.
	ErrSeqNotAfter = errors.New("ledger: sequence number is not after the last applied one")
	// ErrTxOpen rejects Begin, Snapshot and StateHash while a transaction is open.
	ErrTxOpen = errors.New("ledger: a transaction is open")
	// ErrTxClosed rejects an operation on a transaction that was committed or
	// rolled back.
	ErrTxClosed = errors.New("ledger: transaction is closed")
	// ErrEntryTooLarge rejects a posting that would exceed postingsPerEntryMax.
	ErrEntryTooLarge = errors.New("ledger: too many postings in one entry")

	// ErrZeroOwner rejects the zero address as an owner; system accounts use it.
	ErrZeroOwner = errors.New("ledger: owner is the zero address")
	// ErrInvalidAsset rejects an asset with chain id 0.
	ErrInvalidAsset = errors.New("ledger: invalid asset")
	// ErrZeroAmount rejects an amount of zero where a positive one is required.
	ErrZeroAmount = errors.New("ledger: amount is zero")
	// ErrOverflow rejects a posting whose result does not fit in 256 bits.
	ErrOverflow = errors.New("ledger: amount overflows 256 bits")
	// ErrInvalidTerms rejects order terms that the hold formulas cannot use.
	ErrInvalidTerms = errors.New("ledger: invalid order terms")

	// ErrDuplicateDeposit rejects a deposit id that was already credited.
	ErrDuplicateDeposit = errors.New("ledger: deposit already credited")
	// ErrDuplicateWithdrawal rejects a withdrawal id that was already requested.
	ErrDuplicateWithdrawal = errors.New("ledger: withdrawal already requested")
	// ErrInsufficientAvailable rejects a hold or withdrawal larger than the
	// available balance; the error is a *ShortfallError with both amounts.
	ErrInsufficientAvailable = errors.New("ledger: insufficient available balance")

	// ErrHoldExists rejects a second hold for an order id.
	ErrHoldExists = errors.New("ledger: order already has a hold")
	// ErrHoldNotFound rejects a fill, resize or release of an order without a hold.
	ErrHoldNotFound = errors.New("ledger: order has no hold")
	// ErrHoldShort rejects a fill that would take more than the order's hold
	// leaves after keeping its remaining cost; the error is a *ShortfallError.
	ErrHoldShort = errors.New("ledger: hold is smaller than the fill needs")
	// ErrInvalidFill rejects a fill whose orders or amounts do not fit together.
	ErrInvalidFill = errors.New("ledger: invalid fill")

	// ErrBatchEmpty rejects sealing an open batch without trades or withdrawals.
	ErrBatchEmpty = errors.New("ledger: open batch is empty")
	// ErrBatchNotFound rejects a batch id that was never opened.
	ErrBatchNotFound = errors.New("ledger: batch not found")
	// ErrBatchNotSealed rejects a settlement outcome for the open batch.
	ErrBatchNotSealed = errors.New("ledger: batch is not sealed")
	// ErrBatchSettled rejects a settlement outcome for a batch already confirmed.
	ErrBatchSettled = errors.New("ledger: batch already settled")
	// ErrBatchFailed rejects a settlement outcome for a batch already failed.
	ErrBatchFailed = errors.New("ledger: batch already failed")

	// ErrSnapshotCorrupt rejects snapshot bytes that fail the checksum or
	// decode to an inconsistent state.
	ErrSnapshotCorrupt = errors.New("ledger: snapshot is corrupt")
	// ErrSnapshotVersion rejects a snapshot written in an unknown format version.
	ErrSnapshotVersion = errors.New("ledger: unsupported snapshot version")

	// ErrInvariant reports a broken invariant found by CheckInvariants.
	ErrInvariant = errors.New("ledger: invariant broken")
)

// ShortfallError reports an account or hold that is too small for an
// operation. It unwraps to ErrInsufficientAvailable or ErrHoldShort.
type ShortfallError struct {
	Err     error
	Account Account
	// Order is the order id of the hold involved, or 0.
	Order  uint64
	Needed uint256.Int
	Have   uint256.Int
}

func (e *ShortfallError) Error() string {
	if e.Order != 0 {
		return fmt.Sprintf("%v: order %d needs %s of %s, %s has %s",
			e.Err, e.Order, e.Needed.Dec(), e.Account.Asset, e.Account, e.Have.Dec())
	}
	return fmt.Sprintf("%v: needs %s of %s, %s has %s",
		e.Err, e.Needed.Dec(), e.Account.Asset, e.Account, e.Have.Dec())
}

func (e *ShortfallError) Unwrap() error { return e.Err }

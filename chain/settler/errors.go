package settler

import "errors"

// Sentinel errors of package settler. The returned errors wrap them with
// the values involved.
var (
	// ErrInvalidConfig marks a Config field out of its documented range.
	ErrInvalidConfig = errors.New("settler: invalid config")

	// ErrInvalidBatch marks a batch that cannot be submitted, such as one
	// with no encoded data.
	ErrInvalidBatch = errors.New("settler: invalid batch")

	// ErrQueueFull marks a Submit while BatchesInFlightMax batches are
	// queued or unconfirmed.
	ErrQueueFull = errors.New("settler: too many batches in flight")

	// ErrBatchReverted marks a batch the Exchange rejected, in gas
	// estimation or on chain. The off-chain and on-chain states disagree;
	// the node halts the batch's markets.
	ErrBatchReverted = errors.New("settler: batch reverted")

	// ErrBatchTooLarge marks a batch whose settle call needs more gas than
	// one transaction may use. The machine's gas bound (chain/batch
	// GasBoundMax) keeps batches below that; this error means the bound
	// is wrong for the chain's rules.
	ErrBatchTooLarge = errors.New("settler: batch too large for one transaction")

	// errWaitForEarlier marks a step that sent nothing because a batch's
	// gas estimation reverted while earlier batches were unconfirmed.
	errWaitForEarlier = errors.New("settler: waiting for earlier batches")
)

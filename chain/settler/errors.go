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
)

package batch

import "errors"

var (
	// ErrTooMany rejects a batch whose table or list exceeds what the
	// layout's count field can hold.
	ErrTooMany = errors.New("batch: too many entries")
	// ErrUnknownMarket rejects an order whose market is not in Batch.Markets.
	ErrUnknownMarket = errors.New("batch: unknown market")
	// ErrInvalidOrder rejects an order field that the packed layout cannot
	// carry or the contract always rejects.
	ErrInvalidOrder = errors.New("batch: invalid order")
	// ErrInvalidTrade rejects a trade that refers to a missing order or has
	// a zero price or quantity.
	ErrInvalidTrade = errors.New("batch: invalid trade")
	// ErrInvalidWithdrawal rejects a withdrawal outside the contract's range.
	ErrInvalidWithdrawal = errors.New("batch: invalid withdrawal")
	// ErrMalformed rejects bytes that are not a well-formed batch.
	ErrMalformed = errors.New("batch: malformed encoding")
)

package state

import (
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
)

// Sentinel errors. Apply wraps exactly one of them, or an error of the
// matching engine or the ledger, with the values involved. A rejected entry
// leaves the machine unchanged.
var (
	// ErrInvalidEntry: the entry's encoding or a field is malformed.
	ErrInvalidEntry = errors.New("state: invalid entry")
	// ErrTimeBackwards: the entry's time is before the previous entry's.
	ErrTimeBackwards = errors.New("state: entry time before the previous entry")
	// ErrSeqNotNext: the entry's sequence number does not follow the last one.
	ErrSeqNotNext = errors.New("state: sequence number is not the next one")

	// ErrInvalidMarket: a market listing has out-of-range parameters.
	ErrInvalidMarket = errors.New("state: invalid market")
	// ErrMarketExists: the market id is already listed on that chain.
	ErrMarketExists = errors.New("state: market already listed")
	// ErrUnknownMarket: the order names a market that is not listed.
	ErrUnknownMarket = errors.New("state: unknown market")
	// ErrMarketHalted: the market stopped after a failed settlement.
	ErrMarketHalted = errors.New("state: market halted")
	// ErrUnknownChain: the entry names a chain with no listed market.
	ErrUnknownChain = errors.New("state: unknown chain")
	// ErrUnknownToken: a deposit or withdrawal names a token that no market
	// on its chain trades.
	ErrUnknownToken = errors.New("state: unknown token")

	// ErrOrderReplayed: an order with this hash was placed before.
	ErrOrderReplayed = errors.New("state: order already placed")
	// ErrTooManyOrders: the replay set holds the most order hashes it can
	// (orderHashesMax), so no further order can be placed.
	ErrTooManyOrders = errors.New("state: too many orders placed")
	// ErrCancelledOnChain: the trader cancelled this order hash on chain
	// with cancelOrder before placing it.
	ErrCancelledOnChain = errors.New("state: order cancelled on chain")
	// ErrNonceCancelled: the order's nonce is below the trader's on-chain
	// cancelUpTo nonce.
	ErrNonceCancelled = errors.New("state: order nonce already cancelled")
	// ErrImmediateNonceUsed: an immediate order (IOC, FOK) has the nonce
	// of an earlier immediate order of its trader on its chain that
	// traded or is a stop order waiting to trigger. The Exchange settles
	// one immediate order per trader and nonce.
	ErrImmediateNonceUsed = errors.New("state: immediate order nonce already used")
	// ErrOrderExpired: the order's expiry is not far enough after the
	// entry's time for the order to settle on chain.
	ErrOrderExpired = errors.New("state: order expired")
	// ErrUnknownOrder: a cancel names no open order.
	ErrUnknownOrder = errors.New("state: unknown order")
	// ErrNotOrderOwner: a cancel is signed by another trader than the order's.
	ErrNotOrderOwner = errors.New("state: cancel signed by another trader")
	// ErrWithdrawalExpired: a signed withdrawal's expiry has passed.
	ErrWithdrawalExpired = errors.New("state: withdrawal expired")
	// ErrNothingToSeal: the chain's open batch has no trades or withdrawals.
	ErrNothingToSeal = errors.New("state: nothing to seal")
	// ErrBatchFull: a withdrawal would take the open batch's gas bound over
	// chain/batch.GasBoundMax; the sequencer seals the batch first.
	ErrBatchFull = errors.New("state: open batch full")
	// ErrUnknownBatch: a settlement outcome names no sealed batch.
	ErrUnknownBatch = errors.New("state: unknown batch")
)

// EntryError is an entry that Apply rejected. Its message starts with the
// sequence number and the entry type, for logs; Err alone is the reason,
// for a reply to the request that made the entry.
type EntryError struct {
	Seq  uint64
	Type EntryType
	Err  error
}

func (e *EntryError) Error() string { return fmt.Sprintf("entry %d (%s): %v", e.Seq, e.Type, e.Err) }

// Unwrap returns the reason.
func (e *EntryError) Unwrap() error { return e.Err }

// ExpiryError is the rejection of an order or a withdrawal whose signed
// expiry is not more than ExpiryMarginSeconds after the entry's time. It
// unwraps to ErrOrderExpired or ErrWithdrawalExpired, and carries the
// values that a reply to the trader states.
type ExpiryError struct {
	// Err is ErrOrderExpired or ErrWithdrawalExpired.
	Err error
	// Hash is the order's or the withdrawal's EIP-712 hash.
	Hash common.Hash
	// ExpirySeconds is the signed expiry in unix seconds.
	ExpirySeconds uint64
	// EntryTimeMs is the entry's time in unix milliseconds.
	EntryTimeMs uint64
}

func (e *ExpiryError) Error() string {
	kind := "order"
	if errors.Is(e.Err, ErrWithdrawalExpired) {
		kind = "withdrawal"
	}
	return fmt.Sprintf("%v: %s %s expires at %d s, which is not more than %d s after the entry time %d ms",
		e.Err, kind, e.Hash, e.ExpirySeconds, ExpiryMarginSeconds, e.EntryTimeMs)
}

// Unwrap returns ErrOrderExpired or ErrWithdrawalExpired.
func (e *ExpiryError) Unwrap() error { return e.Err }

package watcher

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// Kind is the kind of an Exchange event the watcher reports.
type Kind uint8

const (
	// KindDeposit is a Deposited event: tokens credited to a trader.
	KindDeposit Kind = iota + 1
	// KindWithdrawalRequest is a WithdrawalRequested event: a trader asked
	// on chain for a withdrawal the operator must honour before UnlockBlock.
	KindWithdrawalRequest
	// KindOrderCancel is an OrderCancelled event: the trader called
	// cancelOrder(OrderHash), and the Exchange settles that order only in
	// blocks with a timestamp before EffectiveAt.
	KindOrderCancel
	// KindNonceCancel is a NoncesCancelled event: the trader called
	// cancelUpTo(MinNonce), and the Exchange settles the trader's orders
	// with a lower nonce only in blocks with a timestamp before
	// EffectiveAt.
	KindNonceCancel
)

// String returns "deposit", "withdrawal-request", "order-cancel" or
// "nonce-cancel".
func (k Kind) String() string {
	switch k {
	case KindDeposit:
		return "deposit"
	case KindWithdrawalRequest:
		return "withdrawal-request"
	case KindOrderCancel:
		return "order-cancel"
	case KindNonceCancel:
		return "nonce-cancel"
	default:
		return fmt.Sprintf("kind(%d)", uint8(k))
	}
}

// Event is one confirmed Exchange event. Token and Amount are set for
// deposits and withdrawal requests only.
type Event struct {
	Kind    Kind
	ChainID uint64
	Trader  common.Address
	Token   common.Address
	// Amount is in token base units.
	Amount *big.Int
	// DepositID is the contract's unique, increasing deposit id; deposits only.
	DepositID uint64
	// UnlockBlock is the block from which the trader may withdraw directly;
	// withdrawal requests only.
	UnlockBlock uint64
	// OrderHash is the EIP-712 digest of the cancelled order; order
	// cancels only.
	OrderHash common.Hash
	// MinNonce is the trader's new minimum nonce: every order with a lower
	// nonce is cancelled. Nonce cancels only.
	MinNonce uint64
	// EffectiveAt is the block timestamp, in Unix seconds, from which the
	// Exchange rejects the cancelled orders; cancels only. The Exchange
	// sets it to the cancel's block timestamp plus its cancel delay. A
	// node that stops matching the orders when the event is confirmed
	// still settles the batches that already hold them until then.
	EffectiveAt uint64

	BlockNumber uint64
	BlockHash   common.Hash
	TxHash      common.Hash
	LogIndex    uint
}

// Key returns an identity stable across restarts, for deduplication by a
// consumer: the deposit id for a deposit, the trader and order hash for an
// order cancel, the trader and minimum nonce for a nonce cancel, and the
// transaction hash and log index for a withdrawal request.
//
// A cancel's key depends only on what it cancels, so it stays the same
// when a reorg moves the event to another block or log index. Two order
// cancels of the same hash share a key and have the same effect. The
// Exchange rejects a cancelUpTo that does not raise the minimum nonce, so
// each nonce cancel of a trader has its own key.
func (e Event) Key() string {
	switch e.Kind {
	case KindDeposit:
		return fmt.Sprintf("%d/deposit/%d", e.ChainID, e.DepositID)
	case KindOrderCancel:
		return fmt.Sprintf("%d/%s/%s/%s", e.ChainID, e.Kind, e.Trader.Hex(), e.OrderHash.Hex())
	case KindNonceCancel:
		return fmt.Sprintf("%d/%s/%s/%d", e.ChainID, e.Kind, e.Trader.Hex(), e.MinNonce)
	}
	return fmt.Sprintf("%d/%s/%s/%d", e.ChainID, e.Kind, e.TxHash.Hex(), e.LogIndex)
}

// Cursor is the last block the watcher has fully processed.
type Cursor struct {
	ChainID uint64      `json:"chainId"`
	Block   uint64      `json:"block"`
	Hash    common.Hash `json:"hash"`
}

// Update is one step of the watcher: the confirmed events of a block range
// in chain order, and the cursor that covers them.
type Update struct {
	Events []Event
	// Cursor is the last block of the range. A consumer that stores it in
	// the same transaction as the events' effects, and returns it from its
	// CursorStore, applies each event once across restarts.
	Cursor Cursor
	// FromBlock is the first block of the range.
	FromBlock uint64
}

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
)

// String returns "deposit" or "withdrawal-request".
func (k Kind) String() string {
	switch k {
	case KindDeposit:
		return "deposit"
	case KindWithdrawalRequest:
		return "withdrawal-request"
	default:
		return fmt.Sprintf("kind(%d)", uint8(k))
	}
}

// Event is one confirmed Exchange event.
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

	BlockNumber uint64
	BlockHash   common.Hash
	TxHash      common.Hash
	LogIndex    uint
}

// Key returns an identity stable across restarts, for deduplication by a
// consumer: the deposit id for a deposit, the transaction hash and log
// index for a withdrawal request.
func (e Event) Key() string {
	if e.Kind == KindDeposit {
		return fmt.Sprintf("%d/deposit/%d", e.ChainID, e.DepositID)
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

package ledger

import (
	"cmp"
	"encoding/binary"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

// Asset is a token on a chain. The zero token address may stand for the
// chain's native coin; the ledger treats it like any other token.
type Asset struct {
	ChainID uint64
	Token   common.Address
}

func (a Asset) String() string {
	return fmt.Sprintf("chain %d token %s", a.ChainID, a.Token.Hex())
}

// Compare orders assets by chain id, then by token address bytes.
func (a Asset) Compare(b Asset) int {
	if c := cmp.Compare(a.ChainID, b.ChainID); c != 0 {
		return c
	}
	return compareAddresses(a.Token, b.Token)
}

// compareAddresses orders addresses as bytes.Compare does, in three word
// comparisons, because sealing a batch sorts thousands of them.
func compareAddresses(a, b common.Address) int {
	if c := cmp.Compare(binary.BigEndian.Uint64(a[0:8]), binary.BigEndian.Uint64(b[0:8])); c != 0 {
		return c
	}
	if c := cmp.Compare(binary.BigEndian.Uint64(a[8:16]), binary.BigEndian.Uint64(b[8:16])); c != 0 {
		return c
	}
	return cmp.Compare(binary.BigEndian.Uint32(a[16:20]), binary.BigEndian.Uint32(b[16:20]))
}

// AccountKind is the role of an account. Owner accounts exist per (owner,
// asset); system accounts exist per asset and have the zero owner.
type AccountKind uint8

// Account kinds. Every kind except ExternalDeposits has its balance on the
// credit side: a credit raises it and a debit lowers it. ExternalDeposits is
// the source of all funds, so a debit raises it; its balance is the total
// ever deposited.
const (
	// Available is what an owner can hold for orders or withdraw.
	Available AccountKind = iota + 1
	// Held is reserved for the owner's open orders.
	Held
	// PendingSettlement is received from trades whose batch is not confirmed.
	PendingSettlement
	// PendingWithdrawal is requested for withdrawal and not yet settled.
	PendingWithdrawal
	// FeesPending is fees from trades whose batch is not confirmed.
	FeesPending
	// FeesSettled is fees from confirmed batches.
	FeesSettled
	// ExternalDeposits is the source of confirmed chain deposits.
	ExternalDeposits
	// ExternalWithdrawals is the sink of settled withdrawals.
	ExternalWithdrawals
)

const (
	ownerKinds  = 4 // Available through PendingWithdrawal
	systemKinds = 4 // FeesPending through ExternalWithdrawals
)

var accountKindNames = [...]string{
	Available:           "available",
	Held:                "held",
	PendingSettlement:   "pending settlement",
	PendingWithdrawal:   "pending withdrawal",
	FeesPending:         "fees pending",
	FeesSettled:         "fees settled",
	ExternalDeposits:    "external deposits",
	ExternalWithdrawals: "external withdrawals",
}

func (k AccountKind) String() string {
	if k == 0 || int(k) >= len(accountKindNames) {
		return fmt.Sprintf("account kind %d", uint8(k))
	}
	return accountKindNames[k]
}

// IsSystem reports whether accounts of this kind belong to the exchange
// rather than to an owner.
func (k AccountKind) IsSystem() bool { return k >= FeesPending && k <= ExternalWithdrawals }

// Account names one account: an owner's account of one kind in one asset,
// or a system account, whose Owner is the zero address.
type Account struct {
	Owner common.Address
	Asset Asset
	Kind  AccountKind
}

func (a Account) String() string {
	if a.Kind.IsSystem() {
		return "system account " + a.Kind.String()
	}
	return fmt.Sprintf("%s account of %s", a.Kind, a.Owner.Hex())
}

// PostingKind is the operation that made a posting.
type PostingKind uint8

// Posting kinds, one per movement between account kinds.
const (
	// DepositCredited moves ExternalDeposits to Available.
	DepositCredited PostingKind = iota + 1
	// HoldPlaced moves Available to Held for an order (placement or a raise).
	HoldPlaced
	// HoldReleased moves Held back to Available for an order.
	HoldReleased
	// FillQuote moves the buyer's Held to the seller's PendingSettlement:
	// the quote amount minus the seller's fee.
	FillQuote
	// FillFee moves the buyer's Held to FeesPending: both sides' fees.
	FillFee
	// FillBase moves the seller's Held to the buyer's PendingSettlement.
	FillBase
	// WithdrawalRequested moves Available to PendingWithdrawal.
	WithdrawalRequested
	// TradeSettled moves PendingSettlement to Available when a batch is confirmed.
	TradeSettled
	// FeeSettled moves FeesPending to FeesSettled when a batch is confirmed.
	FeeSettled
	// WithdrawalSettled moves PendingWithdrawal to ExternalWithdrawals when a
	// batch is confirmed.
	WithdrawalSettled
	// WithdrawalReturned moves PendingWithdrawal back to Available when a
	// batch fails.
	WithdrawalReturned
)

var postingKindNames = [...]string{
	DepositCredited:     "deposit credited",
	HoldPlaced:          "hold placed",
	HoldReleased:        "hold released",
	FillQuote:           "fill quote",
	FillFee:             "fill fee",
	FillBase:            "fill base",
	WithdrawalRequested: "withdrawal requested",
	TradeSettled:        "trade settled",
	FeeSettled:          "fee settled",
	WithdrawalSettled:   "withdrawal settled",
	WithdrawalReturned:  "withdrawal returned",
}

func (k PostingKind) String() string {
	if k == 0 || int(k) >= len(postingKindNames) {
		return fmt.Sprintf("posting kind %d", uint8(k))
	}
	return postingKindNames[k]
}

// DepositID identifies one chain deposit event, chosen by the caller so that
// it is unique per event (for example keccak256 of chain id, transaction
// hash and log index).
type DepositID [32]byte

// WithdrawalID identifies one withdrawal request, for example the EIP-712
// digest of the trader's signed Withdrawal.
type WithdrawalID [32]byte

// Posting is one movement of Amount of Asset from the Debit account to the
// Credit account, caused by the log entry with sequence number Seq.
type Posting struct {
	Seq uint64
	// Index is the posting's position within its entry, from 0, so that
	// (Seq, Index) is unique.
	Index  uint32
	Kind   PostingKind
	Asset  Asset
	Amount uint256.Int

	DebitOwner  common.Address
	DebitKind   AccountKind
	CreditOwner common.Address
	CreditKind  AccountKind

	// Order is the order id for hold and fill postings, else 0.
	Order uint64
	// Batch is the settlement batch for fill, withdrawal and settlement
	// postings, else 0.
	Batch uint64
	// Ref is the deposit id or withdrawal id, else zero.
	Ref [32]byte
}

// Debit returns the account the posting takes from.
func (p *Posting) Debit() Account {
	return Account{Owner: p.DebitOwner, Asset: p.Asset, Kind: p.DebitKind}
}

// Credit returns the account the posting gives to.
func (p *Posting) Credit() Account {
	return Account{Owner: p.CreditOwner, Asset: p.Asset, Kind: p.CreditKind}
}

// Balance is one owner's accounts in one asset.
type Balance struct {
	Asset             Asset
	Available         uint256.Int
	Held              uint256.Int
	PendingSettlement uint256.Int
	PendingWithdrawal uint256.Int
}

// Totals are the sums of all accounts of one asset, by kind.
type Totals struct {
	Asset             Asset
	Available         uint256.Int
	Held              uint256.Int
	PendingSettlement uint256.Int
	PendingWithdrawal uint256.Int
	FeesPending       uint256.Int
	FeesSettled       uint256.Int
	// Deposits is the total ever deposited, the ExternalDeposits balance.
	Deposits uint256.Int
	// Withdrawals is the total ever withdrawn, the ExternalWithdrawals balance.
	Withdrawals uint256.Int
}

// HoldInfo is the hold of one open order.
type HoldInfo struct {
	Order  uint64
	Owner  common.Address
	Asset  Asset
	Amount uint256.Int
}

// Fill is one trade between a buy order and a sell order, both with holds.
// The buy order's hold is in the quote asset and the sell order's in the
// base asset, so the assets and owners come from the holds.
type Fill struct {
	BuyOrder  uint64
	SellOrder uint64
	// BaseAmount is the base the seller gives, in base-token base units.
	BaseAmount uint256.Int
	// QuoteAmount is the fill's exact quote amount in quote-token base units.
	QuoteAmount uint256.Int
	// BuyerFee and SellerFee are floor(QuoteAmount * feeBps / 10000) for
	// each side's fee rate.
	BuyerFee  uint256.Int
	SellerFee uint256.Int
	// BuyRemainingCost and SellRemainingCost are what each order can still
	// cost after this fill (BuyHold or SellHold on its remaining quantity,
	// zero when it is filled). Each hold keeps exactly that amount; the rest
	// returns to available.
	BuyRemainingCost  uint256.Int
	SellRemainingCost uint256.Int
}

// BatchState is the stage of a settlement batch. A confirmed batch leaves
// the ledger, so it has no state here.
type BatchState uint8

// Batch states.
const (
	// BatchOpen collects fills and withdrawals; exactly one batch is open.
	BatchOpen BatchState = iota + 1
	// BatchSealed is cut by the sequencer and awaits its settlement outcome.
	BatchSealed
	// BatchFailed had its settlement fail: its withdrawals were returned and
	// its trades stay pending settlement.
	BatchFailed
)

var batchStateNames = [...]string{BatchOpen: "open", BatchSealed: "sealed", BatchFailed: "failed"}

func (s BatchState) String() string {
	if s == 0 || int(s) >= len(batchStateNames) {
		return fmt.Sprintf("batch state %d", uint8(s))
	}
	return batchStateNames[s]
}

// BatchChange is one owner's movements in one asset within a batch. The
// net change the settler applies on chain is Received - Paid - Withdrawn.
type BatchChange struct {
	Owner     common.Address
	Asset     Asset
	Received  uint256.Int
	Paid      uint256.Int
	Withdrawn uint256.Int
}

// AssetAmount is an amount of one asset.
type AssetAmount struct {
	Asset  Asset
	Amount uint256.Int
}

// WithdrawalInfo is one withdrawal in a batch.
type WithdrawalInfo struct {
	ID     WithdrawalID
	Owner  common.Address
	Asset  Asset
	Amount uint256.Int
}

// BatchInfo describes a settlement batch. Changes are sorted by owner, then
// asset; Fees by asset; Withdrawals are in the order they were requested.
type BatchInfo struct {
	ID    uint64
	State BatchState
	// SealedSeq is the sequence number of the entry that sealed the batch,
	// or 0 while it is open.
	SealedSeq   uint64
	Changes     []BatchChange
	Fees        []AssetAmount
	Withdrawals []WithdrawalInfo
}

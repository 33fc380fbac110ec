package state

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/internal/bincodec"
)

// EntryType is the kind of input a log entry carries.
type EntryType uint8

// Entry types. The codes are part of the log format and never change.
const (
	EntryListMarket        EntryType = 1  // a market listed in an Exchange contract
	EntryPlaceOrder        EntryType = 2  // a signed order
	EntryCancelOrder       EntryType = 3  // a signed off-chain cancel
	EntryChainCancel       EntryType = 4  // cancelOrder or cancelUpTo seen on chain
	EntryDeposit           EntryType = 5  // a deposit confirmed on chain
	EntryWithdraw          EntryType = 6  // a signed withdrawal
	EntryWithdrawalRequest EntryType = 7  // an escape-hatch request seen on chain
	EntrySealBatch         EntryType = 8  // the sequencer cuts a chain's settlement batch
	EntrySettlementDone    EntryType = 9  // a batch confirmed on chain
	EntrySettlementFailed  EntryType = 10 // a batch reverted on chain
	EntryTick              EntryType = 11 // time passes (GTD expiries)
	entryTypeEnd                     = 12
)

var entryTypeNames = [...]string{
	EntryListMarket:        "list-market",
	EntryPlaceOrder:        "place-order",
	EntryCancelOrder:       "cancel-order",
	EntryChainCancel:       "chain-cancel",
	EntryDeposit:           "deposit",
	EntryWithdraw:          "withdraw",
	EntryWithdrawalRequest: "withdrawal-request",
	EntrySealBatch:         "seal-batch",
	EntrySettlementDone:    "settlement-done",
	EntrySettlementFailed:  "settlement-failed",
	EntryTick:              "tick",
}

func (t EntryType) String() string {
	if t > 0 && t < entryTypeEnd {
		return entryTypeNames[t]
	}
	return fmt.Sprintf("entry type %d", uint8(t))
}

// Entry is one input of the sequenced log. Time is the sequencer's clock in
// unix milliseconds when it sequenced the entry. It never decreases from
// one entry to the next and is the machine's only source of time. Exactly
// the field that Type names is set.
type Entry struct {
	Type EntryType
	Time uint64

	Market     *Market
	Order      *SignedOrder
	Cancel     *SignedCancel
	ChainEvent *ChainCancel
	Deposit    *Deposit
	Withdrawal *SignedWithdrawal
	Request    *WithdrawalRequest
	Batch      *BatchRef
}

// Market is a market as listed in an Exchange contract, with the limits the
// node's book applies to it. Every node applies the same limits because
// they travel in the log.
type Market struct {
	ChainID  uint64
	ID       uint32
	Symbol   string // unique on the node, for example "THAL/USDC"
	Exchange common.Address

	Base          common.Address
	Quote         common.Address
	BaseDecimals  uint8
	QuoteDecimals uint8
	// TickSize is quote base units per whole base token per tick, LotSize
	// base base units per lot (docs/PROTOCOL.md).
	TickSize uint256.Int
	LotSize  uint256.Int

	MakerFeeBps uint16
	TakerFeeBps uint16

	MaxPrice         uint64 // ticks
	MaxQuantity      uint64 // lots
	MaxRestingOrders uint32
	MaxStopOrders    uint32
}

// SignedOrder is an order with its EIP-712 signature, for the Exchange on
// ChainID.
type SignedOrder struct {
	ChainID   uint64
	Order     eip712.Order
	Signature eip712.Signature
}

// SignedCancel is an off-chain cancel with its EIP-712 signature.
type SignedCancel struct {
	ChainID   uint64
	Cancel    eip712.Cancel
	Signature eip712.Signature
}

// ChainCancel is a cancel that a trader made on chain: cancelOrder(OrderHash)
// when OrderHash is set, else cancelUpTo(UpToNonce).
type ChainCancel struct {
	ChainID   uint64
	Trader    common.Address
	OrderHash common.Hash
	UpToNonce uint64
	Block     uint64
	TxHash    common.Hash
}

// Deposit is a deposit event of the Exchange with enough confirmations. ID
// is the contract's deposit counter, unique per chain.
type Deposit struct {
	ChainID uint64
	ID      uint64
	Trader  common.Address
	Token   common.Address
	Amount  uint256.Int
	Block   uint64
	TxHash  common.Hash
}

// SignedWithdrawal is a withdrawal with its EIP-712 signature.
type SignedWithdrawal struct {
	ChainID    uint64
	Withdrawal eip712.Withdrawal
	Signature  eip712.Signature
}

// WithdrawalRequest is an escape-hatch request made on chain: the operator
// must settle it within the contract's delay.
type WithdrawalRequest struct {
	ChainID uint64
	Trader  common.Address
	Token   common.Address
	Amount  uint256.Int
	Block   uint64
	TxHash  common.Hash
}

// BatchRef names a settlement batch of one chain. Seal entries leave ID at
// zero; settlement outcomes name the batch and its transaction.
type BatchRef struct {
	ChainID uint64
	ID      uint64
	TxHash  common.Hash
	Block   uint64
	Reason  string // the cause of a failed batch
}

// Limits of the encoding.
const (
	entryVersion   = 1
	symbolBytesMax = 32
	reasonBytesMax = 256
)

// Encode returns the entry's binary form, version 1:
//
//	version u8 | type u8 | time u64 | body (fields in declaration order)
//
// Encode and DecodeEntry round-trip byte for byte.
func (e *Entry) Encode() ([]byte, error) {
	enc := newEncoder(256, nil, toSnapshot)
	enc.u8(entryVersion)
	enc.u8(uint8(e.Type))
	enc.u64(e.Time)
	if err := e.encodeBody(enc); err != nil {
		return nil, err
	}
	return enc.Buf, nil
}

func (e *Entry) encodeBody(enc *encoder) error {
	missing := func() error { return fmt.Errorf("%w: %s entry without its body", ErrInvalidEntry, e.Type) }
	switch e.Type {
	case EntryListMarket:
		if e.Market == nil {
			return missing()
		}
		return e.Market.encode(enc)
	case EntryPlaceOrder:
		if e.Order == nil {
			return missing()
		}
		e.Order.encode(enc)
	case EntryCancelOrder:
		if e.Cancel == nil {
			return missing()
		}
		enc.u64(e.Cancel.ChainID)
		enc.address(e.Cancel.Cancel.Trader)
		enc.hash(e.Cancel.Cancel.OrderHash)
		enc.raw(e.Cancel.Signature[:])
	case EntryChainCancel:
		if e.ChainEvent == nil {
			return missing()
		}
		c := e.ChainEvent
		enc.u64(c.ChainID)
		enc.address(c.Trader)
		enc.hash(c.OrderHash)
		enc.u64(c.UpToNonce)
		enc.u64(c.Block)
		enc.hash(c.TxHash)
	case EntryDeposit:
		if e.Deposit == nil {
			return missing()
		}
		EncodeDeposit(&enc.Encoder, e.Deposit)
	case EntryWithdraw:
		if e.Withdrawal == nil {
			return missing()
		}
		return e.Withdrawal.encode(enc)
	case EntryWithdrawalRequest:
		if e.Request == nil {
			return missing()
		}
		encodeRequest(enc, e.Request)
	case EntrySealBatch, EntrySettlementDone, EntrySettlementFailed:
		if e.Batch == nil {
			return missing()
		}
		return e.Batch.encode(enc)
	case EntryTick:
	default:
		return fmt.Errorf("%w: unknown entry type %d", ErrInvalidEntry, e.Type)
	}
	return nil
}

func (m *Market) encode(enc *encoder) error {
	if len(m.Symbol) > symbolBytesMax {
		return fmt.Errorf("%w: market symbol %q is longer than %d bytes", ErrInvalidEntry, m.Symbol, symbolBytesMax)
	}
	enc.u64(m.ChainID)
	enc.u32(m.ID)
	enc.bytes([]byte(m.Symbol))
	enc.address(m.Exchange)
	enc.address(m.Base)
	enc.address(m.Quote)
	enc.u8(m.BaseDecimals)
	enc.u8(m.QuoteDecimals)
	enc.amount(&m.TickSize)
	enc.amount(&m.LotSize)
	enc.u16(m.MakerFeeBps)
	enc.u16(m.TakerFeeBps)
	enc.u64(m.MaxPrice)
	enc.u64(m.MaxQuantity)
	enc.u32(m.MaxRestingOrders)
	enc.u32(m.MaxStopOrders)
	return nil
}

func (s *SignedOrder) encode(enc *encoder) {
	enc.u64(s.ChainID)
	enc.Order(&s.Order)
	enc.raw(s.Signature[:])
}

// EncodeDeposit appends d's fields in the order of the Deposit struct.
// Deposit entries and node's deposit records share this layout, so
// changing it changes both formats.
func EncodeDeposit(enc *bincodec.Encoder, d *Deposit) {
	enc.U64(d.ChainID)
	enc.U64(d.ID)
	enc.Address(d.Trader)
	enc.Address(d.Token)
	enc.Amount(&d.Amount)
	enc.U64(d.Block)
	enc.Hash(d.TxHash)
}

func (s *SignedWithdrawal) encode(enc *encoder) error {
	w := &s.Withdrawal
	var amount uint256.Int
	if w.Amount == nil || amount.SetFromBig(w.Amount) {
		return fmt.Errorf("%w: withdrawal amount %v is not a 256-bit unsigned number", ErrInvalidEntry, w.Amount)
	}
	enc.u64(s.ChainID)
	enc.address(w.Trader)
	enc.address(w.Token)
	enc.amount(&amount)
	enc.u64(w.Nonce)
	enc.u64(w.Expiry)
	enc.raw(s.Signature[:])
	return nil
}

func (b *BatchRef) encode(enc *encoder) error {
	if len(b.Reason) > reasonBytesMax {
		return fmt.Errorf("%w: failure reason is longer than %d bytes", ErrInvalidEntry, reasonBytesMax)
	}
	enc.u64(b.ChainID)
	enc.u64(b.ID)
	enc.hash(b.TxHash)
	enc.u64(b.Block)
	enc.bytes([]byte(b.Reason))
	return nil
}

// DecodeEntry parses an entry that Encode produced.
func DecodeEntry(data []byte) (Entry, error) {
	d := newDecoder(data, 0)
	var e Entry
	if v := d.u8("version"); d.err == nil && v != entryVersion {
		return e, fmt.Errorf("%w: version %d; this build reads version %d", ErrInvalidEntry, v, entryVersion)
	}
	e.Type = EntryType(d.u8("type"))
	e.Time = d.u64("time")
	if d.err != nil {
		return Entry{}, d.err
	}
	e.decodeBody(d)
	if err := d.finish(e.Type.String() + " entry"); err != nil {
		return Entry{}, err
	}
	return e, nil
}

func (e *Entry) decodeBody(d *decoder) {
	switch e.Type {
	case EntryListMarket:
		e.Market = decodeMarket(d)
	case EntryPlaceOrder:
		s := &SignedOrder{ChainID: d.u64("chain id")}
		s.Order = d.Order()
		copy(s.Signature[:], d.take(eip712.SignatureLength, "signature"))
		e.Order = s
	case EntryCancelOrder:
		s := &SignedCancel{ChainID: d.u64("chain id")}
		s.Cancel.Trader = d.address("trader")
		s.Cancel.OrderHash = d.hash("order hash")
		copy(s.Signature[:], d.take(eip712.SignatureLength, "signature"))
		e.Cancel = s
	case EntryChainCancel:
		e.ChainEvent = &ChainCancel{
			ChainID: d.u64("chain id"), Trader: d.address("trader"), OrderHash: d.hash("order hash"),
			UpToNonce: d.u64("nonce"), Block: d.u64("block"), TxHash: d.hash("tx hash"),
		}
	case EntryDeposit:
		deposit := DecodeDeposit(&d.Decoder)
		e.Deposit = &deposit
	case EntryWithdraw:
		e.Withdrawal = decodeWithdrawal(d)
	case EntryWithdrawalRequest:
		e.Request = decodeRequest(d)
	case EntrySealBatch, EntrySettlementDone, EntrySettlementFailed:
		e.Batch = &BatchRef{ChainID: d.u64("chain id"), ID: d.u64("batch id"), TxHash: d.hash("tx hash"), Block: d.u64("block")}
		e.Batch.Reason = string(d.bytes("reason", reasonBytesMax))
	case EntryTick:
	default:
		d.fail("unknown entry type %d", uint8(e.Type))
	}
}

func decodeMarket(d *decoder) *Market {
	m := &Market{ChainID: d.u64("chain id"), ID: d.u32("market id")}
	m.Symbol = string(d.bytes("symbol", symbolBytesMax))
	m.Exchange = d.address("exchange")
	m.Base = d.address("base token")
	m.Quote = d.address("quote token")
	m.BaseDecimals = d.u8("base decimals")
	m.QuoteDecimals = d.u8("quote decimals")
	m.TickSize = d.amount("tick size")
	m.LotSize = d.amount("lot size")
	m.MakerFeeBps = d.u16("maker fee")
	m.TakerFeeBps = d.u16("taker fee")
	m.MaxPrice = d.u64("max price")
	m.MaxQuantity = d.u64("max quantity")
	m.MaxRestingOrders = d.u32("max resting orders")
	m.MaxStopOrders = d.u32("max stop orders")
	return m
}

// DecodeDeposit reads what EncodeDeposit appends.
func DecodeDeposit(d *bincodec.Decoder) Deposit {
	return Deposit{
		ChainID: d.U64("chain id"), ID: d.U64("deposit id"), Trader: d.Address("trader"),
		Token: d.Address("token"), Amount: d.Amount("amount"), Block: d.U64("block"), TxHash: d.Hash("tx hash"),
	}
}

func decodeWithdrawal(d *decoder) *SignedWithdrawal {
	s := &SignedWithdrawal{ChainID: d.u64("chain id")}
	s.Withdrawal.Trader = d.address("trader")
	s.Withdrawal.Token = d.address("token")
	amount := d.amount("amount")
	s.Withdrawal.Amount = new(big.Int).Set(amount.ToBig())
	s.Withdrawal.Nonce = d.u64("nonce")
	s.Withdrawal.Expiry = d.u64("expiry")
	copy(s.Signature[:], d.take(eip712.SignatureLength, "signature"))
	return s
}

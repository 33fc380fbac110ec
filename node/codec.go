package node

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/internal/bincodec"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/rpc"
)

// Index record values are binary layouts, each starting with a version
// byte. Version 1 fields are fixed-width, big-endian, and follow the order
// of the Go struct they encode. Version 2, written for orders, order
// locations and postings, leaves out what the record's key holds and
// writes integers as minimal varints, because these records are written
// for every order and make up most of the indexes. Decoders read both.
const (
	recordVersion1 = 1
	recordVersion2 = 2
)

// reasonBytesMax bounds an order's cancel reason in a record.
const reasonBytesMax = 255

// encoder appends a record's fields. It adds the varints, minimal amounts
// and texts of version 2 to the shared fixed-width fields.
type encoder struct{ bincodec.Encoder }

func newEncoder(size int, version uint8) *encoder {
	e := &encoder{bincodec.Encoder{Buf: make([]byte, 0, size)}}
	e.U8(version)
	return e
}

func (e *encoder) uvarint(v uint64) { e.Buf = binary.AppendUvarint(e.Buf, v) }

// minimalAmount writes the amount's length in bytes, 0 to 32, and its
// big-endian bytes without leading zeros.
func (e *encoder) minimalAmount(x *uint256.Int) {
	b := x.Bytes()
	e.U8(uint8(len(b)))
	e.Buf = append(e.Buf, b...)
}

func (e *encoder) text(s string) {
	if len(s) > reasonBytesMax {
		s = s[:reasonBytesMax]
	}
	e.U8(uint8(len(s)))
	e.Buf = append(e.Buf, s...)
}

// decoder reads what encoder wrote, and the first failure sticks in err.
// Use it by pointer from newDecoder, because the shared Decoder stores its
// failures in err through a pointer that a copy would not follow.
type decoder struct {
	bincodec.Decoder
	what    string
	version uint8
	err     error
}

// newDecoder reads the version byte, which must be 1 to newest.
func newDecoder(data []byte, what string, newest uint8) *decoder {
	d := &decoder{what: what}
	d.Decoder = bincodec.NewDecoder(data, 0, &d.err, d)
	if d.version = d.u8(); d.err == nil && (d.version < recordVersion1 || d.version > newest) {
		d.err = fmt.Errorf("%w: %s record version %d, this build reads versions %d to %d", ErrCorruptRecord, what, d.version, recordVersion1, newest)
	}
	return d
}

// Truncated and InvalidBool make the shared decoder's errors. Record
// errors name the record, not the field.

func (d *decoder) Truncated(data []byte, off, _ int, _ string) error {
	return fmt.Errorf("%w: %s record of %d bytes is truncated at byte %d", ErrCorruptRecord, d.what, len(data), off)
}

func (d *decoder) InvalidBool(_ string, v uint8) error {
	return fmt.Errorf("%w: %s record: boolean byte %d", ErrCorruptRecord, d.what, v)
}

// The methods below read the fixed-width fields without naming them,
// because record errors do not.

func (d *decoder) take(n int) []byte       { return d.Take(n, "") }
func (d *decoder) u8() uint8               { return d.U8("") }
func (d *decoder) u32() uint32             { return d.U32("") }
func (d *decoder) u64() uint64             { return d.U64("") }
func (d *decoder) address() common.Address { return d.Address("") }
func (d *decoder) hash() common.Hash       { return d.Hash("") }
func (d *decoder) amount() uint256.Int     { return d.Amount("") }
func (d *decoder) boolean() bool           { return d.Bool("") }

// uvarint reads a varint, rejecting one longer than needed so that every
// value has one encoding.
func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.Data[d.Off:])
	if n <= 0 || n != len(binary.AppendUvarint(nil, v)) {
		d.fail("invalid varint at byte %d", d.Off)
		return 0
	}
	d.Off += n
	return v
}

func (d *decoder) minimalAmount() uint256.Int {
	var x uint256.Int
	n := int(d.u8())
	if n > 32 {
		d.fail("amount of %d bytes", n)
		return x
	}
	b := d.take(n)
	if d.err == nil && n > 0 && b[0] == 0 {
		d.fail("amount with a leading zero byte")
	}
	x.SetBytes(b)
	return x
}

func (d *decoder) text() string {
	n := int(d.u8())
	return string(d.take(n))
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s record: %s", ErrCorruptRecord, d.what, fmt.Sprintf(format, args...))
	}
}

// finish reports a failure or trailing bytes.
func (d *decoder) finish() error {
	if d.err == nil && d.Off != len(d.Data) {
		d.fail("%d trailing bytes", len(d.Data)-d.Off)
	}
	return d.err
}

// encodeOrderInfo encodes the value of an orders-by-trader record. The
// key holds the trader, the placement seq and the order hash, so the
// value leaves them out.
func encodeOrderInfo(o *rpc.OrderInfo) []byte {
	e := newEncoder(64, recordVersion2)
	e.uvarint(o.ChainID)
	e.uvarint(uint64(o.Order.Market))
	e.U8(uint8(o.Order.Side))
	e.U8(uint8(o.Order.Kind))
	e.U8(uint8(o.Order.TimeInForce))
	e.U8(uint8(o.Order.SelfTradePrevention))
	e.U8(orderFlags(o))
	e.uvarint(o.Order.Price)
	e.uvarint(o.Order.TriggerPrice)
	e.uvarint(o.Order.Quantity)
	e.uvarint(uint64(o.Order.MaxFeeBps))
	e.uvarint(o.Order.Nonce)
	e.uvarint(o.Order.Expiry)
	e.U8(uint8(o.Status))
	e.uvarint(o.Filled)
	e.uvarint(o.Remaining)
	e.text(o.Reason)
	e.uvarint(o.Time)
	return e.Buf
}

// Flags of a version 2 order record.
const (
	orderPostOnly  = 1 << 0
	orderTriggered = 1 << 1
	orderFlagsAll  = orderPostOnly | orderTriggered
)

func orderFlags(o *rpc.OrderInfo) uint8 {
	var flags uint8
	if o.Order.PostOnly {
		flags |= orderPostOnly
	}
	if o.Triggered {
		flags |= orderTriggered
	}
	return flags
}

// decodeOrderRecord decodes an orders-by-trader record, whose key parts
// are the trader, the placement seq and the order hash.
func decodeOrderRecord(r store.IndexRecord) (rpc.OrderInfo, error) {
	if len(r.Parts) != 3 {
		return rpc.OrderInfo{}, fmt.Errorf("%w: order record key has %d parts, expected 3", ErrCorruptRecord, len(r.Parts))
	}
	trader, seq, hash := common.BytesToAddress(r.Parts[0]), binary.BigEndian.Uint64(r.Parts[1]), common.BytesToHash(r.Parts[2])
	return decodeOrderInfo(r.Value, trader, seq, hash)
}

// decodeOrderInfo decodes either layout of an order record's value. A
// version 1 value carries its own trader, seq and hash.
func decodeOrderInfo(data []byte, trader common.Address, seq uint64, hash common.Hash) (rpc.OrderInfo, error) {
	d := newDecoder(data, "order", recordVersion2)
	if d.err == nil && d.version == recordVersion1 {
		return decodeOrderInfoV1(d)
	}
	o := rpc.OrderInfo{Hash: hash, ChainID: d.uvarint(), PlacedSeq: seq}
	o.Order.Trader = trader

	if market := d.uvarint(); market > math.MaxUint32 {
		d.fail("market id %d", market)
	} else {
		o.Order.Market = uint32(market)
	}
	o.Order.Side, o.Order.Kind, o.Order.TimeInForce = eip712.Side(d.u8()), eip712.Kind(d.u8()), eip712.TimeInForce(d.u8())
	o.Order.SelfTradePrevention = eip712.SelfTradePrevention(d.u8())
	flags := d.u8()
	if d.err == nil && flags&^orderFlagsAll != 0 {
		d.fail("order flags %#x", flags)
	}
	o.Order.PostOnly, o.Triggered = flags&orderPostOnly != 0, flags&orderTriggered != 0

	o.Order.Price, o.Order.TriggerPrice, o.Order.Quantity = d.uvarint(), d.uvarint(), d.uvarint()
	if fee := d.uvarint(); fee > math.MaxUint16 {
		d.fail("maximum fee %d bps", fee)
	} else {
		o.Order.MaxFeeBps = uint16(fee)
	}
	o.Order.Nonce, o.Order.Expiry = d.uvarint(), d.uvarint()

	o.Status = state.OrderStatus(d.u8())
	o.Filled, o.Remaining = d.uvarint(), d.uvarint()
	o.Reason = d.text()
	o.Time = d.uvarint()
	return o, d.finishOrder(o.Status)
}

// decodeOrderInfoV1 reads the rest of a version 1 order value.
func decodeOrderInfoV1(d *decoder) (rpc.OrderInfo, error) {
	o := rpc.OrderInfo{Hash: d.hash(), ChainID: d.u64(), Order: d.Order()}
	o.Status = state.OrderStatus(d.u8())
	o.Filled, o.Remaining = d.u64(), d.u64()
	o.Reason = d.text()
	o.PlacedSeq, o.Time = d.u64(), d.u64()
	o.Triggered = d.boolean()
	return o, d.finishOrder(o.Status)
}

func (d *decoder) finishOrder(status state.OrderStatus) error {
	if d.err == nil && (status < state.StatusOpen || status > state.StatusExpired) {
		d.fail("order status %d", status)
	}
	return d.finish()
}

// encodeOrderLocation is the value of an orders-by-hash record: where the
// order's record is in the orders-by-trader index.
func encodeOrderLocation(trader common.Address, seq uint64) []byte {
	e := newEncoder(31, recordVersion2)
	e.Address(trader)
	e.uvarint(seq)
	return e.Buf
}

func decodeOrderLocation(data []byte) (common.Address, uint64, error) {
	d := newDecoder(data, "order location", recordVersion2)
	trader := d.address()
	var seq uint64
	if d.version == recordVersion1 {
		seq = d.u64()
	} else {
		seq = d.uvarint()
	}
	return trader, seq, d.finish()
}

func encodeTrade(t *state.Trade) []byte {
	e := newEncoder(300, recordVersion1)
	state.EncodeTrade(&e.Encoder, t)
	return e.Buf
}

func decodeTrade(data []byte) (state.Trade, error) {
	d := newDecoder(data, "trade", recordVersion1)
	t := state.DecodeTrade(&d.Decoder)
	return t, d.finish()
}

func encodeDeposit(info *rpc.DepositInfo) []byte {
	e := newEncoder(150, recordVersion1)
	state.EncodeDeposit(&e.Encoder, &info.Deposit)
	e.U64(info.Seq)
	e.U64(info.Time)
	return e.Buf
}

func decodeDeposit(data []byte) (rpc.DepositInfo, error) {
	d := newDecoder(data, "deposit", recordVersion1)
	info := rpc.DepositInfo{Deposit: state.DecodeDeposit(&d.Decoder)}
	info.Seq, info.Time = d.u64(), d.u64()
	return info, d.finish()
}

// Withdrawal statuses in records.
const (
	withdrawalPending  = "pending"
	withdrawalSettled  = "settled"
	withdrawalReturned = "returned"
)

var withdrawalStatusCodes = map[string]uint8{withdrawalPending: 1, withdrawalSettled: 2, withdrawalReturned: 3}

var withdrawalStatusNames = [...]string{1: withdrawalPending, 2: withdrawalSettled, 3: withdrawalReturned}

func encodeWithdrawal(w *rpc.WithdrawalInfo) []byte {
	e := newEncoder(180, recordVersion1)
	e.Hash(w.Hash)
	e.U64(w.ChainID)
	e.Address(w.Trader)
	e.Address(w.Token)
	e.Amount(&w.Amount)
	e.U64(w.Nonce)
	e.U64(w.Batch)
	e.U8(withdrawalStatusCodes[w.Status])
	e.U64(w.Seq)
	e.U64(w.Time)
	e.Bool(w.Request)
	return e.Buf
}

func decodeWithdrawal(data []byte) (rpc.WithdrawalInfo, error) {
	d := newDecoder(data, "withdrawal", recordVersion1)
	w := rpc.WithdrawalInfo{Hash: d.hash(), ChainID: d.u64(), Trader: d.address(), Token: d.address()}
	w.Amount = d.amount()
	w.Nonce, w.Batch = d.u64(), d.u64()
	status := d.u8()
	if d.err == nil && (status == 0 || int(status) >= len(withdrawalStatusNames)) {
		d.fail("withdrawal status %d", status)
	} else if d.err == nil {
		w.Status = withdrawalStatusNames[status]
	}
	w.Seq, w.Time = d.u64(), d.u64()
	w.Request = d.boolean()
	return w, d.finish()
}

// postingSide is the side of a posting that the owner of a postings
// record takes: the debit account, the credit account, or both when the
// posting moves between two accounts of that owner.
type postingSide uint8

// Flags of a version 2 posting record.
const (
	postingOwnerDebits  = 1 << 0
	postingOwnerCredits = 1 << 1
	postingKindsGiven   = 1 << 2 // the account kinds differ from postingAccountKinds
	postingHasOrder     = 1 << 3
	postingHasBatch     = 1 << 4
	postingHasRef       = 1 << 5
	postingFlagsAll     = 1<<6 - 1

	postingSideBoth = postingOwnerDebits | postingOwnerCredits
)

// postingAccountKinds are the debit and credit account kinds of each
// posting kind, which version 2 records leave out.
var postingAccountKinds = map[ledger.PostingKind][2]ledger.AccountKind{
	ledger.DepositCredited:     {ledger.ExternalDeposits, ledger.Available},
	ledger.HoldPlaced:          {ledger.Available, ledger.Held},
	ledger.HoldReleased:        {ledger.Held, ledger.Available},
	ledger.FillQuote:           {ledger.Held, ledger.PendingSettlement},
	ledger.FillFee:             {ledger.Held, ledger.FeesPending},
	ledger.FillBase:            {ledger.Held, ledger.PendingSettlement},
	ledger.WithdrawalRequested: {ledger.Available, ledger.PendingWithdrawal},
	ledger.TradeSettled:        {ledger.PendingSettlement, ledger.Available},
	ledger.FeeSettled:          {ledger.FeesPending, ledger.FeesSettled},
	ledger.WithdrawalSettled:   {ledger.PendingWithdrawal, ledger.ExternalWithdrawals},
	ledger.WithdrawalReturned:  {ledger.PendingWithdrawal, ledger.Available},
}

// encodePosting encodes the value of a postings record whose owner takes
// the given side of p. The key holds the owner, the asset, the seq and the posting's
// number, so the value leaves them out, and the other owner only when it
// is a different one.
func encodePosting(p *ledger.Posting, side postingSide) []byte {
	flags := uint8(side)
	kinds, standard := postingAccountKinds[p.Kind]
	if !standard || kinds != [2]ledger.AccountKind{p.DebitKind, p.CreditKind} {
		flags |= postingKindsGiven
	}
	if p.Order != 0 {
		flags |= postingHasOrder
	}
	if p.Batch != 0 {
		flags |= postingHasBatch
	}
	if p.Ref != ([32]byte{}) {
		flags |= postingHasRef
	}

	e := newEncoder(48, recordVersion2)
	e.U8(uint8(p.Kind))
	e.U8(flags)
	if flags&postingKindsGiven != 0 {
		e.U8(uint8(p.DebitKind))
		e.U8(uint8(p.CreditKind))
	}
	switch side {
	case postingOwnerDebits:
		e.Address(p.CreditOwner)
	case postingOwnerCredits:
		e.Address(p.DebitOwner)
	}
	e.minimalAmount(&p.Amount)
	if flags&postingHasOrder != 0 {
		e.uvarint(p.Order)
	}
	if flags&postingHasBatch != 0 {
		e.uvarint(p.Batch)
	}
	if flags&postingHasRef != 0 {
		e.Hash(p.Ref)
	}
	return e.Buf
}

// decodePostingRecord decodes a record of either postings index.
func decodePostingRecord(r store.PostingRecord) (ledger.Posting, error) {
	d := newDecoder(r.Value, "posting", recordVersion2)
	if d.err == nil && d.version == recordVersion1 {
		return decodePostingV1(d)
	}
	p := ledger.Posting{Seq: r.Seq, Index: r.Number, Kind: ledger.PostingKind(d.u8())}
	p.Asset = ledger.Asset{ChainID: r.ChainID, Token: common.Address(r.Token)}

	flags := d.u8()
	if d.err == nil && (flags&^postingFlagsAll != 0 || flags&postingSideBoth == 0) {
		d.fail("posting flags %#x", flags)
	}

	kinds, standard := postingAccountKinds[p.Kind]
	if flags&postingKindsGiven != 0 {
		given := [2]ledger.AccountKind{ledger.AccountKind(d.u8()), ledger.AccountKind(d.u8())}
		if d.err == nil && standard && given == kinds {
			d.fail("posting gives the usual account kinds of %s", p.Kind)
		}
		kinds = given
	} else if d.err == nil && !standard {
		d.fail("%s without account kinds", p.Kind)
	}
	p.DebitKind, p.CreditKind = kinds[0], kinds[1]

	p.DebitOwner, p.CreditOwner = common.Address(r.Owner), common.Address(r.Owner)
	switch flags & postingSideBoth {
	case postingOwnerDebits:
		p.CreditOwner = d.address()
	case postingOwnerCredits:
		p.DebitOwner = d.address()
	}

	p.Amount = d.minimalAmount()
	if flags&postingHasOrder != 0 {
		p.Order = d.uvarint()
	}
	if flags&postingHasBatch != 0 {
		p.Batch = d.uvarint()
	}
	if flags&postingHasRef != 0 {
		p.Ref = d.hash()
	}
	if d.err == nil && (flags&postingHasOrder != 0 && p.Order == 0 || flags&postingHasBatch != 0 && p.Batch == 0 ||
		flags&postingHasRef != 0 && p.Ref == [32]byte{}) {
		d.fail("posting flags %#x mark a zero field", flags)
	}
	return p, d.finish()
}

// decodePostingV1 reads the rest of a version 1 posting value, which
// carries every field.
func decodePostingV1(d *decoder) (ledger.Posting, error) {
	p := ledger.Posting{Seq: d.u64(), Index: d.u32(), Kind: ledger.PostingKind(d.u8())}
	p.Asset = ledger.Asset{ChainID: d.u64(), Token: d.address()}
	p.Amount = d.amount()
	p.DebitOwner, p.DebitKind = d.address(), ledger.AccountKind(d.u8())
	p.CreditOwner, p.CreditKind = d.address(), ledger.AccountKind(d.u8())
	p.Order, p.Batch, p.Ref = d.u64(), d.u64(), d.hash()
	return p, d.finish()
}

// postingAccount is a ledger account as the postings index names it.
func postingAccount(a ledger.Account) store.PostingAccount {
	return store.PostingAccount{Owner: store.Address(a.Owner), ChainID: a.Asset.ChainID, Token: store.Address(a.Asset.Token), Kind: uint8(a.Kind)}
}

// postingRecord returns the postings record of p under owner, who takes
// the given side of it.
func postingRecord(p *ledger.Posting, owner common.Address, side postingSide) store.PostingRecord {
	var kinds uint16
	if side&postingOwnerDebits != 0 {
		kinds |= 1 << p.DebitKind
	}
	if side&postingOwnerCredits != 0 {
		kinds |= 1 << p.CreditKind
	}
	return store.PostingRecord{
		Owner: store.Address(owner), ChainID: p.Asset.ChainID, Token: store.Address(p.Asset.Token), Kinds: kinds,
		Seq: p.Seq, Number: p.Index, Value: encodePosting(p, side),
	}
}

package node

import (
	"encoding/binary"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/rpc"
)

// Index record values are fixed binary layouts, each starting with a
// version byte. Fields are big-endian and follow the order of the Go
// struct they encode.
const recordVersion = 1

// reasonBytesMax bounds an order's cancel reason in a record.
const reasonBytesMax = 255

type encoder struct{ buf []byte }

func newEncoder(size int) *encoder {
	e := &encoder{buf: make([]byte, 0, size)}
	e.u8(recordVersion)
	return e
}

func (e *encoder) u8(v uint8)               { e.buf = append(e.buf, v) }
func (e *encoder) u16(v uint16)             { e.buf = binary.BigEndian.AppendUint16(e.buf, v) }
func (e *encoder) u32(v uint32)             { e.buf = binary.BigEndian.AppendUint32(e.buf, v) }
func (e *encoder) u64(v uint64)             { e.buf = binary.BigEndian.AppendUint64(e.buf, v) }
func (e *encoder) address(a common.Address) { e.buf = append(e.buf, a[:]...) }
func (e *encoder) hash(h common.Hash)       { e.buf = append(e.buf, h[:]...) }

func (e *encoder) boolean(v bool) {
	if v {
		e.u8(1)
	} else {
		e.u8(0)
	}
}

func (e *encoder) amount(x *uint256.Int) {
	b := x.Bytes32()
	e.buf = append(e.buf, b[:]...)
}

func (e *encoder) text(s string) {
	if len(s) > reasonBytesMax {
		s = s[:reasonBytesMax]
	}
	e.u8(uint8(len(s)))
	e.buf = append(e.buf, s...)
}

// decoder reads what encoder wrote; the first failure sticks in err.
type decoder struct {
	data []byte
	off  int
	what string
	err  error
}

func newDecoder(data []byte, what string) *decoder {
	d := &decoder{data: data, what: what}
	if v := d.u8(); d.err == nil && v != recordVersion {
		d.err = fmt.Errorf("%w: %s record version %d, this build reads version %d", ErrCorruptRecord, what, v, recordVersion)
	}
	return d
}

func (d *decoder) take(n int) []byte {
	if d.err != nil {
		return make([]byte, n)
	}
	if len(d.data)-d.off < n {
		d.err = fmt.Errorf("%w: %s record of %d bytes is truncated at byte %d", ErrCorruptRecord, d.what, len(d.data), d.off)
		return make([]byte, n)
	}
	b := d.data[d.off : d.off+n]
	d.off += n
	return b
}

func (d *decoder) u8() uint8   { return d.take(1)[0] }
func (d *decoder) u16() uint16 { return binary.BigEndian.Uint16(d.take(2)) }
func (d *decoder) u32() uint32 { return binary.BigEndian.Uint32(d.take(4)) }
func (d *decoder) u64() uint64 { return binary.BigEndian.Uint64(d.take(8)) }

func (d *decoder) address() common.Address { return common.BytesToAddress(d.take(20)) }
func (d *decoder) hash() common.Hash       { return common.BytesToHash(d.take(32)) }

func (d *decoder) boolean() bool {
	switch v := d.u8(); v {
	case 0:
		return false
	case 1:
		return true
	default:
		d.fail("boolean byte %d", v)
		return false
	}
}

func (d *decoder) amount() uint256.Int {
	var x uint256.Int
	x.SetBytes32(d.take(32))
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
	if d.err == nil && d.off != len(d.data) {
		d.fail("%d trailing bytes", len(d.data)-d.off)
	}
	return d.err
}

func (e *encoder) order(o *eip712.Order) {
	e.address(o.Trader)
	e.u32(o.Market)
	e.u8(uint8(o.Side))
	e.u8(uint8(o.Kind))
	e.u8(uint8(o.TimeInForce))
	e.boolean(o.PostOnly)
	e.u8(uint8(o.SelfTradePrevention))
	e.u64(o.Price)
	e.u64(o.TriggerPrice)
	e.u64(o.Quantity)
	e.u16(o.MaxFeeBps)
	e.u64(o.Nonce)
	e.u64(o.Expiry)
}

func (d *decoder) order() eip712.Order {
	return eip712.Order{
		Trader: d.address(), Market: d.u32(), Side: eip712.Side(d.u8()), Kind: eip712.Kind(d.u8()),
		TimeInForce: eip712.TimeInForce(d.u8()), PostOnly: d.boolean(),
		SelfTradePrevention: eip712.SelfTradePrevention(d.u8()), Price: d.u64(), TriggerPrice: d.u64(),
		Quantity: d.u64(), MaxFeeBps: d.u16(), Nonce: d.u64(), Expiry: d.u64(),
	}
}

// encodeOrderInfo is the value of an orders-by-trader record.
func encodeOrderInfo(o *rpc.OrderInfo) []byte {
	e := newEncoder(200)
	e.hash(o.Hash)
	e.u64(o.ChainID)
	e.order(&o.Order)
	e.u8(uint8(o.Status))
	e.u64(o.Filled)
	e.u64(o.Remaining)
	e.text(o.Reason)
	e.u64(o.PlacedSeq)
	e.u64(o.Time)
	e.boolean(o.Triggered)
	return e.buf
}

func decodeOrderInfo(data []byte) (rpc.OrderInfo, error) {
	d := newDecoder(data, "order")
	o := rpc.OrderInfo{Hash: d.hash(), ChainID: d.u64(), Order: d.order()}
	o.Status = state.OrderStatus(d.u8())
	o.Filled, o.Remaining = d.u64(), d.u64()
	o.Reason = d.text()
	o.PlacedSeq, o.Time = d.u64(), d.u64()
	o.Triggered = d.boolean()
	if d.err == nil && (o.Status < state.StatusOpen || o.Status > state.StatusExpired) {
		d.fail("order status %d", o.Status)
	}
	return o, d.finish()
}

// encodeOrderLocation is the value of an orders-by-hash record: where the
// order's record is in the orders-by-trader index.
func encodeOrderLocation(trader common.Address, seq uint64) []byte {
	e := newEncoder(29)
	e.address(trader)
	e.u64(seq)
	return e.buf
}

func decodeOrderLocation(data []byte) (common.Address, uint64, error) {
	d := newDecoder(data, "order location")
	trader, seq := d.address(), d.u64()
	return trader, seq, d.finish()
}

func encodeTrade(t *state.Trade) []byte {
	e := newEncoder(300)
	e.u64(t.Seq)
	e.u32(t.Index)
	e.u64(t.Time)
	e.u64(t.Market.ChainID)
	e.u32(t.Market.ID)
	e.u64(t.Price)
	e.u64(t.Quantity)
	e.u8(uint8(t.TakerSide))
	e.address(t.Maker)
	e.address(t.Taker)
	e.hash(t.MakerOrder)
	e.hash(t.TakerOrder)
	e.u64(t.MakerID)
	e.u64(t.TakerID)
	e.amount(&t.Quote)
	e.amount(&t.MakerFee)
	e.amount(&t.TakerFee)
	e.u64(t.Batch)
	return e.buf
}

func decodeTrade(data []byte) (state.Trade, error) {
	d := newDecoder(data, "trade")
	t := state.Trade{Seq: d.u64(), Index: d.u32(), Time: d.u64()}
	t.Market = state.MarketKey{ChainID: d.u64(), ID: d.u32()}
	t.Price, t.Quantity, t.TakerSide = d.u64(), d.u64(), eip712.Side(d.u8())
	t.Maker, t.Taker = d.address(), d.address()
	t.MakerOrder, t.TakerOrder = d.hash(), d.hash()
	t.MakerID, t.TakerID = d.u64(), d.u64()
	t.Quote, t.MakerFee, t.TakerFee = d.amount(), d.amount(), d.amount()
	t.Batch = d.u64()
	return t, d.finish()
}

func encodeDeposit(info *rpc.DepositInfo) []byte {
	e := newEncoder(150)
	e.u64(info.ChainID)
	e.u64(info.ID)
	e.address(info.Trader)
	e.address(info.Token)
	e.amount(&info.Amount)
	e.u64(info.Block)
	e.hash(info.TxHash)
	e.u64(info.Seq)
	e.u64(info.Time)
	return e.buf
}

func decodeDeposit(data []byte) (rpc.DepositInfo, error) {
	d := newDecoder(data, "deposit")
	var info rpc.DepositInfo
	info.ChainID, info.ID = d.u64(), d.u64()
	info.Trader, info.Token = d.address(), d.address()
	info.Amount = d.amount()
	info.Block, info.TxHash = d.u64(), d.hash()
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
	e := newEncoder(180)
	e.hash(w.Hash)
	e.u64(w.ChainID)
	e.address(w.Trader)
	e.address(w.Token)
	e.amount(&w.Amount)
	e.u64(w.Nonce)
	e.u64(w.Batch)
	e.u8(withdrawalStatusCodes[w.Status])
	e.u64(w.Seq)
	e.u64(w.Time)
	e.boolean(w.Request)
	return e.buf
}

func decodeWithdrawal(data []byte) (rpc.WithdrawalInfo, error) {
	d := newDecoder(data, "withdrawal")
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

func encodePosting(p *ledger.Posting) []byte {
	e := newEncoder(200)
	e.u64(p.Seq)
	e.u32(p.Index)
	e.u8(uint8(p.Kind))
	e.u64(p.Asset.ChainID)
	e.address(p.Asset.Token)
	e.amount(&p.Amount)
	e.address(p.DebitOwner)
	e.u8(uint8(p.DebitKind))
	e.address(p.CreditOwner)
	e.u8(uint8(p.CreditKind))
	e.u64(p.Order)
	e.u64(p.Batch)
	e.hash(p.Ref)
	return e.buf
}

func decodePosting(data []byte) (ledger.Posting, error) {
	d := newDecoder(data, "posting")
	p := ledger.Posting{Seq: d.u64(), Index: d.u32(), Kind: ledger.PostingKind(d.u8())}
	p.Asset = ledger.Asset{ChainID: d.u64(), Token: d.address()}
	p.Amount = d.amount()
	p.DebitOwner, p.DebitKind = d.address(), ledger.AccountKind(d.u8())
	p.CreditOwner, p.CreditKind = d.address(), ledger.AccountKind(d.u8())
	p.Order, p.Batch, p.Ref = d.u64(), d.u64(), d.hash()
	return p, d.finish()
}

// accountKey is the ledger account's key in the postings index: owner,
// chain id, token and account kind.
func accountKey(a ledger.Account) []byte {
	key := make([]byte, 0, 20+8+20+1)
	key = append(key, a.Owner[:]...)
	key = binary.BigEndian.AppendUint64(key, a.Asset.ChainID)
	key = append(key, a.Asset.Token[:]...)
	return append(key, byte(a.Kind))
}

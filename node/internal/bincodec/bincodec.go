// Package bincodec encodes and decodes the fixed-width, big-endian fields
// that node/state's log entries and snapshots and node's index records are
// made of, and the EIP-712 order layout that both write. The two callers
// word their errors differently, so a Decoder makes its errors through the
// caller's Errors.
package bincodec

import (
	"encoding/binary"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// Encoder appends fields to Buf. The zero Encoder is ready to use.
//
// Callers encode millions of fields per snapshot, so every method but
// Order stays small enough for the compiler to inline.
type Encoder struct {
	Buf []byte
}

func (e *Encoder) U8(v uint8)   { e.Buf = append(e.Buf, v) }
func (e *Encoder) U16(v uint16) { e.Buf = binary.BigEndian.AppendUint16(e.Buf, v) }
func (e *Encoder) U32(v uint32) { e.Buf = binary.BigEndian.AppendUint32(e.Buf, v) }
func (e *Encoder) U64(v uint64) { e.Buf = binary.BigEndian.AppendUint64(e.Buf, v) }

// Bool appends 1 for true and 0 for false.
func (e *Encoder) Bool(v bool) {
	if v {
		e.U8(1)
	} else {
		e.U8(0)
	}
}

func (e *Encoder) Address(a common.Address) { e.Buf = append(e.Buf, a[:]...) }
func (e *Encoder) Hash(h common.Hash)       { e.Buf = append(e.Buf, h[:]...) }
func (e *Encoder) Raw(b []byte)             { e.Buf = append(e.Buf, b...) }

// Amount appends x as 32 big-endian bytes.
func (e *Encoder) Amount(x *uint256.Int) {
	b := x.Bytes32()
	e.Buf = append(e.Buf, b[:]...)
}

// Order appends o's fields in the order of the eip712.Order struct, 71
// bytes. Log entries, snapshots and version 1 order records share this
// layout, so changing it changes all three formats.
func (e *Encoder) Order(o *eip712.Order) {
	e.Address(o.Trader)
	e.U32(o.Market)
	e.U8(uint8(o.Side))
	e.U8(uint8(o.Kind))
	e.U8(uint8(o.TimeInForce))
	e.Bool(o.PostOnly)
	e.U8(uint8(o.SelfTradePrevention))
	e.U64(o.Price)
	e.U64(o.TriggerPrice)
	e.U64(o.Quantity)
	e.U16(o.MaxFeeBps)
	e.U64(o.Nonce)
	e.U64(o.Expiry)
}

// Errors makes a Decoder's errors, so that each caller keeps its own
// sentinel error and messages. The field argument names the value being
// read, for example "trigger price", and an Errors may leave it out.
type Errors interface {
	// Truncated returns the error for a field of n bytes at byte off of
	// data, where fewer than n bytes are left or n is negative.
	Truncated(data []byte, off, n int, field string) error
	// InvalidBool returns the error for a boolean field whose byte v is
	// neither 0 nor 1.
	InvalidBool(field string, v uint8) error
}

// Decoder reads the fields that Encoder appends from Data, starting at
// Off. It stores the first failure in the caller's error variable that
// NewDecoder takes. Every later read returns a zero value, so the caller
// checks that variable once after a run of reads. A failure that the
// caller stores there itself stops the Decoder in the same way.
type Decoder struct {
	Data []byte
	Off  int

	err    *error
	errors Errors
}

// NewDecoder returns a Decoder of data from byte off on. It stores its
// first failure in *err, which must not be nil, and makes the error with
// errors.
func NewDecoder(data []byte, off int, err *error, errors Errors) Decoder {
	return Decoder{Data: data, Off: off, err: err, errors: errors}
}

// Take returns the next n bytes, which alias Data, and moves past them.
// It returns nil after a failure or when fewer than n bytes are left.
func (d *Decoder) Take(n int, field string) []byte {
	if *d.err != nil {
		return nil
	}
	if n < 0 || len(d.Data)-d.Off < n {
		*d.err = d.errors.Truncated(d.Data, d.Off, n, field)
		return nil
	}
	b := d.Data[d.Off : d.Off+n]
	d.Off += n
	return b
}

func (d *Decoder) U8(field string) uint8 {
	if b := d.Take(1, field); b != nil {
		return b[0]
	}
	return 0
}

func (d *Decoder) U16(field string) uint16 {
	if b := d.Take(2, field); b != nil {
		return binary.BigEndian.Uint16(b)
	}
	return 0
}

func (d *Decoder) U32(field string) uint32 {
	if b := d.Take(4, field); b != nil {
		return binary.BigEndian.Uint32(b)
	}
	return 0
}

func (d *Decoder) U64(field string) uint64 {
	if b := d.Take(8, field); b != nil {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

// Bool reads a byte that must be 0 or 1.
func (d *Decoder) Bool(field string) bool {
	switch v := d.U8(field); v {
	case 0:
		return false
	case 1:
		return true
	default:
		*d.err = d.errors.InvalidBool(field, v)
		return false
	}
}

func (d *Decoder) Address(field string) (a common.Address) {
	copy(a[:], d.Take(common.AddressLength, field))
	return a
}

func (d *Decoder) Hash(field string) (h common.Hash) {
	copy(h[:], d.Take(common.HashLength, field))
	return h
}

// Amount reads 32 big-endian bytes.
func (d *Decoder) Amount(field string) (x uint256.Int) {
	if b := d.Take(32, field); b != nil {
		x.SetBytes32(b)
	}
	return x
}

// Order reads what Encoder.Order appends.
func (d *Decoder) Order() eip712.Order {
	return eip712.Order{
		Trader:              d.Address("trader"),
		Market:              d.U32("market"),
		Side:                eip712.Side(d.U8("side")),
		Kind:                eip712.Kind(d.U8("kind")),
		TimeInForce:         eip712.TimeInForce(d.U8("time in force")),
		PostOnly:            d.Bool("post-only"),
		SelfTradePrevention: eip712.SelfTradePrevention(d.U8("self-trade prevention")),
		Price:               d.U64("price"),
		TriggerPrice:        d.U64("trigger price"),
		Quantity:            d.U64("quantity"),
		MaxFeeBps:           d.U16("max fee"),
		Nonce:               d.U64("nonce"),
		Expiry:              d.U64("expiry"),
	}
}

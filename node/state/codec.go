package state

import (
	"encoding/binary"
	"fmt"
	"io"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

// encoder appends big-endian fields to a byte slice.
type encoder struct {
	buf []byte
	// sink, when set, receives the encoding in chunks of about spillBytes,
	// so that hashing the state never holds all of it in memory.
	sink io.Writer
}

// spillBytes is the buffer size at which an encoder with a sink writes
// the buffer out.
const spillBytes = 64 << 10

// spill writes the buffer to the sink once it holds spillBytes.
func (e *encoder) spill() {
	if e.sink != nil && len(e.buf) >= spillBytes {
		e.flush()
	}
}

// flush writes the buffer to the sink. The sink never fails: it is a
// hash or an asyncSink, which copies and returns.
func (e *encoder) flush() {
	_, _ = e.sink.Write(e.buf)
	e.buf = e.buf[:0]
}

func (e *encoder) u8(v uint8)   { e.buf = append(e.buf, v) }
func (e *encoder) u16(v uint16) { e.buf = binary.BigEndian.AppendUint16(e.buf, v) }
func (e *encoder) u32(v uint32) { e.buf = binary.BigEndian.AppendUint32(e.buf, v) }
func (e *encoder) u64(v uint64) { e.buf = binary.BigEndian.AppendUint64(e.buf, v) }

func (e *encoder) boolean(v bool) {
	if v {
		e.u8(1)
	} else {
		e.u8(0)
	}
}

func (e *encoder) address(a common.Address) { e.buf = append(e.buf, a[:]...) }
func (e *encoder) hash(h common.Hash)       { e.buf = append(e.buf, h[:]...) }
func (e *encoder) raw(b []byte)             { e.buf = append(e.buf, b...) }

func (e *encoder) amount(x *uint256.Int) {
	b := x.Bytes32()
	e.buf = append(e.buf, b[:]...)
}

// bytes writes a length-prefixed byte string. With a sink, a long string
// goes to the sink without a copy.
func (e *encoder) bytes(b []byte) {
	e.u32(uint32(len(b)))
	if e.sink != nil && len(b) >= spillBytes {
		e.flush()
		_, _ = e.sink.Write(b)
		return
	}
	e.buf = append(e.buf, b...)
}

// decoder reads what encoder wrote. The first error sticks: later reads
// return zero values, and err reports where decoding failed.
type decoder struct {
	data []byte
	off  int
	err  error
}

func (d *decoder) take(n int, what string) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || len(d.data)-d.off < n {
		d.err = fmt.Errorf("%w: %s at byte %d needs %d bytes, %d left", ErrInvalidEntry, what, d.off, n, len(d.data)-d.off)
		return nil
	}
	b := d.data[d.off : d.off+n]
	d.off += n
	return b
}

func (d *decoder) u8(what string) uint8 {
	if b := d.take(1, what); b != nil {
		return b[0]
	}
	return 0
}

func (d *decoder) u16(what string) uint16 {
	if b := d.take(2, what); b != nil {
		return binary.BigEndian.Uint16(b)
	}
	return 0
}

func (d *decoder) u32(what string) uint32 {
	if b := d.take(4, what); b != nil {
		return binary.BigEndian.Uint32(b)
	}
	return 0
}

func (d *decoder) u64(what string) uint64 {
	if b := d.take(8, what); b != nil {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

func (d *decoder) boolean(what string) bool {
	switch v := d.u8(what); v {
	case 0:
		return false
	case 1:
		return true
	default:
		d.fail("%s is %d, expected 0 or 1", what, v)
		return false
	}
}

func (d *decoder) address(what string) (a common.Address) {
	copy(a[:], d.take(common.AddressLength, what))
	return a
}

func (d *decoder) hash(what string) (h common.Hash) {
	copy(h[:], d.take(common.HashLength, what))
	return h
}

func (d *decoder) amount(what string) (x uint256.Int) {
	if b := d.take(32, what); b != nil {
		x.SetBytes32(b)
	}
	return x
}

// bytes reads a length-prefixed byte string of at most max bytes. The
// result aliases the input.
func (d *decoder) bytes(what string, max int) []byte {
	n := d.u32(what + " length")
	if d.err == nil && uint64(n) > uint64(max) {
		d.fail("%s is %d bytes, above the limit of %d", what, n, max)
		return nil
	}
	return d.take(int(n), what)
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: "+format, append([]any{ErrInvalidEntry}, args...)...)
	}
}

// finish reports an error when bytes are left over.
func (d *decoder) finish(what string) error {
	if d.err == nil && d.off != len(d.data) {
		d.fail("%s has %d trailing bytes", what, len(d.data)-d.off)
	}
	return d.err
}

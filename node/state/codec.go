package state

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/node/internal/bincodec"
)

// encoder appends big-endian fields to a byte slice.
type encoder struct {
	bincodec.Encoder
	// sink, when set, receives the encoding in chunks of about spillBytes,
	// so that hashing the state never holds all of it in memory.
	sink *asyncSink
	// parts are the outputs that encodeState writes: toSnapshot for an
	// encoder without a sink, whose buffer is the snapshot.
	parts part
	// leaves is the sink's writer of the leaves output, when it has one.
	leaves *leafHasher
	// forkState, when set, is called once the snapshot output has taken
	// everything before the replay set's entries, and starts the state
	// hash output from there. So the state hash and the snapshot's
	// checksum hash the shared bytes before it once, not twice.
	forkState func()
}

// newEncoder returns an encoder whose buffer has room for size bytes and
// which writes parts to sink when sink is not nil.
func newEncoder(size int, sink *asyncSink, parts part) *encoder {
	if sink == nil {
		parts = toSnapshot
	}
	return &encoder{Encoder: bincodec.Encoder{Buf: make([]byte, 0, size)}, sink: sink, parts: parts}
}

// newSinkEncoder returns an encoder that writes parts to sink, with a
// buffer from sinkBuffers. The caller returns the buffer with
// putSinkBuffer once it has closed the sink.
func newSinkEncoder(sink *asyncSink, parts part) *encoder {
	return &encoder{Encoder: bincodec.Encoder{Buf: getSinkBuffer()}, sink: sink, parts: parts}
}

// route writes out the buffer and sends what follows to the outputs named
// by to. Without a sink only the snapshot is written, so it does nothing.
func (e *encoder) route(to part) {
	if e.sink != nil {
		e.flush()
		e.sink.route(to)
	}
}

// spillBytes is the buffer size at which an encoder with a sink writes
// the buffer out.
const spillBytes = 64 << 10

// spill writes the buffer to the sink once it holds spillBytes.
func (e *encoder) spill() {
	if e.sink != nil && len(e.Buf) >= spillBytes {
		e.flush()
	}
}

// flush writes the buffer to the sink, whose Write returns no error.
func (e *encoder) flush() {
	_, _ = e.sink.Write(e.Buf)
	e.Buf = e.Buf[:0]
}

// The methods below call the shared encoder's methods by the names that
// the rest of this package uses.

func (e *encoder) u8(v uint8)               { e.U8(v) }
func (e *encoder) u16(v uint16)             { e.U16(v) }
func (e *encoder) u32(v uint32)             { e.U32(v) }
func (e *encoder) u64(v uint64)             { e.U64(v) }
func (e *encoder) boolean(v bool)           { e.Bool(v) }
func (e *encoder) address(a common.Address) { e.Address(a) }
func (e *encoder) hash(h common.Hash)       { e.Hash(h) }
func (e *encoder) raw(b []byte)             { e.Raw(b) }
func (e *encoder) amount(x *uint256.Int)    { e.Amount(x) }

// bytes writes a length-prefixed byte string. With a sink, a long string
// goes to the sink without a copy.
func (e *encoder) bytes(b []byte) {
	e.u32(uint32(len(b)))
	if e.sink != nil && len(b) >= spillBytes {
		e.flush()
		_, _ = e.sink.Write(b)
		return
	}
	e.Buf = append(e.Buf, b...)
}

// decoder reads what encoder wrote. The first error sticks: later reads
// return zero values, and err reports where decoding failed. Use it by
// pointer from newDecoder, because the shared Decoder stores its failures
// in err through a pointer that a copy would not follow.
type decoder struct {
	bincodec.Decoder
	err error
}

// newDecoder returns a decoder of data from byte off on.
func newDecoder(data []byte, off int) *decoder {
	d := &decoder{}
	d.Decoder = bincodec.NewDecoder(data, off, &d.err, entryErrors{})
	return d
}

// entryErrors makes the shared decoder's errors for log entries and
// snapshots.
type entryErrors struct{}

func (entryErrors) Truncated(data []byte, off, n int, field string) error {
	return fmt.Errorf("%w: %s at byte %d needs %d bytes, %d left", ErrInvalidEntry, field, off, n, len(data)-off)
}

func (entryErrors) InvalidBool(field string, v uint8) error {
	return fmt.Errorf("%w: %s is %d, expected 0 or 1", ErrInvalidEntry, field, v)
}

// The methods below call the shared decoder's methods by the names that
// the rest of this package uses. Each takes the name of the field it
// reads, for the error.

func (d *decoder) take(n int, what string) []byte     { return d.Take(n, what) }
func (d *decoder) u8(what string) uint8               { return d.U8(what) }
func (d *decoder) u16(what string) uint16             { return d.U16(what) }
func (d *decoder) u32(what string) uint32             { return d.U32(what) }
func (d *decoder) u64(what string) uint64             { return d.U64(what) }
func (d *decoder) boolean(what string) bool           { return d.Bool(what) }
func (d *decoder) address(what string) common.Address { return d.Address(what) }
func (d *decoder) hash(what string) common.Hash       { return d.Hash(what) }
func (d *decoder) amount(what string) uint256.Int     { return d.Amount(what) }

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
	if d.err == nil && d.Off != len(d.Data) {
		d.fail("%s has %d trailing bytes", what, len(d.Data)-d.Off)
	}
	return d.err
}

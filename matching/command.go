package matching

import (
	"encoding/binary"
	"fmt"
)

// CommandType identifies the kind of a command.
type CommandType uint8

// Command types.
const (
	CommandPlace  CommandType = 1
	CommandCancel CommandType = 2
	CommandAmend  CommandType = 3
	CommandTick   CommandType = 4
)

func (t CommandType) String() string {
	switch t {
	case CommandPlace:
		return "place"
	case CommandCancel:
		return "cancel"
	case CommandAmend:
		return "amend"
	case CommandTick:
		return "tick"
	}
	return fmt.Sprintf("command(%d)", uint8(t))
}

// Command is one input to a Book. Which fields count depends on Type:
//
//   - CommandPlace: every field but Now.
//   - CommandCancel: OrderID.
//   - CommandAmend: OrderID, Price (new price), Quantity (new remaining lots).
//   - CommandTick: Now, a time in the caller's unit (the node uses unix
//     milliseconds), compared with the orders' expiries.
type Command struct {
	Type         CommandType
	OrderID      uint64
	Owner        uint64
	Side         Side
	Kind         Kind
	TimeInForce  TimeInForce
	SelfTrade    SelfTradeMode
	PostOnly     bool
	Price        uint64 // ticks; the limit price or the worst acceptable price
	TriggerPrice uint64 // ticks; stop orders only, else 0
	Quantity     uint64 // lots
	MaxFeeBps    uint16
	Expiry       uint64 // GTD, or optional on an IOC or FOK stop order; else 0
	Now          uint64 // tick only
}

// Cancel returns a command that cancels the open order id.
func Cancel(id uint64) Command { return Command{Type: CommandCancel, OrderID: id} }

// Amend returns a command that sets a resting order's price and remaining
// quantity.
func Amend(id, price, quantity uint64) Command {
	return Command{Type: CommandAmend, OrderID: id, Price: price, Quantity: quantity}
}

// Tick returns a command that advances the book's time to now.
func Tick(now uint64) Command { return Command{Type: CommandTick, Now: now} }

// Encoding version 1, big-endian, fixed size per command type:
//
//	version u8 | type u8 | fields
//	place:  id u64, owner u64, side u8, kind u8, tif u8, self-trade u8,
//	        post-only u8 (0 or 1), price u64, trigger u64, quantity u64,
//	        max fee bps u16, expiry u64
//	cancel: id u64
//	amend:  id u64, price u64, quantity u64
//	tick:   now u64
const (
	commandVersion     = 1
	commandHeaderLen   = 2
	placeEncodingLen   = commandHeaderLen + 8 + 8 + 5 + 8 + 8 + 8 + 2 + 8
	cancelEncodingLen  = commandHeaderLen + 8
	amendEncodingLen   = commandHeaderLen + 8 + 8 + 8
	tickEncodingLen    = commandHeaderLen + 8
	CommandEncodingMax = placeEncodingLen // the maximum encoding length in bytes
)

// AppendEncode appends the binary encoding of c to dst. Fields that c's type
// does not use are not encoded. It returns ErrUnknownCommand for an unknown
// type.
func (c Command) AppendEncode(dst []byte) ([]byte, error) {
	dst = append(dst, commandVersion, byte(c.Type))
	switch c.Type {
	case CommandPlace:
		dst = binary.BigEndian.AppendUint64(dst, c.OrderID)
		dst = binary.BigEndian.AppendUint64(dst, c.Owner)
		dst = append(dst, byte(c.Side), byte(c.Kind), byte(c.TimeInForce), byte(c.SelfTrade), boolByte(c.PostOnly))
		dst = binary.BigEndian.AppendUint64(dst, c.Price)
		dst = binary.BigEndian.AppendUint64(dst, c.TriggerPrice)
		dst = binary.BigEndian.AppendUint64(dst, c.Quantity)
		dst = binary.BigEndian.AppendUint16(dst, c.MaxFeeBps)
		dst = binary.BigEndian.AppendUint64(dst, c.Expiry)
	case CommandCancel:
		dst = binary.BigEndian.AppendUint64(dst, c.OrderID)
	case CommandAmend:
		dst = binary.BigEndian.AppendUint64(dst, c.OrderID)
		dst = binary.BigEndian.AppendUint64(dst, c.Price)
		dst = binary.BigEndian.AppendUint64(dst, c.Quantity)
	case CommandTick:
		dst = binary.BigEndian.AppendUint64(dst, c.Now)
	default:
		return dst[:len(dst)-commandHeaderLen], fmt.Errorf("%w: type %d; use place (1), cancel (2), amend (3) or tick (4)", ErrUnknownCommand, c.Type)
	}
	return dst, nil
}

// DecodeCommand parses one encoded command. It accepts exactly the bytes that
// AppendEncode produces, so decoding and re-encoding gives the same bytes.
// Enum values are not checked here; Apply rejects unknown codes.
func DecodeCommand(data []byte) (Command, error) {
	var c Command
	if len(data) < commandHeaderLen {
		return c, fmt.Errorf("%w: %d bytes is shorter than the %d-byte header", ErrInvalidEncoding, len(data), commandHeaderLen)
	}
	if data[0] != commandVersion {
		return c, fmt.Errorf("%w: version %d; this build reads version %d", ErrInvalidEncoding, data[0], commandVersion)
	}
	c.Type = CommandType(data[1])
	want := encodingLen(c.Type)
	if want == 0 {
		return Command{}, fmt.Errorf("%w: command type %d is unknown", ErrInvalidEncoding, data[1])
	}
	if len(data) != want {
		return Command{}, fmt.Errorf("%w: %s command is %d bytes, expected %d", ErrInvalidEncoding, c.Type, len(data), want)
	}
	p := data[commandHeaderLen:]
	switch c.Type {
	case CommandPlace:
		return decodePlace(c, p)
	case CommandCancel:
		c.OrderID = binary.BigEndian.Uint64(p)
	case CommandAmend:
		c.OrderID = binary.BigEndian.Uint64(p)
		c.Price = binary.BigEndian.Uint64(p[8:])
		c.Quantity = binary.BigEndian.Uint64(p[16:])
	case CommandTick:
		c.Now = binary.BigEndian.Uint64(p)
	}
	return c, nil
}

func decodePlace(c Command, p []byte) (Command, error) {
	c.OrderID = binary.BigEndian.Uint64(p)
	c.Owner = binary.BigEndian.Uint64(p[8:])
	c.Side = Side(p[16])
	c.Kind = Kind(p[17])
	c.TimeInForce = TimeInForce(p[18])
	c.SelfTrade = SelfTradeMode(p[19])
	switch p[20] {
	case 0:
	case 1:
		c.PostOnly = true
	default:
		return Command{}, fmt.Errorf("%w: post-only byte is %d, expected 0 or 1", ErrInvalidEncoding, p[20])
	}
	c.Price = binary.BigEndian.Uint64(p[21:])
	c.TriggerPrice = binary.BigEndian.Uint64(p[29:])
	c.Quantity = binary.BigEndian.Uint64(p[37:])
	c.MaxFeeBps = binary.BigEndian.Uint16(p[45:])
	c.Expiry = binary.BigEndian.Uint64(p[47:])
	return c, nil
}

func encodingLen(t CommandType) int {
	switch t {
	case CommandPlace:
		return placeEncodingLen
	case CommandCancel:
		return cancelEncodingLen
	case CommandAmend:
		return amendEncodingLen
	case CommandTick:
		return tickEncodingLen
	}
	return 0
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

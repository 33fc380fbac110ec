package bincodec

import (
	"errors"
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

var errTest = errors.New("test: invalid data")

// testErrors records what the decoder passed to it.
type testErrors struct {
	truncated []string
}

func (e *testErrors) Truncated(data []byte, off, n int, field string) error {
	e.truncated = append(e.truncated, fmt.Sprintf("%s: %d of %d at %d", field, n, len(data), off))
	return fmt.Errorf("%w: %s at byte %d needs %d bytes", errTest, field, off, n)
}

func (e *testErrors) InvalidBool(field string, v uint8) error {
	return fmt.Errorf("%w: %s is %d", errTest, field, v)
}

func sampleOrder() eip712.Order {
	return eip712.Order{
		Trader: common.Address{9}, Market: 4, Side: eip712.Sell, Kind: eip712.StopLimit, TimeInForce: eip712.GTD,
		PostOnly: true, SelfTradePrevention: eip712.CancelBoth, Price: 5, TriggerPrice: 6, Quantity: 7, MaxFeeBps: 8,
		Nonce: 9, Expiry: 1<<64 - 1,
	}
}

func TestFieldsRoundTrip(t *testing.T) {
	var e Encoder
	e.U8(0xab)
	e.U16(0xbeef)
	e.U32(0xdeadbeef)
	e.U64(1<<64 - 2)
	e.Bool(true)
	e.Bool(false)
	e.Address(common.Address{1, 2})
	e.Hash(common.Hash{3, 4})
	e.Amount(new(uint256.Int).Lsh(uint256.NewInt(1), 255))
	e.Raw([]byte("raw"))
	order := sampleOrder()
	e.Order(&order)

	var err error
	d := NewDecoder(e.Buf, 0, &err, &testErrors{})
	if got := d.U8("u8"); got != 0xab {
		t.Errorf("u8 %#x, expected 0xab", got)
	}
	if got := d.U16("u16"); got != 0xbeef {
		t.Errorf("u16 %#x, expected 0xbeef", got)
	}
	if got := d.U32("u32"); got != 0xdeadbeef {
		t.Errorf("u32 %#x, expected 0xdeadbeef", got)
	}
	if got := d.U64("u64"); got != 1<<64-2 {
		t.Errorf("u64 %#x, expected 1<<64-2", got)
	}
	if got := d.Bool("true"); !got {
		t.Error("first boolean false, expected true")
	}
	if got := d.Bool("false"); got {
		t.Error("second boolean true, expected false")
	}
	if got := d.Address("address"); got != (common.Address{1, 2}) {
		t.Errorf("address %s", got)
	}
	if got := d.Hash("hash"); got != (common.Hash{3, 4}) {
		t.Errorf("hash %s", got)
	}
	if got, want := d.Amount("amount"), new(uint256.Int).Lsh(uint256.NewInt(1), 255); !got.Eq(want) {
		t.Errorf("amount %s, expected %s", &got, want)
	}
	if got := string(d.Take(3, "raw")); got != "raw" {
		t.Errorf("raw bytes %q, expected \"raw\"", got)
	}
	if got := d.Order(); got != order {
		t.Errorf("order %+v, expected %+v", got, order)
	}
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if d.Off != len(e.Buf) {
		t.Errorf("decoder stopped at byte %d of %d", d.Off, len(e.Buf))
	}
}

func TestOrderIs71Bytes(t *testing.T) {
	var e Encoder
	order := sampleOrder()
	e.Order(&order)
	if len(e.Buf) != 71 {
		t.Errorf("order layout is %d bytes, expected 71", len(e.Buf))
	}
}

func TestDecoderKeepsFirstFailure(t *testing.T) {
	var err error
	errs := &testErrors{}
	d := NewDecoder([]byte{1, 2, 3, 4, 5}, 1, &err, errs)
	if got := d.U16("first"); got != 0x0203 {
		t.Fatalf("first field %#x, expected 0x0203", got)
	}
	if got := d.U32("second"); got != 0 {
		t.Errorf("truncated field %d, expected 0", got)
	}
	if got := d.U8("third"); got != 0 {
		t.Errorf("read after the failure returned %d, expected 0", got)
	}
	if !errors.Is(err, errTest) {
		t.Fatalf("error %v, expected one wrapping %v", err, errTest)
	}
	if want := "test: invalid data: second at byte 3 needs 4 bytes"; err.Error() != want {
		t.Errorf("error %q, expected %q", err, want)
	}
	if len(errs.truncated) != 1 || errs.truncated[0] != "second: 4 of 5 at 3" {
		t.Errorf("Truncated calls %q, expected one for the second field", errs.truncated)
	}
	if d.Off != 3 {
		t.Errorf("offset %d after the failure, expected 3", d.Off)
	}
}

func TestDecoderRejectsInvalidBool(t *testing.T) {
	var err error
	d := NewDecoder([]byte{2, 1}, 0, &err, &testErrors{})
	if d.Bool("flag") {
		t.Error("byte 2 decoded as true")
	}
	if want := "test: invalid data: flag is 2"; err == nil || err.Error() != want {
		t.Fatalf("error %v, expected %q", err, want)
	}
	if d.Bool("next") {
		t.Error("read after the failure returned true")
	}
}

func TestDecoderStopsOnCallerFailure(t *testing.T) {
	var err error
	d := NewDecoder([]byte{1, 2}, 0, &err, &testErrors{})
	err = errTest
	if got := d.U8("field"); got != 0 {
		t.Errorf("read after the caller's failure returned %d, expected 0", got)
	}
	if d.Off != 0 || err != errTest {
		t.Errorf("offset %d and error %v, expected 0 and the caller's error", d.Off, err)
	}
}

func TestDecoderRejectsNegativeLength(t *testing.T) {
	var err error
	errs := &testErrors{}
	d := NewDecoder([]byte{1, 2}, 0, &err, errs)
	if b := d.Take(-1, "blob"); b != nil || !errors.Is(err, errTest) {
		t.Fatalf("take of -1 bytes: %v, %v", b, err)
	}
}

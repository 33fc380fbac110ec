package p2p

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
)

func TestOrderMessageRoundTrip(t *testing.T) {
	trader := testKey(t, "trader")
	order := signOrder(t, trader, 7)
	order.Order.PostOnly = true
	order.Order.Expiry = 1_900_000_000
	order.Order.TimeInForce = eip712.GTD
	_, sig, err := testExchange.Domain().SignOrder(order.Order, trader)
	if err != nil {
		t.Fatal(err)
	}
	order.Signature = sig

	data := encodeOrder(t, order)
	if len(data) != orderMessageBytes {
		t.Fatalf("encoded order has %d bytes, expected %d", len(data), orderMessageBytes)
	}
	m, err := DecodeOrderMessage(data)
	if err != nil {
		t.Fatal(err)
	}
	if m.Market != testMarket {
		t.Errorf("market %v, expected %v", m.Market, testMarket)
	}
	if *m.Order != *order {
		t.Errorf("decoded order %+v, expected %+v", *m.Order, *order)
	}
	if err := m.Verify(testMarket); err != nil {
		t.Fatalf("verify: %v", err)
	}
	if m.Hash != testExchange.Domain().OrderHash(order.Order) {
		t.Errorf("hash %s is not the order hash", m.Hash)
	}
	if m.Trader() != address(trader) {
		t.Errorf("trader %s, expected %s", m.Trader(), address(trader))
	}
}

func TestCancelMessageRoundTrip(t *testing.T) {
	trader := testKey(t, "trader")
	c := eip712.Cancel{Trader: address(trader), OrderHash: common.HexToHash("0xabc")}
	_, sig, err := testExchange.Domain().SignCancel(c, trader)
	if err != nil {
		t.Fatal(err)
	}
	msg := &OrderMessage{Market: testMarket, Cancel: &state.SignedCancel{ChainID: testExchange.ChainID, Cancel: c, Signature: sig}}
	data, err := msg.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if len(data) != cancelMessageBytes {
		t.Fatalf("encoded cancel has %d bytes, expected %d", len(data), cancelMessageBytes)
	}
	m, err := DecodeOrderMessage(data)
	if err != nil {
		t.Fatal(err)
	}
	if *m.Cancel != *msg.Cancel {
		t.Errorf("decoded cancel %+v, expected %+v", *m.Cancel, *msg.Cancel)
	}
	if err := m.Verify(testMarket); err != nil {
		t.Fatalf("verify: %v", err)
	}
}

// A signature with v of 0 or 1 encodes as 27 or 28, so one signature has
// one message id.
func TestOrderMessageCanonicalV(t *testing.T) {
	order := signOrder(t, testKey(t, "trader"), 1)
	canonical := encodeOrder(t, order)
	low := *order
	low.Signature[64] -= 27
	if got := encodeOrder(t, &low); !bytes.Equal(got, canonical) {
		t.Fatal("an order signed with v of 0 or 1 encodes differently from v of 27 or 28")
	}
	if MessageID(canonical) != MessageID(encodeOrder(t, &low)) {
		t.Fatal("message ids differ")
	}
}

func TestDecodeOrderMessageErrors(t *testing.T) {
	valid := encodeOrder(t, signOrder(t, testKey(t, "trader"), 1))
	tests := []struct {
		name   string
		data   []byte
		target error
	}{
		{"empty", nil, ErrMalformed},
		{"oversized", make([]byte, OrderMessageBytesMax+1), ErrMessageTooLarge},
		{"version", withByte(valid, 0, 2), ErrUnsupportedVersion},
		{"kind", withByte(valid, 1, 9), ErrMalformed},
		{"truncated", valid[:len(valid)-1], ErrMalformed},
		{"trailing byte", append(append([]byte(nil), valid...), 0), ErrMalformed},
		{"post-only byte", withByte(valid, messageHeaderBytes+27, 2), ErrMalformed},
		{"signature v", withByte(valid, len(valid)-1, 1), ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeOrderMessage(tt.data)
			if !errors.Is(err, tt.target) {
				t.Fatalf("error %v, expected %v", err, tt.target)
			}
		})
	}
}

func withByte(data []byte, i int, v byte) []byte {
	out := append([]byte(nil), data...)
	out[i] = v
	return out
}

func TestVerifyOrderMessageErrors(t *testing.T) {
	trader := testKey(t, "trader")
	other := MarketRef{ExchangeRef: testExchange, Market: 2}
	tests := []struct {
		name   string
		edit   func(m *OrderMessage)
		topic  MarketRef
		target error
	}{
		{"other market topic", func(*OrderMessage) {}, other, ErrWrongTopic},
		{"order for another market", func(m *OrderMessage) { m.Order.Order.Market = 2 }, testMarket, ErrWrongTopic},
		{"changed price", func(m *OrderMessage) { m.Order.Order.Price++ }, testMarket, ErrInvalidSignature},
		{"signed by another key", func(m *OrderMessage) {
			m.Order.Order.Trader = address(testKey(t, "someone else"))
		}, testMarket, ErrInvalidSignature},
		{"high s", func(m *OrderMessage) { m.Order.Signature[32] = 0xff }, testMarket, ErrInvalidSignature},
		{"invalid side", func(m *OrderMessage) { m.Order.Order.Side = 7 }, testMarket, ErrMalformed},
		{"zero quantity", func(m *OrderMessage) { m.Order.Order.Quantity = 0 }, testMarket, ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &OrderMessage{Market: testMarket, Order: signOrder(t, trader, 1)}
			tt.edit(m)
			if err := m.Verify(tt.topic); !errors.Is(err, tt.target) {
				t.Fatalf("error %v, expected %v", err, tt.target)
			}
		})
	}
}

func TestEncodeOrderMessageRejectsMismatch(t *testing.T) {
	order := signOrder(t, testKey(t, "trader"), 1)
	order.ChainID = 1
	if _, err := (&OrderMessage{Market: testMarket, Order: order}).Encode(); !errors.Is(err, ErrWrongTopic) {
		t.Fatalf("error %v, expected %v", err, ErrWrongTopic)
	}
	if _, err := (&OrderMessage{Market: testMarket}).Encode(); !errors.Is(err, ErrMalformed) {
		t.Fatalf("error %v, expected %v", err, ErrMalformed)
	}
}

package p2p

import (
	"encoding/binary"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
)

// Order message format, version 1. All integers are big-endian.
//
//	version u8 | kind u8 | chain id u64 | exchange [20] | market u32 | body | signature [65]
//
//	order body:  trader [20] | market u32 | side u8 | kind u8 | time in force u8 |
//	             post-only u8 | self-trade prevention u8 | price u64 |
//	             trigger price u64 | quantity u64 | max fee bps u16 |
//	             nonce u64 | expiry u64
//	cancel body: trader [20] | order hash [32]
//
// The header's chain, exchange and market name the topic. For a cancel
// the market only routes it, because a cancel signs an order hash and no
// market. The signature's v is 27 or 28, so that one signature has one
// encoding and one message id.
const (
	orderMessageVersion = 1

	messageKindOrder  = 1
	messageKindCancel = 2

	messageHeaderBytes = 1 + 1 + 8 + 20 + 4
	orderBodyBytes     = 20 + 4 + 1 + 1 + 1 + 1 + 1 + 8 + 8 + 8 + 2 + 8 + 8
	cancelBodyBytes    = 20 + 32

	orderMessageBytes  = messageHeaderBytes + orderBodyBytes + eip712.SignatureLength
	cancelMessageBytes = messageHeaderBytes + cancelBodyBytes + eip712.SignatureLength

	// OrderMessageBytesMax is the largest message accepted on an order
	// topic. Both kinds have a fixed size below it; a larger message is
	// rejected before it is decoded.
	OrderMessageBytesMax = 256
)

// OrderMessage is a signed order or cancel as gossiped on a market topic.
// Exactly one of Order and Cancel is set.
type OrderMessage struct {
	Market MarketRef
	Order  *state.SignedOrder
	Cancel *state.SignedCancel

	// Hash is the order hash of Order, or the EIP-712 digest of Cancel.
	// Verify sets it.
	Hash common.Hash

	// ID is the gossip message id and From the peer that delivered the
	// message; both are set on delivery.
	ID   string
	From peer.ID
}

// Trader returns the account that signed the message.
func (m *OrderMessage) Trader() common.Address {
	if m.Order != nil {
		return m.Order.Order.Trader
	}
	if m.Cancel != nil {
		return m.Cancel.Cancel.Trader
	}
	return common.Address{}
}

// Encode returns the message's binary form. It checks that the order's
// chain and market match m.Market, and writes v as 27 or 28.
func (m *OrderMessage) Encode() ([]byte, error) {
	if err := m.checkShape(); err != nil {
		return nil, err
	}
	if m.Order != nil {
		buf := m.appendHeader(make([]byte, 0, orderMessageBytes), messageKindOrder)
		buf = appendOrder(buf, &m.Order.Order)
		return appendSignature(buf, m.Order.Signature), nil
	}
	buf := m.appendHeader(make([]byte, 0, cancelMessageBytes), messageKindCancel)
	buf = append(buf, m.Cancel.Cancel.Trader[:]...)
	buf = append(buf, m.Cancel.Cancel.OrderHash[:]...)
	return appendSignature(buf, m.Cancel.Signature), nil
}

func (m *OrderMessage) checkShape() error {
	switch {
	case (m.Order == nil) == (m.Cancel == nil):
		return fmt.Errorf("%w: an order message carries exactly one order or cancel", ErrMalformed)
	case m.Order != nil && m.Order.ChainID != m.Market.ChainID:
		return fmt.Errorf("%w: order for chain %d on the topic of %s", ErrWrongTopic, m.Order.ChainID, m.Market)
	case m.Order != nil && m.Order.Order.Market != m.Market.Market:
		return fmt.Errorf("%w: order for market %d on the topic of %s", ErrWrongTopic, m.Order.Order.Market, m.Market)
	case m.Cancel != nil && m.Cancel.ChainID != m.Market.ChainID:
		return fmt.Errorf("%w: cancel for chain %d on the topic of %s", ErrWrongTopic, m.Cancel.ChainID, m.Market)
	}
	return nil
}

func (m *OrderMessage) appendHeader(buf []byte, kind byte) []byte {
	buf = append(buf, orderMessageVersion, kind)
	buf = binary.BigEndian.AppendUint64(buf, m.Market.ChainID)
	buf = append(buf, m.Market.Contract[:]...)
	return binary.BigEndian.AppendUint32(buf, m.Market.Market)
}

func appendOrder(buf []byte, o *eip712.Order) []byte {
	buf = append(buf, o.Trader[:]...)
	buf = binary.BigEndian.AppendUint32(buf, o.Market)
	buf = append(buf, byte(o.Side), byte(o.Kind), byte(o.TimeInForce), boolByte(o.PostOnly), byte(o.SelfTradePrevention))
	buf = binary.BigEndian.AppendUint64(buf, o.Price)
	buf = binary.BigEndian.AppendUint64(buf, o.TriggerPrice)
	buf = binary.BigEndian.AppendUint64(buf, o.Quantity)
	buf = binary.BigEndian.AppendUint16(buf, o.MaxFeeBps)
	buf = binary.BigEndian.AppendUint64(buf, o.Nonce)
	return binary.BigEndian.AppendUint64(buf, o.Expiry)
}

// appendSignature writes sig with v as 27 or 28.
func appendSignature(buf []byte, sig eip712.Signature) []byte {
	if sig[64] < 27 {
		sig[64] += 27
	}
	return append(buf, sig[:]...)
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// DecodeOrderMessage parses a message that Encode produced. It checks the
// form only; Verify checks the content and the signature.
func DecodeOrderMessage(data []byte) (*OrderMessage, error) {
	if len(data) > OrderMessageBytesMax {
		return nil, fmt.Errorf("%w: order message of %d bytes, the limit is %d", ErrMessageTooLarge, len(data), OrderMessageBytesMax)
	}
	if len(data) < messageHeaderBytes {
		return nil, fmt.Errorf("%w: order message of %d bytes is shorter than its %d-byte header", ErrMalformed, len(data), messageHeaderBytes)
	}
	if data[0] != orderMessageVersion {
		return nil, fmt.Errorf("%w: order message version %d; this build reads version %d", ErrUnsupportedVersion, data[0], orderMessageVersion)
	}
	m := &OrderMessage{}
	m.Market.ChainID = binary.BigEndian.Uint64(data[2:10])
	copy(m.Market.Contract[:], data[10:30])
	m.Market.Market = binary.BigEndian.Uint32(data[30:34])

	switch kind := data[1]; kind {
	case messageKindOrder:
		if len(data) != orderMessageBytes {
			return nil, fmt.Errorf("%w: order message of %d bytes, expected %d", ErrMalformed, len(data), orderMessageBytes)
		}
		order, err := decodeOrder(data[messageHeaderBytes : messageHeaderBytes+orderBodyBytes])
		if err != nil {
			return nil, err
		}
		m.Order = &state.SignedOrder{ChainID: m.Market.ChainID, Order: order}
		return m, decodeSignature(&m.Order.Signature, data[messageHeaderBytes+orderBodyBytes:])
	case messageKindCancel:
		if len(data) != cancelMessageBytes {
			return nil, fmt.Errorf("%w: cancel message of %d bytes, expected %d", ErrMalformed, len(data), cancelMessageBytes)
		}
		body := data[messageHeaderBytes:]
		m.Cancel = &state.SignedCancel{ChainID: m.Market.ChainID}
		copy(m.Cancel.Cancel.Trader[:], body[:20])
		copy(m.Cancel.Cancel.OrderHash[:], body[20:52])
		return m, decodeSignature(&m.Cancel.Signature, body[cancelBodyBytes:])
	default:
		return nil, fmt.Errorf("%w: message kind %d, expected %d (order) or %d (cancel)", ErrMalformed, kind, messageKindOrder, messageKindCancel)
	}
}

func decodeOrder(b []byte) (eip712.Order, error) {
	var o eip712.Order
	copy(o.Trader[:], b[:20])
	o.Market = binary.BigEndian.Uint32(b[20:24])
	o.Side = eip712.Side(b[24])
	o.Kind = eip712.Kind(b[25])
	o.TimeInForce = eip712.TimeInForce(b[26])
	switch b[27] {
	case 0:
	case 1:
		o.PostOnly = true
	default:
		return o, fmt.Errorf("%w: post-only byte %d, expected 0 or 1", ErrMalformed, b[27])
	}
	o.SelfTradePrevention = eip712.SelfTradePrevention(b[28])
	o.Price = binary.BigEndian.Uint64(b[29:37])
	o.TriggerPrice = binary.BigEndian.Uint64(b[37:45])
	o.Quantity = binary.BigEndian.Uint64(b[45:53])
	o.MaxFeeBps = binary.BigEndian.Uint16(b[53:55])
	o.Nonce = binary.BigEndian.Uint64(b[55:63])
	o.Expiry = binary.BigEndian.Uint64(b[63:71])
	return o, nil
}

func decodeSignature(sig *eip712.Signature, b []byte) error {
	copy(sig[:], b)
	if v := sig[64]; v != 27 && v != 28 {
		return fmt.Errorf("%w: signature v is %d, expected 27 or 28", ErrMalformed, v)
	}
	return nil
}

// Verify checks the message against the topic it arrived on, the order's
// fields, and that the trader signed it. It sets m.Hash.
func (m *OrderMessage) Verify(topic MarketRef) error {
	if m.Market != topic {
		return fmt.Errorf("%w: message for %s on the topic of %s", ErrWrongTopic, m.Market, topic)
	}
	if err := m.checkShape(); err != nil {
		return err
	}
	domain := topic.Domain()
	if m.Order != nil {
		if err := m.Order.Order.Validate(); err != nil {
			return fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		m.Hash = domain.OrderHash(m.Order.Order)
		return verifySigner(m.Hash, m.Order.Signature[:], m.Order.Order.Trader)
	}
	if m.Cancel.Cancel.Trader == (common.Address{}) {
		return fmt.Errorf("%w: cancel trader is the zero address", ErrMalformed)
	}
	m.Hash = domain.CancelHash(m.Cancel.Cancel)
	return verifySigner(m.Hash, m.Cancel.Signature[:], m.Cancel.Cancel.Trader)
}

func verifySigner(digest common.Hash, sig []byte, trader common.Address) error {
	if err := eip712.Verify(digest, sig, trader); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidSignature, err)
	}
	return nil
}

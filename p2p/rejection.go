package p2p

import (
	"crypto/ecdsa"
	"encoding/binary"
	"fmt"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// Rejection message format, version 1. All integers are big-endian.
//
//	version u8 | chain id u64 | exchange [20] | count u16 |
//	count × rejection | signature [65]
//
//	rejection: kind u8 | order hash [32] | trader signature [65] | seq u64 |
//	           code i32 | message length u16 | message | data length u16 | data
//
// The kind is messageKindOrder or messageKindCancel. For a cancel the hash
// is that of the order it cancels. The trader signature, with v of 27 or
// 28, is the rejected order's or cancel's: two different messages with the
// same order hash differ in it. Seq is the last log entry the sequencer had
// applied when it rejected the request. The message is UTF-8 text; the
// data is opaque bytes, the JSON of the error's data member for the node.
//
// The signature is the operator's over an EIP-191 version 0 hash (0x19
// 0x00, the Exchange contract, rejectionSigningTag, then every byte before
// the signature). The tag differs from the batch's at its tenth byte, so a
// batch signature never passes for a rejection message or the other way
// round.
const (
	rejectionVersion = 1

	rejectionHeaderBytes   = 1 + 8 + 20 + 2
	rejectionOverheadBytes = rejectionHeaderBytes + eip712.SignatureLength
	// rejectionFixedBytes is a rejection without its message and data.
	rejectionFixedBytes = 1 + 32 + eip712.SignatureLength + 8 + 4 + 2 + 2

	rejectionSigningTag = "ThaliumX rejections"
)

// Hard bounds of the rejection format that no configuration can raise.
const (
	// RejectionTextBytesMax bounds a rejection's message. A sequencer
	// shortens a longer one.
	RejectionTextBytesMax = 1024
	// RejectionDataBytesMax bounds a rejection's data.
	RejectionDataBytesMax = 1024
	// rejectionsLimit bounds Limits.RejectionsPerMessageMax.
	rejectionsLimit = 1024
	// rejectionBytesMax is the largest encoded rejection.
	rejectionBytesMax = rejectionFixedBytes + RejectionTextBytesMax + RejectionDataBytesMax
)

// Rejection is the sequencer's rejection of one order or cancel that it
// took from gossip: the JSON-RPC error its own API would have returned.
type Rejection struct {
	// Cancel is set when the rejected request is a cancel. Hash is the
	// order hash, of the order placed or of the order the cancel names.
	Cancel bool
	Hash   common.Hash
	// Signature is the trader's signature of the rejected order or
	// cancel, which distinguishes it from another message with the same
	// hash.
	Signature eip712.Signature
	// Seq is the last log entry the sequencer had applied when it
	// rejected the request.
	Seq uint64
	// Code and Message are the JSON-RPC error's code and message, at
	// most RejectionTextBytesMax bytes of UTF-8.
	Code    int32
	Message string
	// Data is the JSON-RPC error's data member as JSON, at most
	// RejectionDataBytesMax bytes. The p2p package does not read it.
	Data []byte
}

// RejectionMessage is a signed list of rejections published by the
// sequencer on the exchange's rejection topic.
type RejectionMessage struct {
	Log        ExchangeRef
	Rejections []Rejection
	Signature  eip712.Signature
}

// NewRejectionMessage builds a message of rejections and signs it with
// the operator's key.
func NewRejectionMessage(log ExchangeRef, rejections []Rejection, key *ecdsa.PrivateKey) (*RejectionMessage, error) {
	m := &RejectionMessage{Log: log, Rejections: rejections}
	hash, err := m.SigningHash()
	if err != nil {
		return nil, err
	}
	m.Signature, err = eip712.Sign(hash, key)
	if err != nil {
		return nil, fmt.Errorf("p2p: sign %d rejections: %w", len(rejections), err)
	}
	return m, nil
}

// check verifies the count and the sizes against the format's limits.
func (m *RejectionMessage) check() error {
	n := len(m.Rejections)
	if n == 0 || n > rejectionsLimit {
		return fmt.Errorf("%w: %d rejections, expected 1 to %d", ErrMalformed, n, rejectionsLimit)
	}
	for i := range m.Rejections {
		r := &m.Rejections[i]
		switch {
		case len(r.Message) > RejectionTextBytesMax:
			return fmt.Errorf("%w: rejection of %s has a %d-byte message, the limit is %d", ErrMalformed, r.Hash, len(r.Message), RejectionTextBytesMax)
		case !utf8.ValidString(r.Message):
			return fmt.Errorf("%w: rejection of %s has a message that is not UTF-8", ErrMalformed, r.Hash)
		case len(r.Data) > RejectionDataBytesMax:
			return fmt.Errorf("%w: rejection of %s has %d bytes of data, the limit is %d", ErrMalformed, r.Hash, len(r.Data), RejectionDataBytesMax)
		}
	}
	return nil
}

// encodedBytes returns the size of the encoded message.
func (m *RejectionMessage) encodedBytes() int {
	size := rejectionOverheadBytes
	for i := range m.Rejections {
		size += rejectionFixedBytes + len(m.Rejections[i].Message) + len(m.Rejections[i].Data)
	}
	return size
}

// appendBody appends every field but the operator's signature.
func (m *RejectionMessage) appendBody(buf []byte) []byte {
	buf = append(buf, rejectionVersion)
	buf = binary.BigEndian.AppendUint64(buf, m.Log.ChainID)
	buf = append(buf, m.Log.Contract[:]...)
	buf = binary.BigEndian.AppendUint16(buf, uint16(len(m.Rejections)))
	for i := range m.Rejections {
		r := &m.Rejections[i]
		kind := byte(messageKindOrder)
		if r.Cancel {
			kind = messageKindCancel
		}
		buf = append(buf, kind)
		buf = append(buf, r.Hash[:]...)
		buf = appendSignature(buf, r.Signature)
		buf = binary.BigEndian.AppendUint64(buf, r.Seq)
		buf = binary.BigEndian.AppendUint32(buf, uint32(r.Code))
		buf = binary.BigEndian.AppendUint16(buf, uint16(len(r.Message)))
		buf = append(buf, r.Message...)
		buf = binary.BigEndian.AppendUint16(buf, uint16(len(r.Data)))
		buf = append(buf, r.Data...)
	}
	return buf
}

// SigningHash returns the hash the operator signs (see the format above).
func (m *RejectionMessage) SigningHash() (common.Hash, error) {
	if err := m.check(); err != nil {
		return common.Hash{}, err
	}
	return rejectionSigningHash(m.Log, m.appendBody(make([]byte, 0, m.encodedBytes()))), nil
}

func rejectionSigningHash(log ExchangeRef, body []byte) common.Hash {
	prefix := make([]byte, 0, 2+common.AddressLength+len(rejectionSigningTag))
	prefix = append(prefix, 0x19, 0x00)
	prefix = append(prefix, log.Contract[:]...)
	prefix = append(prefix, rejectionSigningTag...)
	return crypto.Keccak256Hash(prefix, body)
}

// Encode returns the message's binary form.
func (m *RejectionMessage) Encode() ([]byte, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	buf := m.appendBody(make([]byte, 0, m.encodedBytes()))
	return appendSignature(buf, m.Signature), nil
}

// VerifyRejectionMessage checks that m belongs to log and was signed by
// operator.
func VerifyRejectionMessage(m *RejectionMessage, log ExchangeRef, operator common.Address) error {
	hash, err := m.SigningHash()
	if err != nil {
		return err
	}
	return checkRejectionSigner(m, hash, log, operator)
}

// verifyEncodedRejections is VerifyRejectionMessage for a message decoded
// from data, hashing data as received; decoding accepts only the
// canonical encoding, so both give the same hash.
func verifyEncodedRejections(m *RejectionMessage, data []byte, log ExchangeRef, operator common.Address) error {
	return checkRejectionSigner(m, rejectionSigningHash(m.Log, data[:len(data)-eip712.SignatureLength]), log, operator)
}

func checkRejectionSigner(m *RejectionMessage, hash common.Hash, log ExchangeRef, operator common.Address) error {
	if m.Log != log {
		return fmt.Errorf("%w: rejections of %s on the rejection topic of %s", ErrWrongTopic, m.Log, log)
	}
	signer, err := eip712.Recover(hash, m.Signature[:])
	if err != nil {
		return fmt.Errorf("%w: message of %d rejections: %w", ErrInvalidSignature, len(m.Rejections), err)
	}
	if signer != operator {
		return fmt.Errorf("%w: message of %d rejections signed by %s, the operator is %s", ErrNotOperator, len(m.Rejections), signer, operator)
	}
	return nil
}

// DecodeRejectionMessage parses a message that Encode produced, with at
// most rejectionsMax rejections. It checks the form only;
// VerifyRejectionMessage checks the signature. Data fields alias data.
func DecodeRejectionMessage(data []byte, rejectionsMax int) (*RejectionMessage, error) {
	if len(data) < rejectionOverheadBytes {
		return nil, fmt.Errorf("%w: rejection message of %d bytes is shorter than its %d-byte header and signature", ErrMalformed, len(data), rejectionOverheadBytes)
	}
	if data[0] != rejectionVersion {
		return nil, fmt.Errorf("%w: rejection message version %d; this build reads version %d", ErrUnsupportedVersion, data[0], rejectionVersion)
	}

	m := &RejectionMessage{}
	m.Log.ChainID = binary.BigEndian.Uint64(data[1:9])
	copy(m.Log.Contract[:], data[9:29])
	count := int(binary.BigEndian.Uint16(data[29:31]))
	if count == 0 || count > min(rejectionsMax, rejectionsLimit) {
		return nil, fmt.Errorf("%w: message of %d rejections, expected 1 to %d", ErrMalformed, count, min(rejectionsMax, rejectionsLimit))
	}

	// Every rejection takes at least its fixed fields, so a count the
	// data cannot hold is rejected before allocating for it.
	body := data[rejectionHeaderBytes : len(data)-eip712.SignatureLength]
	if count*rejectionFixedBytes > len(body) {
		return nil, fmt.Errorf("%w: %d rejections do not fit in %d bytes", ErrMalformed, count, len(body))
	}
	m.Rejections = make([]Rejection, count)
	for i := range m.Rejections {
		var err error
		if body, err = decodeRejection(&m.Rejections[i], body); err != nil {
			return nil, fmt.Errorf("rejection %d: %w", i, err)
		}
	}
	if len(body) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the rejections, expected the signature", ErrMalformed, len(body))
	}
	return m, decodeSignature(&m.Signature, data[len(data)-eip712.SignatureLength:])
}

// decodeRejection parses one rejection from the start of b and returns
// the bytes after it.
func decodeRejection(r *Rejection, b []byte) ([]byte, error) {
	if len(b) < rejectionFixedBytes {
		return nil, fmt.Errorf("%w: %d bytes left, a rejection takes at least %d", ErrMalformed, len(b), rejectionFixedBytes)
	}
	switch b[0] {
	case messageKindOrder:
	case messageKindCancel:
		r.Cancel = true
	default:
		return nil, fmt.Errorf("%w: rejection kind %d, expected %d (order) or %d (cancel)", ErrMalformed, b[0], messageKindOrder, messageKindCancel)
	}
	copy(r.Hash[:], b[1:33])
	if err := decodeSignature(&r.Signature, b[33:98]); err != nil {
		return nil, err
	}
	r.Seq = binary.BigEndian.Uint64(b[98:106])
	r.Code = int32(binary.BigEndian.Uint32(b[106:110]))
	b = b[110:]

	text, b, err := decodeField(b, RejectionTextBytesMax, "message")
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(text) {
		return nil, fmt.Errorf("%w: rejection message is not UTF-8", ErrMalformed)
	}
	r.Message = string(text)
	if r.Data, b, err = decodeField(b, RejectionDataBytesMax, "data"); err != nil {
		return nil, err
	}
	return b, nil
}

// decodeField parses a u16 length and that many bytes, at most limit.
func decodeField(b []byte, limit int, name string) (field, rest []byte, err error) {
	if len(b) < 2 {
		return nil, nil, fmt.Errorf("%w: rejection ends inside the length of its %s", ErrMalformed, name)
	}
	size := int(binary.BigEndian.Uint16(b))
	b = b[2:]
	if size > limit || size > len(b) {
		return nil, nil, fmt.Errorf("%w: rejection %s claims %d bytes, the limit is %d and %d remain", ErrMalformed, name, size, limit, len(b))
	}
	return b[:size:size], b[size:], nil
}

// rejectionMessageBytesMax returns the size of the largest message of
// count rejections.
func rejectionMessageBytesMax(count int) int {
	return rejectionOverheadBytes + count*rejectionBytesMax
}

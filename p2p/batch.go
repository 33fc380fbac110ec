package p2p

import (
	"crypto/ecdsa"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/store"
)

// Log batch format, version 1. All integers are big-endian.
//
//	version u8 | chain id u64 | exchange [20] | first seq u64 | count u32 |
//	state hash [32] | count × (payload length u32 | payload) | signature [65]
//
// The entries carry the consecutive sequence numbers first .. first+count-1.
// The signature is the operator's, over SigningHash: an EIP-191 version 0
// hash (0x19 0x00, then the Exchange contract as the intended validator)
// of batchSigningTag and every byte before the signature. The 0x00 version
// byte keeps it apart from EIP-712 digests (0x19 0x01) and personal_sign
// messages (0x19 0x45), so a batch signature can never pass for an order,
// a withdrawal or a settlement, nor the other way round.
const (
	batchVersion = 1

	batchHeaderBytes      = 1 + 8 + 20 + 8 + 4 + 32
	batchEntryHeaderBytes = 4
	batchOverheadBytes    = batchHeaderBytes + eip712.SignatureLength

	batchSigningTag = "ThaliumX log batch"
)

// Batch is a signed range of log entries published by the sequencer.
type Batch struct {
	Log ExchangeRef
	// Entries carry consecutive sequence numbers.
	Entries []store.Entry
	// StateHash is the state machine's hash after the last entry. All zero
	// means the sequencer did not compute it for this batch.
	StateHash store.StateHash
	Signature eip712.Signature
}

// First returns the sequence number of the first entry.
func (b *Batch) First() uint64 { return b.Entries[0].Seq }

// Last returns the sequence number of the last entry.
func (b *Batch) Last() uint64 { return b.Entries[len(b.Entries)-1].Seq }

// NewBatch builds a batch of entries with the state hash after them and
// signs it with the operator's key. The entries must be consecutive.
func NewBatch(log ExchangeRef, entries []store.Entry, stateHash store.StateHash, key *ecdsa.PrivateKey) (*Batch, error) {
	b := &Batch{Log: log, Entries: entries, StateHash: stateHash}
	hash, err := b.SigningHash()
	if err != nil {
		return nil, err
	}
	b.Signature, err = eip712.Sign(hash, key)
	if err != nil {
		return nil, fmt.Errorf("p2p: sign batch of seq %d to %d: %w", b.First(), b.Last(), err)
	}
	return b, nil
}

// check verifies the entries are present, consecutive and within the hard
// limits of the format.
func (b *Batch) check() error {
	n := len(b.Entries)
	if n == 0 {
		return fmt.Errorf("%w: no entries", ErrInvalidBatch)
	}
	if n > batchEntriesLimit {
		return fmt.Errorf("%w: %d entries, the limit is %d", ErrInvalidBatch, n, batchEntriesLimit)
	}
	first := b.Entries[0].Seq
	if first == 0 || first > math.MaxUint64-uint64(n) {
		return fmt.Errorf("%w: %d entries from seq %d leave the sequence number range", ErrInvalidBatch, n, first)
	}
	for i, e := range b.Entries {
		if e.Seq != first+uint64(i) {
			return fmt.Errorf("%w: entry %d has seq %d, expected %d", ErrInvalidBatch, i, e.Seq, first+uint64(i))
		}
		if len(e.Payload) > entryPayloadBytesMax {
			return fmt.Errorf("%w: entry seq %d has %d bytes, the limit is %d", ErrInvalidBatch, e.Seq, len(e.Payload), entryPayloadBytesMax)
		}
	}
	return nil
}

// encodedBytes returns the size of the encoded batch.
func (b *Batch) encodedBytes() int {
	size := batchOverheadBytes
	for _, e := range b.Entries {
		size += batchEntryHeaderBytes + len(e.Payload)
	}
	return size
}

// appendBody appends every field but the signature.
func (b *Batch) appendBody(buf []byte) []byte {
	buf = append(buf, batchVersion)
	buf = binary.BigEndian.AppendUint64(buf, b.Log.ChainID)
	buf = append(buf, b.Log.Contract[:]...)
	buf = binary.BigEndian.AppendUint64(buf, b.First())
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(b.Entries)))
	buf = append(buf, b.StateHash[:]...)
	for _, e := range b.Entries {
		buf = binary.BigEndian.AppendUint32(buf, uint32(len(e.Payload)))
		buf = append(buf, e.Payload...)
	}
	return buf
}

// SigningHash returns the hash the operator signs (see the format above).
func (b *Batch) SigningHash() (common.Hash, error) {
	if err := b.check(); err != nil {
		return common.Hash{}, err
	}
	return b.signingHash(b.appendBody(make([]byte, 0, b.encodedBytes()))), nil
}

func (b *Batch) signingHash(body []byte) common.Hash {
	prefix := make([]byte, 0, 2+common.AddressLength+len(batchSigningTag))
	prefix = append(prefix, 0x19, 0x00)
	prefix = append(prefix, b.Log.Contract[:]...)
	prefix = append(prefix, batchSigningTag...)
	return crypto.Keccak256Hash(prefix, body)
}

// Encode returns the batch's binary form.
func (b *Batch) Encode() ([]byte, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	buf := b.appendBody(make([]byte, 0, b.encodedBytes()))
	return appendSignature(buf, b.Signature), nil
}

// Signer recovers the account that signed the batch.
func (b *Batch) Signer() (common.Address, error) {
	hash, err := b.SigningHash()
	if err != nil {
		return common.Address{}, err
	}
	signer, err := eip712.Recover(hash, b.Signature[:])
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: batch of seq %d to %d: %w", ErrInvalidSignature, b.First(), b.Last(), err)
	}
	return signer, nil
}

// VerifyBatch checks that b belongs to log and was signed by operator.
func VerifyBatch(b *Batch, log ExchangeRef, operator common.Address) error {
	hash, err := b.SigningHash()
	if err != nil {
		return err
	}
	return checkBatchSigner(b, hash, log, operator)
}

// verifyEncodedBatch is VerifyBatch for a batch decoded from data. It
// hashes data as received instead of encoding the batch again; decoding
// accepts only the canonical encoding, so both give the same hash.
func verifyEncodedBatch(b *Batch, data []byte, log ExchangeRef, operator common.Address) error {
	return checkBatchSigner(b, b.signingHash(data[:len(data)-eip712.SignatureLength]), log, operator)
}

func checkBatchSigner(b *Batch, hash common.Hash, log ExchangeRef, operator common.Address) error {
	if b.Log != log {
		return fmt.Errorf("%w: batch of %s on the log topic of %s", ErrWrongTopic, b.Log, log)
	}
	signer, err := eip712.Recover(hash, b.Signature[:])
	if err != nil {
		return fmt.Errorf("%w: batch of seq %d to %d: %w", ErrInvalidSignature, b.First(), b.Last(), err)
	}
	if signer != operator {
		return fmt.Errorf("%w: batch of seq %d to %d signed by %s, the operator is %s", ErrNotOperator, b.First(), b.Last(), signer, operator)
	}
	return nil
}

// trimBatch returns b without the entries before seq next.
func trimBatch(b *Batch, next uint64) *Batch {
	if b.First() >= next {
		return b
	}
	trimmed := *b
	trimmed.Entries = b.Entries[next-b.First():]
	return &trimmed
}

// DecodeBatch parses a batch that Encode produced, with at most entriesMax
// entries. It checks the form only; VerifyBatch checks the signature. The
// entries' payloads alias data.
func DecodeBatch(data []byte, entriesMax int) (*Batch, error) {
	if len(data) < batchOverheadBytes {
		return nil, fmt.Errorf("%w: batch of %d bytes is shorter than its %d-byte header and signature", ErrMalformed, len(data), batchOverheadBytes)
	}
	if data[0] != batchVersion {
		return nil, fmt.Errorf("%w: batch version %d; this build reads version %d", ErrUnsupportedVersion, data[0], batchVersion)
	}
	b := &Batch{}
	b.Log.ChainID = binary.BigEndian.Uint64(data[1:9])
	copy(b.Log.Contract[:], data[9:29])
	first := binary.BigEndian.Uint64(data[29:37])
	count := binary.BigEndian.Uint32(data[37:41])
	copy(b.StateHash[:], data[41:73])
	if count == 0 || int64(count) > int64(entriesMax) {
		return nil, fmt.Errorf("%w: batch of %d entries, expected 1 to %d", ErrMalformed, count, entriesMax)
	}
	if first == 0 || first > math.MaxUint64-uint64(count) {
		return nil, fmt.Errorf("%w: batch of %d entries from seq %d leaves the sequence number range", ErrMalformed, count, first)
	}

	entries, rest, err := decodeBatchEntries(data[batchHeaderBytes:], first, count)
	if err != nil {
		return nil, err
	}
	if len(rest) != eip712.SignatureLength {
		return nil, fmt.Errorf("%w: %d bytes after the entries, expected the %d-byte signature", ErrMalformed, len(rest), eip712.SignatureLength)
	}
	b.Entries = entries
	return b, decodeSignature(&b.Signature, rest)
}

func decodeBatchEntries(data []byte, first uint64, count uint32) ([]store.Entry, []byte, error) {
	// Every entry takes at least its length prefix, so a count the data
	// cannot hold is rejected before allocating for it.
	if uint64(count)*batchEntryHeaderBytes > uint64(len(data)) {
		return nil, nil, fmt.Errorf("%w: %d entries do not fit in %d bytes", ErrMalformed, count, len(data))
	}
	entries := make([]store.Entry, count)
	for i := range entries {
		seq := first + uint64(i)
		if len(data) < batchEntryHeaderBytes {
			return nil, nil, fmt.Errorf("%w: batch ends inside the length of entry seq %d", ErrMalformed, seq)
		}
		size := binary.BigEndian.Uint32(data)
		data = data[batchEntryHeaderBytes:]
		if size > entryPayloadBytesMax || uint64(size) > uint64(len(data)) {
			return nil, nil, fmt.Errorf("%w: entry seq %d claims %d bytes, %d remain", ErrMalformed, seq, size, len(data))
		}
		entries[i] = store.Entry{Seq: seq, Payload: data[:size:size]}
		data = data[size:]
	}
	return entries, data, nil
}

package p2p

import (
	"bytes"
	"errors"
	"testing"

	"github.com/thaliumx/thaliumx/node/store"
)

func TestBatchRoundTrip(t *testing.T) {
	key := operatorKey(t)
	b := signBatch(t, key, 41, 60)
	data, err := b.Encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeBatch(data, 100)
	if err != nil {
		t.Fatal(err)
	}
	if got.Log != testExchange || got.StateHash != b.StateHash || got.Signature != b.Signature {
		t.Errorf("decoded header %v %x, expected %v %x", got.Log, got.StateHash, b.Log, b.StateHash)
	}
	if got.First() != 41 || got.Last() != 60 {
		t.Fatalf("decoded seq %d to %d, expected 41 to 60", got.First(), got.Last())
	}
	for i, e := range got.Entries {
		if e.Seq != b.Entries[i].Seq || !bytes.Equal(e.Payload, b.Entries[i].Payload) {
			t.Fatalf("entry %d is %d %x, expected %d %x", i, e.Seq, e.Payload, b.Entries[i].Seq, b.Entries[i].Payload)
		}
	}
	if err := VerifyBatch(got, testExchange, address(key)); err != nil {
		t.Fatalf("verify decoded batch: %v", err)
	}
	if err := verifyEncodedBatch(got, data, testExchange, address(key)); err != nil {
		t.Fatalf("verify encoded batch: %v", err)
	}
}

func TestVerifyBatchErrors(t *testing.T) {
	operator := address(operatorKey(t))
	tests := []struct {
		name   string
		batch  func() *Batch
		log    ExchangeRef
		target error
	}{
		{"other signer", func() *Batch { return signBatch(t, testKey(t, "intruder"), 1, 5) }, testExchange, ErrNotOperator},
		{"other exchange", func() *Batch { return signBatch(t, operatorKey(t), 1, 5) },
			ExchangeRef{ChainID: 1, Contract: testExchange.Contract}, ErrWrongTopic},
		{"changed entry", func() *Batch {
			b := signBatch(t, operatorKey(t), 1, 5)
			b.Entries[2].Payload = []byte("forged")
			return b
		}, testExchange, ErrNotOperator},
		{"changed state hash", func() *Batch {
			b := signBatch(t, operatorKey(t), 1, 5)
			b.StateHash[31] ^= 1
			return b
		}, testExchange, ErrNotOperator},
		{"garbage signature", func() *Batch {
			b := signBatch(t, operatorKey(t), 1, 5)
			b.Signature = [65]byte{64: 27}
			return b
		}, testExchange, ErrInvalidSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := VerifyBatch(tt.batch(), tt.log, operator); !errors.Is(err, tt.target) {
				t.Fatalf("error %v, expected %v", err, tt.target)
			}
		})
	}
}

// The batch signature is bound to the exchange: the same entries signed
// for one Exchange contract are invalid for another on the same chain.
func TestBatchSignatureBoundToExchange(t *testing.T) {
	key := operatorKey(t)
	b := signBatch(t, key, 1, 3)
	moved := *b
	moved.Log.Contract[0] ^= 1
	if signer, err := moved.Signer(); err == nil && signer == address(key) {
		t.Fatal("a batch moved to another exchange still recovers to the operator")
	}
}

func TestNewBatchErrors(t *testing.T) {
	key := operatorKey(t)
	tests := []struct {
		name    string
		entries []store.Entry
	}{
		{"empty", nil},
		{"gap", []store.Entry{{Seq: 1}, {Seq: 3}}},
		{"seq zero", []store.Entry{{Seq: 0}}},
		{"oversized entry", []store.Entry{{Seq: 1, Payload: make([]byte, entryPayloadBytesMax+1)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewBatch(testExchange, tt.entries, store.StateHash{}, key); !errors.Is(err, ErrInvalidBatch) {
				t.Fatalf("error %v, expected %v", err, ErrInvalidBatch)
			}
		})
	}
}

func TestDecodeBatchErrors(t *testing.T) {
	data, err := signBatch(t, operatorKey(t), 1, 3).Encode()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		data       []byte
		entriesMax int
		target     error
	}{
		{"short", data[:batchOverheadBytes-1], 10, ErrMalformed},
		{"version", withByte(data, 0, 9), 10, ErrUnsupportedVersion},
		{"too many entries", data, 2, ErrMalformed},
		{"truncated", data[:len(data)-1], 10, ErrMalformed},
		{"trailing byte", append(append([]byte(nil), data...), 0), 10, ErrMalformed},
		{"entry length past end", withByte(data, batchHeaderBytes, 0xff), 10, ErrMalformed},
		{"zero count", withBytes(data, 37, 0, 0, 0, 0), 10, ErrMalformed},
		{"seq zero", withBytes(data, 29, 0, 0, 0, 0, 0, 0, 0, 0), 10, ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := DecodeBatch(tt.data, tt.entriesMax); !errors.Is(err, tt.target) {
				t.Fatalf("error %v, expected %v", err, tt.target)
			}
		})
	}
}

func withBytes(data []byte, at int, v ...byte) []byte {
	out := append([]byte(nil), data...)
	copy(out[at:], v)
	return out
}

func TestTrimBatch(t *testing.T) {
	b := signBatch(t, operatorKey(t), 10, 19)
	if got := trimBatch(b, 10); got != b {
		t.Error("trimming at the first seq copied the batch")
	}
	got := trimBatch(b, 15)
	if got.First() != 15 || got.Last() != 19 || len(got.Entries) != 5 {
		t.Fatalf("trimmed batch holds seq %d to %d in %d entries, expected 15 to 19", got.First(), got.Last(), len(got.Entries))
	}
	if b.First() != 10 {
		t.Fatal("trimming changed the original batch")
	}
}

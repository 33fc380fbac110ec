package p2p

import (
	"bytes"
	"testing"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/thaliumx/thaliumx/node/state"
)

// Each fuzzer checks that a decoder never panics, and that whatever it
// accepts encodes back to the same bytes: the formats have one encoding
// per value, which content-hash message ids rely on.

func FuzzDecodeOrderMessage(f *testing.F) {
	f.Add(encodeOrder(f, signOrder(f, testKey(f, "trader"), 1)))
	cancel := &OrderMessage{Market: testMarket, Cancel: signCancelTB(f)}
	data, err := cancel.Encode()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte{orderMessageVersion, messageKindOrder})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeOrderMessage(data)
		if err != nil {
			return
		}
		again, err := m.Encode()
		if err != nil {
			// Decoding accepts an order whose chain or market differs
			// from the header; Verify rejects it later.
			return
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("decoded and encoded again:\n%x\nexpected\n%x", again, data)
		}
		_ = m.Verify(testMarket)
	})
}

func signCancelTB(tb testing.TB) *state.SignedCancel {
	trader := testKey(tb, "trader")
	return signCancel(tb, trader, testExchange.Domain().OrderHash(signOrder(tb, trader, 1).Order))
}

func FuzzDecodeBatch(f *testing.F) {
	for _, b := range []*Batch{signBatch(f, operatorKey(f), 1, 1), signBatch(f, operatorKey(f), 7, 30)} {
		data, err := b.Encode()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := DecodeBatch(data, 64)
		if err != nil {
			return
		}
		again, err := b.Encode()
		if err != nil {
			t.Fatalf("a decoded batch does not encode: %v", err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("decoded and encoded again:\n%x\nexpected\n%x", again, data)
		}
		_ = verifyEncodedBatch(b, data, testExchange, address(operatorKey(t)))
	})
}

func FuzzDecodeSyncRequest(f *testing.F) {
	f.Add(syncRequest{kind: syncKindStatus}.encode())
	f.Add(syncRequest{kind: syncKindLog, from: 5, maxEntries: 10, maxBytes: 1 << 20}.encode())
	f.Add(syncRequest{kind: syncKindSnapshot}.encode())
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := decodeSyncRequest(data)
		if err != nil {
			return
		}
		if again := r.encode(); !bytes.Equal(again, data) {
			t.Fatalf("decoded and encoded again: %x, expected %x", again, data)
		}
	})
}

// FuzzDecodeSyncResponse feeds a response frame to the decoder of each
// kind, as a client reads it.
func FuzzDecodeSyncResponse(f *testing.F) {
	f.Add(encodeLogResponse(testEntries(3, 9)))
	f.Add(encodeStatusResponse(PeerStatus{FirstSeq: 1, LastSeq: 9, SnapshotSeq: 4}))
	f.Add(snapshotHeader{seq: 4, payloadBytes: 10, chunkBytes: 4}.encode())
	f.Add(syncFailure{status: statusBehind, first: 1, last: 9, reason: "seq 12 is past the last stored entry"}.encode(syncKindLog))
	from := peer.ID("fuzz")
	f.Fuzz(func(t *testing.T, data []byte) {
		if body, err := decodeResponseHeader(data, syncKindLog, from); err == nil {
			if entries, err := decodeLogBody(body, 3, 64); err == nil {
				if again := encodeLogResponse(entries); !bytes.Equal(again, data) {
					t.Fatalf("log response decoded and encoded again: %x, expected %x", again, data)
				}
			}
		}
		if body, err := decodeResponseHeader(data, syncKindStatus, from); err == nil {
			if s, err := decodeStatusBody(body, from); err == nil {
				if again := encodeStatusResponse(s); !bytes.Equal(again, data) {
					t.Fatalf("status decoded and encoded again: %x, expected %x", again, data)
				}
			}
		}
		if body, err := decodeResponseHeader(data, syncKindSnapshot, from); err == nil {
			if h, err := decodeSnapshotHeader(body, 1<<20); err == nil {
				if again := h.encode(); !bytes.Equal(again, data) {
					t.Fatalf("snapshot header decoded and encoded again: %x, expected %x", again, data)
				}
			}
		}
	})
}

func FuzzReadFrame(f *testing.F) {
	f.Add([]byte{0, 0, 0, 3, 1, 2, 3})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		frame, err := readFrame(bytes.NewReader(data), 64)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := writeFrame(&buf, frame); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, buf.Bytes()) {
			t.Fatalf("frame %x written again as %x, not a prefix of the input %x", frame, buf.Bytes(), data)
		}
	})
}

func FuzzDecodeRejectionMessage(f *testing.F) {
	f.Add(encodeRejections(f, signRejections(f, testRejections(f, 1))))
	f.Add(encodeRejections(f, signRejections(f, testRejections(f, 4))))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeRejectionMessage(data, 8)
		if err != nil {
			return
		}
		again, err := m.Encode()
		if err != nil {
			t.Fatalf("a decoded rejection message does not encode: %v", err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("decoded and encoded again:\n%x\nexpected\n%x", again, data)
		}
		_ = verifyEncodedRejections(m, data, testExchange, address(operatorKey(t)))
	})
}

package ledger

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"
)

func TestSnapshotRoundTrip(t *testing.T) {
	l, costs := busyLedger(t)
	data := mustSnapshot(t, l)
	restored := mustRestore(t, data)

	wantSameSnapshot(t, data, mustSnapshot(t, restored))
	if mustStateHash(t, l) != mustStateHash(t, restored) {
		t.Fatal("state hash changed across snapshot and restore")
	}
	mustCheck(t, restored, costs)
	if restored.LastSeq() != l.LastSeq() || restored.OpenBatch() != l.OpenBatch() {
		t.Fatalf("restored last seq %d open batch %d, expected %d and %d", restored.LastSeq(), restored.OpenBatch(), l.LastSeq(), l.OpenBatch())
	}

	// The same entries applied to both must keep them identical, which
	// needs the open batch's records to be found again after the restore.
	for _, led := range []*Ledger{l, restored} {
		mustApply(t, led, 13, func(tx *Tx) error {
			f := fillOf(t, buyPrice, 1, 30, 10)
			f.BuyOrder, f.SellOrder = buyOrder+10, sellOrder+10
			f.BuyRemainingCost, f.SellRemainingCost = *u(0), *u(0)
			if err := tx.ApplyFill(f); err != nil {
				return err
			}
			if _, err := tx.ReleaseHold(buyOrder + 10); err != nil {
				return err
			}
			_, err := tx.ReleaseHold(sellOrder + 10)
			return err
		})
		mustApply(t, led, 14, func(tx *Tx) error { _, err := tx.SealBatch(); return err })
		mustApply(t, led, 15, func(tx *Tx) error { return tx.ConfirmSettlement(3) })
		mustCheck(t, led, nil)
	}
	wantSameSnapshot(t, mustSnapshot(t, l), mustSnapshot(t, restored))
	info, err := restored.Batch(2)
	if err != nil || len(info.Changes) == 0 {
		t.Fatalf("sealed batch 2 after restore: %+v, %v", info, err)
	}
}

// The buffer size encode computes must match the encoding, or encoding a
// large ledger copies its buffer.
func TestEncodedSizeMatchesSnapshot(t *testing.T) {
	l, _ := busyLedger(t)
	data := mustSnapshot(t, l)
	if size := l.encodedSize(len(l.assets), len(l.slots)); size != len(data) {
		t.Fatalf("computed size %d, snapshot has %d bytes", size, len(data))
	}
}

func TestStateHashDependsOnState(t *testing.T) {
	a, b := New(DefaultConfig()), New(DefaultConfig())
	fund(t, a, 1, 1, alice, usdc, 10)
	fund(t, b, 1, 1, alice, usdc, 11)
	if mustStateHash(t, a) == mustStateHash(t, b) {
		t.Fatal("different balances gave the same state hash")
	}
	c := New(DefaultConfig())
	fund(t, c, 1, 1, alice, usdc, 10)
	if mustStateHash(t, a) != mustStateHash(t, c) {
		t.Fatal("equal states gave different state hashes")
	}
}

// resealed returns data with its checksum recomputed, so that only the
// decoder's own checks can reject it.
func resealed(data []byte) []byte {
	out := bytes.Clone(data)
	body := out[:len(out)-4]
	binary.BigEndian.PutUint32(out[len(out)-4:], crc32.Checksum(body, castagnoli))
	return out
}

func TestRestoreRejectsCorruption(t *testing.T) {
	l, _ := busyLedger(t)
	data := mustSnapshot(t, l)
	lastSeqAt := len(snapshotMagic) + 2
	firstAssetAt := lastSeqAt + 8 + 8 + 4

	cases := []struct {
		name    string
		data    []byte
		wantErr error
	}{
		{name: "empty", data: nil, wantErr: ErrSnapshotCorrupt},
		{name: "wrong magic", data: append([]byte("NOTLEDGR"), data[8:]...), wantErr: ErrSnapshotCorrupt},
		{name: "flipped byte", data: flipByte(data, len(data)/2), wantErr: ErrSnapshotCorrupt},
		{name: "truncated", data: data[:len(data)-1], wantErr: ErrSnapshotCorrupt},
		{name: "unknown version", data: resealed(withByte(data, lastSeqAt-1, 2)), wantErr: ErrSnapshotVersion},
		{name: "trailing bytes", data: resealed(append(bytes.Clone(data[:len(data)-4]), 0, 0, 0, 0, 0)), wantErr: ErrSnapshotCorrupt},
		// A deposit total one lower breaks debits = credits.
		{name: "balance edited", data: resealed(withByte(data, firstAssetAt+8+20+2*amountSize+31, data[firstAssetAt+8+20+2*amountSize+31]-1)), wantErr: ErrSnapshotCorrupt},
		// Last seq 0 is below the seq at which batch 1 was sealed.
		{name: "last seq rewound", data: resealed(withUint64(data, lastSeqAt, 0)), wantErr: ErrSnapshotCorrupt},
		{name: "asset count too large", data: resealed(withUint32(data, lastSeqAt+16, 1<<30)), wantErr: ErrSnapshotCorrupt},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Restore(tc.data, DefaultConfig())
			t.Logf("%v", err)
			wantErrIs(t, err, tc.wantErr)
		})
	}
}

func flipByte(data []byte, i int) []byte { return withByte(data, i, data[i]^0x40) }

func withByte(data []byte, i int, b byte) []byte {
	out := bytes.Clone(data)
	out[i] = b
	return out
}

func withUint64(data []byte, i int, v uint64) []byte {
	out := bytes.Clone(data)
	binary.BigEndian.PutUint64(out[i:], v)
	return out
}

func withUint32(data []byte, i int, v uint32) []byte {
	out := bytes.Clone(data)
	binary.BigEndian.PutUint32(out[i:], v)
	return out
}

// FuzzRestore feeds Restore arbitrary bytes with a valid checksum, so that
// mutations reach the decoder. It must never panic, and any snapshot it
// accepts must encode back to the same bytes, because one state has one
// encoding.
func FuzzRestore(f *testing.F) {
	l, _ := busyLedger(f)
	f.Add(mustSnapshot(f, l))
	f.Add(mustSnapshot(f, New(DefaultConfig())))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) >= 4 {
			data = resealed(data)
		}
		restored, err := Restore(data, Config{})
		if err != nil {
			return
		}
		again, err := restored.Snapshot()
		if err != nil {
			t.Fatalf("snapshot of a restored ledger: %v", err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("restored snapshot of %d bytes encodes to %d different bytes", len(data), len(again))
		}
	})
}

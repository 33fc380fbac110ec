package state

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// TestStateHashMatchesSnapshotChecksum checks that the streamed state hash
// equals the checksum at the end of the snapshot, for a state that is
// several times the encoder's spill size.
func TestStateHashMatchesSnapshotChecksum(t *testing.T) {
	h := newHarness(t)
	alice, bob := trader(1), trader(2)
	h.deposit(alice, tokenUSDC, 10_000*usdc)
	h.deposit(bob, tokenTHAL, 16_000*thal) // 1,500 lots of 10 thal each
	for i := range 1_500 {
		h.place(h.order(alice, eip712.Buy, 9_000+uint64(i%300), 1))
		h.place(h.order(bob, eip712.Sell, 11_000+uint64(i%300), 1))
	}
	snap, err := h.m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if len(snap) < 4*spillBytes {
		t.Fatalf("snapshot of %d bytes is too small to spill several times (spill size %d)", len(snap), spillBytes)
	}
	if got, want := h.stateHash(), common.Hash(snap[len(snap)-32:]); got != want {
		t.Fatalf("state hash %s, snapshot checksum %s", got, want)
	}

	// A second snapshot is sized from the first and is the same bytes.
	again, err := h.m.Snapshot()
	if err != nil || string(again) != string(snap) {
		t.Fatalf("second snapshot differs (%v)", err)
	}
	if cap(again) < len(again) || cap(again) > len(again)+len(again)/8+1 {
		t.Fatalf("second snapshot has capacity %d for %d bytes", cap(again), len(again))
	}
}

// TestWriteSnapshotMatchesSnapshot checks that the streamed snapshot is
// the same bytes as the one encoded in memory and ends with its hash.
func TestWriteSnapshotMatchesSnapshot(t *testing.T) {
	h := newHarness(t)
	alice, bob := trader(1), trader(2)
	h.deposit(alice, tokenUSDC, 10_000*usdc)
	h.deposit(bob, tokenTHAL, 16_000*thal)
	for i := range 1_500 {
		h.place(h.order(alice, eip712.Buy, 9_000+uint64(i%300), 1))
		h.place(h.order(bob, eip712.Sell, 11_000+uint64(i%300), 1))
	}
	snap, err := h.m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	hash, err := h.m.WriteSnapshot(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), snap) {
		t.Fatalf("streamed snapshot of %d bytes differs from the %d-byte encoded one", buf.Len(), len(snap))
	}
	if want := common.Hash(snap[len(snap)-32:]); hash != want {
		t.Fatalf("WriteSnapshot returned hash %s, the snapshot ends with %s", hash, want)
	}
}

// TestWriteSnapshotReturnsWriteError checks that a failing writer fails
// the snapshot with its error.
func TestWriteSnapshotReturnsWriteError(t *testing.T) {
	h := newHarness(t)
	h.deposit(trader(1), tokenUSDC, 10_000*usdc)
	errDiskFull := errors.New("disk full")
	if _, err := h.m.WriteSnapshot(failingWriter{err: errDiskFull}); !errors.Is(err, errDiskFull) {
		t.Fatalf("WriteSnapshot to a failing writer: %v, expected %v", err, errDiskFull)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

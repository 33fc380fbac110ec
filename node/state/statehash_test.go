package state

import (
	"bytes"
	"errors"
	"math/rand/v2"
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
// the same bytes as the one encoded in memory and ends with its hash, and
// that StateHash returns that hash.
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
	if got, err := h.m.StateHash(); err != nil || got != hash {
		t.Fatalf("StateHash = %s, %v; WriteSnapshot returned %s", got, err, hash)
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

// TestRandomStreamPinnedHash pins the state hash after fixed random
// streams, so a change to how the machine keeps its records in memory
// cannot change the snapshot bytes or the state hash that nodes compare.
// A deliberate format change updates the pinned hashes and the snapshot
// version.
func TestRandomStreamPinnedHash(t *testing.T) {
	pinned := map[uint64]string{
		1: "0x4e4f63bbcff1bd0805f8cb9e0dc889890fcc8a08765fe7896ab9d99a49097f97",
		2: "0xe5333cb14b06c7f021e23dd596c7a1d1953ee1f9724fb70b81afb77fadbf9aa9",
	}
	for _, seed := range []uint64{1, 2} {
		s := &streamer{harness: newHarness(t), rng: rand.New(rand.NewPCG(seed, seed^0x5eed))}
		for i := range 8 {
			s.traders = append(s.traders, trader(i))
		}
		for _, who := range s.traders {
			s.record(s.depositEntry(who, tokenUSDC, 10_000*usdc))
			s.record(s.depositEntry(who, tokenTHAL, 10_000*thal))
			s.record(s.depositEntry(who, tokenWETH, 10_000*thal))
		}
		for range 2_000 {
			s.record(s.nextEntry())
		}
		if s.settled == 0 || s.closed == 0 {
			t.Fatalf("seed %d: the stream settled %d batches and closed %d orders; it must do both", seed, s.settled, s.closed)
		}
		if s.m.ReplaySetLen() >= s.placed {
			t.Fatalf("seed %d: the replay set kept all %d order hashes, but the pin must cover pruning", seed, s.placed)
		}
		if got := s.stateHash().Hex(); got != pinned[seed] {
			t.Errorf("seed %d: state hash %s, pinned %s", seed, got, pinned[seed])
		}
	}
}

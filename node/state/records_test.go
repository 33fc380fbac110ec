package state

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// snapshotWithHashes returns a snapshot of a machine with two resting
// orders and no early cancels, and the offset of its list of hashes.
func snapshotWithHashes(t *testing.T) (*harness, []byte, int) {
	t.Helper()
	h := newHarness(t)
	alice := trader(1)
	h.deposit(alice, tokenUSDC, 1_000*usdc)
	h.place(h.order(alice, eip712.Buy, 9_000, 1))
	h.place(h.order(alice, eip712.Buy, 9_001, 1))
	snap, err := h.m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	// The body ends with the hashes (count, then 48 bytes each), the
	// 40-byte key of the last hash pruned, the early cancels' count, 0
	// here, and the used nonces.
	n := int(h.m.hashes.count)
	at := len(snap) - sha256.Size - usedNonceBytes(h.m) - 4 - 40 - n*hashRecordBytes - 4
	if got := binary.BigEndian.Uint32(snap[at:]); int(got) != n {
		t.Fatalf("hash count %d at offset %d, expected %d", got, at, n)
	}
	return h, snap, at
}

// hashRecordBytes is the size of one hash of the replay set in a
// snapshot: hash, order id and expiry.
const hashRecordBytes = 32 + 8 + 8

// usedNonceBytes returns the size of the used nonces at the end of m's
// snapshot body: their count, then per chain and trader the chain id, the
// address, the word count and 16 bytes per word.
func usedNonceBytes(m *Machine) int {
	n := 4
	for _, c := range m.chains {
		for _, words := range c.usedNonces {
			n += 8 + 20 + 4 + 16*len(words)
		}
	}
	return n
}

// resealed returns a snapshot body with a fresh checksum.
func resealed(body []byte) []byte {
	sum := sha256.Sum256(body)
	return append(body, sum[:]...)
}

func TestRestoreRejectsMissingOrderHash(t *testing.T) {
	_, snap, at := snapshotWithHashes(t)
	body := append([]byte(nil), snap[:at]...)
	body = binary.BigEndian.AppendUint32(body, 1)
	body = append(body, snap[at+4+hashRecordBytes:len(snap)-sha256.Size]...) // drop the first hash
	_, err := Restore(resealed(body))
	if !errors.Is(err, ErrInvalidSnapshot) || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("restore without an order's hash: %v, expected %v naming the missing hash", err, ErrInvalidSnapshot)
	}
}

func TestRestoreRejectsHashOfAnotherOrder(t *testing.T) {
	_, snap, at := snapshotWithHashes(t)
	body := append([]byte(nil), snap[:len(snap)-sha256.Size]...)
	id := body[at+4+32 : at+4+40]
	binary.BigEndian.PutUint64(id, binary.BigEndian.Uint64(id)+1_000)
	_, err := Restore(resealed(body))
	if !errors.Is(err, ErrInvalidSnapshot) || !strings.Contains(err.Error(), "maps to order") {
		t.Fatalf("restore with a hash naming another order: %v, expected %v", err, ErrInvalidSnapshot)
	}
}

func TestRestoreKeepsReplaySet(t *testing.T) {
	h, snap, _ := snapshotWithHashes(t)
	restored, err := Restore(snap)
	if err != nil {
		t.Fatal(err)
	}
	open := h.m.OpenOrders(trader(1))
	if len(open) != 2 {
		t.Fatalf("%d open orders before the snapshot, expected 2", len(open))
	}
	for _, v := range open {
		if !restored.KnownOrder(v.Hash) {
			t.Fatalf("restored machine does not know order %s", v.Hash)
		}
		got, ok := restored.Order(v.Hash)
		if !ok || got != v {
			t.Fatalf("restored order %s is %+v, expected %+v", v.Hash, got, v)
		}
	}
	if restored.hashes.count != h.m.hashes.count {
		t.Fatalf("restored replay set contains %d hashes, expected %d", restored.hashes.count, h.m.hashes.count)
	}
}

func TestPlaceRejectsFullReplaySet(t *testing.T) {
	h := newHarness(t)
	alice := trader(1)
	h.deposit(alice, tokenUSDC, 1_000*usdc)
	count := h.m.hashes.count
	h.m.hashes.count = orderHashesMax
	err := h.m.PrecheckOrder(h.time, h.order(alice, eip712.Buy, 9_000, 1))
	h.m.hashes.count = count
	if !errors.Is(err, ErrTooManyOrders) {
		t.Fatalf("order with a full replay set: %v, expected %v", err, ErrTooManyOrders)
	}
}

// TestRecordSlotsAreReused checks that the slots of forgotten orders take
// new orders, so the slab grows with the open orders, not all orders.
func TestRecordSlotsAreReused(t *testing.T) {
	h := newHarness(t)
	alice := trader(1)
	h.deposit(alice, tokenUSDC, 1_000*usdc)
	for range 3 * recordChunkLen {
		res := h.place(h.order(alice, eip712.Buy, 9_000, 1))
		h.mustApply(&Entry{Type: EntryCancelOrder, Cancel: &SignedCancel{ChainID: testChain,
			Cancel: eip712.Cancel{Trader: alice, OrderHash: res.Orders[0].Hash}}})
	}
	if h.m.orders.count != 0 || h.m.orders.used != 1 || len(h.m.orders.chunks) != 1 {
		t.Fatalf("after placing and cancelling one order at a time: %d records in %d slots and %d chunks, expected 0, 1 and 1",
			h.m.orders.count, h.m.orders.used, len(h.m.orders.chunks))
	}
	if h.m.hashes.count != 3*recordChunkLen {
		t.Fatalf("replay set contains %d hashes, expected %d", h.m.hashes.count, 3*recordChunkLen)
	}
}

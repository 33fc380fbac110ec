package state

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// TestStateHashDigestsReplaySet checks the state hash of a state that is
// several times the encoder's spill size against one computed the long
// way from its snapshot, and that the snapshot's checksum still covers
// every byte of it.
func TestStateHashDigestsReplaySet(t *testing.T) {
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
	body := snap[:len(snap)-sha256.Size]
	if got, want := common.Hash(snap[len(body):]), common.Hash(sha256.Sum256(body)); got != want {
		t.Fatalf("snapshot ends with %s, the SHA-256 of its body is %s", got, want)
	}
	if got, want := h.stateHash(), referenceStateHash(t, h.m); got != want {
		t.Fatalf("state hash %s, computed from the snapshot %s", got, want)
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

// referenceStateHash computes m's state hash the long way, from its
// snapshot. It cuts the replay set's entries out of the body and puts them
// in 65,536 buckets by the top 16 bits of their hash. It hashes each
// bucket's entries, then those hashes 16 at a time, and so on until 16
// are left. The result is the hash of the body with those 16 in place of
// the entries.
func referenceStateHash(t *testing.T, m *Machine) common.Hash {
	t.Helper()
	snap, err := m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	body := snap[:len(snap)-sha256.Size]
	const entryBytes = 32 + 8 + 8
	early := 4 + len(m.cancelledEarly)*(common.HashLength+common.AddressLength)
	end := len(body) - usedNonceBytes(m) - early - 8 - common.HashLength
	start := end - int(m.hashes.count)*entryBytes
	if start < 4 || binary.BigEndian.Uint32(body[start-4:]) != m.hashes.count {
		t.Fatalf("the snapshot's replay set does not hold %d hashes where expected", m.hashes.count)
	}

	entries := body[start:end]
	level := make([][sha256.Size]byte, 1<<16)
	for b := range level {
		n := 0
		for n < len(entries) && int(binary.BigEndian.Uint16(entries[n:])) == b {
			n += entryBytes
		}
		level[b] = sha256.Sum256(entries[:n])
		entries = entries[n:]
	}
	if len(entries) != 0 {
		t.Fatalf("the snapshot's replay set is not in hash order")
	}

	for len(level) > 16 {
		up := make([][sha256.Size]byte, len(level)/16)
		for i := range up {
			h := sha256.New()
			for _, child := range level[i*16 : (i+1)*16] {
				h.Write(child[:])
			}
			copy(up[i][:], h.Sum(nil))
		}
		level = up
	}

	state := sha256.New()
	state.Write(body[:start])
	for _, top := range level {
		state.Write(top[:])
	}
	state.Write(body[end:])
	return common.Hash(state.Sum(nil))
}

// TestStateHashFollowsReplaySetChanges applies a random stream that places,
// fills, settles and prunes orders. After every few entries it checks the
// state hash, whose replay set digests are cached between hashes, against
// the long way and against a restored machine, whose digests are all new.
// Every other check takes the hash from WriteSnapshot, which computes the
// digests of the changed buckets from the entries it writes.
func TestStateHashFollowsReplaySetChanges(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	s := newFundedStreamer(t, seed)
	for i := range 1_500 {
		s.record(s.nextEntry())
		if i%37 != 0 {
			continue
		}
		var got common.Hash
		if i%74 == 0 {
			var err error
			if got, err = s.m.WriteSnapshot(io.Discard); err != nil {
				t.Fatal(err)
			}
		} else {
			got = s.stateHash()
		}
		if want := referenceStateHash(t, s.m); got != want {
			t.Fatalf("seed %d, entry %d: state hash %s, computed from the snapshot %s", seed, i, got, want)
		}
		snap, err := s.m.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		restored, err := Restore(snap)
		if err != nil {
			t.Fatalf("seed %d, entry %d: restore: %v", seed, i, err)
		}
		if want, err := restored.StateHash(); err != nil || got != want {
			t.Fatalf("seed %d, entry %d: state hash %s, restored machine's %s (%v)", seed, i, got, want, err)
		}
	}
	if s.m.ReplaySetLen() >= s.placed || s.settled == 0 {
		t.Fatalf("seed %d: the replay set kept %d of %d order hashes after %d settlements; the stream must prune",
			seed, s.m.ReplaySetLen(), s.placed, s.settled)
	}
}

// TestStateHashSeesReplaySetEntry checks that adding one hash to the
// replay set changes the state hash and removing it again restores it.
func TestStateHashSeesReplaySetEntry(t *testing.T) {
	h := newHarness(t)
	h.deposit(trader(1), tokenUSDC, 10_000*usdc)
	h.place(h.order(trader(1), eip712.Buy, 9_000, 1))
	before := h.stateHash()
	slot := h.m.hashes.add(common.Hash{0xab, 0xcd}, 1<<40, 0)
	added := h.stateHash()
	if added == before {
		t.Fatalf("adding a hash to the replay set left the state hash at %s", before)
	}
	h.m.hashes.remove(slot)
	if got := h.stateHash(); got != before {
		t.Fatalf("state hash %s after removing the added hash, %s before adding it", got, before)
	}
}

// TestWriteSnapshotMatchesSnapshot checks that the streamed snapshot is
// the same bytes as the one encoded in memory and that WriteSnapshot
// returns the state hash.
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
	if want := referenceStateHash(t, h.m); hash != want {
		t.Fatalf("WriteSnapshot returned %s, computed from the snapshot %s", hash, want)
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

// TestRandomStreamPinnedHash pins the snapshot's checksum and the state
// hash after fixed random streams, so a change to how the machine keeps
// its records in memory cannot change the snapshot bytes or the state
// hash that nodes compare. A deliberate format change updates the pinned
// checksums and the snapshot version. A change to the state hash alone
// updates the pinned hashes, because every node must then run the new
// build. Each stream runs twice: the machine computes the order hashes in
// one run and takes them from the caller in the other, and both must reach
// the pinned hashes. The state hash in the layout of snapshot version 4,
// which has no used nonces, must stay what the builds that wrote version 4
// computed for the same state, as checkRestored in node needs. All three
// pins changed when immediate stop orders got their expiry in the book,
// because that changed the streams' state, not the layout of either
// version.
func TestRandomStreamPinnedHash(t *testing.T) {
	pinned := map[uint64]struct{ checksum, stateHash, stateHashV4 string }{
		1: {
			checksum:    "0xfd7e8831f5e154b08f2e157af3738620c2a1414911780c6f7c635fc3d40de3f1",
			stateHash:   "0xebf858147c90514dcc24f3eaf4a28ec15ee83d06daa19baf71931853828a0799",
			stateHashV4: "0xd28f3c9a2fc878bc29c8ad0b2512479de0c2bf3c23354807c1517756337861ee",
		},
		2: {
			checksum:    "0xb657312878db4112033b4cd4be52c462b493c13c3d7e66d586dff08c548377a9",
			stateHash:   "0xae44cb7a0ac7828f85c2cdbcfd1d942166ed8f88b14da23d04cf5ca7c92329ec",
			stateHashV4: "0xc2decfbc52ce0a36d4702d0519e76b8d6f32cef693b60a03dbcd53b713c881df",
		},
	}
	for _, run := range []struct {
		seed        uint64
		orderHashes bool
	}{{1, false}, {1, true}, {2, false}, {2, true}} {
		seed := run.seed
		s := newFundedStreamer(t, seed)
		s.orderHashes = run.orderHashes
		for range 2_000 {
			s.record(s.nextEntry())
		}
		if s.settled == 0 || s.closed == 0 {
			t.Fatalf("seed %d: the stream settled %d batches and closed %d orders; it must do both", seed, s.settled, s.closed)
		}
		if s.m.ReplaySetLen() >= s.placed {
			t.Fatalf("seed %d: the replay set kept all %d order hashes, but the pin must cover pruning", seed, s.placed)
		}
		snap, err := s.m.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		if got := common.Hash(snap[len(snap)-sha256.Size:]).Hex(); got != pinned[seed].checksum {
			t.Errorf("seed %d, order hashes given %t: snapshot checksum %s, pinned %s", seed, run.orderHashes, got, pinned[seed].checksum)
		}
		if got := s.stateHash().Hex(); got != pinned[seed].stateHash {
			t.Errorf("seed %d, order hashes given %t: state hash %s, pinned %s", seed, run.orderHashes, got, pinned[seed].stateHash)
		}
		v4, err := s.m.StateHashOfVersion(snapshotVersionNoNonces)
		if err != nil {
			t.Fatal(err)
		}
		if got := v4.Hex(); got != pinned[seed].stateHashV4 {
			t.Errorf("seed %d, order hashes given %t: version 4 state hash %s, pinned %s", seed, run.orderHashes, got, pinned[seed].stateHashV4)
		}
	}
}

// TestLeafHasherTakesAnyPieces feeds a replay set's encoded entries to a
// leafHasher in pieces of random sizes, which cut entries, and checks its
// bucket digests against those computed from the set's members.
func TestLeafHasherTakesAnyPieces(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	s := newHashSet()
	for i := range 5_000 {
		s.add(randomHash(rng), uint64(i+1), rng.Uint64N(1<<40))
	}
	d := s.digests
	d.track(&s)
	want := map[int][sha256.Size]byte{}
	for b, members := range d.members {
		if len(members) > 0 {
			want[b] = d.bucketDigest(&s, b)
		}
	}
	d.encode(&s, newEncoder(64, nil, toStateHash), nil)

	var entries []byte
	for _, k := range s.sortedSlots() {
		e := s.at(k.slot)
		entries = append(entries, e.hash[:]...)
		entries = binary.BigEndian.AppendUint64(entries, e.id)
		entries = binary.BigEndian.AppendUint64(entries, e.expiry)
	}
	for i := range d.levels[0] {
		d.levels[0][i] = [sha256.Size]byte{}
		d.markDirty(uint32(i))
	}
	l := d.newLeafHasher()
	for len(entries) > 0 {
		n := min(1+rng.IntN(3*entryBytes), len(entries))
		if _, err := l.Write(entries[:n]); err != nil {
			t.Fatal(err)
		}
		entries = entries[n:]
	}
	l.finish()
	for b := range want {
		if d.levels[0][b] != want[b] {
			t.Fatalf("seed %d: bucket %d has digest %x from the pieces, %x from its members", seed, b, d.levels[0][b], want[b])
		}
	}
}

// TestStateHashTracksFewChanges checks the state hash against the long way
// while the replay set's bucket members are kept, after few changes, and
// after so many changes that the hash sorts the set instead.
func TestStateHashTracksFewChanges(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	m := New()
	slots := make([]uint32, 100_000)
	for i := range slots {
		slots[i] = m.hashes.add(randomHash(rng), uint64(i+1), rng.Uint64N(1<<40))
	}
	id := uint64(len(slots))
	replace := func(n int) {
		for range n {
			i := rng.IntN(len(slots))
			m.hashes.remove(slots[i])
			id++
			slots[i] = m.hashes.add(randomHash(rng), id, rng.Uint64N(1<<40))
		}
	}
	for _, step := range []struct {
		replaced int
		tracking bool
	}{
		{replaced: 0, tracking: false},       // every bucket is new
		{replaced: 100, tracking: true},      // 200 of 65,536 buckets changed
		{replaced: 1_000, tracking: true},    // up to 2,000
		{replaced: 100_000, tracking: false}, // most
		{replaced: 10, tracking: true},
	} {
		replace(step.replaced)
		got, err := m.StateHash()
		if err != nil {
			t.Fatal(err)
		}
		if want := referenceStateHash(t, m); got != want {
			t.Fatalf("seed %d, %d replaced: state hash %s, computed from the snapshot %s", seed, step.replaced, got, want)
		}
		if got := m.hashes.digests.tracking(); got != step.tracking {
			t.Errorf("seed %d, %d replaced: members kept %v, expected %v", seed, step.replaced, got, step.tracking)
		}
	}
}

// newFundedStreamer returns a random stream from seed whose 8 traders have
// deposited in the three test tokens.
func newFundedStreamer(t *testing.T, seed uint64) *streamer {
	s := &streamer{harness: newHarness(t), rng: rand.New(rand.NewPCG(seed, seed^0x5eed))}
	for i := range 8 {
		s.traders = append(s.traders, trader(i))
	}
	for _, account := range s.traders {
		s.record(s.depositEntry(account, tokenUSDC, 10_000*usdc))
		s.record(s.depositEntry(account, tokenTHAL, 10_000*thal))
		s.record(s.depositEntry(account, tokenWETH, 10_000*thal))
	}
	return s
}

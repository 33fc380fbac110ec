package state

import (
	"bytes"
	"cmp"
	"hash/maphash"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/node/internal/slotindex"
)

// orderHashesMax is the number of order hashes the replay set can hold,
// bounded by its 32-bit slots. At 48 bytes a hash that is 206 GB.
const orderHashesMax = slotindex.MaxSlots

// hashChunkLen is the number of entries in one chunk of the replay set.
const hashChunkLen = 1 << 12

// hashPrunesPerEntryMax bounds the hashes that one entry other than a
// tick takes from the expiry heap, so that a burst of orders with the same expiry is pruned
// over several entries instead of stalling one. Pruning took 2.7 µs a
// hash from a heap of a million on a shared 2-core machine, so one entry
// spends at most about 0.35 ms on it. The backlog waits for the next
// entries, and a replay of it is rejected meanwhile.
const hashPrunesPerEntryMax = 128

// hashPrunesPerTickMax bounds the hashes that one tick entry prunes. The
// sequencer logs a tick every second even when no order arrives, so an
// idle node drains a burst, such as a million resting orders that expire
// in the same second, in minutes instead of hours. That is about 11 ms
// per tick at the cost above.
const hashPrunesPerTickMax = 4096

// hashSet is the replay set: the hash and order id of every order placed,
// with an index by hash. A hash is dropped once the machine's time is
// within ExpiryMarginSeconds of the order's signed expiry (expiresAfter
// fails) and its record is free (closed and in no unconfirmed batch).
// From then on checkOrder rejects the order as expired whether or not the
// set remembers it. A hash without an expiry is kept forever.
//
// Memory per hash: a 48-byte entry, 11 to 22 bytes of index, and 4 to 8
// bytes in the expiry heap for a hash with an expiry. Freed entries are
// reused, so the set's memory follows the number of hashes held, up to
// the largest it has been: chunks are never returned.
type hashSet struct {
	// seed keys the index's tags, so that orders crafted to share a tag
	// cannot make long probe runs. It changes how the index fills its
	// table but no result.
	seed   maphash.Seed
	chunks [][]hashEntry
	// used is the number of slots ever handed out. free is the head of the
	// list of freed slots, as slot plus one, and 0 for none.
	used, free uint32
	count      uint32
	index      slotindex.Index

	// expiring is a min-heap, by expiryKey, of the slots whose hash has an
	// expiry and a key above pruned.
	expiring []uint32
	// digests keeps the set's part of the state hash (replaydigest.go).
	digests *replayDigests

	// pruned is the key of the last hash taken from expiring.
	// Invariant: a hash with an expiry and a key at or below pruned is in
	// the set only because its order record was in use when the hash was
	// taken, and it leaves the set when the record is freed. Keys only
	// grow, because a new order's expiry is after every expired one.
	pruned expiryKey
}

// hashEntry is one hash of the replay set. A free entry has id 0 and
// links the free list through expiry.
type hashEntry struct {
	hash common.Hash
	id   uint64
	// expiry is the order's signed expiry in unix seconds, 0 for none.
	expiry uint64
}

// expiryKey orders the hashes by expiry and then by hash. It depends only
// on the orders, not on where the set keeps them, so every node prunes the
// same hashes in the same order.
type expiryKey struct {
	expiry uint64
	hash   common.Hash
}

func (k expiryKey) compare(o expiryKey) int {
	if c := cmp.Compare(k.expiry, o.expiry); c != 0 {
		return c
	}
	return bytes.Compare(k.hash[:], o.hash[:])
}

func (e *hashEntry) key() expiryKey { return expiryKey{expiry: e.expiry, hash: e.hash} }

func newHashSet() hashSet {
	return hashSet{seed: maphash.MakeSeed(), digests: &replayDigests{}}
}

func (s *hashSet) tag(h common.Hash) uint32 { return uint32(maphash.Bytes(s.seed, h[:])) }

func (s *hashSet) at(slot uint32) *hashEntry {
	return &s.chunks[slot/hashChunkLen][slot%hashChunkLen]
}

// lookup returns the id of the order with hash h.
func (s *hashSet) lookup(h common.Hash) (id uint64, slot uint32, ok bool) {
	pos, ok := s.index.Find(s.tag(h), func(slot uint32) bool { return s.at(slot).hash == h })
	if !ok {
		return 0, 0, false
	}
	slot = s.index.Slot(pos)
	return s.at(slot).id, slot, true
}

func (s *hashSet) full() bool { return s.count >= orderHashesMax }

// add stores a hash that the set does not hold, and returns its slot. The
// caller checks full first, and calls expireLater for a new order.
func (s *hashSet) add(h common.Hash, id, expiry uint64) uint32 {
	var slot uint32
	if s.free != 0 {
		slot = s.free - 1
		s.free = uint32(s.at(slot).expiry)
	} else {
		slot = s.used
		s.used++
		if int(slot/hashChunkLen) == len(s.chunks) {
			s.chunks = append(s.chunks, make([]hashEntry, hashChunkLen))
		}
	}
	*s.at(slot) = hashEntry{hash: h, id: id, expiry: expiry}
	s.index.Insert(s.tag(h), slot)
	s.digests.added(slot, h)
	s.count++
	return slot
}

// remove drops the hash in slot, which must not be in the expiry heap,
// and frees the slot.
func (s *hashSet) remove(slot uint32) {
	e := s.at(slot)
	pos, ok := s.index.Find(s.tag(e.hash), func(x uint32) bool { return x == slot })
	if ok {
		s.index.Remove(pos)
	}
	s.digests.removed(slot, e.hash)
	*e = hashEntry{expiry: uint64(s.free)}
	s.free = slot + 1
	s.count--
}

// forEach calls f for every slot in use, in slot order.
func (s *hashSet) forEach(f func(slot uint32)) {
	for slot := range s.used {
		if s.at(slot).id != 0 {
			f(slot)
		}
	}
}

// prunedKey reports whether the hash in slot was taken from the expiry
// heap while its record was in use.
func (s *hashSet) prunedKey(slot uint32) bool {
	e := s.at(slot)
	return e.expiry != 0 && e.key().compare(s.pruned) <= 0
}

// expireLater puts a new hash with an expiry in the expiry heap.
func (s *hashSet) expireLater(slot uint32) {
	if s.at(slot).expiry == 0 {
		return
	}
	s.expiring = append(s.expiring, slot)
	s.siftUp(len(s.expiring) - 1)
}

// rebuildExpiring fills the expiry heap from the set, for a restored
// machine: every hash with an expiry and a key above pruned.
func (s *hashSet) rebuildExpiring() {
	s.expiring = s.expiring[:0]
	s.forEach(func(slot uint32) {
		if e := s.at(slot); e.expiry != 0 && !s.prunedKey(slot) {
			s.expiring = append(s.expiring, slot)
		}
	})
	for i := len(s.expiring)/2 - 1; i >= 0; i-- {
		s.siftDown(i)
	}
}

// popExpired takes the hash with the smallest key from the expiry heap
// if its order is expired at now (unix milliseconds) by expiresAfter, and
// moves pruned up to its key.
func (s *hashSet) popExpired(now uint64) (uint32, bool) {
	if len(s.expiring) == 0 {
		return 0, false
	}
	slot := s.expiring[0]
	e := s.at(slot)
	if expiresAfter(e.expiry, now) {
		return 0, false
	}
	last := len(s.expiring) - 1
	s.expiring[0] = s.expiring[last]
	s.expiring = s.expiring[:last]
	if last > 0 {
		s.siftDown(0)
	}
	s.pruned = e.key()
	return slot, true
}

func (s *hashSet) less(i, j int) bool {
	return s.at(s.expiring[i]).key().compare(s.at(s.expiring[j]).key()) < 0
}

func (s *hashSet) siftUp(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !s.less(i, parent) {
			return
		}
		s.expiring[i], s.expiring[parent] = s.expiring[parent], s.expiring[i]
		i = parent
	}
}

func (s *hashSet) siftDown(i int) {
	n := len(s.expiring)
	for {
		smallest, left, right := i, 2*i+1, 2*i+2
		if left < n && s.less(left, smallest) {
			smallest = left
		}
		if right < n && s.less(right, smallest) {
			smallest = right
		}
		if smallest == i {
			return
		}
		s.expiring[i], s.expiring[smallest] = s.expiring[smallest], s.expiring[i]
		i = smallest
	}
}

// pruneHashes drops up to limit hashes whose orders checkOrder rejects as
// expired at now, in unix milliseconds, in key order. A hash whose record is still in use
// (open, or in a batch not yet confirmed) stays until forgetIfDone frees
// the record.
func (m *Machine) pruneHashes(now uint64, limit int) {
	for range limit {
		slot, ok := m.hashes.popExpired(now)
		if !ok {
			return
		}
		if m.order(m.hashes.at(slot).id) != nil {
			continue
		}
		m.hashes.remove(slot)
	}
}

// ReplaySetLen returns the number of order hashes in the replay set.
func (m *Machine) ReplaySetLen() int { return int(m.hashes.count) }

package state

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math/bits"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
)

// The state hash covers the replay set through digests instead of its
// entries. On a busy exchange the set is most of the state: every order
// hash until its expiry, 48 bytes each, about 85,000 hashes at 500 orders
// a second with 5-minute expiries. Sorting, encoding and hashing all of
// them took about 6 ms per 100,000 for every state hash, although a log
// batch changes only a few hundred. Each follower checks every hash before
// it writes the batch.
//
// So the hashes fall into digestBuckets buckets by their top 16 bits, and
// the buckets are the leaves of a tree in which each node has
// digestFanOut children. A bucket's digest is the SHA-256 of its entries
// in hash order, each encoded as in a snapshot (hash, order id, expiry).
// A node's digest is the SHA-256 of its children's digests in order. The
// state hash takes the digests of the top level's 16 nodes in place of
// the entries. A digest is kept until something under it changes, so a
// state hash costs the buckets that changed since the last one and 3
// node digests of 512 bytes above each. SHA-256 is collision resistant,
// so two sets with the same digests are the same set, as with the entries
// themselves. Snapshots still hold every entry, and their checksum is
// still the SHA-256 of their bytes.
const (
	digestBucketBits = 16
	digestBuckets    = 1 << digestBucketBits
	digestFanOutBits = 4
	digestFanOut     = 1 << digestFanOutBits
	// digestLevels counts the buckets as a level: 65,536 buckets, then
	// 4,096, 256 and 16 nodes.
	digestLevels = digestBucketBits / digestFanOutBits
	// entryBytes is the size of an encoded entry: hash, order id, expiry.
	entryBytes = common.HashLength + 8 + 8
)

// replayDigests keeps the replay set's members by bucket and the cached
// digests of the tree. The machine changes the members only under its
// write lock, but several readers may compute a state hash at once under
// its read lock, so mu guards the digests and the order of the members.
type replayDigests struct {
	mu sync.Mutex
	// members[b] contains the slots of the hashes in bucket b, in no
	// order until a digest sorts them. It is nil while the members are not
	// kept (see tracking), and then a state hash sorts the whole set to
	// find the stale buckets' entries, as a snapshot does anyway.
	// pos[slot] is the slot's index in its bucket's members, so that a
	// removal takes constant time even when orders are made to share a
	// bucket.
	members [][]uint32
	pos     []uint32
	// levels[0] contains the buckets' digests and levels[l] the digests
	// of the nodes whose children are in levels[l-1]. They are nil until
	// the first state hash.
	levels [digestLevels][][sha256.Size]byte
	// dirty[l] has a bit for each digest of levels[l] that is stale.
	dirty [digestLevels][]uint64
	// scratch is the buffer for the bytes of the digest being computed.
	scratch []byte
}

// digestBucket returns the bucket of hash h: its top digestBucketBits bits.
func digestBucket(h common.Hash) uint32 { return digestBucketOf(h[:]) }

// digestBucketOf returns the bucket of the hash that b starts with.
func digestBucketOf(b []byte) uint32 {
	return uint32(b[0])<<(digestBucketBits-8) | uint32(b[1])>>(16-digestBucketBits)
}

// tracking reports whether the members are kept. They cost about 11
// bytes of heap and an estimated 1.5 µs per hash added. That pays off
// only when few buckets change between two hashes, as on a network node
// that hashes every 100 ms, not on one that hashes every 10 s for
// thx_nodeInfo. So a state hash starts keeping them when at most 1/8 of
// the buckets are stale, and stops when more than half are.
func (d *replayDigests) tracking() bool { return d.members != nil }

// markDirty marks bucket b's digest stale, once the digests exist.
func (d *replayDigests) markDirty(b uint32) {
	if d.dirty[0] != nil {
		d.dirty[0][b/64] |= 1 << (b % 64)
	}
}

// added records that slot now holds hash h.
func (d *replayDigests) added(slot uint32, h common.Hash) {
	b := digestBucket(h)
	d.markDirty(b)
	if !d.tracking() {
		return
	}
	if int(slot) >= len(d.pos) {
		d.pos = append(d.pos, make([]uint32, int(slot)+1-len(d.pos))...)
	}
	d.pos[slot] = uint32(len(d.members[b]))
	d.members[b] = append(d.members[b], slot)
}

// removed records that slot, which held hash h, is free.
func (d *replayDigests) removed(slot uint32, h common.Hash) {
	b := digestBucket(h)
	d.markDirty(b)
	if !d.tracking() {
		return
	}
	m := d.members[b]
	i, last := d.pos[slot], m[len(m)-1]
	m[i], d.pos[last] = last, i
	d.members[b] = m[:len(m)-1]
}

// track starts keeping the members of the buckets, from the set as it is.
func (d *replayDigests) track(s *hashSet) {
	d.members = make([][]uint32, digestBuckets)
	d.pos = make([]uint32, s.used)
	s.forEach(func(slot uint32) {
		b := digestBucket(s.at(slot).hash)
		d.pos[slot] = uint32(len(d.members[b]))
		d.members[b] = append(d.members[b], slot)
	})
}

// changed records that the entry with hash h changed in place.
func (d *replayDigests) changed(h common.Hash) { d.markDirty(digestBucket(h)) }

// emptyBucketDigest is the digest of a bucket without hashes.
var emptyBucketDigest = sha256.Sum256(nil)

// encode brings the stale digests up to date and appends the top level's
// digests to enc, routed to the state hash. Given sorted, the set's slots
// in hash order, it first appends every entry to enc, routed to the
// snapshot. It then takes the stale buckets' digests from those bytes,
// which saves sorting the buckets and reading their entries again.
func (d *replayDigests) encode(s *hashSet, enc *encoder, sorted []prefixSlot) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.levels[0] == nil {
		for l, n := 0, digestBuckets; l < digestLevels; l, n = l+1, n/digestFanOut {
			d.levels[l] = make([][sha256.Size]byte, n)
			d.dirty[l] = make([]uint64, (n+63)/64)
			for i := range n {
				d.dirty[l][i/64] |= 1 << (i % 64)
			}
		}
	}
	stale := 0
	for _, word := range d.dirty[0] {
		stale += bits.OnesCount64(word)
	}
	switch {
	case sorted != nil:
		enc.route(toSnapshot)
		d.encodeEntries(s, enc, sorted)
	case d.tracking() && stale > digestBuckets/2:
		d.members, d.pos = nil, nil
		d.hashSorted(s)
	case !d.tracking() && stale <= digestBuckets/8:
		d.track(s)
	case !d.tracking():
		d.hashSorted(s)
	}
	// Without the members, every stale bucket that contains a hash has its
	// digest from the sorted entries by now, so the ones left are empty.
	for l := range digestLevels {
		for w, word := range d.dirty[l] {
			for word != 0 {
				i := w*64 + bits.TrailingZeros64(word)
				word &= word - 1
				if l == 0 {
					d.levels[0][i] = d.bucketDigest(s, i)
				} else {
					d.levels[l][i] = d.nodeDigest(l, i)
				}
				d.markParent(l, i)
			}
			d.dirty[l][w] = 0
		}
	}
	enc.route(toStateHash)
	for _, digest := range d.levels[digestLevels-1] {
		enc.raw(digest[:])
	}
}

// encodeEntries appends the entries of sorted to enc for the snapshot and
// the leaves output, whose leafHasher computes the digest of each stale
// bucket that contains one on the sink's goroutine. It returns once the
// leafHasher has taken them all.
func (d *replayDigests) encodeEntries(s *hashSet, enc *encoder, sorted []prefixSlot) {
	enc.route(toSnapshot | toLeaves)
	for _, k := range sorted {
		e := s.at(k.slot)
		enc.hash(e.hash)
		enc.u64(e.id)
		enc.u64(e.expiry)
		enc.spill()
	}
	enc.flush()
	enc.sink.wait()
	enc.leaves.finish()
}

// newLeafHasher returns a writer for the leaves output of a sink. Only
// encode's call of encodeEntries, which holds mu, may write to it.
func (d *replayDigests) newLeafHasher() *leafHasher {
	return &leafHasher{d: d, h: sha256.New(), bucket: -1}
}

// leafHasher computes the digests of the stale buckets from the encoded
// entries in hash order, which it takes in pieces of any size. Hashing
// on the sink's goroutine, not between the encoder's loads of the entries
// from memory, keeps those loads from waiting for each other. With the
// hashing in the encoder's loop, it took three times as long at a million
// hashes.
type leafHasher struct {
	d       *replayDigests
	h       hash.Hash
	bucket  int
	hashing bool
	// partial is the start of an entry that the last piece cut.
	partial []byte
}

func (l *leafHasher) Write(p []byte) (int, error) {
	n := len(p)
	if len(l.partial) > 0 {
		k := min(entryBytes-len(l.partial), len(p))
		l.partial = append(l.partial, p[:k]...)
		p = p[k:]
		if len(l.partial) < entryBytes {
			return n, nil
		}
		l.take(l.partial)
		l.partial = l.partial[:0]
	}
	whole := len(p) / entryBytes * entryBytes
	l.take(p[:whole])
	l.partial = append(l.partial, p[whole:]...)
	return n, nil
}

// take hashes encoded entries, whole ones of entryBytes each.
func (l *leafHasher) take(entries []byte) {
	for len(entries) > 0 {
		b := int(digestBucketOf(entries))
		n := entryBytes
		for n < len(entries) && int(digestBucketOf(entries[n:])) == b {
			n += entryBytes
		}
		if b != l.bucket {
			l.finish()
			l.bucket, l.hashing = b, l.d.dirty[0][b/64]&(1<<(b%64)) != 0
			l.h.Reset()
		}
		if l.hashing {
			l.h.Write(entries[:n])
		}
		entries = entries[n:]
	}
}

// finish stores the current bucket's digest when it is stale, and marks
// its parent stale.
func (l *leafHasher) finish() {
	if !l.hashing {
		return
	}
	d, b := l.d, l.bucket
	l.h.Sum(d.levels[0][b][:0])
	d.dirty[0][b/64] &^= 1 << (b % 64)
	d.markParent(0, b)
	l.hashing = false
}

// hashSorted computes the digest of each stale bucket that contains a hash,
// from the set's entries in hash order.
func (d *replayDigests) hashSorted(s *hashSet) {
	l := d.newLeafHasher()
	buf := getSinkBuffer()
	for _, k := range s.sortedSlots() {
		e := s.at(k.slot)
		buf = append(buf, e.hash[:]...)
		buf = binary.BigEndian.AppendUint64(buf, e.id)
		buf = binary.BigEndian.AppendUint64(buf, e.expiry)
		if len(buf) >= spillBytes {
			l.take(buf)
			buf = buf[:0]
		}
	}
	l.take(buf)
	l.finish()
	putSinkBuffer(buf)
}

// markParent marks stale the parent of node i of levels[l].
func (d *replayDigests) markParent(l, i int) {
	if l+1 < digestLevels {
		parent := i / digestFanOut
		d.dirty[l+1][parent/64] |= 1 << (parent % 64)
	}
}

// nodeDigest returns the SHA-256 of the digests of node i's children,
// node i of levels[l].
func (d *replayDigests) nodeDigest(l, i int) [sha256.Size]byte {
	buf := d.scratch[:0]
	for _, child := range d.levels[l-1][i*digestFanOut : (i+1)*digestFanOut] {
		buf = append(buf, child[:]...)
	}
	d.scratch = buf[:0]
	return sha256.Sum256(buf)
}

// bucketDigest sorts bucket b's members by hash and returns the SHA-256
// of their entries in that order.
func (d *replayDigests) bucketDigest(s *hashSet, b int) [sha256.Size]byte {
	if !d.tracking() || len(d.members[b]) == 0 {
		return emptyBucketDigest
	}
	m := d.members[b]
	slices.SortFunc(m, func(x, y uint32) int {
		hx, hy := &s.at(x).hash, &s.at(y).hash
		return bytes.Compare(hx[:], hy[:])
	})
	buf := d.scratch[:0]
	for i, slot := range m {
		d.pos[slot] = uint32(i)
		e := s.at(slot)
		buf = append(buf, e.hash[:]...)
		buf = binary.BigEndian.AppendUint64(buf, e.id)
		buf = binary.BigEndian.AppendUint64(buf, e.expiry)
	}
	d.scratch = buf[:0]
	return sha256.Sum256(buf)
}

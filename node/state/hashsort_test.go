package state

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// randomHashSet returns a replay set of n random hashes. In one of every
// shareEvery hashes the first byte is zero, so that buckets hold many
// hashes, and in one of every sameEvery the first 8 bytes copy another
// hash's, so that the sort compares whole hashes.
func randomHashSet(rng *rand.Rand, n, shareEvery, sameEvery int) *hashSet {
	s := newHashSet()
	var previous common.Hash
	for i := range n {
		var h common.Hash
		for j := range h {
			h[j] = byte(rng.IntN(256))
		}
		if shareEvery > 0 && i%shareEvery == 0 {
			h[0] = 0
		}
		if sameEvery > 0 && i%sameEvery == 0 && i > 0 {
			copy(h[:8], previous[:8])
		}
		if _, _, ok := s.lookup(h); ok {
			continue
		}
		s.add(h, uint64(i+1), 0)
		previous = h
	}
	return &s
}

func TestReplaySetSortedByHash(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	cases := []struct {
		n, shareEvery, sameEvery int
	}{
		{0, 0, 0}, {1, 0, 0}, {2, 0, 0}, {1000, 0, 0}, {5000, 3, 0}, {5000, 0, 4}, {3000, 2, 5},
		{1 << 17, 0, 0}, // more hashes than buckets
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%d hashes, share %d, same %d", c.n, c.shareEvery, c.sameEvery), func(t *testing.T) {
			s := randomHashSet(rng, c.n, c.shareEvery, c.sameEvery)
			keys := s.sortedSlots()
			if len(keys) != int(s.count) {
				t.Fatalf("%d slots sorted, the set holds %d", len(keys), s.count)
			}
			seen := make([]bool, s.count)
			for i, k := range keys {
				if seen[k.slot] {
					t.Fatalf("slot %d sorted twice", k.slot)
				}
				seen[k.slot] = true
				if k.prefix != s.prefix(k.slot) {
					t.Fatalf("slot %d has prefix %x, its hash starts with %x", k.slot, k.prefix, s.prefix(k.slot))
				}
				if i > 0 && bytes.Compare(s.at(keys[i-1].slot).hash[:], s.at(k.slot).hash[:]) >= 0 {
					t.Fatalf("hashes %d and %d out of order: %s, %s", i-1, i, s.at(keys[i-1].slot).hash, s.at(k.slot).hash)
				}
			}
		})
	}
}

// BenchmarkReplaySetSort compares sortedSlots with a comparison sort of
// the same set.
func BenchmarkReplaySetSort(b *testing.B) {
	s := randomHashSet(rand.New(rand.NewPCG(1, 1)), 1_000_000, 0, 0)
	b.Run("bucket", func(b *testing.B) {
		for b.Loop() {
			s.sortedSlots()
		}
	})
	b.Run("comparison", func(b *testing.B) {
		for b.Loop() {
			keys := make([]prefixSlot, s.count)
			for slot := range s.count {
				keys[slot] = prefixSlot{prefix: s.prefix(slot), slot: slot}
			}
			slices.SortFunc(keys, func(x, y prefixSlot) int {
				if x.prefix != y.prefix {
					if x.prefix < y.prefix {
						return -1
					}
					return 1
				}
				return bytes.Compare(s.at(x.slot).hash[:], s.at(y.slot).hash[:])
			})
		}
	})
}

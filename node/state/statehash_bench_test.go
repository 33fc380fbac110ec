package state

import (
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// BenchmarkStateHashReplaySet hashes a machine whose state is only its
// replay set of random order hashes, which grows with every order placed.
// Between two hashes it replaces changed of them, as the log batches
// between two state hashes place and prune orders. "all new" computes
// every digest afresh each time from the sorted set, as the first state
// hash of a restored machine does.
func BenchmarkStateHashReplaySet(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		for _, changed := range []int{0, 500, 5_000, -1} {
			name := fmt.Sprintf("%d hashes, %d changed", n, changed)
			if changed < 0 {
				name = fmt.Sprintf("%d hashes, all new", n)
			}
			b.Run(name, func(b *testing.B) {
				m := New()
				rng := rand.New(rand.NewPCG(1, 2))
				slots := make([]uint32, n)
				for i := range n {
					slots[i] = m.hashes.add(randomHash(rng), uint64(i+1), 0)
				}
				// The second hash starts tracking the buckets' members.
				for range 2 {
					if _, err := m.StateHash(); err != nil {
						b.Fatal(err)
					}
				}
				id := uint64(n)
				for b.Loop() {
					b.StopTimer()
					for range max(changed, 0) {
						i := rng.IntN(n)
						m.hashes.remove(slots[i])
						id++
						slots[i] = m.hashes.add(randomHash(rng), id, 0)
					}
					if changed < 0 {
						m.hashes.digests = &replayDigests{}
					}
					b.StartTimer()
					if _, err := m.StateHash(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func randomHash(rng *rand.Rand) common.Hash {
	var h common.Hash
	for j := 0; j < len(h); j += 8 {
		v := rng.Uint64()
		for k := range 8 {
			h[j+k] = byte(v >> (8 * k))
		}
	}
	return h
}

// BenchmarkWriteSnapshotReplaySet writes the snapshot of a machine whose
// state is only its replay set, with every hash replaced between two
// snapshots, as after a long run: the snapshot computes every bucket's
// digest for its state hash.
func BenchmarkWriteSnapshotReplaySet(b *testing.B) {
	const n = 1_000_000
	m := New()
	rng := rand.New(rand.NewPCG(1, 2))
	slots := make([]uint32, n)
	for i := range n {
		slots[i] = m.hashes.add(randomHash(rng), uint64(i+1), 0)
	}
	id := uint64(n)
	for b.Loop() {
		b.StopTimer()
		for i := range slots {
			m.hashes.remove(slots[i])
			id++
			slots[i] = m.hashes.add(randomHash(rng), id, 0)
		}
		b.StartTimer()
		if _, err := m.WriteSnapshot(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStateRestingOrders computes the state hash and writes the
// snapshot of a machine with resting orders, as the sequencer does while
// every entry waits.
func BenchmarkStateRestingOrders(b *testing.B) {
	for _, n := range []int{300_000} {
		m := placeOrders(b, n, heapOrder)
		// The first state hash computes the replay set's digests.
		if _, err := m.StateHash(); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("hash %d orders", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := m.StateHash(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("snapshot %d orders", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := m.WriteSnapshot(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

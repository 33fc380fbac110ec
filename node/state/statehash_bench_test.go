package state

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// BenchmarkStateHashReplaySet hashes a machine whose state is only its
// replay set of random order hashes, which grows with every order placed.
func BenchmarkStateHashReplaySet(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("%d hashes", n), func(b *testing.B) {
			m := New()
			rng := rand.New(rand.NewPCG(1, 2))
			for i := range n {
				var h common.Hash
				for j := 0; j < len(h); j += 8 {
					v := rng.Uint64()
					for k := range 8 {
						h[j+k] = byte(v >> (8 * k))
					}
				}
				m.hashes.add(h, uint64(i+1), 0)
			}
			for b.Loop() {
				if _, err := m.StateHash(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

package ledger

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/holiman/uint256"
)

// TestHoldTableMatchesMap applies random puts and deletes to a hold table
// and to a map, and checks after every step that they contain the same
// holds and that the table frees its chunks but one as it shrinks.
func TestHoldTableMatchesMap(t *testing.T) {
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (rerun with -seed=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 2))

	var table holdTable
	want := map[uint64]uint64{}
	for step := range 60_000 {
		order := uint64(1 + rng.IntN(3*holdChunkLen))
		// The first half grows the table, the second half shrinks it.
		if rng.IntN(60_000) < step {
			table.delete(order)
			delete(want, order)
		} else {
			amount := rng.Uint64()
			table.put(order, hold{amount: *uint256.NewInt(amount)})
			want[order] = amount
		}
		if table.count != len(want) || table.ids.Len() != len(want) {
			t.Fatalf("step %d: table contains %d holds (index %d), the map %d", step, table.count, table.ids.Len(), len(want))
		}
		if used := (table.count + holdChunkLen - 1) / holdChunkLen; len(table.chunks) < used || len(table.chunks) > used+1 {
			t.Fatalf("step %d: %d holds in %d chunks, expected %d or one more", step, table.count, len(table.chunks), used)
		}
		probe := uint64(1 + rng.IntN(3*holdChunkLen))
		h, ok := table.get(probe)
		amount, present := want[probe]
		if ok != present || ok && h.amount.Uint64() != amount {
			t.Fatalf("step %d: hold of order %d is %v %s, the map has %v %d", step, probe, ok, h.amount.Dec(), present, amount)
		}
	}
	for _, order := range table.sortedOrders() {
		if h, _ := table.get(order); h.amount.Uint64() != want[order] {
			t.Fatalf("hold of order %d is %s at the end, expected %d", order, h.amount.Dec(), want[order])
		}
	}
}

package matching

import (
	"math/rand/v2"
	"testing"
	"unsafe"
)

// TestIndexesOnLargeBook places and cancels orders with random ids at
// random prices on a book that grows to thousands of orders and pages, so
// that the id and page indexes resize and run long, and compares every
// lookup with a plain map.
func TestIndexesOnLargeBook(t *testing.T) {
	const steps, checkEvery, priceSpan = 60_000, 5_000, 1 << 16
	for _, seed := range testSeeds(t, 2) {
		rng := rand.New(rand.NewPCG(seed, 0x1d))
		cfg := testConfig()
		cfg.MaxPrice, cfg.MaxRestingOrders = 1<<40, 1<<20
		book, err := NewBook(cfg)
		if err != nil {
			t.Fatal(err)
		}
		open := map[uint64]uint64{} // id -> price
		var ids []uint64
		var events []Event
		for step := 0; step < steps; step++ {
			if len(ids) > 0 && rng.IntN(5) < 2 {
				k := rng.IntN(len(ids))
				id := ids[k]
				ids[k] = ids[len(ids)-1]
				ids = ids[:len(ids)-1]
				delete(open, id)
				if events, err = book.Apply(Cancel(id), events[:0]); err != nil {
					t.Fatalf("seed %d (rerun with -seed=%d), step %d: cancel %d: %v", seed, seed, step, id, err)
				}
			} else {
				id := rng.Uint64() | 1
				if _, dup := open[id]; dup {
					continue
				}
				// Bids below 1<<30, asks above, so that nothing trades.
				side, price := Buy, (1<<30)-1-uint64(rng.IntN(priceSpan))
				if rng.IntN(2) == 0 {
					side, price = Sell, (1<<30)+uint64(rng.IntN(priceSpan))
				}
				cmd := Command{Type: CommandPlace, OrderID: id, Owner: 1, Side: side, Price: price, Quantity: 1}
				if events, err = book.Apply(cmd, events[:0]); err != nil {
					t.Fatalf("seed %d (rerun with -seed=%d), step %d: place %d: %v", seed, seed, step, id, err)
				}
				open[id] = price
				ids = append(ids, id)
			}

			probe := rng.Uint64()
			if len(ids) > 0 && rng.IntN(2) == 0 {
				probe = ids[rng.IntN(len(ids))]
			}
			price, want := open[probe]
			if o, got := book.Order(probe); got != want || (got && o.Price != price) {
				t.Fatalf("seed %d (rerun with -seed=%d), step %d: Order(%d) = %+v, %v; expected price %d, %v",
					seed, seed, step, probe, o, got, price, want)
			}
			if step%checkEvery == checkEvery-1 {
				if err := book.CheckInvariants(); err != nil {
					t.Fatalf("seed %d (rerun with -seed=%d), step %d: %v", seed, seed, step, err)
				}
			}
		}
		if book.RestingOrders() != len(open) {
			t.Fatalf("seed %d: %d resting orders, expected %d", seed, book.RestingOrders(), len(open))
		}
		t.Logf("seed %d: %d open orders on %d bid and %d ask levels", seed, len(open), book.Levels(Buy), book.Levels(Sell))
	}
}

// TestSlabEntrySizes guards the sizes that keep an order on one cache line
// and a level on half of one.
func TestSlabEntrySizes(t *testing.T) {
	if n := unsafe.Sizeof(order{}); n != 64 {
		t.Errorf("order is %d bytes, expected 64", n)
	}
	if n := unsafe.Sizeof(level{}); n != 32 {
		t.Errorf("level is %d bytes, expected 32", n)
	}
	if n := unsafe.Sizeof(pageSlots{}); n != 64 {
		t.Errorf("page slots are %d bytes, expected 64", n)
	}
}

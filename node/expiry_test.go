package node

import (
	"context"
	"testing"
	"time"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/state"
)

// placers is the number of goroutines that place the test's orders.
const placers = 32

// TestExpiryBacklogDrainsBeforeNextTick places more orders with one
// expiry than one tick expires, and advances the clock past the expiry
// once. The sequencer must log the extra ticks itself instead of waiting
// a tick interval for each.
func TestExpiryBacklogDrainsBeforeNextTick(t *testing.T) {
	tn := startTestNode(t, "", func(c *Config) { c.TickInterval = time.Hour })
	tn.deposit(1, tokenUSDC, 1e18)
	n := matching.ExpiriesPerCommandMax + 50
	expiry := uint64(testStart.Unix()) + state.ExpiryMarginSeconds + 3
	orders := make(chan *state.SignedOrder, n)
	for i := range n {
		o := tn.order(1, eip712.Buy, 10_000-uint64(i%100), 1)
		o.Order.TimeInForce = eip712.GTD
		o.Order.Expiry = expiry
		orders <- signOrder(o.Order, traderKey(1))
	}
	close(orders)
	// Concurrent requests share the sequencer's rounds, which is much
	// faster than one round per order.
	errs := make(chan error, placers)
	for range placers {
		go func() {
			var first error
			for o := range orders {
				if _, err := tn.PlaceOrder(context.Background(), o); err != nil && first == nil {
					first = err
				}
			}
			errs <- first
		}()
	}
	for range placers {
		if err := <-errs; err != nil {
			t.Fatalf("place: %v", err)
		}
	}
	if held := tn.balance(1, tokenUSDC).Held; held.IsZero() {
		t.Fatal("no quote held with the orders resting")
	}

	tn.clock.Advance(time.Hour) // one tick, 3 s after the book expiry
	waitFor(t, "every order to expire", func() bool {
		held := tn.balance(1, tokenUSDC).Held
		return held.IsZero()
	})
	tn.mu.RLock()
	pending := tn.machine.ExpiriesPending()
	tn.mu.RUnlock()
	if pending {
		t.Error("ExpiriesPending is true after every order expired")
	}
}

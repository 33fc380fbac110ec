package p2p

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// startMarketHosts starts n hosts with order recorders, connected in a
// ring (one link for two hosts), all in testMarket's topic with a formed
// mesh.
// A non-nil edit changes each host's configuration first.
func startMarketHosts(t *testing.T, n int, edit func(i int, cfg *Config)) ([]*Host, []*orderRecorder) {
	t.Helper()
	hosts := make([]*Host, n)
	recorders := make([]*orderRecorder, n)
	for i := range hosts {
		recorders[i] = newOrderRecorder()
		cfg := testConfig(t)
		if edit != nil {
			edit(i, &cfg)
		}
		hosts[i] = startHost(t, cfg, Handlers{Orders: recorders[i]})
		if err := hosts[i].JoinMarket(testMarket); err != nil {
			t.Fatal(err)
		}
	}
	for i := range hosts {
		if n == 2 && i == 1 {
			break
		}
		connect(t, hosts[i], hosts[(i+1)%n])
	}
	neighbours := min(2, n-1)
	waitMesh(t, OrderTopic(testMarket), neighbours, hosts...)
	return hosts, recorders
}

func TestGossipOrdersTwoHosts(t *testing.T) {
	testGossipOrders(t, 2, 10)
}

func TestGossipOrdersFiveHosts(t *testing.T) {
	testGossipOrders(t, 5, 25)
}

// testGossipOrders publishes orders round-robin from every host and checks
// that each host but the publisher gets each order exactly once, with the
// content hash as message id.
func testGossipOrders(t *testing.T, hostCount, orderCount int) {
	hosts, recorders := startMarketHosts(t, hostCount, nil)
	ctx := context.Background()

	ids := make([]string, orderCount)
	publisher := make([]int, orderCount)
	for i := range orderCount {
		order := signOrder(t, testKey(t, fmt.Sprintf("trader %d", i%3)), uint64(i))
		ids[i] = MessageID(encodeOrder(t, order))
		publisher[i] = i % hostCount
		if err := hosts[publisher[i]].PublishOrder(ctx, testExchange, order); err != nil {
			t.Fatalf("publish order %d: %v", i, err)
		}
	}

	for h, rec := range recorders {
		expected := orderCount - countOf(publisher, h)
		waitFor(t, fmt.Sprintf("host %d to receive %d orders", h, expected), func() bool { return rec.count() >= expected })
	}
	// A last order published from every host and received everywhere
	// flushes duplicates still in flight before the counts are checked.
	flushOrders(t, hosts, recorders, orderCount)

	for h, rec := range recorders {
		for i, id := range ids {
			expected := 1
			if publisher[i] == h {
				expected = 0
			}
			if got := rec.deliveries(id); got != expected {
				t.Errorf("host %d got order %d %d times, expected %d", h, i, got, expected)
			}
		}
		for _, m := range rec.messages() {
			if m.Hash == ([32]byte{}) || m.From == "" {
				t.Errorf("host %d got a message without hash or sender: %+v", h, m)
			}
		}
	}
	checkNoPenalties(t, hosts)
}

// checkNoPenalties fails when honest hosts dropped each other's messages
// or banned each other.
func checkNoPenalties(t *testing.T, hosts []*Host) {
	t.Helper()
	for i, h := range hosts {
		for _, reason := range []string{reasonReplay, reasonRateLimited, reasonSignature, reasonMalformed} {
			if got := counter(h.metrics.rejected, "orders", reason); got != 0 {
				t.Errorf("host %d dropped %v honest messages for reason %s", i, got, reason)
			}
		}
		if bans := testutil.ToFloat64(h.metrics.bans); bans != 0 {
			t.Errorf("host %d banned %v honest peers", i, bans)
		}
	}
}

func countOf(values []int, v int) int {
	n := 0
	for _, x := range values {
		if x == v {
			n++
		}
	}
	return n
}

// flushOrders publishes one more order from each host and waits until
// every other host has it.
func flushOrders(t *testing.T, hosts []*Host, recorders []*orderRecorder, nonceBase int) {
	t.Helper()
	for i, h := range hosts {
		order := signOrder(t, testKey(t, "flush"), uint64(nonceBase+1000+i))
		if err := h.PublishOrder(context.Background(), testExchange, order); err != nil {
			t.Fatal(err)
		}
		id := MessageID(encodeOrder(t, order))
		for j, rec := range recorders {
			if j != i {
				waitFor(t, fmt.Sprintf("host %d to receive the flush order of host %d", j, i), func() bool { return rec.deliveries(id) == 1 })
			}
		}
	}
}

// One order submitted to two nodes at once is one message: every host
// gets it once, under the same id, whichever node's copy arrives first.
func TestGossipSameOrderFromTwoPublishers(t *testing.T) {
	hosts, recorders := startMarketHosts(t, 5, nil)
	order := signOrder(t, testKey(t, "trader"), 99)
	id := MessageID(encodeOrder(t, order))

	errs := make(chan error, 2)
	for _, i := range []int{0, 3} {
		go func() { errs <- hosts[i].PublishOrder(context.Background(), testExchange, order) }()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range []int{1, 2, 4} {
		waitFor(t, fmt.Sprintf("host %d to receive the order", h), func() bool { return recorders[h].deliveries(id) == 1 })
	}
	flushOrders(t, hosts, recorders, 99)

	for h, rec := range recorders {
		got := rec.deliveries(id)
		switch {
		case h == 0 || h == 3:
			// A publisher gets the other's copy if it arrives before its
			// own publish marks the order seen.
			if got > 1 {
				t.Errorf("publisher %d got the order %d times, expected at most once", h, got)
			}
		case got != 1:
			t.Errorf("host %d got the order %d times, expected once", h, got)
		}
		for _, m := range rec.messages() {
			if *m.Order == *order && m.ID != id {
				t.Errorf("host %d got the order under id %s, expected %s", h, m.ID, id)
			}
		}
	}
	checkNoPenalties(t, hosts)
	// A host that already has the order republishes nothing.
	if err := hosts[1].PublishOrder(context.Background(), testExchange, order); err != nil {
		t.Fatalf("republish: %v", err)
	}
}

func TestGossipCancel(t *testing.T) {
	hosts, recorders := startMarketHosts(t, 2, nil)
	trader := testKey(t, "trader")
	order := signOrder(t, trader, 1)
	cancel := signCancel(t, trader, testExchange.Domain().OrderHash(order.Order))
	if err := hosts[0].PublishCancel(context.Background(), testMarket, cancel); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the cancel", func() bool { return recorders[1].count() == 1 })
	got := recorders[1].messages()[0]
	if got.Cancel == nil || *got.Cancel != *cancel {
		t.Fatalf("received %+v, expected the cancel", got)
	}
	if got.Hash != testExchange.Domain().CancelHash(cancel.Cancel) {
		t.Errorf("hash %s is not the cancel digest", got.Hash)
	}
}

func TestPublishToUnjoinedMarket(t *testing.T) {
	h := startHost(t, testConfig(t), Handlers{})
	order := signOrder(t, testKey(t, "trader"), 1)
	if err := h.PublishOrder(context.Background(), testExchange, order); !errors.Is(err, ErrNotJoined) {
		t.Fatalf("error %v, expected %v", err, ErrNotJoined)
	}
	if err := h.JoinMarket(testMarket); err != nil {
		t.Fatal(err)
	}
	if err := h.JoinMarket(testMarket); !errors.Is(err, ErrAlreadyJoined) {
		t.Fatalf("second join: error %v, expected %v", err, ErrAlreadyJoined)
	}
	if err := h.LeaveMarket(testMarket); err != nil {
		t.Fatalf("leave: %v", err)
	}
	if err := h.PublishOrder(context.Background(), testExchange, order); !errors.Is(err, ErrNotJoined) {
		t.Fatalf("after leaving: error %v, expected %v", err, ErrNotJoined)
	}
	if err := h.JoinMarket(testMarket); err != nil {
		t.Fatalf("join again: %v", err)
	}
}

// An expired order is dropped without penalty.
func TestGossipDropsExpiredOrder(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	// The publisher's clock is an hour behind, so only the receiver finds
	// the order expired.
	hosts, recorders := startMarketHosts(t, 2, func(i int, cfg *Config) {
		clock := now.Add(time.Duration(i-1) * time.Hour)
		cfg.Now = func() time.Time { return clock }
	})

	trader := testKey(t, "trader")
	order := signOrder(t, trader, 1)
	order.Order.Expiry = uint64(now.Unix() - 1)
	_, sig, err := testExchange.Domain().SignOrder(order.Order, trader)
	if err != nil {
		t.Fatal(err)
	}
	order.Signature = sig
	if err := hosts[0].PublishOrder(context.Background(), testExchange, order); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the expired order to be dropped", func() bool {
		return counter(hosts[1].metrics.rejected, "orders", reasonExpired) == 1
	})
	if recorders[1].count() != 0 {
		t.Fatal("the expired order was delivered")
	}
}

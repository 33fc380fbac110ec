package p2p

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestJoinMarketToPublish checks that a host joined only to publish
// reaches a subscribed peer directly, and neither delivers nor relays
// other peers' orders.
func TestJoinMarketToPublish(t *testing.T) {
	subscriber := newOrderRecorder()
	sequencer := startHost(t, testConfig(t), Handlers{Orders: subscriber})
	if err := sequencer.JoinMarket(testMarket); err != nil {
		t.Fatal(err)
	}
	publishers := make([]*Host, 2)
	recorders := make([]*orderRecorder, 2)
	for i := range publishers {
		recorders[i] = newOrderRecorder()
		publishers[i] = startHost(t, testConfig(t), Handlers{Orders: recorders[i]})
		if err := publishers[i].JoinMarketToPublish(testMarket); err != nil {
			t.Fatal(err)
		}
		connect(t, publishers[i], sequencer)
	}
	connect(t, publishers[0], publishers[1])
	topic := OrderTopic(testMarket)
	for i, p := range publishers {
		waitFor(t, "publisher to see the sequencer's subscription", func() bool { return p.TopicPeers(topic) == 1 })
		if got := sequencer.TopicPeers(topic); got != 0 {
			t.Fatalf("sequencer sees %d subscribed peers after publisher %d joined, expected 0", got, i)
		}
	}

	ctx := context.Background()
	key := testKey(t, "trader")
	for i, p := range publishers {
		if err := p.PublishOrder(ctx, testExchange, signOrder(t, key, uint64(i+1))); err != nil {
			t.Fatalf("publish from publisher %d: %v", i, err)
		}
	}
	if err := sequencer.PublishOrder(ctx, testExchange, signOrder(t, key, 3)); err != nil {
		t.Fatalf("publish from the sequencer: %v", err)
	}
	waitFor(t, "the sequencer to receive both orders", func() bool { return subscriber.count() == 2 })

	// The publishers do not subscribe, so the sequencer's own order goes
	// nowhere and nothing is delivered to them.
	time.Sleep(300 * time.Millisecond)
	for i, rec := range recorders {
		if got := rec.count(); got != 0 {
			t.Errorf("publisher %d delivered %d orders, expected none", i, got)
		}
	}
	if got := subscriber.count(); got != 2 {
		t.Errorf("sequencer delivered %d orders, expected 2", got)
	}
}

func TestJoinMarketToPublishTwice(t *testing.T) {
	h := startHost(t, testConfig(t), Handlers{})
	if err := h.JoinMarketToPublish(testMarket); err != nil {
		t.Fatal(err)
	}
	if err := h.JoinMarket(testMarket); !errors.Is(err, ErrAlreadyJoined) {
		t.Fatalf("second join: error %v, expected ErrAlreadyJoined", err)
	}
	if err := h.LeaveMarket(testMarket); err != nil {
		t.Fatalf("leave: %v", err)
	}
	if err := h.JoinMarket(testMarket); err != nil {
		t.Fatalf("join after leaving: %v", err)
	}
}

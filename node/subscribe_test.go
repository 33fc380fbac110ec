package node

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/rpc"
)

// next returns the subscription's next event or fails after 10 s.
func next(t *testing.T, sub rpc.Subscription) any {
	t.Helper()
	select {
	case ev, ok := <-sub.Events():
		if !ok {
			t.Fatalf("subscription ended: %v", sub.Err())
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for an event")
	}
	return nil
}

func TestBookSubscriptionSnapshotThenUpdates(t *testing.T) {
	tn := startTestNode(t, "", nil)
	tn.deposit(1, tokenUSDC, 1000*usdc)
	tn.deposit(2, tokenTHAL, 500*thal)
	tn.place(tn.order(2, eip712.Sell, 9_500, 10))

	sub, err := tn.Subscribe(context.Background(), rpc.Topic{Kind: rpc.TopicBook, Symbol: "THAL/USDC"})
	if err != nil {
		t.Fatalf("subscribe: %v", err)
	}
	defer sub.Unsubscribe()
	snap, ok := next(t, sub).(rpc.BookSnapshot)
	if !ok || len(snap.Asks) != 1 || snap.Asks[0].Quantity != 10 {
		t.Fatalf("first event %+v, expected a snapshot with 10 lots asked", snap)
	}

	tn.place(tn.order(1, eip712.Buy, 9_000, 3))
	ack := tn.place(tn.order(1, eip712.Buy, 9_500, 4))
	want := []struct {
		side     eip712.Side
		price    uint64
		quantity uint64
	}{{eip712.Buy, 9_000, 3}, {eip712.Sell, 9_500, 6}}
	for i, w := range want {
		u, ok := next(t, sub).(rpc.BookUpdate)
		if !ok {
			t.Fatalf("event %d is not a book update", i)
		}
		if u.Sequence != snap.Sequence+uint64(i)+1 {
			t.Fatalf("update %d has sequence %d, expected %d", i, u.Sequence, snap.Sequence+uint64(i)+1)
		}
		c := u.Changes[0]
		if len(u.Changes) != 1 || uint8(c.Side) != uint8(w.side) || c.Price != w.price || c.Quantity != w.quantity {
			t.Fatalf("update %d changes %+v, expected %d lots at %d", i, u.Changes, w.quantity, w.price)
		}
	}
	book, _ := tn.OrderBook("THAL/USDC", 10)
	if book.Sequence != snap.Sequence+2 {
		t.Fatalf("order book sequence %d after two updates from %d", book.Sequence, snap.Sequence)
	}
	if ack.Seq == 0 {
		t.Fatalf("ack without seq")
	}
}

func TestTraderSubscriptionsSeeOrdersBalancesTrades(t *testing.T) {
	tn := startTestNode(t, "", nil)
	tn.deposit(1, tokenUSDC, 1000*usdc)
	tn.deposit(2, tokenTHAL, 500*thal)
	ctx := context.Background()
	orders, err := tn.Subscribe(ctx, rpc.Topic{Kind: rpc.TopicOrders, Trader: traderAddr(2)})
	if err != nil {
		t.Fatal(err)
	}
	balances, err := tn.Subscribe(ctx, rpc.Topic{Kind: rpc.TopicBalances, Trader: traderAddr(2)})
	if err != nil {
		t.Fatal(err)
	}
	trades, err := tn.Subscribe(ctx, rpc.Topic{Kind: rpc.TopicTrades, Symbol: "THAL/USDC"})
	if err != nil {
		t.Fatal(err)
	}

	sell := tn.place(tn.order(2, eip712.Sell, 9_500, 10))
	if o := next(t, orders).(rpc.OrderInfo); o.Hash != sell.Order.Hash || o.Status != state.StatusOpen {
		t.Fatalf("orders event %+v, expected the open sell", o)
	}
	if b := next(t, balances).(ledger.Balance); b.Held.Uint64() != 10*thal {
		t.Fatalf("balances event held %s, expected %d", b.Held.Dec(), uint64(10*thal))
	}
	tn.place(tn.order(1, eip712.Buy, 9_500, 10))
	if tr := next(t, trades).(state.Trade); tr.MakerOrder != sell.Order.Hash || tr.Quantity != 10 {
		t.Fatalf("trades event %+v, expected 10 lots against the sell", tr)
	}
	if o := next(t, orders).(rpc.OrderInfo); o.Status != state.StatusFilled || o.Time != sell.Time {
		t.Fatalf("orders event %+v, expected the sell filled with its placement time", o)
	}
}

func TestSlowSubscriberIsDropped(t *testing.T) {
	tn := startTestNode(t, "", func(c *Config) { c.SubscriberEventsMax = 2 })
	tn.deposit(1, tokenUSDC, 1000*usdc)
	slow, err := tn.Subscribe(context.Background(), rpc.Topic{Kind: rpc.TopicOrders, Trader: traderAddr(1)})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		tn.place(tn.order(1, eip712.Buy, 100, 1))
	}
	drained := 0
	for range slow.Events() {
		drained++
	}
	if drained != 2 {
		t.Fatalf("slow subscriber got %d events before it was dropped, expected its buffer of 2", drained)
	}
	mustErrorIs(t, slow.Err(), ErrSubscriberTooSlow, "slow subscriber's error")
}

func TestSubscriptionEndsWithItsContext(t *testing.T) {
	tn := startTestNode(t, "", nil)
	ctx, cancel := context.WithCancel(context.Background())
	sub, err := tn.Subscribe(ctx, rpc.Topic{Kind: rpc.TopicTrades, Symbol: "WETH/USDC"})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	for range sub.Events() {
	}
	if err := sub.Err(); err != nil {
		t.Fatalf("subscription ended by its context reports %v, expected nil", err)
	}
}

func TestSubscribeRejectsBadTopics(t *testing.T) {
	tn := startTestNode(t, "", nil)
	ctx := context.Background()
	_, err := tn.Subscribe(ctx, rpc.Topic{Kind: rpc.TopicBook, Symbol: "DOGE/USDC"})
	mustErrorIs(t, err, rpc.ErrNotFound, "book of an unlisted market")
	_, err = tn.Subscribe(ctx, rpc.Topic{Kind: rpc.TopicOrders})
	mustErrorIs(t, err, ErrInvalidTopic, "orders without a trader")
	_, err = tn.Subscribe(ctx, rpc.Topic{Kind: "candles", Trader: common.Address{1}})
	mustErrorIs(t, err, ErrInvalidTopic, "unknown topic kind")
}

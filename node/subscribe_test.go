package node

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
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
	if o := nextEvent[rpc.OrderEvent](t, orders).Order; o.Hash != sell.Order.Hash || o.Status != state.StatusOpen {
		t.Fatalf("orders event %+v, expected the open sell", o)
	}
	if b := nextEvent[rpc.BalanceEvent](t, balances).Balance; b.Held.Uint64() != 10*thal {
		t.Fatalf("balances event held %s, expected %d", b.Held.Dec(), uint64(10*thal))
	}
	tn.place(tn.order(1, eip712.Buy, 9_500, 10))
	if tr := next(t, trades).(state.Trade); tr.MakerOrder != sell.Order.Hash || tr.Quantity != 10 {
		t.Fatalf("trades event %+v, expected 10 lots against the sell", tr)
	}
	if o := nextEvent[rpc.OrderEvent](t, orders).Order; o.Status != state.StatusFilled || o.Time != sell.Time {
		t.Fatalf("orders event %+v, expected the sell filled with its placement time", o)
	}
}

// nextEvent returns the subscription's next event, which must be a T.
func nextEvent[T any](t *testing.T, sub rpc.Subscription) T {
	t.Helper()
	ev := next(t, sub)
	typed, ok := ev.(T)
	if !ok {
		t.Fatalf("event of type %T, expected %T", ev, *new(T))
	}
	return typed
}

func TestTraderEventsCarryEntrySeq(t *testing.T) {
	tn := startTestNode(t, "", nil)
	checkEventSeqs(t, tn, tn)
}

// seqWatch contains the subscriptions of checkEventSeqs at one node.
type seqWatch struct {
	role     Role
	orders   rpc.Subscription
	balances rpc.Subscription
	trades   rpc.Subscription
}

// checkEventSeqs subscribes at each watched node to trader 2's orders and
// balances and to the THAL/USDC trades. It then submits a deposit, a sell,
// a buy that fills part of the sell, and a cancel at the sequencer. Every
// event must carry the seq of the entry that caused it, which is the seq of
// the reply, of the entry in the sequencer's log and of the trade.
func checkEventSeqs(t *testing.T, sequencer *testNode, watched ...*testNode) {
	t.Helper()
	watches := make([]seqWatch, len(watched))
	for i, n := range watched {
		watches[i] = seqWatch{
			role:     n.cfg.Role,
			orders:   subscribeTopic(t, n, rpc.Topic{Kind: rpc.TopicOrders, Trader: traderAddr(2)}),
			balances: subscribeTopic(t, n, rpc.Topic{Kind: rpc.TopicBalances, Trader: traderAddr(2)}),
			trades:   subscribeTopic(t, n, rpc.Topic{Kind: rpc.TopicTrades, Symbol: "THAL/USDC"}),
		}
	}

	depositSeq := sequencer.deposit(2, tokenTHAL, 500*thal)
	if e := loggedEntry(t, sequencer, depositSeq); e.Type != state.EntryDeposit || e.Deposit.Trader != traderAddr(2) {
		t.Fatalf("log entry %d is a %s, expected the deposit of trader 2", depositSeq, e.Type)
	}
	for _, w := range watches {
		if b := nextEvent[rpc.BalanceEvent](t, w.balances); b.Seq != depositSeq {
			t.Fatalf("%s's balances event of the deposit has seq %d, expected %d", w.role, b.Seq, depositSeq)
		}
	}

	sell := sequencer.place(sequencer.order(2, eip712.Sell, 9_500, 10))
	if e := loggedEntry(t, sequencer, sell.Seq); e.Type != state.EntryPlaceOrder || e.Order.Order != sell.Order.Order {
		t.Fatalf("log entry %d is a %s, expected the sell", sell.Seq, e.Type)
	}
	for _, w := range watches {
		if o := nextEvent[rpc.OrderEvent](t, w.orders); o.Seq != sell.Seq {
			t.Fatalf("%s's orders event of the sell has seq %d, expected %d", w.role, o.Seq, sell.Seq)
		}
		if b := nextEvent[rpc.BalanceEvent](t, w.balances); b.Seq != sell.Seq {
			t.Fatalf("%s's balances event of the sell has seq %d, expected %d", w.role, b.Seq, sell.Seq)
		}
	}

	sequencer.deposit(1, tokenUSDC, 1000*usdc)
	buy := sequencer.place(sequencer.order(1, eip712.Buy, 9_500, 4))
	if e := loggedEntry(t, sequencer, buy.Seq); e.Type != state.EntryPlaceOrder || e.Order.Order != buy.Order.Order {
		t.Fatalf("log entry %d is a %s, expected the buy", buy.Seq, e.Type)
	}
	for _, w := range watches {
		checkFillSeqs(t, w, buy.Seq)
	}

	cancel := sequencer.cancel(2, sell.Order.Hash)
	if e := loggedEntry(t, sequencer, cancel.Seq); e.Type != state.EntryCancelOrder || e.Cancel.Cancel.OrderHash != sell.Order.Hash {
		t.Fatalf("log entry %d is a %s, expected the cancel of the sell", cancel.Seq, e.Type)
	}
	for _, w := range watches {
		o := nextEvent[rpc.OrderEvent](t, w.orders)
		if o.Order.Status != state.StatusCancelled {
			t.Fatalf("%s's orders event after the cancel has status %s, expected %s", w.role, o.Order.Status, state.StatusCancelled)
		}
		if o.Seq != cancel.Seq {
			t.Fatalf("%s's orders event of the cancel has seq %d, expected %d", w.role, o.Seq, cancel.Seq)
		}
		if b := nextEvent[rpc.BalanceEvent](t, w.balances); b.Seq != cancel.Seq {
			t.Fatalf("%s's balances event of the cancel has seq %d, expected %d", w.role, b.Seq, cancel.Seq)
		}
	}
}

// checkFillSeqs checks that the trade of the buy at seq, the sell's orders
// event and the seller's two balances events (THAL held, USDC pending
// settlement) all carry seq.
func checkFillSeqs(t *testing.T, w seqWatch, seq uint64) {
	t.Helper()
	tr := nextEvent[state.Trade](t, w.trades)
	if tr.Seq != seq {
		t.Fatalf("%s's trade of the buy has seq %d, expected %d", w.role, tr.Seq, seq)
	}

	o := nextEvent[rpc.OrderEvent](t, w.orders)
	if o.Order.Filled != 4 {
		t.Fatalf("%s's orders event after the buy has %d lots filled, expected 4", w.role, o.Order.Filled)
	}
	if o.Seq != tr.Seq {
		t.Fatalf("%s's orders event of the fill has seq %d, expected its trade's seq %d", w.role, o.Seq, tr.Seq)
	}

	tokens := map[common.Address]bool{}
	for range 2 {
		b := nextEvent[rpc.BalanceEvent](t, w.balances)
		tokens[b.Balance.Asset.Token] = true
		if b.Seq != tr.Seq {
			t.Fatalf("%s's balances event of the fill in token %s has seq %d, expected its trade's seq %d",
				w.role, b.Balance.Asset.Token, b.Seq, tr.Seq)
		}
	}
	if !tokens[tokenTHAL] || !tokens[tokenUSDC] {
		t.Fatalf("%s's balances events of the fill are in tokens %v, expected THAL and USDC", w.role, tokens)
	}
}

// subscribeTopic subscribes at a node until the test ends.
func subscribeTopic(t *testing.T, tn *testNode, topic rpc.Topic) rpc.Subscription {
	t.Helper()
	sub, err := tn.Subscribe(context.Background(), topic)
	if err != nil {
		t.Fatalf("subscribe to %s: %v", topic.Kind, err)
	}
	t.Cleanup(sub.Unsubscribe)
	return sub
}

// loggedEntry reads and decodes the durable entry at seq of a node's log.
func loggedEntry(t *testing.T, tn *testNode, seq uint64) state.Entry {
	t.Helper()
	entries, err := tn.store.ReadLog(seq, 1, 1<<20)
	if err != nil {
		t.Fatalf("read log entry %d: %v", seq, err)
	}
	if len(entries) != 1 || entries[0].Seq != seq {
		t.Fatalf("reading log entry %d returned %d entries", seq, len(entries))
	}
	e, err := state.DecodeEntry(entries[0].Payload)
	if err != nil {
		t.Fatalf("decode log entry %d: %v", seq, err)
	}
	return e
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

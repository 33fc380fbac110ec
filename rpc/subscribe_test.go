package rpc

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/gorilla/websocket"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/state"
)

// notification waits for the next message of a subscription.
func notification(t *testing.T, ch <-chan json.RawMessage, sub *gethrpc.ClientSubscription) json.RawMessage {
	t.Helper()
	select {
	case msg := <-ch:
		return msg
	case err := <-sub.Err():
		t.Fatalf("subscription ended: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for a notification")
	}
	return nil
}

func subscribe(t *testing.T, c *gethrpc.Client, args ...any) (<-chan json.RawMessage, *gethrpc.ClientSubscription) {
	t.Helper()
	ch := make(chan json.RawMessage, 256)
	sub, err := c.Subscribe(context.Background(), "thx", ch, args...)
	if err != nil {
		t.Fatalf("subscribe %v: %v", args, err)
	}
	t.Cleanup(sub.Unsubscribe)
	return ch, sub
}

// localBook is a client's copy of a market's depth, built from a snapshot
// and numbered updates.
type localBook struct {
	sequence uint64
	levels   map[string]string // "side price" -> quantity
}

func newLocalBook(t *testing.T, raw json.RawMessage) *localBook {
	t.Helper()
	var snap BookJSON
	if err := json.Unmarshal(raw, &snap); err != nil || snap.Type != "snapshot" {
		t.Fatalf("first book notification %s is not a snapshot (%v)", raw, err)
	}
	b := &localBook{sequence: snap.Sequence, levels: map[string]string{}}
	for _, l := range snap.Bids {
		b.levels["buy "+l.Price] = l.Quantity
	}
	for _, l := range snap.Asks {
		b.levels["sell "+l.Price] = l.Quantity
	}
	return b
}

// apply applies an update and fails on a gap in the numbering.
func (b *localBook) apply(t *testing.T, raw json.RawMessage) BookUpdateJSON {
	t.Helper()
	var u BookUpdateJSON
	if err := json.Unmarshal(raw, &u); err != nil || u.Type != "update" {
		t.Fatalf("book notification %s is not an update (%v)", raw, err)
	}
	if u.Sequence != b.sequence+1 {
		t.Fatalf("update sequence %d after %d: a gap", u.Sequence, b.sequence)
	}
	b.sequence = u.Sequence
	for _, c := range u.Changes {
		key := c.Side + " " + c.Price
		if c.QuantityLots == 0 {
			delete(b.levels, key)
		} else {
			b.levels[key] = c.Quantity
		}
	}
	return u
}

// matches checks the local book against thx_orderBook.
func (b *localBook) matches(t *testing.T, c *gethrpc.Client) {
	t.Helper()
	var book BookJSON
	if err := c.Call(&book, "thx_orderBook", "THAL/USDC", 1000); err != nil {
		t.Fatalf("thx_orderBook: %v", err)
	}
	if book.Sequence != b.sequence {
		t.Fatalf("book sequence %d, local %d", book.Sequence, b.sequence)
	}
	want := map[string]string{}
	for _, l := range book.Bids {
		want["buy "+l.Price] = l.Quantity
	}
	for _, l := range book.Asks {
		want["sell "+l.Price] = l.Quantity
	}
	if fmt.Sprint(want) != fmt.Sprint(b.levels) {
		t.Fatalf("local book %v, node's book %v", b.levels, want)
	}
}

func TestBookSubscriptionSequence(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.wsClient()
	alice, bob := newTrader(t, "alice"), newTrader(t, "bob")
	ts.fund(alice)
	ts.fund(bob)
	alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "1.5", "0.05"))

	ch, sub := subscribe(t, c, "book", "THAL/USDC")
	book := newLocalBook(t, notification(t, ch, sub))
	if book.sequence != 1 || book.levels["sell 1.5"] != "0.05" {
		t.Fatalf("snapshot %+v", book)
	}

	orders := []struct {
		account               *trader
		side, price, quantity string
	}{
		{alice, "sell", "1.6", "0.1"},
		{bob, "buy", "1.4", "0.2"},
		{bob, "buy", "1.5", "0.03"}, // takes 3 of 5 lots at 1.5
		{bob, "buy", "1.55", "0.1"}, // takes the rest at 1.5, rests 8 lots
		{alice, "sell", "1.4", "0.3"},
	}
	for i, o := range orders {
		ack := o.account.mustPlace(t, c, o.account.limitOrder("THAL/USDC", o.side, o.price, o.quantity))
		u := book.apply(t, notification(t, ch, sub))
		if u.Seq != ack.Seq {
			t.Fatalf("order %d: update of entry %d, ack of entry %d", i, u.Seq, ack.Seq)
		}
		book.matches(t, c)
	}

	// A second subscriber starts from a snapshot at the current sequence.
	ch2, sub2 := subscribe(t, c, "book", "THAL/USDC")
	book2 := newLocalBook(t, notification(t, ch2, sub2))
	if book2.sequence != book.sequence {
		t.Fatalf("second snapshot at %d, first subscriber at %d", book2.sequence, book.sequence)
	}
	bob.mustPlace(t, c, bob.limitOrder("THAL/USDC", "buy", "1", "0.01"))
	book.apply(t, notification(t, ch, sub))
	book2.apply(t, notification(t, ch2, sub2))
	book2.matches(t, c)
}

func TestTraderSubscriptions(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.wsClient()
	alice, bob := newTrader(t, "alice"), newTrader(t, "bob")
	ts.fund(alice)
	ts.fund(bob)
	trades, tradesSub := subscribe(t, c, "trades", "THAL/USDC")
	orders, ordersSub := subscribe(t, c, "orders", alice.addr)
	balances, balancesSub := subscribe(t, c, "balances", alice.addr)

	sell := alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "2", "0.05"))
	var o OrderNotificationJSON
	mustDecode(t, notification(t, orders, ordersSub), &o)
	if o.Hash != sell.Order.Hash || o.Status != "open" || o.Remaining != "0.05" {
		t.Fatalf("order notification after placing %+v", o)
	}
	if o.Seq != sell.Seq {
		t.Fatalf("order notification after placing has seq %d, expected the placement's seq %d", o.Seq, sell.Seq)
	}
	var bal BalanceNotificationJSON
	mustDecode(t, notification(t, balances, balancesSub), &bal)
	if bal.Token != tokenTHAL || bal.Held != "0.05" {
		t.Fatalf("balance notification after placing %+v", bal)
	}
	if bal.Seq != sell.Seq {
		t.Fatalf("balance notification after placing has seq %d, expected the placement's seq %d", bal.Seq, sell.Seq)
	}

	buy := bob.mustPlace(t, c, bob.limitOrder("THAL/USDC", "buy", "2", "0.02"))
	var tr TradeJSON
	mustDecode(t, notification(t, trades, tradesSub), &tr)
	if tr.Price != "2" || tr.Quantity != "0.02" || tr.Maker != alice.addr || tr.Taker != bob.addr {
		t.Fatalf("trade notification %+v", tr)
	}
	if tr.Seq != buy.Seq {
		t.Fatalf("trade notification has seq %d, expected the buy's seq %d", tr.Seq, buy.Seq)
	}
	mustDecode(t, notification(t, orders, ordersSub), &o)
	if o.Status != "open" || o.Filled != "0.02" || o.Remaining != "0.03" {
		t.Fatalf("order notification after the fill %+v", o)
	}
	if o.Seq != tr.Seq {
		t.Fatalf("order notification after the fill has seq %d, expected its trade's seq %d", o.Seq, tr.Seq)
	}
	seen := map[string]BalanceNotificationJSON{}
	for len(seen) < 2 {
		mustDecode(t, notification(t, balances, balancesSub), &bal)
		seen[bal.Symbol] = bal
		if bal.Seq != tr.Seq {
			t.Fatalf("%s balance notification after the fill has seq %d, expected its trade's seq %d", bal.Symbol, bal.Seq, tr.Seq)
		}
	}
	if seen["USDC"].PendingSettlement != "0.03996" || seen["THAL"].Held != "0.03" {
		t.Fatalf("balance notifications after the fill %+v", seen)
	}
}

// TestTraderNotificationMembers checks that an orders notification has
// the members of thx_order's reply and a balances notification those of
// an element of thx_balances' reply, each with seq added as a JSON number.
func TestTraderNotificationMembers(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.wsClient()
	alice := newTrader(t, "alice")
	ts.fund(alice)
	orders, ordersSub := subscribe(t, c, "orders", alice.addr)
	balances, balancesSub := subscribe(t, c, "balances", alice.addr)

	sell := alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "2", "0.05"))
	var order map[string]any
	if err := c.Call(&order, "thx_order", sell.Order.Hash); err != nil {
		t.Fatalf("thx_order: %v", err)
	}
	checkMembersPlusSeq(t, "orders", notification(t, orders, ordersSub), order, sell.Seq)

	var all []map[string]any
	if err := c.Call(&all, "thx_balances", alice.addr); err != nil {
		t.Fatalf("thx_balances: %v", err)
	}
	if len(all) == 0 {
		t.Fatalf("thx_balances of a funded trader is empty")
	}
	checkMembersPlusSeq(t, "balances", notification(t, balances, balancesSub), all[0], sell.Seq)
}

// checkMembersPlusSeq checks that a notification has exactly the members
// of reply plus seq, a JSON number equal to wantSeq.
func checkMembersPlusSeq(t *testing.T, kind string, raw json.RawMessage, reply map[string]any, wantSeq uint64) {
	t.Helper()
	var got map[string]any
	mustDecode(t, raw, &got)
	seq, ok := got["seq"].(float64)
	if !ok {
		t.Fatalf("%s notification %s has no seq member of type number", kind, raw)
	}
	if uint64(seq) != wantSeq {
		t.Fatalf("%s notification has seq %v, expected %d", kind, seq, wantSeq)
	}
	delete(got, "seq")
	for name := range reply {
		if _, ok := got[name]; !ok {
			t.Errorf("%s notification lacks the member %q of the query's reply", kind, name)
		}
	}
	for name := range got {
		if _, ok := reply[name]; !ok {
			t.Errorf("%s notification has the member %q, which the query's reply lacks", kind, name)
		}
	}
}

func mustDecode(t *testing.T, raw json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
}

func TestSubscriptionsPerConnection(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.SubscriptionsPerConnectionMax = 2 })
	c := ts.wsClient()
	_, first := subscribe(t, c, "book", "THAL/USDC")
	subscribe(t, c, "trades", "THAL/USDC")
	ch := make(chan json.RawMessage, 8)
	_, err := c.Subscribe(context.Background(), "thx", ch, "book", "WETH/USDC")
	expectCode(t, err, CodeTooManySubscriptions, "too_many_subscriptions")

	// Another connection has its own count.
	other := ts.wsClient()
	subscribe(t, other, "book", "WETH/USDC")

	first.Unsubscribe()
	waitFor(t, "the unsubscribed slot to be free", func() bool {
		sub, err := c.Subscribe(context.Background(), "thx", ch, "book", "WETH/USDC")
		if err == nil {
			sub.Unsubscribe()
		}
		return err == nil
	})
	_, err = c.Subscribe(context.Background(), "thx", ch, "book", "NOPE/USDC")
	expectCode(t, err, CodeUnknownMarket, "unknown_market")
}

func TestSubscriptionsEndWithConnection(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.wsClient()
	subscribe(t, c, "book", "THAL/USDC")
	subscribe(t, c, "orders", newTrader(t, "alice").addr)
	waitFor(t, "two backend subscriptions", func() bool { return ts.backend.hub.count() == 2 })
	c.Close()
	waitFor(t, "the backend subscriptions to end", func() bool { return ts.backend.hub.count() == 0 })
	waitFor(t, "the connection to leave the table", func() bool { return ts.srv.conns.size() == 0 })
}

// TestSlowSubscriberDisconnected subscribes with a client that stops
// reading, then publishes large book updates until the server's send
// buffer is full.
func TestSlowSubscriberDisconnected(t *testing.T) {
	const bufferEvents = 4
	ts := startServer(t, func(c *Config) { c.SubscriberBufferEvents = bufferEvents })
	conn, _, err := websocket.DefaultDialer.Dial(ts.wsURL, nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer conn.Close()
	req := `{"jsonrpc":"2.0","id":1,"method":"thx_subscribe","params":["book","THAL/USDC"]}`
	if err := conn.WriteMessage(websocket.TextMessage, []byte(req)); err != nil {
		t.Fatal(err)
	}
	var reply rawReply
	if err := conn.ReadJSON(&reply); err != nil || reply.Error != nil {
		t.Fatalf("subscribe reply %+v: %v", reply, err)
	}
	waitFor(t, "the backend subscription", func() bool { return ts.backend.hub.count() == 1 })

	// From here on the client reads nothing. Each update is about 300 KB,
	// so the socket buffers fill after a few dozen of them.
	update := bigBookUpdate(3000)
	for i := 1; ts.backend.hub.count() == 1; i++ {
		if i > 2000 {
			t.Fatalf("the slow subscriber was not disconnected after %d updates", i)
		}
		update.Sequence = uint64(i)
		ts.backend.hub.publish(Topic{Kind: TopicBook, Symbol: "THAL/USDC"}, update)
		waitFor(t, "the forwarder to take the update", ts.backend.hub.drained)
	}
	waitFor(t, "the connection to close", func() bool { return ts.srv.conns.size() == 0 })
	if got := testutil.ToFloat64(ts.srv.metrics.slow.WithLabelValues("book")); got != 1 {
		t.Errorf("slow subscribers %v, expected 1", got)
	}
	logs := ts.logs.String()
	if !strings.Contains(logs, "Disconnecting a WebSocket subscriber") ||
		!strings.Contains(logs, fmt.Sprintf("send buffer of %d notifications is full", bufferEvents)) {
		t.Errorf("no disconnect reason in the log:\n%s", logs)
	}
}

func bigBookUpdate(changes int) BookUpdate {
	u := BookUpdate{Market: state.MarketKey{ChainID: testChain, ID: 1}, Symbol: "THAL/USDC", Seq: 1}
	for i := range changes {
		u.Changes = append(u.Changes, state.DepthChange{
			Market: u.Market, Side: matching.Buy, Price: uint64(1_000_000 + i), Quantity: uint64(1_000_000_000 + i),
		})
	}
	return u
}

// size returns the number of open connections.
func (t *connTable) size() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.conns)
}

// drained reports whether every subscription's buffer is empty, so that
// the next event cannot overflow the hub itself.
func (h *hub) drained() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		if len(s.ch) > 0 {
			return false
		}
	}
	return true
}

// TestBookSubscribersUnderConcurrentOrders places orders from several
// goroutines while several WebSocket clients follow the book. Every
// client must see gapless updates that rebuild the node's book.
func TestBookSubscribersUnderConcurrentOrders(t *testing.T) {
	const (
		placers     = 4
		ordersEach  = 25
		subscribers = 3
	)
	ts := startServer(t, func(c *Config) { c.RequestsPerSecondPerIP, c.OrdersPerSecondPerTrader = 0, 0 })
	// The test backend ends a subscription whose buffer fills. Each order
	// here is one lot against one-lot makers, so it changes at most two
	// levels, and this buffer holds every change of the test even when a
	// busy machine holds up the server's pump.
	ts.backend.hub = newHub(2*placers*ordersEach + 1)
	type follower struct {
		ch   <-chan json.RawMessage
		sub  *gethrpc.ClientSubscription
		book *localBook
	}
	followers := make([]*follower, subscribers)
	for i := range followers {
		ch, sub := subscribe(t, ts.wsClient(), "book", "THAL/USDC")
		followers[i] = &follower{ch: ch, sub: sub, book: newLocalBook(t, notification(t, ch, sub))}
	}

	traders := make([]*trader, placers)
	for i := range traders {
		traders[i] = newTrader(t, fmt.Sprint("placer ", i))
		ts.fund(traders[i])
	}
	// The orders are signed first, because the helpers call t.Fatalf, which
	// only the test goroutine may call.
	params := make([][]map[string]any, placers)
	c := ts.httpClient()
	for i, tr := range traders {
		for j := range ordersEach {
			side, price := "buy", fmt.Sprintf("1.%04d", 1000+j*7%50)
			if (i+j)%2 == 1 {
				side, price = "sell", fmt.Sprintf("1.%04d", 1030+j*11%50)
			}
			td := typedData(t, c, map[string]any{"order": tr.limitOrder("THAL/USDC", side, price, "0.01")})
			params[i] = append(params[i], map[string]any{"order": td.Order, "signature": tr.sign(t, td.Hash)})
		}
	}
	errs := make(chan error, placers*ordersEach)
	var wg sync.WaitGroup
	for i := range placers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := ts.httpClient()
			for _, p := range params[i] {
				errs <- client.Call(nil, "thx_placeOrder", p)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent order: %v", err)
		}
	}

	var book BookJSON
	if err := c.Call(&book, "thx_orderBook", "THAL/USDC", 1000); err != nil {
		t.Fatal(err)
	}
	for i, f := range followers {
		for f.book.sequence < book.Sequence {
			f.book.apply(t, notification(t, f.ch, f.sub))
		}
		if f.book.sequence != book.Sequence {
			t.Fatalf("follower %d at sequence %d, the book at %d", i, f.book.sequence, book.Sequence)
		}
		f.book.matches(t, c)
	}
}

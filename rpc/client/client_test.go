package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/shopspring/decimal"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/rpc"
)

// fakeThx serves thx_market and thx_typedData for one market like a node,
// except that tamper may change the reply.
type fakeThx struct {
	market rpc.MarketJSON
	tamper func(o *eip712.Order, d *eip712.Domain, reply *rpc.TypedDataJSON)
}

func (f *fakeThx) Market(symbol string) (rpc.MarketJSON, error) {
	if symbol != f.market.Symbol {
		return rpc.MarketJSON{}, fmt.Errorf("unknown market %q", symbol)
	}
	return f.market, nil
}

func (f *fakeThx) TypedData(req struct{ Order OrderRequest }) (*rpc.TypedDataJSON, error) {
	r := req.Order
	m := &f.market
	ticks := func(value, step string) uint64 {
		return uint64(decimal.RequireFromString(value).Div(decimal.RequireFromString(step)).IntPart())
	}
	o := eip712.Order{Trader: r.Trader, Market: m.MarketID, Price: ticks(r.Price, m.TickSize),
		Quantity: ticks(r.Quantity, m.LotSize), MaxFeeBps: *r.MaxFeeBps, Nonce: uint64(r.Nonce), Expiry: uint64(r.Expiry)}
	if r.Side == "sell" {
		o.Side = eip712.Sell
	}

	d := eip712.Domain{ChainID: m.ChainID, VerifyingContract: m.Exchange}
	reply := &rpc.TypedDataJSON{PrimaryType: "Order"}
	if f.tamper != nil {
		f.tamper(&o, &d, reply)
	}
	price := decimal.NewFromUint64(o.Price).Mul(decimal.RequireFromString(m.TickSize))
	quantity := decimal.NewFromUint64(o.Quantity).Mul(decimal.RequireFromString(m.LotSize))
	reply.Order = &rpc.OrderJSON{
		Market: m.Symbol, ChainID: m.ChainID, MarketID: m.MarketID, Trader: o.Trader, Side: sideNames[o.Side],
		Kind: "limit", TimeInForce: "GTC", SelfTradePrevention: "cancelNewest",
		Price: price.String(), PriceTicks: rpc.Uint64(o.Price), TriggerPrice: "0",
		Quantity: quantity.String(), QuantityLots: rpc.Uint64(o.Quantity),
		MaxFeeBps: o.MaxFeeBps, Nonce: rpc.Uint64(o.Nonce), Expiry: rpc.Uint64(o.Expiry),
	}

	doc, err := eip712.SignTypedDataJSON(d.OrderTypedData(o))
	if err != nil {
		return nil, err
	}
	if reply.Hash == (common.Hash{}) {
		reply.Hash = d.OrderHash(o)
	}
	if reply.TypedData == nil {
		reply.TypedData = doc
	}
	return reply, nil
}

// Replay fails as a node does for an order it has seen.
func (f *fakeThx) Replay() error {
	return &rpc.Error{Code: rpc.CodeReplayed, Message: "order already placed", Data: rpc.ErrorData{Reason: "replayed"}}
}

func startFake(t *testing.T, f *fakeThx) *Client {
	t.Helper()
	srv := gethrpc.NewServer()
	if err := srv.RegisterName("thx", f); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		hs.Close()
		srv.Stop()
	})
	c, err := Dial(context.Background(), hs.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

func testMarket() rpc.MarketJSON {
	return rpc.MarketJSON{
		Symbol: "THAL/USDC", ChainID: 1337, MarketID: 1, Exchange: common.HexToAddress("0x00000000000000000000000000000000000e0001"),
		TickSize: "0.0001", LotSize: "0.01", MakerFeeBps: 2, TakerFeeBps: 5,
	}
}

func TestSignOrderSignsTheDigest(t *testing.T) {
	key, _ := crypto.GenerateKey()
	trader := crypto.PubkeyToAddress(key.PublicKey)
	c := startFake(t, &fakeThx{market: testMarket()})
	req := OrderRequest{Market: "THAL/USDC", Trader: trader, Side: "sell", Price: "1.2345", Quantity: "0.03", Nonce: 9}
	signed, err := c.SignOrder(context.Background(), req, key)
	if err != nil {
		t.Fatal(err)
	}
	m := testMarket()
	want := eip712.Domain{ChainID: m.ChainID, VerifyingContract: m.Exchange}.OrderHash(eip712.Order{
		Trader: trader, Market: 1, Side: eip712.Sell, Price: 12_345, Quantity: 3, MaxFeeBps: 5, Nonce: 9})
	if signed.Hash != want {
		t.Fatalf("signed hash %s, expected %s", signed.Hash, want)
	}
	if err := eip712.Verify(want, signed.Signature, trader); err != nil {
		t.Fatal(err)
	}
}

func TestSignOrderRejectsTamperedPayload(t *testing.T) {
	key, _ := crypto.GenerateKey()
	trader := crypto.PubkeyToAddress(key.PublicKey)
	other := common.HexToAddress("0x00000000000000000000000000000000000e0002")
	cases := map[string]func(o *eip712.Order, d *eip712.Domain, reply *rpc.TypedDataJSON){
		"higher price":    func(o *eip712.Order, d *eip712.Domain, _ *rpc.TypedDataJSON) { o.Price++ },
		"other trader":    func(o *eip712.Order, d *eip712.Domain, _ *rpc.TypedDataJSON) { o.Trader = other },
		"larger quantity": func(o *eip712.Order, d *eip712.Domain, _ *rpc.TypedDataJSON) { o.Quantity *= 10 },
		"other contract":  func(o *eip712.Order, d *eip712.Domain, _ *rpc.TypedDataJSON) { d.VerifyingContract = other },
		"other chain":     func(o *eip712.Order, d *eip712.Domain, _ *rpc.TypedDataJSON) { d.ChainID = 1 },
		"wrong hash": func(o *eip712.Order, d *eip712.Domain, reply *rpc.TypedDataJSON) {
			reply.Hash = common.HexToHash("0x01")
		},
		"document of another order": func(o *eip712.Order, d *eip712.Domain, reply *rpc.TypedDataJSON) {
			changed := *o
			changed.Price *= 2
			reply.TypedData, _ = json.Marshal(d.OrderTypedData(changed))
		},
	}
	for name, tamper := range cases {
		c := startFake(t, &fakeThx{market: testMarket(), tamper: tamper})
		req := OrderRequest{Market: "THAL/USDC", Trader: trader, Side: "sell", Price: "1.2345", Quantity: "0.03", Nonce: 9}
		_, err := c.SignOrder(context.Background(), req, key)
		if !errors.Is(err, ErrPayloadMismatch) {
			t.Errorf("%s: error %v, expected ErrPayloadMismatch", name, err)
		}
	}
}

func TestSignOrderChecksKeyAndNames(t *testing.T) {
	key, _ := crypto.GenerateKey()
	c := startFake(t, &fakeThx{market: testMarket()})
	req := OrderRequest{Market: "THAL/USDC", Trader: common.HexToAddress("0x01"), Side: "sell", Price: "1", Quantity: "1", Nonce: 1}
	if _, err := c.SignOrder(context.Background(), req, key); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("key of another account: error %v, expected ErrInvalidRequest", err)
	}
	req.Trader, req.Side = crypto.PubkeyToAddress(key.PublicKey), "short"
	if _, err := c.SignOrder(context.Background(), req, key); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("side %q: error %v, expected ErrInvalidRequest", req.Side, err)
	}
}

func TestErrorCodeAndReason(t *testing.T) {
	c := startFake(t, &fakeThx{market: testMarket()})
	_, err := c.Market(context.Background(), "DOGE/USDC")
	if code, ok := ErrorCode(err); !ok || code != -32000 {
		t.Errorf("ErrorCode(%v) = %d, %v; expected go-ethereum's -32000", err, code, ok)
	}
	if _, ok := ErrorCode(errors.New("network down")); ok {
		t.Error("ErrorCode found a code in a plain error")
	}
	if reason := ErrorReason(err); reason != "" {
		t.Errorf("ErrorReason of an error without data = %q", reason)
	}

	err = c.RPC().Call(nil, "thx_replay")
	if code, ok := ErrorCode(err); !ok || code != rpc.CodeReplayed {
		t.Errorf("ErrorCode(%v) = %d, %v; expected %d", err, code, ok, rpc.CodeReplayed)
	}
	if reason := ErrorReason(err); reason != "replayed" {
		t.Errorf("ErrorReason(%v) = %q, expected replayed", err, reason)
	}
}

func TestPrepareOrderThenSign(t *testing.T) {
	key, _ := crypto.GenerateKey()
	trader := crypto.PubkeyToAddress(key.PublicKey)
	c := startFake(t, &fakeThx{market: testMarket()})
	req := OrderRequest{Market: "THAL/USDC", Trader: trader, Side: "sell", Price: "1.2345", Quantity: "0.03", Nonce: 9}
	prepared, err := c.PrepareOrder(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}

	other, _ := crypto.GenerateKey()
	if _, err := prepared.Sign(other); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("sign with another account's key: error %v, expected ErrInvalidRequest", err)
	}
	signed, err := prepared.Sign(key)
	if err != nil {
		t.Fatal(err)
	}
	if signed.Hash != prepared.Hash() {
		t.Errorf("signed hash %s, prepared hash %s", signed.Hash, prepared.Hash())
	}
	if err := eip712.Verify(prepared.Hash(), signed.Signature, trader); err != nil {
		t.Errorf("signature does not verify: %v", err)
	}
	var unprepared PreparedOrder
	if _, err := unprepared.Sign(key); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("sign of an unprepared order: error %v, expected ErrInvalidRequest", err)
	}
}

// fakeSubscriptions serves the orders and balances subscriptions of
// namespace thx, each sending one notification.
type fakeSubscriptions struct {
	order   rpc.OrderNotificationJSON
	balance rpc.BalanceNotificationJSON
	// book holds the notifications of a book subscription, sent in order.
	book []any
}

func (f *fakeSubscriptions) Book(ctx context.Context, symbol string) (*gethrpc.Subscription, error) {
	notifier, ok := gethrpc.NotifierFromContext(ctx)
	if !ok {
		return nil, gethrpc.ErrNotificationsUnsupported
	}
	sub := notifier.CreateSubscription()
	go func() {
		for _, v := range f.book {
			_ = notifier.Notify(sub.ID, v)
		}
	}()
	return sub, nil
}

func (f *fakeSubscriptions) Orders(ctx context.Context, trader common.Address) (*gethrpc.Subscription, error) {
	return notifyOnce(ctx, f.order)
}

func (f *fakeSubscriptions) Balances(ctx context.Context, trader common.Address) (*gethrpc.Subscription, error) {
	return notifyOnce(ctx, f.balance)
}

// notifyOnce creates a subscription that sends v.
func notifyOnce(ctx context.Context, v any) (*gethrpc.Subscription, error) {
	notifier, ok := gethrpc.NotifierFromContext(ctx)
	if !ok {
		return nil, gethrpc.ErrNotificationsUnsupported
	}
	sub := notifier.CreateSubscription()
	go func() {
		_ = notifier.Notify(sub.ID, v)
	}()
	return sub, nil
}

// dialFake serves f over WebSocket and dials it.
func dialFake(t *testing.T, ctx context.Context, f *fakeSubscriptions) *Client {
	t.Helper()
	srv := gethrpc.NewServer()
	if err := srv.RegisterName("thx", f); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.WebsocketHandler([]string{"*"}))
	t.Cleanup(func() {
		hs.Close()
		srv.Stop()
	})
	c, err := Dial(ctx, "ws"+strings.TrimPrefix(hs.URL, "http"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// receive returns the first value on ch, or fails the test when the
// subscription ends or ctx does.
func receive[T any](t *testing.T, ctx context.Context, sub *gethrpc.ClientSubscription, ch <-chan T) T {
	t.Helper()
	select {
	case got := <-ch:
		return got
	case err := <-sub.Err():
		t.Fatalf("subscription ended: %v", err)
	case <-ctx.Done():
		t.Fatal("no notification within 10 s")
	}
	var zero T
	return zero
}

var fakeTrader = common.HexToAddress("0x31c9a7d78641499224b2638366fbdd0d8720280e")

// firstNotification serves f, subscribes with subscribe and returns the
// first notification.
func firstNotification[T any](t *testing.T, f *fakeSubscriptions,
	subscribe func(context.Context, *Client, chan<- T) (*gethrpc.ClientSubscription, error)) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := dialFake(t, ctx, f)
	ch := make(chan T, 1)
	sub, err := subscribe(ctx, c, ch)
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()
	return receive(t, ctx, sub, ch)
}

func TestSubscribeOrdersKeepsSeq(t *testing.T) {
	want := rpc.OrderNotificationJSON{Seq: 13}
	want.Hash = common.HexToHash("0xd8c341d103d3db23a495216fefe7458693f5266b04b29ecd6efa403e0ab0f052")
	want.Status = "open"
	want.PlacedSeq = 12
	got := firstNotification(t, &fakeSubscriptions{order: want},
		func(ctx context.Context, c *Client, ch chan<- rpc.OrderNotificationJSON) (*gethrpc.ClientSubscription, error) {
			return c.SubscribeOrders(ctx, fakeTrader, ch)
		})
	if got.Seq != want.Seq {
		t.Errorf("notification seq %d, expected %d", got.Seq, want.Seq)
	}
	if got.Hash != want.Hash || got.PlacedSeq != want.PlacedSeq {
		t.Errorf("notification of order %s placed at %d, expected %s placed at %d", got.Hash, got.PlacedSeq, want.Hash, want.PlacedSeq)
	}
}

func TestSubscribeBalancesKeepsSeq(t *testing.T) {
	want := rpc.BalanceNotificationJSON{Seq: 21}
	want.Symbol = "USDC"
	want.Available = "12.5"
	got := firstNotification(t, &fakeSubscriptions{balance: want},
		func(ctx context.Context, c *Client, ch chan<- rpc.BalanceNotificationJSON) (*gethrpc.ClientSubscription, error) {
			return c.SubscribeBalances(ctx, fakeTrader, ch)
		})
	if got.Seq != want.Seq {
		t.Errorf("notification seq %d, expected %d", got.Seq, want.Seq)
	}
	if got.Symbol != want.Symbol || got.Available != want.Available {
		t.Errorf("balance %s %s, expected %s %s", got.Available, got.Symbol, want.Available, want.Symbol)
	}
}

func TestSubscribeBookDecodesBothKinds(t *testing.T) {
	level := rpc.LevelJSON{Price: "1.2345", PriceTicks: 12345, Quantity: "0.03", QuantityLots: 3, Orders: 1}
	snapshot := rpc.BookJSON{Type: "snapshot", Market: "THAL/USDC", Sequence: 4, Bids: []rpc.LevelJSON{}, Asks: []rpc.LevelJSON{level}}
	change := rpc.DepthChangeJSON{Side: "sell", Price: "1.2345", PriceTicks: 12345, Quantity: "0.01", QuantityLots: 1}
	update := rpc.BookUpdateJSON{Type: "update", Market: "THAL/USDC", Sequence: 5, Seq: 19, Changes: []rpc.DepthChangeJSON{change}}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := dialFake(t, ctx, &fakeSubscriptions{book: []any{snapshot, update}})
	ch := make(chan BookNotification, 2)
	sub, err := c.SubscribeBook(ctx, "THAL/USDC", ch)
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()

	first := receive(t, ctx, sub, ch)
	if first.Type != "snapshot" || first.Sequence != 4 || first.Seq != 0 {
		t.Errorf("first notification %s sequence %d seq %d, expected snapshot sequence 4 seq 0", first.Type, first.Sequence, first.Seq)
	}
	if len(first.Asks) != 1 || first.Asks[0] != level {
		t.Errorf("snapshot asks %+v, expected [%+v]", first.Asks, level)
	}
	if len(first.Changes) != 0 {
		t.Errorf("snapshot has %d changes, expected none", len(first.Changes))
	}

	second := receive(t, ctx, sub, ch)
	if second.Type != "update" || second.Sequence != 5 || second.Seq != 19 {
		t.Errorf("second notification %s sequence %d seq %d, expected update sequence 5 seq 19", second.Type, second.Sequence, second.Seq)
	}
	if len(second.Changes) != 1 || second.Changes[0] != change {
		t.Errorf("update changes %+v, expected [%+v]", second.Changes, change)
	}
}

// fakePlaceOrders serves thx_placeOrders: it acknowledges each order
// whose signature is 65 bytes and rejects the others.
type fakePlaceOrders struct{}

func (fakePlaceOrders) PlaceOrders(orders []SignedOrder) []rpc.PlaceOrderResultJSON {
	out := make([]rpc.PlaceOrderResultJSON, len(orders))
	for i, o := range orders {
		if len(o.Signature) != eip712.SignatureLength {
			out[i].Error = &rpc.ErrorJSON{Code: rpc.CodeInvalidSignature, Message: "bad signature", Data: rpc.ErrorData{Reason: "invalid_signature"}}
			continue
		}
		out[i].Ack = &rpc.OrderAckJSON{Seq: uint64(10 + i)}
	}
	return out
}

func TestPlaceOrdersReturnsEachResult(t *testing.T) {
	srv := gethrpc.NewServer()
	if err := srv.RegisterName("thx", fakePlaceOrders{}); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	defer srv.Stop()
	c, err := Dial(context.Background(), hs.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	good := SignedOrder{Order: map[string]any{"market": "THAL/USDC"}, Signature: make([]byte, eip712.SignatureLength)}
	bad := SignedOrder{Order: map[string]any{"market": "THAL/USDC"}, Signature: []byte{1}}
	got, err := c.PlaceOrders(context.Background(), []SignedOrder{good, bad, good})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d results, expected 3", len(got))
	}
	if got[0].Ack == nil || got[0].Ack.Seq != 10 || got[0].Error != nil {
		t.Errorf("result 0 %+v, expected an ack at seq 10", got[0])
	}
	if got[1].Error == nil || got[1].Error.Code != rpc.CodeInvalidSignature || got[1].Ack != nil {
		t.Errorf("result 1 %+v, expected error %d", got[1], rpc.CodeInvalidSignature)
	}
	if got[2].Ack == nil || got[2].Ack.Seq != 12 {
		t.Errorf("result 2 %+v, expected an ack at seq 12", got[2])
	}
}

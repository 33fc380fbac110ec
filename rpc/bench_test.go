package rpc

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
)

// presignedOrders returns n placeOrder parameters that alternate a sell by
// alice and a buy by bob of one lot at 1 USDC, so that every pair trades
// and the book stays empty.
func presignedOrders(b *testing.B, ts *testServer, n int) []map[string]any {
	b.Helper()
	c := ts.httpClient()
	alice, bob := newTrader(b, "alice"), newTrader(b, "bob")
	ts.fund(alice)
	ts.fund(bob)
	out := make([]map[string]any, n)
	for i := range out {
		tr, side := alice, "sell"
		if i%2 == 1 {
			tr, side = bob, "buy"
		}
		td := typedData(b, c, map[string]any{"order": tr.limitOrder("THAL/USDC", side, "1", "0.01")})
		out[i] = map[string]any{"order": td.Order, "signature": tr.sign(b, td.Hash)}
	}
	return out
}

func benchmarkPlaceOrder(b *testing.B, transport string) {
	ts := startServer(b, func(c *Config) { c.RequestsPerSecondPerIP, c.OrdersPerSecondPerTrader = 0, 0 })
	ts.backend.mu.Lock()
	ts.backend.checkInvariants = false
	ts.backend.mu.Unlock()
	orders := presignedOrders(b, ts, b.N)
	var c *gethrpc.Client
	if transport == "ws" {
		c = ts.wsClient()
	} else {
		c = ts.httpClient()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if err := c.Call(nil, "thx_placeOrder", orders[i]); err != nil {
			b.Fatalf("order %d: %v", i, err)
		}
	}
}

// BenchmarkPlaceOrderHTTP measures one thx_placeOrder call over HTTP
// through go-ethereum's client, including the test backend's signature
// recovery and state machine.
func BenchmarkPlaceOrderHTTP(b *testing.B) { benchmarkPlaceOrder(b, "http") }

// BenchmarkPlaceOrderWebSocket is BenchmarkPlaceOrderHTTP over one
// WebSocket connection.
func BenchmarkPlaceOrderWebSocket(b *testing.B) { benchmarkPlaceOrder(b, "ws") }

// BenchmarkDecodeOrder measures the API's own work on an order: decoding
// the parameters, converting decimals to ticks and lots, and checking the
// signature's form.
func BenchmarkDecodeOrder(b *testing.B) {
	s := fuzzServer(b)
	params := []byte(`{"order":{"market":"THAL/USDC","trader":"0x31c9a7d78641499224b2638366fbdd0d8720280e","side":"sell","kind":"limit","timeInForce":"GTC","postOnly":false,"selfTradePrevention":"cancelNewest","price":"1.2345","priceTicks":"12345","triggerPrice":"0","triggerPriceTicks":"0","quantity":"0.03","quantityLots":"3","maxFeeBps":25,"nonce":"1","expiry":"0"},"signature":"0x` +
		"1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b" + "0b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b" + `1b"}`)
	b.ReportAllocs()
	for b.Loop() {
		var m state.MarketView
		var o eip712.Order
		var sig eip712.Signature
		if err := s.decodeSignedOrder("", validJSON(params), &m, &o, &sig); err != nil {
			b.Fatal(err)
		}
	}
}

// ackingBackend returns a fixed acknowledgement for every order, so that a
// benchmark measures the API's work alone.
type ackingBackend struct {
	*testBackend
	ack OrderAck
}

func (b *ackingBackend) PlaceOrder(context.Context, *state.SignedOrder) (OrderAck, error) {
	return b.ack, nil
}

// newAckingAPI returns the API on an ackingBackend whose ack has one
// trade, with both rate limits on at rates that a benchmark cannot reach.
func newAckingAPI(b *testing.B) *thxAPI {
	tb := newTestBackend()
	backend := &ackingBackend{testBackend: tb}
	backend.ack.Order.Order.Market, backend.ack.Order.ChainID = 1, testChain
	backend.ack.Trades = []state.Trade{{Market: state.MarketKey{ChainID: testChain, ID: 1}, Price: 12345, Quantity: 3}}
	cfg := DefaultConfig()
	cfg.Registry = prometheus.NewRegistry()
	// The limiters run, at rates that a benchmark cannot reach.
	cfg.OrdersPerSecondPerTrader, cfg.OrderBurstPerTrader = 1e9, 1e9
	cfg.RequestsPerSecondPerIP, cfg.RequestBurstPerIP = 1e9, 1e9
	s, err := NewServer(backend, cfg)
	if err != nil {
		b.Fatal(err)
	}
	return &thxAPI{s: s}
}

// signedOrderJSON returns placeOrder's parameter for a sell of 0.03 THAL at
// 1.2345 USDC with the given nonce. The signature has a valid form but
// signs nothing, because an ackingBackend does not recover it.
func signedOrderJSON(nonce int) string {
	return fmt.Sprintf(`{"order":{"market":"THAL/USDC","trader":"0x31c9a7d78641499224b2638366fbdd0d8720280e","side":"sell","price":"1.2345","quantity":"0.03","nonce":"%d"},"signature":"0x%s"}`,
		nonce, strings.Repeat("1b", 65))
}

// BenchmarkPlaceOrderMethod measures thx_placeOrder's method body without
// the network, go-ethereum's dispatch or a real backend: decoding, the
// rate limits, and converting the acknowledgement with one trade.
func BenchmarkPlaceOrderMethod(b *testing.B) {
	api := newAckingAPI(b)
	params := validJSON(signedOrderJSON(1))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := api.PlaceOrder(context.Background(), &params); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOrderAckJSON measures the reply of an accepted thx_placeOrder
// that rests: converting the acknowledgement and encoding it with
// encoding/json, as go-ethereum's server does with a method's result.
func BenchmarkOrderAckJSON(b *testing.B) {
	tb := newTestBackend()
	cfg := DefaultConfig()
	cfg.Registry = prometheus.NewRegistry()
	s, err := NewServer(tb, cfg)
	if err != nil {
		b.Fatal(err)
	}
	m, ok := tb.Market("THAL/USDC")
	if !ok {
		b.Fatal("the test backend lists no THAL/USDC")
	}
	ack := OrderAck{Seq: 123456, Time: 1_780_000_000_000, Order: OrderInfo{
		Hash: common.HexToHash("0x5c2d"), ChainID: m.ChainID, Status: state.StatusOpen, Remaining: 3,
		PlacedSeq: 123456, Time: 1_780_000_000_000, Triggered: true,
		Order: eip712.Order{Trader: common.HexToAddress("0x31c9a7d78641499224b2638366fbdd0d8720280e"), Market: m.ID,
			Side: eip712.Sell, Price: 12345, Quantity: 3, MaxFeeBps: 25, Nonce: 77},
	}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(s.placeAckJSON(&m, &ack)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlaceOrdersMethod measures one thx_placeOrders call of 50
// orders: the method body as BenchmarkPlaceOrderMethod measures it, and
// the decoding of the parameter that go-ethereum v1.17.10's server does
// before it calls the method (json.Unmarshal into a pointer to the
// parameter's type, in decodeArgument). Its figures are per call.
func BenchmarkPlaceOrdersMethod(b *testing.B) {
	api := newAckingAPI(b)
	const ordersPerCall = 50
	orders := make([]string, ordersPerCall)
	for i := range orders {
		orders[i] = signedOrderJSON(i + 1)
	}
	argument := []byte("[" + strings.Join(orders, ",") + "]")
	b.ReportAllocs()
	for b.Loop() {
		var params *validJSON
		if err := json.Unmarshal(argument, &params); err != nil {
			b.Fatal(err)
		}
		results, err := api.PlaceOrders(context.Background(), params)
		if err != nil {
			b.Fatal(err)
		}
		if len(results) != ordersPerCall {
			b.Fatalf("expected %d results, got %d", ordersPerCall, len(results))
		}
		for i, r := range results {
			if r.Error != nil {
				b.Fatalf("order %d: %+v", i, r.Error)
			}
		}
	}
}

// BenchmarkShapeCheck measures what shapeChecker adds to a valid
// thx_placeOrder request over HTTP: reading the body, scanning the call
// and handing the bytes on. The handler behind it reads the body as
// go-ethereum v1.17.10 does, and "direct" runs that handler alone.
func BenchmarkShapeCheck(b *testing.B) {
	body := []byte(`{"jsonrpc":"2.0","id":1,"method":"thx_placeOrder","params":[` + signedOrderJSON(1) + `]}`)
	s := fuzzServer(b)
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := readBody(r.Body, r.ContentLength, s.cfg.BodyBytesMax); err != nil {
			b.Fatal(err)
		}
	})
	checker := &shapeChecker{next: next, bodyBytesMax: s.cfg.BodyBytesMax, batchItemsMax: s.cfg.BatchItemsMax, metrics: s.metrics, log: s.log}
	target := &url.URL{Path: "/"}
	header := http.Header{"Content-Type": []string{"application/json"}}
	for _, bench := range []struct {
		name    string
		handler http.Handler
	}{{"direct", next}, {"checked", checker}} {
		b.Run(bench.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := &http.Request{Method: http.MethodPost, URL: target, Header: header,
					Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body))}
				bench.handler.ServeHTTP(nil, req)
			}
		})
	}
}

package rpc

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
	"github.com/holiman/uint256"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// testServer is a server on 127.0.0.1 with its backend and log.
type testServer struct {
	t       testing.TB
	srv     *Server
	backend *testBackend
	url     string // http://127.0.0.1:port/
	wsURL   string
	logs    *syncBuffer
	reg     *prometheus.Registry
}

// syncBuffer is a log destination that tests read while the server writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServer serves a new test backend with the default config, changed
// by edit when it is not nil.
func startServer(t testing.TB, edit func(*Config)) *testServer {
	t.Helper()
	ts := &testServer{t: t, backend: newTestBackend(), logs: &syncBuffer{}, reg: prometheus.NewRegistry()}
	cfg := DefaultConfig()
	cfg.Registry = ts.reg
	cfg.Logger = slog.New(slog.NewTextHandler(ts.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if edit != nil {
		edit(&cfg)
	}
	srv, err := NewServer(ts.backend, cfg)
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	ts.srv = srv
	ts.url = "http://" + l.Addr().String() + "/"
	ts.wsURL = "ws://" + l.Addr().String() + "/"
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return ts
}

func (ts *testServer) httpClient() *gethrpc.Client {
	ts.t.Helper()
	c, err := gethrpc.DialHTTP(ts.url)
	if err != nil {
		ts.t.Fatalf("dial %s: %v", ts.url, err)
	}
	ts.t.Cleanup(c.Close)
	return c
}

func (ts *testServer) wsClient() *gethrpc.Client {
	ts.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := gethrpc.DialWebsocket(ctx, ts.wsURL, "")
	if err != nil {
		ts.t.Fatalf("dial %s: %v", ts.wsURL, err)
	}
	ts.t.Cleanup(c.Close)
	return c
}

// clients returns an HTTP and a WebSocket client, for tests that run the
// same calls over both transports.
func (ts *testServer) clients() map[string]*gethrpc.Client {
	return map[string]*gethrpc.Client{"http": ts.httpClient(), "ws": ts.wsClient()}
}

// rawPost posts a body and returns the HTTP status and the reply body.
func (ts *testServer) rawPost(body string) (int, string) {
	ts.t.Helper()
	resp, err := http.Post(ts.url, "application/json", strings.NewReader(body))
	if err != nil {
		ts.t.Fatalf("post: %v", err)
	}
	defer resp.Body.Close()
	reply, err := io.ReadAll(resp.Body)
	if err != nil {
		ts.t.Fatalf("read reply: %v", err)
	}
	return resp.StatusCode, string(reply)
}

// trader is a test account with a real key.
type trader struct {
	key   *ecdsa.PrivateKey
	addr  common.Address
	nonce uint64
}

func newTrader(t testing.TB, seed string) *trader {
	t.Helper()
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte("rpc test trader " + seed)))
	if err != nil {
		t.Fatalf("key: %v", err)
	}
	return &trader{key: key, addr: crypto.PubkeyToAddress(key.PublicKey)}
}

// fund deposits 1,000,000 USDC, 100,000 THAL and 1,000 WETH on the test
// chain and 1,000,000 USDT on the other chain.
func (ts *testServer) fund(tr *trader) {
	b := ts.backend
	b.deposit(tr.addr, tokenUSDC, testChain, units(1_000_000, 6))
	b.deposit(tr.addr, tokenTHAL, testChain, units(100_000, 18))
	b.deposit(tr.addr, tokenWETH, testChain, units(1_000, 18))
	b.deposit(tr.addr, tokenUSDT, otherChain, units(1_000_000, 6))
}

// units returns whole tokens in base units.
func units(whole uint64, decimals int) *uint256.Int {
	scale := new(uint256.Int).Exp(uint256.NewInt(10), uint256.NewInt(uint64(decimals)))
	return new(uint256.Int).Mul(uint256.NewInt(whole), scale)
}

// limitOrder returns the human form of a GTC limit order with the
// trader's next nonce.
func (tr *trader) limitOrder(market, side, price, quantity string) map[string]any {
	tr.nonce++
	return map[string]any{
		"market": market, "trader": tr.addr, "side": side, "price": price, "quantity": quantity, "nonce": tr.nonce,
	}
}

// typedData calls thx_typedData and checks that the digest a wallet
// computes from the returned document (as eth_signTypedData_v4 does, with
// go-ethereum's apitypes) equals the returned hash.
func typedData(t testing.TB, c *gethrpc.Client, request map[string]any) TypedDataJSON {
	t.Helper()
	var td TypedDataJSON
	if err := c.Call(&td, "thx_typedData", request); err != nil {
		t.Fatalf("thx_typedData %v: %v", request, err)
	}
	var doc apitypes.TypedData
	if err := json.Unmarshal(td.TypedData, &doc); err != nil {
		t.Fatalf("decode typedData: %v", err)
	}
	digest, _, err := apitypes.TypedDataAndHash(doc)
	if err != nil {
		t.Fatalf("hash typedData as a wallet: %v", err)
	}
	if common.BytesToHash(digest) != td.Hash {
		t.Fatalf("typedData digest %x, reply hash %s", digest, td.Hash)
	}
	return td
}

// sign signs a digest as eth_signTypedData_v4 does and returns 0x-hex.
func (tr *trader) sign(t testing.TB, digest common.Hash) string {
	t.Helper()
	sig, err := eip712.Sign(digest, tr.key)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return "0x" + common.Bytes2Hex(sig[:])
}

// place runs the wallet flow: typedData, sign, placeOrder.
func (tr *trader) place(t *testing.T, c *gethrpc.Client, order map[string]any) (OrderAckJSON, error) {
	t.Helper()
	td := typedData(t, c, map[string]any{"order": order})
	var ack OrderAckJSON
	err := c.Call(&ack, "thx_placeOrder", map[string]any{"order": td.Order, "signature": tr.sign(t, td.Hash)})
	return ack, err
}

func (tr *trader) mustPlace(t *testing.T, c *gethrpc.Client, order map[string]any) OrderAckJSON {
	t.Helper()
	ack, err := tr.place(t, c, order)
	if err != nil {
		t.Fatalf("place %v: %v", order, err)
	}
	return ack
}

// rpcError returns the code and data of a JSON-RPC error.
func rpcError(t *testing.T, err error) (int, ErrorData) {
	t.Helper()
	if err == nil {
		t.Fatalf("call succeeded, expected an error")
	}
	var coded gethrpc.Error
	if !errors.As(err, &coded) {
		t.Fatalf("error %v (%T) has no JSON-RPC code", err, err)
	}
	var data ErrorData
	var withData gethrpc.DataError
	if errors.As(err, &withData) && withData.ErrorData() != nil {
		raw, _ := json.Marshal(withData.ErrorData())
		if uerr := json.Unmarshal(raw, &data); uerr != nil {
			t.Fatalf("decode error data %s: %v", raw, uerr)
		}
	}
	return coded.ErrorCode(), data
}

// expectCode checks an error's code and data.reason.
func expectCode(t *testing.T, err error, code int, reason string) ErrorData {
	t.Helper()
	got, data := rpcError(t, err)
	if got != code {
		t.Fatalf("error %v: code %d, expected %d", err, got, code)
	}
	if data.Reason != reason {
		t.Fatalf("error %v: reason %q, expected %q", err, data.Reason, reason)
	}
	return data
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// mustOrder returns the signed fields of a canonical order.
func mustOrder(t *testing.T, o *OrderJSON) eip712.Order {
	t.Helper()
	index := func(names []string, name string) uint8 {
		for i, n := range names {
			if n == name {
				return uint8(i)
			}
		}
		t.Fatalf("unknown name %q", name)
		return 0
	}
	return eip712.Order{
		Trader: o.Trader, Market: o.MarketID, Side: eip712.Side(index(sideNames, o.Side)),
		Kind: eip712.Kind(index(kindNames, o.Kind)), TimeInForce: eip712.TimeInForce(index(timeInForceNames, o.TimeInForce)),
		PostOnly: o.PostOnly, SelfTradePrevention: eip712.SelfTradePrevention(index(selfTradeNames, o.SelfTradePrevention)),
		Price: uint64(o.PriceTicks), TriggerPrice: uint64(o.TriggerPriceTicks), Quantity: uint64(o.QuantityLots),
		MaxFeeBps: o.MaxFeeBps, Nonce: uint64(o.Nonce), Expiry: uint64(o.Expiry),
	}
}

// startSellerAndBuyer starts a server with alice and bob funded and
// alice's sell of quantity at price resting on THAL/USDC.
func startSellerAndBuyer(t *testing.T, price, quantity string) (*testServer, *gethrpc.Client, *trader, *trader) {
	t.Helper()
	ts := startServer(t, nil)
	c := ts.httpClient()
	alice, bob := newTrader(t, "alice"), newTrader(t, "bob")
	ts.fund(alice)
	ts.fund(bob)
	alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", price, quantity))
	return ts, c, alice, bob
}

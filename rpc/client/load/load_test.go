package load

import (
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/rpc"
)

func testMarket() rpc.MarketJSON {
	return rpc.MarketJSON{
		Symbol: "THAL/USDC", ChainID: 1337, MarketID: 1, Exchange: common.HexToAddress("0x00000000000000000000000000000000000e0001"),
		MakerFeeBps: 2, TakerFeeBps: 5, MaxPriceTicks: 1 << 40, MaxQuantityLots: 1 << 32,
	}
}

func testKeys(t *testing.T, n int) []*ecdsa.PrivateKey {
	t.Helper()
	keys := make([]*ecdsa.PrivateKey, n)
	for i := range keys {
		k, err := crypto.ToECDSA(common.LeftPadBytes([]byte{byte(i + 1)}, 32))
		if err != nil {
			t.Fatal(err)
		}
		keys[i] = k
	}
	return keys
}

func TestRestWorkloadNeverCrosses(t *testing.T) {
	spec := Spec{Market: testMarket(), Traders: testKeys(t, 5), Orders: 2_000, Workload: Rest, MidTicks: 10_000, Levels: 7, NonceBase: 100}
	orders, err := Sign(spec)
	if err != nil {
		t.Fatal(err)
	}
	hashes := map[common.Hash]bool{}
	for i, o := range orders {
		if o.Order.Side == eip712.Buy && o.Order.Price >= spec.MidTicks || o.Order.Side == eip712.Sell && o.Order.Price <= spec.MidTicks {
			t.Fatalf("order %d: %+v is on the wrong side of %d ticks", i, o.Order, spec.MidTicks)
		}
		if d := max(o.Order.Price, spec.MidTicks) - min(o.Order.Price, spec.MidTicks); d > uint64(spec.Levels) {
			t.Fatalf("order %d at %d ticks is more than %d levels from %d", i, o.Order.Price, spec.Levels, spec.MidTicks)
		}
		if hashes[o.Hash] {
			t.Fatalf("order %d repeats hash %s", i, o.Hash)
		}
		hashes[o.Hash] = true
		if o.Order.Nonce != spec.NonceBase+uint64(i) {
			t.Fatalf("order %d has nonce %d, expected %d", i, o.Order.Nonce, spec.NonceBase+uint64(i))
		}
	}
}

func TestTradeWorkloadSellersNeverBuy(t *testing.T) {
	spec := Spec{Market: testMarket(), Traders: testKeys(t, 5), Orders: 1_000, Workload: Trade, MidTicks: 10_000}
	orders, err := Sign(spec)
	if err != nil {
		t.Fatal(err)
	}
	sides := map[common.Address]eip712.Side{}
	buys, sells := 0, 0
	for i, o := range orders {
		if side, ok := sides[o.Order.Trader]; ok && side != o.Order.Side {
			t.Fatalf("order %d: trader %s both buys and sells", i, o.Order.Trader)
		}
		sides[o.Order.Trader] = o.Order.Side
		if o.Order.Price != spec.MidTicks {
			t.Fatalf("order %d at %d ticks, expected %d", i, o.Order.Price, spec.MidTicks)
		}
		if o.Order.Side == eip712.Buy {
			buys++
		} else {
			sells++
		}
	}
	if buys != sells || len(sides) != 5 {
		t.Fatalf("%d buys, %d sells from %d traders; expected equal counts from 5", buys, sells, len(sides))
	}
}

func TestSignRejectsBadSpec(t *testing.T) {
	good := Spec{Market: testMarket(), Traders: testKeys(t, 2), Orders: 1, Workload: Rest, MidTicks: 100, Levels: 10}
	cases := map[string]func(*Spec){
		"no orders":          func(s *Spec) { s.Orders = 0 },
		"one trader":         func(s *Spec) { s.Traders = s.Traders[:1] },
		"unknown workload":   func(s *Spec) { s.Workload = "spray" },
		"levels below zero":  func(s *Spec) { s.Levels = 100 },
		"price above market": func(s *Spec) { s.MidTicks = 1 << 41 },
	}
	for name, edit := range cases {
		spec := good
		edit(&spec)
		if _, err := Sign(spec); err == nil {
			t.Errorf("%s: Sign accepted %+v", name, spec)
		}
	}
}

// TestRequestIsDocumentedJSON checks that the hand-written encoder makes
// the request docs/RPC.md describes, with a signature of the order.
func TestRequestIsDocumentedJSON(t *testing.T) {
	spec := Spec{Market: testMarket(), Traders: testKeys(t, 2), Orders: 2, Workload: Rest, MidTicks: 12_345, Levels: 1, NonceBase: 7,
		Expiry: 1_800_000_000}
	orders, err := Sign(spec)
	if err != nil {
		t.Fatal(err)
	}
	symbol, _ := json.Marshal(spec.Market.Symbol)
	raw := appendRequest(nil, 41, symbol, &orders[1])
	var req struct {
		ID     int    `json:"id"`
		Method string `json:"method"`
		Params []struct {
			Order     map[string]any `json:"order"`
			Signature string         `json:"signature"`
		} `json:"params"`
	}
	if err := json.Unmarshal(raw, &req); err != nil {
		t.Fatalf("request %s: %v", raw, err)
	}

	o := req.Params[0].Order
	want := map[string]any{
		"market": "THAL/USDC", "trader": "0x" + common.Bytes2Hex(orders[1].Order.Trader[:]), "side": "sell", "kind": "limit",
		"timeInForce": "GTC", "postOnly": false, "selfTradePrevention": "cancelNewest", "priceTicks": "12346",
		"triggerPriceTicks": "0", "quantityLots": "1", "maxFeeBps": float64(5), "nonce": "8", "expiry": "1800000000",
	}
	if req.ID != 41 || req.Method != "thx_placeOrder" || len(o) != len(want) {
		t.Fatalf("request %s", raw)
	}
	for k, v := range want {
		if o[k] != v {
			t.Errorf("order.%s = %v, expected %v", k, o[k], v)
		}
	}

	domain := eip712.Domain{ChainID: spec.Market.ChainID, VerifyingContract: spec.Market.Exchange}
	sig := common.FromHex(req.Params[0].Signature)
	if err := eip712.Verify(domain.OrderHash(orders[1].Order), sig, orders[1].Order.Trader); err != nil {
		t.Fatalf("signature %s: %v", req.Params[0].Signature, err)
	}
}

func TestParseReply(t *testing.T) {
	cases := []struct {
		reply   string
		batch   bool
		id      int
		codes   []int
		invalid bool
	}{
		{`{"jsonrpc":"2.0","id":3,"result":{"seq":1}}`, false, 3, []int{0}, false},
		{`{"jsonrpc":"2.0","id":4,"error":{"code":4006,"message":"replayed"}}`, false, 4, []int{4006}, false},
		{`{"jsonrpc":"2.0","id":5,"result":null}`, false, 0, nil, true},
		{`{"jsonrpc":"2.0","result":{}}`, false, 0, nil, true},
		{`{"jsonrpc":"2.0","id":6,"error":{"message":"no code"}}`, false, 0, nil, true},
		{`not json`, false, 0, nil, true},
		{`{"jsonrpc":"2.0","id":10,"result":[{"ack":{"seq":1}},{"error":{"code":4002,"message":"signer"}}]}`, true, 10, []int{0, 4002}, false},
		{`{"jsonrpc":"2.0","id":20,"error":{"code":4290,"message":"rate limited"}}`, true, 20, []int{4290}, false},
		{`{"jsonrpc":"2.0","id":30,"result":[{}]}`, true, 0, nil, true},
		{`{"jsonrpc":"2.0","id":40,"result":{"seq":1}}`, true, 0, nil, true},
		{`{"jsonrpc":"2.0","id":50,"result":[]}`, true, 0, nil, true},
	}
	for _, tc := range cases {
		id, codes, _, err := parseReply([]byte(tc.reply), tc.batch)
		if tc.invalid != (err != nil) || !tc.invalid && (id != tc.id || !slices.Equal(codes, tc.codes)) {
			t.Errorf("parseReply(%s, batch %v) = id %d, codes %v, error %v", tc.reply, tc.batch, id, codes, err)
		}
	}
}

// TestBatchRequestIsDocumentedJSON checks the thx_placeOrders request: one
// list parameter with each order in thx_placeOrder's form.
func TestBatchRequestIsDocumentedJSON(t *testing.T) {
	spec := Spec{Market: testMarket(), Traders: testKeys(t, 2), Orders: 3, Workload: Rest, MidTicks: 12_345, Levels: 1, NonceBase: 7}
	orders, err := Sign(spec)
	if err != nil {
		t.Fatal(err)
	}
	symbol, _ := json.Marshal(spec.Market.Symbol)
	raw := appendBatchRequest(nil, 30, symbol, orders)
	var req struct {
		ID     int    `json:"id"`
		Method string `json:"method"`
		Params [][]struct {
			Order     map[string]any `json:"order"`
			Signature string         `json:"signature"`
		} `json:"params"`
	}
	if err := json.Unmarshal(raw, &req); err != nil {
		t.Fatalf("request %s: %v", raw, err)
	}
	if req.ID != 30 || req.Method != "thx_placeOrders" || len(req.Params) != 1 || len(req.Params[0]) != 3 {
		t.Fatalf("request %s", raw)
	}
	domain := eip712.Domain{ChainID: spec.Market.ChainID, VerifyingContract: spec.Market.Exchange}
	for k, item := range req.Params[0] {
		if item.Order["nonce"] != fmt.Sprint(orders[k].Order.Nonce) {
			t.Errorf("order %d has nonce %v, expected %d", k, item.Order["nonce"], orders[k].Order.Nonce)
		}
		if err := eip712.Verify(domain.OrderHash(orders[k].Order), common.FromHex(item.Signature), orders[k].Order.Trader); err != nil {
			t.Errorf("order %d: signature %s: %v", k, item.Signature, err)
		}
	}
}

func TestPercentileNearestRank(t *testing.T) {
	values := make([]time.Duration, 200)
	for i := range values {
		values[i] = time.Duration(i+1) * time.Millisecond
	}
	if p := percentile(values, 50); p != 100*time.Millisecond {
		t.Errorf("p50 of 1..200 ms = %v, expected 100ms", p)
	}
	if p := percentile(values, 99); p != 198*time.Millisecond {
		t.Errorf("p99 of 1..200 ms = %v, expected 198ms", p)
	}
	if p := percentile(values[:1], 99); p != time.Millisecond {
		t.Errorf("p99 of one value = %v, expected 1ms", p)
	}
	if p := percentile(nil, 50); p != 0 {
		t.Errorf("p50 of nothing = %v, expected 0", p)
	}
}

func TestMeasureRecoveryCounts(t *testing.T) {
	spec := Spec{Market: testMarket(), Traders: testKeys(t, 2), Orders: 10, Workload: Trade, MidTicks: 100}
	orders, err := Sign(spec)
	if err != nil {
		t.Fatal(err)
	}
	rate, err := MeasureRecovery(orders, 50*time.Millisecond)
	if err != nil || rate <= 0 {
		t.Fatalf("MeasureRecovery = %v, %v; expected a positive rate", rate, err)
	}
	orders[3].Signature[10] ^= 1
	if _, err := MeasureRecovery(orders, 50*time.Millisecond); err == nil {
		t.Fatal("MeasureRecovery accepted a corrupted signature")
	}
}

// TestResultSplitsLatency checks that a run's result splits each
// accepted order's latency into the client's send lag and the round trip,
// and leaves rejected orders out.
func TestResultSplitsLatency(t *testing.T) {
	const n = 100
	r := &run{orders: make([]SignedOrder, n), perCall: 1, due: make([]time.Duration, n),
		written: make([]time.Duration, n), done: make([]time.Duration, n), code: make([]int32, n)}
	for i := range n {
		lag, trip := time.Duration(0), 2*time.Millisecond
		if i >= n-2 {
			lag = 50 * time.Millisecond
		}
		if i == 10 || i == 20 {
			trip = 40 * time.Millisecond
		}
		r.due[i] = time.Duration(i) * time.Millisecond
		r.written[i] = r.due[i] + lag
		r.done[i] = r.written[i] + trip
	}
	// A rejected order with a huge round trip counts in neither.
	r.code[30] = 4007
	r.done[30] = r.written[30] + time.Second

	res := r.result()
	if res.Accepted != n-1 {
		t.Fatalf("accepted %d, expected %d", res.Accepted, n-1)
	}
	if res.SendLagP99 != 50*time.Millisecond {
		t.Errorf("send lag p99 %v, expected 50ms", res.SendLagP99)
	}
	if res.RoundTripP99 != 40*time.Millisecond {
		t.Errorf("round trip p99 %v, expected 40ms", res.RoundTripP99)
	}
}

package rpc

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/gorilla/websocket"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// rawReply is one JSON-RPC reply as raw HTTP returns it.
type rawReply struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int             `json:"code"`
		Message string          `json:"message"`
		Data    json.RawMessage `json:"data"`
	} `json:"error"`
}

func decodeReply(t *testing.T, body string) rawReply {
	t.Helper()
	var r rawReply
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("decode reply %q: %v", body, err)
	}
	return r
}

func expectRawCode(t *testing.T, body string, code int) rawReply {
	t.Helper()
	r := decodeReply(t, body)
	if r.Error == nil {
		t.Fatalf("reply %s has no error, expected code %d", body, code)
	}
	if r.Error.Code != code {
		t.Fatalf("reply %s: code %d, expected %d", body, r.Error.Code, code)
	}
	return r
}

func TestRawHTTPBadInput(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.BodyBytesMax = 4096; c.BatchItemsMax = 3 })
	alice := newTrader(t, "alice")
	ts.fund(alice)
	before := ts.backend.stateHash()

	cases := []struct {
		name string
		body string
		code int
	}{
		{"malformed JSON", `{"jsonrpc":"2.0","id":1,"method":"thx_markets"`, CodeParseError},
		{"not JSON", `hello`, CodeParseError},
		{"not a request", `{"jsonrpc":"2.0","id":1}`, CodeInvalidRequest},
		{"empty batch", `[]`, CodeInvalidRequest},
		{"symbol of the wrong type", `{"jsonrpc":"2.0","id":1,"method":"thx_market","params":[42]}`, CodeInvalidParams},
		{"params not an array", `{"jsonrpc":"2.0","id":1,"method":"thx_market","params":"THAL/USDC"}`, CodeInvalidParams},
		{"too many params", `{"jsonrpc":"2.0","id":1,"method":"thx_market","params":["THAL/USDC",1]}`, CodeInvalidParams},
		{"order params of the wrong type", `{"jsonrpc":"2.0","id":1,"method":"thx_placeOrder","params":[[1,2]]}`, CodeInvalidParams},
		{"price as a JSON number", fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"thx_placeOrder","params":[{"order":{"market":"THAL/USDC","trader":"%s","side":"buy","price":1.5,"quantity":"1","nonce":1},"signature":"0x00"}]}`, alice.addr.Hex()), CodeInvalidParams},
		{"price with an exponent", fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"thx_typedData","params":[{"order":{"market":"THAL/USDC","trader":"%s","side":"buy","price":"1e2","quantity":"1","nonce":1}}]}`, alice.addr.Hex()), CodeInvalidParams},
		{"negative quantity", fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"thx_typedData","params":[{"order":{"market":"THAL/USDC","trader":"%s","side":"buy","price":"1","quantity":"-1","nonce":1}}]}`, alice.addr.Hex()), CodeInvalidParams},
		{"misspelt field", fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"thx_typedData","params":[{"order":{"market":"THAL/USDC","trader":"%s","side":"buy","price":"1","quantity":"1","nonce":1,"postonly":true}}]}`, alice.addr.Hex()), CodeInvalidParams},
		{"nonce above 2^64-1", fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"thx_typedData","params":[{"order":{"market":"THAL/USDC","trader":"%s","side":"buy","price":"1","quantity":"1","nonce":"18446744073709551616"}}]}`, alice.addr.Hex()), CodeInvalidParams},
		{"bad address checksum", `{"jsonrpc":"2.0","id":1,"method":"thx_typedData","params":[{"order":{"market":"THAL/USDC","trader":"0xAbCdEf0000000000000000000000000000000000","side":"buy","price":"1","quantity":"1","nonce":1}}]}`, CodeInvalidParams},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := ts.rawPost(tc.body)
			if status != http.StatusOK {
				t.Fatalf("status %d, body %s", status, body)
			}
			r := expectRawCode(t, body, tc.code)
			if r.Error.Message == "" {
				t.Fatalf("error without message: %s", body)
			}
		})
	}
	if after := ts.backend.stateHash(); after != before {
		t.Fatalf("bad input changed the state hash")
	}
}

func TestRawHTTPMessagesNameFields(t *testing.T) {
	ts := startServer(t, nil)
	alice := newTrader(t, "alice")
	body := fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"thx_typedData","params":[{"order":{"market":"THAL/USDC","trader":"%s","side":"buy","price":"1.23456","quantity":"1","nonce":1}}]}`, alice.addr.Hex())
	_, reply := ts.rawPost(body)
	r := expectRawCode(t, reply, CodeInvalidParams)
	for _, want := range []string{"order.price", `"1.23456"`, "0.0001", "4 decimals"} {
		if !strings.Contains(r.Error.Message, want) {
			t.Errorf("message %q does not contain %s", r.Error.Message, want)
		}
	}
	var data ErrorData
	if err := json.Unmarshal(r.Error.Data, &data); err != nil {
		t.Fatalf("decode data: %v", err)
	}
	if data.Reason != "precision" || data.Field != "order.price" || data.Value != "1.23456" {
		t.Errorf("data %+v", data)
	}
}

func TestOversizedBody(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.BodyBytesMax = 1024 })
	big := `{"jsonrpc":"2.0","id":1,"method":"thx_market","params":["` + strings.Repeat("A", 2000) + `"]}`
	status, body := ts.rawPost(big)
	if status != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversized body: status %d, body %s", status, body)
	}

	// Without a declared length the body is cut at the limit and fails to
	// parse.
	req, err := http.NewRequest(http.MethodPost, ts.url, io.MultiReader(strings.NewReader(big)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("chunked post: %v", err)
	}
	defer resp.Body.Close()
	reply, _ := io.ReadAll(resp.Body)
	expectRawCode(t, string(reply), CodeParseError)
}

func TestBatchLimits(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.BatchItemsMax = 3; c.BatchResponseBytesMax = 3000 })
	call := func(id int, method string) string {
		return fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"%s","params":[]}`, id, method)
	}

	_, body := ts.rawPost("[" + call(1, "thx_nodeInfo") + "," + call(2, "thx_noSuchMethod") + "]")
	var replies []rawReply
	if err := json.Unmarshal([]byte(body), &replies); err != nil || len(replies) != 2 {
		t.Fatalf("batch of 2: %s (%v)", body, err)
	}
	if replies[0].Error != nil || replies[1].Error == nil || replies[1].Error.Code != CodeMethodNotFound {
		t.Fatalf("batch replies %s", body)
	}

	calls := make([]string, 4)
	for i := range calls {
		calls[i] = call(i+1, "thx_nodeInfo")
	}
	_, body = ts.rawPost("[" + strings.Join(calls, ",") + "]")
	if err := json.Unmarshal([]byte(body), &replies); err != nil || len(replies) != 1 {
		t.Fatalf("batch of 4: %s (%v)", body, err)
	}
	if replies[0].Error == nil || replies[0].Error.Code != CodeInvalidRequest || !strings.Contains(replies[0].Error.Message, "batch too large") {
		t.Fatalf("batch of 4 over a limit of 3: %s", body)
	}

	_, body = ts.rawPost("[" + call(1, "thx_markets") + "," + call(2, "thx_markets") + "," + call(3, "thx_markets") + "]")
	if err := json.Unmarshal([]byte(body), &replies); err != nil {
		t.Fatalf("batch of markets: %s (%v)", body, err)
	}
	last := replies[len(replies)-1]
	if last.Error == nil || last.Error.Code != CodeResponseTooLarge {
		t.Fatalf("batch reply over 3000 bytes: %s", body)
	}
}

func TestHealthEndpoint(t *testing.T) {
	ts := startServer(t, nil)
	get := func() (int, HealthJSON) {
		resp, err := http.Get(ts.url + "health")
		if err != nil {
			t.Fatalf("GET /health: %v", err)
		}
		defer resp.Body.Close()
		var h HealthJSON
		if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
			t.Fatalf("decode health: %v", err)
		}
		return resp.StatusCode, h
	}
	status, h := get()
	if status != http.StatusOK || !h.OK || len(h.Components) != 1 || h.Components[0].Name != "log" {
		t.Fatalf("healthy: status %d, %+v", status, h)
	}
	ts.backend.mu.Lock()
	ts.backend.health = Health{OK: false, Components: []ComponentHealth{
		{Name: "chain 31337", OK: false, Detail: map[string]any{"error": "dial failed"}},
	}}
	ts.backend.mu.Unlock()
	status, h = get()
	if status != http.StatusServiceUnavailable || h.OK || h.Components[0].Detail["error"] != "dial failed" {
		t.Fatalf("unhealthy: status %d, %+v", status, h)
	}
	resp, err := http.Post(ts.url+"health", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("POST /health: status %d", resp.StatusCode)
	}
}

func TestMetricsEndpoint(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	if err := c.Call(nil, "thx_markets"); err != nil {
		t.Fatal(err)
	}
	expectCode(t, c.Call(nil, "thx_market", "NOPE"), CodeUnknownMarket, "unknown_market")

	if got := testutil.ToFloat64(ts.srv.metrics.requests.WithLabelValues("thx_markets", "0")); got != 1 {
		t.Errorf("thx_markets successes %v, expected 1", got)
	}
	if got := testutil.ToFloat64(ts.srv.metrics.requests.WithLabelValues("thx_market", "4008")); got != 1 {
		t.Errorf("thx_market unknown-market errors %v, expected 1", got)
	}
	resp, err := http.Get(ts.url + "metrics")
	if err != nil {
		t.Fatalf("GET /metrics: %v", err)
	}
	defer resp.Body.Close()
	text, _ := io.ReadAll(resp.Body)
	for _, want := range []string{
		`thx_rpc_requests_total{code="0",method="thx_markets"} 1`,
		`thx_rpc_requests_total{code="4008",method="thx_market"} 1`,
		`thx_rpc_request_duration_seconds_count{method="thx_markets"} 1`,
	} {
		if !strings.Contains(string(text), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestUnknownPath(t *testing.T) {
	ts := startServer(t, nil)
	resp, err := http.Get(ts.url + "nope")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("GET /nope: status %d", resp.StatusCode)
	}
}

func TestCORSPreflight(t *testing.T) {
	ts := startServer(t, nil)
	req, _ := http.NewRequest(http.MethodOptions, ts.url, nil)
	req.Header.Set("Origin", "http://localhost:5173")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got == "" {
		t.Fatalf("preflight without Access-Control-Allow-Origin; headers %v", resp.Header)
	}
}

func TestNoAllowedOrigins(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.AllowedOrigins = nil })
	req, _ := http.NewRequest(http.MethodPost, ts.url, strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"thx_nodeInfo","params":[]}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "http://evil.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Fatalf("Access-Control-Allow-Origin %q without allowed origins", got)
	}
	header := http.Header{"Origin": []string{"http://evil.example"}}
	if conn, resp, err := websocket.DefaultDialer.Dial(ts.wsURL, header); err == nil {
		conn.Close()
		t.Fatalf("WebSocket from another origin accepted without allowed origins")
	} else if resp != nil {
		resp.Body.Close()
	}
}

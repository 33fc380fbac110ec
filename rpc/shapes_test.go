package rpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// shapeCase is a call whose params go-ethereum rejects for their shape,
// with the reply that shapeChecker gives instead.
type shapeCase struct {
	name    string
	request string
	code    int
	message string
	data    string
}

var shapeCases = []shapeCase{
	{
		name:    "params object",
		request: `{"jsonrpc":"2.0","id":7,"method":"thx_placeOrder","params":{"order":1}}`,
		code:    CodeInvalidParams,
		message: "rpc: invalid params: params of thx_placeOrder is a JSON object, but the method takes its parameters by position; send params as the JSON array [signedOrder]",
		data:    `{"reason":"invalid_params","field":"params","value":"{\"order\":1}","method":"thx_placeOrder","params":["signedOrder"]}`,
	},
	{
		name:    "params object with an optional parameter",
		request: `{"jsonrpc":"2.0","id":"t","method":"thx_trades","params":{"symbol":"THAL/USDC"}}`,
		code:    CodeInvalidParams,
		message: "rpc: invalid params: params of thx_trades is a JSON object, but the method takes its parameters by position; send params as the JSON array [symbol, options], where options is optional",
		data:    `{"reason":"invalid_params","field":"params","value":"{\"symbol\":\"THAL/USDC\"}","method":"thx_trades","params":["symbol","options"]}`,
	},
	{
		name:    "params string",
		request: `{"jsonrpc":"2.0","id":1,"method":"thx_market","params":"THAL/USDC"}`,
		code:    CodeInvalidParams,
		message: "rpc: invalid params: params of thx_market is a JSON string, but the method takes its parameters by position; send params as the JSON array [symbol]",
		data:    `{"reason":"invalid_params","field":"params","value":"\"THAL/USDC\"","method":"thx_market","params":["symbol"]}`,
	},
	{
		name:    "params number for a method without parameters",
		request: `{"jsonrpc":"2.0","id":null,"method":"rpc_discover","params":5}`,
		code:    CodeInvalidParams,
		message: "rpc: invalid params: params of rpc_discover is a JSON number, but the method takes no parameters; send [] or leave params out",
		data:    `{"reason":"invalid_params","field":"params","value":"5","method":"rpc_discover","params":[]}`,
	},
	{
		name:    "escaped method name",
		request: `{"jsonrpc":"2.0","id":2,"method":"thx\u005fmarkets","params":{}}`,
		code:    CodeInvalidParams,
		message: "rpc: invalid params: params of thx_markets is a JSON object, but the method takes no parameters; send [] or leave params out",
		data:    `{"reason":"invalid_params","field":"params","value":"{}","method":"thx_markets","params":[]}`,
	},
	{
		name:    "too many params",
		request: `{"jsonrpc":"2.0","id":3,"method":"thx_placeOrder","params":[{},{},{}]}`,
		code:    CodeInvalidParams,
		message: "rpc: invalid params: thx_placeOrder takes 1 parameter, [signedOrder], but params has 3 elements; send exactly 1. To place several orders in one call, send them as one array to thx_placeOrders",
		data:    `{"reason":"invalid_params","field":"params","method":"thx_placeOrder","params":["signedOrder"],"paramsSent":3}`,
	},
	{
		name:    "too many params with an optional one",
		request: `{"jsonrpc":"2.0","id":4,"method":"thx_orderBook","params":["THAL/USDC",5,7,8]}`,
		code:    CodeInvalidParams,
		message: "rpc: invalid params: thx_orderBook takes at most 2 parameters, [symbol, depth], where depth is optional, but params has 4 elements; send at most 2, in that order",
		data:    `{"reason":"invalid_params","field":"params","method":"thx_orderBook","params":["symbol","depth"],"paramsSent":4}`,
	},
	{
		name:    "params for a method without parameters",
		request: `{"jsonrpc":"2.0","id":5,"method":"thx_markets","params":[1]}`,
		code:    CodeInvalidParams,
		message: "rpc: invalid params: thx_markets takes no parameters, but params has 1 element; send [] or leave params out",
		data:    `{"reason":"invalid_params","field":"params","method":"thx_markets","params":[],"paramsSent":1}`,
	},
	{
		name:    "params for go-ethereum's rpc_modules",
		request: `{"jsonrpc":"2.0","id":8,"method":"rpc_modules","params":[1]}`,
		code:    CodeInvalidParams,
		message: "rpc: invalid params: rpc_modules takes no parameters, but params has 1 element; send [] or leave params out",
		data:    `{"reason":"invalid_params","field":"params","method":"rpc_modules","params":[],"paramsSent":1}`,
	},
	{
		name:    "params object for go-ethereum's rpc_modules",
		request: `{"jsonrpc":"2.0","id":9,"method":"rpc_modules","params":{"a":1}}`,
		code:    CodeInvalidParams,
		message: "rpc: invalid params: params of rpc_modules is a JSON object, but the method takes no parameters; send [] or leave params out",
		data:    `{"reason":"invalid_params","field":"params","value":"{\"a\":1}","method":"rpc_modules","params":[]}`,
	},
	{
		name:    "subscribe over HTTP",
		request: `{"jsonrpc":"2.0","id":6,"method":"thx_subscribe","params":["trades"]}`,
		code:    CodeMethodNotFound,
		message: "rpc: WebSocket connection required: thx_subscribe sends notifications, which an HTTP request cannot carry; connect to the same URL with ws:// in place of http:// (wss:// in place of https://) and call thx_subscribe there",
		data:    `{"reason":"websocket_required","method":"thx_subscribe"}`,
	},
}

// checkShapeReply checks a reply to shapeCases[i].
func checkShapeReply(t *testing.T, i int, reply json.RawMessage) {
	t.Helper()
	tc := shapeCases[i]
	r := expectRawCode(t, string(reply), tc.code)
	var request struct {
		ID json.RawMessage `json:"id"`
	}
	mustDecode(t, []byte(tc.request), &request)
	if !bytes.Equal(r.ID, request.ID) {
		t.Errorf("id %s, expected %s", r.ID, request.ID)
	}
	if r.Error.Message != tc.message {
		t.Errorf("message\n%s\nexpected\n%s", r.Error.Message, tc.message)
	}
	if string(r.Error.Data) != tc.data {
		t.Errorf("data\n%s\nexpected\n%s", r.Error.Data, tc.data)
	}
}

func TestShapeErrorsOverHTTP(t *testing.T) {
	ts := startServer(t, nil)
	for i, tc := range shapeCases {
		t.Run(tc.name, func(t *testing.T) {
			status, reply := ts.rawPost(tc.request)
			if status != http.StatusOK {
				t.Fatalf("status %d, body %s", status, reply)
			}
			checkShapeReply(t, i, json.RawMessage(reply))
		})
	}

	// Each rejection counts in thx_rpc_requests_total.
	counts := map[[2]string]int{}
	for _, tc := range shapeCases {
		var request struct {
			Method string `json:"method"`
		}
		mustDecode(t, []byte(tc.request), &request)
		counts[[2]string{strings.ReplaceAll(request.Method, `\u005f`, "_"), fmt.Sprint(tc.code)}]++
	}
	for labels, want := range counts {
		if got := testutil.ToFloat64(ts.srv.metrics.requests.WithLabelValues(labels[0], labels[1])); got != float64(want) {
			t.Errorf("%s calls with code %s counted %v times, expected %d", labels[0], labels[1], got, want)
		}
	}
}

func TestShapeErrorsInBatch(t *testing.T) {
	ts := startServer(t, nil)
	for i, tc := range shapeCases {
		t.Run(tc.name, func(t *testing.T) {
			// A notification with the same shape gets no reply, as in
			// go-ethereum.
			notification := strings.Replace(tc.request, `"id":`, `"unused":`, 1)
			batch := `[{"jsonrpc":"2.0","id":"before","method":"thx_market","params":["THAL/USDC"]},` + tc.request + "," +
				notification + `,{"jsonrpc":"2.0","id":"after","method":"thx_markets"}]`
			status, body := ts.rawPost(batch)
			if status != http.StatusOK {
				t.Fatalf("status %d, body %s", status, body)
			}
			var replies []json.RawMessage
			mustDecode(t, []byte(body), &replies)
			if len(replies) != 3 {
				t.Fatalf("%d replies, expected 3: %s", len(replies), body)
			}
			for k, id := range map[int]string{0: `"before"`, 2: `"after"`} {
				var r rawReply
				mustDecode(t, replies[k], &r)
				if string(r.ID) != id || r.Error != nil || len(r.Result) == 0 {
					t.Errorf("reply %d: %s, expected the result of the call with id %s", k, replies[k], id)
				}
			}
			checkShapeReply(t, i, replies[1])
			_, single := ts.rawPost(tc.request)
			if string(replies[1]) != single {
				t.Errorf("reply in the batch\n%s\ndiffers from the reply alone\n%s", replies[1], single)
			}
		})
	}
}

// TestShapeErrorsBatchMarkers sends a batch whose ids are those of
// shapeChecker's placeholders, so that it has to pick other ones.
func TestShapeErrorsBatchMarkers(t *testing.T) {
	ts := startServer(t, nil)
	batch := `[{"jsonrpc":"2.0","id":"~0","method":"thx_markets","params":{}},` +
		`{"jsonrpc":"2.0","id":"~1","method":"thx_market","params":["THAL/USDC"]},` +
		`{"jsonrpc":"2.0","id":"~~1","method":"thx_market","params":["THAL/USDC",1]},` +
		`{"jsonrpc":"2.0","id":"~~0","method":"thx_nodeInfo"}]`
	_, body := ts.rawPost(batch)
	var replies []rawReply
	mustDecode(t, []byte(body), &replies)
	if len(replies) != 4 {
		t.Fatalf("%d replies, expected 4: %s", len(replies), body)
	}
	for i, want := range []struct {
		id   string
		code int
	}{{`"~0"`, CodeInvalidParams}, {`"~1"`, 0}, {`"~~1"`, CodeInvalidParams}, {`"~~0"`, 0}} {
		r := replies[i]
		code := 0
		if r.Error != nil {
			code = r.Error.Code
		}
		if string(r.ID) != want.id || code != want.code {
			t.Errorf("reply %d has id %s and code %d, expected id %s and code %d", i, r.ID, code, want.id, want.code)
		}
		if code != 0 && !strings.Contains(r.Error.Message, "thx_market") {
			t.Errorf("reply %d: message %q does not name the method", i, r.Error.Message)
		}
	}
}

// TestShapeCheckPassesOtherRequests checks that every request that
// shapeChecker does not reject gets the reply that go-ethereum's server
// gives without it.
func TestShapeCheckPassesOtherRequests(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.BatchItemsMax = 3 })
	bodies := []string{
		`{"jsonrpc":"2.0","id":1,"method":"thx_markets"}`,
		`{"jsonrpc":"2.0","id":1,"method":"thx_markets","params":null}`,
		`{"jsonrpc":"2.0","id":1,"method":"thx_markets","params":[]}`,
		` {"jsonrpc":"2.0","id":1,"method":"thx_orderBook","params":["THAL/USDC",5]} `,
		`{"jsonrpc":"2.0","id":1,"method":"thx_orderBook","params":["THAL/USDC"],"params":["THAL/USDC",1]}`,
		`{"jsonrpc":"2.0","id":1,"method":"thx_market","params":[42]}`,
		`{"jsonrpc":"2.0","id":1,"method":"thx_noSuchMethod","params":{}}`,
		`{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":{}}`,
		`{"jsonrpc":"2.0","method":"thx_markets","params":{}}`,
		`{"jsonrpc":"1.0","id":1,"method":"thx_markets","params":{}}`,
		`{"jsonrpc":"2.0","id":{},"method":"thx_markets","params":{}}`,
		`{"jsonrpc":"2.0","id":1,"method":5,"params":{}}`,
		`{"jsonrpc":"2.0","id":1,"method":"thx_markets","params":{}`,
		`{"jsonrpc":"2.0","id":1,"method":"thx_markets","params":{}}x`,
		`{"jsonrpc":"2.0","id":1,"method":"thx_unsubscribe","params":["0x01"]}`,
		`[]`,
		`[1,2]`,
		`[{"jsonrpc":"2.0","id":1,"method":"thx_markets","params":{}},{},{},{}]`,
		`[{"jsonrpc":"2.0","id":1,"method":"thx_markets","params":{}},]`,
		`[{"jsonrpc":"2.0","id":1,"method":"thx_market","params":["THAL/USDC"]},{"jsonrpc":"2.0","id":2,"method":"thx_nodeInfo"}]`,
		`null`,
		``,
	}
	for _, body := range bodies {
		_, got := ts.rawPost(body)
		want := gethReply(t, ts, body)
		if got != want {
			t.Errorf("request %s\nreply %s\nexpected go-ethereum's %s", body, got, want)
		}
	}

	// go-ethereum rejects a wrong content type before it reads the body.
	resp, err := http.Post(ts.url, "text/plain", strings.NewReader(shapeCases[0].request))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("text/plain: status %d, expected %d", resp.StatusCode, http.StatusUnsupportedMediaType)
	}
}

// gethReply returns the reply of go-ethereum's server without
// shapeChecker.
func gethReply(t *testing.T, ts *testServer, body string) string {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	ts.srv.rpc.ServeHTTP(rec, req)
	return rec.Body.String()
}

// TestShapeCheckKeepsValidCalls places orders through a single call and
// through a batch that also holds a rejected call.
func TestShapeCheckKeepsValidCalls(t *testing.T) {
	ts := startServer(t, nil)
	alice := newTrader(t, "alice")
	ts.fund(alice)
	c := ts.httpClient()
	signed := func(price string) string {
		td := typedData(t, c, map[string]any{"order": alice.limitOrder("THAL/USDC", "sell", price, "0.01")})
		raw, err := json.Marshal(map[string]any{"order": td.Order, "signature": alice.sign(t, td.Hash)})
		if err != nil {
			t.Fatal(err)
		}
		return string(raw)
	}

	_, body := ts.rawPost(`{"jsonrpc":"2.0","id":1,"method":"thx_placeOrder","params":[` + signed("2") + `]}`)
	var single struct {
		Result OrderAckJSON `json:"result"`
	}
	mustDecode(t, []byte(body), &single)
	if single.Result.Order.Status != "open" {
		t.Fatalf("single call: %s", body)
	}

	_, body = ts.rawPost(`[{"jsonrpc":"2.0","id":1,"method":"thx_placeOrder","params":[` + signed("3") + `]},` +
		shapeCases[0].request + `,{"jsonrpc":"2.0","id":2,"method":"thx_openOrders","params":["` + alice.addr.Hex() + `"]}]`)
	var batch []struct {
		ID     json.RawMessage `json:"id"`
		Result json.RawMessage `json:"result"`
	}
	mustDecode(t, []byte(body), &batch)
	if len(batch) != 3 {
		t.Fatalf("%d replies, expected 3: %s", len(batch), body)
	}
	var ack OrderAckJSON
	mustDecode(t, batch[0].Result, &ack)
	if ack.Order.Status != "open" || ack.Order.Price != "3" {
		t.Errorf("order in the batch: %s", batch[0].Result)
	}
	var open []OrderInfoJSON
	mustDecode(t, batch[2].Result, &open)
	if len(open) != 2 {
		t.Errorf("%d open orders after the batch, expected 2: %s", len(open), batch[2].Result)
	}
}

// TestShapeCheckerHandsOnBody checks that the handler behind shapeChecker
// reads what it would read from the request itself.
func TestShapeCheckerHandsOnBody(t *testing.T) {
	const limit = 64
	valid := `{"jsonrpc":"2.0","id":1,"method":"thx_markets"}`
	long := `{"jsonrpc":"2.0","id":1,"method":"thx_market","params":["` + strings.Repeat("A", 100) + `"]}`
	errRead := errors.New("connection reset")
	cases := []struct {
		name        string
		body        io.Reader
		length      int64
		contentType string
		want        string
		wantErr     error
	}{
		{"valid call", strings.NewReader(valid), int64(len(valid)), "application/json", valid, nil},
		{"undeclared length over the limit", strings.NewReader(long), -1, "application/json", long[:limit], nil},
		{"wrong content type", strings.NewReader(long), -1, "text/plain", long, nil},
		{"read error", io.MultiReader(strings.NewReader(valid[:10]), iotestErrReader{errRead}), -1, "application/json", valid[:10], errRead},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []byte
			var gotErr error
			next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got, gotErr = io.ReadAll(r.Body)
			})
			s := fuzzServer(t)
			checker := &shapeChecker{next: next, bodyBytesMax: limit, batchItemsMax: 10, metrics: s.metrics, log: s.log}
			req := httptest.NewRequest(http.MethodPost, "/", tc.body)
			req.ContentLength = tc.length
			req.Header.Set("Content-Type", tc.contentType)
			checker.ServeHTTP(httptest.NewRecorder(), req)
			if string(got) != tc.want {
				t.Errorf("next read %q, expected %q", got, tc.want)
			}
			if !errors.Is(gotErr, tc.wantErr) {
				t.Errorf("next read error %v, expected %v", gotErr, tc.wantErr)
			}
		})
	}
}

type iotestErrReader struct{ err error }

func (r iotestErrReader) Read([]byte) (int, error) { return 0, r.err }

// TestMethodSpecsMatchParameters checks that each method in methodSpecs
// takes as many parameters as the Go method that go-ethereum calls,
// which the count in the too-many-params error relies on.
func TestMethodSpecsMatchParameters(t *testing.T) {
	goParams := map[string]int{
		// go-ethereum adds the kind to a subscription's own parameters,
		// and each kind of thxSubscriptions takes one.
		"thx_subscribe":   2,
		"thx_unsubscribe": 1, // go-ethereum's own callback, func(ID)
	}
	for _, receiver := range []struct {
		namespace string
		typ       reflect.Type
	}{{"thx", reflect.TypeFor[*thxAPI]()}, {"rpc", reflect.TypeFor[*discoverAPI]()}} {
		for i := range receiver.typ.NumMethod() {
			m := receiver.typ.Method(i)
			goParams[rpcMethodName(receiver.namespace, m.Name)] = m.Type.NumIn() - 2 // the receiver and the context
		}
	}
	kinds := reflect.TypeFor[*thxSubscriptions]()
	for i := range kinds.NumMethod() {
		if n := kinds.Method(i).Type.NumIn() - 2; n != 1 {
			t.Errorf("subscription kind %s takes %d parameters, expected 1", kinds.Method(i).Name, n)
		}
	}
	for _, spec := range methodSpecs {
		if n, ok := goParams[spec.name]; !ok || n != len(spec.params) {
			t.Errorf("%s lists %d parameters, and its Go method takes %d", spec.name, len(spec.params), n)
		}
	}
}

// gethShapeMessages are the messages of go-ethereum v1.17.10 that
// shapeChecker replaces.
var gethShapeMessages = []string{"non-array args", "too many arguments, want at most ", "notifications not supported"}

// FuzzShapeCheck posts arbitrary bodies to the server's HTTP handler and
// to go-ethereum's alone. Their replies must be the same, except that
// shapeChecker may replace one of gethShapeMessages with its own error of
// the same code and id.
func FuzzShapeCheck(f *testing.F) {
	for _, tc := range shapeCases {
		f.Add([]byte(tc.request))
		f.Add([]byte(`[` + tc.request + `,{"jsonrpc":"2.0","id":9,"method":"thx_markets"}]`))
	}
	for _, body := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"thx_orderBook","params":["THAL/USDC",5]}`,
		`{"jsonrpc":"2.0","method":"thx_markets","params":{}}`,
		`[{"jsonrpc":"2.0","id":"~0","method":"thx_market","params":{}},{"id":1}]`,
		`[]`, `null`, `{`,
	} {
		f.Add([]byte(body))
	}
	s := fuzzServer(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		got, want := postTo(s.rpcHTTP, body), postTo(s.rpc, body)
		if bytes.Equal(got, want) {
			return
		}
		gotReplies, wantReplies := splitReplies(t, got), splitReplies(t, want)
		if len(gotReplies) != len(wantReplies) {
			t.Fatalf("request %s: %d replies\n%s\ngo-ethereum gives %d\n%s", body, len(gotReplies), got, len(wantReplies), want)
		}
		for i := range wantReplies {
			g, w := gotReplies[i], wantReplies[i]
			if bytes.Equal(g.raw, w.raw) {
				continue
			}
			replaced := w.Error != nil && g.Error != nil && g.Error.Code == w.Error.Code && bytes.Equal(g.ID, w.ID)
			if replaced {
				replaced = false
				for _, message := range gethShapeMessages {
					replaced = replaced || strings.HasPrefix(w.Error.Message, message)
				}
			}
			if !replaced {
				t.Fatalf("request %s: reply %d\n%s\ngo-ethereum gives\n%s", body, i, g.raw, w.raw)
			}
		}
	})
}

func postTo(h http.Handler, body []byte) []byte {
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Body.Bytes()
}

type fuzzReply struct {
	rawReply
	raw json.RawMessage
}

// splitReplies decodes a reply body, one object or a batch of them.
func splitReplies(t *testing.T, body []byte) []fuzzReply {
	t.Helper()
	var raws []json.RawMessage
	if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] == '[' {
		mustDecode(t, body, &raws)
	} else {
		raws = []json.RawMessage{body}
	}
	out := make([]fuzzReply, len(raws))
	for i, raw := range raws {
		out[i].raw = raw
		if len(bytes.TrimSpace(raw)) > 0 {
			mustDecode(t, raw, &out[i].rawReply)
		}
	}
	return out
}

// TestShapeErrorsDocumented checks that the errors that docs/RPC.md shows
// for the shapes of params are those that the server sends.
func TestShapeErrorsDocumented(t *testing.T) {
	docs, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, nil)
	for _, name := range []string{"params object", "too many params with an optional one", "subscribe over HTTP"} {
		i := slices.IndexFunc(shapeCases, func(tc shapeCase) bool { return tc.name == name })
		if i < 0 {
			t.Fatalf("no shape case %q", name)
		}
		_, body := ts.rawPost(shapeCases[i].request)
		var reply struct {
			Error json.RawMessage `json:"error"`
		}
		mustDecode(t, []byte(body), &reply)
		if !bytes.Contains(docs, append(reply.Error, '\n')) {
			t.Errorf("%s does not show the error of %s:\n%s", docsPath, name, reply.Error)
		}
	}
}

// TestShapeErrorsOverWebSocket pins what docs/RPC.md states of WebSocket:
// go-ethereum's own messages remain there, and an unknown subscription
// kind gets go-ethereum's error, which lists no kinds.
func TestShapeErrorsOverWebSocket(t *testing.T) {
	ts := startServer(t, nil)
	conn, resp, err := websocket.DefaultDialer.Dial(ts.wsURL, nil)
	if err != nil {
		t.Fatalf("dial %s: %v", ts.wsURL, err)
	}
	resp.Body.Close()
	defer conn.Close()
	cases := []struct {
		request string
		code    int
		message string
	}{
		{`{"jsonrpc":"2.0","id":1,"method":"thx_placeOrder","params":{"order":1}}`, CodeInvalidParams, "non-array args"},
		{`{"jsonrpc":"2.0","id":2,"method":"thx_orderBook","params":["THAL/USDC",5,7,8]}`, CodeInvalidParams, "too many arguments, want at most 2"},
		{`{"jsonrpc":"2.0","id":3,"method":"thx_subscribe","params":["candles","THAL/USDC"]}`, CodeMethodNotFound, `no "candles" subscription in thx namespace`},
	}
	for _, tc := range cases {
		if err := conn.WriteMessage(websocket.TextMessage, []byte(tc.request)); err != nil {
			t.Fatalf("write %s: %v", tc.request, err)
		}
		if err := conn.SetReadDeadline(time.Now().Add(10 * time.Second)); err != nil {
			t.Fatal(err)
		}
		_, reply, err := conn.ReadMessage()
		if err != nil {
			t.Fatalf("read the reply to %s: %v", tc.request, err)
		}
		r := expectRawCode(t, string(reply), tc.code)
		if r.Error.Message != tc.message {
			t.Errorf("request %s: message %q, expected %q", tc.request, r.Error.Message, tc.message)
		}
	}
}

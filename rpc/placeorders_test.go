package rpc

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// signedOrder returns alice's signed order in the form thx_placeOrder and
// each element of thx_placeOrders take.
func signedOrder(t *testing.T, ts *testServer, tr *trader, side, price, quantity string) map[string]any {
	t.Helper()
	td := typedData(t, ts.httpClient(), map[string]any{"order": tr.limitOrder("THAL/USDC", side, price, quantity)})
	return map[string]any{"order": td.Order, "signature": tr.sign(t, td.Hash)}
}

func TestPlaceOrdersResultPerOrder(t *testing.T) {
	ts := startServer(t, nil)
	alice, bob := newTrader(t, "alice"), newTrader(t, "bob")
	ts.fund(alice)
	ts.fund(bob)
	for name, c := range ts.clients() {
		t.Run(name, func(t *testing.T) {
			good := signedOrder(t, ts, alice, "sell", "1.5", "0.01")
			forged := signedOrder(t, ts, alice, "sell", "1.6", "0.01")
			forged["signature"] = bob.sign(t, typedData(t, ts.httpClient(), map[string]any{"order": forged["order"]}).Hash)
			// Rejected while parsing, before the signature is checked.
			tooPrecise := map[string]any{"order": alice.limitOrder("THAL/USDC", "sell", "1.77777", "0.01"), "signature": good["signature"]}

			var results []PlaceOrderResultJSON
			if err := c.Call(&results, "thx_placeOrders", []any{good, forged, tooPrecise}); err != nil {
				t.Fatalf("thx_placeOrders: %v", err)
			}
			if len(results) != 3 {
				t.Fatalf("%d results for 3 orders: %+v", len(results), results)
			}
			if results[0].Error != nil || results[0].Ack == nil || results[0].Ack.Order.Price != "1.5" {
				t.Fatalf("result 0 is not the ack of the good order: %+v", results[0])
			}
			if r := results[1]; r.Ack != nil || r.Error == nil || r.Error.Code != CodeSignerMismatch {
				t.Fatalf("result 1 is not a signer mismatch (%d): %+v", CodeSignerMismatch, r)
			}
			if msg := results[1].Error.Message; !strings.HasPrefix(msg, "signedOrders[1]: ") {
				t.Errorf("signer mismatch %q does not start with the element signedOrders[1]", msg)
			}
			if r := results[2]; r.Ack != nil || r.Error == nil || r.Error.Code != CodeInvalidParams || r.Error.Data.Reason != "precision" ||
				!strings.Contains(r.Error.Data.Field, "signedOrders[2].order") {
				t.Fatalf("result 2 is not a precision error naming signedOrders[2].order: %+v", r)
			}

			// Only the good order is on the book.
			var open []OrderInfoJSON
			if err := c.Call(&open, "thx_openOrders", alice.addr); err != nil {
				t.Fatalf("thx_openOrders: %v", err)
			}
			found := false
			for _, o := range open {
				switch {
				case o.Hash == results[0].Ack.Order.Hash:
					found = true
				case o.Price == "1.6" || o.Price == "1.77777":
					t.Fatalf("rejected order %s is open: %+v", o.Hash, o)
				}
			}
			if !found {
				t.Fatalf("the good order %s is not open: %+v", results[0].Ack.Order.Hash, open)
			}
		})
	}
}

func TestPlaceOrdersRejectsBadLists(t *testing.T) {
	ts := startServer(t, nil)
	alice := newTrader(t, "alice")
	ts.fund(alice)
	order := signedOrder(t, ts, alice, "sell", "1.5", "0.01")
	tooMany := make([]any, PlaceOrdersMax+1)
	for i := range tooMany {
		tooMany[i] = order
	}
	for _, tc := range []struct {
		name   string
		params string
		want   string
	}{
		{"empty", `[]`, "has 0 elements; send 1 to 100 per call"},
		{"no params", ``, "signedOrders: missing; send params [[{order, signature}, ...]]"},
		{"null", `null`, "signedOrders: missing; send params [[{order, signature}, ...]]"},
		{"object", `{"order":{}}`, "expected a JSON array of 1 to 100 elements"},
		{"too many", mustJSON(t, tooMany), fmt.Sprintf("has %d elements; send 1 to 100 per call", PlaceOrdersMax+1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, reply := ts.rawPost(`{"jsonrpc":"2.0","id":1,"method":"thx_placeOrders","params":[` + tc.params + `]}`)
			var r rawReply
			mustDecode(t, []byte(reply), &r)
			if status != 200 || r.Error == nil || r.Error.Code != CodeInvalidParams || !strings.Contains(r.Error.Message, tc.want) ||
				!strings.Contains(r.Error.Message, "signedOrders") {
				t.Fatalf("status %d reply %s, want code %d naming signedOrders with %q", status, reply, CodeInvalidParams, tc.want)
			}
		})
	}
	var open []OrderInfoJSON
	if err := ts.httpClient().Call(&open, "thx_openOrders", alice.addr); err != nil {
		t.Fatalf("thx_openOrders: %v", err)
	}
	if len(open) != 0 {
		t.Fatalf("a rejected list placed orders: %+v", open)
	}
}

// TestPlaceOrdersElementErrors checks that each element of the wrong
// JSON type gets its own error naming the element, and that the good
// order among them gets an ack. The list has white space around and
// between its elements.
func TestPlaceOrdersElementErrors(t *testing.T) {
	ts := startServer(t, nil)
	alice := newTrader(t, "alice")
	ts.fund(alice)
	good := mustJSON(t, signedOrder(t, ts, alice, "sell", "1.5", "0.01"))
	list := "[ \n" + good + " ,null,\t42 , \"x\" ,[1], { \"order\" : [ ] , \"signature\" : \"0x00\" } , {\"order\":{}} ]"
	want := []struct{ message, field, value string }{
		{},
		{`rpc: invalid params: signedOrders[1] "null": expected a JSON object {order, signature}`, "signedOrders[1]", "null"},
		{`rpc: invalid params: signedOrders[2] "42": expected a JSON object {order, signature}`, "signedOrders[2]", "42"},
		{`rpc: invalid params: signedOrders[3] "\"x\"": expected a JSON object {order, signature}`, "signedOrders[3]", `"x"`},
		{`rpc: invalid params: signedOrders[4] "[1]": expected a JSON object {order, signature}`, "signedOrders[4]", "[1]"},
		{`rpc: invalid params: signedOrders[5].order "[ ]": expected a JSON object`, "signedOrders[5].order", "[ ]"},
		{"rpc: invalid params: signedOrders[6].signature: missing", "signedOrders[6].signature", ""},
	}

	status, reply := ts.rawPost(`{"jsonrpc":"2.0","id":1,"method":"thx_placeOrders","params":[` + list + `]}`)
	var r struct {
		Result []PlaceOrderResultJSON `json:"result"`
	}
	mustDecode(t, []byte(reply), &r)
	if status != 200 || len(r.Result) != len(want) {
		t.Fatalf("status %d reply %s, expected %d results", status, reply, len(want))
	}
	if r.Result[0].Error != nil || r.Result[0].Ack == nil {
		t.Errorf("result 0 is not the ack of the good order: %+v", r.Result[0])
	}
	for i, w := range want[1:] {
		got := r.Result[i+1]
		if got.Ack != nil || got.Error == nil {
			t.Errorf("result %d is not an error: %+v", i+1, got)
			continue
		}
		if got.Error.Message != w.message {
			t.Errorf("result %d: message\n%q, expected\n%q", i+1, got.Error.Message, w.message)
		}
		if got.Error.Data.Field != w.field {
			t.Errorf("result %d: data.field %q, expected %q", i+1, got.Error.Data.Field, w.field)
		}
		if got.Error.Data.Value != w.value {
			t.Errorf("result %d: data.value %q, expected %q", i+1, got.Error.Data.Value, w.value)
		}
	}
}

// TestPlaceOrdersNamesElementOfNodeRejection checks that a rejection
// about no field of an order, such as a post-only order that would take
// or a shortfall, still names the element in data.field and the message.
func TestPlaceOrdersNamesElementOfNodeRejection(t *testing.T) {
	ts, c, _, bob := startSellerAndBuyer(t, "1.2345", "0.03")
	broke := newTrader(t, "broke")
	postOnly := bob.limitOrder("THAL/USDC", "buy", "1.3", "0.01")
	postOnly["postOnly"] = true
	td := typedData(t, c, map[string]any{"order": postOnly})
	crossing := map[string]any{"order": td.Order, "signature": bob.sign(t, td.Hash)}
	unfunded := signedOrder(t, ts, broke, "buy", "1", "0.01")

	var results []PlaceOrderResultJSON
	if err := c.Call(&results, "thx_placeOrders", []any{crossing, unfunded}); err != nil {
		t.Fatalf("thx_placeOrders: %v", err)
	}
	want := []struct {
		code int
		path string
	}{{CodePostOnlyWouldTake, "signedOrders[0]"}, {CodeInsufficientBalance, "signedOrders[1]"}}
	if len(results) != len(want) {
		t.Fatalf("%d results for %d orders: %+v", len(results), len(want), results)
	}
	for i, w := range want {
		e := results[i].Error
		if e == nil || e.Code != w.code {
			t.Fatalf("result %d: %+v, expected error code %d", i, results[i], w.code)
		}
		if e.Data.Field != w.path {
			t.Errorf("result %d: data.field %q, expected %q", i, e.Data.Field, w.path)
		}
		if !strings.HasPrefix(e.Message, w.path+": ") {
			t.Errorf("result %d: message %q does not start with %s", i, e.Message, w.path)
		}
	}
	if results[1].Error.Data.Shortfall == nil {
		t.Errorf("shortfall of result 1 lost: %+v", results[1].Error.Data)
	}
}

// TestPlaceOrdersIPLimitPerOrder: a call of n orders
// takes n tokens of the caller's budget, so a batch cannot pass more
// orders than the same orders sent one per call.
func TestPlaceOrdersIPLimitPerOrder(t *testing.T) {
	ts := startServer(t, func(c *Config) {
		c.RequestsPerSecondPerIP = 0.001
		c.RequestBurstPerIP = 15
	})
	alice := newTrader(t, "alice")
	ts.fund(alice)
	orders := make([]any, 10)
	for i := range orders {
		orders[i] = signedOrder(t, ts, alice, "sell", "1.5", "0.01")
	}
	// signedOrder took 10 of the 15 tokens through thx_typedData. The call
	// takes one and its other 9 orders do not fit in the 4 left.
	status, reply := ts.rawPost(`{"jsonrpc":"2.0","id":1,"method":"thx_placeOrders","params":[` + mustJSON(t, orders) + `]}`)
	var r rawReply
	mustDecode(t, []byte(reply), &r)
	if status != 200 || r.Error == nil || r.Error.Code != CodeRateLimited {
		t.Fatalf("status %d reply %s, want rate limited (%d)", status, reply, CodeRateLimited)
	}
	ts.backend.mu.Lock()
	defer ts.backend.mu.Unlock()
	if n := len(ts.backend.orders); n != 0 {
		t.Fatalf("a rate-limited call placed %d orders", n)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestElementErrorPrefixesInnerField checks the field of a rejection that
// a follower passes on from the sequencer, which names the field from
// inside the order, as in a thx_placeOrder call.
func TestElementErrorPrefixesInnerField(t *testing.T) {
	cases := []struct{ field, want string }{
		{"", "signedOrders[2]"},
		{"order.expiry", "signedOrders[2].order.expiry"},
		{"signedOrders[2].order.nonce", "signedOrders[2].order.nonce"},
	}
	for _, tc := range cases {
		e := &Error{Code: CodeExpired, Message: "order expires too soon", Data: ErrorData{Reason: "expired", Field: tc.field}}
		out := elementError(e, "signedOrders[2]")
		if out.Data.Field != tc.want {
			t.Errorf("field %q: data.field %q, expected %q", tc.field, out.Data.Field, tc.want)
		}
		if e.Data.Field != tc.field {
			t.Errorf("field %q: elementError changed the shared error's field to %q", tc.field, e.Data.Field)
		}
	}
}

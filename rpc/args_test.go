package rpc

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// argumentCase is a call with a bad positional argument and the error
// that names it.
type argumentCase struct {
	name    string
	method  string
	params  string // the JSON array of parameters
	message string
	field   string
	value   string
}

const (
	checksummedAddress = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
	wrongChecksum      = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"
)

// TestPositionalArgumentErrors checks that a bad trader, hash, symbol or
// depth argument, and a missing object parameter, get -32602 with
// data.field and data.value, as a bad member of an object does, where
// go-ethereum's own error has no data.
func TestPositionalArgumentErrors(t *testing.T) {
	ts := startServer(t, nil)
	hash62 := "0x" + strings.Repeat("ab", 31)
	hashNo0x := strings.Repeat("ab", 32)
	addressNo0x := strings.ToLower(checksummedAddress[2:])
	notHex := "0x" + strings.Repeat("zz", 20)
	const missingTrader = "rpc: invalid params: trader: missing; send as the first parameter the trader's address (0x followed by 40 hex digits)"
	const depthExpected = "expected 1 to 1000 levels per side, as a JSON number or a string of digits"

	cases := []argumentCase{
		{"short address", "thx_balances", `["0x1234"]`,
			`rpc: invalid params: trader "0x1234": expected 0x followed by 40 hex digits (20 bytes), got 4 digits`, "trader", "0x1234"},
		{"address without 0x", "thx_openOrders", `["` + addressNo0x + `"]`,
			`rpc: invalid params: trader "` + addressNo0x + `": expected 0x followed by 40 hex digits (20 bytes)`, "trader", addressNo0x},
		{"address not hex", "thx_orderHistory", `["` + notHex + `"]`,
			`rpc: invalid params: trader "` + notHex + `": expected 0x followed by 40 hex digits (20 bytes): encoding/hex: invalid byte: U+007A 'z'`,
			"trader", notHex},
		{"address with a wrong checksum", "thx_deposits", `["` + wrongChecksum + `"]`,
			`rpc: invalid params: trader "` + wrongChecksum + `": mixed-case address with a wrong EIP-55 checksum; expected ` + checksummedAddress,
			"trader", wrongChecksum},
		{"address as a number", "thx_withdrawals", `[42]`,
			`rpc: invalid params: trader "42": expected a JSON string: the trader's address (0x followed by 40 hex digits)`, "trader", "42"},
		{"address missing", "thx_balances", `[]`, missingTrader, "trader", ""},
		{"address null", "thx_openOrders", `[null]`, missingTrader, "trader", ""},
		{"hash of 31 bytes", "thx_order", `["` + hash62 + `"]`,
			`rpc: invalid params: hash "` + hash62 + `": expected 0x followed by 64 hex digits (32 bytes), got 62 digits`, "hash", hash62},
		{"hash without 0x", "thx_order", `["` + hashNo0x + `"]`,
			`rpc: invalid params: hash "` + hashNo0x + `": expected 0x followed by 64 hex digits (32 bytes)`, "hash", hashNo0x},
		{"hash missing", "thx_order", `[]`,
			"rpc: invalid params: hash: missing; send as the first parameter the order's hash (0x followed by 64 hex digits)", "hash", ""},
		{"symbol as a number", "thx_market", `[42]`,
			`rpc: invalid params: symbol "42": expected a JSON string: a market symbol such as "THAL/USDC", which thx_markets lists`, "symbol", "42"},
		{"symbol as an object", "thx_trades", `[{"market":"THAL/USDC"}]`,
			`rpc: invalid params: symbol "{\"market\":\"THAL/USDC\"}": expected a JSON string: a market symbol such as "THAL/USDC", which thx_markets lists`,
			"symbol", `{"market":"THAL/USDC"}`},
		{"symbol missing", "thx_ticker", `[]`,
			`rpc: invalid params: symbol: missing; send as the first parameter a market symbol such as "THAL/USDC", which thx_markets lists`, "symbol", ""},
		{"depth as a word", "thx_orderBook", `["THAL/USDC","ten"]`,
			`rpc: invalid params: depth "ten": ` + depthExpected, "depth", "ten"},
		{"depth string too large", "thx_orderBook", `["THAL/USDC","5000"]`,
			`rpc: invalid params: depth "5000": ` + depthExpected, "depth", "5000"},
		{"negative depth", "thx_orderBook", `["THAL/USDC",-1]`,
			`rpc: invalid params: depth "-1": ` + depthExpected, "depth", "-1"},
		{"depth of 0", "thx_orderBook", `["THAL/USDC",0]`,
			`rpc: invalid params: depth "0": ` + depthExpected, "depth", "0"},
		{"depth as a fraction", "thx_orderBook", `["THAL/USDC",1.5]`,
			`rpc: invalid params: depth "1.5": ` + depthExpected, "depth", "1.5"},
		{"typed data request missing", "thx_typedData", `[]`,
			"rpc: invalid params: request: missing; send as the first parameter an object with one of order, cancel or withdrawal", "request", ""},
		{"signed order missing", "thx_placeOrder", `[]`,
			"rpc: invalid params: signedOrder: missing; send as the first parameter the object {order, signature}", "signedOrder", ""},
		{"signed order null", "thx_placeOrder", `[null]`,
			"rpc: invalid params: signedOrder: missing; send as the first parameter the object {order, signature}", "signedOrder", ""},
		{"signed cancel missing", "thx_cancelOrder", `[]`,
			"rpc: invalid params: signedCancel: missing; send as the first parameter the object {cancel, signature}", "signedCancel", ""},
		{"signed withdrawal null", "thx_withdraw", `[null]`,
			"rpc: invalid params: signedWithdrawal: missing; send as the first parameter the object {withdrawal, signature}", "signedWithdrawal", ""},
	}
	checkArgumentCases(t, ts, cases)
}

// TestObjectParameterErrors checks the errors of object and list
// parameters of the wrong JSON type, whole or in a member, sent with and
// without white space. The decoders take these bytes as go-ethereum's
// server checked them, without a validity check of their own.
func TestObjectParameterErrors(t *testing.T) {
	ts := startServer(t, nil)
	cases := []argumentCase{
		{"signed order as a list", "thx_placeOrder", `[[1, 2]]`,
			`rpc: invalid params: signedOrder "[1, 2]": expected a JSON object {order, signature}`, "signedOrder", "[1, 2]"},
		{"signed order as a number", "thx_placeOrder", `[5]`,
			`rpc: invalid params: signedOrder "5": expected a JSON object {order, signature}`, "signedOrder", "5"},
		{"signed order as a string", "thx_placeOrder", `["abc"]`,
			`rpc: invalid params: signedOrder "\"abc\"": expected a JSON object {order, signature}`, "signedOrder", `"abc"`},
		{"order as a number with spaces", "thx_placeOrder", "[ { \"order\" : 7 ,\n \"signature\" : \"0x00\" } ]",
			`rpc: invalid params: order "7": expected a JSON object`, "order", "7"},
		{"order as a string", "thx_placeOrder", `[{"order":"x","signature":"0x00"}]`,
			`rpc: invalid params: order "\"x\"": expected a JSON object`, "order", `"x"`},
		{"signature as a number", "thx_placeOrder", `[{"order":{},"signature":1}]`,
			`rpc: invalid params: signature "1": expected a JSON string`, "signature", "1"},
		{"signed cancel as a string", "thx_cancelOrder", `["x"]`,
			`rpc: invalid params: signedCancel "\"x\"": expected a JSON object {cancel, signature}`, "signedCancel", `"x"`},
		{"signed cancel as a list", "thx_cancelOrder", `[[1]]`,
			`rpc: invalid params: signedCancel "[1]": expected a JSON object {cancel, signature}`, "signedCancel", "[1]"},
		{"cancel as a number", "thx_cancelOrder", `[{"cancel":1,"signature":"0x00"}]`,
			`rpc: invalid params: cancel "1": expected a JSON object`, "cancel", "1"},
		{"cancel with a member of an object", "thx_cancelOrder", `[{"cancel":{"trader":{"a":1},"orderHash":"0x00"},"signature":"0x00"}]`,
			`rpc: invalid params: cancel.trader "{\"a\":1}": expected a JSON string`, "cancel.trader", `{"a":1}`},
		{"signed withdrawal as a number", "thx_withdraw", `[5]`,
			`rpc: invalid params: signedWithdrawal "5": expected a JSON object {withdrawal, signature}`, "signedWithdrawal", "5"},
		{"signed withdrawal as a string", "thx_withdraw", `["w"]`,
			`rpc: invalid params: signedWithdrawal "\"w\"": expected a JSON object {withdrawal, signature}`, "signedWithdrawal", `"w"`},
		{"withdrawal as a list", "thx_withdraw", `[{"withdrawal":[],"signature":"0x00"}]`,
			`rpc: invalid params: withdrawal "[]": expected a JSON object`, "withdrawal", "[]"},
		{"typed data request as a string", "thx_typedData", `["order"]`,
			`rpc: invalid params: request "\"order\"": expected a JSON object with one of order, cancel or withdrawal`, "request", `"order"`},
		{"typed data request as a number", "thx_typedData", `[5]`,
			`rpc: invalid params: request "5": expected a JSON object with one of order, cancel or withdrawal`, "request", "5"},
		{"typed data request as a list", "thx_typedData", `[[{"order":{}}]]`,
			`rpc: invalid params: request "[{\"order\":{}}]": expected a JSON object with one of order, cancel or withdrawal`, "request", `[{"order":{}}]`},
		{"typed data cancel as a list", "thx_typedData", `[{"cancel":[1]}]`,
			`rpc: invalid params: cancel "[1]": expected a JSON object`, "cancel", "[1]"},
		{"typed data order null", "thx_typedData", `[{"order":null}]`,
			"rpc: invalid params: request: expected exactly one of order, cancel and withdrawal", "request", ""},
		{"page as a number", "thx_orderHistory", `["` + checksummedAddress + `", 5]`,
			`rpc: invalid params: page "5": expected a JSON object {cursor, limit}`, "page", "5"},
		{"trades options as a string", "thx_trades", `["THAL/USDC", "x"]`,
			`rpc: invalid params: options "\"x\"": expected a JSON object {trader, cursor, limit}`, "options", `"x"`},
		{"signed orders as a string", "thx_placeOrders", `["x"]`,
			`rpc: invalid params: signedOrders "\"x\"": expected a JSON array of 1 to 100 elements`, "signedOrders", `"x"`},
		{"signed orders as a number", "thx_placeOrders", `[42]`,
			`rpc: invalid params: signedOrders "42": expected a JSON array of 1 to 100 elements`, "signedOrders", "42"},
		{"no signed orders, with spaces", "thx_placeOrders", "[ [ \n ] ]",
			"rpc: invalid params: signedOrders: has 0 elements; send 1 to 100 per call", "signedOrders", ""},
	}
	checkArgumentCases(t, ts, cases)
}

// checkArgumentCases sends each case's call and checks its -32602 error.
func checkArgumentCases(t *testing.T, ts *testServer, cases []argumentCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := `{"jsonrpc":"2.0","id":1,"method":"` + tc.method + `","params":` + tc.params + `}`
			_, reply := ts.rawPost(body)
			r := expectRawCode(t, reply, CodeInvalidParams)
			if r.Error.Message != tc.message {
				t.Errorf("message\n%q, expected\n%q", r.Error.Message, tc.message)
			}
			var data ErrorData
			if err := json.Unmarshal(r.Error.Data, &data); err != nil {
				t.Fatalf("reply %s: decode data: %v", reply, err)
			}
			if data.Reason != "invalid_params" {
				t.Errorf("data.reason %q, expected invalid_params", data.Reason)
			}
			if data.Field != tc.field {
				t.Errorf("data.field %q, expected %q", data.Field, tc.field)
			}
			if data.Value != tc.value {
				t.Errorf("data.value %q, expected %q", data.Value, tc.value)
			}
		})
	}
}

// TestPositionalArgumentsAccepted checks the accepted forms of the
// arguments: every form that go-ethereum's decoding took, with the same
// reply, and a depth as a string of digits, as the API's other integers.
func TestPositionalArgumentsAccepted(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	alice := newTrader(t, "alice")
	ts.fund(alice)
	placed := alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "2", "0.05"))

	checksummed := alice.addr.Hex()
	forms := []string{checksummed, strings.ToLower(checksummed), "0x" + strings.ToUpper(checksummed[2:]), "0X" + checksummed[2:]}
	var want json.RawMessage
	for _, form := range forms {
		var got json.RawMessage
		if err := c.Call(&got, "thx_balances", form); err != nil {
			t.Fatalf("thx_balances %s: %v", form, err)
		}
		if want == nil {
			want = got
		}
		if string(got) != string(want) {
			t.Errorf("thx_balances %s returned %s, and %s returned %s", form, got, forms[0], want)
		}
	}

	hash := placed.Order.Hash.Hex()
	for _, form := range []string{hash, strings.ToUpper(hash[:2]) + strings.ToUpper(hash[2:])} {
		var info OrderInfoJSON
		if err := c.Call(&info, "thx_order", form); err != nil {
			t.Fatalf("thx_order %s: %v", form, err)
		}
		if info.Hash != placed.Order.Hash {
			t.Errorf("thx_order %s returned order %s", form, info.Hash)
		}
	}

	for _, depth := range []any{1, "1", nil} {
		var book BookJSON
		if err := c.Call(&book, "thx_orderBook", "THAL/USDC", depth); err != nil {
			t.Fatalf("thx_orderBook with depth %v: %v", depth, err)
		}
		if len(book.Asks) != 1 {
			t.Errorf("thx_orderBook with depth %v returned %d ask levels, expected 1", depth, len(book.Asks))
		}
	}
}

// TestSubscribeArgumentErrors checks the same errors for the argument of
// thx_subscribe, which go-ethereum decodes the same way.
func TestSubscribeArgumentErrors(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.wsClient()
	cases := []struct {
		name  string
		args  []any
		field string
		value string
	}{
		{"orders of a short address", []any{"orders", "0x12"}, "trader", "0x12"},
		{"balances without a trader", []any{"balances"}, "trader", ""},
		{"book of a number", []any{"book", 7}, "symbol", "7"},
		{"trades without a symbol", []any{"trades", nil}, "symbol", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ch := make(chan json.RawMessage, 1)
			sub, err := c.Subscribe(context.Background(), "thx", ch, tc.args...)
			if err == nil {
				sub.Unsubscribe()
			}
			data := expectCode(t, err, CodeInvalidParams, "invalid_params")
			if data.Field != tc.field {
				t.Errorf("data.field %q, expected %q", data.Field, tc.field)
			}
			if data.Value != tc.value {
				t.Errorf("data.value %q, expected %q", data.Value, tc.value)
			}
			if !strings.Contains(err.Error(), tc.field) {
				t.Errorf("message %q does not name %s", err, tc.field)
			}
		})
	}
}

package rpc

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// orderCase is a placeOrder call that must be rejected with code and
// reason, leaving the state as it was.
type orderCase struct {
	name   string
	code   int
	reason string
	// build returns the placeOrder parameters.
	build func(t *testing.T) map[string]any
}

func TestPlaceOrderRejections(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	alice, bob, broke, carol := newTrader(t, "alice"), newTrader(t, "bob"), newTrader(t, "broke"), newTrader(t, "carol")
	ts.fund(alice)
	ts.fund(bob)
	ts.fund(carol)
	resting := alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "1.2345", "0.03"))

	// signed returns the parameters of an order signed by signer.
	signed := func(signer *trader, order map[string]any) map[string]any {
		td := typedData(t, c, map[string]any{"order": order})
		return map[string]any{"order": td.Order, "signature": signer.sign(t, td.Hash)}
	}
	withSignature := func(order map[string]any, edit func(sig []byte)) map[string]any {
		params := signed(alice, order)
		sig := common.FromHex(params["signature"].(string))
		edit(sig)
		params["signature"] = "0x" + common.Bytes2Hex(sig)
		return params
	}
	replayed := signed(bob, bob.limitOrder("THAL/USDC", "buy", "1", "0.01"))
	if err := c.Call(nil, "thx_placeOrder", replayed); err != nil {
		t.Fatalf("first placement of the replayed order: %v", err)
	}
	ts.backend.cancelUpTo(carol.addr, 1000)

	cases := []orderCase{
		{"precision of price", CodeInvalidParams, "precision", func(t *testing.T) map[string]any {
			return map[string]any{"order": bob.limitOrder("THAL/USDC", "buy", "1.23456", "0.01"), "signature": "0x" + strings.Repeat("00", 65)}
		}},
		{"precision of quantity", CodeInvalidParams, "precision", func(t *testing.T) map[string]any {
			return map[string]any{"order": bob.limitOrder("THAL/USDC", "buy", "1.2345", "0.015"), "signature": "0x" + strings.Repeat("00", 65)}
		}},
		{"missing side", CodeInvalidParams, "invalid_params", func(t *testing.T) map[string]any {
			o := bob.limitOrder("THAL/USDC", "buy", "1", "0.01")
			delete(o, "side")
			return map[string]any{"order": o, "signature": "0x" + strings.Repeat("00", 65)}
		}},
		{"signature of 64 bytes", CodeInvalidSignature, "invalid_signature", func(t *testing.T) map[string]any {
			return map[string]any{"order": bob.limitOrder("THAL/USDC", "buy", "1", "0.01"), "signature": "0x" + strings.Repeat("11", 64)}
		}},
		{"signature with v of 5", CodeInvalidSignature, "invalid_signature", func(t *testing.T) map[string]any {
			return withSignature(alice.limitOrder("THAL/USDC", "sell", "3", "0.01"), func(sig []byte) { sig[64] = 5 })
		}},
		{"signature with high s", CodeInvalidSignature, "invalid_signature", func(t *testing.T) map[string]any {
			return withSignature(alice.limitOrder("THAL/USDC", "sell", "3", "0.01"), flipS)
		}},
		{"signature that recovers no key", CodeInvalidSignature, "invalid_signature", func(t *testing.T) map[string]any {
			return withSignature(alice.limitOrder("THAL/USDC", "sell", "3", "0.01"), func(sig []byte) { clear(sig[:32]) })
		}},
		{"signed by another account", CodeSignerMismatch, "signer_mismatch", func(t *testing.T) map[string]any {
			return signed(bob, alice.limitOrder("THAL/USDC", "sell", "3", "0.01"))
		}},
		{"chainId of another chain", CodeWrongChain, "wrong_chain", func(t *testing.T) map[string]any {
			o := bob.limitOrder("THAL/USDC", "buy", "1", "0.01")
			o["chainId"] = otherChain
			return map[string]any{"order": o, "signature": "0x" + strings.Repeat("00", 65)}
		}},
		{"signed for another chain", CodeWrongChain, "wrong_chain", func(t *testing.T) map[string]any {
			return signedForChain(t, ts, bob, bob.limitOrder("THAL/USDC", "buy", "1", "0.01"), otherChain)
		}},
		{"expired", CodeExpired, "expired", func(t *testing.T) map[string]any {
			o := bob.limitOrder("THAL/USDC", "buy", "1", "0.01")
			o["expiry"] = testStartMs/1000 + 10
			return signed(bob, o)
		}},
		{"nonce below cancelUpTo", CodeNonceCancelled, "nonce_cancelled", func(t *testing.T) map[string]any {
			return signed(carol, carol.limitOrder("THAL/USDC", "sell", "3", "0.01"))
		}},
		{"replayed", CodeReplayed, "replayed", func(t *testing.T) map[string]any { return replayed }},
		{"insufficient balance", CodeInsufficientBalance, "insufficient_balance", func(t *testing.T) map[string]any {
			return signed(broke, broke.limitOrder("THAL/USDC", "buy", "1", "0.01"))
		}},
		{"unknown market", CodeUnknownMarket, "unknown_market", func(t *testing.T) map[string]any {
			return map[string]any{"order": bob.limitOrder("NOPE/USDC", "buy", "1", "0.01"), "signature": "0x" + strings.Repeat("00", 65)}
		}},
		{"post-only would take", CodePostOnlyWouldTake, "post_only_would_take", func(t *testing.T) map[string]any {
			o := bob.limitOrder("THAL/USDC", "buy", "1.2345", "0.01")
			o["postOnly"] = true
			return signed(bob, o)
		}},
		{"fee above the signed maximum", CodeOrderRejected, "order_rejected", func(t *testing.T) map[string]any {
			o := bob.limitOrder("THAL/USDC", "buy", "1", "0.01")
			o["maxFeeBps"] = 5
			return signed(bob, o)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			params := tc.build(t)
			before := ts.backend.stateHash()
			err := c.Call(nil, "thx_placeOrder", params)
			data := expectCode(t, err, tc.code, tc.reason)
			if after := ts.backend.stateHash(); after != before {
				t.Fatalf("rejected order changed the state hash")
			}
			if tc.code == CodeInsufficientBalance {
				checkShortfall(t, data)
				if !strings.Contains(err.Error(), "needs 0.010025 USDC") {
					t.Errorf("shortfall message %q does not state the amount in USDC", err)
				}
			}
			if !utf8.ValidString(err.Error()) || strings.ContainsRune(err.Error(), utf8.RuneError) {
				t.Errorf("message %q is not clean text", err)
			}
		})
	}
	if resting.Order.Status != "open" {
		t.Fatalf("the resting order is %s", resting.Order.Status)
	}
}

// flipS replaces s with n - s and flips v, the malleable twin of a
// signature.
func flipS(sig []byte) {
	n := crypto.S256().Params().N
	s := new(big.Int).SetBytes(sig[32:64])
	new(big.Int).Sub(n, s).FillBytes(sig[32:64])
	sig[64] ^= 1
}

// signedForChain signs an order's message in another chain's domain, as a
// wallet connected to the wrong network would.
func signedForChain(t *testing.T, ts *testServer, tr *trader, order map[string]any, chainID uint64) map[string]any {
	t.Helper()
	c := ts.httpClient()
	td := typedData(t, c, map[string]any{"order": order})
	domain, ok := ts.backend.Domain(chainID)
	if !ok {
		t.Fatalf("no domain for chain %d", chainID)
	}
	digest := domain.OrderHash(mustOrder(t, td.Order))
	return map[string]any{"order": td.Order, "signature": tr.sign(t, digest)}
}

// checkShortfall checks the amounts of an unfunded trader's buy of 1 lot
// at 1 USDC with a 25 bps fee cap: 10,000 units plus 25 of fee.
func checkShortfall(t *testing.T, data ErrorData) {
	t.Helper()
	s := data.Shortfall
	if s == nil {
		t.Fatalf("insufficient balance without shortfall data")
	}
	if s.NeededUnits != "10025" || s.Needed != "0.010025" || s.AvailableUnits != "0" || s.Symbol != "USDC" || s.ChainID != testChain {
		t.Fatalf("shortfall %+v", s)
	}
}

func TestMarketHaltedRejection(t *testing.T) {
	ts, c, _, bob := startSellerAndBuyer(t, "1", "0.01")
	bob.mustPlace(t, c, bob.limitOrder("THAL/USDC", "buy", "1", "0.01"))
	ts.backend.failSettlement(testChain)

	_, err := bob.place(t, c, bob.limitOrder("THAL/USDC", "buy", "1", "0.01"))
	expectCode(t, err, CodeMarketHalted, "market_halted")
	var m MarketJSON
	if err := c.Call(&m, "thx_market", "THAL/USDC"); err != nil || !m.Halted {
		t.Fatalf("market after the failed batch: %+v, %v", m, err)
	}
}

func TestCancelRejections(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	alice, bob := newTrader(t, "alice"), newTrader(t, "bob")
	ts.fund(alice)
	ack := alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "1", "0.01"))

	cancelBy := func(signer *trader, cancel map[string]any) error {
		td := typedData(t, c, map[string]any{"cancel": cancel})
		return c.Call(nil, "thx_cancelOrder", map[string]any{"cancel": td.Cancel, "signature": signer.sign(t, td.Hash)})
	}
	err := cancelBy(bob, map[string]any{"trader": bob.addr, "orderHash": ack.Order.Hash})
	expectCode(t, err, CodeNotOrderOwner, "not_order_owner")

	unknown := common.HexToHash("0x1234")
	err = cancelBy(alice, map[string]any{"trader": alice.addr, "orderHash": unknown, "chainId": testChain})
	expectCode(t, err, CodeNotFound, "not_found")

	err = c.Call(nil, "thx_typedData", map[string]any{"cancel": map[string]any{"trader": alice.addr, "orderHash": unknown}})
	expectCode(t, err, CodeNotFound, "not_found")

	err = c.Call(nil, "thx_typedData", map[string]any{"cancel": map[string]any{"trader": alice.addr, "orderHash": unknown, "chainId": 5}})
	expectCode(t, err, CodeWrongChain, "wrong_chain")

	err = cancelBy(bob, map[string]any{"trader": alice.addr, "orderHash": ack.Order.Hash})
	expectCode(t, err, CodeSignerMismatch, "signer_mismatch")

	// A cancel signed in the other chain's domain, as by a wallet on the
	// wrong network.
	td := typedData(t, c, map[string]any{"cancel": map[string]any{"trader": alice.addr, "orderHash": ack.Order.Hash}})
	other, _ := ts.backend.Domain(otherChain)
	digest := other.CancelHash(eip712.Cancel{Trader: alice.addr, OrderHash: ack.Order.Hash})
	err = c.Call(nil, "thx_cancelOrder", map[string]any{"cancel": td.Cancel, "signature": alice.sign(t, digest)})
	data := expectCode(t, err, CodeWrongChain, "wrong_chain")
	if !strings.Contains(err.Error(), fmt.Sprintf("chain %d", otherChain)) {
		t.Errorf("wrong-chain message %q does not name chain %d (data %+v)", err, otherChain, data)
	}

	var order OrderInfoJSON
	if err := c.Call(&order, "thx_order", ack.Order.Hash); err != nil || order.Status != "open" {
		t.Fatalf("order after rejected cancels: %+v, %v", order, err)
	}
}

func TestCancelOfCancelledOrder(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	alice := newTrader(t, "alice")
	ts.fund(alice)
	ack := alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "1", "0.01"))
	cancel := func() error {
		td := typedData(t, c, map[string]any{"cancel": map[string]any{"trader": alice.addr, "orderHash": ack.Order.Hash}})
		return c.Call(nil, "thx_cancelOrder", map[string]any{"cancel": td.Cancel, "signature": alice.sign(t, td.Hash)})
	}
	if err := cancel(); err != nil {
		t.Fatalf("first cancel: %v", err)
	}

	err := cancel()
	expectCode(t, err, CodeNotFound, "not_found")
	want := fmt.Sprintf("rpc: order not open: order %s is cancelled; only an open order can be cancelled", ack.Order.Hash)
	if err.Error() != want {
		t.Errorf("second cancel: message %q, expected %q", err, want)
	}
}

func TestWithdrawRejections(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	alice := newTrader(t, "alice")
	ts.fund(alice)
	withdraw := func(fields map[string]any) error {
		td, err := callTypedData(c, map[string]any{"withdrawal": fields})
		if err != nil {
			return err
		}
		return c.Call(nil, "thx_withdraw", map[string]any{"withdrawal": td.Withdrawal, "signature": alice.sign(t, td.Hash)})
	}
	base := func(amount string, nonce uint64) map[string]any {
		return map[string]any{"trader": alice.addr, "token": tokenUSDC, "amount": amount, "nonce": nonce}
	}
	before := ts.backend.stateHash()

	data := expectCode(t, withdraw(base("1.0000001", 1)), CodeInvalidParams, "precision")
	if data.Field != "withdrawal.amount" || data.Value != "1.0000001" {
		t.Fatalf("precision error data %+v", data)
	}
	expectCode(t, withdraw(base("2000000", 1)), CodeInsufficientBalance, "insufficient_balance")
	expired := base("1", 2)
	expired["expiry"] = testStartMs/1000 + 5
	expectCode(t, withdraw(expired), CodeExpired, "expired")
	milliseconds := base("1", 5)
	milliseconds["expiry"] = testStartMs + 600_000
	data = expectCode(t, withdraw(milliseconds), CodeInvalidParams, "invalid_params")
	if data.Field != "withdrawal.expiry" || data.Value != "1700000600000" {
		t.Fatalf("expiry in milliseconds: error data %+v", data)
	}
	unknownToken := base("1", 3)
	unknownToken["token"] = common.HexToAddress("0xdead")
	expectCode(t, withdraw(unknownToken), CodeInvalidParams, "invalid_params")
	disagree := base("1", 4)
	disagree["amountUnits"] = "999"
	expectCode(t, withdraw(disagree), CodeInvalidParams, "invalid_params")
	if after := ts.backend.stateHash(); after != before {
		t.Fatalf("rejected withdrawals changed the state hash")
	}

	if err := withdraw(base("1", 9)); err != nil {
		t.Fatalf("withdraw: %v", err)
	}
	replayed := withdraw(base("1", 9))
	data = expectCode(t, replayed, CodeReplayed, "replayed")
	if data.Field != "withdrawal.nonce" || data.Value != "9" {
		t.Errorf("replayed withdrawal error data %+v, expected field withdrawal.nonce and value 9", data)
	}
	td, err := callTypedData(c, map[string]any{"withdrawal": base("1", 9)})
	if err != nil {
		t.Fatalf("typedData of the replayed withdrawal: %v", err)
	}
	trader := alice.addr.Hex()
	want := "ledger: withdrawal already requested: withdrawal " + td.Hash.Hex() +
		": an earlier withdrawal of " + trader + " used nonce 9, and the Exchange takes each withdrawal nonce once;" +
		" thx_withdrawals lists the trader's withdrawals, and a new withdrawal needs another nonce"
	if replayed.Error() != want {
		t.Errorf("replayed withdrawal message\n%q, expected\n%q", replayed.Error(), want)
	}

	// Another amount with a used nonce is a new hash, but the Exchange
	// would revert its batch with NonceAlreadyUsed.
	data = expectCode(t, withdraw(base("2", 9)), CodeReplayed, "replayed")
	if data.Field != "withdrawal.nonce" || data.Value != "9" {
		t.Errorf("withdrawal reusing a nonce: error data %+v, expected field withdrawal.nonce and value 9", data)
	}
}

func callTypedData(c *gethrpc.Client, request map[string]any) (TypedDataJSON, error) {
	var td TypedDataJSON
	err := c.Call(&td, "thx_typedData", request)
	return td, err
}

func TestReadRejections(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	cases := []struct {
		name   string
		method string
		args   []any
		code   int
		reason string
	}{
		{"unknown market", "thx_market", []any{"XYZ/ABC"}, CodeUnknownMarket, "unknown_market"},
		{"book of an unknown market", "thx_orderBook", []any{"XYZ/ABC"}, CodeUnknownMarket, "unknown_market"},
		{"depth of 0", "thx_orderBook", []any{"THAL/USDC", 0}, CodeInvalidParams, "invalid_params"},
		{"depth above the maximum", "thx_orderBook", []any{"THAL/USDC", 1001}, CodeInvalidParams, "invalid_params"},
		{"unknown order", "thx_order", []any{common.HexToHash("0x99")}, CodeNotFound, "not_found"},
		{"page limit of 0", "thx_orderHistory", []any{common.HexToAddress("0x1"), map[string]any{"limit": 0}}, CodeInvalidParams, "invalid_params"},
		{"malformed cursor", "thx_deposits", []any{common.HexToAddress("0x1"), map[string]any{"cursor": "zz"}}, CodeInvalidParams, "invalid_params"},
		{"unknown page field", "thx_withdrawals", []any{common.HexToAddress("0x1"), map[string]any{"limt": 5}}, CodeInvalidParams, "invalid_params"},
		{"trades cursor without trader", "thx_trades", []any{"THAL/USDC", map[string]any{"cursor": "0x00"}}, CodeInvalidParams, "invalid_params"},
		{"typedData with two messages", "thx_typedData", []any{map[string]any{"order": map[string]any{}, "cancel": map[string]any{}}}, CodeInvalidParams, "invalid_params"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectCode(t, c.Call(nil, tc.method, tc.args...), tc.code, tc.reason)
		})
	}
}

// TestGoEthereumCodes checks the codes that go-ethereum's server produces
// before a method runs.
func TestGoEthereumCodes(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	code, _ := rpcError(t, c.Call(nil, "thx_market", "THAL/USDC", 5))
	if code != CodeInvalidParams {
		t.Errorf("too many parameters: code %d, expected %d", code, CodeInvalidParams)
	}
	code, _ = rpcError(t, c.Call(nil, "thx_noSuchMethod"))
	if code != CodeMethodNotFound {
		t.Errorf("unknown method: code %d, expected %d", code, CodeMethodNotFound)
	}
	ch := make(chan any)
	_, err := c.Subscribe(t.Context(), "thx", ch, "book", "THAL/USDC")
	if !errors.Is(err, gethrpc.ErrNotificationsUnsupported) {
		t.Errorf("subscribe over HTTP: %v, expected notifications unsupported", err)
	}
}

func TestUnavailableAndInternalErrors(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	alice := newTrader(t, "alice")
	ts.fund(alice)

	ts.backend.mu.Lock()
	ts.backend.failNext = fmt.Errorf("%w: the sequencer queue is full", ErrUnavailable)
	ts.backend.mu.Unlock()
	_, err := alice.place(t, c, alice.limitOrder("THAL/USDC", "sell", "1", "0.01"))
	expectCode(t, err, CodeUnavailable, "unavailable")

	ts.backend.mu.Lock()
	ts.backend.failNext = errors.New("disk write failed at offset 4096")
	ts.backend.mu.Unlock()
	_, err = alice.place(t, c, alice.limitOrder("THAL/USDC", "sell", "1", "0.01"))
	expectCode(t, err, CodeInternal, "internal")
	if strings.Contains(err.Error(), "offset 4096") {
		t.Errorf("internal error message leaks the cause: %v", err)
	}
	if !strings.Contains(ts.logs.String(), "offset 4096") {
		t.Errorf("internal error cause not logged; log:\n%s", ts.logs.String())
	}
}

// TestStopOrderRejected checks that a stop order whose trigger the last
// trade has already reached is rejected by the book with 4011.
func TestStopOrderRejected(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	alice, bob := newTrader(t, "alice"), newTrader(t, "bob")
	ts.fund(alice)
	ts.fund(bob)
	alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "2", "0.01"))
	bob.mustPlace(t, c, bob.limitOrder("THAL/USDC", "buy", "2", "0.01"))

	stop := bob.limitOrder("THAL/USDC", "buy", "2.5", "0.01")
	stop["kind"], stop["triggerPrice"] = "stopLimit", "1.5"
	_, err := bob.place(t, c, stop)
	expectCode(t, err, CodeOrderRejected, "order_rejected")
	if !strings.Contains(err.Error(), "stop") {
		t.Errorf("stop rejection message %q does not name the stop", err)
	}
}

// TestRejectionMessages checks the exact messages of rejections that the
// state machine and the book make, as a JSON-RPC client reads them: no log
// position, order id or hash prefix, and prices in the market's units.
func TestRejectionMessages(t *testing.T) {
	ts, c, _, bob := startSellerAndBuyer(t, "1.2345", "0.03")
	broke := newTrader(t, "broke")

	signed := func(signer *trader, order map[string]any) map[string]any {
		td := typedData(t, c, map[string]any{"order": order})
		return map[string]any{"order": td.Order, "signature": signer.sign(t, td.Hash)}
	}
	postOnly := bob.limitOrder("THAL/USDC", "buy", "1.3", "0.01")
	postOnly["postOnly"] = true
	lowFeeCap := bob.limitOrder("THAL/USDC", "buy", "1", "0.01")
	lowFeeCap["maxFeeBps"] = 5
	postOnlyLowFeeCap := bob.limitOrder("THAL/USDC", "buy", "1", "0.01")
	postOnlyLowFeeCap["maxFeeBps"], postOnlyLowFeeCap["postOnly"] = 5, true
	duplicate := signed(bob, bob.limitOrder("THAL/USDC", "buy", "1", "0.01"))
	var first OrderAckJSON
	if err := c.Call(&first, "thx_placeOrder", duplicate); err != nil {
		t.Fatalf("first placement of the duplicate order: %v", err)
	}

	cases := []struct {
		name    string
		params  map[string]any
		code    int
		message string
		field   string // data.field, empty when absent
	}{
		{"post-only crossing", signed(bob, postOnly), CodePostOnlyWouldTake,
			"matching: post-only order would take liquidity: price 1.3 (13000 ticks) crosses the best sell at 1.2345 (12345 ticks); " +
				"send a price that does not cross, or drop postOnly to trade", ""},
		{"duplicate order", duplicate, CodeReplayed,
			"state: order already placed: order " + first.Order.Hash.Hex() + "; thx_order shows its status, and a new order needs another nonce", "order.nonce"},
		{"insufficient balance", signed(broke, broke.limitOrder("THAL/USDC", "buy", "1", "0.01")), CodeInsufficientBalance,
			"ledger: insufficient available balance: needs 0.010025 USDC (10025 base units of token " + tokenUSDC.Hex() +
				" on chain 31337), and 0 USDC are available; deposit more or ask for less", ""},
		{"fee above the signed maximum", signed(bob, lowFeeCap), CodeOrderRejected,
			"matching: fee above the order's max fee: order.maxFeeBps 5 is below the THAL/USDC taker fee of 25 bps; " +
				"sign maxFeeBps of at least 25, or leave it out to sign the larger of the market's fees", "order.maxFeeBps"},
		{"post-only fee above the signed maximum", signed(bob, postOnlyLowFeeCap), CodeOrderRejected,
			"matching: fee above the order's max fee: order.maxFeeBps 5 is below the THAL/USDC maker fee of 10 bps; " +
				"sign maxFeeBps of at least 10, or leave it out to sign the larger of the market's fees", "order.maxFeeBps"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			request, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "thx_placeOrder", "params": []any{tc.params}})
			if err != nil {
				t.Fatal(err)
			}
			_, body := ts.rawPost(string(request))
			var reply struct {
				Error *struct {
					Code    int       `json:"code"`
					Message string    `json:"message"`
					Data    ErrorData `json:"data"`
				} `json:"error"`
			}
			mustDecode(t, []byte(body), &reply)
			if reply.Error == nil {
				t.Fatalf("reply %s has no error", body)
			}
			if reply.Error.Code != tc.code {
				t.Errorf("code %d, expected %d", reply.Error.Code, tc.code)
			}
			if reply.Error.Message != tc.message {
				t.Errorf("message\n%q, expected\n%q", reply.Error.Message, tc.message)
			}
			if reply.Error.Data.Field != tc.field {
				t.Errorf("data.field %q, expected %q", reply.Error.Data.Field, tc.field)
			}
		})
	}
}

// TestParamErrorMessages checks the message, data.field and data.value of
// malformed orders sent to thx_typedData.
func TestParamErrorMessages(t *testing.T) {
	ts := startServer(t, nil)
	bob := newTrader(t, "bob")
	cases := []struct {
		name    string
		edit    func(order map[string]any)
		message string
		field   string
		value   string
	}{
		{"unknown side", func(o map[string]any) { o["side"] = "long" },
			`rpc: invalid params: order.side "long": expected one of buy, sell or its code 0 to 1`, "order.side", "long"},
		{"misspelt quantity", func(o map[string]any) { delete(o, "quantity"); o["qty"] = "0.01" },
			"rpc: invalid params: order.quantity: missing; send quantity or quantityLots. " +
				"Instead the unknown field order.qty was sent: check the spelling against docs/RPC.md", "order.quantity", ""},
		{"unknown field", func(o map[string]any) { o["foo"] = 1 },
			"rpc: invalid params: order.foo: unknown field; check its spelling against docs/RPC.md", "order.foo", ""},
		{"hash sent back", func(o map[string]any) { o["hash"] = "0x01" },
			"rpc: invalid params: order.hash: unknown field; the node computes the hash from the signed fields, so leave it out", "order.hash", ""},
		{"zero price", func(o map[string]any) { o["price"] = "0" },
			`rpc: invalid params: order.price "0": must be above 0: a limit order signs its limit price, a market order its worst acceptable price`,
			"order.price", "0"},
		{"GTD without expiry", func(o map[string]any) { o["timeInForce"] = "GTD" },
			`rpc: invalid params: order.expiry "0": a GTD order needs an expiry in unix seconds, at least 30 s ahead; use GTC for an order that does not expire`,
			"order.expiry", "0"},
		{"expiry in milliseconds", func(o map[string]any) { o["expiry"] = testStartMs + 600_000 },
			`rpc: invalid params: order.expiry "1700000600000": above 99999999999, so it looks like unix milliseconds; ` +
				`send unix seconds (1700000600), or 0 for no expiry`,
			"order.expiry", "1700000600000"},
		{"trigger price on a limit order", func(o map[string]any) { o["triggerPrice"] = "0.9" },
			`rpc: invalid params: order.triggerPrice "0.9": a limit order has no trigger price; leave it out, or use kind stopLimit or stopMarket`,
			"order.triggerPrice", "0.9"},
		{"stop order without trigger price", func(o map[string]any) { o["kind"] = "stopLimit" },
			`rpc: invalid params: order.triggerPrice "0": a stopLimit order needs a trigger price above 0`,
			"order.triggerPrice", "0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			order := bob.limitOrder("THAL/USDC", "buy", "1", "0.01")
			tc.edit(order)
			request, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "thx_typedData", "params": []any{map[string]any{"order": order}}})
			if err != nil {
				t.Fatal(err)
			}
			_, body := ts.rawPost(string(request))
			var reply struct {
				Error *struct {
					Message string    `json:"message"`
					Data    ErrorData `json:"data"`
				} `json:"error"`
			}
			mustDecode(t, []byte(body), &reply)
			if reply.Error == nil {
				t.Fatalf("reply %s has no error", body)
			}
			if reply.Error.Message != tc.message {
				t.Errorf("message\n%q, expected\n%q", reply.Error.Message, tc.message)
			}
			if reply.Error.Data.Field != tc.field {
				t.Errorf("data.field %q, expected %q", reply.Error.Data.Field, tc.field)
			}
			if reply.Error.Data.Value != tc.value {
				t.Errorf("data.value %q, expected %q", reply.Error.Data.Value, tc.value)
			}
		})
	}
}

// TestExpiryRejectionMessages checks the message and data of an order or
// withdrawal that expires too soon. They name the field, the signed expiry
// and the node's time in unix seconds, the margin, and the earliest expiry
// that the node takes, which the test then signs.
func TestExpiryRejectionMessages(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	alice := newTrader(t, "alice")
	ts.fund(alice)
	nowSeconds := uint64(testStartMs / 1000) // the test backend's entries are less than 1 s after testStartMs

	signedOrder := func(expiry uint64) map[string]any {
		order := alice.limitOrder("THAL/USDC", "sell", "2", "0.01")
		order["expiry"] = expiry
		td := typedData(t, c, map[string]any{"order": order})
		return map[string]any{"order": td.Order, "signature": alice.sign(t, td.Hash)}
	}
	signedWithdrawal := func(expiry uint64) map[string]any {
		w := map[string]any{"trader": alice.addr, "token": tokenUSDC, "amount": "1", "nonce": expiry, "expiry": expiry}
		td := typedData(t, c, map[string]any{"withdrawal": w})
		return map[string]any{"withdrawal": td.Withdrawal, "signature": alice.sign(t, td.Hash)}
	}
	orderAdvice := ". An order must expire more than 30 s after the node's time, so that its trades settle on chain before it expires. " +
		"Sign it again with an expiry of at least 1700000031, plus the time that signing and sending take"
	withdrawalAdvice := ". A withdrawal must expire more than 30 s after the node's time, so that it settles on chain before it expires. " +
		"Sign it again with an expiry of at least 1700000031, plus the time that signing and sending take"

	cases := []struct {
		name    string
		method  string
		params  any
		message string
		field   string
		value   string
	}{
		{"order within the margin", "thx_placeOrder", signedOrder(nowSeconds + 10),
			"state: order expired: order.expiry 1700000010 is 10 s after the node's time 1700000000 (unix seconds)" + orderAdvice,
			"order.expiry", "1700000010"},
		{"order at the margin", "thx_placeOrder", signedOrder(nowSeconds + 30),
			"state: order expired: order.expiry 1700000030 is 30 s after the node's time 1700000000 (unix seconds)" + orderAdvice,
			"order.expiry", "1700000030"},
		{"order expired before", "thx_placeOrder", signedOrder(nowSeconds - 1000),
			"state: order expired: order.expiry 1699999000 is 1000 s before the node's time 1700000000 (unix seconds)" + orderAdvice,
			"order.expiry", "1699999000"},
		{"withdrawal within the margin", "thx_withdraw", signedWithdrawal(nowSeconds + 5),
			"state: withdrawal expired: withdrawal.expiry 1700000005 is 5 s after the node's time 1700000000 (unix seconds)" + withdrawalAdvice,
			"withdrawal.expiry", "1700000005"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := ts.backend.stateHash()
			err := c.Call(nil, tc.method, tc.params)
			data := expectCode(t, err, CodeExpired, "expired")
			if err.Error() != tc.message {
				t.Errorf("message\n%q, expected\n%q", err.Error(), tc.message)
			}
			if data.Field != tc.field {
				t.Errorf("data.field %q, expected %q", data.Field, tc.field)
			}
			if data.Value != tc.value {
				t.Errorf("data.value %q, expected %q", data.Value, tc.value)
			}
			if after := ts.backend.stateHash(); after != before {
				t.Errorf("the rejected request changed the state hash")
			}
		})
	}

	// The element of thx_placeOrders names its index.
	var results []PlaceOrderResultJSON
	if err := c.Call(&results, "thx_placeOrders", []any{signedOrder(nowSeconds + 10)}); err != nil {
		t.Fatalf("thx_placeOrders: %v", err)
	}
	if len(results) != 1 || results[0].Error == nil {
		t.Fatalf("thx_placeOrders results %+v, expected one error", results)
	}
	if got := results[0].Error; got.Code != CodeExpired || got.Data.Field != "signedOrders[0].order.expiry" {
		t.Errorf("thx_placeOrders element error: code %d, data.field %q, expected %d and signedOrders[0].order.expiry",
			got.Code, got.Data.Field, CodeExpired)
	}

	// The earliest expiry that the messages name is accepted.
	if err := c.Call(nil, "thx_placeOrder", signedOrder(nowSeconds+31)); err != nil {
		t.Errorf("order with the earliest expiry the message names: %v", err)
	}
	if err := c.Call(nil, "thx_withdraw", signedWithdrawal(nowSeconds+31)); err != nil {
		t.Errorf("withdrawal with the earliest expiry the message names: %v", err)
	}
}

// A symbol that differs from a listed one only in case gets the listed
// symbol in the error, because symbols are case-sensitive.
func TestUnknownMarketSuggestsCase(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	err := c.Call(nil, "thx_market", "thal/usdc")
	expectCode(t, err, CodeUnknownMarket, "unknown_market")
	want := `symbols are case-sensitive, so send "THAL/USDC"`
	if !strings.Contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err.Error(), want)
	}
	err = c.Call(nil, "thx_market", "XYZ/ABC")
	if strings.Contains(err.Error(), "case-sensitive") {
		t.Errorf("message %q suggests a case change for a symbol no market has", err.Error())
	}
}

// The Exchange settles one immediate order per trader and nonce, so a
// second IOC with a nonce whose first IOC traded would revert its batch.
func TestImmediateNonceUsedRejected(t *testing.T) {
	ts, c, _, bob := startSellerAndBuyer(t, "1.2345", "0.03")
	ioc := func(quantity string) map[string]any {
		o := bob.limitOrder("THAL/USDC", "buy", "1.2345", quantity)
		o["timeInForce"], o["nonce"] = "IOC", 7
		return o
	}
	first := bob.mustPlace(t, c, ioc("0.01"))
	if len(first.Trades) != 1 {
		t.Fatalf("first IOC made %d trades, expected 1", len(first.Trades))
	}

	td := typedData(t, c, map[string]any{"order": ioc("0.02")})
	before := ts.backend.stateHash()
	err := c.Call(nil, "thx_placeOrder", map[string]any{"order": td.Order, "signature": bob.sign(t, td.Hash)})
	data := expectCode(t, err, CodeReplayed, "nonce_used")
	if data.Field != "order.nonce" || data.Value != "7" {
		t.Errorf("error data %+v, expected field order.nonce and value 7", data)
	}
	want := "state: immediate order nonce already used: order " + td.Hash.Hex() + ": an earlier immediate order of " + bob.addr.Hex() +
		" with nonce 7 traded on chain 31337, and the Exchange settles one immediate order per nonce;" +
		" sign the order with a nonce that no earlier immediate order of the trader used"
	if err.Error() != want {
		t.Errorf("message\n%q, expected\n%q", err.Error(), want)
	}
	if after := ts.backend.stateHash(); after != before {
		t.Fatal("rejected order changed the state hash")
	}

	// The Exchange does not mark a resting order's nonce.
	gtc := bob.limitOrder("THAL/USDC", "buy", "1", "0.01")
	gtc["nonce"] = 7
	bob.mustPlace(t, c, gtc)
}

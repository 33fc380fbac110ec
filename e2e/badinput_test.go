package e2e

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/gorilla/websocket"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/rpc"
	"github.com/thaliumx/thaliumx/rpc/client"
)

// rpcReply is a JSON-RPC reply read without go-ethereum's client, so that
// malformed requests and their replies stay visible.
type rpcReply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int             `json:"code"`
		Message string          `json:"message"`
		Data    json.RawMessage `json:"data"`
	} `json:"error"`
}

// postRaw sends body to the node over HTTP and returns the status and
// the reply body.
func postRaw(t *testing.T, url string, body io.Reader, length int64) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = length
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	defer resp.Body.Close()
	reply, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, reply
}

// expectRawError posts a request body and checks the reply's error code.
func expectRawError(t *testing.T, url, name, body string, code int) {
	t.Helper()
	status, reply := postRaw(t, url, strings.NewReader(body), int64(len(body)))
	var replies []rpcReply
	if err := json.Unmarshal(reply, &replies); err != nil {
		var one rpcReply
		if err := json.Unmarshal(reply, &one); err != nil {
			t.Errorf("%s: HTTP %d with a reply that is not JSON-RPC: %s", name, status, reply)
			return
		}
		replies = []rpcReply{one}
	}
	for _, r := range replies {
		if r.Error == nil || r.Error.Code != code {
			t.Errorf("%s: reply %s, expected error code %d", name, reply, code)
			return
		}
	}
	t.Logf("%s: %d %s", name, replies[0].Error.Code, replies[0].Error.Message)
}

// expectCode checks that a call failed with a JSON-RPC error code.
func expectCode(t *testing.T, name string, err error, code int) {
	t.Helper()
	got, ok := client.ErrorCode(err)
	if !ok || got != code {
		t.Errorf("%s: error %v (code %d), expected code %d", name, err, got, code)
		return
	}
	t.Logf("%s: %d %v", name, got, err)
}

// stateView is what a rejected request must leave unchanged. The book's
// update sequence number is left out: it counts the updates since the
// node started.
type stateView struct {
	info     rpc.NodeInfoJSON
	balances []string
	open     []string
	book     rpc.BookJSON
}

func readState(n *devNode, c *client.Client, traders []devchain.Account, symbol string) stateView {
	n.t.Helper()
	ctx := context.Background()
	v := stateView{info: waitQuiet(n, c)}
	for _, a := range traders {
		balances, err := c.Balances(ctx, a.Address)
		if err != nil {
			n.t.Fatal(err)
		}
		open, err := c.OpenOrders(ctx, a.Address)
		if err != nil {
			n.t.Fatal(err)
		}
		v.balances = append(v.balances, fmt.Sprint(balances))
		v.open = append(v.open, fmt.Sprint(open))
	}
	book, err := c.OrderBook(ctx, symbol, 50)
	if err != nil {
		n.t.Fatal(err)
	}
	v.book = book
	return v
}

func (v stateView) diff(other stateView) string {
	switch {
	case v.info.Seq != other.info.Seq || v.info.StateHash != other.info.StateHash:
		return fmt.Sprintf("seq %d hash %s, expected seq %d hash %s", other.info.Seq, other.info.StateHash, v.info.Seq, v.info.StateHash)
	case fmt.Sprint(v.balances) != fmt.Sprint(other.balances):
		return fmt.Sprintf("balances %v, expected %v", other.balances, v.balances)
	case fmt.Sprint(v.open) != fmt.Sprint(other.open):
		return fmt.Sprintf("open orders %v, expected %v", other.open, v.open)
	case fmt.Sprint(v.book.Bids, v.book.Asks) != fmt.Sprint(other.book.Bids, other.book.Asks):
		return fmt.Sprintf("book %+v, expected %+v", other.book, v.book)
	}
	return ""
}

// TestBadInputChangesNothing sends malformed, mistyped, oversized,
// wrongly signed, replayed and misaddressed requests to a dev node, checks
// each error code, and checks that the node's state, and its state hash
// after a restart, are what they were before.
func TestBadInputChangesNothing(t *testing.T) {
	n := startNode(t, nodeOptions{Accounts: 3, Args: []string{"--tick-interval", "1h", "--state-hash-interval", "200ms"}})
	c := n.dial()
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	accounts := devAccounts(t, 3)
	traders := accounts[1:]
	market := marketBySymbol(t, c, "THAL/USDC")

	// One resting order, so that replays and foreign cancels have a target.
	resting := eip712.Order{Trader: traders[0].Address, Market: market.MarketID, Side: eip712.Sell,
		Price: 12_345, Quantity: 3, MaxFeeBps: 5, Nonce: 1}
	placed, err := client.NewSignedOrder(&market, resting, traders[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.PlaceOrder(ctx, placed); err != nil {
		t.Fatal(err)
	}
	before := readState(n, c, traders, market.Symbol)

	sendMalformed(t, n.URL)
	sendMistyped(t, n.URL)
	sendOversized(t, n.URL)
	sendOversizedMessage(t, n.WSURL)
	sendBadOrders(ctx, t, c, &market, traders, placed)
	sendBadCancels(ctx, t, c, &market, traders, placed)

	after := readState(n, c, traders, market.Symbol)
	if d := before.diff(after); d != "" {
		t.Fatalf("rejected requests changed the node: %s", d)
	}

	// The final snapshot at the stop encodes the state in memory, so a
	// change that no log entry recorded would show in the hash restored.
	c.Close()
	n.stop()
	n.restart()
	c = n.dial()
	restarted := readState(n, c, traders, market.Symbol)
	if d := before.diff(restarted); d != "" {
		t.Fatalf("after a restart: %s", d)
	}
}

func sendMalformed(t *testing.T, url string) {
	t.Helper()
	expectRawError(t, url, "truncated JSON", `{"jsonrpc":"2.0","id":1,"method":"thx_placeOrder","params":[{"order":`, rpc.CodeParseError)
	expectRawError(t, url, "not JSON", `placeOrder please`, rpc.CodeParseError)
	expectRawError(t, url, "empty batch", `[]`, rpc.CodeInvalidRequest)
	expectRawError(t, url, "a string request", `"thx_markets"`, rpc.CodeInvalidRequest)
	expectRawError(t, url, "unknown method", `{"jsonrpc":"2.0","id":1,"method":"thx_stealFunds","params":[]}`, rpc.CodeMethodNotFound)
	call := `{"jsonrpc":"2.0","id":1,"method":"thx_nodeInfo","params":[]}`
	batch := "[" + strings.TrimSuffix(strings.Repeat(call+",", rpc.DefaultConfig().BatchItemsMax+1), ",") + "]"
	expectRawError(t, url, "batch above the limit", batch, rpc.CodeInvalidRequest)
}

func sendMistyped(t *testing.T, url string) {
	t.Helper()
	request := func(method, params string) string {
		return `{"jsonrpc":"2.0","id":1,"method":"` + method + `","params":` + params + `}`
	}
	cases := []struct{ name, method, params string }{
		{"balances of a number", "thx_balances", `[42]`},
		{"balances of a short address", "thx_balances", `["0x1234"]`},
		{"order book depth as a word", "thx_orderBook", `["THAL/USDC","ten"]`},
		{"order as a string", "thx_placeOrder", `[{"order":"sell 1 THAL","signature":"0x00"}]`},
		{"signature as a number", "thx_placeOrder", `[{"order":{},"signature":5}]`},
		{"price as a JSON number", "thx_typedData", `[{"order":{"market":"THAL/USDC","trader":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","side":"sell","price":1.5,"quantity":"1","nonce":"1"}}]`},
		{"negative nonce", "thx_typedData", `[{"order":{"market":"THAL/USDC","trader":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","side":"sell","price":"1.5","quantity":"1","nonce":-1}}]`},
		{"side as a word of its own", "thx_typedData", `[{"order":{"market":"THAL/USDC","trader":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","side":"short","price":"1.5","quantity":"1","nonce":"1"}}]`},
		{"misspelt field", "thx_typedData", `[{"order":{"market":"THAL/USDC","trader":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","side":"sell","prize":"1.5","quantity":"1","nonce":"1"}}]`},
		{"too many decimals", "thx_typedData", `[{"order":{"market":"THAL/USDC","trader":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","side":"sell","price":"1.23456","quantity":"1","nonce":"1"}}]`},
		{"params as an object", "thx_placeOrder", `{"order":{},"signature":"0x00"}`},
		{"more params than the method takes", "thx_orderBook", `["THAL/USDC",10,"extra"]`},
	}
	for _, tc := range cases {
		expectRawError(t, url, tc.name, request(tc.method, tc.params), rpc.CodeInvalidParams)
	}
}

// sendOversized sends a body above the HTTP limit, with its length
// declared and without.
func sendOversized(t *testing.T, url string) {
	t.Helper()
	limit := rpc.DefaultConfig().BodyBytesMax
	padding := strings.Repeat(" ", limit)
	body := `{"jsonrpc":"2.0","id":1,"method":"thx_nodeInfo","params":[]}` + padding
	status, reply := postRaw(t, url, strings.NewReader(body), int64(len(body)))
	if status != http.StatusRequestEntityTooLarge {
		t.Errorf("body of %d bytes with its length: HTTP %d %s, expected 413", len(body), status, reply)
	} else {
		t.Logf("body of %d bytes with its length: HTTP %d", len(body), status)
	}
	// Without a declared length the server stops reading at the limit, and
	// the truncated request does not parse.
	status, reply = postRaw(t, url, io.MultiReader(strings.NewReader(`[`), bytes.NewReader([]byte(padding)), strings.NewReader(`]`)), -1)
	var one rpcReply
	if err := json.Unmarshal(reply, &one); status == http.StatusOK && (err != nil || one.Error == nil) {
		t.Errorf("chunked body above the limit: HTTP %d %s, expected an error", status, reply)
	} else {
		t.Logf("chunked body above the limit: HTTP %d %s", status, bytes.TrimSpace(reply))
	}
}

// sendSigned sends a signed order or cancel to method after edit changes
// its params object, as JSON.
func sendSigned(ctx context.Context, c *client.Client, method string, signed any, edit func(params map[string]any)) error {
	var params map[string]any
	data, err := json.Marshal(signed)
	if err == nil {
		err = json.Unmarshal(data, &params)
	}
	if err != nil {
		return err
	}
	if edit != nil {
		edit(params)
	}
	var ack rpc.OrderAckJSON
	return c.RPC().CallContext(ctx, &ack, method, params)
}

// editOrder returns an edit that sets one member of the order object.
func editOrder(member string, value any) func(map[string]any) {
	return func(params map[string]any) { params["order"].(map[string]any)[member] = value }
}

// highS returns the other valid signature of the same digest, with s
// above half the group order, which the node must reject.
func highS(sig []byte) string {
	n := crypto.S256().Params().N
	s := new(big.Int).Sub(n, new(big.Int).SetBytes(sig[32:64]))
	out := append([]byte{}, sig[:32]...)
	out = append(out, common.LeftPadBytes(s.Bytes(), 32)...)
	out = append(out, 27+28-sig[64])
	return hexutil.Encode(out)
}

func sendBadOrders(ctx context.Context, t *testing.T, c *client.Client, m *rpc.MarketJSON, traders []devchain.Account, placed client.SignedOrder) {
	t.Helper()
	trader := traders[0]
	order := eip712.Order{Trader: trader.Address, Market: m.MarketID, Side: eip712.Buy, Price: 10_000, Quantity: 1, MaxFeeBps: 5, Nonce: 100}
	own := eip712.Domain{ChainID: m.ChainID, VerifyingContract: m.Exchange}
	sign := func(d eip712.Domain, o eip712.Order, key *ecdsa.PrivateKey) client.SignedOrder {
		owner := traders[0]
		if o.Trader == traders[1].Address {
			owner = traders[1]
		}
		signed, err := client.NewSignedOrder(m, o, owner.Key)
		if err != nil {
			t.Fatal(err)
		}
		sig, err := eip712.Sign(d.OrderHash(o), key)
		if err != nil {
			t.Fatal(err)
		}
		signed.Signature = sig[:]
		return signed
	}
	valid := sign(own, order, trader.Key)
	place := func(signed client.SignedOrder, edit func(map[string]any)) error {
		return sendSigned(ctx, c, "thx_placeOrder", signed, edit)
	}

	expectCode(t, "replayed order", place(placed, nil), rpc.CodeReplayed)
	expectCode(t, "unknown market", place(valid, editOrder("market", "DOGE/USDC")), rpc.CodeUnknownMarket)
	expectCode(t, "market id of another market", place(valid, editOrder("marketId", 7)), rpc.CodeInvalidParams)
	expectCode(t, "order naming another chain", place(valid, editOrder("chainId", 1)), rpc.CodeWrongChain)
	expectCode(t, "price changed after signing", place(valid, editOrder("priceTicks", "10001")), rpc.CodeSignerMismatch)

	otherChain := sign(eip712.Domain{ChainID: 1, VerifyingContract: m.Exchange}, order, trader.Key)
	err := place(otherChain, nil)
	expectCode(t, "signature for chain id 1", err, rpc.CodeSignerMismatch)
	if hint := fmt.Sprintf("domain is chain %d", m.ChainID); err == nil || !strings.Contains(err.Error(), hint) {
		t.Errorf("signature for chain id 1: message %q does not name the domain to sign (%q)", err, hint)
	}
	otherExchange := sign(eip712.Domain{ChainID: m.ChainID, VerifyingContract: common.HexToAddress("0x00000000000000000000000000000000000e0001")}, order, trader.Key)
	expectCode(t, "signature for another Exchange", place(otherExchange, nil), rpc.CodeSignerMismatch)
	expectCode(t, "signature by another trader", place(sign(own, order, traders[1].Key), nil), rpc.CodeSignerMismatch)

	setSignature := func(sig string) func(map[string]any) { return func(p map[string]any) { p["signature"] = sig } }
	expectCode(t, "signature of 64 bytes", place(valid, setSignature(hexutil.Encode(valid.Signature[:64]))), rpc.CodeInvalidSignature)
	expectCode(t, "signature with v of 29", place(valid, setSignature(hexutil.Encode(append(valid.Signature[:64:64], 29)))), rpc.CodeInvalidSignature)
	expectCode(t, "signature with high s", place(valid, setSignature(highS(valid.Signature))), rpc.CodeInvalidSignature)

	huge := order
	huge.Quantity = 1 << 30
	expectCode(t, "order above the balance", place(sign(own, huge, trader.Key), nil), rpc.CodeInsufficientBalance)
	soon := order
	soon.TimeInForce, soon.Expiry = eip712.GTD, uint64(time.Now().Unix())+5
	expectCode(t, "order expiring in 5 s", place(sign(own, soon, trader.Key), nil), rpc.CodeExpired)
	taking := order
	taking.Trader, taking.PostOnly, taking.Price = traders[1].Address, true, 20_000
	expectCode(t, "post-only order that would take", place(sign(own, taking, traders[1].Key), nil), rpc.CodePostOnlyWouldTake)
}

func sendBadCancels(ctx context.Context, t *testing.T, c *client.Client, m *rpc.MarketJSON, traders []devchain.Account, placed client.SignedOrder) {
	t.Helper()
	owner, other := traders[0], traders[1]
	cancel := func(signer devchain.Account, trader common.Address, hash common.Hash, edit func(map[string]any)) error {
		domain := eip712.Domain{ChainID: m.ChainID, VerifyingContract: m.Exchange}
		sig, err := eip712.Sign(domain.CancelHash(eip712.Cancel{Trader: trader, OrderHash: hash}), signer.Key)
		if err != nil {
			t.Fatal(err)
		}
		signed := client.SignedCancel{Cancel: rpc.CancelJSON{ChainID: m.ChainID, Trader: trader, OrderHash: hash}, Signature: sig[:]}
		return sendSigned(ctx, c, "thx_cancelOrder", signed, edit)
	}
	expectCode(t, "cancel of another trader's order", cancel(other, other.Address, placed.Hash, nil), rpc.CodeNotOrderOwner)
	expectCode(t, "cancel signed by another trader", cancel(other, owner.Address, placed.Hash, nil), rpc.CodeSignerMismatch)
	expectCode(t, "cancel of an unknown order", cancel(owner, owner.Address, common.HexToHash("0x01"), nil), rpc.CodeNotFound)
	onChain1 := func(p map[string]any) { p["cancel"].(map[string]any)["chainId"] = 1 }
	expectCode(t, "cancel naming another chain", cancel(owner, owner.Address, placed.Hash, onChain1), rpc.CodeWrongChain)
}

// sendOversizedMessage sends a WebSocket message above the limit and
// expects the node to close the connection with status 1009 (message too
// big).
func sendOversizedMessage(t *testing.T, wsURL string) {
	t.Helper()
	conn, _, err := websocket.DefaultDialer.Dial(wsURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	limit := int(rpc.DefaultConfig().WebSocketMessageBytesMax)
	msg := `{"jsonrpc":"2.0","id":1,"method":"thx_market","params":["` + strings.Repeat("a", limit) + `"]}`
	if err := conn.WriteMessage(websocket.TextMessage, []byte(msg)); err != nil {
		t.Fatal(err)
	}
	if err := conn.SetReadDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	_, reply, err := conn.ReadMessage()
	if !websocket.IsCloseError(err, websocket.CloseMessageTooBig) {
		t.Errorf("WebSocket message of %d bytes: reply %q, error %v, expected close status 1009", len(msg), reply, err)
		return
	}
	t.Logf("WebSocket message of %d bytes: %v", len(msg), err)
}

package rpc

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
)

// ExplainRejection gives what thx_placeOrder and thx_cancelOrder return
// for the same rejected request: code, message and data.
func TestExplainRejectionMatchesAPI(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	alice, broke := newTrader(t, "alice"), newTrader(t, "broke")
	ts.fund(alice)
	alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "1.2345", "0.03"))

	postOnly := alice.limitOrder("THAL/USDC", "buy", "1.2345", "0.01")
	postOnly["postOnly"] = true
	expired := alice.limitOrder("THAL/USDC", "buy", "1", "0.01")
	expired["expiry"] = testStartMs/1000 + 10
	orders := map[string]struct {
		trader *trader
		order  map[string]any
	}{
		"insufficient balance": {broke, broke.limitOrder("THAL/USDC", "buy", "1", "0.01")},
		"post-only would take": {alice, postOnly},
		"expired":              {alice, expired},
	}
	for name, tc := range orders {
		t.Run(name, func(t *testing.T) {
			td := typedData(t, c, map[string]any{"order": tc.order})
			sig := tc.trader.sign(t, td.Hash)
			apiErr := c.Call(nil, "thx_placeOrder", map[string]any{"order": td.Order, "signature": sig})
			code, data := rpcError(t, apiErr)

			signed := &state.SignedOrder{ChainID: td.Order.ChainID, Order: mustOrder(t, td.Order)}
			copy(signed.Signature[:], common.FromHex(sig))
			_, err := ts.backend.PlaceOrder(context.Background(), signed)
			if err == nil {
				t.Fatal("the backend took the order the API rejected")
			}
			got := ExplainRejection(ts.backend, err, signed, nil)
			checkSameError(t, got, code, apiErr.Error(), data)
		})
	}

	// A cancel of an order that is no longer open.
	filled := alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "buy", "1.2345", "0.03"))
	params, cancel := signedCancel(t, c, alice, filled.Order.Hash)
	apiErr := c.Call(nil, "thx_cancelOrder", params)
	code, data := rpcError(t, apiErr)
	_, err := ts.backend.CancelOrder(context.Background(), cancel)
	if err == nil {
		t.Fatal("the backend took the cancel the API rejected")
	}
	checkSameError(t, ExplainRejection(ts.backend, err, nil, cancel), code, apiErr.Error(), data)
}

func checkSameError(t *testing.T, got *Error, code int, message string, data ErrorData) {
	t.Helper()
	if got.Code != code {
		t.Errorf("code %d, the API returns %d", got.Code, code)
	}
	if got.Message != message {
		t.Errorf("message %q, the API returns %q", got.Message, message)
	}
	gotData, _ := json.Marshal(got.Data)
	wantData, _ := json.Marshal(data)
	if string(gotData) != string(wantData) {
		t.Errorf("data %s, the API returns %s", gotData, wantData)
	}
}

// signedCancel returns the thx_cancelOrder parameters of a cancel of hash
// signed by tr, and the same cancel for the backend.
func signedCancel(t *testing.T, c *gethrpc.Client, tr *trader, hash common.Hash) (map[string]any, *state.SignedCancel) {
	t.Helper()
	td := typedData(t, c, map[string]any{"cancel": map[string]any{"trader": tr.addr, "orderHash": hash}})
	sig := tr.sign(t, td.Hash)
	cancel := &state.SignedCancel{ChainID: td.Cancel.ChainID, Cancel: eip712.Cancel{Trader: td.Cancel.Trader, OrderHash: td.Cancel.OrderHash}}
	copy(cancel.Signature[:], common.FromHex(sig))
	return map[string]any{"cancel": td.Cancel, "signature": sig}, cancel
}

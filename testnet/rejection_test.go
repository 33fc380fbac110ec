package testnet

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/rpc"
)

// A client of a follower's JSON-RPC gets the error that the sequencer's
// JSON-RPC returns for an order the sequencer rejects, well before the
// forward timeout.
func TestFollowerClientGetsSequencerRejection(t *testing.T) {
	nw := startNetwork(t, 2, nil)
	w := newWorkload(nw, testSeed(t))
	waitDeposits(t, nw, w)
	waitConverged(t, nw)
	follower := mustDialRPC(t, nw.Member(1).RPCURL)
	sequencer := mustDialRPC(t, nw.Sequencer().RPCURL)

	// A trader with no deposit passes the follower's checks, which do not
	// read balances, and the sequencer rejects the order.
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	order := eip712.Order{Trader: crypto.PubkeyToAddress(key.PublicKey), Market: 1, Side: eip712.Buy, Kind: eip712.Limit,
		TimeInForce: eip712.GTC, Price: 10_000, Quantity: 2, MaxFeeBps: 50, Nonce: 1}
	_, sig, err := w.domain.SignOrder(order, key)
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]any{"order": orderParams(&state.SignedOrder{Order: order}), "signature": hexutil.Encode(sig[:])}

	start := time.Now()
	followerErr := follower.Call(nil, "thx_placeOrder", params)
	elapsed := time.Since(start)
	sequencerErr := sequencer.Call(nil, "thx_placeOrder", params)
	t.Logf("the follower replied in %s: %v", elapsed.Round(time.Millisecond), followerErr)

	gotCode, gotData := apiError(t, followerErr)
	wantCode, wantData := apiError(t, sequencerErr)
	if gotCode != rpc.CodeInsufficientBalance || wantCode != rpc.CodeInsufficientBalance {
		t.Errorf("code %d from the follower and %d from the sequencer, expected %d", gotCode, wantCode, rpc.CodeInsufficientBalance)
	}
	if followerErr.Error() != sequencerErr.Error() {
		t.Errorf("the follower's message %q differs from the sequencer's %q", followerErr, sequencerErr)
	}
	if gotData != wantData {
		t.Errorf("the follower's data %s differs from the sequencer's %s", gotData, wantData)
	}
	if elapsed > node.ForwardAckTimeoutDefault/2 {
		t.Errorf("the follower replied after %s, expected well before the %s forward timeout", elapsed, node.ForwardAckTimeoutDefault)
	}
	waitConverged(t, nw)
}

func mustDialRPC(t *testing.T, url string) *gethrpc.Client {
	t.Helper()
	c, err := gethrpc.Dial(url)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	t.Cleanup(c.Close)
	return c
}

// apiError returns the code and the JSON of the data of a JSON-RPC error.
func apiError(t *testing.T, err error) (int, string) {
	t.Helper()
	var coded gethrpc.Error
	if !errors.As(err, &coded) {
		t.Fatalf("error %v (%T) has no JSON-RPC code", err, err)
	}
	var withData gethrpc.DataError
	if !errors.As(err, &withData) {
		t.Fatalf("error %v has no data", err)
	}
	data, _ := json.Marshal(withData.ErrorData())
	return coded.ErrorCode(), string(data)
}

package e2e

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/rpc"
	"github.com/thaliumx/thaliumx/rpc/client"
)

// TestPausedExchangeDelaysSettlement pauses the Exchange, as its owner
// may in an emergency, while a batch comes due. The node must wait, show
// the pause in GET /health and halt no market. After the unpause every
// batch settles and the node's balances equal the Exchange's.
func TestPausedExchangeDelaysSettlement(t *testing.T) {
	n := startNode(t, nodeOptions{Accounts: 3})
	c := n.dial()
	defer c.Close()
	ex := dialExchange(t, c)
	accounts := devAccounts(t, 3)
	// In development mode account 0 deploys and owns the Exchange, and
	// operates it as well.
	owner, seller, buyer := accounts[0], accounts[1], accounts[2]

	first := tradeOnce(t, c, seller, buyer, 1)
	waitSettled(n, c, accounts, first)

	ex.sendOwnerCall(owner.Key, ex.abi.PackPause(), "pause")
	paused := tradeOnce(t, c, seller, buyer, 2)
	if paused <= first {
		t.Fatalf("trade in batch %d, expected a batch after %d", paused, first)
	}
	var chainHealth rpc.ComponentHealthJSON
	n.poll("the chain component reporting the paused Exchange", 30*time.Second, func(ctx context.Context) (bool, error) {
		health, err := readHealth(ctx, n.URL)
		if err != nil {
			return false, err
		}
		chainHealth = componentByPrefix(health, "chain ")
		return chainHealth.Detail["exchange_paused"] == true, nil
	})
	if chainHealth.OK {
		t.Errorf("chain component %+v is OK while the Exchange is paused", chainHealth)
	}
	// A batch that comes due during the pause queues behind the first.
	second := tradeOnce(t, c, seller, buyer, 3)
	time.Sleep(3 * time.Second) // a few batch intervals and settler steps
	health, err := readHealth(context.Background(), n.URL)
	if err != nil {
		t.Fatal(err)
	}
	if settlement := componentByPrefix(health, "settlement"); !settlement.OK {
		t.Errorf("settlement component %+v not OK during the pause: no market may halt", settlement)
	}
	if info, err := c.NodeInfo(context.Background()); err != nil || info.Chains[0].LastBatch != first {
		t.Fatalf("last batch %+v, %v during the pause, expected %d", info.Chains, err, first)
	}
	checkNoMarketHalted(t, c)

	ex.sendOwnerCall(owner.Key, ex.abi.PackUnpause(), "unpause")
	waitSettled(n, c, accounts, second)
	checkNoMarketHalted(t, c)
	health, err = readHealth(context.Background(), n.URL)
	if err != nil {
		t.Fatal(err)
	}
	if chainHealth := componentByPrefix(health, "chain "); !chainHealth.OK || chainHealth.Detail["exchange_paused"] != false {
		t.Errorf("chain component %+v after the unpause, expected OK and not paused", chainHealth)
	}
	checkLedgerMatchesContract(t, c, ex, accounts, 3)
	_, errOut := n.output()
	if strings.Contains(errOut, "halting its markets") {
		t.Errorf("the node logged a halted settlement:\n%s", lastBytes(errOut, 8<<10))
	}
	for _, message := range []string{"exchange paused, settlement waits", "exchange unpaused, settlement resumes"} {
		if count := strings.Count(errOut, message); count != 1 {
			t.Errorf("the node logged %q %d times, expected once:\n%s", message, count, lastBytes(errOut, 8<<10))
		}
	}
}

// tradeOnce has seller and buyer trade 0.01 THAL with orders of nonce and
// returns the trade's batch id.
func tradeOnce(t *testing.T, c *client.Client, seller, buyer devchain.Account, nonce uint64) uint64 {
	t.Helper()
	ctx := context.Background()
	place := func(req client.OrderRequest, key *ecdsa.PrivateKey) rpc.OrderAckJSON {
		t.Helper()
		signed, err := c.SignOrder(ctx, req, key)
		if err != nil {
			t.Fatal(err)
		}
		ack, err := c.PlaceOrder(ctx, signed)
		if err != nil {
			t.Fatalf("place %s order with nonce %d: %v", req.Side, nonce, err)
		}
		return ack
	}
	place(client.OrderRequest{Market: "THAL/USDC", Trader: seller.Address, Side: "sell",
		Price: "1.2345", Quantity: "0.01", Nonce: rpc.Uint64(nonce)}, seller.Key)
	ack := place(client.OrderRequest{Market: "THAL/USDC", Trader: buyer.Address, Side: "buy",
		Price: "1.3", Quantity: "0.01", Nonce: rpc.Uint64(nonce), TimeInForce: "IOC"}, buyer.Key)
	if len(ack.Trades) != 1 {
		t.Fatalf("IOC buy with nonce %d made %d trades, expected 1", nonce, len(ack.Trades))
	}
	return ack.Trades[0].Batch
}

// sendOwnerCall sends data to the Exchange from the owner's key and waits
// for a successful receipt. The dev chain seals a transaction as soon as
// it reaches the pool.
func (r *exchangeReader) sendOwnerCall(key *ecdsa.PrivateKey, data []byte, action string) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	from := crypto.PubkeyToAddress(key.PublicKey)
	nonce, err := r.eth.PendingNonceAt(ctx, from)
	if err != nil {
		r.t.Fatal(err)
	}
	chainID, err := r.eth.ChainID(ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	tip, err := r.eth.SuggestGasTipCap(ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	head, err := r.eth.HeaderByNumber(ctx, nil)
	if err != nil {
		r.t.Fatal(err)
	}

	feeCap := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip)
	gas, err := r.eth.EstimateGas(ctx, ethereum.CallMsg{From: from, To: &r.exchange, Data: data})
	if err != nil {
		r.t.Fatalf("estimate %s: %v", action, err)
	}
	tx, err := types.SignTx(types.NewTx(&types.DynamicFeeTx{
		ChainID: chainID, Nonce: nonce, To: &r.exchange, Data: data, Gas: gas * 2, GasTipCap: tip, GasFeeCap: feeCap,
	}), types.LatestSignerForChainID(chainID), key)
	if err != nil {
		r.t.Fatal(err)
	}
	if err := r.eth.SendTransaction(ctx, tx); err != nil {
		r.t.Fatalf("send %s: %v", action, err)
	}

	for {
		receipt, err := r.eth.TransactionReceipt(ctx, tx.Hash())
		if err == nil {
			if receipt.Status != types.ReceiptStatusSuccessful {
				r.t.Fatalf("%s transaction %s reverted", action, tx.Hash())
			}
			return
		}
		select {
		case <-ctx.Done():
			r.t.Fatalf("no receipt of the %s transaction %s: %v", action, tx.Hash(), err)
		case <-time.After(pollInterval):
		}
	}
}

// readHealth reads GET /health beside the node's JSON-RPC URL. The
// status is 503 while a component is not OK, with the same body.
func readHealth(ctx context.Context, rpcURL string) (rpc.HealthJSON, error) {
	var health rpc.HealthJSON
	address, err := url.JoinPath(rpcURL, "health")
	if err != nil {
		return health, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		return health, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return health, err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&health); err != nil {
		return health, fmt.Errorf("decode GET %s (HTTP %d): %w", address, resp.StatusCode, err)
	}
	if health.OK != (resp.StatusCode == http.StatusOK) {
		return health, fmt.Errorf("GET %s: HTTP %d with ok %t", address, resp.StatusCode, health.OK)
	}
	return health, nil
}

// componentByPrefix returns the first component whose name starts with
// prefix, or a zero one.
func componentByPrefix(health rpc.HealthJSON, prefix string) rpc.ComponentHealthJSON {
	for _, c := range health.Components {
		if strings.HasPrefix(c.Name, prefix) {
			return c
		}
	}
	return rpc.ComponentHealthJSON{}
}

func checkNoMarketHalted(t *testing.T, c *client.Client) {
	t.Helper()
	markets, err := c.Markets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range markets {
		if m.Halted {
			t.Errorf("market %s halted", m.Symbol)
		}
	}
}

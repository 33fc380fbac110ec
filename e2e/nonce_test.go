package e2e

import (
	"context"
	"crypto/ecdsa"
	"testing"

	"github.com/thaliumx/thaliumx/rpc"
	"github.com/thaliumx/thaliumx/rpc/client"
)

// TestReusedImmediateNonceSettles places two IOC buys of one trader with
// one nonce. The Exchange settles one immediate order per trader and
// nonce, and a batch with both would revert and halt the market. The node
// rejects the second, so every batch settles and the node's balances
// equal the Exchange's.
func TestReusedImmediateNonceSettles(t *testing.T) {
	n := startNode(t, nodeOptions{Accounts: 3})
	c := n.dial()
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), settleWaitMax)
	defer cancel()
	accounts := devAccounts(t, 3)
	seller, buyer := accounts[1], accounts[2]
	place := func(req client.OrderRequest, key *ecdsa.PrivateKey) (rpc.OrderAckJSON, error) {
		t.Helper()
		signed, err := c.SignOrder(ctx, req, key)
		if err != nil {
			t.Fatal(err)
		}
		return c.PlaceOrder(ctx, signed)
	}
	buy := func(quantity string, nonce uint64) client.OrderRequest {
		return client.OrderRequest{Market: "THAL/USDC", Trader: buyer.Address, Side: "buy",
			Price: "1.3", Quantity: quantity, Nonce: rpc.Uint64(nonce), TimeInForce: "IOC"}
	}

	if _, err := place(client.OrderRequest{Market: "THAL/USDC", Trader: seller.Address, Side: "sell",
		Price: "1.2345", Quantity: "0.05", Nonce: 1}, seller.Key); err != nil {
		t.Fatal(err)
	}
	first, err := place(buy("0.01", 7), buyer.Key)
	if err != nil {
		t.Fatal(err)
	}
	_, err = place(buy("0.02", 7), buyer.Key)
	if code, _ := client.ErrorCode(err); code != rpc.CodeReplayed || client.ErrorReason(err) != "nonce_used" {
		t.Fatalf("second IOC with nonce 7: error %v, expected code %d with reason nonce_used", err, rpc.CodeReplayed)
	}
	third, err := place(buy("0.01", 8), buyer.Key)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Trades) != 1 || len(third.Trades) != 1 {
		t.Fatalf("the IOCs with nonces 7 and 8 made %d and %d trades, expected 1 each", len(first.Trades), len(third.Trades))
	}

	waitSettled(n, c, accounts, max(first.Trades[0].Batch, third.Trades[0].Batch))
	markets, err := c.Markets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range markets {
		if m.Halted {
			t.Errorf("market %s halted", m.Symbol)
		}
	}
	ex := dialExchange(t, c)
	for _, nonce := range []uint64{7, 8} {
		used, err := ex.abi.UnpackIsImmediateNonceUsed(ex.call(ex.abi.PackIsImmediateNonceUsed(buyer.Address, nonce)))
		if err != nil || !used {
			t.Errorf("isImmediateNonceUsed(buyer, %d) = %t, %v; expected true", nonce, used, err)
		}
	}
	checkLedgerMatchesContract(t, c, ex, accounts, 2)
}

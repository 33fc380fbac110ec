package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/thaliumx/thaliumx/rpc"
	"github.com/thaliumx/thaliumx/rpc/client"
)

// TestSignedOrdersTrade places two crossing orders signed through the
// client's thx_typedData path and follows the trade to its settlement.
func TestSignedOrdersTrade(t *testing.T) {
	n := startNode(t, nodeOptions{Accounts: 3})
	c := n.dial()
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	accounts := devAccounts(t, 3)
	seller, buyer := accounts[1], accounts[2]

	trades := make(chan rpc.TradeJSON, 16)
	sub, err := c.SubscribeTrades(ctx, "THAL/USDC", trades)
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()

	sell, err := c.SignOrder(ctx, client.OrderRequest{Market: "THAL/USDC", Trader: seller.Address, Side: "sell",
		Price: "1.2345", Quantity: "0.03", Nonce: 1}, seller.Key)
	if err != nil {
		t.Fatal(err)
	}
	ack, err := c.PlaceOrder(ctx, sell)
	if err != nil {
		t.Fatal(err)
	}
	if ack.Order.Status != "open" || ack.Order.Hash != sell.Hash {
		t.Fatalf("sell ack: status %q hash %s, expected open and %s", ack.Order.Status, ack.Order.Hash, sell.Hash)
	}

	buy, err := c.SignOrder(ctx, client.OrderRequest{Market: "THAL/USDC", Trader: buyer.Address, Side: "buy",
		Price: "1.3", Quantity: "0.03", Nonce: 1, TimeInForce: "IOC"}, buyer.Key)
	if err != nil {
		t.Fatal(err)
	}
	ack, err = c.PlaceOrder(ctx, buy)
	if err != nil {
		t.Fatal(err)
	}
	if len(ack.Trades) != 1 || ack.Trades[0].Price != "1.2345" || ack.Trades[0].QuoteUnits != "37035" {
		t.Fatalf("buy ack trades: %+v, expected one trade of 0.03 at 1.2345 for 37035 USDC units", ack.Trades)
	}

	select {
	case tr := <-trades:
		if tr.MakerOrder != sell.Hash || tr.TakerOrder != buy.Hash {
			t.Fatalf("subscribed trade %+v, expected maker %s and taker %s", tr, sell.Hash, buy.Hash)
		}
	case err := <-sub.Err():
		t.Fatalf("trades subscription ended: %v", err)
	case <-ctx.Done():
		t.Fatal("no trade notification")
	}
}

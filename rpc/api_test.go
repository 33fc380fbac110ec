package rpc

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
)

// TestMethodsOverTransports runs every thx method through a trading
// session over HTTP and over WebSocket, against a real state machine.
func TestMethodsOverTransports(t *testing.T) {
	for _, transport := range []string{"http", "ws"} {
		t.Run(transport, func(t *testing.T) {
			ts := startServer(t, nil)
			c := ts.clients()[transport]
			checkMarkets(t, c)
			checkTradingSession(t, ts, c)
		})
	}
}

func checkMarkets(t *testing.T, c *gethrpc.Client) {
	var markets []MarketJSON
	if err := c.Call(&markets, "thx_markets"); err != nil {
		t.Fatalf("thx_markets: %v", err)
	}
	if len(markets) != 3 {
		t.Fatalf("thx_markets returned %d markets, expected 3", len(markets))
	}
	var m MarketJSON
	if err := c.Call(&m, "thx_market", "THAL/USDC"); err != nil {
		t.Fatalf("thx_market: %v", err)
	}
	checks := []struct{ name, got, want string }{
		{"tickSize", m.TickSize, "0.0001"},
		{"tickSizeUnits", m.TickSizeUnits, "100"},
		{"lotSize", m.LotSize, "0.01"},
		{"lotSizeUnits", m.LotSizeUnits, "10000000000000000"},
		{"base.symbol", m.Base.Symbol, "THAL"},
		{"quote.symbol", m.Quote.Symbol, "USDC"},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("market %s = %q, expected %q", ck.name, ck.got, ck.want)
		}
	}
	if m.PriceDecimals != 4 || m.QuantityDecimals != 2 {
		t.Errorf("market decimals %d/%d, expected 4/2", m.PriceDecimals, m.QuantityDecimals)
	}
	if m.ChainID != testChain || m.MarketID != 1 || m.QuotePerTickLot != 1 {
		t.Errorf("market chain %d id %d quotePerTickLot %d, expected %d 1 1", m.ChainID, m.MarketID, m.QuotePerTickLot, testChain)
	}
}

func checkTradingSession(t *testing.T, ts *testServer, c *gethrpc.Client) {
	alice, bob := newTrader(t, "alice"), newTrader(t, "bob")
	ts.fund(alice)
	ts.fund(bob)

	sell := alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "1.2345", "0.03"))
	if sell.Order.Status != "open" || sell.Order.PriceTicks != 12345 || sell.Order.QuantityLots != 3 || len(sell.Trades) != 0 {
		t.Fatalf("resting sell ack %+v", sell)
	}
	checkBook(t, c, "1.2345", "0.03", 1)

	buy := bob.mustPlace(t, c, bob.limitOrder("THAL/USDC", "buy", "1.2345", "0.02"))
	if buy.Order.Status != "filled" || len(buy.Trades) != 1 {
		t.Fatalf("taking buy ack %+v", buy)
	}
	trade := buy.Trades[0]
	// 2 lots at 12,345 ticks of 1 USDC base unit each cost 24,690 units.
	// The taker pays 25 bps (61 units, rounded down) and the maker 10 bps
	// (24 units).
	tradeChecks := []struct{ name, got, want string }{
		{"price", trade.Price, "1.2345"}, {"quantity", trade.Quantity, "0.02"},
		{"quote", trade.Quote, "0.02469"}, {"quoteUnits", trade.QuoteUnits, "24690"},
		{"takerFee", trade.TakerFee, "0.000061"}, {"makerFee", trade.MakerFee, "0.000024"},
		{"takerSide", trade.TakerSide, "buy"}, {"market", trade.Market, "THAL/USDC"},
	}
	for _, ck := range tradeChecks {
		if ck.got != ck.want {
			t.Errorf("trade %s = %q, expected %q", ck.name, ck.got, ck.want)
		}
	}
	if trade.Maker != alice.addr || trade.Taker != bob.addr || trade.MakerOrder != sell.Order.Hash {
		t.Errorf("trade parties %+v", trade)
	}

	checkTradesAndTicker(t, c, bob.addr)
	checkOrders(t, c, alice, bob, sell.Order.Hash)
	checkCancel(t, c, alice, sell.Order.Hash)
	checkHistoryPages(t, c, alice)
	checkWithdrawal(t, c, alice)
	checkBalancesAfter(t, c, alice)
	checkNodeInfo(t, ts, c)
}

func checkBook(t *testing.T, c *gethrpc.Client, price, quantity string, sequence uint64) {
	t.Helper()
	var book BookJSON
	if err := c.Call(&book, "thx_orderBook", "THAL/USDC", 10); err != nil {
		t.Fatalf("thx_orderBook: %v", err)
	}
	if book.Type != "snapshot" || book.Sequence != sequence || len(book.Bids) != 0 || len(book.Asks) != 1 {
		t.Fatalf("book %+v, expected one ask at sequence %d", book, sequence)
	}
	if a := book.Asks[0]; a.Price != price || a.Quantity != quantity || a.Orders != 1 {
		t.Fatalf("ask %+v, expected %s x %s", a, price, quantity)
	}
	var deflt BookJSON
	if err := c.Call(&deflt, "thx_orderBook", "THAL/USDC"); err != nil {
		t.Fatalf("thx_orderBook without depth: %v", err)
	}
	if len(deflt.Asks) != 1 {
		t.Fatalf("book without depth has %d asks", len(deflt.Asks))
	}
}

func checkTradesAndTicker(t *testing.T, c *gethrpc.Client, taker common.Address) {
	t.Helper()
	var recent TradesPageJSON
	if err := c.Call(&recent, "thx_trades", "THAL/USDC"); err != nil {
		t.Fatalf("thx_trades: %v", err)
	}
	if len(recent.Trades) != 1 || recent.Next != "" {
		t.Fatalf("recent trades %+v", recent)
	}
	var mine TradesPageJSON
	if err := c.Call(&mine, "thx_trades", "THAL/USDC", map[string]any{"trader": taker, "limit": 10}); err != nil {
		t.Fatalf("thx_trades of a trader: %v", err)
	}
	if len(mine.Trades) != 1 || mine.Trades[0].Taker != taker {
		t.Fatalf("trader trades %+v", mine)
	}
	var ticker TickerJSON
	if err := c.Call(&ticker, "thx_ticker", "THAL/USDC"); err != nil {
		t.Fatalf("thx_ticker: %v", err)
	}
	if ticker.LastPrice != "1.2345" || ticker.Volume24h != "0.02" || ticker.Trades24h != 1 || ticker.QuoteVolume24h != "0.02469" {
		t.Fatalf("ticker %+v", ticker)
	}
	if ticker.BestAsk == nil || *ticker.BestAsk != "1.2345" || ticker.BestAskTicks == nil || *ticker.BestAskTicks != 12345 {
		t.Errorf("best ask %v (%v ticks), expected 1.2345 (12345 ticks)", ticker.BestAsk, ticker.BestAskTicks)
	}
	if ticker.BestBid != nil {
		t.Errorf("best bid %q with no buy order, expected null", *ticker.BestBid)
	}
	if ticker.BestBidTicks != nil {
		t.Errorf("best bid %d ticks with no buy order, expected null", *ticker.BestBidTicks)
	}
	var raw map[string]any
	if err := c.Call(&raw, "thx_ticker", "THAL/USDC"); err != nil {
		t.Fatalf("thx_ticker: %v", err)
	}
	if value, present := raw["bestBid"]; !present || value != nil {
		t.Errorf("bestBid is %v (present %v), expected null", value, present)
	}
}

func checkOrders(t *testing.T, c *gethrpc.Client, alice, bob *trader, sellHash common.Hash) {
	t.Helper()
	var order OrderInfoJSON
	if err := c.Call(&order, "thx_order", sellHash); err != nil {
		t.Fatalf("thx_order: %v", err)
	}
	if order.Status != "open" || order.Filled != "0.02" || order.Remaining != "0.01" || order.FilledLots != 2 {
		t.Fatalf("order %+v", order)
	}
	var open []OrderInfoJSON
	if err := c.Call(&open, "thx_openOrders", alice.addr); err != nil {
		t.Fatalf("thx_openOrders: %v", err)
	}
	if len(open) != 1 || open[0].Hash != sellHash {
		t.Fatalf("alice's open orders %+v", open)
	}
	if err := c.Call(&open, "thx_openOrders", bob.addr); err != nil || len(open) != 0 {
		t.Fatalf("bob's open orders %+v, %v", open, err)
	}
	var history OrdersPageJSON
	if err := c.Call(&history, "thx_orderHistory", bob.addr); err != nil {
		t.Fatalf("thx_orderHistory: %v", err)
	}
	if len(history.Orders) != 1 || history.Orders[0].Status != "filled" {
		t.Fatalf("bob's history %+v", history)
	}
}

func checkCancel(t *testing.T, c *gethrpc.Client, alice *trader, hash common.Hash) {
	t.Helper()
	td := typedData(t, c, map[string]any{"cancel": map[string]any{"trader": alice.addr, "orderHash": hash}})
	if td.PrimaryType != "Cancel" || td.Cancel == nil || td.Cancel.ChainID != testChain {
		t.Fatalf("cancel typed data %+v", td)
	}
	var ack OrderAckJSON
	if err := c.Call(&ack, "thx_cancelOrder", map[string]any{"cancel": td.Cancel, "signature": alice.sign(t, td.Hash)}); err != nil {
		t.Fatalf("thx_cancelOrder: %v", err)
	}
	if ack.Order.Hash != hash || ack.Order.Status != "cancelled" || ack.Order.Reason == "" {
		t.Fatalf("cancel ack %+v", ack)
	}
}

// checkHistoryPages places two more orders and reads alice's history two
// at a time.
func checkHistoryPages(t *testing.T, c *gethrpc.Client, alice *trader) {
	t.Helper()
	alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "2", "1"))
	alice.mustPlace(t, c, alice.limitOrder("WETH/USDC", "sell", "3000.01", "0.5"))
	var first, second OrdersPageJSON
	if err := c.Call(&first, "thx_orderHistory", alice.addr, map[string]any{"limit": 2}); err != nil {
		t.Fatalf("history page 1: %v", err)
	}
	if len(first.Orders) != 2 || first.Next == "" || first.Orders[0].Market != "WETH/USDC" {
		t.Fatalf("history page 1 %+v", first)
	}
	if err := c.Call(&second, "thx_orderHistory", alice.addr, map[string]any{"limit": 2, "cursor": first.Next}); err != nil {
		t.Fatalf("history page 2: %v", err)
	}
	if len(second.Orders) != 1 || second.Next != "" || second.Orders[0].Status != "cancelled" {
		t.Fatalf("history page 2 %+v", second)
	}
	var deposits DepositsPageJSON
	if err := c.Call(&deposits, "thx_deposits", alice.addr, map[string]any{"limit": 3}); err != nil {
		t.Fatalf("thx_deposits: %v", err)
	}
	if len(deposits.Deposits) != 3 || deposits.Next == "" || deposits.Deposits[0].Amount != "1000000" {
		t.Fatalf("deposits %+v", deposits)
	}
}

func checkWithdrawal(t *testing.T, c *gethrpc.Client, alice *trader) {
	t.Helper()
	request := map[string]any{"withdrawal": map[string]any{"trader": alice.addr, "token": tokenUSDC, "amount": "10.5", "nonce": 1}}
	td := typedData(t, c, request)
	if td.Withdrawal == nil || td.Withdrawal.AmountUnits != "10500000" || td.Withdrawal.ChainID != testChain {
		t.Fatalf("withdrawal typed data %+v", td)
	}
	var ack WithdrawalAckJSON
	if err := c.Call(&ack, "thx_withdraw", map[string]any{"withdrawal": td.Withdrawal, "signature": alice.sign(t, td.Hash)}); err != nil {
		t.Fatalf("thx_withdraw: %v", err)
	}
	if ack.Withdrawal.Amount != "10.5" || ack.Withdrawal.Status != "pending" || ack.Withdrawal.Hash != td.Hash {
		t.Fatalf("withdrawal ack %+v", ack)
	}
	var list WithdrawalsPageJSON
	if err := c.Call(&list, "thx_withdrawals", alice.addr); err != nil {
		t.Fatalf("thx_withdrawals: %v", err)
	}
	if len(list.Withdrawals) != 1 || list.Withdrawals[0].AmountUnits != "10500000" {
		t.Fatalf("withdrawals %+v", list)
	}
}

// checkBalancesAfter checks alice's USDC: 1,000,000 deposited, 10.5
// withdrawn, and 24,690 - 24 units from her sale awaiting settlement.
func checkBalancesAfter(t *testing.T, c *gethrpc.Client, alice *trader) {
	t.Helper()
	var balances []BalanceJSON
	if err := c.Call(&balances, "thx_balances", alice.addr); err != nil {
		t.Fatalf("thx_balances: %v", err)
	}
	if len(balances) != 4 {
		t.Fatalf("alice has %d balances, expected 4: %+v", len(balances), balances)
	}
	for _, b := range balances {
		if b.Token != tokenUSDC {
			continue
		}
		if b.Available != "999989.5" || b.PendingSettlement != "0.024666" || b.PendingWithdrawal != "10.5" ||
			b.Symbol != "USDC" || b.Decimals != 6 || b.AvailableUnits != "999989500000" {
			t.Fatalf("alice's USDC %+v", b)
		}
		return
	}
	t.Fatalf("alice has no USDC balance: %+v", balances)
}

func checkNodeInfo(t *testing.T, ts *testServer, c *gethrpc.Client) {
	t.Helper()
	var info NodeInfoJSON
	if err := c.Call(&info, "thx_nodeInfo"); err != nil {
		t.Fatalf("thx_nodeInfo: %v", err)
	}
	if info.Role != "sequencer" || len(info.Chains) != 2 || info.StateHash != ts.backend.stateHash() || info.Seq == 0 {
		t.Fatalf("node info %+v", info)
	}
}

// TestPlaceOrderSignedFieldsOnly places an order given as the market
// symbol and the signed integer fields, as a client that builds the
// EIP-712 message itself sends it.
func TestPlaceOrderSignedFieldsOnly(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	alice := newTrader(t, "alice")
	ts.fund(alice)
	domain, _ := ts.backend.Domain(testChain)
	order := map[string]any{
		"market": "THAL/USDC", "trader": alice.addr, "side": 1, "kind": "0", "timeInForce": 0,
		"selfTradePrevention": 0, "priceTicks": "12345", "quantityLots": 3, "maxFeeBps": 25, "nonce": "7", "expiry": 0,
	}
	td := typedData(t, c, map[string]any{"order": order})
	if td.Order.Price != "1.2345" || td.Order.Quantity != "0.03" || td.Order.Side != "sell" {
		t.Fatalf("canonical order %+v", td.Order)
	}
	if td.Hash != domain.OrderHash(mustOrder(t, td.Order)) {
		t.Fatalf("typedData hash %s is not the order hash", td.Hash)
	}
	var ack OrderAckJSON
	if err := c.Call(&ack, "thx_placeOrder", map[string]any{"order": order, "signature": alice.sign(t, td.Hash)}); err != nil {
		t.Fatalf("place with signed fields only: %v", err)
	}
	if ack.Order.Hash != td.Hash || ack.Order.Price != "1.2345" {
		t.Fatalf("ack %+v", ack)
	}
}

func TestTypedDataDefaults(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	alice := newTrader(t, "alice")
	limit := typedData(t, c, map[string]any{"order": alice.limitOrder("THAL/USDC", "buy", "1", "0.01")})
	if o := limit.Order; o.Kind != "limit" || o.TimeInForce != "GTC" || o.SelfTradePrevention != "cancelNewest" ||
		o.MaxFeeBps != 25 || o.Expiry != 0 || o.PostOnly {
		t.Fatalf("limit order defaults %+v", o)
	}
	market := alice.limitOrder("THAL/USDC", "buy", "1", "0.01")
	market["kind"] = "market"
	td := typedData(t, c, map[string]any{"order": market})
	if td.Order.TimeInForce != "IOC" {
		t.Fatalf("market order time in force %q, expected IOC", td.Order.TimeInForce)
	}
	market["timeInForce"] = "fok"
	td = typedData(t, c, map[string]any{"order": market})
	if td.Order.TimeInForce != "FOK" {
		t.Fatalf("market order with timeInForce fok: %q, expected FOK", td.Order.TimeInForce)
	}
}

// TestOrderReasonOnlyWhenCancelled checks that the reason member is sent
// for a cancelled order only: not for an open, filled or expired one.
func TestOrderReasonOnlyWhenCancelled(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.httpClient()
	alice, bob := newTrader(t, "alice"), newTrader(t, "bob")
	ts.fund(alice)
	ts.fund(bob)

	gtd := alice.limitOrder("THAL/USDC", "sell", "2", "0.01")
	gtd["timeInForce"], gtd["expiry"] = "GTD", testStartMs/1000+100
	expiring := alice.mustPlace(t, c, gtd).Order.Hash
	open := alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "3", "0.01")).Order.Hash
	alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "1.5", "0.01"))
	filled := bob.mustPlace(t, c, bob.limitOrder("THAL/USDC", "buy", "1.5", "0.01")).Order.Hash
	cancelled := alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "buy", "1", "0.01")).Order.Hash
	td := typedData(t, c, map[string]any{"cancel": map[string]any{"orderHash": cancelled, "trader": alice.addr}})
	if err := c.Call(nil, "thx_cancelOrder", map[string]any{"cancel": td.Cancel, "signature": alice.sign(t, td.Hash)}); err != nil {
		t.Fatalf("cancel: %v", err)
	}
	// The order leaves the book 30 s before its expiry, at 70 s.
	ts.backend.tick(testStartMs + 80_000)

	cases := []struct {
		name         string
		hash         common.Hash
		status       string
		reason       string
		reasonExists bool
	}{
		{"open", open, "open", "", false},
		{"filled", filled, "filled", "", false},
		{"expired", expiring, "expired", "", false},
		{"cancelled", cancelled, "cancelled", "user", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var members map[string]any
			if err := c.Call(&members, "thx_order", tc.hash); err != nil {
				t.Fatalf("thx_order: %v", err)
			}
			if members["status"] != tc.status {
				t.Errorf("status %v, expected %s", members["status"], tc.status)
			}
			reason, exists := members["reason"]
			if exists != tc.reasonExists {
				t.Errorf("reason member present: %v (value %v), expected %v", exists, reason, tc.reasonExists)
			}
			if exists && reason != tc.reason {
				t.Errorf("reason %v, expected %s", reason, tc.reason)
			}
		})
	}
}

// TestNodeInfoJSONFailure checks that thx_nodeInfo carries a stopped
// node's failure and leaves the member out while the node runs.
func TestNodeInfoJSONFailure(t *testing.T) {
	running, err := json.Marshal(nodeInfoJSON(&NodeInfo{Role: "follower", Seq: 7}))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(running), "failure") {
		t.Errorf("node info of a running node %s has a failure member", running)
	}
	stopped, err := json.Marshal(nodeInfoJSON(&NodeInfo{Role: "follower", Seq: 7, Failure: "store: log write failed"}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(stopped), `"failure":"store: log write failed"`) {
		t.Errorf("node info of a stopped node %s lacks its failure", stopped)
	}
}

package client

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/thaliumx/thaliumx/rpc"
)

// Client calls one node's thx namespace.
type Client struct {
	rpc *gethrpc.Client
}

// Dial connects to a node's JSON-RPC endpoint: http:// or https:// for
// calls only, ws:// or wss:// for calls and subscriptions.
func Dial(ctx context.Context, url string) (*Client, error) {
	c, err := gethrpc.DialContext(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("client: dial %s: %w", url, err)
	}
	return &Client{rpc: c}, nil
}

// New wraps a go-ethereum rpc client that is already connected.
func New(c *gethrpc.Client) *Client { return &Client{rpc: c} }

// RPC returns the underlying go-ethereum client, for calls this package
// has no method for.
func (c *Client) RPC() *gethrpc.Client { return c.rpc }

// Close closes the connection.
func (c *Client) Close() { c.rpc.Close() }

// Markets returns the listed markets.
func (c *Client) Markets(ctx context.Context) ([]rpc.MarketJSON, error) {
	var out []rpc.MarketJSON
	return out, c.rpc.CallContext(ctx, &out, "thx_markets")
}

// Market returns one market by symbol, such as "THAL/USDC".
func (c *Client) Market(ctx context.Context, symbol string) (rpc.MarketJSON, error) {
	var out rpc.MarketJSON
	return out, c.rpc.CallContext(ctx, &out, "thx_market", symbol)
}

// NodeInfo returns the node's version, chains, log position and state hash.
func (c *Client) NodeInfo(ctx context.Context) (rpc.NodeInfoJSON, error) {
	var out rpc.NodeInfoJSON
	return out, c.rpc.CallContext(ctx, &out, "thx_nodeInfo")
}

// Balances returns a trader's balances in every token the node lists.
func (c *Client) Balances(ctx context.Context, trader common.Address) ([]rpc.BalanceJSON, error) {
	var out []rpc.BalanceJSON
	return out, c.rpc.CallContext(ctx, &out, "thx_balances", trader)
}

// Order returns an order by its hash.
func (c *Client) Order(ctx context.Context, hash common.Hash) (rpc.OrderInfoJSON, error) {
	var out rpc.OrderInfoJSON
	return out, c.rpc.CallContext(ctx, &out, "thx_order", hash)
}

// OpenOrders returns a trader's open orders.
func (c *Client) OpenOrders(ctx context.Context, trader common.Address) ([]rpc.OrderInfoJSON, error) {
	var out []rpc.OrderInfoJSON
	return out, c.rpc.CallContext(ctx, &out, "thx_openOrders", trader)
}

// Page selects a page of a history: Cursor is "" for the first page, then
// the Next of the previous page; Limit 0 takes the node's default.
type Page struct {
	Cursor string `json:"cursor,omitempty"`
	Limit  int    `json:"limit,omitempty"`
}

// OrderHistory returns one page of a trader's orders, newest first.
func (c *Client) OrderHistory(ctx context.Context, trader common.Address, page Page) (rpc.OrdersPageJSON, error) {
	var out rpc.OrdersPageJSON
	return out, c.rpc.CallContext(ctx, &out, "thx_orderHistory", trader, page)
}

// TradesQuery selects a page of a market's trades, optionally of one trader.
type TradesQuery struct {
	Trader *common.Address `json:"trader,omitempty"`
	Page
}

// Trades returns one page of a market's trades.
func (c *Client) Trades(ctx context.Context, symbol string, query TradesQuery) (rpc.TradesPageJSON, error) {
	var out rpc.TradesPageJSON
	return out, c.rpc.CallContext(ctx, &out, "thx_trades", symbol, query)
}

// OrderBook returns a market's aggregated depth, depth levels per side.
func (c *Client) OrderBook(ctx context.Context, symbol string, depth int) (rpc.BookJSON, error) {
	var out rpc.BookJSON
	return out, c.rpc.CallContext(ctx, &out, "thx_orderBook", symbol, depth)
}

// Deposits returns one page of a trader's credited deposits.
func (c *Client) Deposits(ctx context.Context, trader common.Address, page Page) (rpc.DepositsPageJSON, error) {
	var out rpc.DepositsPageJSON
	return out, c.rpc.CallContext(ctx, &out, "thx_deposits", trader, page)
}

// SubscribeTrades sends each trade of a market to ch until the
// subscription ends. It needs a WebSocket connection.
func (c *Client) SubscribeTrades(ctx context.Context, symbol string, ch chan<- rpc.TradeJSON) (*gethrpc.ClientSubscription, error) {
	return c.rpc.Subscribe(ctx, "thx", ch, "trades", symbol)
}

// BookNotification is a notification of a book subscription, either kind
// in one type. Type "snapshot" fills Bids and Asks, the depth at Sequence,
// and leaves Seq 0. Type "update" fills Changes, the new totals of the
// levels that log entry Seq changed. Each notification's Sequence is one
// more than the previous one's. A jump means a missed update, so the
// client must subscribe again and drop the book it built.
type BookNotification struct {
	Type     string                `json:"type"`
	Market   string                `json:"market"`
	Sequence uint64                `json:"sequence"`
	Seq      uint64                `json:"seq,omitempty"`
	Bids     []rpc.LevelJSON       `json:"bids,omitempty"`
	Asks     []rpc.LevelJSON       `json:"asks,omitempty"`
	Changes  []rpc.DepthChangeJSON `json:"changes,omitempty"`
}

// SubscribeBook sends a market's depth to ch: a snapshot of up to 1,000
// levels per side, then an update after each entry that changes a level.
// It needs a WebSocket connection.
func (c *Client) SubscribeBook(ctx context.Context, symbol string, ch chan<- BookNotification) (*gethrpc.ClientSubscription, error) {
	return c.rpc.Subscribe(ctx, "thx", ch, "book", symbol)
}

// SubscribeOrders sends a trader's order after each change to ch, with
// Seq, the log entry that made the change. It needs a WebSocket
// connection.
func (c *Client) SubscribeOrders(ctx context.Context, trader common.Address, ch chan<- rpc.OrderNotificationJSON) (*gethrpc.ClientSubscription, error) {
	return c.rpc.Subscribe(ctx, "thx", ch, "orders", trader)
}

// SubscribeBalances sends a trader's balance of a token after each change
// to ch, with Seq, the log entry that made the change. It needs a
// WebSocket connection.
func (c *Client) SubscribeBalances(ctx context.Context, trader common.Address, ch chan<- rpc.BalanceNotificationJSON) (*gethrpc.ClientSubscription, error) {
	return c.rpc.Subscribe(ctx, "thx", ch, "balances", trader)
}

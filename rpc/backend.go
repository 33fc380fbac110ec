package rpc

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
)

// Backend is what the JSON-RPC API needs from a node. The node package
// implements it; the API layer turns decimal strings into ticks and lots,
// checks signatures' form and maps errors to stable codes, and never
// touches the state machine directly.
//
// Amounts are in token base units, prices in ticks and quantities in lots,
// as in the state machine. Errors wrap the sentinels of the node/state,
// node/ledger, matching and chain/eip712 packages, or ErrRateLimited,
// ErrUnavailable and ErrNotFound below, so that the API can map them to
// codes with errors.Is.
type Backend interface {
	// NodeInfo describes the node: role, chains, log position, state hash.
	NodeInfo() NodeInfo
	// Syncing reports how far the node's log is behind its peers'.
	Syncing() SyncStatus
	// Health reports each component's status for GET /health.
	Health() Health

	// Markets lists the listed markets; Market finds one by symbol.
	Markets() []state.MarketView
	Market(symbol string) (state.MarketView, bool)
	// Domain returns the EIP-712 domain of the Exchange on a chain.
	Domain(chainID uint64) (eip712.Domain, bool)

	// OrderBook returns up to depth aggregated levels per side, with the
	// book's update sequence number (see BookUpdate).
	OrderBook(symbol string, depth int) (BookSnapshot, error)
	// RecentTrades returns up to limit of the market's newest trades,
	// newest first.
	RecentTrades(symbol string, limit int) ([]state.Trade, error)
	// Ticker returns the market's last price and 24-hour statistics.
	Ticker(symbol string) (Ticker, error)

	// Order returns an order by hash, open or done.
	Order(hash common.Hash) (OrderInfo, error)
	// OpenOrders returns a trader's open orders, oldest first.
	OpenOrders(trader common.Address) ([]OrderInfo, error)
	// OrderHistory returns a trader's orders, open and done, newest first,
	// one page at a time; an empty cursor starts at the newest.
	OrderHistory(trader common.Address, page Page) ([]OrderInfo, Cursor, error)
	// TraderTrades returns a trader's trades in one market, newest first.
	TraderTrades(trader common.Address, symbol string, page Page) ([]state.Trade, Cursor, error)
	// Balances returns a trader's balances in every asset it holds.
	Balances(trader common.Address) ([]ledger.Balance, error)
	// Deposits and Withdrawals return a trader's credited deposits and
	// requested withdrawals, newest first.
	Deposits(trader common.Address, page Page) ([]DepositInfo, Cursor, error)
	Withdrawals(trader common.Address, page Page) ([]WithdrawalInfo, Cursor, error)

	// PlaceOrder, CancelOrder and Withdraw verify the signature, sequence
	// the entry and return once it is durable in the log, with what it did.
	// A rejected entry returns an error and changes nothing.
	PlaceOrder(ctx context.Context, order *state.SignedOrder) (OrderAck, error)
	CancelOrder(ctx context.Context, cancel *state.SignedCancel) (OrderAck, error)
	Withdraw(ctx context.Context, withdrawal *state.SignedWithdrawal) (WithdrawalAck, error)

	// Subscribe starts a stream of events for one topic. Events come only
	// from entries that are durable. The subscription ends when ctx ends,
	// when Unsubscribe is called, or when the subscriber falls more than
	// its buffer behind; Err then says why.
	Subscribe(ctx context.Context, topic Topic) (Subscription, error)
}

// NodeInfo describes a node for thx_nodeInfo.
type NodeInfo struct {
	Version string
	// Role is "sequencer" or "follower".
	Role   string
	Chains []ChainInfo
	// Seq is the log sequence number of the newest state hash and
	// StateHash that hash. The node computes it from time to time, not
	// after every entry, so Seq can trail the last applied entry.
	Seq       uint64
	StateHash common.Hash
	Peers     int
	// Failure is the error that stopped the node from sequencing or, on a
	// follower, from applying the log; empty while it runs. The node
	// computes no state hash after it, so Seq and StateHash stop moving.
	Failure string
}

// SyncStatus is how far a node's log is behind the newest entry it knows
// of, for thx_syncing. A sequencer's log is the newest, so it never
// syncs.
type SyncStatus struct {
	// Syncing is set while the node fetches missing entries or a snapshot
	// from its peers.
	Syncing bool
	// Phase is "snapshot" while a snapshot downloads, "log" while log
	// entries do, and empty when the node is not syncing.
	Phase string
	// StartingSeq is the last applied entry when the current sync started,
	// CurrentSeq the last applied entry now, and TargetSeq the newest
	// entry the node knows its peers hold.
	StartingSeq uint64
	CurrentSeq  uint64
	TargetSeq   uint64
	// EntriesPerSecond is the average rate of the current sync, and ETA
	// the time the rest takes at that rate (zero when unknown).
	EntriesPerSecond float64
	ETA              time.Duration
}

// ChainInfo is one configured chain.
type ChainInfo struct {
	ChainID  uint64
	Name     string
	Exchange common.Address
	// RPCURL is the chain endpoint a wallet can use, when the node serves
	// one (the embedded dev chain); empty otherwise.
	RPCURL string
	// HeadBlock is the latest block seen and LastBatch the last batch
	// confirmed on chain.
	HeadBlock uint64
	LastBatch uint64
}

// Health is the per-component status served at GET /health.
type Health struct {
	OK         bool
	Components []ComponentHealth
}

// ComponentHealth is one component's status, for example "chain 1337",
// "log" or "settlement".
type ComponentHealth struct {
	Name   string
	OK     bool
	Detail map[string]any
}

// Level is one aggregated price level.
type Level struct {
	Price    uint64 // ticks
	Quantity uint64 // lots
	Orders   uint32
}

// BookSnapshot is a market's depth at one update sequence number.
type BookSnapshot struct {
	Market   state.MarketKey
	Symbol   string
	Sequence uint64
	Bids     []Level // best first
	Asks     []Level // best first
}

// BookUpdate is one change of a market's depth. Sequence counts the
// market's updates: each update's Sequence is one more than the previous
// one's, starting after the snapshot's, so a subscriber that sees a jump
// has missed an update and must take a new snapshot.
type BookUpdate struct {
	Market   state.MarketKey
	Symbol   string
	Sequence uint64
	// Seq is the log entry that made the change.
	Seq     uint64
	Changes []state.DepthChange
}

// Ticker is a market's last price and statistics over the last 24 hours.
type Ticker struct {
	Symbol    string
	LastPrice uint64 // ticks, 0 before the first trade
	Open24h   uint64 // price of the first trade of the window, ticks
	High24h   uint64
	Low24h    uint64
	// Volume24h is in lots and QuoteVolume24h in quote base units.
	Volume24h      uint64
	QuoteVolume24h uint256.Int
	Trades24h      uint64
	BestBid        uint64 // ticks, 0 when the side is empty
	BestAsk        uint64
}

// OrderInfo is an order and where it stands.
type OrderInfo struct {
	Hash      common.Hash
	ChainID   uint64
	Order     eip712.Order
	Status    state.OrderStatus
	Filled    uint64 // lots
	Remaining uint64 // lots
	// Reason is the cause of a cancel, for example "user" or "self-trade".
	Reason string
	// PlacedSeq is the log entry that placed the order and Time its time in
	// unix milliseconds.
	PlacedSeq uint64
	Time      uint64
	// Triggered is false for a stop order waiting for its trigger price.
	Triggered bool
}

// OrderEvent is an orders event: the order as the log entry Seq left it.
// The events of one entry carry the same Seq.
type OrderEvent struct {
	Seq   uint64
	Order OrderInfo
}

// BalanceEvent is a balances event: a balance as the log entry Seq left
// it. The events of one entry carry the same Seq.
type BalanceEvent struct {
	Seq     uint64
	Balance ledger.Balance
}

// OrderAck is the outcome of a placed or cancelled order once durable.
type OrderAck struct {
	Seq    uint64
	Time   uint64
	Order  OrderInfo
	Trades []state.Trade
}

// DepositInfo is a credited deposit.
type DepositInfo struct {
	state.Deposit
	Seq  uint64
	Time uint64
}

// WithdrawalInfo is a withdrawal and its settlement.
type WithdrawalInfo struct {
	Hash    common.Hash
	ChainID uint64
	Trader  common.Address
	Token   common.Address
	Amount  uint256.Int
	Nonce   uint64
	Batch   uint64
	// Status is "pending", "settled" or "returned".
	Status string
	Seq    uint64
	Time   uint64
	// Request is set for an escape-hatch request made on chain.
	Request bool
}

// WithdrawalAck is the outcome of a withdrawal once durable.
type WithdrawalAck struct {
	Seq        uint64
	Withdrawal WithdrawalInfo
}

// Page selects one page of a history query.
type Page struct {
	Cursor Cursor // from the previous page; empty for the first
	Limit  int    // 1 to PageLimitMax
}

// Cursor is an opaque position in a history, hex-encoded on the wire.
type Cursor []byte

// PageLimitMax bounds the items of one history page.
const PageLimitMax = 1000

// TopicKind names a subscription stream.
type TopicKind string

// Subscription topics.
const (
	TopicBook     TopicKind = "book"     // BookSnapshot first, then BookUpdate
	TopicTrades   TopicKind = "trades"   // state.Trade, per market
	TopicOrders   TopicKind = "orders"   // OrderEvent, per trader
	TopicBalances TopicKind = "balances" // BalanceEvent, per trader
)

// Topic selects a stream: a market's book or trades by Symbol, or a
// trader's orders or balances by Trader.
type Topic struct {
	Kind   TopicKind
	Symbol string
	Trader common.Address
}

// Subscription is a stream of events of one topic.
type Subscription interface {
	// Events delivers the events; it is closed when the subscription ends.
	Events() <-chan any
	// Unsubscribe ends the subscription.
	Unsubscribe()
	// Err returns why the subscription ended, or nil while it runs or when
	// it was ended by Unsubscribe or its context.
	Err() error
}

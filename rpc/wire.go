package rpc

import (
	"encoding/json"

	"github.com/ethereum/go-ethereum/common"
)

// The types below are the JSON shapes of the thx namespace (docs/RPC.md).
// Prices and quantities are decimal strings in whole tokens, next to their
// engine integers (ticks, lots). Token amounts are decimal strings in whole
// tokens, next to their base units (the "Units" fields). Integers that a trader chooses
// or that can exceed 2^53 are Uint64 decimal strings; addresses and hashes
// are 0x-hex.

// TokenJSON is one token of a market.
type TokenJSON struct {
	Address common.Address `json:"address"`
	// Symbol is taken from the market symbol ("THAL" of "THAL/USDC").
	Symbol   string `json:"symbol"`
	Decimals uint8  `json:"decimals"`
}

// MarketJSON is a listed market.
type MarketJSON struct {
	Symbol   string         `json:"symbol"`
	ChainID  uint64         `json:"chainId"`
	MarketID uint32         `json:"marketId"`
	Exchange common.Address `json:"exchange"`
	Base     TokenJSON      `json:"base"`
	Quote    TokenJSON      `json:"quote"`
	// TickSize is the price step in quote tokens per base token, and
	// TickSizeUnits the same in quote base units (docs/PROTOCOL.md).
	TickSize      string `json:"tickSize"`
	TickSizeUnits string `json:"tickSizeUnits"`
	// LotSize is the quantity step in base tokens, LotSizeUnits in base
	// base units.
	LotSize      string `json:"lotSize"`
	LotSizeUnits string `json:"lotSizeUnits"`
	// PriceDecimals and QuantityDecimals are the most decimals a price or
	// quantity can have; a value must also be a multiple of the step.
	PriceDecimals    int    `json:"priceDecimals"`
	QuantityDecimals int    `json:"quantityDecimals"`
	MakerFeeBps      uint16 `json:"makerFeeBps"`
	TakerFeeBps      uint16 `json:"takerFeeBps"`
	MaxPrice         string `json:"maxPrice"`
	MaxPriceTicks    Uint64 `json:"maxPriceTicks"`
	MaxQuantity      string `json:"maxQuantity"`
	MaxQuantityLots  Uint64 `json:"maxQuantityLots"`
	// QuotePerTickLot is the quote base units of one lot at one tick.
	QuotePerTickLot Uint64 `json:"quotePerTickLot"`
	Halted          bool   `json:"halted"`
}

// OrderJSON is an order's signed fields in both forms: the decimal price
// and quantity and the integer ticks and lots that the signature covers.
// thx_typedData returns it complete; thx_placeOrder accepts it back, or
// with only one of each pair.
type OrderJSON struct {
	Market              string         `json:"market"`
	ChainID             uint64         `json:"chainId"`
	MarketID            uint32         `json:"marketId"`
	Trader              common.Address `json:"trader"`
	Side                string         `json:"side"`
	Kind                string         `json:"kind"`
	TimeInForce         string         `json:"timeInForce"`
	PostOnly            bool           `json:"postOnly"`
	SelfTradePrevention string         `json:"selfTradePrevention"`
	Price               string         `json:"price"`
	PriceTicks          Uint64         `json:"priceTicks"`
	TriggerPrice        string         `json:"triggerPrice"`
	TriggerPriceTicks   Uint64         `json:"triggerPriceTicks"`
	Quantity            string         `json:"quantity"`
	QuantityLots        Uint64         `json:"quantityLots"`
	MaxFeeBps           uint16         `json:"maxFeeBps"`
	Nonce               Uint64         `json:"nonce"`
	Expiry              Uint64         `json:"expiry"`
}

// OrderInfoJSON is an order with its status and fills.
type OrderInfoJSON struct {
	OrderJSON
	Hash          common.Hash `json:"hash"`
	Status        string      `json:"status"`
	Filled        string      `json:"filled"`
	FilledLots    Uint64      `json:"filledLots"`
	Remaining     string      `json:"remaining"`
	RemainingLots Uint64      `json:"remainingLots"`
	Reason        string      `json:"reason,omitempty"`
	PlacedSeq     uint64      `json:"placedSeq"`
	Time          uint64      `json:"time"`
	Triggered     bool        `json:"triggered"`
}

// OrderNotificationJSON is a notification of an orders subscription: the
// order after a change, and Seq, the log entry that made the change.
type OrderNotificationJSON struct {
	OrderInfoJSON
	Seq uint64 `json:"seq"`
}

// CancelJSON is a cancel's signed fields and the chain of its domain.
type CancelJSON struct {
	ChainID   uint64         `json:"chainId"`
	Trader    common.Address `json:"trader"`
	OrderHash common.Hash    `json:"orderHash"`
}

// WithdrawalJSON is a withdrawal's signed fields; Amount is in whole
// tokens and AmountUnits in base units.
type WithdrawalJSON struct {
	ChainID     uint64         `json:"chainId"`
	Trader      common.Address `json:"trader"`
	Token       common.Address `json:"token"`
	Amount      string         `json:"amount"`
	AmountUnits string         `json:"amountUnits"`
	Nonce       Uint64         `json:"nonce"`
	Expiry      Uint64         `json:"expiry"`
}

// TypedDataJSON is the reply of thx_typedData: the EIP-712 document to pass
// to eth_signTypedData_v4, its digest, and the message in canonical form
// (exactly one of Order, Cancel and Withdrawal), which is what the signed
// call takes back next to the signature.
type TypedDataJSON struct {
	PrimaryType string          `json:"primaryType"`
	Hash        common.Hash     `json:"hash"`
	TypedData   json.RawMessage `json:"typedData"`
	Order       *OrderJSON      `json:"order,omitempty"`
	Cancel      *CancelJSON     `json:"cancel,omitempty"`
	Withdrawal  *WithdrawalJSON `json:"withdrawal,omitempty"`
}

// TradeJSON is one trade.
type TradeJSON struct {
	Market        string         `json:"market"`
	Seq           uint64         `json:"seq"`
	Index         uint32         `json:"index"`
	Time          uint64         `json:"time"`
	Price         string         `json:"price"`
	PriceTicks    Uint64         `json:"priceTicks"`
	Quantity      string         `json:"quantity"`
	QuantityLots  Uint64         `json:"quantityLots"`
	TakerSide     string         `json:"takerSide"`
	Maker         common.Address `json:"maker"`
	Taker         common.Address `json:"taker"`
	MakerOrder    common.Hash    `json:"makerOrder"`
	TakerOrder    common.Hash    `json:"takerOrder"`
	Quote         string         `json:"quote"`
	QuoteUnits    string         `json:"quoteUnits"`
	MakerFee      string         `json:"makerFee"`
	MakerFeeUnits string         `json:"makerFeeUnits"`
	TakerFee      string         `json:"takerFee"`
	TakerFeeUnits string         `json:"takerFeeUnits"`
	Batch         uint64         `json:"batch"`
}

// LevelJSON is one aggregated price level.
type LevelJSON struct {
	Price        string `json:"price"`
	PriceTicks   Uint64 `json:"priceTicks"`
	Quantity     string `json:"quantity"`
	QuantityLots Uint64 `json:"quantityLots"`
	Orders       uint32 `json:"orders"`
}

// BookJSON is a market's depth at one update sequence number. In a book
// subscription it is the first notification, with Type "snapshot".
type BookJSON struct {
	Type     string      `json:"type"`
	Market   string      `json:"market"`
	Sequence uint64      `json:"sequence"`
	Bids     []LevelJSON `json:"bids"`
	Asks     []LevelJSON `json:"asks"`
}

// DepthChangeJSON is a price level's new total; a zero quantity removes it.
type DepthChangeJSON struct {
	Side         string `json:"side"`
	Price        string `json:"price"`
	PriceTicks   Uint64 `json:"priceTicks"`
	Quantity     string `json:"quantity"`
	QuantityLots Uint64 `json:"quantityLots"`
}

// BookUpdateJSON is one change of a market's depth, Type "update". Its
// Sequence is one more than the previous notification's; a jump means a
// missed update, and the client must subscribe again for a new snapshot.
type BookUpdateJSON struct {
	Type     string            `json:"type"`
	Market   string            `json:"market"`
	Sequence uint64            `json:"sequence"`
	Seq      uint64            `json:"seq"`
	Changes  []DepthChangeJSON `json:"changes"`
}

// TickerJSON is a market's last price and statistics over 24 hours.
// The last, open, high and low prices are "0" while there is no trade,
// and the best bid or ask is null while that side of the book is empty.
type TickerJSON struct {
	Market              string  `json:"market"`
	LastPrice           string  `json:"lastPrice"`
	LastPriceTicks      Uint64  `json:"lastPriceTicks"`
	Open24h             string  `json:"open24h"`
	High24h             string  `json:"high24h"`
	Low24h              string  `json:"low24h"`
	Volume24h           string  `json:"volume24h"`
	Volume24hLots       Uint64  `json:"volume24hLots"`
	QuoteVolume24h      string  `json:"quoteVolume24h"`
	QuoteVolume24hUnits string  `json:"quoteVolume24hUnits"`
	Trades24h           uint64  `json:"trades24h"`
	BestBid             *string `json:"bestBid"`
	BestBidTicks        *Uint64 `json:"bestBidTicks"`
	BestAsk             *string `json:"bestAsk"`
	BestAskTicks        *Uint64 `json:"bestAskTicks"`
}

// BalanceJSON is a trader's balance in one token, in whole tokens and in
// base units.
type BalanceJSON struct {
	ChainID                uint64         `json:"chainId"`
	Token                  common.Address `json:"token"`
	Symbol                 string         `json:"symbol"`
	Decimals               uint8          `json:"decimals"`
	Available              string         `json:"available"`
	AvailableUnits         string         `json:"availableUnits"`
	Held                   string         `json:"held"`
	HeldUnits              string         `json:"heldUnits"`
	PendingSettlement      string         `json:"pendingSettlement"`
	PendingSettlementUnits string         `json:"pendingSettlementUnits"`
	PendingWithdrawal      string         `json:"pendingWithdrawal"`
	PendingWithdrawalUnits string         `json:"pendingWithdrawalUnits"`
}

// BalanceNotificationJSON is a notification of a balances subscription:
// the balance after a change, and Seq, the log entry that made the change.
type BalanceNotificationJSON struct {
	BalanceJSON
	Seq uint64 `json:"seq"`
}

// DepositJSON is a credited deposit.
type DepositJSON struct {
	ChainID     uint64         `json:"chainId"`
	ID          uint64         `json:"id"`
	Trader      common.Address `json:"trader"`
	Token       common.Address `json:"token"`
	Amount      string         `json:"amount"`
	AmountUnits string         `json:"amountUnits"`
	Block       uint64         `json:"block"`
	TxHash      common.Hash    `json:"txHash"`
	Seq         uint64         `json:"seq"`
	Time        uint64         `json:"time"`
}

// WithdrawalInfoJSON is a withdrawal and its settlement.
type WithdrawalInfoJSON struct {
	Hash        common.Hash    `json:"hash"`
	ChainID     uint64         `json:"chainId"`
	Trader      common.Address `json:"trader"`
	Token       common.Address `json:"token"`
	Amount      string         `json:"amount"`
	AmountUnits string         `json:"amountUnits"`
	Nonce       Uint64         `json:"nonce"`
	Batch       uint64         `json:"batch"`
	Status      string         `json:"status"`
	Seq         uint64         `json:"seq"`
	Time        uint64         `json:"time"`
	Request     bool           `json:"request"`
}

// OrderAckJSON is the reply of thx_placeOrder and thx_cancelOrder.
type OrderAckJSON struct {
	Seq    uint64        `json:"seq"`
	Time   uint64        `json:"time"`
	Order  OrderInfoJSON `json:"order"`
	Trades []TradeJSON   `json:"trades"`
}

// PlaceOrderResultJSON is one order's result in the reply of
// thx_placeOrders: its acknowledgement or its error, never both.
type PlaceOrderResultJSON struct {
	Ack   *OrderAckJSON `json:"ack,omitempty"`
	Error *ErrorJSON    `json:"error,omitempty"`
}

// WithdrawalAckJSON is the reply of thx_withdraw.
type WithdrawalAckJSON struct {
	Seq        uint64             `json:"seq"`
	Withdrawal WithdrawalInfoJSON `json:"withdrawal"`
}

// OrdersPageJSON, TradesPageJSON, DepositsPageJSON and WithdrawalsPageJSON
// are pages of a history. Next is the cursor of the following page, or
// empty after the last one.
type OrdersPageJSON struct {
	Orders []OrderInfoJSON `json:"orders"`
	Next   string          `json:"next"`
}

type TradesPageJSON struct {
	Trades []TradeJSON `json:"trades"`
	Next   string      `json:"next"`
}

type DepositsPageJSON struct {
	Deposits []DepositJSON `json:"deposits"`
	Next     string        `json:"next"`
}

type WithdrawalsPageJSON struct {
	Withdrawals []WithdrawalInfoJSON `json:"withdrawals"`
	Next        string               `json:"next"`
}

// ChainJSON is one configured chain.
type ChainJSON struct {
	ChainID   uint64         `json:"chainId"`
	Name      string         `json:"name"`
	Exchange  common.Address `json:"exchange"`
	RPCURL    string         `json:"rpcUrl,omitempty"`
	HeadBlock uint64         `json:"headBlock"`
	LastBatch uint64         `json:"lastBatch"`
}

// NodeInfoJSON is the reply of thx_nodeInfo.
type NodeInfoJSON struct {
	Version   string      `json:"version"`
	Role      string      `json:"role"`
	Chains    []ChainJSON `json:"chains"`
	Seq       uint64      `json:"seq"`
	StateHash common.Hash `json:"stateHash"`
	Peers     int         `json:"peers"`
	Failure   string      `json:"failure,omitempty"`
}

// SyncingJSON is the reply of thx_syncing. Progress is the share of the
// current sync done, from 0 to 1, and 1 when the node is not syncing.
type SyncingJSON struct {
	Syncing          bool    `json:"syncing"`
	Phase            string  `json:"phase,omitempty"`
	StartingSeq      uint64  `json:"startingSeq"`
	CurrentSeq       uint64  `json:"currentSeq"`
	TargetSeq        uint64  `json:"targetSeq"`
	Progress         float64 `json:"progress"`
	EntriesPerSecond float64 `json:"entriesPerSecond"`
	EtaMs            int64   `json:"etaMs"`
}

// HealthJSON is the body of GET /health.
type HealthJSON struct {
	OK         bool                  `json:"ok"`
	Components []ComponentHealthJSON `json:"components"`
}

// ComponentHealthJSON is one component's status.
type ComponentHealthJSON struct {
	Name   string         `json:"name"`
	OK     bool           `json:"ok"`
	Detail map[string]any `json:"detail,omitempty"`
}

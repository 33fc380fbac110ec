package rpc

import (
	"encoding/hex"
	"strings"

	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
)

// tokenInfo is a token's symbol and decimals, taken from the markets that
// trade it.
type tokenInfo struct {
	symbol   string
	decimals uint8
}

// marketIndex finds markets by key and tokens by asset. It is built from
// Backend.Markets for one call or one subscription.
type marketIndex struct {
	markets []state.MarketView
	byKey   map[state.MarketKey]int
	tokens  map[ledger.Asset]tokenInfo
}

func newMarketIndex(markets []state.MarketView) *marketIndex {
	x := &marketIndex{
		markets: markets,
		byKey:   make(map[state.MarketKey]int, len(markets)),
		tokens:  make(map[ledger.Asset]tokenInfo, 2*len(markets)),
	}
	for i := range markets {
		m := &markets[i]
		x.byKey[m.Key()] = i
		base, quote := splitSymbol(m.Symbol)
		x.tokens[ledger.Asset{ChainID: m.ChainID, Token: m.Base}] = tokenInfo{symbol: base, decimals: m.BaseDecimals}
		x.tokens[ledger.Asset{ChainID: m.ChainID, Token: m.Quote}] = tokenInfo{symbol: quote, decimals: m.QuoteDecimals}
	}
	return x
}

func (x *marketIndex) market(key state.MarketKey) (*state.MarketView, bool) {
	i, ok := x.byKey[key]
	if !ok {
		return nil, false
	}
	return &x.markets[i], true
}

func (x *marketIndex) token(asset ledger.Asset) (tokenInfo, bool) {
	t, ok := x.tokens[asset]
	return t, ok
}

// splitSymbol returns the base and quote parts of "BASE/QUOTE".
func splitSymbol(symbol string) (base, quote string) {
	base, quote, ok := strings.Cut(symbol, "/")
	if !ok {
		return "", ""
	}
	return base, quote
}

func marketJSON(m *state.MarketView) MarketJSON {
	base, quote := splitSymbol(m.Symbol)
	prices, quantities := priceScale(m), quantityScale(m)
	return MarketJSON{
		Symbol: m.Symbol, ChainID: m.ChainID, MarketID: m.ID, Exchange: m.Exchange,
		Base:          TokenJSON{Address: m.Base, Symbol: base, Decimals: m.BaseDecimals},
		Quote:         TokenJSON{Address: m.Quote, Symbol: quote, Decimals: m.QuoteDecimals},
		TickSize:      prices.stepString(),
		TickSizeUnits: m.TickSize.Dec(),
		LotSize:       quantities.stepString(),
		LotSizeUnits:  m.LotSize.Dec(),
		PriceDecimals: prices.stepDecimals(), QuantityDecimals: quantities.stepDecimals(),
		MakerFeeBps: m.MakerFeeBps, TakerFeeBps: m.TakerFeeBps,
		MaxPrice: prices.format(m.MaxPrice), MaxPriceTicks: Uint64(m.MaxPrice),
		MaxQuantity: quantities.format(m.MaxQuantity), MaxQuantityLots: Uint64(m.MaxQuantity),
		QuotePerTickLot: Uint64(m.QuotePerTickLot),
		Halted:          m.Halted,
	}
}

// orderJSON returns an order's canonical form in its market.
func orderJSON(m *state.MarketView, o *eip712.Order) OrderJSON {
	prices, quantities := priceScale(m), quantityScale(m)
	return OrderJSON{
		Market: m.Symbol, ChainID: m.ChainID, MarketID: m.ID, Trader: o.Trader,
		Side:                enumName(sideNames, uint8(o.Side)),
		Kind:                enumName(kindNames, uint8(o.Kind)),
		TimeInForce:         enumName(timeInForceNames, uint8(o.TimeInForce)),
		PostOnly:            o.PostOnly,
		SelfTradePrevention: enumName(selfTradeNames, uint8(o.SelfTradePrevention)),
		Price:               prices.format(o.Price), PriceTicks: Uint64(o.Price),
		TriggerPrice: prices.format(o.TriggerPrice), TriggerPriceTicks: Uint64(o.TriggerPrice),
		Quantity: quantities.format(o.Quantity), QuantityLots: Uint64(o.Quantity),
		MaxFeeBps: o.MaxFeeBps, Nonce: Uint64(o.Nonce), Expiry: Uint64(o.Expiry),
	}
}

// unknownMarketOrder is the canonical form of an order whose market the
// node no longer lists; it carries the integer fields only.
func unknownMarketOrder(chainID uint64, o *eip712.Order) OrderJSON {
	return OrderJSON{
		ChainID: chainID, MarketID: o.Market, Trader: o.Trader,
		Side: enumName(sideNames, uint8(o.Side)), Kind: enumName(kindNames, uint8(o.Kind)),
		TimeInForce: enumName(timeInForceNames, uint8(o.TimeInForce)), PostOnly: o.PostOnly,
		SelfTradePrevention: enumName(selfTradeNames, uint8(o.SelfTradePrevention)),
		PriceTicks:          Uint64(o.Price), TriggerPriceTicks: Uint64(o.TriggerPrice), QuantityLots: Uint64(o.Quantity),
		MaxFeeBps: o.MaxFeeBps, Nonce: Uint64(o.Nonce), Expiry: Uint64(o.Expiry),
	}
}

func (x *marketIndex) orderInfoJSON(info *OrderInfo) OrderInfoJSON {
	out := OrderInfoJSON{
		Hash: info.Hash, Status: info.Status.String(), Reason: info.Reason,
		FilledLots: Uint64(info.Filled), RemainingLots: Uint64(info.Remaining),
		PlacedSeq: info.PlacedSeq, Time: info.Time, Triggered: info.Triggered,
	}
	// The book gives an expired order the reason "none". The field is for
	// cancelled orders only, so it is left out, as for open and filled ones.
	if out.Reason == matching.ReasonNone.String() {
		out.Reason = ""
	}
	m, ok := x.market(state.MarketKey{ChainID: info.ChainID, ID: info.Order.Market})
	if !ok {
		out.OrderJSON = unknownMarketOrder(info.ChainID, &info.Order)
		return out
	}
	out.OrderJSON = orderJSON(m, &info.Order)
	quantities := quantityScale(m)
	out.Filled, out.Remaining = quantities.format(info.Filled), quantities.format(info.Remaining)
	return out
}

func (x *marketIndex) orderInfosJSON(infos []OrderInfo) []OrderInfoJSON {
	out := make([]OrderInfoJSON, len(infos))
	for i := range infos {
		out[i] = x.orderInfoJSON(&infos[i])
	}
	return out
}

func (x *marketIndex) tradeJSON(t *state.Trade) TradeJSON {
	out := TradeJSON{
		Seq: t.Seq, Index: t.Index, Time: t.Time, PriceTicks: Uint64(t.Price), QuantityLots: Uint64(t.Quantity),
		TakerSide: enumName(sideNames, uint8(t.TakerSide)), Maker: t.Maker, Taker: t.Taker,
		MakerOrder: t.MakerOrder, TakerOrder: t.TakerOrder,
		QuoteUnits: t.Quote.Dec(), MakerFeeUnits: t.MakerFee.Dec(), TakerFeeUnits: t.TakerFee.Dec(), Batch: t.Batch,
	}
	m, ok := x.market(t.Market)
	if !ok {
		return out
	}
	out.Market = m.Symbol
	out.Price, out.Quantity = priceScale(m).format(t.Price), quantityScale(m).format(t.Quantity)
	out.Quote = formatUnits(&t.Quote, m.QuoteDecimals)
	out.MakerFee = formatUnits(&t.MakerFee, m.QuoteDecimals)
	out.TakerFee = formatUnits(&t.TakerFee, m.QuoteDecimals)
	return out
}

func (x *marketIndex) tradesJSON(trades []state.Trade) []TradeJSON {
	out := make([]TradeJSON, len(trades))
	for i := range trades {
		out[i] = x.tradeJSON(&trades[i])
	}
	return out
}

func levelsJSON(m *state.MarketView, levels []Level) []LevelJSON {
	prices, quantities := priceScale(m), quantityScale(m)
	out := make([]LevelJSON, len(levels))
	for i, l := range levels {
		out[i] = LevelJSON{
			Price: prices.format(l.Price), PriceTicks: Uint64(l.Price),
			Quantity: quantities.format(l.Quantity), QuantityLots: Uint64(l.Quantity), Orders: l.Orders,
		}
	}
	return out
}

func bookJSON(m *state.MarketView, b *BookSnapshot) BookJSON {
	return BookJSON{
		Type: "snapshot", Market: m.Symbol, Sequence: b.Sequence,
		Bids: levelsJSON(m, b.Bids), Asks: levelsJSON(m, b.Asks),
	}
}

func bookUpdateJSON(m *state.MarketView, u *BookUpdate) BookUpdateJSON {
	prices, quantities := priceScale(m), quantityScale(m)
	out := BookUpdateJSON{Type: "update", Market: m.Symbol, Sequence: u.Sequence, Seq: u.Seq,
		Changes: make([]DepthChangeJSON, len(u.Changes))}
	for i, c := range u.Changes {
		out.Changes[i] = DepthChangeJSON{
			Side:  enumName(sideNames, uint8(c.Side)),
			Price: prices.format(c.Price), PriceTicks: Uint64(c.Price),
			Quantity: quantities.format(c.Quantity), QuantityLots: Uint64(c.Quantity),
		}
	}
	return out
}

func tickerJSON(m *state.MarketView, t *Ticker) TickerJSON {
	prices, quantities := priceScale(m), quantityScale(m)
	out := TickerJSON{
		Market: m.Symbol, LastPrice: prices.format(t.LastPrice), LastPriceTicks: Uint64(t.LastPrice),
		Open24h: prices.format(t.Open24h), High24h: prices.format(t.High24h), Low24h: prices.format(t.Low24h),
		Volume24h: quantities.format(t.Volume24h), Volume24hLots: Uint64(t.Volume24h),
		QuoteVolume24h: formatUnits(&t.QuoteVolume24h, m.QuoteDecimals), QuoteVolume24hUnits: t.QuoteVolume24h.Dec(),
		Trades24h: t.Trades24h,
	}
	out.BestBid, out.BestBidTicks = bestPrice(prices, t.BestBid)
	out.BestAsk, out.BestAskTicks = bestPrice(prices, t.BestAsk)
	return out
}

// bestPrice returns a side's best price as a decimal and in ticks, or
// nils when the side is empty (0 ticks).
func bestPrice(prices scale, ticks uint64) (*string, *Uint64) {
	if ticks == 0 {
		return nil, nil
	}
	text, count := prices.format(ticks), Uint64(ticks)
	return &text, &count
}

// amounts returns base units in whole tokens when the token is known, and
// in base units.
func (x *marketIndex) amounts(asset ledger.Asset, units *uint256.Int) (string, string) {
	t, ok := x.token(asset)
	if !ok {
		return "", units.Dec()
	}
	return formatUnits(units, t.decimals), units.Dec()
}

func (x *marketIndex) balanceJSON(b *ledger.Balance) BalanceJSON {
	t, _ := x.token(b.Asset)
	out := BalanceJSON{ChainID: b.Asset.ChainID, Token: b.Asset.Token, Symbol: t.symbol, Decimals: t.decimals}
	out.Available, out.AvailableUnits = x.amounts(b.Asset, &b.Available)
	out.Held, out.HeldUnits = x.amounts(b.Asset, &b.Held)
	out.PendingSettlement, out.PendingSettlementUnits = x.amounts(b.Asset, &b.PendingSettlement)
	out.PendingWithdrawal, out.PendingWithdrawalUnits = x.amounts(b.Asset, &b.PendingWithdrawal)
	return out
}

func (x *marketIndex) depositJSON(d *DepositInfo) DepositJSON {
	out := DepositJSON{
		ChainID: d.ChainID, ID: d.ID, Trader: d.Trader, Token: d.Token,
		Block: d.Block, TxHash: d.TxHash, Seq: d.Seq, Time: d.Time,
	}
	out.Amount, out.AmountUnits = x.amounts(ledger.Asset{ChainID: d.ChainID, Token: d.Token}, &d.Amount)
	return out
}

func (x *marketIndex) withdrawalInfoJSON(w *WithdrawalInfo) WithdrawalInfoJSON {
	out := WithdrawalInfoJSON{
		Hash: w.Hash, ChainID: w.ChainID, Trader: w.Trader, Token: w.Token, Nonce: Uint64(w.Nonce),
		Batch: w.Batch, Status: w.Status, Seq: w.Seq, Time: w.Time, Request: w.Request,
	}
	out.Amount, out.AmountUnits = x.amounts(ledger.Asset{ChainID: w.ChainID, Token: w.Token}, &w.Amount)
	return out
}

func nodeInfoJSON(n *NodeInfo) NodeInfoJSON {
	out := NodeInfoJSON{Version: n.Version, Role: n.Role, Seq: n.Seq, StateHash: n.StateHash, Peers: n.Peers, Failure: n.Failure,
		Chains: make([]ChainJSON, len(n.Chains))}
	for i, c := range n.Chains {
		out.Chains[i] = ChainJSON{ChainID: c.ChainID, Name: c.Name, Exchange: c.Exchange, RPCURL: c.RPCURL,
			HeadBlock: c.HeadBlock, LastBatch: c.LastBatch}
	}
	return out
}

func syncingJSON(s *SyncStatus) SyncingJSON {
	out := SyncingJSON{
		Syncing: s.Syncing, Phase: s.Phase, StartingSeq: s.StartingSeq, CurrentSeq: s.CurrentSeq, TargetSeq: s.TargetSeq,
		Progress: 1, EntriesPerSecond: s.EntriesPerSecond, EtaMs: s.ETA.Milliseconds(),
	}
	if s.TargetSeq > s.StartingSeq && s.CurrentSeq < s.TargetSeq {
		done := float64(s.CurrentSeq-min(s.CurrentSeq, s.StartingSeq)) / float64(s.TargetSeq-s.StartingSeq)
		out.Progress = min(done, 1)
	}
	return out
}

func healthJSON(h *Health) HealthJSON {
	out := HealthJSON{OK: h.OK, Components: make([]ComponentHealthJSON, len(h.Components))}
	for i, c := range h.Components {
		out.Components[i] = ComponentHealthJSON{Name: c.Name, OK: c.OK, Detail: c.Detail}
	}
	return out
}

// cursorText returns a cursor as 0x-hex, or "" for none.
func cursorText(c Cursor) string {
	if len(c) == 0 {
		return ""
	}
	return "0x" + hex.EncodeToString(c)
}

package node

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/rpc"
)

// Markets returns the listed markets by chain id and market id.
func (n *Node) Markets() []state.MarketView {
	return slices.Clone(n.views.markets.Load().list)
}

// Market returns the listed market with the symbol.
func (n *Node) Market(symbol string) (state.MarketView, bool) {
	return n.views.marketBySymbol(symbol)
}

// Domain returns the EIP-712 domain of the Exchange on a chain with a
// listed market.
func (n *Node) Domain(chainID uint64) (eip712.Domain, bool) {
	return n.views.domain(chainID)
}

// OrderBook returns up to depth levels per side of a market's durable
// depth, with the update sequence number that book subscriptions count.
func (n *Node) OrderBook(symbol string, depth int) (rpc.BookSnapshot, error) {
	if depth < 1 || depth > n.cfg.BookSnapshotLevelsMax {
		return rpc.BookSnapshot{}, fmt.Errorf("%w: depth %d, expected 1 to %d", store.ErrInvalidLimit, depth, n.cfg.BookSnapshotLevelsMax)
	}
	_, md, err := n.views.marketBySymbolData(symbol)
	if err != nil {
		return rpc.BookSnapshot{}, err
	}
	md.mu.Lock()
	defer md.mu.Unlock()
	return md.snapshot(depth), nil
}

// RecentTrades returns up to limit of a market's newest trades, newest
// first, from the trades kept in memory.
func (n *Node) RecentTrades(symbol string, limit int) ([]state.Trade, error) {
	if limit < 1 || limit > n.cfg.RecentTradesMax {
		return nil, fmt.Errorf("%w: limit %d, expected 1 to %d", store.ErrInvalidLimit, limit, n.cfg.RecentTradesMax)
	}
	_, md, err := n.views.marketBySymbolData(symbol)
	if err != nil {
		return nil, err
	}
	md.mu.Lock()
	defer md.mu.Unlock()
	return md.recentTrades(limit), nil
}

// Ticker returns a market's last price, best prices and statistics over
// the last 24 hours, rounded to whole minutes.
func (n *Node) Ticker(symbol string) (rpc.Ticker, error) {
	_, md, err := n.views.marketBySymbolData(symbol)
	if err != nil {
		return rpc.Ticker{}, err
	}
	now := uint64(max(n.clock.Now().UnixMilli(), 0))
	md.mu.Lock()
	defer md.mu.Unlock()
	t := md.stats.ticker(now)
	t.Symbol = symbol
	if best, ok := md.bids.Min(); ok {
		t.BestBid = best.Price
	}
	if best, ok := md.asks.Min(); ok {
		t.BestAsk = best.Price
	}
	return t, nil
}

// Order returns an order by hash: from the state while it is open, else
// from the order index.
func (n *Node) Order(hash common.Hash) (rpc.OrderInfo, error) {
	n.mu.RLock()
	view, inState := n.machine.Order(hash)
	n.mu.RUnlock()
	if inState && view.Open {
		return viewInfo(&view), nil
	}
	info, found, err := n.indexedOrder(hash)
	// The state no longer holds the order open, so an index record that
	// reads open predates the entry that closed it. A missing record may
	// belong to an IOC or FOK order that closed on arrival without a trade,
	// which the state drops before the indexer writes the order.
	if err == nil && (!found || info.Status == state.StatusOpen) && n.awaitIndex(n.visibleSeq.Load()) {
		info, found, err = n.indexedOrder(hash)
	}
	if err != nil || found {
		return info, err
	}
	if inState {
		return viewInfo(&view), nil // closed, and not indexed yet
	}
	return rpc.OrderInfo{}, fmt.Errorf("%w: order %s", rpc.ErrNotFound, hash)
}

// indexCatchUpMax bounds how long a query waits for the indexer to write
// the entries already visible.
const indexCatchUpMax = time.Second

// indexFailureCheckInterval is how often a query that waits for the
// indexes checks whether the indexer has failed, which the store does not
// know of.
const indexFailureCheckInterval = 10 * time.Millisecond

// awaitIndex makes the store commit the waiting index batch and waits up
// to indexCatchUpMax until the indexes cover seq. It reports whether they
// do. The indexer writes each round once it is durable, so the wait is
// about one store commit. On a follower, whose store spaces its commits,
// the store also commits the log entries that wait for the interval, so
// the wait is about two commits, each no sooner than
// store.ForcedCommitGapMin after the one before.
func (n *Node) awaitIndex(seq uint64) bool {
	deadline := time.Now().Add(indexCatchUpMax)
	for n.store.IndexedThrough() < seq {
		wait := time.Until(deadline)
		if n.indexFailure.Load() != nil || wait <= 0 {
			return false
		}
		indexed, err := n.store.AwaitIndexed(seq, min(wait, indexFailureCheckInterval))
		if err != nil {
			return false
		}
		if indexed {
			return true
		}
	}
	return true
}

func (n *Node) indexedOrder(hash common.Hash) (rpc.OrderInfo, bool, error) {
	loc, ok, err := n.store.GetIndexRecord(store.IndexOrdersByHash, [][]byte{hash[:]})
	if err != nil || !ok {
		return rpc.OrderInfo{}, false, err
	}
	trader, seq, err := decodeOrderLocation(loc)
	if err != nil {
		return rpc.OrderInfo{}, false, err
	}
	value, ok, err := n.store.GetIndexRecord(store.IndexOrdersByTrader, orderParts(trader, seq, hash))
	if err != nil || !ok {
		return rpc.OrderInfo{}, false, err
	}
	info, err := decodeOrderInfo(value, trader, seq, hash)
	return info, err == nil, err
}

// viewInfo describes an order the state holds. A closed order the state
// still keeps awaits settlement: it is filled when nothing remains,
// otherwise it was cancelled or expired, which the view does not tell.
func viewInfo(v *state.OrderView) rpc.OrderInfo {
	info := rpc.OrderInfo{
		Hash: v.Hash, ChainID: v.ChainID, Order: v.Order, Status: state.StatusOpen,
		Filled: v.Filled, Remaining: v.Remaining, PlacedSeq: v.ID, Time: v.Time, Triggered: v.Triggered,
	}
	switch {
	case v.Open:
	case v.Filled == v.Quantity:
		info.Status = state.StatusFilled
	default:
		info.Status = state.StatusCancelled
	}
	return info
}

// OpenOrders returns a trader's open orders, oldest first.
func (n *Node) OpenOrders(trader common.Address) ([]rpc.OrderInfo, error) {
	n.mu.RLock()
	views := n.machine.OpenOrders(trader)
	n.mu.RUnlock()
	out := make([]rpc.OrderInfo, len(views))
	for i := range views {
		out[i] = viewInfo(&views[i])
	}
	return out, nil
}

// OrderHistory returns a trader's indexed orders, newest first.
func (n *Node) OrderHistory(trader common.Address, page rpc.Page) ([]rpc.OrderInfo, rpc.Cursor, error) {
	return queryPage(n, store.IndexOrdersByTrader, [][]byte{trader[:]}, page, decodeOrderRecord)
}

// TraderTrades returns a trader's indexed trades in one market, newest
// first.
func (n *Node) TraderTrades(trader common.Address, symbol string, page rpc.Page) ([]state.Trade, rpc.Cursor, error) {
	m, ok := n.views.marketBySymbol(symbol)
	if !ok {
		return nil, nil, fmt.Errorf("%w: market %q is not listed", rpc.ErrNotFound, symbol)
	}
	prefix := [][]byte{trader[:], u64(m.ChainID), u32(m.ID)}
	return queryPage(n, store.IndexTradesByTraderMarket, prefix, page, valueDecoder(decodeTrade))
}

// Deposits returns a trader's credited deposits, newest first.
func (n *Node) Deposits(trader common.Address, page rpc.Page) ([]rpc.DepositInfo, rpc.Cursor, error) {
	return queryPage(n, store.IndexDepositsByTrader, [][]byte{trader[:]}, page, valueDecoder(decodeDeposit))
}

// Withdrawals returns a trader's signed withdrawals and escape-hatch
// payouts, newest first.
func (n *Node) Withdrawals(trader common.Address, page rpc.Page) ([]rpc.WithdrawalInfo, rpc.Cursor, error) {
	return queryPage(n, store.IndexWithdrawalsByTrader, [][]byte{trader[:]}, page, valueDecoder(decodeWithdrawal))
}

// queryPage reads one page of an index, newest first, and decodes it.
func queryPage[T any](n *Node, index store.IndexID, prefix [][]byte, page rpc.Page, decode func(store.IndexRecord) (T, error)) ([]T, rpc.Cursor, error) {
	if page.Limit < 1 || page.Limit > rpc.PageLimitMax {
		return nil, nil, fmt.Errorf("%w: page limit %d, expected 1 to %d", store.ErrInvalidLimit, page.Limit, rpc.PageLimitMax)
	}
	// A client that queries right after an acknowledgement expects to see
	// its entry. On a timeout or a failed indexer, the page is what the
	// indexes hold.
	n.awaitIndex(n.visibleSeq.Load())
	var after []byte
	if len(page.Cursor) > 0 {
		after = page.Cursor
	}
	res, err := n.store.QueryIndex(store.IndexQuery{Index: index, Prefix: prefix, After: after, Limit: page.Limit, Reverse: true})
	if err != nil {
		return nil, nil, err
	}
	out := make([]T, 0, len(res.Records))
	for _, r := range res.Records {
		v, err := decode(r)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", index, err)
		}
		out = append(out, v)
	}
	return out, rpc.Cursor(res.Next), nil
}

// valueDecoder adapts a decoder of record values to queryPage, for
// indexes whose values hold every field.
func valueDecoder[T any](decode func([]byte) (T, error)) func(store.IndexRecord) (T, error) {
	return func(r store.IndexRecord) (T, error) { return decode(r.Value) }
}

// Postings returns one page of a ledger account's postings in log order,
// or newest first with page.Reverse. The cursor and the short pages are
// those of store.PostingsByAccount.
func (n *Node) Postings(account ledger.Account, page store.PageRequest) ([]ledger.Posting, []byte, error) {
	n.awaitIndex(n.visibleSeq.Load())
	records, next, err := n.store.PostingsByAccount(postingAccount(account), page)
	if err != nil {
		return nil, nil, err
	}
	out := make([]ledger.Posting, 0, len(records))
	for _, r := range records {
		p, err := decodePostingRecord(r)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", store.IndexPostingsByOwner, err)
		}
		out = append(out, p)
	}
	return out, next, nil
}

// Balances returns a trader's balances in every asset it holds.
func (n *Node) Balances(trader common.Address) ([]ledger.Balance, error) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.machine.Balances(trader), nil
}

// PlaceOrder verifies and sequences a signed order and returns once its
// entry is durable, with the order's state and its trades. A follower
// returns once the entry from the sequencer's log is applied, before its
// own store has synced it.
func (n *Node) PlaceOrder(ctx context.Context, order *state.SignedOrder) (rpc.OrderAck, error) {
	if order == nil {
		return rpc.OrderAck{}, fmt.Errorf("%w: no order", state.ErrInvalidEntry)
	}
	signed := *order
	req := newRequest(state.Entry{Type: state.EntryPlaceOrder, Order: &signed})
	rec, err := n.submit(ctx, req)
	if err != nil {
		return rpc.OrderAck{}, err
	}
	ack := rpc.OrderAck{Seq: rec.seq, Time: rec.time}
	if u, ok := rec.order(req.hash); ok {
		ack.Order = orderInfo(&u)
	}
	for _, t := range rec.trades {
		if t.TakerOrder == req.hash || t.MakerOrder == req.hash {
			ack.Trades = append(ack.Trades, t)
		}
	}
	return ack, nil
}

// CancelOrder verifies and sequences a signed cancel and returns once it
// is durable, with the cancelled order's final state. A follower returns
// once it has applied the entry, as PlaceOrder does.
func (n *Node) CancelOrder(ctx context.Context, cancel *state.SignedCancel) (rpc.OrderAck, error) {
	if cancel == nil {
		return rpc.OrderAck{}, fmt.Errorf("%w: no cancel", state.ErrInvalidEntry)
	}
	signed := *cancel
	req := newRequest(state.Entry{Type: state.EntryCancelOrder, Cancel: &signed})
	rec, err := n.submit(ctx, req)
	if err != nil {
		return rpc.OrderAck{}, err
	}
	ack := rpc.OrderAck{Seq: rec.seq, Time: rec.time}
	if u, ok := rec.order(req.hash); ok {
		ack.Order = orderInfo(&u)
	}
	return ack, nil
}

// Withdraw verifies and sequences a signed withdrawal and returns once it
// is durable, with the batch it will settle in.
func (n *Node) Withdraw(ctx context.Context, withdrawal *state.SignedWithdrawal) (rpc.WithdrawalAck, error) {
	if withdrawal == nil {
		return rpc.WithdrawalAck{}, fmt.Errorf("%w: no withdrawal", state.ErrInvalidEntry)
	}
	signed := *withdrawal
	req := newRequest(state.Entry{Type: state.EntryWithdraw, Withdrawal: &signed})
	rec, err := n.submit(ctx, req)
	if err != nil {
		return rpc.WithdrawalAck{}, err
	}
	ack := rpc.WithdrawalAck{Seq: rec.seq}
	if len(rec.withdrawals) > 0 {
		ack.Withdrawal = withdrawalInfo(&rec.withdrawals[0], withdrawalPending, rec.time)
	}
	return ack, nil
}

// Subscribe starts a stream of one topic's events from durable entries.
// A book stream starts with a snapshot of up to BookSnapshotLevelsMax
// levels per side.
func (n *Node) Subscribe(ctx context.Context, topic rpc.Topic) (rpc.Subscription, error) {
	n.acceptMu.RLock()
	running := n.accepting
	n.acceptMu.RUnlock()
	if !running {
		return nil, unavailable("the node is not running")
	}
	switch topic.Kind {
	case rpc.TopicBook, rpc.TopicTrades:
		_, md, err := n.views.marketBySymbolData(topic.Symbol)
		if err != nil {
			return nil, err
		}
		key := topicKey{kind: topic.Kind, symbol: topic.Symbol}
		if topic.Kind == rpc.TopicTrades {
			return n.hub.add(ctx, key, nil), nil
		}
		md.mu.Lock()
		defer md.mu.Unlock()
		return n.hub.add(ctx, key, md.snapshot(n.cfg.BookSnapshotLevelsMax)), nil
	case rpc.TopicOrders, rpc.TopicBalances:
		if topic.Trader == (common.Address{}) {
			return nil, fmt.Errorf("%w: %s topic without a trader", ErrInvalidTopic, topic.Kind)
		}
		return n.hub.add(ctx, topicKey{kind: topic.Kind, trader: topic.Trader}, nil), nil
	}
	return nil, fmt.Errorf("%w: kind %q, expected book, trades, orders or balances", ErrInvalidTopic, topic.Kind)
}

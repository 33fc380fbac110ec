package node

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/rpc"
)

// runPublisher waits for each round to become durable, then publishes
// what it did and replies to its requests, in log order, unless the
// follower's applier did both already (showRound).
func (n *Node) runPublisher() {
	defer n.pipelines.Done()
	defer close(n.indexQ)
	defer close(n.snapshots)
	for r := range n.rounds {
		if err := <-r.done; err != nil {
			n.fail(fmt.Errorf("node: log entries %d to %d are not durable: %w", r.entries[0].Seq, r.lastSeq(), err))
			// A follower replied to a shown round's requests with their
			// outcome, which stays true: the sequencer's log has the
			// entries, and a restart fetches them again.
			if !r.visible {
				n.failRound(r, err)
			}
			if r.snapshot != nil {
				r.snapshot.w.Discard()
			}
			continue
		}
		n.metrics.logSyncLatency.Observe(time.Since(r.submitted).Seconds())
		n.durable.Store(r.lastSeq())
		n.metrics.logSeq.Set(float64(r.lastSeq()))

		// The round goes to gossip first, so that followers start applying
		// it while this node sends its events and replies.
		n.publishRound(r)
		if !r.visible {
			n.showRound(r)
		}
		if r.snapshot != nil {
			select {
			case n.snapshots <- r.snapshot:
			default:
				r.snapshot.w.Discard()
				n.log.Info("snapshot skipped: the previous one is still being written", "seq", r.snapshot.w.Seq())
			}
		}
		if n.indexFailure.Load() == nil {
			n.indexQ <- r
		}
	}
}

// failRound replies to the requests of a round that was not shown and
// whose log write failed. A follower's round came from the sequencer's
// log, so its requests were sequenced, but their outcome cannot be shown.
func (n *Node) failRound(r *round, err error) {
	for _, it := range r.items {
		if n.cfg.Role == RoleFollower {
			it.req.respond(nil, unavailable("the follower stopped applying the sequencer's log after its log write failed, "+
				"before it showed the entry; the sequencer's log contains it at seq %d, so look it up with thx_order "+
				"at another node instead of sending it again: %v", it.req.seq, err))
		} else {
			it.req.respond(nil, unavailable("the log write failed: %v", err))
		}
	}
}

// showRound sends the round's entries to the read views and subscribers
// and then replies to the round's requests. A sequencer shows a round
// once it is durable. A follower shows it once applied, because the
// sequencer published it only after its own sync, and a follower that
// loses unsynced entries fetches them again from its peers. Queries wait
// until the indexes cover every visible entry, so visibleSeq moves
// before the replies: a client that queries right after its reply waits
// for its entry's index.
func (n *Node) showRound(r *round) {
	for _, it := range r.items {
		if it.rec != nil {
			n.publish(it.rec)
		}
	}
	r.visible = true
	n.visibleSeq.Store(r.lastSeq())
	for _, it := range r.items {
		it.req.respond(it.rec, nil)
	}
}

// runSnapshotWriter saves the snapshots the publisher hands over. Each is
// of a durable entry, as the store requires.
func (n *Node) runSnapshotWriter() {
	defer n.pipelines.Done()
	for snap := range n.snapshots {
		start := time.Now()
		seq, size := snap.w.Seq(), snap.w.Size()
		if err := snap.w.Commit(store.StateHash(snap.hash)); err != nil {
			n.log.Error("snapshot not saved", "seq", seq, "err", err)
			continue
		}
		n.metrics.snapshots.Inc()
		n.log.Info("snapshot saved", "seq", seq, "bytes", size, "commit_ms", time.Since(start).Milliseconds())
		n.pruneLog(seq)
	}
}

// pruneLog deletes the log entries more than Config.LogRetainEntries
// before the snapshot at seq. It keeps every entry after the oldest stored
// snapshot and every entry not yet indexed, so that recovery can start from
// any stored snapshot. A failure is logged; the next snapshot tries again.
func (n *Node) pruneLog(seq uint64) {
	if n.cfg.KeepLog || seq <= n.cfg.LogRetainEntries {
		return
	}
	through := min(seq-n.cfg.LogRetainEntries, n.store.IndexedThrough())
	infos, err := n.store.Snapshots()
	if err != nil {
		n.log.Warn("log not pruned", "err", err)
		return
	}
	for _, info := range infos {
		through = min(through, info.Seq)
	}
	if through < n.store.FirstSeq() {
		return
	}
	if _, err := n.store.PruneLog(through); err != nil {
		n.log.Warn("log not pruned", "through", through, "err", err)
	}
}

// publish updates the read views with an entry and sends its events to
// subscribers (showRound describes when).
func (n *Node) publish(rec *record) {
	n.metrics.entries.WithLabelValues(rec.entry.String()).Inc()
	if rec.entry == state.EntryPlaceOrder {
		n.metrics.ordersAccepted.Inc()
	}
	if rec.listed != nil || len(rec.halted) > 0 {
		n.updateMarkets(rec)
	}
	n.publishLevels(rec)
	n.publishTrades(rec)
	for i := range rec.orders {
		u := &rec.orders[i]
		if key := (topicKey{kind: rpc.TopicOrders, trader: u.Trader}); n.hub.has(key) {
			n.hub.publish(key, rpc.OrderEvent{Seq: rec.seq, Order: orderInfo(u)})
		}
	}
	for _, b := range rec.balances {
		if key := (topicKey{kind: rpc.TopicBalances, trader: b.owner}); n.hub.has(key) {
			n.hub.publish(key, rpc.BalanceEvent{Seq: rec.seq, Balance: b.balance})
		}
	}
	n.publishBatches(rec)
}

// updateMarkets publishes a newly listed market or halted markets.
func (n *Node) updateMarkets(rec *record) {
	list := slices.Clone(n.views.markets.Load().list)
	if rec.listed != nil {
		perTickLot, _ := rec.listed.QuotePerTickLot() // checked when the market was listed
		list = append(list, state.MarketView{Market: *rec.listed, QuotePerTickLot: perTickLot})
		slices.SortFunc(list, compareMarketViews)
	}
	for _, key := range rec.halted {
		for i := range list {
			if list[i].Key() == key {
				list[i].Halted = true
				n.log.Error("market halted after a failed settlement", "market", list[i].Symbol, "chain", key.ChainID, "seq", rec.seq)
			}
		}
	}
	n.views.setMarkets(list)
	if rec.listed != nil && n.net != nil {
		n.net.joinMarkets()
	}
}

func compareMarketViews(a, b state.MarketView) int {
	if a.ChainID != b.ChainID {
		if a.ChainID < b.ChainID {
			return -1
		}
		return 1
	}
	return int(int64(a.ID) - int64(b.ID))
}

// publishLevels applies the record's level changes to each market's depth
// view and sends one BookUpdate per market.
func (n *Node) publishLevels(rec *record) {
	for start := 0; start < len(rec.levels); {
		key := rec.levels[start].market
		end := start
		for end < len(rec.levels) && rec.levels[end].market == key {
			end++
		}
		n.publishMarketLevels(rec.seq, rec.levels[start:end])
		start = end
	}
}

func (n *Node) publishMarketLevels(seq uint64, levels []levelChange) {
	md := n.views.market(levels[0].market)
	md.mu.Lock()
	defer md.mu.Unlock()
	for _, l := range levels {
		md.setLevel(l.side, l.price, l.quantity, l.orders)
	}
	md.sequence++
	key := topicKey{kind: rpc.TopicBook, symbol: md.symbol}
	if !n.hub.has(key) {
		return
	}
	update := rpc.BookUpdate{Market: md.key, Symbol: md.symbol, Sequence: md.sequence, Seq: seq,
		Changes: make([]state.DepthChange, len(levels))}
	for i, l := range levels {
		update.Changes[i] = state.DepthChange{Market: l.market, Side: l.side, Price: l.price, Quantity: l.quantity}
	}
	n.hub.publish(key, update)
}

func (n *Node) publishTrades(rec *record) {
	for i := range rec.trades {
		t := &rec.trades[i]
		md := n.views.market(t.Market)
		md.mu.Lock()
		md.addTrade(t)
		symbol := md.symbol
		md.mu.Unlock()
		n.metrics.trades.WithLabelValues(symbol).Inc()
		if key := (topicKey{kind: rpc.TopicTrades, symbol: symbol}); n.hub.has(key) {
			n.hub.publish(key, *t)
		}
	}
}

// publishBatches counts sealed and settled batches.
func (n *Node) publishBatches(rec *record) {
	for _, b := range rec.sealed {
		n.metrics.batchesSealed.WithLabelValues(strconv.FormatUint(b.ChainID, 10)).Inc()
		if l := n.links[b.ChainID]; l != nil {
			l.enqueue(b)
		}
	}
	for _, b := range rec.settled {
		n.metrics.batchesSettled.WithLabelValues(strconv.FormatUint(b.ChainID, 10), "settled").Inc()
	}
	for _, b := range rec.failed {
		n.metrics.batchesSettled.WithLabelValues(strconv.FormatUint(b.ChainID, 10), "failed").Inc()
		n.log.Error("settlement batch failed on chain", "chain", b.ChainID, "batch", b.ID, "seq", rec.seq)
	}
}

// orderInfo converts an order update for the API.
func orderInfo(u *state.OrderUpdate) rpc.OrderInfo {
	return rpc.OrderInfo{
		Hash: u.Hash, ChainID: u.Market.ChainID, Order: u.Order, Status: u.Status,
		Filled: u.Filled, Remaining: u.Remaining, Reason: u.Reason, PlacedSeq: u.ID, Time: u.Time,
		Triggered: u.Triggered,
	}
}

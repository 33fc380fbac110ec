package node

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
)

// recentTradesScanMax bounds the trades per market that a start reads
// back from the index to rebuild the 24-hour statistics. A market that
// traded more in its last day reports lower volumes until a day passes.
const recentTradesScanMax = 1_000_000

// recover rebuilds the state: the newest valid snapshot that the indexes
// cover, then the log after it. Entries after the indexed-through marker
// are indexed again as they are replayed. Then it builds the read views.
func (n *Node) recover(ctx context.Context) error {
	start := time.Now()
	last, indexed := n.store.LastSeq(), n.store.IndexedThrough()
	m, err := n.loadSnapshot(indexed)
	if err != nil {
		return err
	}
	fromSnapshot := m.Seq()

	w := &indexWriter{store: n.store, through: indexed, pending: map[string][]byte{}}
	scanned := false
	if m.Seq() < last {
		err = n.store.ReplayLog(ctx, m.Seq()+1, func(e store.Entry) error {
			if e.Seq > indexed && !scanned {
				scanned = true
				if err := n.loadRecentTrades(m); err != nil {
					return err
				}
			}
			return n.replay(m, w, e, indexed)
		})
		if err != nil {
			return err
		}
	}
	if err := w.commit(); err != nil {
		return err
	}
	if !scanned {
		if err := n.loadRecentTrades(m); err != nil {
			return err
		}
	}
	if m.Seq() != last {
		return fmt.Errorf("%w: replay ended at seq %d, the log ends at %d", ErrRecovery, m.Seq(), last)
	}

	n.machine = m
	n.durable.Store(last)
	n.visibleSeq.Store(last)
	n.metrics.logSeq.Set(float64(last))
	n.metrics.indexedThrough.Set(float64(n.store.IndexedThrough()))
	n.buildViews()
	hash, err := m.StateHash()
	if err != nil {
		return fmt.Errorf("%w: state hash at seq %d: %w", ErrRecovery, last, err)
	}
	n.hashAt.Store(&stateHashAt{seq: last, hash: hash})
	n.log.Info("state recovered", "snapshot_seq", fromSnapshot, "replayed", last-fromSnapshot, "seq", last,
		"state_hash", hash, "ms", time.Since(start).Milliseconds())
	return nil
}

// replay applies one stored entry. An entry that the log holds was
// accepted once, so a rejection means the log or this build is wrong.
func (n *Node) replay(m *state.Machine, w *indexWriter, e store.Entry, indexed uint64) error {
	entry, err := state.DecodeEntry(e.Payload)
	if err != nil {
		return fmt.Errorf("%w: log entry %d does not decode: %w", ErrRecovery, e.Seq, err)
	}
	capture := e.Seq > indexed
	var outcomes []state.SettlementBatch
	if capture && (entry.Type == state.EntrySettlementDone || entry.Type == state.EntrySettlementFailed) && entry.Batch != nil {
		if b, err := m.SettlementBatch(entry.Batch.ChainID, entry.Batch.ID); err == nil {
			outcomes = []state.SettlementBatch{b}
		}
	}
	res, err := m.Apply(e.Seq, &entry)
	if err != nil {
		return fmt.Errorf("%w: log entry %d is rejected on replay: %w", ErrRecovery, e.Seq, err)
	}
	if !capture {
		return nil
	}
	rec := captureRecord(m, &entry, res, outcomes)
	for i := range rec.trades {
		md := n.views.market(rec.trades[i].Market)
		md.mu.Lock()
		md.addTrade(&rec.trades[i])
		md.mu.Unlock()
	}
	if err := w.add(rec); err != nil {
		return err
	}
	w.through = rec.seq
	return nil
}

// loadSnapshot restores the newest valid snapshot at or before the
// indexed-through marker, so that replaying the log after it re-indexes
// every entry the indexes miss. Without one it starts from an empty
// state, or, when the log does not start at 1, from the newest valid
// snapshot, leaving the entries it skips unindexed.
func (n *Node) loadSnapshot(indexed uint64) (*state.Machine, error) {
	infos, err := n.store.Snapshots()
	if err != nil {
		return nil, err
	}
	for _, info := range infos {
		if info.Err != nil || info.Seq > indexed {
			continue
		}
		if m, ok := n.restoreSnapshot(info.Seq); ok {
			return m, nil
		}
	}
	if n.store.FirstSeq() <= 1 {
		return state.New(), nil
	}
	for _, info := range infos {
		if m, ok := n.restoreSnapshot(info.Seq); ok {
			n.log.Warn("indexes miss entries before the only usable snapshot", "indexed_through", indexed, "snapshot_seq", info.Seq)
			if err := n.store.CommitIndexBatch(info.Seq, &store.IndexBatch{}); err != nil {
				return nil, err
			}
			return m, nil
		}
	}
	return nil, fmt.Errorf("%w: the log starts at seq %d and no snapshot before it is usable", ErrRecovery, n.store.FirstSeq())
}

// restoreSnapshot loads and restores one snapshot and checks its state
// hash; a damaged one is logged and skipped.
func (n *Node) restoreSnapshot(seq uint64) (*state.Machine, bool) {
	snap, err := n.store.LoadSnapshot(seq)
	if err == nil {
		var m *state.Machine
		if m, err = state.Restore(snap.Payload); err == nil {
			_, err = checkRestored(m, snap)
		}
		if err == nil {
			return m, true
		}
	}
	n.log.Error("snapshot unusable, trying an older one", "seq", seq, "err", err)
	return nil, false
}

// checkRestored checks that a restored snapshot contains the state after its
// seq and has the state hash stored with it, and returns the state hash of
// this build. A snapshot saved by a build before the state hash took the
// replay set as digests was stored with its checksum as its state hash,
// which Restore has already checked, so that is accepted too. A snapshot
// of an older version is stored with the state hash in that version's
// layout (state.Machine.StateHashOfVersion).
func checkRestored(m *state.Machine, snap store.Snapshot) (common.Hash, error) {
	if m.Seq() != snap.Seq {
		return common.Hash{}, fmt.Errorf("%w: snapshot stored as seq %d contains the state after seq %d", ErrRecovery, snap.Seq, m.Seq())
	}
	hash, err := m.StateHash()
	if err != nil {
		return common.Hash{}, err
	}
	if store.StateHash(hash) == snap.StateHash || bytes.HasSuffix(snap.Payload, snap.StateHash[:]) {
		return hash, nil
	}
	if version, err := state.SnapshotVersion(snap.Payload); err == nil {
		if older, err := m.StateHashOfVersion(version); err == nil && store.StateHash(older) == snap.StateHash {
			return hash, nil
		}
	}
	return common.Hash{}, fmt.Errorf("%w: snapshot %d restores state hash %s, stored with %s",
		ErrRecovery, snap.Seq, hash, common.Hash(snap.StateHash))
}

// loadRecentTrades fills each market's recent trades and statistics from
// the trades index, newest first, back to a day before now.
func (n *Node) loadRecentTrades(m *state.Machine) error {
	dayAgo := uint64(max(n.clock.Now().Add(-24*time.Hour).UnixMilli(), 0))
	for _, mv := range m.Markets() {
		trades, err := n.scanTrades(mv.Key(), dayAgo)
		if err != nil {
			return err
		}
		md := n.views.market(mv.Key())
		md.mu.Lock()
		for i := len(trades) - 1; i >= 0; i-- {
			md.addTrade(&trades[i])
		}
		md.mu.Unlock()
	}
	return nil
}

// scanTrades returns a market's indexed trades newest first: at least the
// newest RecentTradesMax, and all since dayAgo, up to recentTradesScanMax.
func (n *Node) scanTrades(key state.MarketKey, dayAgo uint64) ([]state.Trade, error) {
	var out []state.Trade
	q := store.IndexQuery{Index: store.IndexTradesByMarket, Prefix: [][]byte{u64(key.ChainID), u32(key.ID)},
		Limit: 1000, Reverse: true}
	for len(out) < recentTradesScanMax {
		page, err := n.store.QueryIndex(q)
		if err != nil {
			return nil, err
		}
		for _, r := range page.Records {
			t, err := decodeTrade(r.Value)
			if err != nil {
				return nil, err
			}
			if t.Time < dayAgo && len(out) >= n.cfg.RecentTradesMax {
				return out, nil
			}
			out = append(out, t)
		}
		if page.Next == nil {
			break
		}
		q.After = page.Next
	}
	return out, nil
}

// buildViews publishes the markets and every book's depth from the
// recovered machine.
func (n *Node) buildViews() {
	m := n.machine
	n.views.setMarkets(m.Markets())
	for _, mv := range m.Markets() {
		book, ok := m.Book(mv.Key())
		if !ok {
			continue
		}
		md := n.views.market(mv.Key())
		md.mu.Lock()
		for _, side := range []matching.Side{matching.Buy, matching.Sell} {
			for _, l := range book.AppendDepth(side, book.Levels(side), nil) {
				md.setLevel(side, l.Price, l.Quantity, l.Orders)
			}
		}
		md.mu.Unlock()
	}
}

package node

import (
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
)

// record is what one applied entry changed, copied out of the machine's
// reused Result, with what the publisher and the indexer need that the
// Result does not carry. The sequencer fills it while it owns the
// machine; after that it is read-only.
type record struct {
	seq   uint64
	time  uint64 // unix milliseconds
	entry state.EntryType

	orders      []state.OrderUpdate
	trades      []state.Trade
	levels      []levelChange
	deposits    []state.Deposit
	withdrawals []state.WithdrawalRecord
	postings    []ledger.Posting
	balances    []balanceUpdate
	halted      []state.MarketKey

	// listed is the market a list-market entry added.
	listed *state.Market
	// sealed holds the batches the entry sealed, as the settler submits
	// them. settled and failed hold the batches whose outcome it
	// recorded, as they were before the entry.
	sealed  []state.SettlementBatch
	settled []state.SettlementBatch
	failed  []state.SettlementBatch
}

// levelChange is a price level after an entry: its total quantity and
// number of orders, both zero when the level is gone.
type levelChange struct {
	market   state.MarketKey
	side     matching.Side
	price    uint64 // ticks
	quantity uint64 // lots
	orders   uint32
}

// balanceUpdate is an owner's balance in one asset after an entry.
type balanceUpdate struct {
	owner   common.Address
	balance ledger.Balance
}

// captureRecord copies res and reads from m what the result leaves out:
// the final state of each price level it touched, the balances it
// changed, and the batches it sealed. outcomes are the batches a
// settlement entry named, read before the entry was applied.
// REQUIRES: the caller owns m, and res is m's last result.
func captureRecord(m *state.Machine, e *state.Entry, res *state.Result, outcomes []state.SettlementBatch) *record {
	r := &record{
		seq: res.Seq, time: res.Time, entry: e.Type,
		orders:      slices.Clone(res.Orders),
		trades:      slices.Clone(res.Trades),
		deposits:    slices.Clone(res.Deposits),
		withdrawals: slices.Clone(res.Withdrawals),
		postings:    slices.Clone(res.Postings),
		halted:      slices.Clone(res.Halted),
	}
	if e.Type == state.EntryListMarket && e.Market != nil {
		listed := *e.Market
		r.listed = &listed
	}
	r.levels = captureLevels(m, res.Depth)
	for _, k := range res.Balances {
		r.balances = append(r.balances, balanceUpdate{owner: k.Owner, balance: m.Balance(k.Owner, k.Asset)})
	}
	for _, k := range res.Sealed {
		if b, err := m.SettlementBatch(k.ChainID, k.ID); err == nil {
			r.sealed = append(r.sealed, b)
		}
	}
	switch e.Type {
	case state.EntrySettlementDone:
		r.settled = outcomes
	case state.EntrySettlementFailed:
		r.failed = outcomes
	}
	return r
}

// captureLevels returns the final state of each level that depth names,
// once per level, in the order of first change.
func captureLevels(m *state.Machine, depth []state.DepthChange) []levelChange {
	if len(depth) == 0 {
		return nil
	}
	out := make([]levelChange, 0, len(depth))
	seen := make(map[levelChange]struct{}, len(depth))
	for _, d := range depth {
		key := levelChange{market: d.Market, side: d.Side, price: d.Price}
		if _, dup := seen[key]; dup {
			continue
		}
		seen[key] = struct{}{}
		if book, ok := m.Book(d.Market); ok {
			if l, ok := book.LevelAt(d.Side, d.Price); ok {
				key.quantity, key.orders = l.Quantity, l.Orders
			}
		}
		out = append(out, key)
	}
	return out
}

// placed returns the update of the order that the entry placed, which
// the machine lists under the entry's seq. An entry that placed no order
// has none.
func (r *record) placed() (state.OrderUpdate, bool) {
	for _, u := range r.orders {
		if u.ID == r.seq {
			return u, true
		}
	}
	return state.OrderUpdate{}, false
}

// order returns the entry's update of the order with the hash.
func (r *record) order(hash common.Hash) (state.OrderUpdate, bool) {
	for _, u := range r.orders {
		if u.Hash == hash {
			return u, true
		}
	}
	return state.OrderUpdate{}, false
}

package state

import (
	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/ledger"
)

// batchGas bounds the gas of a batch's settle call, adding up the
// chain/batch GasBound constants for what the batch holds: each market,
// order, trader and trader balance once, each trade, withdrawal and
// request. It depends only on the batch's contents and the orders' time
// in force, so every node computes the same bound, and Restore rebuilds
// it instead of reading it from the snapshot. The machine seals an open
// batch before an item would take its bound over batch.GasBoundMax, so
// every batch fits in one transaction.
type batchGas struct {
	total    uint64
	markets  map[MarketKey]struct{}
	orders   map[uint64]struct{}
	traders  map[common.Address]struct{}
	balances map[balanceKey]struct{}
}

type balanceKey struct {
	trader, token common.Address
}

func newBatchGas() batchGas {
	return batchGas{
		total:    batch.GasBoundBatch,
		markets:  map[MarketKey]struct{}{},
		orders:   map[uint64]struct{}{},
		traders:  map[common.Address]struct{}{},
		balances: map[balanceKey]struct{}{},
	}
}

// tradeOrder is one side of a trade, with what the bound counts of it.
type tradeOrder struct {
	id        uint64
	trader    common.Address
	immediate bool
}

// trade returns what a trade of the two orders in the market adds to the
// bound, and adds it when add is set.
func (g *batchGas) trade(def *Market, key MarketKey, maker, taker tradeOrder, add bool) uint64 {
	cost := uint64(batch.GasBoundTrade)
	if _, ok := g.markets[key]; !ok {
		cost += batch.GasBoundMarket
		if add {
			g.markets[key] = struct{}{}
		}
	}
	for _, o := range [2]tradeOrder{maker, taker} {
		cost += g.order(o, add)
		for _, token := range [2]common.Address{def.Base, def.Quote} {
			cost += g.balance(o.trader, token, add)
		}
	}
	if add {
		g.total += cost
	}
	return cost
}

func (g *batchGas) order(o tradeOrder, add bool) uint64 {
	var cost uint64
	if _, ok := g.orders[o.id]; !ok {
		cost = orderGas(o)
		if add {
			g.orders[o.id] = struct{}{}
		}
	}
	if _, ok := g.traders[o.trader]; !ok {
		cost += batch.GasBoundTrader
		if add {
			g.traders[o.trader] = struct{}{}
		}
	}
	return cost
}

// balance returns the cost of the trader's balance of token, the first
// time the batch changes it. A trader's two orders in one trade share it.
func (g *batchGas) balance(trader, token common.Address, add bool) uint64 {
	k := balanceKey{trader: trader, token: token}
	if _, ok := g.balances[k]; ok {
		return 0
	}
	if add {
		g.balances[k] = struct{}{}
	}
	return batch.GasBoundBalance
}

// fits reports whether cost more stays within batch.GasBoundMax.
func (g *batchGas) fits(cost uint64) bool {
	return g.total+cost <= batch.GasBoundMax
}

// release drops the sets once the batch is sealed; the total stays.
func (g *batchGas) release() {
	g.markets, g.orders, g.traders, g.balances = nil, nil, nil, nil
}

// reserveBatchGas prepares the open batch for the trades of the command
// whose events m.events holds and reports whether they may be split over
// two batches. An immediate order (IOC, FOK) must settle in one batch,
// because the contract marks its nonce used when it settles. So when a
// command trades an immediate order, the open batch is sealed first unless
// all the command's trades fit in it, and the trades are not split.
//
// NOTE: an immediate order that fills against more distinct makers than
// one empty batch's bound holds (over a hundred new ones) takes its batch
// over batch.GasBoundMax. The bound is about 1.6 times the worst estimate,
// so such a batch still fits one transaction up to about 200 makers.
func (m *Machine) reserveBatchGas(seq uint64, ms *marketState, tx *ledger.Tx) bool {
	if !m.tradesImmediate() {
		return true
	}
	trades := m.gasTrades[:0]
	for i := range m.events {
		e := &m.events[i]
		if e.Type != matching.EventTrade {
			continue
		}
		taker, maker := m.order(e.OrderID), m.order(e.MakerID)
		if taker == nil || maker == nil {
			return true // mustApplyTrade reports it
		}
		trades = append(trades, gasTrade{maker: m.tradeOrderOfRecord(maker), taker: m.tradeOrderOfRecord(taker)})
	}
	m.gasTrades = trades
	c := ms.chain
	if !c.open.empty() && !c.open.gas.fits(c.open.gas.cost(&ms.def, ms.key, trades)) {
		m.mustSealOpen(seq, c, tx)
	}
	return false
}

// tradesImmediate reports whether a trade of m.events has an immediate
// order as its taker.
func (m *Machine) tradesImmediate() bool {
	for i := range m.events {
		e := &m.events[i]
		if e.Type != matching.EventTrade {
			continue
		}
		if r := m.order(e.OrderID); r != nil && r.timeInForce.Immediate() {
			return true
		}
	}
	return false
}

// gasTrade is the maker and taker of one trade.
type gasTrade struct {
	maker, taker tradeOrder
}

// cost returns what the trades, all in the market, add to the bound,
// counting each item that neither the batch nor an earlier trade of the
// list holds once.
func (g *batchGas) cost(def *Market, key MarketKey, trades []gasTrade) uint64 {
	seen := newBatchGas()
	total := uint64(0)
	for _, t := range trades {
		total += batch.GasBoundTrade
		if firstTime(g.markets, seen.markets, key) {
			total += batch.GasBoundMarket
		}
		for _, o := range [2]tradeOrder{t.maker, t.taker} {
			if firstTime(g.orders, seen.orders, o.id) {
				total += orderGas(o)
			}
			if firstTime(g.traders, seen.traders, o.trader) {
				total += batch.GasBoundTrader
			}
			for _, token := range [2]common.Address{def.Base, def.Quote} {
				if firstTime(g.balances, seen.balances, balanceKey{trader: o.trader, token: token}) {
					total += batch.GasBoundBalance
				}
			}
		}
	}
	return total
}

// firstTime reports whether k is in neither set, and adds it to seen.
func firstTime[K comparable](held, seen map[K]struct{}, k K) bool {
	if _, ok := held[k]; ok {
		return false
	}
	if _, ok := seen[k]; ok {
		return false
	}
	seen[k] = struct{}{}
	return true
}

func orderGas(o tradeOrder) uint64 {
	if o.immediate {
		return batch.GasBoundImmediateOrder
	}
	return batch.GasBoundRestingOrder
}

// tradeOrderOfRecord returns the order of a trade's side for the bound.
func (m *Machine) tradeOrderOfRecord(r *orderRecord) tradeOrder {
	return tradeOrder{id: r.id, trader: m.traderOf(r), immediate: r.timeInForce.Immediate()}
}

// tradeOrderOf returns the order of a trade's side for the bound. An
// order the machine no longer holds counts as resting, the dearer kind.
func (m *Machine) tradeOrderOf(id uint64, trader common.Address) tradeOrder {
	if r := m.order(id); r != nil {
		return m.tradeOrderOfRecord(r)
	}
	return tradeOrder{id: id, trader: trader}
}

// rebuildOpenGas recomputes each chain's open batch bound after Restore.
func (m *Machine) rebuildOpenGas() {
	for _, c := range m.chains {
		b := c.open
		b.gas = newBatchGas()
		for i := range b.trades {
			t := &b.trades[i]
			ms := m.markets[t.Market]
			if ms == nil {
				continue // CheckInvariants reports the unknown market
			}
			b.gas.trade(&ms.def, t.Market, m.tradeOrderOf(t.MakerID, t.Maker), m.tradeOrderOf(t.TakerID, t.Taker), true)
		}
		b.gas.total += uint64(len(b.withdrawals))*batch.GasBoundWithdrawal + uint64(len(b.requests))*batch.GasBoundRequest
	}
}

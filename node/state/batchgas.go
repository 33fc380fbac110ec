package state

import (
	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/batch"
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

// tradeOrder is one side of a trade as the bound sees it.
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
		cost = batch.GasBoundRestingOrder
		if o.immediate {
			cost = batch.GasBoundImmediateOrder
		}
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

// tradeOrderOf returns the order of a trade's side for the bound. An
// order the machine no longer holds counts as resting, the dearer kind.
func (m *Machine) tradeOrderOf(id uint64, trader common.Address) tradeOrder {
	o := tradeOrder{id: id, trader: trader}
	if r := m.orders[id]; r != nil {
		o.immediate = r.signed.Order.TimeInForce.Immediate()
	}
	return o
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

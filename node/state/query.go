package state

import (
	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/ledger"
)

// MarketView is a listed market and its state.
type MarketView struct {
	Market
	QuotePerTickLot uint64
	Halted          bool
}

// OrderView is an order that is open or has a trade awaiting settlement.
// ID is the sequence number of the entry that placed it and Time that
// entry's time in unix milliseconds.
type OrderView struct {
	ID      uint64
	Hash    common.Hash
	ChainID uint64
	Time    uint64
	eip712.Order
	Filled    uint64 // lots
	Remaining uint64 // lots
	Open      bool
	// Triggered is false for a stop order still waiting for its trigger.
	Triggered bool
}

// Markets returns the listed markets by chain id and market id.
func (m *Machine) Markets() []MarketView {
	out := make([]MarketView, 0, len(m.marketList))
	for _, ms := range m.marketList {
		out = append(out, ms.view())
	}
	return out
}

func (ms *marketState) view() MarketView {
	return MarketView{Market: ms.def, QuotePerTickLot: ms.perTickLot, Halted: ms.halted}
}

// MarketBySymbol returns the market with the symbol.
func (m *Machine) MarketBySymbol(symbol string) (MarketView, bool) {
	ms, ok := m.symbols[symbol]
	if !ok {
		return MarketView{}, false
	}
	return ms.view(), true
}

// MarketByKey returns the market with the key.
func (m *Machine) MarketByKey(key MarketKey) (MarketView, bool) {
	ms, ok := m.markets[key]
	if !ok {
		return MarketView{}, false
	}
	return ms.view(), true
}

// Book returns a market's book for read-only queries (depth, best prices,
// last trade). The caller must not apply commands to it.
func (m *Machine) Book(key MarketKey) (*matching.Book, bool) {
	ms, ok := m.markets[key]
	if !ok {
		return nil, false
	}
	return ms.book, true
}

// Domain returns the EIP-712 domain of the chain's Exchange.
func (m *Machine) Domain(chainID uint64) (eip712.Domain, bool) {
	c, ok := m.chains[chainID]
	if !ok {
		return eip712.Domain{}, false
	}
	return c.domain, true
}

// ChainIDs returns the chains with listed markets, in increasing order.
func (m *Machine) ChainIDs() []uint64 { return append([]uint64(nil), m.chainIDs...) }

// Order returns an order that is open or awaits settlement. Orders that are
// done are found in the store's indexes, not here.
func (m *Machine) Order(hash common.Hash) (OrderView, bool) {
	id, _, ok := m.hashes.lookup(hash)
	if !ok {
		return OrderView{}, false
	}
	r := m.order(id)
	if r == nil {
		return OrderView{}, false
	}
	return m.orderView(r), true
}

// KnownOrder reports whether the replay set contains an order hash, which
// makes placing it again a replay. The set drops a hash once the order's
// expiry has passed and its record is free, and placing that order again
// then fails as expired.
func (m *Machine) KnownOrder(hash common.Hash) bool {
	_, _, ok := m.hashes.lookup(hash)
	return ok
}

func (m *Machine) orderView(r *orderRecord) OrderView {
	v := OrderView{
		ID: r.id, Hash: m.hashOf(r), ChainID: m.marketOf(r).key.ChainID, Time: r.time, Order: m.orderOf(r),
		Filled: r.filled, Remaining: r.quantity - r.filled, Open: r.open(), Triggered: m.triggered(r),
	}
	if !r.open() {
		v.Remaining = 0
	}
	return v
}

// OpenOrders returns a trader's open orders in the order they were placed.
func (m *Machine) OpenOrders(trader common.Address) []OrderView {
	records := m.openOrdersOf(trader)
	out := make([]OrderView, len(records))
	for i, r := range records {
		out[i] = m.orderView(r)
	}
	return out
}

// Balances returns a trader's balances on every chain, by chain and asset.
func (m *Machine) Balances(trader common.Address) []ledger.Balance {
	var out []ledger.Balance
	for _, id := range m.chainIDs {
		out = m.chains[id].ledger.AppendBalances(out, trader)
	}
	return out
}

// Balance returns a trader's balance in one asset.
func (m *Machine) Balance(trader common.Address, asset ledger.Asset) ledger.Balance {
	c, ok := m.chains[asset.ChainID]
	if !ok {
		return ledger.Balance{Asset: asset}
	}
	b, ok := c.ledger.Balance(trader, asset)
	if !ok {
		return ledger.Balance{Asset: asset}
	}
	return b
}

// Totals returns the sums of all accounts of an asset.
func (m *Machine) Totals(asset ledger.Asset) (ledger.Totals, bool) {
	c, ok := m.chains[asset.ChainID]
	if !ok {
		return ledger.Totals{}, false
	}
	return c.ledger.Totals(asset)
}

// MinNonce returns the trader's cancelUpTo nonce on a chain.
func (m *Machine) MinNonce(chainID uint64, trader common.Address) uint64 {
	if c, ok := m.chains[chainID]; ok {
		return c.minNonce[trader]
	}
	return 0
}

// OpenBatchEmpty reports whether the chain's open batch has nothing to seal
// (no trades, withdrawals or pending escape-hatch requests).
func (m *Machine) OpenBatchEmpty(chainID uint64) bool {
	c, ok := m.chains[chainID]
	return !ok || (c.open.empty() && len(c.requests) == 0)
}

// OpenBatchTrades returns the number of trades in the chain's open batch.
func (m *Machine) OpenBatchTrades(chainID uint64) int {
	if c, ok := m.chains[chainID]; ok {
		return len(c.open.trades)
	}
	return 0
}

// triggered reports whether the order is past its trigger: it is not a
// stop order, it has traded, or it rests in its book. A stop order that
// triggered and was then cancelled without a fill reports false.
func (m *Machine) triggered(r *orderRecord) bool {
	if k := r.kind; k != eip712.StopLimit && k != eip712.StopMarket {
		return true
	}
	if r.filled > 0 {
		return true
	}
	info, ok := m.marketOf(r).book.Order(r.id)
	return ok && info.Resting
}

// OpenBatchFitsWithdrawal reports whether the chain's open batch can take
// one more signed withdrawal within its gas bound. When it cannot, the
// sequencer seals the batch before it applies the withdrawal, which the
// machine would otherwise reject with ErrBatchFull.
func (m *Machine) OpenBatchFitsWithdrawal(chainID uint64) bool {
	c, ok := m.chains[chainID]
	return !ok || c.open.gas.fits(batch.GasBoundWithdrawal)
}

// OpenBatchGas returns the gas bound of the chain's open batch's settle
// call (chain/batch.GasBoundMax at most).
func (m *Machine) OpenBatchGas(chainID uint64) uint64 {
	if c, ok := m.chains[chainID]; ok {
		return c.open.gas.total
	}
	return 0
}

// OpenBatchWithdrawals returns the number of signed withdrawals in the
// chain's open batch.
func (m *Machine) OpenBatchWithdrawals(chainID uint64) int {
	if c, ok := m.chains[chainID]; ok {
		return len(c.open.withdrawals)
	}
	return 0
}

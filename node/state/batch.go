package state

import (
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// batchRecord contains what the contract needs to settle one ledger batch.
type batchRecord struct {
	id          uint64
	sealedSeq   uint64
	trades      []Trade
	withdrawals []WithdrawalRecord
	requests    []RequestRecord
	markets     map[MarketKey]struct{}
	failed      bool
	reason      string
	// gas bounds the settle call's gas while the batch is open.
	gas batchGas
}

func newBatchRecord(id uint64) *batchRecord {
	return &batchRecord{id: id, markets: map[MarketKey]struct{}{}, gas: newBatchGas()}
}

func (b *batchRecord) empty() bool {
	return len(b.trades) == 0 && len(b.withdrawals) == 0 && len(b.requests) == 0
}

// marketKeys returns the markets with a trade in the batch, sorted.
func (b *batchRecord) marketKeys() []MarketKey {
	keys := make([]MarketKey, 0, len(b.markets))
	for k := range b.markets {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, MarketKey.compare)
	return keys
}

// orderIDs returns the ids of the orders with a trade in the batch, sorted.
func (b *batchRecord) orderIDs() []uint64 {
	ids := make([]uint64, 0, 2*len(b.trades))
	for _, t := range b.trades {
		ids = append(ids, t.MakerID, t.TakerID)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func sortedRequestKeys(requests map[requestKey]*WithdrawalRequest) []requestKey {
	keys := make([]requestKey, 0, len(requests))
	for k := range requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b requestKey) int {
		if c := a.trader.Cmp(b.trader); c != 0 {
			return c
		}
		return a.token.Cmp(b.token)
	})
	return keys
}

// BatchKey names a settlement batch of one chain.
type BatchKey struct {
	ChainID uint64
	ID      uint64
}

// Trade is one fill between a maker and a taker order. Seq and Index name
// it: the entry that made it and its position among that entry's trades.
type Trade struct {
	Seq       uint64
	Index     uint32
	Time      uint64 // unix milliseconds
	Market    MarketKey
	Price     uint64 // ticks
	Quantity  uint64 // lots
	TakerSide eip712.Side

	Maker, Taker           common.Address
	MakerOrder, TakerOrder common.Hash
	MakerID, TakerID       uint64

	Quote    uint256.Int // quote base units
	MakerFee uint256.Int
	TakerFee uint256.Int
	// Batch is the settlement batch of the trade's chain.
	Batch uint64
}

// WithdrawalRecord is a signed withdrawal in a batch.
type WithdrawalRecord struct {
	Hash   common.Hash
	Signed SignedWithdrawal
	Amount uint256.Int
	Batch  uint64
	Seq    uint64
}

// RequestRecord is an escape-hatch request in a batch and the amount it
// pays.
type RequestRecord struct {
	Request WithdrawalRequest
	Paid    uint256.Int
}

// BatchOrder is an order with a trade in a batch. Settled is set when a
// confirmed batch already filled it, so the contract has verified its
// signature and the settler may leave the signature out.
type BatchOrder struct {
	ID      uint64
	Hash    common.Hash
	Signed  SignedOrder
	Settled bool
}

// SettlementBatch is a sealed batch as the settler submits it.
type SettlementBatch struct {
	ChainID     uint64
	ID          uint64
	SealedSeq   uint64
	Exchange    common.Address
	Markets     []Market
	Orders      []BatchOrder // sorted by id
	Trades      []Trade      // in the order they happened
	Withdrawals []WithdrawalRecord
	Requests    []RequestRecord
	Failed      bool
	Reason      string
}

// SealedBatches returns the ids of the chain's sealed batches that are not
// yet confirmed, failed ones included, in increasing order.
func (m *Machine) SealedBatches(chainID uint64) []uint64 {
	c := m.chains[chainID]
	if c == nil {
		return nil
	}
	ids := make([]uint64, 0, len(c.sealed))
	for id := range c.sealed {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// FailedBatches returns the ids of the chain's batches that reverted on
// chain, in increasing order. The Exchange takes batch ids only in order,
// so after one of them every later batch of the chain reverts too.
func (m *Machine) FailedBatches(chainID uint64) []uint64 {
	c := m.chains[chainID]
	if c == nil {
		return nil
	}
	var ids []uint64
	for id, b := range c.sealed {
		if b.failed {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// SettlementBatch returns a sealed batch with everything its settle call
// needs. The slices are copies.
func (m *Machine) SettlementBatch(chainID, id uint64) (SettlementBatch, error) {
	c := m.chains[chainID]
	if c == nil {
		return SettlementBatch{}, fmt.Errorf("%w: chain %d has no listed market", ErrUnknownChain, chainID)
	}
	b, ok := c.sealed[id]
	if !ok {
		return SettlementBatch{}, fmt.Errorf("%w: no sealed batch %d on chain %d", ErrUnknownBatch, id, chainID)
	}
	out := SettlementBatch{
		ChainID: chainID, ID: id, SealedSeq: b.sealedSeq, Exchange: c.domain.VerifyingContract,
		Trades: slices.Clone(b.trades), Withdrawals: slices.Clone(b.withdrawals),
		Requests: slices.Clone(b.requests), Failed: b.failed, Reason: b.reason,
	}
	for _, key := range b.marketKeys() {
		out.Markets = append(out.Markets, m.markets[key].def)
	}
	for _, oid := range b.orderIDs() {
		r := m.order(oid)
		out.Orders = append(out.Orders, BatchOrder{ID: r.id, Hash: m.hashOf(r), Signed: m.signedOf(r), Settled: r.settled()})
	}
	return out, nil
}

package batch

import "github.com/ethereum/go-ethereum/common"

// A settle call must fit in one transaction, and a chain caps a
// transaction's gas: Ethereum at 16,777,216 since Osaka (EIP-7825), and
// every chain at its block gas limit. A sealed batch that does not fit
// could never settle, so batches are cut by an upper bound of their gas.
// The state machine (node/state) adds the bound up item by item as a
// batch grows. Each constant below bounds the gas that one item adds in the
// worst case the contract allows: every storage slot it writes is cold
// and written from zero, and calldata is assumed priced at the EIP-7623
// floor of 40 gas per nonzero byte, above the standard 16. The bound is therefore
// above what typical batches use, whose traders and orders are warm.
// TestGasBound in package contracts checks the bound against the
// chain's estimate for batches of fresh orders, traders and balances, the
// worst case; there the bound is about 1.6 times the estimate.
const (
	// GasBoundBatch is the transaction's base cost, the header, the
	// contract's batch counter and pause flag, and the BatchSettled log.
	GasBoundBatch = 60_000
	// GasBoundMarket is a market's first trade in the batch: its record,
	// two token addresses and both tokens' accrued fees written from zero.
	GasBoundMarket = 60_000
	// GasBoundRestingOrder is a resting order's first trade in the batch:
	// its record and signature, EIP-712 hash, signature recovery, and its
	// fill record written from zero.
	GasBoundRestingOrder = 35_000
	// GasBoundImmediateOrder is an IOC or FOK order's trade: no fill
	// record, but its nonce marked used in the trader's nonce state, which
	// may write the state and a spilled nonce word from zero.
	GasBoundImmediateOrder = 35_000
	// GasBoundTrader is a trader's first appearance in the batch: its
	// address and the first read of its nonce state.
	GasBoundTrader = 10_000
	// GasBoundBalance is a trader's balance of one token that the batch
	// changes, written from zero.
	GasBoundBalance = 25_000
	// GasBoundTrade is a trade's record and its share of the trade,
	// netting and fee loops.
	GasBoundTrade = 5_000
	// GasBoundWithdrawal is a signed withdrawal: its record and signature,
	// hash, recovery, the withdrawal marked used, and the token transfer
	// to the trader (a cold account and a balance written from zero in the
	// token).
	GasBoundWithdrawal = 100_000
	// GasBoundRequest is an escape-hatch payout: the request cleared and
	// the token transfer.
	GasBoundRequest = 80_000

	// TxGasCap is the most gas one transaction may use on Ethereum since
	// Osaka (EIP-7825). BNB Smart Chain and Polygon allow more per block,
	// and this cap keeps one rule for all of them.
	TxGasCap = 1 << 24
	// GasBoundMax is the most a batch's gas bound may reach. It leaves a
	// fifth of TxGasCap for the settler's margin above the estimate and
	// for rules that price operations higher later.
	GasBoundMax = TxGasCap * 4 / 5
)

// GasBound returns the gas bound of the settle call of b: each constant
// above once per item, as node/state adds them up while a batch grows.
// Orders refer to Markets by id; an order of an unknown market counts
// no balance.
func GasBound(b *Batch) uint64 {
	gas := uint64(GasBoundBatch)
	tokens := map[uint32][2]common.Address{}
	for _, m := range b.Markets {
		tokens[m.ID] = [2]common.Address{m.Base, m.Quote}
	}
	markets := map[uint32]bool{}
	orders := map[int]bool{}
	traders := map[common.Address]bool{}
	balances := map[[2]common.Address]bool{}
	for _, t := range b.Trades {
		gas += GasBoundTrade
		for _, i := range [2]int{t.Maker, t.Taker} {
			if i < 0 || i >= len(b.Orders) {
				continue
			}
			o := &b.Orders[i].Order
			if !markets[o.Market] {
				markets[o.Market] = true
				gas += GasBoundMarket
			}
			if !orders[i] {
				orders[i] = true
				if o.TimeInForce.Immediate() {
					gas += GasBoundImmediateOrder
				} else {
					gas += GasBoundRestingOrder
				}
			}
			if !traders[o.Trader] {
				traders[o.Trader] = true
				gas += GasBoundTrader
			}
			for _, token := range tokens[o.Market] {
				if k := [2]common.Address{o.Trader, token}; !balances[k] {
					balances[k] = true
					gas += GasBoundBalance
				}
			}
		}
	}
	gas += uint64(len(b.Withdrawals))*GasBoundWithdrawal + uint64(len(b.Requests))*GasBoundRequest
	return gas
}

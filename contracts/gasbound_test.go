package contracts_test

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/eip712"
)

// fundOne deposits amount of one token for each trader, so that the
// trader's balance of the market's other token starts at zero.
func (h *harness) fundOne(token common.Address, amount *big.Int, traders ...*ecdsa.PrivateKey) {
	h.t.Helper()
	for _, k := range traders {
		h.queue(h.deployer, token, tokenB.PackMint(addr(k), amount))
		h.queue(k, token, tokenB.PackApprove(h.exchange, amount))
	}
	h.commit()
	for _, k := range traders {
		h.queue(k, h.exchange, exchangeB.PackDeposit(token, amount))
	}
	h.commit()
}

// estimateSettle returns eth_estimateGas of the settle call of b with the
// next batch id, which is the gas limit the settler starts from.
func (h *harness) estimateSettle(b batch.Batch) uint64 {
	h.t.Helper()
	b.ID = h.batchID + 1
	data, err := batch.Encode(b)
	if err != nil {
		h.t.Fatalf("encode batch: %v", err)
	}
	gas, err := h.client.EstimateGas(context.Background(), ethereum.CallMsg{
		From: addr(h.operator), To: &h.exchange, Data: exchangeB.PackSettle(data),
	})
	if err != nil {
		h.t.Fatalf("estimate settle gas: %v", revertError(err))
	}
	return gas
}

// The gas bound that cuts batches (batch.GasBound) must be at least the
// chain's gas estimate for the batch in the worst cases the node produces:
// every order, trader and balance new to the contract. The batches are
// as large as the bound allows, so they also show that a batch at
// batch.GasBoundMax fits in one transaction.
func TestGasBound(t *testing.T) {
	cases := []struct {
		name string
		// trades is the number of trades; makers and takers are fresh keys.
		trades int
		// takerTIF is the takers' time in force.
		takerTIF eip712.TimeInForce
		// oneTaker makes a single taker sweep every maker's order.
		oneTaker bool
	}{
		{name: "fresh resting orders", trades: 65, takerTIF: eip712.GTC},
		{name: "fresh IOC takers", trades: 65, takerTIF: eip712.IOC},
		{name: "one taker sweeps fresh makers", trades: 130, takerTIF: eip712.GTC, oneTaker: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var makers, takers []*ecdsa.PrivateKey
			for range tc.trades {
				makers = append(makers, newKey(t))
				if !tc.oneTaker || len(takers) == 0 {
					takers = append(takers, newKey(t))
				}
			}
			h := newHarness(t, append(append([]*ecdsa.PrivateKey{}, makers...), takers...)...)
			h.fundOne(h.base, units(1_000, 18), makers...)
			h.fundOne(h.quote, units(1_000_000, 6), takers...)

			b := batch.Batch{Markets: []batch.Market{h.market()}}
			const lots = 7
			for i, mk := range makers {
				b.Orders = append(b.Orders, h.order(mk, eip712.Sell, eip712.GTC, gasPrice, 1_000, 1))
				b.Trades = append(b.Trades, batch.Trade{Maker: len(b.Orders) - 1, Price: gasPrice, Quantity: lots})
				if !tc.oneTaker {
					b.Orders = append(b.Orders, h.order(takers[i], eip712.Buy, tc.takerTIF, gasPrice, lots, 1))
				}
				b.Trades[i].Taker = len(b.Orders) - 1
			}
			if tc.oneTaker {
				b.Orders = append(b.Orders, h.order(takers[0], eip712.Buy, tc.takerTIF, gasPrice, lots*uint64(tc.trades)+1, 1))
				for i := range b.Trades {
					b.Trades[i].Taker = len(b.Orders) - 1
				}
			}
			bound := batch.GasBound(&b)
			if bound > batch.GasBoundMax {
				t.Fatalf("test batch's bound %d is over batch.GasBoundMax %d; make it smaller", bound, batch.GasBoundMax)
			}
			estimate := h.estimateSettle(b)
			t.Logf("%d trades: estimate %d gas, bound %d (%.2f times), %d per trade estimated",
				tc.trades, estimate, bound, float64(bound)/float64(estimate), estimate/uint64(tc.trades))
			if estimate > bound {
				t.Errorf("settle needs %d gas, above its bound %d", estimate, bound)
			}
			h.mustSettle(b)
		})
	}

	t.Run("fresh withdrawals", func(t *testing.T) {
		var traders []*ecdsa.PrivateKey
		for range 130 {
			traders = append(traders, newKey(t))
		}
		h := newHarness(t, traders...)
		h.fundOne(h.quote, units(1_000, 6), traders...)
		var b batch.Batch
		for _, k := range traders {
			w := batch.Withdrawal{Withdrawal: eip712.Withdrawal{Trader: addr(k), Token: h.quote, Amount: units(1_000, 6), Nonce: 1}}
			_, sig, err := h.domain.SignWithdrawal(w.Withdrawal, k)
			if err != nil {
				t.Fatal(err)
			}
			w.Signature = sig
			b.Withdrawals = append(b.Withdrawals, w)
		}
		bound := batch.GasBound(&b)
		estimate := h.estimateSettle(b)
		t.Logf("%d withdrawals: estimate %d gas, bound %d (%.2f times)", len(b.Withdrawals), estimate, bound, float64(bound)/float64(estimate))
		if estimate > bound {
			t.Errorf("settle needs %d gas, above its bound %d", estimate, bound)
		}
		h.mustSettle(b)
	})
}

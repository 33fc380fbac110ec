package contracts_test

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/chain/settler"
)

// Gas workload, the one docs/BENCHMARKS.md describes. 5 market makers have
// 10 resting orders each, all partially filled before the measured batches.
// Every trade fills one maker order against a distinct taker's IOC order.
// Every taker already holds both tokens in the contract and has traded
// before (one warm-up IOC trade, so its nonce word is in use).
const (
	gasMakers         = 5
	gasOrdersPerMaker = 10
	gasTakers         = 100
	gasTradeLots      = 7
	gasPrice          = 10_000
)

type gasWorkload struct {
	h      *harness
	makers []*ecdsa.PrivateKey
	orders []batch.Order // resting maker orders, already partially filled
	takers []*ecdsa.PrivateKey
	nonce  uint64 // next IOC nonce of every taker
}

func newGasWorkload(b *testing.B) *gasWorkload {
	return newGasWorkloadT(b)
}

func newGasWorkloadT(b testing.TB) *gasWorkload {
	w := &gasWorkload{nonce: 1}
	for range gasMakers {
		w.makers = append(w.makers, newKey(b))
	}
	for range gasTakers {
		w.takers = append(w.takers, newKey(b))
	}
	w.h = newHarness(b, append(append([]*ecdsa.PrivateKey{}, w.makers...), w.takers...)...)
	w.h.fund(units(1_000_000, 18), units(1_000_000_000, 6), w.makers...)
	w.h.fund(units(1_000, 18), units(1_000_000, 6), w.takers...)

	// Maker orders alternate sides; the quantity leaves room for every fill.
	for i := range gasMakers * gasOrdersPerMaker {
		side := eip712.Side(i % 2)
		o := w.h.order(w.makers[i%gasMakers], side, eip712.GTC, gasPrice, 1_000_000_000, uint64(i))
		w.orders = append(w.orders, o)
	}
	// Warm-up: partially fill every maker order, each against a taker.
	for start := 0; start < len(w.orders); start += gasTakers {
		end := min(start+gasTakers, len(w.orders))
		w.h.mustSettle(w.batch(w.orders[start:end], true))
	}
	return w
}

// batch builds one trade per maker order, each against the next taker's
// fresh IOC order. Signatures of maker orders are included only when
// withMakerSignatures is set (their first fill).
func (w *gasWorkload) batch(makers []batch.Order, withMakerSignatures bool) batch.Batch {
	b := batch.Batch{Markets: []batch.Market{w.h.market()}}
	for i, m := range makers {
		if !withMakerSignatures {
			m.Signature = nil
		}
		taker := w.h.order(w.takers[i%gasTakers], 1-m.Side, eip712.IOC, gasPrice, gasTradeLots, w.nonce)
		b.Orders = append(b.Orders, m, taker)
		b.Trades = append(b.Trades, batch.Trade{Maker: 2 * i, Taker: 2*i + 1, Price: gasPrice, Quantity: gasTradeLots})
	}
	w.nonce++
	return b
}

// BenchmarkSettleGas reports the gas of settle per trade for batches of
// 1, 10 and 100 trades. The gas figures are exact and repeatable; the
// time per operation includes signing and the simulated chain.
func BenchmarkSettleGas(b *testing.B) {
	for _, trades := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("trades=%d", trades), func(b *testing.B) {
			w := newGasWorkload(b)
			var last *types.Receipt
			var calldata uint64
			next := 0
			for b.Loop() {
				makers := make([]batch.Order, 0, trades)
				for range trades {
					makers = append(makers, w.orders[next%len(w.orders)])
					next++
				}
				bt := w.batch(makers, false)
				size, _ := bt.Size()
				last = w.h.mustSettle(bt)
				calldata = uint64(size)
			}
			b.ReportMetric(float64(last.GasUsed)/float64(trades), "gas/trade")
			b.ReportMetric(float64(last.GasUsed), "gas/batch")
			b.ReportMetric(float64(calldata)/float64(trades), "bytes/trade")
			if *gasProfileFlag {
				reportGasByKind(b, last, trades)
			}
		})
	}
}

// reportGasByKind reports the gas per trade of the settle transaction r by
// kind, from the opcode trace that -gasprofile records. What execution
// does not account for is the transaction's base cost and its calldata.
func reportGasByKind(b *testing.B, r *types.Receipt, trades int) {
	profile := gasProfile(r.TxHash)
	if profile == nil {
		b.Fatalf("no gas profile of settle transaction %s", r.TxHash)
	}
	var execution uint64
	for kind, gas := range profile {
		execution += gas
		b.ReportMetric(float64(gas)/float64(trades), kind)
	}
	b.ReportMetric(float64(r.GasUsed-execution)/float64(trades), "base+calldata-gas/trade")
}

// BenchmarkSettleCheck times two ways to check a settle call of 100
// trades before sending it, on the simulated chain. "estimate" is
// eth_estimateGas, which runs the call several times. "call" is one
// eth_call at the batch's gas bound plus the settler's margin, which the
// settler uses (chain/settler, checkAtLimit).
func BenchmarkSettleCheck(b *testing.B) {
	w := newGasWorkload(b)
	makers := make([]batch.Order, 0, 100)
	for i := range 100 {
		makers = append(makers, w.orders[i%len(w.orders)])
	}
	bt := w.batch(makers, false)
	bt.ID = w.h.batchID + 1
	data, err := batch.Encode(bt)
	if err != nil {
		b.Fatalf("encode batch: %v", err)
	}

	call := ethereum.CallMsg{From: addr(w.h.operator), To: &w.h.exchange, Data: exchangeB.PackSettle(data)}
	limit := batch.GasBound(&bt) + batch.GasBound(&bt)*settler.GasMarginPercent/100
	ctx := context.Background()
	b.Run("estimate", func(b *testing.B) {
		for b.Loop() {
			if _, err := w.h.client.EstimateGas(ctx, call); err != nil {
				b.Fatalf("estimate settle gas: %v", revertError(err))
			}
		}
	})

	b.Run("call", func(b *testing.B) {
		atLimit := call
		atLimit.Gas = limit
		for b.Loop() {
			if _, err := w.h.client.CallContract(ctx, atLimit, nil); err != nil {
				b.Fatalf("call settle at gas limit %d: %v", limit, revertError(err))
			}
		}
	})
}

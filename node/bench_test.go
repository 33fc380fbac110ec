package node

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
)

// benchClients is how many goroutines place orders at once, as many
// wallets would over JSON-RPC.
const benchClients = 256

// BenchmarkPlaceOrders measures signed orders through the whole pipeline:
// signature verification on every core, sequencing, matching, the durable
// log and the acknowledgement. Half the traders buy one lot above the
// other half's sells, so most orders trade and the books stay small. It
// reports accepted orders per second, the p50 and p99 time from
// PlaceOrder to its acknowledgement, and the signature recoveries per
// second all cores reach on their own, the ceiling of ingress.
func BenchmarkPlaceOrders(b *testing.B) {
	tn := startBenchNode(b)
	const traders = 64
	for i := range traders {
		tn.deposit(i, tokenUSDC, 1_000_000*usdc)
		tn.deposit(i, tokenTHAL, 1000*thal)
	}
	orders := make([]*state.SignedOrder, b.N)
	for k := range orders {
		i := k % traders
		if i%2 == 0 {
			orders[k] = tn.order(i, eip712.Buy, 10_005, 1)
		} else {
			orders[k] = tn.order(i, eip712.Sell, 9_995, 1)
		}
	}

	latencies := make([]time.Duration, b.N)
	work := make(chan int, b.N)
	for k := range b.N {
		work <- k
	}
	close(work)
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for range benchClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range work {
				t0 := time.Now()
				if _, err := tn.PlaceOrder(context.Background(), orders[k]); err != nil {
					b.Errorf("order %d: %v", k, err)
					return
				}
				latencies[k] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()

	slices.Sort(latencies)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "orders/s")
	b.ReportMetric(float64(latencies[b.N/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(latencies[b.N*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(recoveriesPerSecond(orders[:min(len(orders), 20_000)]), "recoveries/s")
}

// recoveriesPerSecond recovers the orders' signers on every core at once.
func recoveriesPerSecond(orders []*state.SignedOrder) float64 {
	domain := eip712.Domain{ChainID: testChain, VerifyingContract: testExchange}
	hashes := make([]common.Hash, len(orders))
	for i, o := range orders {
		hashes[i] = domain.OrderHash(o.Order)
	}
	workers := runtime.NumCPU()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(orders); i += workers {
				if _, err := eip712.Recover(hashes[i], orders[i].Signature[:]); err != nil {
					panic(fmt.Sprintf("recover order %d: %v", i, err))
				}
			}
		}()
	}
	wg.Wait()
	return float64(len(orders)) / time.Since(start).Seconds()
}

func startBenchNode(b *testing.B) *testNode {
	b.Helper()
	clock := NewManualClock(testStart)
	cfg := testConfig(b.TempDir(), clock)
	n, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	if err := n.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = n.Stop() })
	return &testNode{Node: n, t: b, clock: clock, nonces: map[common.Address]uint64{}}
}

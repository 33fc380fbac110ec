package node

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
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

	b.ResetTimer()
	latencies, elapsed := placeAll(b, tn, orders)
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

// BenchmarkRestingOrders places orders that never trade, as the rest
// workload of thx bench load does, and reports the rate. It also reports
// what the store keeps per order: the index records' keys and values, and
// the table and value-log files once the node has stopped.
func BenchmarkRestingOrders(b *testing.B) {
	tn := startBenchNode(b)
	const traders = 64
	for i := range traders {
		tn.deposit(i, tokenUSDC, 1_000_000*usdc)
	}
	// Both markets, because each holds at most 65,536 resting orders.
	orders := make([]*state.SignedOrder, b.N)
	for k := range orders {
		o := tn.order(k%traders, eip712.Buy, 1_000+uint64(k%5_000), 1).Order
		o.Market = uint32(1 + k%2)
		orders[k] = signOrder(o, traderKey(k%traders))
	}
	b.ResetTimer()
	_, elapsed := placeAll(b, tn, orders)
	b.StopTimer()
	deadline := time.Now().Add(time.Minute)
	for tn.store.IndexedThrough() != tn.store.LastSeq() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}

	sizes, err := tn.store.IndexSizes()
	if err != nil {
		b.Fatal(err)
	}
	var records, bytes uint64
	for _, size := range sizes {
		records += size.Records
		bytes += size.KeyBytes + size.ValueBytes
		b.Logf("%s: %d records, %.1f key and %.1f value bytes per order", size.Index, size.Records,
			float64(size.KeyBytes)/float64(b.N), float64(size.ValueBytes)/float64(b.N))
	}
	dir := tn.store.Dir()
	if err := tn.Stop(); err != nil {
		b.Fatal(err)
	}
	sst, vlog := fileBytes(b, dir, ".sst"), fileBytes(b, dir, ".vlog")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "orders/s")
	b.ReportMetric(float64(records)/float64(b.N), "index-records/order")
	b.ReportMetric(float64(bytes)/float64(b.N), "index-B/order")
	b.ReportMetric(float64(sst)/float64(b.N), "sst-B/order")
	b.ReportMetric(float64(vlog)/float64(b.N), "vlog-B/order")
}

// placeAll places the orders from benchClients goroutines and returns each
// order's latency, from the call to its acknowledgement, and the time all
// took.
func placeAll(b *testing.B, tn *testNode, orders []*state.SignedOrder) ([]time.Duration, time.Duration) {
	latencies := make([]time.Duration, len(orders))
	work := make(chan int, len(orders))
	for k := range orders {
		work <- k
	}
	close(work)
	start := time.Now()
	var wg sync.WaitGroup
	for range benchClients {
		wg.Go(func() {
			for k := range work {
				t0 := time.Now()
				if _, err := tn.PlaceOrder(context.Background(), orders[k]); err != nil {
					b.Errorf("order %d: %v", k, err)
					return
				}
				latencies[k] = time.Since(t0)
			}
		})
	}
	wg.Wait()
	return latencies, time.Since(start)
}

// fileBytes adds up the sizes of the files in dir whose names end in ext.
func fileBytes(b *testing.B, dir, ext string) int64 {
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var total int64
	for _, e := range entries {
		if info, err := e.Info(); err == nil && strings.HasSuffix(e.Name(), ext) {
			total += info.Size()
		}
	}
	return total
}

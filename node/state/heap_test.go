package state

import (
	"flag"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
)

var (
	heapOrders  = flag.Int("heap.orders", 200_000, "resting orders placed by BenchmarkRestingOrderHeap")
	heapProfile = flag.String("heap.profile", "", "file for a heap profile taken while BenchmarkRestingOrderHeap's machine holds its orders")
	heapExpiry  = flag.Bool("heap.expiry", false, "give BenchmarkRestingOrderHeap's orders an expiry an hour after they are placed, so that the books and the replay set keep them in their expiry heaps")
)

// heapTraders is the number of traders that place the resting orders.
const heapTraders = 1_000

// BenchmarkRestingOrderHeap places -heap.orders resting orders into a
// machine and reports the live heap per order after a collection. It
// reports the total, the books alone (the same commands applied to bare
// books), and the rest, which is node/state's records and node/ledger's
// holds. It
// also reports the time to place an order and of one StateHash of that
// state. Run it
// once: go test ./node/state -run '^$' -bench RestingOrderHeap -benchtime 1x
func BenchmarkRestingOrderHeap(b *testing.B) {
	n := *heapOrders
	for b.Loop() {
		var m *Machine
		var placing time.Duration
		total := measureHeap(func() any {
			start := time.Now()
			m = placeResting(b, n)
			placing = time.Since(start)
			return m
		})
		books := measureHeap(func() any { return restingBooks(b, n) })
		b.ReportMetric(float64(total)/float64(n), "heap-B/order")
		b.ReportMetric(float64(books)/float64(n), "book-B/order")
		b.ReportMetric(float64(total-books)/float64(n), "state-B/order")
		b.ReportMetric(float64(placing.Nanoseconds())/float64(n), "place-ns/order")
		if *heapProfile != "" {
			writeHeapProfile(b, *heapProfile)
		}

		start := time.Now()
		if _, err := m.StateHash(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "statehash-ms")
	}
}

// measureHeap returns the live heap that build's result keeps.
func measureHeap(build func() any) int64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	kept := build()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(kept)
	return int64(after.HeapAlloc) - int64(before.HeapAlloc)
}

// heapMarket is testMarket with room for a million resting orders.
func heapMarket() *Market {
	def := testMarket()
	def.MaxRestingOrders = 1 << 20
	return def
}

// heapOrder returns the i-th resting order: buys below 10,000 ticks and
// sells above, so none trades.
func heapOrder(i int) *SignedOrder {
	o := &SignedOrder{ChainID: testChain, Order: eip712.Order{
		Trader: trader(i % heapTraders), Market: 1, Side: eip712.Buy, Kind: eip712.Limit, TimeInForce: eip712.GTC,
		Price: 9_999 - uint64(i%5_000), Quantity: 1 + uint64(i%7), MaxFeeBps: 50, Nonce: uint64(i/heapTraders) + 1,
	}}
	if i%2 == 1 {
		o.Order.Side = eip712.Sell
		o.Order.Price = 10_001 + uint64(i%5_000)
	}
	if *heapExpiry {
		o.Order.Expiry = heapPlaceTime/1000 + 3600
	}
	o.Signature[0], o.Signature[64] = byte(i), 27
	return o
}

// heapPlaceTime is the time of placeResting's entries, in unix
// milliseconds.
const heapPlaceTime = 1_700_000_000_000

func placeResting(tb testing.TB, n int) *Machine {
	return placeOrders(tb, n, heapOrder)
}

// placeOrders lists the heap market, funds heapTraders traders and places
// order(0) to order(n-1), all at heapPlaceTime.
func placeOrders(tb testing.TB, n int, order func(int) *SignedOrder) *Machine {
	m := New()
	now := uint64(heapPlaceTime)
	apply := func(e *Entry) {
		e.Time = now
		if _, err := m.Apply(m.Seq()+1, e); err != nil {
			tb.Fatalf("apply %s entry: %v", e.Type, err)
		}
	}
	apply(&Entry{Type: EntryListMarket, Market: heapMarket()})
	for i := range heapTraders {
		who := trader(i)
		apply(&Entry{Type: EntryDeposit, Deposit: &Deposit{
			ChainID: testChain, ID: uint64(2*i + 1), Trader: who, Token: tokenUSDC, Amount: *uint256.NewInt(1 << 60), Block: 7,
		}})
		apply(&Entry{Type: EntryDeposit, Deposit: &Deposit{
			ChainID: testChain, ID: uint64(2*i + 2), Trader: who, Token: tokenTHAL, Amount: *new(uint256.Int).Lsh(uint256.NewInt(1), 120), Block: 7,
		}})
	}
	for i := range n {
		apply(&Entry{Type: EntryPlaceOrder, Order: order(i)})
	}
	return m
}

// restingBooks applies the orders of placeResting to a bare book.
func restingBooks(tb testing.TB, n int) *matching.Book {
	cfg, err := heapMarket().bookConfig()
	if err != nil {
		tb.Fatal(err)
	}
	book, err := matching.NewBook(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	var events []matching.Event
	for i := range n {
		cmd, err := engineCommand(uint64(i+1), uint64(i%heapTraders)+1, &heapOrder(i).Order)
		if err != nil {
			tb.Fatal(err)
		}
		if events, err = book.Apply(cmd, events[:0]); err != nil {
			tb.Fatalf("order %d: %v", i, err)
		}
	}
	return book
}

func writeHeapProfile(tb testing.TB, path string) {
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		tb.Fatal(err)
	}
}

package state

import (
	"flag"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/ledger"
)

var massExpiryOrders = flag.Int("expiry.orders", 200_000, "resting orders with one expiry that BenchmarkMassExpiry places and then expires")

// massExpirySeconds is the signed expiry of BenchmarkMassExpiry's orders:
// an hour after heapPlaceTime, in unix seconds.
const massExpirySeconds = heapPlaceTime/1000 + 3600

// BenchmarkMassExpiry places -expiry.orders resting orders that share one
// expiry, then applies a tick entry a second until every order has left
// the books. It reports the live heap before the first tick, the peak heap
// while the ticks run (sampled every 200 µs and after every entry, so
// garbage not yet collected counts), the number of tick entries and the
// longest one. Run it once:
// go test ./node/state -run '^$' -bench MassExpiry -benchtime 1x -expiry.orders 1000000
func BenchmarkMassExpiry(b *testing.B) {
	n := *massExpiryOrders
	for b.Loop() {
		m := placeOrders(b, n, func(i int) *SignedOrder {
			o := heapOrder(i)
			o.Order.Expiry = massExpirySeconds
			return o
		})
		runtime.GC()
		base := heapObjectBytes()
		var peak atomic.Uint64
		peak.Store(base)
		stop := make(chan struct{})
		done := make(chan struct{})
		go samplePeakHeap(&peak, stop, done)

		now := uint64(massExpirySeconds-ExpiryMarginSeconds) * 1000
		var ticks int
		var longest, total time.Duration
		for openOrders(m) > 0 {
			start := time.Now()
			if _, err := m.Apply(m.Seq()+1, &Entry{Type: EntryTick, Time: now}); err != nil {
				b.Fatalf("tick at %d ms: %v", now, err)
			}
			took := time.Since(start)
			total += took
			longest = max(longest, took)
			if h := heapObjectBytes(); h > peak.Load() {
				peak.Store(h)
			}
			ticks++
			now += 1000
		}
		close(stop)
		<-done

		b.ReportMetric(float64(base)/(1<<20), "base-heap-MiB")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(peak.Load()-base)/(1<<20), "extra-heap-MiB")
		b.ReportMetric(float64(ticks), "ticks")
		b.ReportMetric(float64(longest.Microseconds())/1000, "max-tick-ms")
		b.ReportMetric(float64(total.Microseconds())/1000, "total-ms")
		runtime.KeepAlive(m)
	}
}

// openOrders returns the number of orders resting or waiting in every book.
func openOrders(m *Machine) int {
	n := 0
	for _, ms := range m.marketList {
		n += ms.book.RestingOrders() + ms.book.StopOrders()
	}
	return n
}

// heapObjectBytes returns the bytes of heap objects, live or not yet
// collected.
func heapObjectBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// samplePeakHeap raises peak to the heap's size every 200 µs until stop
// is closed, then closes done.
func samplePeakHeap(peak *atomic.Uint64, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(200 * time.Microsecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			if h := heapObjectBytes(); h > peak.Load() {
				peak.Store(h)
			}
		}
	}
}

// massExpiryTestOrders is the order count of the mass expiry tests: more
// than two ticks' worth, so the backlog takes three ticks.
const massExpiryTestOrders = 2*matching.ExpiriesPerCommandMax + 100

// placeMassExpiry places n resting orders that share one expiry, and
// returns the machine and the time in milliseconds at which they are due.
func placeMassExpiry(t *testing.T, n int) (*Machine, uint64) {
	t.Helper()
	m := placeOrders(t, n, func(i int) *SignedOrder {
		o := heapOrder(i)
		o.Order.Expiry = massExpirySeconds
		return o
	})
	if err := m.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
	return m, uint64(massExpirySeconds-ExpiryMarginSeconds) * 1000
}

// applyChecked applies e at time now as the next entry and checks the
// invariants, which include every ledger's balance.
func applyChecked(t *testing.T, m *Machine, e *Entry, now uint64) *Result {
	t.Helper()
	e.Time = now
	res, err := m.Apply(m.Seq()+1, e)
	if err != nil {
		t.Fatalf("%s entry at %d ms: %v", e.Type, now, err)
	}
	if err := m.CheckInvariants(); err != nil {
		t.Fatalf("after %s entry %d: %v", e.Type, m.Seq(), err)
	}
	return res
}

// expiredIn returns the ids of the orders res reports as expired.
func expiredIn(res *Result) map[uint64]bool {
	ids := map[uint64]bool{}
	for _, u := range res.Orders {
		if u.Status == StatusExpired {
			ids[u.ID] = true
		}
	}
	return ids
}

func TestMassExpiryOverSeveralTicks(t *testing.T) {
	n := massExpiryTestOrders
	m, due := placeMassExpiry(t, n)
	before := heapTraderBalances(m)

	expired := map[uint64]bool{}
	now := due
	for tick := 1; openOrders(m) > 0; tick++ {
		if !m.ExpiriesPending() && tick > 1 {
			t.Fatalf("tick %d: %d orders open but ExpiriesPending is false", tick, openOrders(m))
		}
		open := openOrders(m)
		res := applyChecked(t, m, &Entry{Type: EntryTick}, now)
		ids := expiredIn(res)
		if want := min(open, matching.ExpiriesPerCommandMax); len(ids) != want || open-openOrders(m) != want {
			t.Fatalf("tick %d expired %d orders (%d left the book), expected %d", tick, len(ids), open-openOrders(m), want)
		}
		for id := range ids {
			if expired[id] {
				t.Fatalf("tick %d expired order %d again", tick, id)
			}
			expired[id] = true
		}
		if tick > 3 {
			t.Fatalf("%d orders still open after 3 ticks", openOrders(m))
		}
		now += 1000
	}
	if len(expired) != n {
		t.Errorf("%d orders expired, expected %d", len(expired), n)
	}
	if m.ExpiriesPending() {
		t.Error("ExpiriesPending is true after the backlog drained")
	}
	checkHoldsReleased(t, m, before)

	// The replay set drops the expired hashes over the next ticks.
	for i := 0; m.hashes.count > 0; i++ {
		if i > n/hashPrunesPerTickMax+1 {
			t.Fatalf("the replay set still holds %d hashes after %d more ticks", m.hashes.count, i)
		}
		applyChecked(t, m, &Entry{Type: EntryTick}, now)
		now += 1000
	}
}

// heapTraderBalances returns the balances of placeOrders' traders in the
// heap market's two tokens.
func heapTraderBalances(m *Machine) map[common.Address][2]ledger.Balance {
	out := map[common.Address][2]ledger.Balance{}
	for i := range heapTraders {
		who := trader(i)
		out[who] = [2]ledger.Balance{m.Balance(who, assetOf(tokenTHAL)), m.Balance(who, assetOf(tokenUSDC))}
	}
	return out
}

// checkHoldsReleased checks that no trader has a hold left and that each
// got back, as available, what it held before the orders expired.
func checkHoldsReleased(t *testing.T, m *Machine, before map[common.Address][2]ledger.Balance) {
	t.Helper()
	after := heapTraderBalances(m)
	for who, b := range before {
		for k, asset := range []string{"THAL", "USDC"} {
			a := after[who][k]
			var want uint256.Int
			want.Add(&b[k].Available, &b[k].Held)
			if !a.Held.IsZero() || a.Available != want {
				t.Fatalf("%s %s: available %s, held %s; expected available %s, held 0",
					who, asset, a.Available.Dec(), a.Held.Dec(), want.Dec())
			}
		}
		if open := m.OpenOrders(who); len(open) != 0 {
			t.Fatalf("%s still has %d open orders", who, len(open))
		}
	}
}

func TestTakerExpiresDueOrdersInPlaceEntry(t *testing.T) {
	m, due := placeMassExpiry(t, massExpiryTestOrders)
	before := heapTraderBalances(m)
	applyChecked(t, m, &Entry{Type: EntryTick}, due)
	if !m.ExpiriesPending() {
		t.Fatal("ExpiriesPending is false with a backlog")
	}

	// A buy that crosses the best asks meets only due makers, expires
	// them and rests, because no live ask is left at its price.
	buy := heapOrder(massExpiryTestOrders) // a new nonce for its trader
	buy.Order.Side, buy.Order.Price, buy.Order.Quantity = eip712.Buy, 10_003, 5
	open := openOrders(m)
	res := applyChecked(t, m, &Entry{Type: EntryPlaceOrder, Order: buy}, due+10)
	if len(res.Trades) != 0 {
		t.Fatalf("the buy traded %d times with due orders", len(res.Trades))
	}
	ids := expiredIn(res)
	if len(ids) == 0 {
		t.Fatal("the place entry expired no due order")
	}
	if got := open - openOrders(m); got != len(ids)-1 {
		t.Errorf("the open orders fell by %d, expected %d: the expired orders less the resting buy", got, len(ids)-1)
	}
	if p, ok := bestAsk(m); ok && p <= 10_003 {
		t.Errorf("best ask %d at or below the buy's price 10003 after the place entry", p)
	}

	// The ticks expire the rest, and every hold is released once.
	now := due + 1000
	for i := 0; openOrders(m) > 1; i++ {
		if i > 3 {
			t.Fatalf("%d orders open after %d more ticks", openOrders(m), i)
		}
		applyChecked(t, m, &Entry{Type: EntryTick}, now)
		now += 1000
	}
	buyer := buy.Order.Trader
	cancel := &SignedCancel{ChainID: testChain, Cancel: eip712.Cancel{Trader: buyer, OrderHash: m.markets[MarketKey{ChainID: testChain, ID: 1}].chain.orderHash(&buy.Order)}}
	applyChecked(t, m, &Entry{Type: EntryCancelOrder, Cancel: cancel}, now)
	checkHoldsReleased(t, m, before)
}

// bestAsk returns the heap market's best ask price.
func bestAsk(m *Machine) (uint64, bool) {
	p, _, ok := m.marketList[0].book.BestAsk()
	return p, ok
}

func TestSnapshotInMassExpiryBacklog(t *testing.T) {
	m, due := placeMassExpiry(t, massExpiryTestOrders)
	applyChecked(t, m, &Entry{Type: EntryTick}, due)
	data, err := m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	restored, err := Restore(data)
	if err != nil {
		t.Fatalf("restore in the middle of a backlog: %v", err)
	}
	if err := restored.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
	now := due + 1000
	for i := 1; openOrders(m) > 0; i++ {
		if i > 3 {
			t.Fatalf("%d orders open after %d more ticks", openOrders(m), i)
		}
		applyChecked(t, m, &Entry{Type: EntryTick}, now)
		applyChecked(t, restored, &Entry{Type: EntryTick}, now)
		want, err := m.StateHash()
		if err != nil {
			t.Fatal(err)
		}
		got, err := restored.StateHash()
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("after %d more ticks the restored machine's state hash is %s, the original's %s", i, got, want)
		}
		now += 1000
	}
	if openOrders(restored) != 0 || openOrders(m) != 0 {
		t.Errorf("%d and %d orders open after the backlog, expected 0", openOrders(m), openOrders(restored))
	}
}

package p2p

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	pb "github.com/libp2p/go-libp2p-pubsub/pb"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/thaliumx/thaliumx/node/state"
)

// BenchmarkValidateOrder measures what a host spends on one received order
// before forwarding it: rate limit, decoding, topic check and signature
// recovery.
func BenchmarkValidateOrder(b *testing.B) {
	h := startHost(b, testConfig(b), Handlers{})
	data := make([][]byte, 1024)
	for i := range data {
		data[i] = encodeOrder(b, signOrder(b, testKey(b, fmt.Sprint(i%16)), uint64(i)))
	}
	topic := OrderTopic(testMarket)
	from := peer.ID("bench peer")
	h.limiters = newPeerLimiters(Limits{OrderMessagesPerPeerPerSecond: 1e12, OrderMessagesPerPeerBurst: 1 << 30})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		msg := &pubsub.Message{Message: &pb.Message{Data: data[i%len(data)], Topic: &topic}}
		if v := h.checkOrderMessage(testMarket, from, msg); v.result != pubsub.ValidationAccept {
			b.Fatalf("order rejected: %s %v", v.reason, v.err)
		}
	}
}

// BenchmarkValidateOrderParallel runs the same check on every core, as
// gossipsub's validation workers do.
func BenchmarkValidateOrderParallel(b *testing.B) {
	h := startHost(b, testConfig(b), Handlers{})
	data := make([][]byte, 1024)
	for i := range data {
		data[i] = encodeOrder(b, signOrder(b, testKey(b, fmt.Sprint(i%16)), uint64(i)))
	}
	topic := OrderTopic(testMarket)
	from := peer.ID("bench peer")
	h.limiters = newPeerLimiters(Limits{OrderMessagesPerPeerPerSecond: 1e12, OrderMessagesPerPeerBurst: 1 << 30})
	b.ResetTimer()
	b.RunParallel(func(loop *testing.PB) {
		i := 0
		for loop.Next() {
			msg := &pubsub.Message{Message: &pb.Message{Data: data[i%len(data)], Topic: &topic}}
			if v := h.checkOrderMessage(testMarket, from, msg); v.result != pubsub.ValidationAccept {
				b.Errorf("order rejected: %s %v", v.reason, v.err)
				return
			}
			i++
		}
	})
}

// BenchmarkVerifyBatch measures decoding and checking the operator's
// signature of a batch of 1,000 entries of 200 bytes.
func BenchmarkVerifyBatch(b *testing.B) {
	entries := testEntries(1, 1000)
	for i := range entries {
		entries[i].Payload = make([]byte, 200)
	}
	batch, err := NewBatch(testExchange, entries, [32]byte{1}, operatorKey(b))
	if err != nil {
		b.Fatal(err)
	}
	data, err := batch.Encode()
	if err != nil {
		b.Fatal(err)
	}
	operator := address(operatorKey(b))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		decoded, err := DecodeBatch(data, batchEntriesLimit)
		if err != nil {
			b.Fatal(err)
		}
		if err := verifyEncodedBatch(decoded, data, testExchange, operator); err != nil {
			b.Fatal(err)
		}
	}
}

// latencyRecorder is an OrderHandler that records when each order
// arrives.
type latencyRecorder struct {
	mu      sync.Mutex
	arrived map[string]time.Time
	done    chan struct{}
	want    int
}

func (r *latencyRecorder) HandleOrderMessage(_ context.Context, m *OrderMessage) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.arrived[m.ID] = time.Now()
	if len(r.arrived) == r.want {
		close(r.done)
	}
}

// BenchmarkGossipOrderLatency publishes pre-signed orders from the first of
// three hosts in a line, at ordersPerSecond, and reports the time until
// the last host (two hops away) delivers each: p50 and p99 in
// milliseconds, and the orders per second delivered.
func BenchmarkGossipOrderLatency(b *testing.B) {
	const ordersPerSecond = 2000
	recorder := &latencyRecorder{arrived: map[string]time.Time{}, done: make(chan struct{}), want: b.N}
	hosts := make([]*Host, 3)
	for i := range hosts {
		handlers := Handlers{}
		if i == 2 {
			handlers.Orders = recorder
		}
		hosts[i] = startHost(b, testConfig(b), handlers)
		if err := hosts[i].JoinMarket(testMarket); err != nil {
			b.Fatal(err)
		}
	}
	connect(b, hosts[0], hosts[1])
	connect(b, hosts[1], hosts[2])
	waitMesh(b, OrderTopic(testMarket), 1, hosts...)

	orders := make([]*state.SignedOrder, b.N)
	ids := make([]string, b.N)
	for i := range orders {
		orders[i] = signOrder(b, testKey(b, fmt.Sprint(i%64)), uint64(i))
		ids[i] = MessageID(encodeOrder(b, orders[i]))
	}
	sent := make([]time.Time, b.N)
	interval := time.Second / ordersPerSecond
	b.ResetTimer()
	start := time.Now()
	for i, o := range orders {
		if wait := time.Until(start.Add(time.Duration(i) * interval)); wait > 0 {
			time.Sleep(wait)
		}
		sent[i] = time.Now()
		if err := hosts[0].PublishOrder(context.Background(), testExchange, o); err != nil {
			b.Fatal(err)
		}
	}
	select {
	case <-recorder.done:
	case <-time.After(waitTimeout):
		b.Fatalf("%d of %d orders delivered", len(recorder.arrived), b.N)
	}
	elapsed := time.Since(start)
	b.StopTimer()

	latencies := make([]time.Duration, b.N)
	for i, id := range ids {
		latencies[i] = recorder.arrived[id].Sub(sent[i])
	}
	slices.Sort(latencies)
	b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "orders/s")
}

// BenchmarkSyncLog measures fetching a log range of 200-byte entries from
// one peer, 4,096 entries per request.
func BenchmarkSyncLog(b *testing.B) {
	const entries = 100_000
	src := newMemLog()
	src.fill(entries)
	for i := range src.entries {
		src.entries[i].Payload = make([]byte, 200)
	}
	_, client := startSyncPair(b, src, 4096)
	b.SetBytes(entries * 200)
	for b.Loop() {
		dst := newMemLog()
		err := client.Sync().SyncLog(context.Background(), LogSync{From: 1, To: entries, Apply: dst.apply})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(entries*b.N)/b.Elapsed().Seconds(), "entries/s")
}

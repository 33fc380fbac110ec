package state

import (
	"flag"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

var usedNonceMarks = flag.Int("nonces.marks", 1_000_000, "used immediate-order nonces marked by BenchmarkUsedNonceHeap")

// usedNonceTraders is the number of traders whose nonces
// BenchmarkUsedNonceHeap marks.
const usedNonceTraders = 1_000

// BenchmarkUsedNonceHeap marks -nonces.marks used nonces of 1,000 traders
// on one chain and reports the live heap per mark after a collection, the
// snapshot bytes per mark and the time to encode them, which every
// snapshot and state hash spends. Each trader's nonces go up by a fixed
// step: 1 for a trader who counts nonces up, 1,000 for one who signs the
// unix time in milliseconds as `thx order place` does and sends an
// immediate order a second. Run it once:
// go test ./node/state -run '^$' -bench UsedNonceHeap -benchtime 1x
func BenchmarkUsedNonceHeap(b *testing.B) {
	for _, layout := range []struct {
		name  string
		first uint64
		step  uint64
	}{
		{"counting", 1, 1},
		{"unix-ms", heapPlaceTime, 1_000},
	} {
		b.Run(layout.name, func(b *testing.B) {
			n := *usedNonceMarks
			for b.Loop() {
				var m *Machine
				heap := measureHeap(func() any {
					m = markedNonces(n, layout.first, layout.step)
					return m
				})
				start := time.Now()
				enc := newEncoder(1<<16, nil, toSnapshot)
				m.encodeImmediateNonces(enc)
				encoding := time.Since(start)
				b.ReportMetric(float64(heap)/float64(n), "heap-B/nonce")
				b.ReportMetric(float64(len(enc.Buf))/float64(n), "snapshot-B/nonce")
				b.ReportMetric(float64(encoding.Milliseconds()), "encode-ms")
			}
		})
	}
}

// markedNonces returns a machine whose one chain has n used nonces: the
// nonces first, first+step, ... of each of usedNonceTraders traders in
// turn.
func markedNonces(n int, first, step uint64) *Machine {
	m := New()
	c := &chainState{id: testChain, usedNonces: map[common.Address]nonceWords{}}
	m.addChain(c)
	for i := range n {
		c.markNonceUsed(trader(i%usedNonceTraders), first+uint64(i/usedNonceTraders)*step)
	}
	return m
}

//go:build unix

package store

import (
	"context"
	"flag"
	"fmt"
	"math/rand"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Workload of BenchmarkAppendFollowerPace. The sequencer publishes a log
// batch at most every 10 ms (node.NetworkConfig.BatchGapMin), so at 500
// orders/s a follower applies a batch of about 5 entries every 10 ms and
// submits each as one round.
const (
	benchRoundInterval        = 10 * time.Millisecond
	benchRoundEntries         = 5
	benchIndexRecordsPerEntry = 4
	benchIndexValueBytes      = 100
)

// BenchmarkAppendFollowerPace submits a round of benchRoundEntries entries
// every benchRoundInterval, one request each, as a follower's applier does,
// and writes index records for each round once it is durable, as the
// node's indexer does. Each sub-benchmark sets Options.LogCommitInterval.
// It reports the writer's commits per second, each a sync, the process
// CPU time per entry (getrusage, all goroutines, Badger's included), and
// the latency of a round from Submit to the acknowledgement. One
// iteration is one round, so -benchtime 1000x runs 10 s.
func BenchmarkAppendFollowerPace(b *testing.B) {
	for _, interval := range []time.Duration{0, 5 * time.Millisecond, 10 * time.Millisecond,
		20 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond} {
		b.Run(fmt.Sprintf("interval=%s", interval), func(b *testing.B) {
			benchmarkFollowerPace(b, interval, 0)
		})
	}
}

// BenchmarkAppendFollowerQueries is BenchmarkAppendFollowerPace at a
// follower's default interval of 50 ms, while queries of the indexes
// arrive at a steady rate, each in its own goroutine. A query waits as
// the node's index queries do (Node.awaitIndex): it takes the last
// submitted seq, which a follower has already made visible, and calls
// AwaitIndexed until IndexedThrough reaches it. The flag
// -store.poll-index makes it call CommitIndexSoon every millisecond
// instead, as the node did before AwaitIndexed. Besides the metrics of
// BenchmarkAppendFollowerPace it reports the query latency.
func BenchmarkAppendFollowerQueries(b *testing.B) {
	for _, perSecond := range []int{0, 10, 100, 1000} {
		b.Run(fmt.Sprintf("queries=%d/s", perSecond), func(b *testing.B) {
			benchmarkFollowerPace(b, 50*time.Millisecond, perSecond)
		})
	}
}

// awaitIndexedByPolling is the flag that makes the queries of
// BenchmarkAppendFollowerQueries poll.
var awaitIndexedByPolling bool

func init() {
	flag.BoolVar(&awaitIndexedByPolling, "store.poll-index", false,
		"make BenchmarkAppendFollowerQueries wait for the index by calling CommitIndexSoon every millisecond")
}

// benchQueriesInFlightMax bounds the concurrent queries of
// BenchmarkAppendFollowerQueries. A query that finds the limit reached
// waits for a free place, so the query rate drops below the target.
const benchQueriesInFlightMax = 256

// benchQueries runs queries at perSecond until stop is closed, as
// BenchmarkAppendFollowerQueries describes, and returns their latencies
// once all have finished.
func benchQueries(s *Store, perSecond int, visibleSeq *atomic.Uint64, stop <-chan struct{}) []time.Duration {
	var (
		mu        sync.Mutex
		latencies []time.Duration
		wg        sync.WaitGroup
	)
	places := make(chan struct{}, benchQueriesInFlightMax)
	ticker := time.NewTicker(time.Second / time.Duration(perSecond))
	defer ticker.Stop()
	for {
		select {
		case <-stop:
			wg.Wait()
			return latencies
		case <-ticker.C:
		}
		places <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			start, target := time.Now(), visibleSeq.Load()
			for s.IndexedThrough() < target {
				if awaitIndexedByPolling {
					s.CommitIndexSoon()
					time.Sleep(time.Millisecond)
				} else if _, err := s.AwaitIndexed(target, time.Second); err != nil {
					break
				}
			}
			mu.Lock()
			latencies = append(latencies, time.Since(start))
			mu.Unlock()
			<-places
		}()
	}
}

func benchmarkFollowerPace(b *testing.B, interval time.Duration, queriesPerSecond int) {
	s := openTestStore(b, b.TempDir(), Options{LogCommitInterval: interval})
	rng := rand.New(rand.NewSource(3))
	payloads := make([][]byte, 1024)
	for i := range payloads {
		payloads[i] = benchPayload(rng)
	}
	value := make([]byte, benchIndexValueBytes)
	rng.Read(value)

	type pending struct {
		start time.Time
		last  uint64
		done  <-chan error
	}
	acks := make(chan pending, b.N)
	durable := make(chan uint64, b.N)
	latencies := make([]time.Duration, 0, b.N)
	collected := make(chan error, 1)
	go func() {
		defer close(durable)
		for p := range acks {
			if err := <-p.done; err != nil {
				collected <- err
				return
			}
			latencies = append(latencies, time.Since(p.start))
			durable <- p.last
		}
		collected <- nil
	}()
	indexed := make(chan error, 1)
	go func() { indexed <- indexDurableRounds(s, durable, value) }()

	var visibleSeq atomic.Uint64
	stopQueries := make(chan struct{})
	queryLatencies := make(chan []time.Duration, 1)
	if queriesPerSecond > 0 {
		go func() { queryLatencies <- benchQueries(s, queriesPerSecond, &visibleSeq, stopQueries) }()
	} else {
		queryLatencies <- nil
	}

	b.SetBytes(benchRoundEntries * benchPayloadBytes)
	b.ResetTimer()
	start, cpuStart, commitsStart := time.Now(), processCPU(b), s.commits.Load()
	for i := 0; i < b.N; i++ {
		time.Sleep(time.Until(start.Add(time.Duration(i) * benchRoundInterval)))
		first := uint64(i)*benchRoundEntries + 1
		entries := make([]Entry, benchRoundEntries)
		for j := range entries {
			seq := first + uint64(j)
			entries[j] = Entry{Seq: seq, Payload: payloads[seq%uint64(len(payloads))]}
		}
		t0 := time.Now()
		done, err := s.Submit(context.Background(), entries)
		if err != nil {
			b.Fatal(err)
		}
		visibleSeq.Store(entries[len(entries)-1].Seq)
		acks <- pending{start: t0, last: entries[len(entries)-1].Seq, done: done}
	}
	close(stopQueries)
	queries := <-queryLatencies
	close(acks)
	if err := <-collected; err != nil {
		b.Fatal(err)
	}
	if err := <-indexed; err != nil {
		b.Fatal(err)
	}
	elapsed, cpu, commits := time.Since(start), processCPU(b)-cpuStart, s.commits.Load()-commitsStart
	b.StopTimer()

	entries := b.N * benchRoundEntries
	b.ReportMetric(float64(commits)/elapsed.Seconds(), "commits/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(entries), "cpu-µs/entry")
	slices.Sort(latencies)
	b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds()), "p99-µs")
	if len(queries) > 0 {
		slices.Sort(queries)
		b.ReportMetric(float64(len(queries))/elapsed.Seconds(), "queries/s")
		b.ReportMetric(float64(queries[len(queries)/2].Microseconds()), "query-p50-µs")
		b.ReportMetric(float64(queries[len(queries)*99/100].Microseconds()), "query-p99-µs")
	}
}

// indexDurableRounds commits index records for each durable round, taking
// the rounds that queued meanwhile into the same batch, until durable is
// closed.
func indexDurableRounds(s *Store, durable <-chan uint64, value []byte) error {
	for last := range durable {
	drain:
		for {
			select {
			case more, ok := <-durable:
				if !ok {
					break drain
				}
				last = more
			default:
				break drain
			}
		}
		var batch IndexBatch
		for seq := s.IndexedThrough() + 1; seq <= last; seq++ {
			for k := range benchIndexRecordsPerEntry {
				if err := batch.PutOrder(OrderRecord{Trader: trader(byte(k)), Seq: seq, Value: value}); err != nil {
					return err
				}
			}
		}
		if err := s.CommitIndexBatch(last, &batch); err != nil {
			return err
		}
	}
	return nil
}

// processCPU returns the user and system CPU time of the process so far.
func processCPU(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("read the process CPU time with getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

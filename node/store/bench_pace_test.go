//go:build unix

package store

import (
	"context"
	"fmt"
	"math/rand"
	"slices"
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
			benchmarkFollowerPace(b, interval)
		})
	}
}

func benchmarkFollowerPace(b *testing.B, interval time.Duration) {
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
		acks <- pending{start: t0, last: entries[len(entries)-1].Seq, done: done}
	}
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

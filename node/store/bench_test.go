package store

import (
	"context"
	"crypto/sha256"
	"math/rand"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// benchPayloadBytes is the size of a log entry in the benchmarks: about what
// a signed order placement takes.
const benchPayloadBytes = 300

func benchPayload(rng *rand.Rand) []byte {
	p := make([]byte, benchPayloadBytes)
	rng.Read(p)
	return p
}

// BenchmarkAppendGroupCommit measures durable log throughput: one sequencer
// goroutine submits one entry per request without waiting, as the node's
// sequencer does, and a second goroutine collects the acknowledgements.
// Latency is from Submit to the acknowledgement.
func BenchmarkAppendGroupCommit(b *testing.B) {
	benchmarkAppend(b, Options{}, false, 0)
}

// BenchmarkAppendGroupCommitPaced submits at a steady benchPacedRate
// entries/s instead of as fast as possible, so the latency figures show
// the time to durability at that load rather than time spent in a full
// queue.
func BenchmarkAppendGroupCommitPaced(b *testing.B) {
	benchmarkAppend(b, Options{}, false, benchPacedRate)
}

// benchPacedRate is the submission rate of the paced benchmark, the node's
// throughput target.
const benchPacedRate = 100_000

// BenchmarkAppendSyncPerEntry is the baseline: each entry is its own synced
// transaction, and the next is submitted after the previous one is durable.
func BenchmarkAppendSyncPerEntry(b *testing.B) {
	benchmarkAppend(b, Options{BatchEntriesMax: 1}, true, 0)
}

// benchmarkAppend submits b.N entries, waiting for each when serial, and
// at ratePerSecond entries/s when it is not 0.
func benchmarkAppend(b *testing.B, opts Options, serial bool, ratePerSecond int) {
	s := openTestStore(b, b.TempDir(), opts)
	rng := rand.New(rand.NewSource(1))
	payloads := make([][]byte, 1024)
	for i := range payloads {
		payloads[i] = benchPayload(rng)
	}

	type pending struct {
		start time.Time
		done  <-chan error
	}
	acks := make(chan pending, appendQueueEntriesDefault)
	latencies := make([]time.Duration, 0, b.N)
	collected := make(chan error, 1)
	go func() {
		for p := range acks {
			if err := <-p.done; err != nil {
				collected <- err
				return
			}
			latencies = append(latencies, time.Since(p.start))
		}
		collected <- nil
	}()

	b.SetBytes(benchPayloadBytes)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		seq := uint64(i) + 1
		if ratePerSecond > 0 && i%100 == 0 {
			due := start.Add(time.Duration(i) * time.Second / time.Duration(ratePerSecond))
			time.Sleep(time.Until(due))
		}
		t0 := time.Now()
		done, err := s.Submit(context.Background(), []Entry{{Seq: seq, Payload: payloads[i%len(payloads)]}})
		if err != nil {
			b.Fatal(err)
		}
		if serial {
			if err := <-done; err != nil {
				b.Fatal(err)
			}
			latencies = append(latencies, time.Since(t0))
			continue
		}
		acks <- pending{start: t0, done: done}
	}
	close(acks)
	if err := <-collected; err != nil {
		b.Fatal(err)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	reportLatencies(b, latencies, elapsed)
}

func reportLatencies(b *testing.B, latencies []time.Duration, elapsed time.Duration) {
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[int(p*float64(len(latencies)-1))].Microseconds())
	}
	b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "entries/s")
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}

// benchTailEntries is the log tail replayed after the snapshot, the size of
// the node's recovery target.
const benchTailEntries = 1_000_000

// benchSegmentEntries is the number of entries per log segment in the
// recovery benchmark.
const benchSegmentEntries = 100

// BenchmarkRecoverSnapshotAndTail measures the store's part of recovery:
// open the store, load the newest snapshot (16 MiB), and read and verify a
// 1,000,000-entry tail after it, stored in segments of 100 entries.
// Applying the entries to the state machine is not included. Building the
// store is not timed.
func BenchmarkRecoverSnapshotAndTail(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "store")
	buildRecoveryStore(b, dir)

	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		s, err := Open(dir, Options{Logger: quietLogger()})
		if err != nil {
			b.Fatal(err)
		}
		snap, _, err := s.LatestSnapshot()
		if err != nil {
			b.Fatal(err)
		}
		var entries, bytes int
		err = s.ReplayLog(context.Background(), snap.Seq+1, func(e Entry) error {
			entries++
			bytes += len(e.Payload)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		s.Close()
		if entries != benchTailEntries {
			b.Fatalf("replayed %d entries, expected %d", entries, benchTailEntries)
		}
		b.ReportMetric(elapsed.Seconds(), "s/recovery")
		b.ReportMetric(float64(entries)/elapsed.Seconds(), "entries/s")
	}
}

func buildRecoveryStore(b *testing.B, dir string) {
	b.Helper()
	// Segments of 100 entries are what a sequencer writes at about
	// 100,000 entries/s with a 1 ms sync; larger ones replay faster.
	s, err := Open(dir, Options{Logger: quietLogger(), BatchEntriesMax: benchSegmentEntries})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewSource(2))
	const snapshotSeq, requestEntries = benchSegmentEntries, benchSegmentEntries
	payload := benchPayload(rng)

	var dones []<-chan error
	last := uint64(snapshotSeq + benchTailEntries)
	for first := uint64(1); first <= last; first += requestEntries {
		entries := make([]Entry, 0, requestEntries)
		for seq := first; seq < first+requestEntries && seq <= last; seq++ {
			entries = append(entries, Entry{Seq: seq, Payload: payload})
		}
		done, err := s.Submit(context.Background(), entries)
		if err != nil {
			b.Fatal(err)
		}
		if first != 1 {
			dones = append(dones, done)
			continue
		}
		// The snapshot follows the first request, which ends at its seq.
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		state := make([]byte, 16<<20)
		rng.Read(state)
		if err := s.SaveSnapshot(Snapshot{Seq: snapshotSeq, StateHash: sha256.Sum256(state), Payload: state}); err != nil {
			b.Fatal(err)
		}
	}
	for _, done := range dones {
		if err := <-done; err != nil {
			b.Fatal(err)
		}
	}
}

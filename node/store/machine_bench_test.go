package store_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
)

const (
	recoverySnapshotSeq = 100_000
	recoveryTailEntries = 1_000_000
	recoveryRequest     = 100 // entries per append request, as a busy sequencer writes them
)

// BenchmarkRecoverStateMachine measures what a restarting node does: open
// the store, restore the state machine from the newest snapshot and apply a
// tail of 1,000,000 logged entries. The log holds only entries that apply,
// as a sequencer writes it: orders of every time in force with their trades,
// ticks, seals and settlements.
func BenchmarkRecoverStateMachine(b *testing.B) {
	dir := b.TempDir()
	want := buildMachineLog(b, dir)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))

	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		s, err := store.Open(dir, store.Options{Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		snap, _, err := s.LatestSnapshot()
		if err != nil {
			b.Fatal(err)
		}
		m, err := state.Restore(snap.Payload)
		if err != nil {
			b.Fatal(err)
		}
		var applied int
		err = s.ReplayLog(context.Background(), snap.Seq+1, func(e store.Entry) error {
			entry, err := state.DecodeEntry(e.Payload)
			if err != nil {
				return err
			}
			applied++
			_, err = m.Apply(e.Seq, &entry)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		s.Close()

		b.StopTimer()
		if applied != recoveryTailEntries {
			b.Fatalf("replayed %d entries, expected %d", applied, recoveryTailEntries)
		}
		if got, _ := m.StateHash(); got != want {
			b.Fatalf("recovered state hash %x, expected %x", got, want)
		}
		b.StartTimer()
		b.ReportMetric(elapsed.Seconds(), "s/recovery")
		b.ReportMetric(float64(applied)/elapsed.Seconds(), "entries/s")
	}
}

// buildMachineLog writes a snapshot at recoverySnapshotSeq and a tail of
// recoveryTailEntries entries, and returns the state hash after the tail.
func buildMachineLog(b *testing.B, dir string) [32]byte {
	b.Helper()
	s, err := store.Open(dir, store.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BatchEntriesMax: recoveryRequest})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()

	gen := machineEntries{Seed: 11}
	m := state.New()
	var pending []store.Entry
	var dones []<-chan error
	flush := func() {
		done, err := s.Submit(context.Background(), pending)
		if err != nil {
			b.Fatal(err)
		}
		dones = append(dones, done)
		pending = nil
	}
	last := uint64(recoverySnapshotSeq + recoveryTailEntries)
	for candidate := uint64(1); m.Seq() < last; candidate++ {
		body := gen.Body(candidate)
		e, err := state.DecodeEntry(body)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := m.Apply(m.Seq()+1, &e); err != nil {
			continue // a sequencer does not log a rejected entry
		}
		pending = append(pending, store.Entry{Seq: m.Seq(), Payload: body})
		if len(pending) == recoveryRequest || m.Seq() == recoverySnapshotSeq {
			flush()
		}
		if m.Seq() == recoverySnapshotSeq {
			saveMachineSnapshot(b, s, m, dones)
			dones = nil
		}
	}
	if len(pending) > 0 {
		flush()
	}
	for _, done := range dones {
		if err := <-done; err != nil {
			b.Fatal(err)
		}
	}
	hash, err := m.StateHash()
	if err != nil {
		b.Fatal(err)
	}
	return hash
}

func saveMachineSnapshot(b *testing.B, s *store.Store, m *state.Machine, dones []<-chan error) {
	b.Helper()
	for _, done := range dones {
		if err := <-done; err != nil {
			b.Fatal(err)
		}
	}
	payload, err := m.Snapshot()
	if err != nil {
		b.Fatal(err)
	}
	hash, _ := m.StateHash()
	if err := s.SaveSnapshot(store.Snapshot{Seq: m.Seq(), StateHash: store.StateHash(hash), Payload: payload}); err != nil {
		b.Fatal(err)
	}
}

package p2p

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"sync"
	"testing"

	"github.com/thaliumx/thaliumx/node/store"
)

func syncContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	t.Cleanup(cancel)
	return ctx
}

// openStore opens a store in a fresh directory holding entries 1 to last
// and a snapshot at last.
func openStore(t *testing.T, last uint64, snapshotBytes int) *store.Store {
	t.Helper()
	s, err := store.Open(t.TempDir(), store.Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for from := uint64(1); from <= last; from += 1000 {
		if err := s.Append(context.Background(), testEntries(from, min(from+999, last))...); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveSnapshot(testSnapshot(last, snapshotBytes)); err != nil {
		t.Fatal(err)
	}
	return s
}

func testSnapshot(seq uint64, size int) store.Snapshot {
	payload := make([]byte, size)
	for i := range payload {
		payload[i] = byte(i*7 + int(seq))
	}
	return store.Snapshot{Seq: seq, StateHash: sha256.Sum256(payload), Payload: payload}
}

// startSyncPair starts a server host over src and a client host connected
// to it; the client asks for at most entriesMax entries per request.
func startSyncPair(t testing.TB, src LogSource, entriesMax int) (server, client *Host) {
	t.Helper()
	server = startHost(t, testConfig(t), Handlers{Log: src})
	cfg := testConfig(t)
	cfg.Limits.SyncEntriesMax = entriesMax
	client = startHost(t, cfg, Handlers{})
	connect(t, client, server)
	return server, client
}

func TestSyncLogAndSnapshotFromStore(t *testing.T) {
	const last = 3000
	src := openStore(t, last, 3<<20+12345)
	_, client := startSyncPair(t, src, 256)
	ctx := syncContext(t)

	dst := newMemLog()
	var progress []Progress
	err := client.Sync().SyncLog(ctx, LogSync{
		From:     1,
		To:       last,
		Apply:    dst.apply,
		Progress: func(p Progress) { progress = append(progress, p) },
	})
	if err != nil {
		t.Fatal(err)
	}
	got, expected := dst.all(), testEntries(1, last)
	if len(got) != len(expected) {
		t.Fatalf("synced %d entries, expected %d", len(got), len(expected))
	}
	for i := range expected {
		if got[i].Seq != expected[i].Seq || !bytes.Equal(got[i].Payload, expected[i].Payload) {
			t.Fatalf("entry %d is seq %d %x, expected seq %d %x", i, got[i].Seq, got[i].Payload, expected[i].Seq, expected[i].Payload)
		}
	}
	if len(progress) < last/256 {
		t.Errorf("%d progress reports, expected one per response (%d)", len(progress), last/256)
	}
	if final := progress[len(progress)-1]; !final.Done() || final.Entries != last {
		t.Errorf("final progress %+v, expected all %d entries done", final, last)
	}

	snap, from, err := client.Sync().SyncSnapshot(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := testSnapshot(last, 3<<20+12345)
	if snap.Seq != want.Seq || snap.StateHash != want.StateHash || !bytes.Equal(snap.Payload, want.Payload) {
		t.Fatalf("snapshot seq %d of %d bytes, expected seq %d of %d bytes", snap.Seq, len(snap.Payload), want.Seq, len(want.Payload))
	}
	if from == "" {
		t.Error("snapshot source peer not reported")
	}
	if sent := counter(client.metrics.syncBytes, "received"); sent < float64(len(want.Payload)) {
		t.Errorf("client counted %v bytes received, expected at least %d", sent, len(want.Payload))
	}
}

// twoServers starts two server hosts over the given sources and a client
// connected to both.
func twoServers(t *testing.T, first, second LogSource, entriesMax int) (a, b, client *Host) {
	t.Helper()
	a = startHost(t, testConfig(t), Handlers{Log: first})
	b = startHost(t, testConfig(t), Handlers{Log: second})
	cfg := testConfig(t)
	cfg.Limits.SyncEntriesMax = entriesMax
	client = startHost(t, cfg, Handlers{})
	connect(t, client, a)
	connect(t, client, b)
	return a, b, client
}

// A peer that dies during a sync is replaced by another that holds the
// rest of the range.
func TestSyncLogRetriesAfterPeerDies(t *testing.T) {
	const last = 2000
	// The first peer holds more entries, so the client asks it first.
	dying, healthy := newMemLog(), newMemLog()
	dying.fill(last + 100)
	healthy.fill(last)
	a, _, client := twoServers(t, dying, healthy, 200)

	var once sync.Once
	dying.readHook = func(call int) {
		if call == 3 {
			once.Do(func() { a.Close() })
		}
	}

	dst := newMemLog()
	if err := client.Sync().SyncLog(syncContext(t), LogSync{From: 1, To: last, Apply: dst.apply}); err != nil {
		t.Fatal(err)
	}
	if got := dst.NextSeq(); got != last+1 {
		t.Fatalf("synced through seq %d, expected %d", got-1, last)
	}
	if dying.readCount() < 3 || healthy.readCount() == 0 {
		t.Fatalf("the dying peer served %d reads and the healthy one %d; expected both to serve", dying.readCount(), healthy.readCount())
	}
	if dst.NextSeq() != last+1 {
		t.Fatalf("after %d entries the sync continued", last)
	}
}

func TestSyncSnapshotRetriesAfterPeerDies(t *testing.T) {
	dying, healthy := newMemLog(), newMemLog()
	newer, older := testSnapshot(100, 5<<20), testSnapshot(90, 5<<20)
	dying.snapshot, healthy.snapshot = &newer, &older
	a, _, client := twoServers(t, dying, healthy, 100)
	var once sync.Once
	killed := make(chan struct{})
	a.server.chunkHook = func(chunk int) {
		if chunk == 2 {
			once.Do(func() {
				close(killed)
				go a.Close()
			})
		}
	}

	snap, _, err := client.Sync().SyncSnapshot(syncContext(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Seq != older.Seq || !bytes.Equal(snap.Payload, older.Payload) {
		t.Fatalf("got snapshot seq %d, expected the healthy peer's seq %d", snap.Seq, older.Seq)
	}
	select {
	case <-killed:
	default:
		t.Fatal("the peer with the newer snapshot was never asked")
	}
}

func TestSyncFailures(t *testing.T) {
	log := newMemLog()
	log.first = 101
	log.fill(200)
	server, client := startSyncPair(t, log, 50)
	ctx := syncContext(t)
	sc := client.Sync()

	status, err := sc.Status(ctx, server.ID())
	if err != nil {
		t.Fatal(err)
	}
	if status.FirstSeq != 101 || status.LastSeq != 200 || status.SnapshotSeq != 0 {
		t.Fatalf("status %+v, expected seq 101 to 200 and no snapshot", status)
	}

	tests := []struct {
		name   string
		call   func() error
		target error
	}{
		{"before the first entry", func() error { _, err := sc.FetchLog(ctx, server.ID(), 50, 10); return err }, ErrRangeNotStored},
		{"past the last entry", func() error { _, err := sc.FetchLog(ctx, server.ID(), 201, 10); return err }, ErrPeerBehind},
		{"no snapshot", func() error { _, err := sc.FetchSnapshot(ctx, server.ID()); return err }, ErrNoSnapshot},
		{"too many entries", func() error { _, err := sc.FetchLog(ctx, server.ID(), 150, 51); return err }, ErrInvalidRequest},
		{"pruned everywhere", func() error {
			return sc.SyncLog(ctx, LogSync{From: 1, To: 150, Apply: newMemLog().apply})
		}, ErrRangeNotStored},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.target) {
				t.Fatalf("error %v, expected %v", err, tt.target)
			}
		})
	}

	var remote *RemoteError
	if _, err := sc.FetchLog(ctx, server.ID(), 50, 10); !errors.As(err, &remote) || remote.FirstSeq != 101 || remote.LastSeq != 200 {
		t.Fatalf("error %v, expected a RemoteError naming seq 101 to 200", err)
	}
}

func TestSyncUnavailableWithoutLogSource(t *testing.T) {
	server, client := startSyncPair(t, nil, 10)
	_, err := client.Sync().FetchLog(syncContext(t), server.ID(), 1, 10)
	if !errors.Is(err, ErrSyncUnavailable) {
		t.Fatalf("error %v, expected %v", err, ErrSyncUnavailable)
	}
}

// A server at its stream limit responds busy instead of queueing.
func TestSyncServerBusy(t *testing.T) {
	log := newMemLog()
	log.fill(100)
	release := make(chan struct{})
	entered := make(chan struct{})
	log.readHook = func(call int) {
		if call == 0 {
			close(entered)
			<-release
		}
	}
	cfg := testConfig(t)
	cfg.Limits.SyncServeStreamsMax = 1
	cfg.Limits.SnapshotServesMax = 1
	server := startHost(t, cfg, Handlers{Log: log})
	client := startHost(t, testConfig(t), Handlers{})
	connect(t, client, server)
	ctx := syncContext(t)

	first := make(chan error, 1)
	go func() {
		_, err := client.Sync().FetchLog(ctx, server.ID(), 1, 10)
		first <- err
	}()
	<-entered
	if _, err := client.Sync().FetchLog(ctx, server.ID(), 1, 10); !errors.Is(err, ErrPeerBusy) {
		t.Fatalf("second request: error %v, expected %v", err, ErrPeerBusy)
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatalf("first request: %v", err)
	}
}

// A client that runs out of peers holding the range gives up.
func TestSyncLogGivesUp(t *testing.T) {
	log := newMemLog()
	log.fill(10)
	cfg := testConfig(t)
	cfg.Limits.SyncRoundsMax = 2
	server := startHost(t, testConfig(t), Handlers{Log: log})
	client := startHost(t, cfg, Handlers{})
	connect(t, client, server)

	dst := newMemLog()
	dst.first = 5
	err := client.Sync().SyncLog(syncContext(t), LogSync{From: 5, To: 20, Apply: dst.apply})
	if !errors.Is(err, ErrSyncFailed) {
		t.Fatalf("error %v, expected %v", err, ErrSyncFailed)
	}
}

package p2p

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/thaliumx/thaliumx/node/store"
)

// waitTimeout bounds every poll in these tests. Events on loopback take
// milliseconds; the margin absorbs a loaded machine.
const waitTimeout = 20 * time.Second

// testLogger writes to the test log at the level of THX_TEST_LOG (debug,
// info, warn, error), or discards everything when it is unset.
func testLogger(t testing.TB) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(os.Getenv("THX_TEST_LOG"))); err != nil || os.Getenv("THX_TEST_LOG") == "" {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: level}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}

// testLimits are short intervals, so that meshes form, scores are checked
// and retries happen quickly.
func testLimits() Limits {
	return Limits{
		HeartbeatInterval:    100 * time.Millisecond,
		ScoreInspectInterval: 100 * time.Millisecond,
		GapReportDelay:       50 * time.Millisecond,
		GapReportInterval:    500 * time.Millisecond,
		BootnodeBackoffMin:   20 * time.Millisecond,
		BootnodeBackoffMax:   200 * time.Millisecond,
		DialTimeout:          5 * time.Second,
		SyncRequestTimeout:   5 * time.Second,
		SyncRetryDelay:       20 * time.Millisecond,
		SyncRoundsMax:        50,
	}
}

// testConfig returns a loopback-only configuration in a fresh directory.
func testConfig(t testing.TB) Config {
	return Config{
		DataDir:      t.TempDir(),
		LoopbackOnly: true,
		Log:          testExchange,
		Operator:     address(operatorKey(t)),
		Limits:       testLimits(),
		Logger:       testLogger(t),
		Registry:     prometheus.NewRegistry(),
		Seed:         1,
	}
}

// startHost starts a host and closes it when the test ends.
func startHost(t testing.TB, cfg Config, handlers Handlers) *Host {
	t.Helper()
	h, err := New(cfg, handlers)
	if err != nil {
		t.Fatalf("start host: %v", err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

func connect(t testing.TB, a, b *Host) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	if err := a.Connect(ctx, b.Addrs()[0]); err != nil {
		t.Fatalf("connect %s to %s: %v", a.ID(), b.ID(), err)
	}
}

// waitFor polls cond every few milliseconds until it holds, and fails the
// test with what when waitTimeout passes first.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", waitTimeout, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitMesh waits until every host has at least n mesh peers on topic.
func waitMesh(t testing.TB, topic string, n int, hosts ...*Host) {
	t.Helper()
	for i, h := range hosts {
		waitFor(t, fmt.Sprintf("host %d to have %d mesh peers on %s", i, n, topic), func() bool {
			return h.MeshPeers(topic) >= n
		})
	}
}

// orderRecorder is an OrderHandler that keeps what it receives.
type orderRecorder struct {
	mu   sync.Mutex
	got  []*OrderMessage
	byID map[string]int
}

func newOrderRecorder() *orderRecorder { return &orderRecorder{byID: map[string]int{}} }

func (r *orderRecorder) HandleOrderMessage(_ context.Context, m *OrderMessage) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, m)
	r.byID[m.ID]++
}

func (r *orderRecorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.got)
}

func (r *orderRecorder) deliveries(id string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byID[id]
}

func (r *orderRecorder) messages() []*OrderMessage {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*OrderMessage(nil), r.got...)
}

// memLog is an in-memory log: a LogSource to serve sync and a
// BatchHandler that appends the batches it is handed.
type memLog struct {
	mu       sync.Mutex
	first    uint64 // first stored seq
	entries  []store.Entry
	snapshot *store.Snapshot
	gaps     []Gap
	batches  int

	// readHook, when set, runs at the start of each ReadLog with the
	// number of earlier calls.
	readHook func(call int)
	reads    int
}

func newMemLog() *memLog { return &memLog{first: 1} }

// fill appends entries up to seq last with payloads that name their seq.
func (l *memLog) fill(last uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for seq := l.nextLocked(); seq <= last; seq++ {
		l.entries = append(l.entries, store.Entry{Seq: seq, Payload: testPayload(seq)})
	}
}

func (l *memLog) nextLocked() uint64 { return l.first + uint64(len(l.entries)) }

func (l *memLog) NextSeq() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.nextLocked()
}

func (l *memLog) FirstSeq() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.first
}

func (l *memLog) LastSeq() uint64 { return l.NextSeq() - 1 }

func (l *memLog) ReadLog(from uint64, maxEntries, maxBytes int) ([]store.Entry, error) {
	l.mu.Lock()
	call, hook := l.reads, l.readHook
	l.reads++
	l.mu.Unlock()
	if hook != nil {
		hook(call)
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	if from < l.first || from > l.nextLocked() {
		return nil, fmt.Errorf("%w: seq %d", store.ErrNotStored, from)
	}
	var out []store.Entry
	bytes := 0
	for _, e := range l.entries[from-l.first:] {
		if len(out) == maxEntries || (len(out) > 0 && bytes+len(e.Payload) > maxBytes) {
			break
		}
		out = append(out, e)
		bytes += len(e.Payload)
	}
	return out, nil
}

func (l *memLog) readCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.reads
}

func (l *memLog) Snapshots() ([]store.SnapshotInfo, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.snapshot == nil {
		return nil, nil
	}
	return []store.SnapshotInfo{{Seq: l.snapshot.Seq, StateHash: l.snapshot.StateHash, PayloadBytes: uint64(len(l.snapshot.Payload))}}, nil
}

func (l *memLog) LatestSnapshot() (store.Snapshot, []error, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.snapshot == nil {
		return store.Snapshot{}, nil, store.ErrNoSnapshot
	}
	return *l.snapshot, nil, nil
}

func (l *memLog) HandleBatch(_ context.Context, b *Batch) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b.First() != l.nextLocked() {
		return fmt.Errorf("batch starts at seq %d, the log expects %d", b.First(), l.nextLocked())
	}
	for _, e := range b.Entries {
		l.entries = append(l.entries, store.Entry{Seq: e.Seq, Payload: append([]byte(nil), e.Payload...)})
	}
	l.batches++
	return nil
}

func (l *memLog) HandleGap(_ context.Context, gap Gap) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.gaps = append(l.gaps, gap)
}

// apply appends synced entries, which must continue the log.
func (l *memLog) apply(entries []store.Entry) error {
	return l.HandleBatch(context.Background(), &Batch{Entries: entries})
}

func (l *memLog) reportedGaps() []Gap {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Gap(nil), l.gaps...)
}

func (l *memLog) all() []store.Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]store.Entry(nil), l.entries...)
}

// counter reads one child of a counter vector.
func counter(v *prometheus.CounterVec, labels ...string) float64 {
	return testutil.ToFloat64(v.WithLabelValues(labels...))
}

package node

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"math/big"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
)

func TestCheckCancelDelay(t *testing.T) {
	// The embedded dev chain's figures: a block a second, 1 confirmation,
	// the default batch interval and DevPollInterval.
	dev := cancelBindTiming{blockIntervalMs: 1000, confirmations: 1, batchIntervalMs: 1000, pollIntervalMs: 500}
	// Ethereum with the node's defaults: 12 s blocks, 12 confirmations.
	ethereum := cancelBindTiming{blockIntervalMs: 12_000, confirmations: 12, batchIntervalMs: 1000, pollIntervalMs: 2000}
	huge := ethereum
	huge.confirmations = math.MaxUint64
	// Twice 2^63 confirmations wraps to 0 in plain uint64 arithmetic.
	wrapping := ethereum
	wrapping.confirmations = 1 << 63
	unknown := ethereum
	unknown.blockIntervalMs = 0
	subSecond := cancelBindTiming{blockIntervalMs: 1, confirmations: 1}

	tests := []struct {
		name        string
		delay       uint64
		timing      cancelBindTiming
		wantVerdict cancelDelayVerdict
		wantMin     uint64
	}{
		// 2 × (2×1×1000 + 2×500 + 1000) ms = 8 s.
		{"dev default delay", 60, dev, cancelDelayEnough, 8},
		{"dev delay at minimum", 8, dev, cancelDelayEnough, 8},
		{"dev delay below minimum", 7, dev, cancelDelayTooShort, 8},
		// 2 × (2×12×12,000 + 2×2000 + 1000) ms = 586 s.
		{"ethereum default delay", 3600, ethereum, cancelDelayEnough, 586},
		{"ethereum five minutes", 300, ethereum, cancelDelayTooShort, 586},
		{"zero delay", 0, ethereum, cancelDelayZero, 586},
		{"zero delay unknown interval", 0, unknown, cancelDelayZero, 0},
		{"unknown interval", 60, unknown, cancelDelayUnchecked, 0},
		// The product saturates at MaxUint64 ms instead of wrapping to a
		// small number.
		{"huge confirmations", math.MaxUint32, huge, cancelDelayTooShort, math.MaxUint64/1000 + 1},
		{"confirmations doubling past 2^64", 3600, wrapping, cancelDelayTooShort, math.MaxUint64/1000 + 1},
		{"huge delay huge confirmations", math.MaxUint64, huge, cancelDelayEnough, math.MaxUint64/1000 + 1},
		// 2 × 2 ms rounds up to a whole second.
		{"sub-second need rounds up", 1, subSecond, cancelDelayEnough, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			verdict, minSeconds := checkCancelDelay(tt.delay, tt.timing)
			if verdict != tt.wantVerdict {
				t.Errorf("verdict %d, expected %d", verdict, tt.wantVerdict)
			}
			if minSeconds != tt.wantMin {
				t.Errorf("minimum delay %d s, expected %d s", minSeconds, tt.wantMin)
			}
		})
	}
}

func TestCancelDelayFixNamesRemedy(t *testing.T) {
	raise := cancelDelayFix(1, 586)
	if !strings.Contains(raise, "at least 586 s with setCancelDelay") || !strings.Contains(raise, "--confirmations 1=N") {
		t.Errorf("fix for a delay below 586 s: %q, expected setCancelDelay to 586 s and --confirmations 1=N", raise)
	}
	lower := cancelDelayFix(137, exchangeCancelDelaySecondsMax+1)
	if strings.Contains(lower, "setCancelDelay") || !strings.Contains(lower, "--confirmations 137=N") {
		t.Errorf("fix for a delay above the Exchange's maximum: %q, expected only --confirmations 137=N", lower)
	}
}

func TestMedianRunIntervalMs(t *testing.T) {
	tests := []struct {
		name      string
		times     []uint64 // head first
		runBlocks uint64
		want      uint64
		wantErr   bool
	}{
		{"regular 12 s", []uint64{1200, 1008, 816, 624, 432}, 16, 12_000, false},
		{"sub-second", []uint64{100, 96, 92, 88, 84}, 16, 250, false},
		{"one run spans a pause", []uint64{5000, 4968, 1032, 1000, 968}, 16, 2000, false},
		// Three runs of 1, 2 and 7 s: the median is the middle one.
		{"three single blocks", []uint64{10, 9, 7, 0}, 1, 2000, false},
		// Two runs of 1 and 3 s: the upper median is the longer one.
		{"two runs", []uint64{10, 9, 6}, 1, 3000, false},
		{"rounds up", []uint64{10, 9}, 3, 334, false},
		{"equal timestamps", []uint64{50, 50, 50}, 16, 0, false},
		{"saturates", []uint64{math.MaxUint64, 0}, 1, math.MaxUint64, false},
		{"decreasing timestamps", []uint64{100, 110}, 1, 0, true},
		{"one timestamp", []uint64{100}, 1, 0, true},
		{"no blocks per run", []uint64{100, 90}, 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := medianRunIntervalMs(tt.times, tt.runBlocks)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, expected an error: %t", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("interval %d ms, expected %d ms", got, tt.want)
			}
		})
	}
}

// fakeHeaders serves headers whose times come from timeOf, with head as
// the latest block.
type fakeHeaders struct {
	head   uint64
	timeOf func(number uint64) uint64
	err    error
	reads  int
}

func (f *fakeHeaders) HeaderByNumber(_ context.Context, number *big.Int) (*types.Header, error) {
	f.reads++
	if f.err != nil {
		return nil, f.err
	}
	n := f.head
	if number != nil {
		n = number.Uint64()
	}
	return &types.Header{Number: new(big.Int).SetUint64(n), Time: f.timeOf(n)}, nil
}

func TestEstimateBlockInterval(t *testing.T) {
	const start = 1_796_000_000 // a unix time in 2026
	every := func(seconds uint64) func(uint64) uint64 {
		return func(n uint64) uint64 { return start + n*seconds }
	}
	// The embedded dev chain after its first start: a deployment of four
	// blocks a second apart, the head two seconds ahead of the wall clock.
	devFresh := func(n uint64) uint64 {
		if n == 0 {
			return 0
		}
		return start + n
	}
	// A dev chain stopped for an hour after block 90.
	devResumed := func(n uint64) uint64 {
		if n <= 90 {
			return start + 2*n
		}
		return start + 3600 + 2*n
	}
	at := func(seconds uint64) time.Time { return time.Unix(int64(seconds), 0) }

	tests := []struct {
		name       string
		headers    *fakeHeaders
		now        time.Time
		wantMs     uint64
		wantReason string // a part of the reason when wantMs is 0
		wantErr    bool
	}{
		{"ethereum", &fakeHeaders{head: 20_000_000, timeOf: every(12)}, at(start + 20_000_000*12 + 5), 12_000, "", false},
		{"quarter-second blocks", &fakeHeaders{head: 1_000_000, timeOf: func(n uint64) uint64 { return start + n/4 }}, at(start + 250_001), 250, "", false},
		{"dev chain after deployment", &fakeHeaders{head: 4, timeOf: devFresh}, at(start + 2), 1000, "", false},
		{"dev chain resumed after a pause", &fakeHeaders{head: 100, timeOf: devResumed}, at(devResumed(100) + 1), 2000, "", false},
		{"node clock behind the chain", &fakeHeaders{head: 1000, timeOf: every(2)}, at(start), 2000, "", false},
		{"young chain", &fakeHeaders{head: 3, timeOf: devFresh}, at(start + 3), 0, "3 blocks after genesis", false},
		{"genesis only", &fakeHeaders{head: 0, timeOf: devFresh}, at(start), 0, "0 blocks after genesis", false},
		{"blocks on demand", &fakeHeaders{head: 50, timeOf: every(1)}, at(start + 50 + 3600), 0, "on demand", false},
		{"equal timestamps", &fakeHeaders{head: 500, timeOf: func(uint64) uint64 { return start }}, at(start), 0, "equal timestamps", false},
		{"decreasing timestamps", &fakeHeaders{head: 500, timeOf: func(n uint64) uint64 { return start + 1000 - n }}, at(start), 0, "", true},
		{"read fails", &fakeHeaders{head: 500, timeOf: every(1), err: errors.New("connection refused")}, at(start), 0, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := estimateBlockInterval(context.Background(), tt.headers, tt.now)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, expected an error: %t", err, tt.wantErr)
			}
			if got.ms != tt.wantMs {
				t.Errorf("interval %d ms, expected %d ms (reason %q)", got.ms, tt.wantMs, got.reason)
			}
			if !strings.Contains(got.reason, tt.wantReason) {
				t.Errorf("reason %q, expected it to contain %q", got.reason, tt.wantReason)
			}
			if tt.headers.reads > blockIntervalRuns+1 {
				t.Errorf("read %d headers, expected at most %d", tt.headers.reads, blockIntervalRuns+1)
			}
		})
	}
}

// recordingHandler is a slog.Handler that keeps every record, with the
// attributes added by With, for a test to inspect.
type recordingHandler struct {
	mu      *sync.Mutex
	records *[]slog.Record
	attrs   []slog.Attr
}

func newRecordingHandler() recordingHandler {
	return recordingHandler{mu: &sync.Mutex{}, records: &[]slog.Record{}}
}

func (h recordingHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h recordingHandler) Handle(_ context.Context, r slog.Record) error {
	r = r.Clone()
	r.AddAttrs(h.attrs...)
	h.mu.Lock()
	defer h.mu.Unlock()
	*h.records = append(*h.records, r)
	return nil
}

func (h recordingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	h.attrs = append(slices.Clip(h.attrs), attrs...)
	return h
}

// WithGroup ignores the group: the node logs no groups.
func (h recordingHandler) WithGroup(string) slog.Handler { return h }

// withMessage returns the records whose message starts with prefix.
func (h recordingHandler) withMessage(prefix string) []slog.Record {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []slog.Record
	for _, r := range *h.records {
		if strings.HasPrefix(r.Message, prefix) {
			out = append(out, r)
		}
	}
	return out
}

// recordAttr returns the value of a record's attribute as text, and
// whether the record has it.
func recordAttr(r slog.Record, key string) (string, bool) {
	var value string
	var found bool
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == key {
			value, found = a.Value.String(), true
			return false
		}
		return true
	})
	return value, found
}

// startDevNodeRecording starts a dev chain and a node on it whose logs h
// records, with the chain's confirmations set unless confirmations is 0.
func startDevNodeRecording(t *testing.T, confirmations uint64) recordingHandler {
	t.Helper()
	dir := t.TempDir()
	dev, err := StartDev(context.Background(), DevConfig{DataDir: dir, Accounts: 3, Logger: quietLogger()})
	if err != nil {
		t.Fatalf("start dev chain: %v", err)
	}
	t.Cleanup(func() { _ = dev.Close() })
	h := newRecordingHandler()
	startTestNode(t, dir, func(c *Config) {
		c.Logger = slog.New(h)
		c.Chains, c.Markets = nil, nil
		if err := dev.Configure(c); err != nil {
			t.Fatalf("configure dev node: %v", err)
		}
		if confirmations != 0 {
			c.Chains[0].Confirmations = confirmations
		}
	})
	return h
}

func TestDevNodeCancelDelayCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an embedded chain")
	}
	t.Run("default config", func(t *testing.T) {
		h := startDevNodeRecording(t, 0)
		if warnings := h.withMessage("exchange cancel delay is shorter"); len(warnings) != 0 {
			t.Fatalf("the default dev node warned that its cancel delay is too short: %v", warnings)
		}
		lines := h.withMessage("exchange cancel delay")
		if len(lines) != 1 {
			t.Fatalf("%d cancel delay lines, expected 1: %v", len(lines), lines)
		}
		line := lines[0]
		if line.Level != slog.LevelInfo {
			t.Errorf("cancel delay line at level %s, expected INFO", line.Level)
		}
		if seconds, _ := recordAttr(line, "seconds"); seconds != "60" {
			t.Errorf("seconds=%q, expected the dev Exchange's 60", seconds)
		}
		// The deployment's blocks are a second apart, so the chain is
		// measured at once, not reported as too young.
		if interval, ok := recordAttr(line, "blockIntervalMs"); !ok || interval == "0" {
			t.Errorf("blockIntervalMs=%q, expected a measured interval: %v", interval, line)
		}
	})
	t.Run("many confirmations", func(t *testing.T) {
		h := startDevNodeRecording(t, 100)
		warnings := h.withMessage("exchange cancel delay is shorter")
		if len(warnings) != 1 {
			t.Fatalf("%d short cancel delay warnings with 100 confirmations, expected 1", len(warnings))
		}
		warning := warnings[0]
		if warning.Level != slog.LevelWarn {
			t.Errorf("warning at level %s, expected WARN", warning.Level)
		}
		for key, want := range map[string]string{"seconds": "60", "confirmations": "100"} {
			if got, _ := recordAttr(warning, key); got != want {
				t.Errorf("%s=%q, expected %q", key, got, want)
			}
		}
		for _, key := range []string{"minSeconds", "neededSeconds", "blockIntervalMs", "fix", "chain", "exchange"} {
			if _, ok := recordAttr(warning, key); !ok {
				t.Errorf("the warning has no %s field: %v", key, warning)
			}
		}
		if fix, _ := recordAttr(warning, "fix"); !strings.Contains(fix, "setCancelDelay") {
			t.Errorf("fix=%q, expected it to name setCancelDelay", fix)
		}
	})
}

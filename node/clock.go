package node

import (
	"sync"
	"time"
)

// Clock is the node's source of time: entry times, ticks, batch seals and
// snapshots all follow it, so tests drive them with a ManualClock instead
// of sleeping.
type Clock interface {
	Now() time.Time
	// NewTicker returns a ticker that sends the time every d, dropping
	// ticks a slow receiver misses, as time.Ticker does.
	NewTicker(d time.Duration) Ticker
}

// Ticker delivers the ticks of a Clock.
type Ticker interface {
	C() <-chan time.Time
	Stop()
}

// SystemClock returns the wall clock.
func SystemClock() Clock { return systemClock{} }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) NewTicker(d time.Duration) Ticker { return systemTicker{time.NewTicker(d)} }

type systemTicker struct{ t *time.Ticker }

func (t systemTicker) C() <-chan time.Time { return t.t.C }
func (t systemTicker) Stop()               { t.t.Stop() }

// ManualClock is a Clock that moves only when Advance is called. Its
// tickers fire during Advance for every period that the advance passes,
// at most once per Advance call, like time.Ticker dropping ticks for a
// slow receiver. It is safe for concurrent use.
type ManualClock struct {
	mu      sync.Mutex
	now     time.Time
	tickers []*manualTicker
}

// NewManualClock returns a ManualClock that reads start.
func NewManualClock(start time.Time) *ManualClock {
	return &ManualClock{now: start}
}

// Now returns the clock's time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// NewTicker returns a ticker whose first tick is due d after the clock's
// current time.
func (c *ManualClock) NewTicker(d time.Duration) Ticker {
	if d <= 0 {
		panic("node: ManualClock.NewTicker needs a positive period")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &manualTicker{clock: c, period: d, next: c.now.Add(d), ch: make(chan time.Time, 1)}
	c.tickers = append(c.tickers, t)
	return t
}

// Advance moves the clock forward by d and fires the tickers that came
// due.
func (c *ManualClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	for _, t := range c.tickers {
		if t.stopped || t.next.After(c.now) {
			continue
		}
		for !t.next.After(c.now) {
			t.next = t.next.Add(t.period)
		}
		select {
		case t.ch <- c.now:
		default:
		}
	}
}

type manualTicker struct {
	clock   *ManualClock
	period  time.Duration
	next    time.Time
	ch      chan time.Time
	stopped bool
}

func (t *manualTicker) C() <-chan time.Time { return t.ch }

func (t *manualTicker) Stop() {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	t.stopped = true
}

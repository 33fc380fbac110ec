package rpc

import (
	"fmt"
	"net"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiterSet holds one token bucket per key (a client IP or a trader),
// at most keysMax of them.
type limiterSet struct {
	// scope names the key and unit what one token pays for, in the
	// error text: "client IP" and "calls", or "trader" and "signed
	// orders, cancels and withdrawals".
	scope string
	unit  string
	// keyText formats a key for messages, or is nil to show the key as it is.
	keyText func(key string) string
	limit   rate.Limit
	burst   int
	keysMax int
	now     func() time.Time

	mu sync.Mutex
	// entries contains the buckets by key. Invariant: len(entries) <= keysMax.
	entries map[string]*limiterEntry
}

type limiterEntry struct {
	bucket *rate.Limiter
	seen   time.Time
}

// newLimiterSet returns nil, which allows everything, when perSecond is 0.
func newLimiterSet(scope, unit string, perSecond float64, burst, keysMax int, now func() time.Time) *limiterSet {
	if perSecond == 0 {
		return nil
	}
	return &limiterSet{
		scope: scope, unit: unit, limit: rate.Limit(perSecond), burst: burst, keysMax: keysMax, now: now,
		entries: make(map[string]*limiterEntry),
	}
}

// allow takes one token from the key's bucket. When the bucket is empty it
// takes nothing and returns an error that wraps ErrRateLimited with the
// wait until the next token.
func (s *limiterSet) allow(key string) (retryAfter time.Duration, err error) {
	return s.allowN(key, 1)
}

// allowN takes n tokens from the key's bucket, or none when it holds
// fewer, as allow does for one.
func (s *limiterSet) allowN(key string, n int) (retryAfter time.Duration, err error) {
	if s == nil || n <= 0 {
		return 0, nil
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()

	e, ok := s.entries[key]
	if !ok {
		if len(s.entries) >= s.keysMax {
			s.evict(now)
		}
		e = &limiterEntry{bucket: rate.NewLimiter(s.limit, s.burst)}
		s.entries[key] = e
	}
	e.seen = now
	r := e.bucket.ReserveN(now, n)
	if !r.OK() {
		return 0, fmt.Errorf("%w: %s %s requested %d %s at once, more than its burst of %d; send fewer per call",
			ErrRateLimited, s.scope, s.text(key), n, s.unit, s.burst)
	}
	delay := r.DelayFrom(now)
	if delay == 0 {
		return 0, nil
	}
	r.CancelAt(now)
	return delay, fmt.Errorf("%w: %s %s is over %g %s per second (burst %d); retry in %d ms",
		ErrRateLimited, s.scope, s.text(key), float64(s.limit), s.unit, s.burst, delay.Milliseconds()+1)
}

// text returns a key as messages show it.
func (s *limiterSet) text(key string) string {
	if s.keyText == nil {
		return key
	}
	return s.keyText(key)
}

// evict makes room for new keys. It deletes every bucket that has been
// idle long enough to be full again, and if that frees less than a
// sixteenth of keysMax, it deletes arbitrary buckets until it does. Going
// in steps keeps the cost per new key constant on average.
//
// REQUIRES: s.mu held.
func (s *limiterSet) evict(now time.Time) {
	refill := time.Duration(float64(s.burst) / float64(s.limit) * float64(time.Second))
	for key, e := range s.entries {
		if now.Sub(e.seen) >= refill {
			delete(s.entries, key)
		}
	}
	target := s.keysMax - max(s.keysMax/16, 1)
	for key := range s.entries {
		if len(s.entries) <= target {
			break
		}
		delete(s.entries, key)
	}
}

// size returns the number of tracked keys.
func (s *limiterSet) size() int {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// remoteIP returns the IP of a "host:port" remote address, or the address
// itself when it has no port.
func remoteIP(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		return remoteAddr
	}
	return host
}

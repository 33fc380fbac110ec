package rpc

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// fakeClock is a clock that moves only when a test advances it.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestRateLimitPerIP(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	ts := startServer(t, func(c *Config) {
		c.RequestsPerSecondPerIP, c.RequestBurstPerIP, c.Now = 10, 3, clock.Now
	})
	for name, c := range ts.clients() {
		t.Run(name, func(t *testing.T) {
			for i := range 3 {
				if err := c.Call(nil, "thx_nodeInfo"); err != nil {
					t.Fatalf("call %d within the burst: %v", i, err)
				}
			}
			data := expectCode(t, c.Call(nil, "thx_nodeInfo"), CodeRateLimited, "rate_limited")
			if data.RetryAfterMs < 1 || data.RetryAfterMs > 101 {
				t.Fatalf("retryAfterMs %d, expected about 100", data.RetryAfterMs)
			}
			clock.advance(100 * time.Millisecond)
			if err := c.Call(nil, "thx_nodeInfo"); err != nil {
				t.Fatalf("call after the refill: %v", err)
			}
			clock.advance(time.Second) // refill the burst for the next transport
		})
	}
	if got := testutil.ToFloat64(ts.srv.metrics.rateLimited.WithLabelValues("ip")); got != 2 {
		t.Fatalf("rate-limited calls %v, expected 2", got)
	}
}

// TestRateLimitBatchCountsEachCall checks that each call of a batch takes
// a token.
func TestRateLimitBatchCountsEachCall(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	ts := startServer(t, func(c *Config) {
		c.RequestsPerSecondPerIP, c.RequestBurstPerIP, c.Now = 1, 2, clock.Now
	})
	call := `{"jsonrpc":"2.0","id":%d,"method":"thx_nodeInfo","params":[]}`
	_, body := ts.rawPost(fmt.Sprintf("["+call+","+call+","+call+"]", 1, 2, 3))
	for i, want := range []int{0, 0, CodeRateLimited} {
		var replies []rawReply
		mustDecode(t, []byte(body), &replies)
		got := 0
		if replies[i].Error != nil {
			got = replies[i].Error.Code
		}
		if got != want {
			t.Fatalf("batch call %d: code %d, expected %d; reply %s", i, got, want, body)
		}
	}
}

func TestRateLimitPerTrader(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	ts := startServer(t, func(c *Config) {
		c.OrdersPerSecondPerTrader, c.OrderBurstPerTrader, c.Now = 1, 2, clock.Now
	})
	c := ts.httpClient()
	alice, bob := newTrader(t, "alice"), newTrader(t, "bob")
	ts.fund(alice)
	ts.fund(bob)
	alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "5", "0.01"))
	alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "5", "0.01"))
	before := ts.backend.stateHash()
	_, err := alice.place(t, c, alice.limitOrder("THAL/USDC", "sell", "5", "0.01"))
	data := expectCode(t, err, CodeRateLimited, "rate_limited")
	if data.RetryAfterMs < 900 {
		t.Fatalf("retryAfterMs %d, expected about 1000", data.RetryAfterMs)
	}
	if !strings.Contains(err.Error(), "is over 1 signed orders, cancels and withdrawals per second") {
		t.Errorf("trader limit error %q does not name the orders it counts", err)
	}
	if !strings.Contains(err.Error(), "trader "+alice.addr.Hex()+" is over") {
		t.Errorf("trader limit error %q does not name the trader %s", err, alice.addr.Hex())
	}
	if ts.backend.stateHash() != before {
		t.Fatalf("a rate-limited order changed the state")
	}
	// Reads and other traders are not limited by alice's orders.
	if err := c.Call(nil, "thx_openOrders", alice.addr); err != nil {
		t.Fatalf("read after the trader limit: %v", err)
	}
	bob.mustPlace(t, c, bob.limitOrder("THAL/USDC", "buy", "1", "0.01"))
	clock.advance(time.Second)
	alice.mustPlace(t, c, alice.limitOrder("THAL/USDC", "sell", "5", "0.01"))
}

func TestLimiterSetBoundsKeys(t *testing.T) {
	clock := &fakeClock{now: time.Unix(0, 0)}
	s := newLimiterSet("trader", "signed orders, cancels and withdrawals", 1, 1, 64, clock.Now)
	for i := range 1000 {
		if _, err := s.allow(fmt.Sprint("key", i)); err != nil {
			t.Fatalf("first call of key %d: %v", i, err)
		}
		if n := s.size(); n > 64 {
			t.Fatalf("%d keys tracked, the limit is 64", n)
		}
	}
	// A key whose bucket is empty stays limited while it is tracked.
	if _, err := s.allow("key999"); !errors.Is(err, ErrRateLimited) {
		t.Fatalf("second call of the newest key: %v, expected rate limited", err)
	}
	// Once their refill time has passed, the old buckets are idle, and the
	// next sweep drops all of them and keeps the new ones.
	clock.advance(2 * time.Second)
	for i := 0; ; i++ {
		before := s.size()
		if _, err := s.allow(fmt.Sprint("fresh", i)); err != nil {
			t.Fatalf("new key after the idle time: %v", err)
		}
		if s.size() <= before {
			if s.size() != i+1 {
				t.Fatalf("%d keys after the idle sweep, expected the %d new ones", s.size(), i+1)
			}
			break
		}
		if i > 64 {
			t.Fatalf("no sweep after %d new keys", i)
		}
	}
}

func TestLimiterSetDisabled(t *testing.T) {
	s := newLimiterSet("client IP", "calls", 0, 0, 10, time.Now)
	for range 100 {
		if _, err := s.allow("127.0.0.1"); err != nil {
			t.Fatalf("disabled limiter rejected a call: %v", err)
		}
	}
}

func TestWebSocketConnectionsMax(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.WebSocketConnectionsMax = 1 })
	ts.wsClient()
	_, err := dialWebSocket(ts.wsURL)
	if err == nil {
		t.Fatalf("second WebSocket connection accepted over a limit of 1")
	}
}

func dialWebSocket(url string) (*websocket.Conn, error) {
	conn, resp, err := websocket.DefaultDialer.Dial(url, nil)
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	return conn, err
}

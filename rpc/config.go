package rpc

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Config sets the API's limits and collaborators. Every limit has its unit
// last; DefaultConfig returns the documented defaults (docs/RPC.md).
type Config struct {
	// BodyBytesMax bounds an HTTP request body.
	BodyBytesMax int
	// BatchItemsMax bounds the calls of one batch request.
	BatchItemsMax int
	// BatchResponseBytesMax bounds the reply to one batch request.
	BatchResponseBytesMax int
	// WebSocketMessageBytesMax bounds one message read from a WebSocket.
	WebSocketMessageBytesMax int64
	// WebSocketConnectionsMax bounds the open WebSocket connections.
	WebSocketConnectionsMax int
	// SubscriptionsPerConnectionMax bounds the subscriptions of one
	// WebSocket connection.
	SubscriptionsPerConnectionMax int
	// SubscriberBufferEvents bounds the notifications queued for one
	// subscription; a subscriber that falls this far behind is disconnected.
	SubscriberBufferEvents int

	// RequestsPerSecondPerIP and RequestBurstPerIP limit the calls of one
	// client IP; a rate of 0 disables the limit.
	RequestsPerSecondPerIP float64
	RequestBurstPerIP      int
	// OrdersPerSecondPerTrader and OrderBurstPerTrader limit placeOrder,
	// cancelOrder and withdraw per trader; a rate of 0 disables the limit.
	OrdersPerSecondPerTrader float64
	OrderBurstPerTrader      int
	// RateLimitKeysMax bounds the IPs and the traders tracked at once.
	RateLimitKeysMax int

	// BookDepthDefault and BookDepthMax are the levels per side that
	// thx_orderBook returns without a depth and at most.
	BookDepthDefault int
	BookDepthMax     int
	// PageLimitDefault is the items of a history page without a limit.
	PageLimitDefault int

	// AllowedOrigins lists the browser origins allowed to call over HTTP
	// (CORS) and WebSocket, and "*" allows all. Signatures, not origins,
	// authorise every write, so "*" is the default. An empty list sends no
	// CORS headers and lets go-ethereum admit WebSocket connections from
	// http://localhost and the machine's host name only.
	AllowedOrigins []string

	// Registry receives the API's metrics and is served at /metrics. Nil
	// makes a private registry.
	Registry *prometheus.Registry
	// Logger receives the API's log lines. Nil uses slog.Default().
	Logger *slog.Logger
	// Now is the clock of the rate limiters. Nil uses time.Now.
	Now func() time.Time
}

// DefaultConfig returns the default limits.
func DefaultConfig() Config {
	return Config{
		BodyBytesMax:                  1 << 20,
		BatchItemsMax:                 100,
		BatchResponseBytesMax:         10 << 20,
		WebSocketMessageBytesMax:      1 << 20,
		WebSocketConnectionsMax:       1000,
		SubscriptionsPerConnectionMax: 32,
		SubscriberBufferEvents:        1024,
		RequestsPerSecondPerIP:        200,
		RequestBurstPerIP:             400,
		OrdersPerSecondPerTrader:      50,
		OrderBurstPerTrader:           100,
		RateLimitKeysMax:              100_000,
		BookDepthDefault:              50,
		BookDepthMax:                  1000,
		PageLimitDefault:              100,
		AllowedOrigins:                []string{"*"},
	}
}

// Validate checks that every limit is usable.
func (c *Config) Validate() error {
	positive := []struct {
		name  string
		value int64
	}{
		{"BodyBytesMax", int64(c.BodyBytesMax)},
		{"BatchItemsMax", int64(c.BatchItemsMax)},
		{"BatchResponseBytesMax", int64(c.BatchResponseBytesMax)},
		{"WebSocketMessageBytesMax", c.WebSocketMessageBytesMax},
		{"WebSocketConnectionsMax", int64(c.WebSocketConnectionsMax)},
		{"SubscriptionsPerConnectionMax", int64(c.SubscriptionsPerConnectionMax)},
		{"SubscriberBufferEvents", int64(c.SubscriberBufferEvents)},
		{"RateLimitKeysMax", int64(c.RateLimitKeysMax)},
		{"BookDepthDefault", int64(c.BookDepthDefault)},
		{"BookDepthMax", int64(c.BookDepthMax)},
		{"PageLimitDefault", int64(c.PageLimitDefault)},
	}
	for _, p := range positive {
		if p.value <= 0 {
			return fmt.Errorf("rpc: config %s is %d; it must be above 0", p.name, p.value)
		}
	}
	switch {
	case c.BookDepthDefault > c.BookDepthMax:
		return fmt.Errorf("rpc: config BookDepthDefault %d is above BookDepthMax %d", c.BookDepthDefault, c.BookDepthMax)
	case c.PageLimitDefault > PageLimitMax:
		return fmt.Errorf("rpc: config PageLimitDefault %d is above PageLimitMax %d", c.PageLimitDefault, PageLimitMax)
	case c.RequestsPerSecondPerIP < 0 || c.OrdersPerSecondPerTrader < 0:
		return fmt.Errorf("rpc: config rates must not be negative")
	case c.RequestsPerSecondPerIP > 0 && c.RequestBurstPerIP <= 0:
		return fmt.Errorf("rpc: config RequestBurstPerIP is %d; it must be above 0 when RequestsPerSecondPerIP is set", c.RequestBurstPerIP)
	case c.OrdersPerSecondPerTrader > 0 && c.OrderBurstPerTrader <= 0:
		return fmt.Errorf("rpc: config OrderBurstPerTrader is %d; it must be above 0 when OrdersPerSecondPerTrader is set", c.OrderBurstPerTrader)
	}
	return nil
}

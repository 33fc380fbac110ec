package rpc

import (
	"fmt"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the API's own Prometheus collectors. Labels take values from
// fixed sets (method names, error codes, scopes, subscription kinds), so
// their cardinality is bounded.
type metrics struct {
	requests      *prometheus.CounterVec
	duration      *prometheus.HistogramVec
	rateLimited   *prometheus.CounterVec
	subscriptions *prometheus.GaugeVec
	slow          *prometheus.CounterVec
	connections   prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_rpc_requests_total",
			Help: "JSON-RPC calls by method and result code (0 for success).",
		}, []string{"method", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "thx_rpc_request_duration_seconds",
			Help:    "Time to serve a JSON-RPC call, by method, in seconds.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 4, 9),
		}, []string{"method"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_rpc_rate_limited_total",
			Help: "Calls rejected by a rate limit, by scope (ip or trader).",
		}, []string{"scope"}),
		subscriptions: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "thx_rpc_subscriptions",
			Help: "Active WebSocket subscriptions by kind.",
		}, []string{"kind"}),
		slow: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_rpc_slow_subscribers_total",
			Help: "Subscribers disconnected because their send buffer was full, by kind.",
		}, []string{"kind"}),
		connections: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "thx_rpc_websocket_connections",
			Help: "Open WebSocket connections.",
		}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.duration, m.rateLimited, m.subscriptions, m.slow, m.connections} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("rpc: register metrics: %w", err)
		}
	}
	return m, nil
}

func (m *metrics) observe(method string, code int, elapsed time.Duration) {
	m.requests.WithLabelValues(method, strconv.Itoa(code)).Inc()
	m.duration.WithLabelValues(method).Observe(elapsed.Seconds())
}

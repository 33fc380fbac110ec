package p2p

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// Validation results, the values of the result label.
const (
	resultAccepted = "accepted"
	resultRejected = "rejected"
	resultIgnored  = "ignored"
)

// Reasons a message is rejected or ignored, the values of the reason label.
const (
	reasonOversized   = "oversized"
	reasonMalformed   = "malformed"
	reasonWrongTopic  = "wrong_topic"
	reasonSignature   = "invalid_signature"
	reasonNotOperator = "not_operator"
	reasonRateLimited = "rate_limited"
	reasonReplay      = "replay"
	reasonStale       = "stale"
	reasonExpired     = "expired"
	reasonQueueFull   = "queue_full"
	reasonUndelivered = "subscriber_full"
	reasonPendingFull = "pending_full"
)

// metrics are the host's Prometheus collectors.
type metrics struct {
	messages     *prometheus.CounterVec // topic, result
	rejected     *prometheus.CounterVec // topic kind, reason
	peers        prometheus.GaugeFunc
	bans         prometheus.Counter
	gaps         prometheus.Counter
	batches      *prometheus.CounterVec // result: applied, stale, failed
	syncBytes    *prometheus.CounterVec // direction: sent, received
	syncRequests *prometheus.CounterVec // kind, status, on the server
}

func newMetrics(reg prometheus.Registerer, peers func() float64) (*metrics, error) {
	m := &metrics{
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_p2p_messages_total",
			Help: "Gossip messages validated, by topic and result (accepted, rejected, ignored).",
		}, []string{"topic", "result"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_p2p_dropped_messages_total",
			Help: "Gossip messages rejected or ignored, by topic kind (orders, log, rejections) and reason.",
		}, []string{"kind", "reason"}),
		peers: prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "thx_p2p_peers",
			Help: "Connected peers.",
		}, peers),
		bans: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "thx_p2p_peer_bans_total",
			Help: "Peers disconnected and banned for a gossip score below the ban threshold.",
		}),
		gaps: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "thx_p2p_log_gaps_total",
			Help: "Gaps reported before a log batch that arrived ahead of the log.",
		}),
		batches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_p2p_log_batches_total",
			Help: "Log batches from gossip, by outcome (applied, stale, failed, dropped).",
		}, []string{"result"}),
		syncBytes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_p2p_sync_bytes_total",
			Help: "Bytes of sync protocol frames, by direction (sent, received).",
		}, []string{"direction"}),
		syncRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_p2p_sync_requests_served_total",
			Help: "Sync requests served, by kind (status, log, snapshot) and status.",
		}, []string{"kind", "status"}),
	}
	for _, c := range []prometheus.Collector{m.messages, m.rejected, m.peers, m.bans, m.gaps, m.batches, m.syncBytes, m.syncRequests} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("%w: register p2p metrics: %w; give each host its own registry", ErrInvalidConfig, err)
		}
	}
	return m, nil
}

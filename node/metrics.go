package node

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the node's Prometheus metrics. Latencies are in seconds, as
// Prometheus names them.
type metrics struct {
	ordersAccepted   prometheus.Counter
	requestsRejected *prometheus.CounterVec // by entry type and reason
	ingressFull      prometheus.Counter
	ingressDepth     prometheus.GaugeFunc
	replaySet        prometheus.GaugeFunc
	trades           *prometheus.CounterVec // by market symbol
	matchLatency     prometheus.Histogram
	logSyncLatency   prometheus.Histogram
	ackLatency       prometheus.Histogram
	entries          *prometheus.CounterVec // by entry type
	logSeq           prometheus.Gauge
	indexedThrough   prometheus.Gauge
	subscribers      *prometheus.CounterVec // dropped, by topic
	batchesSealed    *prometheus.CounterVec // by chain
	batchesSettled   *prometheus.CounterVec // by chain and outcome
	settlementGas    *prometheus.CounterVec // by chain
	chainHeadLag     *prometheus.GaugeVec   // by chain, in blocks
	snapshots        prometheus.Counter
	snapshotSeconds  prometheus.Histogram
}

// latencyBuckets span 50 µs to about 3 s.
var latencyBuckets = prometheus.ExponentialBuckets(50e-6, 2, 17)

// newMetrics registers the node's metrics. ingressDepth and replaySet are
// read at each scrape.
func newMetrics(reg *prometheus.Registry, ingressDepth, replaySet func() float64) (*metrics, error) {
	m := &metrics{
		ordersAccepted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "thx_orders_accepted_total", Help: "Orders sequenced and durable."}),
		requestsRejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_requests_rejected_total", Help: "Signed requests rejected, by entry type and reason."},
			[]string{"type", "reason"}),
		ingressFull: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "thx_ingress_queue_full_total", Help: "Requests rejected because the ingress queue was full."}),
		ingressDepth: prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "thx_ingress_queue_requests", Help: "Requests waiting for signature verification."}, ingressDepth),
		replaySet: prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "thx_replay_set_orders",
			Help: "Order hashes in the replay set. A hash leaves it 30 s before the order's signed expiry, once the order is closed and settled; hashes of orders without an expiry stay."},
			replaySet),
		trades: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_trades_total", Help: "Trades made, by market."}, []string{"market"}),
		matchLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "thx_match_latency_seconds", Help: "Time to apply one entry to the state machine.", Buckets: latencyBuckets}),
		logSyncLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "thx_log_sync_latency_seconds", Help: "Time from submitting a round of entries to the log until it is durable.", Buckets: latencyBuckets}),
		ackLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "thx_ack_latency_seconds", Help: "Time from receiving a signed request to acknowledging it.", Buckets: latencyBuckets}),
		entries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_log_entries_total", Help: "Log entries applied and durable, by type."}, []string{"type"}),
		logSeq: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "thx_log_durable_seq", Help: "Sequence number of the last durable log entry."}),
		indexedThrough: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "thx_log_indexed_seq", Help: "Sequence number through which query indexes are written."}),
		subscribers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_subscribers_dropped_total", Help: "Subscribers dropped for falling behind, by topic."}, []string{"topic"}),
		batchesSealed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_settlement_batches_sealed_total", Help: "Settlement batches sealed, by chain."}, []string{"chain"}),
		batchesSettled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_settlement_batches_total", Help: "Settlement batches with an outcome on chain, by chain and outcome."},
			[]string{"chain", "outcome"}),
		settlementGas: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_settlement_gas_used_total", Help: "Gas used by settlement transactions, by chain."}, []string{"chain"}),
		chainHeadLag: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "thx_chain_head_lag_blocks", Help: "Blocks between a chain's head and the last block the deposit watcher read."},
			[]string{"chain"}),
		snapshots: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "thx_snapshots_total", Help: "State snapshots saved."}),
		snapshotSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "thx_snapshot_encode_seconds", Help: "Time the sequencer spends encoding one snapshot.", Buckets: latencyBuckets}),
	}
	cs := []prometheus.Collector{
		m.ordersAccepted, m.requestsRejected, m.ingressFull, m.ingressDepth, m.replaySet, m.trades, m.matchLatency,
		m.logSyncLatency, m.ackLatency, m.entries, m.logSeq, m.indexedThrough, m.subscribers, m.batchesSealed,
		m.batchesSettled, m.settlementGas, m.chainHeadLag, m.snapshots, m.snapshotSeconds,
	}
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	// The registry may already hold the process-wide collectors, for
	// example when a test runs several nodes on one registry.
	shared := []prometheus.Collector{
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	}
	for _, c := range shared {
		var exists prometheus.AlreadyRegisteredError
		if err := reg.Register(c); err != nil && !errors.As(err, &exists) {
			return nil, err
		}
	}
	return m, nil
}

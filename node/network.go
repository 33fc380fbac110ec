package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"github.com/thaliumx/thaliumx/chain"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/p2p"
	"github.com/thaliumx/thaliumx/rpc"
)

// batchOverheadBytesMax is more than a log batch's header and signature
// take, so that entries split by encoded size fit Limits.BatchBytesMax.
const batchOverheadBytesMax = 256

// batchEntryHeaderBytes is the length prefix of each entry in a batch.
const batchEntryHeaderBytes = 4

// network is the node's side of its p2p host. A sequencer publishes its
// batches through it and takes gossiped orders from it. A follower keeps
// its follower and forwarder there.
type network struct {
	n      *Node
	cfg    NetworkConfig
	log    *slog.Logger
	ref    p2p.ExchangeRef
	limits p2p.Limits

	// host is set once by startNetwork, before any goroutine that reads it
	// starts; it stays nil when the node stops before.
	host *p2p.Host

	// batches carries durable rounds from the publisher to the goroutine
	// that signs and publishes them; only a sequencer uses it.
	batches        chan roundBatch
	batchesStarted bool
	batchesDone    chan struct{}

	// rejections carries the sequencer's rejections of gossiped requests
	// to the goroutine that publishes them, which stopRejections ends.
	// Only a sequencer uses them.
	rejections       chan rejectionNotice
	rejectionsDone   chan struct{}
	stopRejections   context.CancelFunc
	rejectionDropLog rate.Sometimes

	follower  *follower  // nil on a sequencer
	forwarder *forwarder // nil on a sequencer
	// chain reads a follower's operator from the Exchange, and stopWatch
	// stops watchOperator and closes it; both nil without an endpoint.
	chain     *chain.Client
	stopWatch func()

	// mu guards joined: the market topics joined so far.
	mu     sync.Mutex
	joined map[state.MarketKey]bool

	metrics *networkMetrics
}

// roundBatch is a durable round on its way to gossip: its entries and the
// state hash after the last one, zero when it was not computed.
type roundBatch struct {
	entries   []store.Entry
	stateHash common.Hash
}

// networkMetrics are the node's metrics of the network; the host's own
// are named thx_p2p_*.
type networkMetrics struct {
	batchesPublished prometheus.Counter
	batchesDropped   prometheus.Counter
	gossipOrders     prometheus.Counter
	forwarded        *prometheus.CounterVec // by outcome
	hashChecks       *prometheus.CounterVec // by outcome
	hashSeconds      prometheus.Histogram

	rejectionsPublished prometheus.Counter
	rejectionsDropped   prometheus.Counter
}

func newNetwork(n *Node) (*network, error) {
	nw := &network{
		n: n, cfg: *n.cfg.Network, log: n.cfg.Logger.With("component", "network"), ref: n.cfg.logRef(),
		limits:           n.cfg.Network.effectiveLimits(),
		batches:          make(chan roundBatch, n.cfg.Network.BatchQueueRoundsMax),
		batchesDone:      make(chan struct{}),
		rejectionsDone:   make(chan struct{}),
		rejectionDropLog: rate.Sometimes{Interval: time.Second},
		joined:           map[state.MarketKey]bool{},
	}
	m := &networkMetrics{
		batchesPublished: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "thx_log_batches_published_total", Help: "Signed log batches the sequencer published."}),
		batchesDropped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "thx_log_batches_dropped_total", Help: "Durable rounds not published because the batch queue was full or publishing failed."}),
		gossipOrders: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "thx_gossip_orders_received_total", Help: "Orders and cancels the sequencer took from gossip."}),
		forwarded: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_forwarded_requests_total", Help: "Orders and cancels a follower gossiped to the sequencer, by outcome."},
			[]string{"outcome"}),
		hashChecks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thx_state_hash_checks_total", Help: "A follower's comparisons of its state hash with the sequencer's, by outcome."},
			[]string{"outcome"}),
		hashSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "thx_state_hash_seconds",
			Help:    "Time to compute the state hash of a log batch: on the sequencer to publish it, on a follower to check it.",
			Buckets: latencyBuckets}),
		rejectionsPublished: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "thx_rejections_published_total", Help: "Rejections of gossiped orders and cancels the sequencer published to its followers."}),
		rejectionsDropped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "thx_rejections_dropped_total", Help: "Rejections of gossiped orders and cancels not published because the rejection queue was full or publishing failed."}),
	}
	collectors := []prometheus.Collector{m.batchesPublished, m.batchesDropped, m.gossipOrders, m.forwarded, m.hashChecks,
		m.hashSeconds, m.rejectionsPublished, m.rejectionsDropped}
	for _, c := range collectors {
		if err := n.cfg.Registry.Register(c); err != nil {
			return nil, fmt.Errorf("node: register network metrics: %w", err)
		}
	}
	nw.metrics = m
	if n.cfg.Role == RoleFollower {
		nw.follower = newFollower(n)
		nw.forwarder = newForwarder(n, nw)
	} else {
		nw.rejections = make(chan rejectionNotice, n.cfg.Network.RejectionQueueMax)
	}
	return nw, nil
}

// startHost starts the p2p host with the role's handlers and joins the
// topics of the listed markets.
func (nw *network) startHost(operator common.Address) error {
	cfg := p2p.Config{
		DataDir: nw.n.cfg.DataDir, ListenAddrs: nw.cfg.ListenAddrs, Bootnodes: nw.cfg.Bootnodes,
		MDNS: nw.cfg.MDNS, LoopbackOnly: nw.cfg.LoopbackOnly, Log: nw.ref, Operator: operator,
		Limits: nw.cfg.Limits, Logger: nw.n.cfg.Logger, Registry: nw.n.cfg.Registry, Seed: nw.cfg.Seed,
	}
	handlers := p2p.Handlers{Log: nw.n.store}
	if nw.follower != nil {
		handlers.Batches = nw.follower
		handlers.Rejections = nw.forwarder
	} else {
		handlers.Orders = orderIntake{n: nw.n}
	}
	host, err := p2p.New(cfg, handlers)
	if err != nil {
		return err
	}
	nw.host = host
	nw.joinMarkets()
	return nil
}

// joinMarkets joins the order topic of every listed market not joined
// yet: subscribed on a sequencer, to publish only on a follower. It runs
// at start and whenever the publisher lists a market.
func (nw *network) joinMarkets() {
	if nw.host == nil {
		return
	}
	nw.mu.Lock()
	defer nw.mu.Unlock()
	for _, m := range nw.n.views.markets.Load().list {
		if nw.joined[m.Key()] {
			continue
		}
		ref := p2p.MarketRef{ExchangeRef: p2p.ExchangeRef{ChainID: m.ChainID, Contract: m.Exchange}, Market: m.ID}
		join := nw.host.JoinMarket
		if nw.follower != nil {
			join = nw.host.JoinMarketToPublish
		}
		if err := join(ref); err != nil && !errors.Is(err, p2p.ErrAlreadyJoined) {
			nw.log.Error("market topic not joined; orders of the market are not gossiped", "market", m.Symbol, "err", err)
			continue
		}
		nw.joined[m.Key()] = true
	}
}

// startNetwork starts a sequencer's host and the goroutines that publish
// its batches and its rejections. It runs once the markets are listed.
func (n *Node) startNetwork() error {
	if n.net == nil {
		return nil
	}
	nw := n.net
	if err := nw.startHost(crypto.PubkeyToAddress(n.cfg.OperatorKey.PublicKey)); err != nil {
		return err
	}
	nw.batchesStarted = true
	go nw.runBatchPublisher()
	ctx, cancel := context.WithCancel(context.Background())
	nw.stopRejections = cancel
	go nw.runRejectionPublisher(ctx)
	return nil
}

// publishRound queues a durable round for gossip without blocking the
// publisher. A full queue drops the round, and followers fetch its entries
// with the sync protocol when they see the gap.
func (n *Node) publishRound(r *round) {
	if n.net == nil || n.net.follower != nil || len(r.entries) == 0 {
		return
	}
	select {
	case n.net.batches <- roundBatch{entries: r.entries, stateHash: r.stateHash}:
	default:
		n.net.metrics.batchesDropped.Inc()
		n.net.log.Warn("log batch not published: the batch queue is full; followers will sync the entries",
			"first_seq", r.entries[0].Seq, "last_seq", r.lastSeq(), "queue_rounds", cap(n.net.batches))
	}
}

// runBatchPublisher signs and publishes the queued rounds until the
// publisher closes the queue. Rounds that queued up while it published,
// or during NetworkConfig.BatchGapMin after the last publication, go out
// together, because each batch costs every follower a signature check and
// a store commit.
func (nw *network) runBatchPublisher() {
	defer close(nw.batchesDone)
	var next time.Time
	for rb := range nw.batches {
		if wait := time.Until(next); wait > 0 {
			time.Sleep(wait)
		}
		rb = nw.coalesce(rb)
		nw.publishEntries(rb.entries, rb.stateHash)
		next = time.Now().Add(nw.cfg.BatchGapMin)
	}
}

// coalesce appends the rounds already queued behind rb, up to one batch's
// entries, and stops after a round with a state hash, whose hash then
// ends the batch. Taking a round without a hash after one with a hash
// would drop that hash.
func (nw *network) coalesce(rb roundBatch) roundBatch {
	for rb.stateHash == (common.Hash{}) && len(rb.entries) < nw.limits.BatchEntriesMax {
		select {
		case next, ok := <-nw.batches:
			if !ok {
				return rb
			}
			rb.entries = append(slices.Clip(rb.entries), next.entries...)
			rb.stateHash = next.stateHash
		default:
			return rb
		}
	}
	return rb
}

// publishEntries publishes entries as one or more batches within the
// host's size limits. Only the last carries the state hash, because the
// hash is known only after the last entry.
func (nw *network) publishEntries(entries []store.Entry, stateHash common.Hash) {
	for len(entries) > 0 {
		count := nw.batchEntries(entries)
		chunk := entries[:count]
		entries = entries[count:]
		var hash store.StateHash
		if len(entries) == 0 {
			hash = store.StateHash(stateHash)
		}
		b, err := p2p.NewBatch(nw.ref, chunk, hash, nw.n.cfg.OperatorKey)
		if err == nil {
			err = nw.host.PublishBatch(context.Background(), b)
		}
		if err != nil {
			nw.metrics.batchesDropped.Inc()
			nw.log.Error("log batch not published; followers will sync the entries",
				"first_seq", chunk[0].Seq, "last_seq", chunk[len(chunk)-1].Seq, "err", err)
			continue
		}
		nw.metrics.batchesPublished.Inc()
	}
}

// batchEntries returns how many of entries, at least one, fit in one
// batch.
func (nw *network) batchEntries(entries []store.Entry) int {
	size := batchOverheadBytesMax
	for i, e := range entries {
		size += batchEntryHeaderBytes + len(e.Payload)
		if i > 0 && (size > nw.limits.BatchBytesMax || i == nw.limits.BatchEntriesMax) {
			return i
		}
	}
	return len(entries)
}

// stopFollowing stops a follower's host, its sync and its applier, so
// that the pipeline drains. It runs in Stop before the verified queue
// closes; on a sequencer it does nothing.
func (n *Node) stopFollowing() {
	if n.net == nil || n.net.follower == nil {
		return
	}
	if n.net.host != nil {
		if err := n.net.host.Close(); err != nil {
			n.net.log.Warn("p2p host did not close cleanly", "err", err)
		}
	}
	n.net.follower.stop()
	switch {
	case n.net.stopWatch != nil:
		n.net.stopWatch()
	case n.net.chain != nil:
		n.net.chain.Close()
	}
}

// closeNetwork publishes a sequencer's last batches, drops the
// rejections not yet published and closes the host. It runs in Stop once
// the publisher, and so the sequencer, has returned.
func (n *Node) closeNetwork() {
	if n.net == nil {
		return
	}
	nw := n.net
	if nw.follower == nil {
		close(nw.batches)
		close(nw.rejections)
		if nw.batchesStarted {
			<-nw.batchesDone
			nw.stopRejections()
			<-nw.rejectionsDone
		}
	}
	if nw.host != nil {
		if err := nw.host.Close(); err != nil {
			nw.log.Warn("p2p host did not close cleanly", "err", err)
		}
	}
}

// orderIntake is a sequencer's p2p.OrderHandler: it queues gossiped
// orders and cancels for sequencing. The host checked their signatures.
type orderIntake struct{ n *Node }

// HandleOrderMessage queues m for the sequencer. It waits while the
// sequencer's queue is full, which leaves the next messages in the host's
// subscription buffer.
func (in orderIntake) HandleOrderMessage(ctx context.Context, m *p2p.OrderMessage) {
	n := in.n
	req := &request{received: time.Now()}
	switch {
	case m.Order != nil:
		req.entry = state.Entry{Type: state.EntryPlaceOrder, Order: m.Order}
		req.hash = m.Hash
	case m.Cancel != nil:
		req.entry = state.Entry{Type: state.EntryCancelOrder, Cancel: m.Cancel}
		req.hash = m.Cancel.Cancel.OrderHash
	default:
		return
	}
	n.acceptMu.RLock()
	defer n.acceptMu.RUnlock()
	if !n.accepting {
		return
	}
	n.net.metrics.gossipOrders.Inc()
	select {
	case n.verified <- req:
	case <-n.seqDone:
	case <-ctx.Done():
	}
}

// peers returns the number of connected peers, 0 without a host.
func (n *Node) peers() int {
	if n.net == nil || n.net.host == nil {
		return 0
	}
	return n.net.host.Peers()
}

// P2PAddrs returns the multiaddrs of the node's p2p host, each ending in
// /p2p/<peer id>, for other nodes' bootnodes; nil without a network.
func (n *Node) P2PAddrs() []string {
	if n.net == nil || n.net.host == nil {
		return nil
	}
	var out []string
	for _, a := range n.net.host.Addrs() {
		out = append(out, a.String())
	}
	return out
}

// networkHealth reports the host's peers and, on a follower, how far its
// log is behind. A follower without peers cannot reach the sequencer.
func (n *Node) networkHealth() rpc.ComponentHealth {
	c := rpc.ComponentHealth{Name: "network", OK: true, Detail: map[string]any{
		"role":  string(n.cfg.Role),
		"peers": n.peers(),
	}}
	if n.net.follower != nil {
		s := n.Syncing()
		c.Detail["applied_seq"], c.Detail["target_seq"], c.Detail["syncing"] = s.CurrentSeq, s.TargetSeq, s.Syncing
		c.OK = n.peers() > 0
	}
	return c
}

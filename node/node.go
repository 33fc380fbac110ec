package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/rpc"
)

// internalQueueRequestsMax bounds the entries the node itself makes (chain
// events, settlement outcomes, market listings) waiting for the
// sequencer. Senders block while it is full; they are few and wait for
// durability anyway.
const internalQueueRequestsMax = 1024

// Node is a single-node exchange acting as the sequencer of its markets.
// It implements rpc.Backend.
type Node struct {
	cfg Config
	log *slog.Logger
	// gossipRejectLog limits the log lines of rejected gossiped requests
	// to one a second.
	gossipRejectLog rate.Sometimes
	clock           Clock
	store           *store.Store
	metrics         *metrics
	views           *views
	hub             *hub

	// mu guards machine: the sequencer holds it to apply entries, readers
	// hold it shared for bounded in-memory queries.
	mu      sync.RWMutex
	machine *state.Machine

	// acceptMu guards accepting and the send side of ingress, so that
	// Stop can close ingress while no request is being queued.
	acceptMu  sync.RWMutex
	accepting bool

	ingress   chan *request // signed requests waiting for verification
	verified  chan *request // verified requests waiting for the sequencer
	internal  chan *request // entries the node makes
	rounds    chan *round   // rounds waiting for durability
	indexQ    chan *round   // durable rounds waiting for the indexer
	snapshots chan *pendingSnapshot

	// seqDone is closed when the sequencer has returned.
	seqDone chan struct{}

	// durable is the last durable sequence number.
	durable atomic.Uint64
	// visibleSeq is the last sequence number whose entry the read views
	// and subscribers have. A sequencer shows an entry once it is durable,
	// a follower once it has applied it (showRound).
	visibleSeq atomic.Uint64
	// hashAt is the last computed state hash and the seq it covers.
	hashAt atomic.Pointer[stateHashAt]
	// failure is the first error that stopped the node; failedCh is
	// closed when it is set.
	failure  atomic.Pointer[error]
	failedCh chan struct{}
	// indexFailure is the first error that stopped the indexer.
	indexFailure atomic.Pointer[error]

	// links holds one link per chain with an endpoint; chainCancel stops
	// their goroutines.
	links       map[uint64]*chainLink
	chainCtx    context.Context
	chainCancel context.CancelFunc

	// net is the node's p2p side; nil without Config.Network.
	net *network

	started         atomic.Bool
	pipelineStarted bool
	stopOnce        sync.Once
	stopped         chan struct{}
	workers         sync.WaitGroup
	pipelines       sync.WaitGroup
}

// stateHashAt is a state hash and the sequence number it follows.
type stateHashAt struct {
	seq  uint64
	hash common.Hash
}

var _ rpc.Backend = (*Node)(nil)

// New checks the configuration, creates the data directory and opens the
// store. Start recovers the state and starts the node.
func New(cfg Config) (*Node, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("node: create data directory %s: %w", cfg.DataDir, err)
	}
	n := &Node{
		cfg:             cfg,
		log:             cfg.Logger.With("component", "node"),
		clock:           cfg.Clock,
		gossipRejectLog: rate.Sometimes{Interval: time.Second},
		views:           newViews(cfg.RecentTradesMax),
		machine:         state.New(),
		ingress:         make(chan *request, cfg.IngressQueueRequestsMax),
		verified:        make(chan *request, cfg.RoundEntriesMax),
		internal:        make(chan *request, internalQueueRequestsMax),
		rounds:          make(chan *round, cfg.PublishQueueRoundsMax),
		indexQ:          make(chan *round, cfg.IndexQueueRoundsMax),
		snapshots:       make(chan *pendingSnapshot, 1),
		seqDone:         make(chan struct{}),
		stopped:         make(chan struct{}),
		links:           map[uint64]*chainLink{},
		failedCh:        make(chan struct{}),
	}
	ingressDepth := func() float64 { return float64(len(n.ingress)) }
	replaySet := func() float64 {
		n.mu.RLock()
		defer n.mu.RUnlock()
		return float64(n.machine.ReplaySetLen())
	}
	n.metrics, err = newMetrics(cfg.Registry, ingressDepth, replaySet)
	if err != nil {
		return nil, fmt.Errorf("node: register metrics: %w", err)
	}
	n.hub = newHub(cfg.SubscriberEventsMax, n.log, n.metrics.subscribers)
	if cfg.Network != nil {
		if n.net, err = newNetwork(n); err != nil {
			return nil, err
		}
	}
	n.store, err = store.Open(StoreDir(cfg.DataDir), cfg.Store)
	if err != nil {
		return nil, err
	}
	return n, nil
}

// Metrics returns the registry with the node's metrics, for the server
// that serves /metrics.
func (n *Node) Metrics() *prometheus.Registry { return n.cfg.Registry }

// Store returns the node's store.
func (n *Node) Store() *store.Store { return n.store }

// Start recovers the state from the store, lists the configured markets
// that are not listed yet, and starts the pipeline. It returns once the
// node accepts requests. ctx bounds the recovery and the listings. When
// Start fails, the node is stopped and its store closed.
func (n *Node) Start(ctx context.Context) error {
	if !n.started.CompareAndSwap(false, true) {
		return ErrStarted
	}
	if n.cfg.Role == RoleFollower {
		if err := n.startFollower(ctx); err != nil {
			return errors.Join(err, n.Stop())
		}
		return nil
	}
	if err := n.dialChains(ctx); err != nil {
		return errors.Join(err, n.Stop())
	}
	if err := n.recover(ctx); err != nil {
		return errors.Join(err, n.Stop())
	}
	n.startPipeline()
	if err := n.listMarkets(ctx); err != nil {
		return errors.Join(err, n.Stop())
	}
	if err := n.startChains(ctx); err != nil {
		return errors.Join(err, n.Stop())
	}
	if err := n.startNetwork(); err != nil {
		return errors.Join(err, n.Stop())
	}
	n.log.Info("node started", "role", n.cfg.Role, "seq", n.durable.Load(), "markets", len(n.views.markets.Load().list),
		"verify_workers", n.cfg.VerifyWorkers)
	return nil
}

// startPipeline starts the verifiers, the sequencer, the publisher, the
// indexer and the snapshot writer, and opens ingress.
func (n *Node) startPipeline() {
	for range n.cfg.VerifyWorkers {
		n.workers.Add(1)
		go n.runVerifier()
	}
	n.pipelines.Add(4)
	go n.runSequencer()
	go n.runPublisher()
	go n.runIndexer()
	go n.runSnapshotWriter()

	n.pipelineStarted = true
	n.acceptMu.Lock()
	n.accepting = true
	n.acceptMu.Unlock()
}

// listMarkets lists each configured market whose key is not listed yet.
// A chain with an endpoint and no configured market lists the markets its
// Exchange lists.
func (n *Node) listMarkets(ctx context.Context) error {
	markets := slices.Clone(n.cfg.Markets)
	for _, c := range n.cfg.Chains {
		l := n.links[c.ChainID]
		if l == nil || slices.ContainsFunc(markets, func(m state.Market) bool { return m.ChainID == c.ChainID }) {
			continue
		}
		listed, err := ExchangeMarkets(ctx, l.client.Eth(), l.cfg.ChainID, l.cfg.Exchange)
		if err != nil {
			return err
		}
		markets = append(markets, listed...)
	}
	for i := range markets {
		m := markets[i]
		if _, ok := n.views.marketByKey(m.Key()); ok {
			continue
		}
		if _, err := n.submitInternal(ctx, state.Entry{Type: state.EntryListMarket, Market: &m}); err != nil {
			return fmt.Errorf("node: list market %s: %w", m.Symbol, err)
		}
		n.log.Info("market listed", "market", m.Symbol, "chain", m.ChainID, "id", m.ID)
	}
	return nil
}

// Stop stops accepting requests, sequences what was already accepted,
// seals every open settlement batch and waits, up to StopSettleTimeout,
// for the batches to settle. It then stops the chain links, waits until
// every entry is durable and indexed, saves a snapshot and closes the
// store. It is safe to call more than once and from several goroutines.
func (n *Node) Stop() error {
	var err error
	n.stopOnce.Do(func() {
		defer close(n.stopped)
		if !n.started.Load() {
			err = n.store.Close()
			return
		}
		n.acceptMu.Lock()
		n.accepting = false
		close(n.ingress)
		n.acceptMu.Unlock()
		n.workers.Wait()

		if n.pipelineStarted {
			n.finishSettlement()
		}
		n.stopChains()
		n.stopFollowing()
		close(n.verified)
		n.pipelines.Wait()
		n.closeNetwork()
		n.hub.closeAll(fmt.Errorf("%w: the node shut down", ErrStopped))

		err = errors.Join(n.saveFinalSnapshot(), n.store.Close())
		n.log.Info("node stopped", "seq", n.durable.Load())
	})
	<-n.stopped
	return err
}

// finishSettlement seals the open batches and waits for every chain's
// settler to settle them, so that a stopped node leaves no trade behind.
func (n *Node) finishSettlement() {
	if len(n.links) == 0 {
		return
	}
	req := &request{sealAll: true, received: time.Now(), reply: make(chan reply, 1)}
	select {
	case n.internal <- req:
		_, _ = n.await(context.Background(), req)
	case <-n.seqDone:
		return
	}
	for _, l := range n.links {
		if !l.settleAll(n.cfg.StopSettleTimeout) {
			l.log.Warn("batches still unsettled at shutdown; the next start submits them again", "timeout", n.cfg.StopSettleTimeout)
		}
	}
}

// stopChains stops the watchers and settlers and closes the clients.
func (n *Node) stopChains() {
	if n.chainCancel != nil {
		n.chainCancel()
	}
	for _, l := range n.links {
		l.wg.Wait()
	}
	n.closeChains()
}

// saveFinalSnapshot saves the state at shutdown unless the newest
// snapshot already covers it, so that the next start replays nothing.
func (n *Node) saveFinalSnapshot() error {
	if n.failed() != nil {
		return nil
	}
	n.mu.RLock()
	seq := n.machine.Seq()
	n.mu.RUnlock()
	if seq == 0 || seq != n.store.LastSeq() {
		return nil
	}
	infos, err := n.store.Snapshots()
	if err == nil && len(infos) > 0 && infos[0].Seq == seq {
		return nil
	}
	snap, err := n.writeSnapshot()
	if err != nil {
		return err
	}
	return snap.w.Commit(store.StateHash(snap.hash))
}

// pendingSnapshot is a snapshot file written but not yet committed.
type pendingSnapshot struct {
	w    *store.SnapshotWriter
	hash common.Hash
}

// writeSnapshot streams the machine's state into a new snapshot file,
// which the caller commits once its seq is durable or discards.
// REQUIRES: called by the goroutine that applies entries, or after it
// stopped.
func (n *Node) writeSnapshot() (*pendingSnapshot, error) {
	start := time.Now()
	n.mu.RLock()
	defer n.mu.RUnlock()
	seq := n.machine.Seq()
	w, err := n.store.CreateSnapshot(seq)
	if err != nil {
		return nil, fmt.Errorf("node: create snapshot at seq %d: %w", seq, err)
	}
	hash, err := n.machine.WriteSnapshot(w)
	if err != nil {
		w.Discard()
		return nil, fmt.Errorf("node: write snapshot at seq %d: %w", seq, err)
	}
	n.metrics.snapshotSeconds.Observe(time.Since(start).Seconds())
	n.hashAt.Store(&stateHashAt{seq: seq, hash: hash})
	return &pendingSnapshot{w: w, hash: hash}, nil
}

// fail records the first error that stops the node from sequencing: the
// state machine is then ahead of the durable log, so nothing more may be
// applied. The process must restart, which recovers from the log.
func (n *Node) fail(err error) {
	if n.failure.CompareAndSwap(nil, &err) {
		if n.cfg.Role == RoleFollower {
			n.log.Error("follower failed and stopped applying the sequencer's log", "err", err)
		} else {
			n.log.Error("node failed and stopped sequencing; restart it to recover from the log", "err", err)
		}
		close(n.failedCh)
	}
}

// Failed returns a channel that is closed when the node stops sequencing
// after an error, such as a failed log write. Err then returns the error.
func (n *Node) Failed() <-chan struct{} { return n.failedCh }

// Err returns the error that stopped the node from sequencing, or nil.
func (n *Node) Err() error { return n.failed() }

func (n *Node) failed() error {
	if p := n.failure.Load(); p != nil {
		return *p
	}
	return nil
}

// unavailable wraps rpc.ErrUnavailable with a reason.
func unavailable(format string, args ...any) error {
	return fmt.Errorf("%w: %s", rpc.ErrUnavailable, fmt.Sprintf(format, args...))
}

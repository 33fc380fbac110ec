package p2p

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"sync"
	"sync/atomic"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/event"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/p2p/discovery/mdns"
	"github.com/libp2p/go-libp2p/p2p/net/connmgr"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	libp2ptls "github.com/libp2p/go-libp2p/p2p/security/tls"
	quic "github.com/libp2p/go-libp2p/p2p/transport/quic"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
	"github.com/multiformats/go-multiaddr"
	"github.com/prometheus/client_golang/prometheus"
)

// pubsubOverheadBytes is the room gossipsub's RPC framing and piggybacked
// control messages need on top of the largest batch.
const pubsubOverheadBytes = 64 << 10

// Host is a node's libp2p host: connections, gossip topics, the sync
// protocol and peer scoring. Its methods are safe for concurrent use.
type Host struct {
	cfg      Config
	log      *slog.Logger
	handlers Handlers

	host      host.Host
	ps        *pubsub.PubSub
	metrics   *metrics
	penalties *penalties
	bans      *banList
	tracer    *tracer
	limiters  *peerLimiters
	operator  atomic.Pointer[common.Address]
	bootnodes []peer.AddrInfo
	// bootnodeWake maps each bootnode to its dialer's wake channel; it is
	// written before the host's goroutines start and only read after.
	bootnodeWake map[peer.ID]chan struct{}
	mdns         mdns.Service

	logTopic       *pubsub.Topic
	rejectionTopic *pubsub.Topic
	follower       *follower
	sync           *SyncClient
	server         *syncServer

	// ctx ends when Close starts; every goroutine of the host watches it
	// and is counted in wg.
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu sync.Mutex
	// markets holds the joined market topics.
	markets map[MarketRef]*marketTopic
	closed  bool

	closeOnce sync.Once
	closeErr  error
}

// New starts a host: it loads or creates the identity key in
// cfg.DataDir, listens on cfg.ListenAddrs, joins the log topic, serves the
// sync protocol and starts dialling the bootnodes. Join market topics with
// JoinMarket.
func New(cfg Config, handlers Handlers) (*Host, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	bootnodes, err := parseBootnodes(cfg.Bootnodes)
	if err != nil {
		return nil, err
	}
	key, err := LoadOrCreateIdentity(cfg.DataDir)
	if err != nil {
		return nil, err
	}

	h := &Host{
		cfg:       cfg,
		handlers:  handlers,
		bootnodes: bootnodes,
		penalties: newPenalties(cfg.Now),
		bans:      newBanList(cfg.Now),
		limiters:  newPeerLimiters(cfg.Limits),
		markets:   make(map[MarketRef]*marketTopic),
	}
	h.operator.Store(&cfg.Operator)
	h.ctx, h.cancel = context.WithCancel(context.Background())

	if err := h.start(key); err != nil {
		h.cancel()
		h.wg.Wait()
		if h.host != nil {
			h.host.Close()
		}
		return nil, err
	}
	return h, nil
}

// start builds the libp2p host, gossipsub and the sync protocol, and starts
// the host's goroutines.
func (h *Host) start(key crypto.PrivKey) error {
	var err error
	if h.host, err = newLibp2pHost(h.cfg, key, &gater{bans: h.bans, loopbackOnly: h.cfg.LoopbackOnly}); err != nil {
		return err
	}
	registry := h.cfg.Registry
	if registry == nil {
		registry = prometheus.NewRegistry()
	}
	if h.metrics, err = newMetrics(registry, func() float64 { return float64(h.Peers()) }); err != nil {
		return err
	}
	h.log = h.cfg.Logger.With("component", "p2p", "self", h.host.ID().ShortString())
	for _, b := range h.bootnodes {
		if b.ID == h.host.ID() {
			return invalidConfig("bootnode %s is this host's own peer id; remove it from the bootnodes", b.ID)
		}
	}

	h.tracer = newTracer(h.host.ID(), h.penalties, h.metrics)
	if h.ps, err = h.newPubSub(); err != nil {
		return err
	}
	h.sync = newSyncClient(h)
	h.server = newSyncServer(h)
	h.host.SetStreamHandler(SyncProtocol, h.server.handle)
	if err := h.joinLog(); err != nil {
		return err
	}
	if err := h.joinRejections(); err != nil {
		return err
	}
	dialers := h.newBootnodeDialers()
	if err := h.watchPeers(); err != nil {
		return err
	}
	for _, d := range dialers {
		h.wg.Add(1)
		go d.run()
	}
	if h.cfg.MDNS {
		if err := h.startMDNS(); err != nil {
			return err
		}
	}
	h.log.Info("p2p host started", "peer_id", h.host.ID(), "addrs", h.Addrs(), "bootnodes", len(h.bootnodes))
	return nil
}

func newLibp2pHost(cfg Config, key crypto.PrivKey, g *gater) (host.Host, error) {
	l := cfg.Limits
	cm, err := connmgr.NewConnManager(l.PeersLow, l.PeersHigh, connmgr.WithGracePeriod(l.PeerGracePeriod))
	if err != nil {
		return nil, fmt.Errorf("%w: connection manager: %w", ErrInvalidConfig, err)
	}
	opts := []libp2p.Option{
		libp2p.Identity(key),
		libp2p.ListenAddrs(cfg.ListenAddrs...),
		libp2p.Transport(tcp.NewTCPTransport),
		libp2p.Transport(quic.NewTransport),
		libp2p.Security(noise.ID, noise.New),
		libp2p.Security(libp2ptls.ID, libp2ptls.New),
		libp2p.ConnectionManager(cm),
		libp2p.ConnectionGater(g),
		libp2p.DisableRelay(),
		libp2p.WithDialTimeout(l.DialTimeout),
		libp2p.UserAgent("thx"),
	}
	if cfg.Registry != nil {
		opts = append(opts, libp2p.PrometheusRegisterer(cfg.Registry))
	} else {
		opts = append(opts, libp2p.DisableMetrics())
	}
	h, err := libp2p.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("p2p: start libp2p host on %v: %w", cfg.ListenAddrs, err)
	}
	return h, nil
}

func (h *Host) newPubSub() (*pubsub.PubSub, error) {
	l := h.cfg.Limits
	params := pubsub.DefaultGossipSubParams()
	params.HeartbeatInterval = l.HeartbeatInterval
	params.HeartbeatInitialDelay = min(params.HeartbeatInitialDelay, l.HeartbeatInterval)
	ps, err := pubsub.NewGossipSub(h.ctx, h.host,
		pubsub.WithGossipSubProtocols([]protocol.ID{GossipProtocol}, gossipFeatures),
		pubsub.WithGossipSubParams(params),
		pubsub.WithFloodPublish(true),
		pubsub.WithNoAuthor(),
		pubsub.WithMessageSignaturePolicy(pubsub.StrictNoSign),
		pubsub.WithMessageIdFn(messageIDFn),
		pubsub.WithPeerScore(peerScoreParams(h.penalties.score, l.SeenMessagesTTL), scoreThresholds()),
		pubsub.WithPeerScoreInspect(pubsub.PeerScoreInspectFn(h.inspectScores), l.ScoreInspectInterval),
		pubsub.WithMaxMessageSize(l.BatchBytesMax+pubsubOverheadBytes),
		pubsub.WithValidateQueueSize(l.ValidateQueueMessages),
		pubsub.WithValidateWorkers(l.ValidateWorkers),
		pubsub.WithSeenMessagesTTL(l.SeenMessagesTTL),
		pubsub.WithSubscriptionFilter(subscriptionFilter()),
		pubsub.WithPeerOutboundQueueSize(l.PeerOutboundQueueMessages),
		pubsub.WithRawTracer(h.tracer),
		pubsub.WithLogger(h.cfg.Logger.With("component", "gossipsub")),
	)
	if err != nil {
		return nil, fmt.Errorf("p2p: start gossipsub: %w", err)
	}
	return ps, nil
}

// inspectScores runs every Limits.ScoreInspectInterval with the score of
// each peer gossipsub tracks. A connected peer below banThreshold is
// banned and disconnected.
func (h *Host) inspectScores(scores map[peer.ID]float64) {
	for p, score := range scores {
		if score >= banThreshold || h.host.Network().Connectedness(p) != network.Connected {
			continue
		}
		if h.bans.ban(p, h.cfg.Limits.BanDuration) {
			h.metrics.bans.Inc()
			h.log.Warn("peer banned for a low gossip score", "peer", p, "score", score,
				"threshold", banThreshold, "ban", h.cfg.Limits.BanDuration)
		}
		if err := h.host.Network().ClosePeer(p); err != nil {
			h.log.Debug("closing banned peer failed", "peer", p, "err", err)
		}
	}
}

// watchPeers logs connections and drops per-peer state on disconnect.
func (h *Host) watchPeers() error {
	sub, err := h.host.EventBus().Subscribe(new(event.EvtPeerConnectednessChanged))
	if err != nil {
		return fmt.Errorf("p2p: subscribe to peer events: %w", err)
	}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		defer sub.Close()
		for {
			select {
			case <-h.ctx.Done():
				return
			case e, ok := <-sub.Out():
				if !ok {
					return
				}
				h.peerChanged(e.(event.EvtPeerConnectednessChanged))
			}
		}
	}()
	return nil
}

func (h *Host) peerChanged(e event.EvtPeerConnectednessChanged) {
	switch e.Connectedness {
	case network.Connected:
		h.log.Info("peer connected", "peer", e.Peer, "peers", h.Peers())
	case network.NotConnected:
		h.log.Info("peer disconnected", "peer", e.Peer, "peers", h.Peers())
		h.limiters.forget(e.Peer)
		h.tracer.forgetPeer(e.Peer)
		h.wakeBootnode(e.Peer)
	}
}

// ID returns the host's peer id.
func (h *Host) ID() peer.ID { return h.host.ID() }

// Addrs returns the host's listen addresses, each ending in /p2p/<id>,
// ready to be another node's bootnodes.
func (h *Host) Addrs() []multiaddr.Multiaddr {
	addrs, err := peer.AddrInfoToP2pAddrs(&peer.AddrInfo{ID: h.host.ID(), Addrs: h.host.Addrs()})
	if err != nil {
		return nil
	}
	return addrs
}

// Peers returns the number of connected peers.
func (h *Host) Peers() int {
	return len(h.host.Network().Peers())
}

// ConnectedTo reports whether the host has a connection to p.
func (h *Host) ConnectedTo(p peer.ID) bool {
	return h.host.Network().Connectedness(p) == network.Connected
}

// Connect dials a peer given by a multiaddr ending in /p2p/<id>.
func (h *Host) Connect(ctx context.Context, addr multiaddr.Multiaddr) error {
	info, err := peer.AddrInfoFromP2pAddr(addr)
	if err != nil {
		return fmt.Errorf("p2p: peer address %s: %w; expected a multiaddr ending in /p2p/<peer id>", addr, err)
	}
	if err := h.host.Connect(ctx, *info); err != nil {
		return fmt.Errorf("p2p: connect to %s: %w", addr, err)
	}
	return nil
}

// Banned reports whether p is banned for a low score.
func (h *Host) Banned(p peer.ID) bool { return h.bans.banned(p) }

// SetOperator changes the account whose signature log batches must carry,
// for example after the Exchange contract hands the sequencer role over.
func (h *Host) SetOperator(operator common.Address) {
	h.operator.Store(&operator)
	h.log.Info("log batch operator set", "operator", operator)
}

// Sync returns the client of the sync protocol.
func (h *Host) Sync() *SyncClient { return h.sync }

// Close stops the host: it leaves every topic, stops its goroutines and
// closes all connections.
func (h *Host) Close() error {
	h.closeOnce.Do(func() {
		h.mu.Lock()
		h.closed = true
		h.mu.Unlock()
		if h.mdns != nil {
			h.mdns.Close()
		}
		h.cancel()
		h.host.RemoveStreamHandler(SyncProtocol)
		h.wg.Wait()
		h.closeErr = h.host.Close()
		h.log.Info("p2p host stopped")
	})
	return h.closeErr
}

// newRand returns the jitter source: seeded from cfg.Seed, or at random.
func newRand(seed uint64) *mrand.Rand {
	if seed == 0 {
		var b [8]byte
		_, _ = rand.Read(b[:])
		seed = binary.LittleEndian.Uint64(b[:])
	}
	return mrand.New(mrand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

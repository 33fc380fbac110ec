package p2p

import (
	"math"
	"net"
	"sync"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/control"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

// Peer score thresholds. A peer's score is the sum of its topic scores
// (capped at topicScoreCap when positive), the application penalty and
// gossipsub's own IP-colocation and behaviour penalties.
//
// Below gossipThreshold a peer gets no gossip from us, and below
// publishThreshold we publish nothing to it. Below banThreshold the score
// inspector disconnects and bans it. Below graylistThreshold gossipsub
// drops everything it sends; that bounds the work an abusive peer causes
// until the next inspection. The graylist sits below the ban threshold on
// purpose: a graylisted peer earns no further penalty, so its score
// would stop just under the graylist and decay back within a fraction of
// a second, and an inspection could miss it. With the ban above, the score
// of a peer that keeps misbehaving passes the ban threshold and keeps
// falling, and stays below it long enough to be seen.
const (
	gossipThreshold             = -100
	publishThreshold            = -200
	banThreshold                = -400
	graylistThreshold           = -800
	acceptPXThreshold           = 100
	opportunisticGraftThreshold = 5

	// topicScoreCap bounds what good behaviour can earn, so that a peer
	// cannot bank score and then spend it on invalid messages.
	topicScoreCap = 50

	// invalidMessageWeight scales the square of a topic's count of
	// rejected messages: 21 invalid messages in one topic take a peer
	// with no positive score below banThreshold. The count decays to 1%
	// in invalidMessageDecayTime.
	invalidMessageWeight    = -1
	invalidMessageDecayTime = 5 * time.Minute

	// First deliveries of valid messages earn firstDeliveryWeight each,
	// up to firstDeliveryCap per topic, decaying to 1% in
	// firstDeliveryDecayTime. Time in the mesh earns meshTimeWeight per
	// second up to meshTimeCapSeconds.
	firstDeliveryWeight    = 0.5
	firstDeliveryCap       = 40
	firstDeliveryDecayTime = 10 * time.Minute
	meshTimeWeight         = 0.01
	meshTimeCapSeconds     = 300

	// floodPenalty is added to a peer's application penalty for each
	// message above its rate limit, replayPenalty for each message it
	// sent us twice. The penalty halves every penaltyHalfLife.
	floodPenalty    = 1
	replayPenalty   = 1
	penaltyHalfLife = time.Minute

	// penaltyPeersMax bounds the peers whose penalty is tracked; when it
	// is reached the smallest penalty is forgotten.
	penaltyPeersMax = 4096

	// bannedPeersMax bounds the ban list; when it is full the ban that
	// ends first is lifted.
	bannedPeersMax = 4096

	// retainScore keeps a disconnected peer's gossipsub counters, so that
	// reconnecting does not clear its record.
	retainScore = 30 * time.Minute
)

// loopbackNets are exempt from the IP-colocation penalty, because a local
// testnet runs every node on 127.0.0.1.
var loopbackNets = []*net.IPNet{
	{IP: net.IPv4(127, 0, 0, 0), Mask: net.CIDRMask(8, 32)},
	{IP: net.IPv6loopback, Mask: net.CIDRMask(128, 128)},
}

func scoreThresholds() *pubsub.PeerScoreThresholds {
	return &pubsub.PeerScoreThresholds{
		GossipThreshold:             gossipThreshold,
		PublishThreshold:            publishThreshold,
		GraylistThreshold:           graylistThreshold,
		AcceptPXThreshold:           acceptPXThreshold,
		OpportunisticGraftThreshold: opportunisticGraftThreshold,
	}
}

func peerScoreParams(appScore func(peer.ID) float64, seenTTL time.Duration) *pubsub.PeerScoreParams {
	return &pubsub.PeerScoreParams{
		Topics:                      map[string]*pubsub.TopicScoreParams{},
		TopicScoreCap:               topicScoreCap,
		AppSpecificScore:            appScore,
		AppSpecificWeight:           1,
		IPColocationFactorWeight:    -5,
		IPColocationFactorThreshold: 10,
		IPColocationFactorWhitelist: loopbackNets,
		BehaviourPenaltyWeight:      -10,
		BehaviourPenaltyThreshold:   6,
		BehaviourPenaltyDecay:       pubsub.ScoreParameterDecay(10 * time.Minute),
		DecayInterval:               pubsub.DefaultDecayInterval,
		DecayToZero:                 pubsub.DefaultDecayToZero,
		RetainScore:                 retainScore,
		SeenMsgTTL:                  seenTTL,
	}
}

// topicScoreParams scores one topic. Mesh delivery counts (gossipsub's P3)
// stay off: a quiet market would otherwise penalise honest peers for
// messages that were never sent.
func topicScoreParams() *pubsub.TopicScoreParams {
	return &pubsub.TopicScoreParams{
		TopicWeight:                    1,
		TimeInMeshWeight:               meshTimeWeight,
		TimeInMeshQuantum:              time.Second,
		TimeInMeshCap:                  meshTimeCapSeconds,
		FirstMessageDeliveriesWeight:   firstDeliveryWeight,
		FirstMessageDeliveriesDecay:    pubsub.ScoreParameterDecay(firstDeliveryDecayTime),
		FirstMessageDeliveriesCap:      firstDeliveryCap,
		InvalidMessageDeliveriesWeight: invalidMessageWeight,
		InvalidMessageDeliveriesDecay:  pubsub.ScoreParameterDecay(invalidMessageDecayTime),
	}
}

// penalties is the application part of the peer score: floods and replays
// that gossipsub does not see as invalid. Safe for concurrent use.
type penalties struct {
	now func() time.Time

	mu sync.Mutex
	// byPeer holds each peer's penalty at the time it last changed.
	// Invariant: at most penaltyPeersMax entries.
	byPeer map[peer.ID]penalty
}

type penalty struct {
	value float64
	at    time.Time
}

func newPenalties(now func() time.Time) *penalties {
	return &penalties{now: now, byPeer: make(map[peer.ID]penalty)}
}

// decayed returns the penalty's value at now.
func (p penalty) decayed(now time.Time) float64 {
	elapsed := now.Sub(p.at)
	if elapsed <= 0 {
		return p.value
	}
	return p.value * math.Exp2(-float64(elapsed)/float64(penaltyHalfLife))
}

// add raises id's penalty by amount.
func (p *penalties) add(id peer.ID, amount float64) {
	now := p.now()
	p.mu.Lock()
	defer p.mu.Unlock()
	current, ok := p.byPeer[id]
	if !ok && len(p.byPeer) >= penaltyPeersMax {
		p.evictSmallestLocked(now)
	}
	p.byPeer[id] = penalty{value: current.decayed(now) + amount, at: now}
}

// evictSmallestLocked removes the peer with the smallest penalty.
// REQUIRES: p.mu held.
func (p *penalties) evictSmallestLocked(now time.Time) {
	var victim peer.ID
	smallest := math.Inf(1)
	for id, pen := range p.byPeer {
		if v := pen.decayed(now); v < smallest {
			victim, smallest = id, v
		}
	}
	delete(p.byPeer, victim)
}

// score returns the application score of id: its penalty, negated.
func (p *penalties) score(id peer.ID) float64 {
	now := p.now()
	p.mu.Lock()
	defer p.mu.Unlock()
	pen, ok := p.byPeer[id]
	if !ok {
		return 0
	}
	return -pen.decayed(now)
}

// banList holds peers refused for a while after a bad score. Safe for
// concurrent use.
type banList struct {
	now func() time.Time

	mu sync.Mutex
	// until maps a banned peer to the end of its ban.
	// Invariant: at most bannedPeersMax entries.
	until map[peer.ID]time.Time
}

func newBanList(now func() time.Time) *banList {
	return &banList{now: now, until: make(map[peer.ID]time.Time)}
}

// ban refuses id for d. It returns false when id was banned already.
func (b *banList) ban(id peer.ID, d time.Duration) bool {
	now := b.now()
	b.mu.Lock()
	defer b.mu.Unlock()
	if end, ok := b.until[id]; ok && now.Before(end) {
		return false
	}
	if len(b.until) >= bannedPeersMax {
		b.liftFirstEndingLocked()
	}
	b.until[id] = now.Add(d)
	return true
}

// liftFirstEndingLocked lifts the ban that ends first.
// REQUIRES: b.mu held.
func (b *banList) liftFirstEndingLocked() {
	var first peer.ID
	var firstEnd time.Time
	for id, end := range b.until {
		if firstEnd.IsZero() || end.Before(firstEnd) {
			first, firstEnd = id, end
		}
	}
	delete(b.until, first)
}

// banned reports whether id is banned now, and removes an expired ban.
func (b *banList) banned(id peer.ID) bool {
	now := b.now()
	b.mu.Lock()
	defer b.mu.Unlock()
	end, ok := b.until[id]
	if !ok {
		return false
	}
	if !now.Before(end) {
		delete(b.until, id)
		return false
	}
	return true
}

// gater refuses banned peers and, when loopbackOnly is set, every address
// outside the loopback range.
type gater struct {
	bans         *banList
	loopbackOnly bool
}

func (g *gater) InterceptPeerDial(p peer.ID) bool {
	return !g.bans.banned(p)
}

func (g *gater) InterceptAddrDial(_ peer.ID, addr multiaddr.Multiaddr) bool {
	return !g.loopbackOnly || manet.IsIPLoopback(addr)
}

func (g *gater) InterceptAccept(addrs network.ConnMultiaddrs) bool {
	return !g.loopbackOnly || manet.IsIPLoopback(addrs.RemoteMultiaddr())
}

func (g *gater) InterceptSecured(_ network.Direction, p peer.ID, _ network.ConnMultiaddrs) bool {
	return !g.bans.banned(p)
}

func (g *gater) InterceptUpgraded(network.Conn) (bool, control.DisconnectReason) {
	return true, 0
}

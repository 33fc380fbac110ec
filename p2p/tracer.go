package p2p

import (
	"strings"
	"sync"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
)

const (
	// recentIDsPerPeer is how many message ids received from one peer are
	// remembered to catch a peer that sends the same message twice.
	recentIDsPerPeer = 1024

	// recentIDBytes is the prefix of the hex message id kept: 64 bits of
	// the SHA-256, ample to tell a peer's recent messages apart.
	recentIDBytes = 16

	// trackedPeersMax bounds the peers whose recent ids are kept; when it
	// is reached the ids of an arbitrary peer are dropped.
	trackedPeersMax = 1024
)

// tracer watches gossipsub's message events. It penalises a peer that sends
// the same message twice (an honest gossipsub peer forwards each message
// once), tracks mesh membership and counts drops for the metrics.
// Gossipsub calls it synchronously from several goroutines.
type tracer struct {
	self      peer.ID
	penalties *penalties
	metrics   *metrics

	mu sync.Mutex
	// recent holds the latest ids received from each peer.
	// Invariant: at most trackedPeersMax peers.
	recent map[peer.ID]*idRing
	// mesh holds the peers grafted into our mesh, by topic.
	mesh map[string]map[peer.ID]struct{}
}

var _ pubsub.RawTracer = (*tracer)(nil)

func newTracer(self peer.ID, pen *penalties, m *metrics) *tracer {
	return &tracer{
		self:      self,
		penalties: pen,
		metrics:   m,
		recent:    make(map[peer.ID]*idRing),
		mesh:      make(map[string]map[peer.ID]struct{}),
	}
}

// idRing is a fixed-size set of the latest ids, oldest replaced first.
type idRing struct {
	ids  [recentIDsPerPeer]string
	next int
	set  map[string]struct{}
}

// add records id and reports whether it was there already.
func (r *idRing) add(id string) (seen bool) {
	if _, ok := r.set[id]; ok {
		return true
	}
	if old := r.ids[r.next]; old != "" {
		delete(r.set, old)
	}
	r.ids[r.next] = id
	r.next = (r.next + 1) % recentIDsPerPeer
	r.set[id] = struct{}{}
	return false
}

// observe records a message received from a peer, penalising a repeat.
func (t *tracer) observe(msg *pubsub.Message) {
	from := msg.ReceivedFrom
	if from == t.self || from == "" {
		return
	}
	id := msg.ID
	if id == "" {
		id = MessageID(msg.GetData())
	}
	id = id[:min(len(id), recentIDBytes)]

	t.mu.Lock()
	ring, ok := t.recent[from]
	if !ok {
		if len(t.recent) >= trackedPeersMax {
			for victim := range t.recent {
				delete(t.recent, victim)
				break
			}
		}
		ring = &idRing{set: make(map[string]struct{}, recentIDsPerPeer)}
		t.recent[from] = ring
	}
	seen := ring.add(id)
	t.mu.Unlock()

	if seen {
		t.penalties.add(from, replayPenalty)
		t.metrics.rejected.WithLabelValues(topicKind(msg.GetTopic()), reasonReplay).Inc()
	}
}

// forgetPeer drops what is kept about a disconnected peer, except its
// penalty, which decays on its own.
func (t *tracer) forgetPeer(p peer.ID) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.recent, p)
	for _, peers := range t.mesh {
		delete(peers, p)
	}
}

// meshPeers returns how many peers are in our mesh for topic.
func (t *tracer) meshPeers(topic string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.mesh[topic])
}

func (t *tracer) ValidateMessage(msg *pubsub.Message)  { t.observe(msg) }
func (t *tracer) DuplicateMessage(msg *pubsub.Message) { t.observe(msg) }

func (t *tracer) Graft(p peer.ID, topic string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	peers, ok := t.mesh[topic]
	if !ok {
		peers = make(map[peer.ID]struct{})
		t.mesh[topic] = peers
	}
	peers[p] = struct{}{}
}

func (t *tracer) Prune(p peer.ID, topic string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.mesh[topic], p)
}

func (t *tracer) Leave(topic string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.mesh, topic)
}

func (t *tracer) RejectMessage(msg *pubsub.Message, reason string) {
	if reason == pubsub.RejectValidationQueueFull {
		t.metrics.rejected.WithLabelValues(topicKind(msg.GetTopic()), reasonQueueFull).Inc()
	}
}

func (t *tracer) UndeliverableMessage(msg *pubsub.Message) {
	t.metrics.rejected.WithLabelValues(topicKind(msg.GetTopic()), reasonUndelivered).Inc()
}

func (t *tracer) OnNewOutboundStream(peer.ID, protocol.ID)             {}
func (t *tracer) OnClosedOutboundStream(peer.ID)                       {}
func (t *tracer) Join(string)                                          {}
func (t *tracer) DeliverMessage(*pubsub.Message)                       {}
func (t *tracer) ThrottlePeer(peer.ID)                                 {}
func (t *tracer) RecvRPC(*pubsub.RPC)                                  {}
func (t *tracer) SendRPC(*pubsub.RPC, peer.ID)                         {}
func (t *tracer) SendRPCCompleted(*pubsub.RPC, peer.ID, time.Duration) {}
func (t *tracer) DropRPC(*pubsub.RPC, peer.ID)                         {}

// topicKind returns "orders", "log" or "rejections" for a topic name, the
// kind label of the metrics.
func topicKind(topic string) string {
	if strings.HasPrefix(topic, topicPrefix+"log/") {
		return "log"
	}
	if strings.HasPrefix(topic, topicPrefix+"rejections/") {
		return "rejections"
	}
	return "orders"
}

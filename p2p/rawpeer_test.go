package p2p

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	pb "github.com/libp2p/go-libp2p-pubsub/pb"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
)

// rawPeer speaks the host's gossip protocol without any validation: the
// misbehaving peer of the tests. It publishes whatever bytes it is given.
type rawPeer struct {
	host   host.Host
	ps     *pubsub.PubSub
	topics map[string]*pubsub.Topic
}

// startRawPeer starts a raw peer. With uniqueIDs its own seen cache never
// matches, so it sends the same bytes as often as it publishes them.
func startRawPeer(t *testing.T, uniqueIDs bool) *rawPeer {
	t.Helper()
	h, err := libp2p.New(libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"), libp2p.DisableRelay(), libp2p.DisableMetrics())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	idFn := messageIDFn
	if uniqueIDs {
		var n atomic.Uint64
		idFn = func(*pb.Message) string { return fmt.Sprint(n.Add(1)) }
	}
	params := pubsub.DefaultGossipSubParams()
	params.HeartbeatInterval = 100 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	ps, err := pubsub.NewGossipSub(ctx, h,
		pubsub.WithGossipSubProtocols([]protocol.ID{GossipProtocol}, gossipFeatures),
		pubsub.WithGossipSubParams(params),
		pubsub.WithNoAuthor(),
		pubsub.WithMessageSignaturePolicy(pubsub.StrictNoSign),
		pubsub.WithMessageIdFn(idFn),
		pubsub.WithMaxMessageSize(4<<20),
		pubsub.WithPeerOutboundQueueSize(100_000),
		pubsub.WithFloodPublish(true),
	)
	if err != nil {
		t.Fatal(err)
	}
	return &rawPeer{host: h, ps: ps, topics: map[string]*pubsub.Topic{}}
}

func (r *rawPeer) id() peer.ID { return r.host.ID() }

// connect dials h and joins topic.
func (r *rawPeer) connect(t *testing.T, h *Host, topic string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	if err := r.host.Connect(ctx, peerInfo(h)); err != nil {
		t.Fatalf("raw peer connect: %v", err)
	}
	if _, ok := r.topics[topic]; !ok {
		tp, err := r.ps.Join(topic)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tp.Subscribe(); err != nil {
			t.Fatal(err)
		}
		r.topics[topic] = tp
	}
	waitFor(t, "the host and the raw peer to see each other in "+topic, func() bool {
		return slices.Contains(h.ps.ListPeers(topic), r.id()) && slices.Contains(r.ps.ListPeers(topic), h.ID())
	})
}

func (r *rawPeer) publish(t *testing.T, topic string, data []byte) {
	t.Helper()
	if err := r.topics[topic].Publish(context.Background(), data); err != nil {
		t.Fatalf("raw peer publish: %v", err)
	}
}

package testnet

import (
	"context"
	"crypto/ecdsa"
	"encoding/binary"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/holiman/uint256"
	"github.com/libp2p/go-libp2p"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	pb "github.com/libp2p/go-libp2p-pubsub/pb"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/multiformats/go-multiaddr"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/p2p"
)

// attacker is a bare libp2p host with its own gossipsub on the network's
// private protocol, which publishes whatever bytes a test gives it: no
// validator checks them before they leave. Its seen-message cache lasts a
// millisecond, so it can send the same message twice.
type attacker struct {
	host   host.Host
	ps     *pubsub.PubSub
	topics map[string]*pubsub.Topic
	subs   []*pubsub.Subscription
}

func startAttacker(t *testing.T) *attacker {
	t.Helper()
	h, err := libp2p.New(libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"), libp2p.DisableRelay(), libp2p.DisableMetrics())
	if err != nil {
		t.Fatalf("start attacker host: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	features := func(f pubsub.GossipSubFeature, id protocol.ID) bool {
		return id == p2p.GossipProtocol && f == pubsub.GossipSubFeatureMesh
	}
	ps, err := pubsub.NewGossipSub(ctx, h,
		pubsub.WithGossipSubProtocols([]protocol.ID{p2p.GossipProtocol}, features),
		pubsub.WithNoAuthor(), pubsub.WithMessageSignaturePolicy(pubsub.StrictNoSign),
		pubsub.WithMessageIdFn(func(m *pb.Message) string { return p2p.MessageID(m.GetData()) }),
		pubsub.WithSeenMessagesTTL(time.Millisecond), pubsub.WithMaxMessageSize(4<<20), pubsub.WithFloodPublish(true),
		pubsub.WithPeerOutboundQueueSize(1<<16),
	)
	if err != nil {
		t.Fatalf("start attacker gossipsub: %v", err)
	}
	a := &attacker{host: h, ps: ps, topics: map[string]*pubsub.Topic{}}
	t.Cleanup(func() {
		for _, s := range a.subs {
			s.Cancel()
		}
		cancel()
		h.Close()
	})
	return a
}

// join subscribes to a topic, so that the peers put the attacker in their
// mesh and take its messages.
func (a *attacker) join(t *testing.T, name string) *pubsub.Topic {
	t.Helper()
	topic, err := a.ps.Join(name)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := topic.Subscribe()
	if err != nil {
		t.Fatal(err)
	}
	a.topics[name], a.subs = topic, append(a.subs, sub)
	return topic
}

func (a *attacker) connect(t *testing.T, m *Member) peer.ID {
	t.Helper()
	info, err := peer.AddrInfoFromP2pAddr(multiaddr.StringCast(m.Node.P2PAddrs()[0]))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.host.Connect(context.Background(), *info); err != nil {
		t.Fatalf("attacker connect to node %d: %v", m.Index, err)
	}
	return info.ID
}

func (a *attacker) publish(topic *pubsub.Topic, data []byte) {
	_ = topic.Publish(context.Background(), data)
}

// badSignatureOrder is a well-formed order message for market 1 whose
// signature does not recover to its trader.
func badSignatureOrder(t *testing.T, w *workload) []byte {
	t.Helper()
	o := w.sign(0, eip712.Order{Market: 1, Side: eip712.Buy, Kind: eip712.Limit, TimeInForce: eip712.GTC, Price: 10_000, Quantity: 1})
	o.Signature[10] ^= 0xff
	m := &p2p.OrderMessage{Market: marketRef(w, 1), Order: o}
	data, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func marketRef(w *workload, id uint32) p2p.MarketRef {
	return p2p.MarketRef{ExchangeRef: p2p.ExchangeRef{ChainID: w.domain.ChainID, Contract: w.domain.VerifyingContract}, Market: id}
}

// TestMisbehavingPeerIsBanned connects a peer that sends oversized
// messages, messages with invalid signatures, the same message twice and a
// flood: order messages to the sequencer, which subscribes to the order
// topics, and log batches to a follower. Both ban it, while every honest
// order sent meanwhile is sequenced.
func TestMisbehavingPeerIsBanned(t *testing.T) {
	nw := startNetwork(t, 3, nil)
	w := newWorkload(nw, testSeed(t))
	waitDeposits(t, nw, w)
	waitConverged(t, nw)

	baseline := time.Now()
	submitRoundRobin(t, nw.Members(), w, 200, 16)
	t.Logf("honest orders before the attack: 200 in %s", time.Since(baseline).Round(time.Millisecond))

	a := startAttacker(t)
	ref := p2p.ExchangeRef{ChainID: w.domain.ChainID, Contract: w.domain.VerifyingContract}
	orders := a.join(t, p2p.OrderTopic(marketRef(w, 1)))
	logTopic := a.join(t, p2p.LogTopic(ref))
	sequencer, follower := nw.Sequencer(), nw.Member(1)
	a.connect(t, sequencer)
	a.connect(t, follower)
	waitUntil(t, convergeWait, "the attacker in the sequencer's order topic and the follower's log topic", func() bool {
		return len(orders.ListPeers()) > 0 && len(logTopic.ListPeers()) > 0
	})

	attackDone := make(chan struct{})
	go func() {
		defer close(attackDone)
		a.attack(orders, badSignatureOrder(t, w), 1024)
		a.attack(logTopic, badSignatureBatch(t, ref), p2p.DefaultLimits().BatchBytesMax+1024)
	}()
	start := time.Now()
	submitRoundRobin(t, nw.Members(), w, 200, 16)
	t.Logf("honest orders during the attack: 200 in %s", time.Since(start).Round(time.Millisecond))
	<-attackDone

	for _, m := range []*Member{sequencer, follower} {
		waitUntil(t, convergeWait, "the attacked node to ban the attacker", func() bool {
			return metricSum(t, m, "thx_p2p_peer_bans_total") >= 1
		})
		if n := metricWithLabel(t, m, "thx_p2p_dropped_messages_total", "oversized"); n == 0 {
			t.Errorf("node %d dropped no message as oversized", m.Index)
		}
		// A corrupted signature either fails to recover or recovers to
		// another account than the operator.
		invalid := metricWithLabel(t, m, "thx_p2p_dropped_messages_total", "invalid_signature") +
			metricWithLabel(t, m, "thx_p2p_dropped_messages_total", "not_operator")
		if invalid == 0 {
			t.Errorf("node %d dropped no message for its signature", m.Index)
		}
		waitUntil(t, convergeWait, "the attacker to be disconnected", func() bool {
			return a.host.Network().Connectedness(peerOf(t, m)) != network.Connected
		})
		// The node's connection gater refuses a banned peer once the
		// connection is secured, so a redial may complete on the
		// attacker's side but the node closes it at once.
		_ = a.host.Connect(context.Background(), peer.AddrInfo{ID: peerOf(t, m),
			Addrs: []multiaddr.Multiaddr{multiaddr.StringCast(m.Node.P2PAddrs()[0])}})
		waitUntil(t, convergeWait, "the node to close the banned attacker's new connection", func() bool {
			return a.host.Network().Connectedness(peerOf(t, m)) != network.Connected
		})
	}

	submitRoundRobin(t, nw.Members(), w, 100, 16)
	waitSettled(t, nw, w)
	waitConverged(t, nw)
	checkSameViews(t, nw, w)
}

// attack sends on topic, in this order: ten messages of oversize bytes,
// the invalid message ten times, 40 more invalid messages, and a flood of
// 20,000 small malformed ones. Each kind goes out before the peer's score
// falls below the ban threshold, so that every kind is counted.
func (a *attacker) attack(topic *pubsub.Topic, invalid []byte, oversize int) {
	for i := range 10 {
		junk := make([]byte, oversize)
		binary.BigEndian.PutUint64(junk, uint64(i))
		a.publish(topic, junk)
	}
	for range 10 {
		a.publish(topic, invalid)
		time.Sleep(2 * time.Millisecond)
	}
	for i := range 40 {
		varied := append([]byte(nil), invalid...)
		varied[len(varied)-66] ^= byte(i + 1)
		a.publish(topic, varied)
	}
	for i := range 20_000 {
		junk := make([]byte, 64)
		binary.BigEndian.PutUint64(junk, uint64(i))
		a.publish(topic, junk)
	}
}

// badSignatureBatch is a well-formed log batch whose signature recovers to
// some account other than the operator.
func badSignatureBatch(t *testing.T, ref p2p.ExchangeRef) []byte {
	t.Helper()
	key, _ := crypto.GenerateKey()
	b, err := p2p.NewBatch(ref, []store.Entry{{Seq: 1 << 40, Payload: []byte("forged")}}, store.StateHash{}, key)
	if err != nil {
		t.Fatal(err)
	}
	data, err := b.Encode()
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-40] ^= 0xff
	return data
}

func peerOf(t *testing.T, m *Member) peer.ID {
	t.Helper()
	info, err := peer.AddrInfoFromP2pAddr(multiaddr.StringCast(m.Node.P2PAddrs()[0]))
	if err != nil {
		t.Fatal(err)
	}
	return info.ID
}

// TestBatchesOfOtherSignersIgnored publishes a log batch signed by an
// account that the Exchange does not register as its operator: a deposit
// the chain never saw. The followers reject it and keep following the
// sequencer.
func TestBatchesOfOtherSignersIgnored(t *testing.T) {
	nw := startNetwork(t, 3, nil)
	w := newWorkload(nw, testSeed(t))
	waitDeposits(t, nw, w)
	waitConverged(t, nw)

	a := startAttacker(t)
	ref := p2p.ExchangeRef{ChainID: w.domain.ChainID, Contract: w.domain.VerifyingContract}
	logTopic := a.join(t, p2p.LogTopic(ref))
	for _, m := range nw.Members()[1:] {
		a.connect(t, m)
	}
	waitUntil(t, convergeWait, "the followers on the attacker's log topic", func() bool {
		return len(logTopic.ListPeers()) == 2
	})

	impostor, _ := crypto.GenerateKey()
	thief := crypto.PubkeyToAddress(impostor.PublicKey)
	next := nw.Sequencer().Node.Syncing().CurrentSeq + 1
	data := forgedDeposit(t, ref, next, thief, w, impostor)
	a.publish(logTopic, data)
	for _, m := range nw.Members()[1:] {
		waitUntil(t, convergeWait, "the follower to reject the forged batch", func() bool {
			return metricWithLabel(t, m, "thx_p2p_dropped_messages_total", "not_operator") >= 1
		})
	}

	submitRoundRobin(t, nw.Members(), w, 100, 8)
	waitSettled(t, nw, w)
	waitConverged(t, nw)
	checkSameViews(t, nw, w)
	for _, m := range nw.Members() {
		if balances, _ := m.Node.Balances(thief); len(balances) != 0 {
			t.Fatalf("node %d credited the forged deposit: %v", m.Index, balances)
		}
	}
}

// forgedDeposit returns a log batch at seq that credits a deposit to
// thief, signed by key.
func forgedDeposit(t *testing.T, ref p2p.ExchangeRef, seq uint64, thief common.Address, w *workload, key *ecdsa.PrivateKey) []byte {
	t.Helper()
	usdc := w.traders[0].Address // any address; the entry never applies
	entry := state.Entry{Type: state.EntryDeposit, Time: uint64(time.Now().UnixMilli()), Deposit: &state.Deposit{
		ChainID: ref.ChainID, ID: 1 << 40, Trader: thief, Token: usdc, Amount: *uint256.NewInt(1e12), Block: 1,
	}}
	payload, err := entry.Encode()
	if err != nil {
		t.Fatal(err)
	}
	b, err := p2p.NewBatch(ref, []store.Entry{{Seq: seq, Payload: payload}}, store.StateHash{}, key)
	if err != nil {
		t.Fatal(err)
	}
	data, err := b.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

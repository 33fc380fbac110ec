package node

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/multiformats/go-multiaddr"

	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/p2p"
)

// networkWait bounds the waits of the network tests: gossip and sync on
// loopback take milliseconds, and the margin absorbs a loaded machine.
const networkWait = 30 * time.Second

// operatorTestKey signs the test sequencer's log batches.
var operatorTestKey = mustKey(7001)

func mustKey(n int64) *ecdsa.PrivateKey {
	key, err := crypto.ToECDSA(common.LeftPadBytes(new(bigInt).SetInt64(n).Bytes(), 32))
	if err != nil {
		panic(err)
	}
	return key
}

// networkLogger logs to the test at the level of THX_TEST_LOG, or
// discards everything when it is unset.
func networkLogger(t testing.TB, name string) *slog.Logger {
	var level slog.Level
	if os.Getenv("THX_TEST_LOG") == "" || level.UnmarshalText([]byte(os.Getenv("THX_TEST_LOG"))) != nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return slog.New(slog.NewTextHandler(testLogWriter{t}, &slog.HandlerOptions{Level: level})).With("node", name)
}

type testLogWriter struct{ t testing.TB }

func (w testLogWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}

// testNetworkLimits are short intervals, so that meshes form, gaps are
// reported and syncs retry quickly.
func testNetworkLimits() p2p.Limits {
	return p2p.Limits{
		HeartbeatInterval:    100 * time.Millisecond,
		ScoreInspectInterval: 100 * time.Millisecond,
		GapReportDelay:       50 * time.Millisecond,
		GapReportInterval:    300 * time.Millisecond,
		BootnodeBackoffMin:   20 * time.Millisecond,
		BootnodeBackoffMax:   200 * time.Millisecond,
		SyncRetryDelay:       20 * time.Millisecond,
		SyncRoundsMax:        50,
	}
}

// startSequencer starts a sequencer on loopback with the test markets.
func startSequencer(t *testing.T, dir string, edit func(*Config)) *testNode {
	t.Helper()
	return startTestNode(t, dir, func(c *Config) {
		c.Logger = networkLogger(t, "sequencer")
		c.OperatorKey = operatorTestKey
		c.Network = &NetworkConfig{LoopbackOnly: true, Limits: testNetworkLimits(), Seed: 1}
		if edit != nil {
			edit(c)
		}
	})
}

// startFollowerNode starts a follower of seq in dir (a new temporary one
// if empty), with seq as its bootnode.
func startFollowerNode(t *testing.T, dir string, seq *testNode, edit func(*Config)) *testNode {
	t.Helper()
	return startTestNode(t, dir, func(c *Config) {
		c.Logger = networkLogger(t, "follower")
		c.Role = RoleFollower
		c.Markets = nil
		c.Network = &NetworkConfig{
			LoopbackOnly: true, Limits: testNetworkLimits(), Seed: 2, SyncStartTimeout: networkWait,
			Operator: crypto.PubkeyToAddress(operatorTestKey.PublicKey), Bootnodes: bootnodesOf(t, seq),
		}
		if edit != nil {
			edit(c)
		}
	})
}

func bootnodesOf(t *testing.T, nodes ...*testNode) []multiaddr.Multiaddr {
	t.Helper()
	var out []multiaddr.Multiaddr
	for _, n := range nodes {
		for _, a := range n.P2PAddrs() {
			out = append(out, multiaddr.StringCast(a))
		}
	}
	return out
}

// waitNetwork polls cond until it holds or networkWait passes.
func waitNetwork(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(networkWait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", networkWait, what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// waitCaughtUp waits until the follower has applied, made durable and
// indexed every entry the sequencer has, and the sequencer has indexed
// them too.
func waitCaughtUp(t *testing.T, follower, sequencer *testNode) {
	t.Helper()
	waitNetwork(t, "the follower to catch up", func() bool {
		last := sequencer.durable.Load()
		return follower.durable.Load() == last && follower.Syncing().CurrentSeq == last &&
			follower.store.IndexedThrough() == last && sequencer.store.IndexedThrough() == last
	})
}

// checkSameState compares everything two nodes serve about the test
// markets and traders: the state hash, books, balances and open orders.
func checkSameState(t *testing.T, got, want *testNode, traders int) {
	t.Helper()
	if g, w := got.stateHash(), want.stateHash(); g != w {
		t.Fatalf("state hash %s, expected the sequencer's %s", g, w)
	}
	for _, m := range want.Markets() {
		wantBook, err := want.OrderBook(m.Symbol, 100)
		if err != nil {
			t.Fatal(err)
		}
		gotBook, err := got.OrderBook(m.Symbol, 100)
		if err != nil {
			t.Fatalf("book of %s: %v", m.Symbol, err)
		}
		if fmt.Sprint(gotBook.Bids, gotBook.Asks) != fmt.Sprint(wantBook.Bids, wantBook.Asks) {
			t.Fatalf("book of %s is %v / %v, expected %v / %v", m.Symbol, gotBook.Bids, gotBook.Asks, wantBook.Bids, wantBook.Asks)
		}
	}
	for i := range traders {
		gotBalances, _ := got.Balances(traderAddr(i))
		wantBalances, _ := want.Balances(traderAddr(i))
		if fmt.Sprint(gotBalances) != fmt.Sprint(wantBalances) {
			t.Fatalf("trader %d balances %v, expected %v", i, gotBalances, wantBalances)
		}
		gotOpen, _ := got.OpenOrders(traderAddr(i))
		wantOpen, _ := want.OpenOrders(traderAddr(i))
		if len(gotOpen) != len(wantOpen) {
			t.Fatalf("trader %d has %d open orders, expected %d", i, len(gotOpen), len(wantOpen))
		}
	}
}

// fakeSequencer is a bare host on the log topic that publishes batches
// signed with key, for tests of what followers accept.
type fakeSequencer struct {
	host *p2p.Host
	key  *ecdsa.PrivateKey
	ref  p2p.ExchangeRef
}

func startFakeSequencer(t *testing.T, key *ecdsa.PrivateKey) *fakeSequencer {
	t.Helper()
	ref := p2p.ExchangeRef{ChainID: testChain, Contract: testExchange}
	h, err := p2p.New(p2p.Config{
		DataDir: t.TempDir(), LoopbackOnly: true, Log: ref, Operator: crypto.PubkeyToAddress(key.PublicKey),
		Limits: testNetworkLimits(), Logger: networkLogger(t, "fake"), Seed: 3,
	}, p2p.Handlers{})
	if err != nil {
		t.Fatalf("start fake sequencer: %v", err)
	}
	t.Cleanup(func() { h.Close() })
	return &fakeSequencer{host: h, key: key, ref: ref}
}

func (f *fakeSequencer) bootnodes() []multiaddr.Multiaddr { return f.host.Addrs() }

// publish signs and publishes entries with a state hash, once a follower
// subscribes to the log topic.
func (f *fakeSequencer) publish(t *testing.T, entries []store.Entry, hash common.Hash) {
	t.Helper()
	waitNetwork(t, "a follower on the log topic", func() bool { return f.host.TopicPeers(p2p.LogTopic(f.ref)) > 0 })
	b, err := p2p.NewBatch(f.ref, entries, store.StateHash(hash), f.key)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.host.PublishBatch(context.Background(), b); err != nil {
		t.Fatalf("publish batch: %v", err)
	}
}

// logOf reads every entry of a node's log.
func logOf(t *testing.T, tn *testNode) []store.Entry {
	t.Helper()
	entries, err := tn.store.ReadLog(1, int(tn.store.LastSeq()), 64<<20)
	if err != nil {
		t.Fatalf("read log: %v", err)
	}
	return entries
}

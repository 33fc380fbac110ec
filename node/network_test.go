package node

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/multiformats/go-multiaddr"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/p2p"
	"github.com/thaliumx/thaliumx/rpc"
)

// trade deposits for traders 0 to 3 and places crossing orders, so that
// the log has deposits, resting orders, trades and a cancel.
func trade(t *testing.T, tn *testNode, rounds int) {
	t.Helper()
	if tn.deposits == 0 {
		for i := range 4 {
			tn.deposit(i, tokenUSDC, 100_000*usdc)
			tn.deposit(i, tokenTHAL, 1000*thal)
		}
	}
	for r := range rounds {
		price := uint64(10_000 + r%7)
		tn.place(tn.order(r%4, eip712.Sell, price, 3))
		tn.place(tn.order((r+1)%4, eip712.Buy, price, 2))
		ack := tn.place(tn.order((r+2)%4, eip712.Buy, price-50, 1))
		if r%3 == 0 {
			tn.cancel((r+2)%4, ack.Order.Hash)
		}
	}
}

// cancel cancels an order of trader i.
func (tn *testNode) cancel(i int, hash common.Hash) rpc.OrderAck {
	tn.t.Helper()
	c := eip712.Cancel{Trader: traderAddr(i), OrderHash: hash}
	domain := eip712.Domain{ChainID: testChain, VerifyingContract: testExchange}
	_, sig, err := domain.SignCancel(c, traderKey(i))
	if err != nil {
		tn.t.Fatal(err)
	}
	ack, err := tn.CancelOrder(context.Background(), &state.SignedCancel{ChainID: testChain, Cancel: c, Signature: sig})
	if err != nil {
		tn.t.Fatalf("cancel order %s: %v", hash, err)
	}
	return ack
}

func TestFollowersReplicateTheLog(t *testing.T) {
	seq := startSequencer(t, "", nil)
	followers := []*testNode{startFollowerNode(t, "", seq, nil), startFollowerNode(t, "", seq, nil)}
	trade(t, seq, 30)

	for i, f := range followers {
		waitCaughtUp(t, f, seq)
		checkSameState(t, f, seq, 4)
		info := f.NodeInfo()
		if info.Role != string(RoleFollower) || info.Peers < 1 {
			t.Errorf("follower %d node info role %q peers %d, expected follower with a peer", i, info.Role, info.Peers)
		}
		trades, err := f.RecentTrades("THAL/USDC", 100)
		want, _ := seq.RecentTrades("THAL/USDC", 100)
		if err != nil || len(trades) != len(want) {
			t.Errorf("follower %d has %d recent trades (err %v), expected %d", i, len(trades), err, len(want))
		}
		history, _, err := f.OrderHistory(traderAddr(1), rpc.Page{Limit: 100})
		wantHistory, _, _ := seq.OrderHistory(traderAddr(1), rpc.Page{Limit: 100})
		if err != nil || len(history) != len(wantHistory) {
			t.Errorf("follower %d order history has %d orders (err %v), expected %d", i, len(history), err, len(wantHistory))
		}
	}
	if got := seq.NodeInfo().Role; got != string(RoleSequencer) {
		t.Errorf("sequencer role %q", got)
	}
	if names := componentNames(followers[0].Health()); !slices.Contains(names, "forwarder") || slices.Contains(names, "sequencer") {
		t.Errorf("follower health components %v, expected forwarder and no sequencer", names)
	}
	if names := componentNames(seq.Health()); !slices.Contains(names, "sequencer") || slices.Contains(names, "forwarder") {
		t.Errorf("sequencer health components %v, expected sequencer and no forwarder", names)
	}
}

func componentNames(h rpc.Health) []string {
	names := make([]string, len(h.Components))
	for i, c := range h.Components {
		names[i] = c.Name
	}
	return names
}

func TestFollowerChecksPublishedStateHash(t *testing.T) {
	// A budget of 100% and a least gap of 1 ns hash every round, so the
	// last batch carries a hash.
	seq := startSequencer(t, "", func(c *Config) {
		c.Network.StateHashTimePercent = 100
		c.Network.StateHashGapMin = time.Nanosecond
	})
	f := startFollowerNode(t, "", seq, nil)
	trade(t, seq, 5)
	waitCaughtUp(t, f, seq)
	waitNetwork(t, "the follower in the sequencer's log mesh", func() bool {
		return seq.net.host.MeshPeers(p2p.LogTopic(seq.net.ref)) > 0
	})
	trade(t, seq, 1)
	waitCaughtUp(t, f, seq)

	want := seq.NodeInfo()
	deadline := time.Now().Add(networkWait)
	for got := f.NodeInfo(); got.Seq != want.Seq || got.StateHash != want.StateHash; got = f.NodeInfo() {
		if time.Now().After(deadline) {
			t.Fatalf("follower reports seq %d hash %s, the sequencer seq %d hash %s", got.Seq, got.StateHash, want.Seq, want.StateHash)
		}
		time.Sleep(2 * time.Millisecond)
	}
	if want.StateHash != seq.stateHash() {
		t.Fatalf("sequencer node info hash %s is not its state hash %s", want.StateHash, seq.stateHash())
	}
	if got := counterValue(t, f, "thx_state_hash_checks_total", "match"); got < 1 {
		t.Errorf("follower counted %v matching state hashes, expected at least one", got)
	}
	if got := counterValue(t, f, "thx_state_hash_checks_total", "mismatch"); got != 0 {
		t.Errorf("follower counted %v mismatching state hashes", got)
	}
}

// TestStateHashGapSpacesHashes checks that the sequencer computes no
// second state hash for its log batches within StateHashGapMin of the
// first, however cheap the hash, and hashes every round without a gap.
func TestStateHashGapSpacesHashes(t *testing.T) {
	for _, tc := range []struct {
		gap                  time.Duration
		hashesMin, hashesMax float64
	}{
		{gap: time.Minute, hashesMin: 1, hashesMax: 1},
		{gap: time.Nanosecond, hashesMin: 2, hashesMax: 1e9},
	} {
		seq := startSequencer(t, "", func(c *Config) {
			c.Network.StateHashTimePercent = 100
			c.Network.StateHashGapMin = tc.gap
		})
		for range 3 {
			trade(t, seq, 2)
		}
		got := histogramCount(t, seq, "thx_state_hash_seconds")
		if got < tc.hashesMin || got > tc.hashesMax {
			t.Errorf("gap %v: the sequencer computed %v state hashes, expected %v to %v", tc.gap, got, tc.hashesMin, tc.hashesMax)
		}
	}
}

// TestBatchGapGroupsRounds checks that rounds which turn durable within
// BatchGapMin of a publication go out in one log batch, and that a
// negative gap publishes each round as it comes.
func TestBatchGapGroupsRounds(t *testing.T) {
	published := map[time.Duration]float64{}
	for _, gap := range []time.Duration{-1, time.Second} {
		seq := startSequencer(t, "", func(c *Config) {
			c.Network.BatchGapMin = gap
			// One state hash only, because a hashed round ends a batch.
			c.Network.StateHashGapMin = time.Minute
		})
		f := startFollowerNode(t, "", seq, nil)
		trade(t, seq, 4)
		waitCaughtUp(t, f, seq)
		checkSameState(t, f, seq, 4)
		m := soleMetric(t, seq, "thx_log_batches_published_total")
		if m == nil {
			t.Fatal("the sequencer has no counter thx_log_batches_published_total")
		}
		published[gap] = m.GetCounter().GetValue()
	}
	// Each order waits for its acknowledgement before the next, so
	// without a gap most rounds are a batch of their own. The publisher
	// merges the rounds that queue while it publishes, so a slow machine
	// publishes fewer.
	if published[-1] < 10 {
		t.Errorf("without a gap the sequencer published %v batches, expected about one per round, at least 10", published[-1])
	}
	if published[time.Second] > published[-1]/2 {
		t.Errorf("with a 1 s gap the sequencer published %v batches, expected at most half of the %v without one",
			published[time.Second], published[-1])
	}
}

// histogramCount returns the number of observations of an unlabelled
// histogram of a node.
func histogramCount(t *testing.T, tn *testNode, name string) float64 {
	t.Helper()
	m := soleMetric(t, tn, name)
	if m == nil {
		t.Fatalf("node has no histogram %s", name)
	}
	return float64(m.GetHistogram().GetSampleCount())
}

func TestFollowerForwardsOrdersToSequencer(t *testing.T) {
	seq := startSequencer(t, "", nil)
	f := startFollowerNode(t, "", seq, nil)
	trade(t, seq, 1)
	waitCaughtUp(t, f, seq)
	waitNetwork(t, "the follower to see the sequencer on the market topic", func() bool {
		return f.net.host.TopicPeers(p2p.OrderTopic(testMarketRef(1))) > 0
	})

	sell := f.place(f.order(0, eip712.Sell, 9_000, 4))
	if sell.Seq == 0 || sell.Order.Status != state.StatusOpen || sell.Order.Remaining != 4 {
		t.Fatalf("ack of the forwarded sell %+v, expected an open order with a seq", sell)
	}
	buy := f.place(f.order(1, eip712.Buy, 9_000, 4))
	if len(buy.Trades) != 1 || buy.Order.Status != state.StatusFilled {
		t.Fatalf("ack of the forwarded buy %+v, expected one trade that fills it", buy)
	}
	onSequencer, err := seq.Order(buy.Order.Hash)
	if err != nil || onSequencer.PlacedSeq != buy.Seq {
		t.Fatalf("sequencer has the buy at seq %d (err %v), the follower acknowledged seq %d", onSequencer.PlacedSeq, err, buy.Seq)
	}

	rest := f.place(f.order(2, eip712.Buy, 8_000, 1))
	cancelled := f.cancel(2, rest.Order.Hash)
	if cancelled.Order.Status != state.StatusCancelled {
		t.Fatalf("ack of the forwarded cancel %+v, expected a cancelled order", cancelled)
	}
	waitCaughtUp(t, f, seq)
	checkSameState(t, f, seq, 4)
}

func TestFollowerRejectsWhatItCannotForward(t *testing.T) {
	var seqLog lockedBuffer
	seq := startSequencer(t, "", func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(&seqLog, nil)) })
	f := startFollowerNode(t, "", seq, nil)
	trade(t, seq, 1)
	waitCaughtUp(t, f, seq)
	waitForwarding(t, f, seq)
	ctx := context.Background()

	placed := f.place(f.order(0, eip712.Sell, 9_000, 1))
	_, err := f.PlaceOrder(ctx, signOrder(placed.Order.Order, traderKey(0)))
	mustErrorIs(t, err, state.ErrOrderReplayed, "order placed twice")

	unknown := f.order(0, eip712.Sell, 9_000, 1)
	unknown.Order.Market = 9
	unknown = signOrder(unknown.Order, traderKey(0))
	_, err = f.PlaceOrder(ctx, unknown)
	mustErrorIs(t, err, state.ErrUnknownMarket, "order of an unlisted market")

	c := eip712.Cancel{Trader: traderAddr(0), OrderHash: common.Hash{1}}
	domain := eip712.Domain{ChainID: testChain, VerifyingContract: testExchange}
	_, sig, _ := domain.SignCancel(c, traderKey(0))
	_, err = f.CancelOrder(ctx, &state.SignedCancel{ChainID: testChain, Cancel: c, Signature: sig})
	mustErrorIs(t, err, state.ErrUnknownOrder, "cancel of an unknown order")

	w := eip712.Withdrawal{Trader: traderAddr(0), Token: tokenUSDC, Amount: bigOf(5), Nonce: 1}
	_, wsig, _ := domain.SignWithdrawal(w, traderKey(0))
	_, err = f.Withdraw(ctx, &state.SignedWithdrawal{ChainID: testChain, Withdrawal: w, Signature: wsig})
	mustErrorIs(t, err, rpc.ErrUnavailable, "withdrawal at a follower")

	// Trader 9 has no funds: the sequencer rejects the order and sends
	// the follower the reason, which it also logs.
	_, err = f.PlaceOrder(ctx, f.order(9, eip712.Buy, 9_000, 1))
	if code := asAPIError(t, err, "order the sequencer rejects").Code; code != rpc.CodeInsufficientBalance {
		t.Errorf("order the sequencer rejects: code %d, expected %d", code, rpc.CodeInsufficientBalance)
	}
	logged := seqLog.String()
	if !strings.Contains(logged, `msg="gossiped request rejected`) || !strings.Contains(logged, "reason=insufficient_balance") {
		t.Errorf("the sequencer's log does not give the reason of the gossiped order it rejected:\n%s", logged)
	}
}

// startHeldFollower starts a sequencer and a follower, gives trader 1 USDC,
// subscribes to trader 1's orders at the follower, and then holds every
// log commit of the follower's store until open is called. The test's
// cleanup calls open before the nodes stop, so no commit stays held.
func startHeldFollower(t *testing.T) (seq, f *testNode, orders rpc.Subscription, open func()) {
	t.Helper()
	seq = startSequencer(t, "", nil)
	var holding atomic.Bool
	release := make(chan struct{})
	var releaseOnce sync.Once
	open = func() { releaseOnce.Do(func() { close(release) }) }
	f = startFollowerNode(t, "", seq, func(c *Config) {
		c.Store.BeforeLogCommit = func() error {
			if holding.Load() {
				<-release
			}
			return nil
		}
	})
	t.Cleanup(open)
	seq.deposit(1, tokenUSDC, 1000*usdc)
	waitCaughtUp(t, f, seq)

	orders, err := f.Subscribe(context.Background(), rpc.Topic{Kind: rpc.TopicOrders, Trader: traderAddr(1)})
	if err != nil {
		t.Fatal(err)
	}
	holding.Store(true)
	return seq, f, orders, open
}

// TestFollowerShowsEntriesBeforeSync holds a follower's log commits and
// checks that its subscribers still get an applied entry while its durable
// seq stays behind, and that a query after the event waits for the entry's
// index.
func TestFollowerShowsEntriesBeforeSync(t *testing.T) {
	seq, f, orders, open := startHeldFollower(t)
	ack := seq.place(seq.order(1, eip712.Buy, 9_000, 3))
	event := nextEvent[rpc.OrderEvent](t, orders)
	if event.Order.Hash != ack.Order.Hash {
		t.Fatalf("follower's orders event for order %s, expected order %s", event.Order.Hash, ack.Order.Hash)
	}
	if event.Seq != ack.Seq {
		t.Fatalf("follower's orders event has seq %d, expected the order's seq %d", event.Seq, ack.Seq)
	}
	if got := f.durable.Load(); got >= ack.Seq {
		t.Fatalf("follower durable through seq %d with its commits held, expected below the order's seq %d", got, ack.Seq)
	}
	if got := f.visibleSeq.Load(); got < ack.Seq {
		t.Fatalf("follower visible through seq %d after the event, expected at least %d", got, ack.Seq)
	}

	open()
	history, _, err := f.OrderHistory(traderAddr(1), rpc.Page{Limit: 10})
	if err != nil {
		t.Fatalf("follower's order history after the event: %v", err)
	}
	if len(history) != 1 {
		t.Fatalf("follower's order history after the event has %d orders, expected order %s", len(history), ack.Order.Hash)
	}
	if history[0].Hash != ack.Order.Hash {
		t.Fatalf("follower's order history after the event has order %s, expected order %s", history[0].Hash, ack.Order.Hash)
	}
	waitCaughtUp(t, f, seq)
}

// TestFollowerEventsCarryEntrySeq checks that the orders, balances and
// trades events of a follower carry the same seq as the sequencer's,
// which is that of the entry in the log.
func TestFollowerEventsCarryEntrySeq(t *testing.T) {
	seq := startSequencer(t, "", nil)
	f := startFollowerNode(t, "", seq, nil)
	waitCaughtUp(t, f, seq)
	checkEventSeqs(t, seq, seq, f)

	waitCaughtUp(t, f, seq)
	if got, want := logOf(t, f), logOf(t, seq); !slices.EqualFunc(got, want, equalEntries) {
		t.Fatalf("follower's log of %d entries differs from the sequencer's of %d", len(got), len(want))
	}
}

func equalEntries(a, b store.Entry) bool {
	return a.Seq == b.Seq && bytes.Equal(a.Payload, b.Payload)
}

// TestFollowerFindsOrderClosedBeforeSync holds a follower's log commits
// while an IOC order closes without a trade, which the state drops at once,
// and checks that thx_order after the order's event waits for its index
// instead of reporting it not found.
func TestFollowerFindsOrderClosedBeforeSync(t *testing.T) {
	seq, f, orders, open := startHeldFollower(t)
	ioc := seq.order(1, eip712.Buy, 9_000, 3)
	ioc.Order.TimeInForce = eip712.IOC
	ack := seq.place(signOrder(ioc.Order, traderKey(1)))
	ev := nextEvent[rpc.OrderEvent](t, orders).Order
	if ev.Hash != ack.Order.Hash {
		t.Fatalf("follower's orders event for order %s, expected order %s", ev.Hash, ack.Order.Hash)
	}
	if ev.Status != state.StatusCancelled {
		t.Fatalf("follower's orders event has status %q, expected %q", ev.Status, state.StatusCancelled)
	}

	// The query must wait past the release for the order's index record.
	time.AfterFunc(50*time.Millisecond, open)
	info, err := f.Order(ack.Order.Hash)
	if err != nil {
		t.Fatalf("follower's thx_order %s after its event: %v", ack.Order.Hash, err)
	}
	if info.Status != state.StatusCancelled || info.Reason != "ioc-remainder" {
		t.Fatalf("follower's thx_order %s after its event has status %q, reason %q, expected %q, %q",
			ack.Order.Hash, info.Status, info.Reason, state.StatusCancelled, "ioc-remainder")
	}
	waitCaughtUp(t, f, seq)
}

// TestFollowerRepliesBeforeSync holds a follower's log commits. The
// replies to the orders and the cancel it forwarded must arrive while its
// durable seq stays behind them. thx_order and a history query after the
// replies must then wait for the entries' index records.
func TestFollowerRepliesBeforeSync(t *testing.T) {
	seq, f, orders, open := startHeldFollower(t)
	waitForwarding(t, f, seq)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	placed, err := f.PlaceOrder(ctx, f.order(1, eip712.Buy, 9_000, 3))
	checkHeldReply(t, f, "forwarded order", placed, err, state.StatusOpen)
	ev := nextEvent[rpc.OrderEvent](t, orders)
	if ev.Order.Hash != placed.Order.Hash {
		t.Fatalf("follower's orders event %+v, expected order %s", ev, placed.Order.Hash)
	}
	if ev.Seq != placed.Seq {
		t.Fatalf("follower's orders event has seq %d, expected the reply's seq %d", ev.Seq, placed.Seq)
	}
	info, err := f.Order(placed.Order.Hash)
	if err != nil {
		t.Fatalf("follower's thx_order %s after its reply: %v", placed.Order.Hash, err)
	}
	if info.Status != state.StatusOpen || info.PlacedSeq != placed.Seq {
		t.Fatalf("follower's thx_order %s after its reply has status %q, seq %d, expected %q, %d",
			placed.Order.Hash, info.Status, info.PlacedSeq, state.StatusOpen, placed.Seq)
	}

	cancelled, err := f.CancelOrder(ctx, signCancel(1, placed.Order.Hash))
	checkHeldReply(t, f, "forwarded cancel", cancelled, err, state.StatusCancelled)

	// An IOC order without a counterparty closes on arrival, so the
	// state drops it and thx_order reads the index.
	ioc := f.order(1, eip712.Buy, 9_000, 2)
	ioc.Order.TimeInForce = eip712.IOC
	closed, err := f.PlaceOrder(ctx, signOrder(ioc.Order, traderKey(1)))
	checkHeldReply(t, f, "forwarded IOC order", closed, err, state.StatusCancelled)

	// The queries must wait past the release for the index records.
	time.AfterFunc(50*time.Millisecond, open)
	info, err = f.Order(closed.Order.Hash)
	if err != nil {
		t.Fatalf("follower's thx_order %s after the IOC order's reply: %v", closed.Order.Hash, err)
	}
	if info.Status != state.StatusCancelled || info.Reason != "ioc-remainder" {
		t.Fatalf("follower's thx_order %s after the IOC order's reply has status %q, reason %q, expected %q, %q",
			closed.Order.Hash, info.Status, info.Reason, state.StatusCancelled, "ioc-remainder")
	}
	history, _, err := f.OrderHistory(traderAddr(1), rpc.Page{Limit: 10})
	if err != nil {
		t.Fatalf("follower's order history after the replies: %v", err)
	}
	if len(history) != 2 {
		t.Fatalf("follower's order history after the replies has %d orders, expected orders %s and %s",
			len(history), closed.Order.Hash, placed.Order.Hash)
	}
	if history[0].Hash != closed.Order.Hash {
		t.Fatalf("follower's order history after the replies has order %s first, expected the IOC order %s", history[0].Hash, closed.Order.Hash)
	}
	if history[1].Hash != placed.Order.Hash || history[1].Status != state.StatusCancelled {
		t.Fatalf("follower's order history after the replies has order %s with status %q second, expected order %s with status %q",
			history[1].Hash, history[1].Status, placed.Order.Hash, state.StatusCancelled)
	}
	waitCaughtUp(t, f, seq)
}

// TestFollowerStoreCommitInterval checks that a follower's store spaces
// its commits by default and a sequencer's does not, and that a follower
// set to commit at once keeps that.
func TestFollowerStoreCommitInterval(t *testing.T) {
	seq := startSequencer(t, "", nil)
	spaced := startFollowerNode(t, "", seq, nil)
	atOnce := startFollowerNode(t, "", seq, func(c *Config) { c.Store.LogCommitInterval = -1 })
	if got := seq.cfg.Store.LogCommitInterval; got != 0 {
		t.Errorf("sequencer's store commit interval %s, expected 0", got)
	}
	if got := spaced.cfg.Store.LogCommitInterval; got != FollowerLogCommitIntervalDefault {
		t.Errorf("follower's store commit interval %s, expected the default %s", got, FollowerLogCommitIntervalDefault)
	}
	if got := atOnce.cfg.Store.LogCommitInterval; got != -1 {
		t.Errorf("store commit interval %s of a follower set to -1, expected it kept", got)
	}

	trade(t, seq, 3)
	for _, f := range []*testNode{spaced, atOnce} {
		waitCaughtUp(t, f, seq)
		checkSameState(t, f, seq, 4)
	}
}

// checkHeldReply checks the reply to a request that a follower with held
// log commits forwarded: no error, a seq, the expected order status, and
// the follower's durable seq still below the reply's.
func checkHeldReply(t *testing.T, f *testNode, request string, ack rpc.OrderAck, err error, status state.OrderStatus) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s with the follower's commits held: %v, expected its reply", request, err)
	}
	if ack.Seq == 0 {
		t.Fatalf("reply to the %s has no seq: %+v", request, ack)
	}
	if ack.Order.Status != status {
		t.Fatalf("reply to the %s has status %q, expected %q", request, ack.Order.Status, status)
	}
	if got := f.durable.Load(); got >= ack.Seq {
		t.Fatalf("follower durable through seq %d with its commits held, expected below the %s's seq %d", got, request, ack.Seq)
	}
}

// TestFollowerQueryEndsCommitInterval gives a follower's store the longest
// commit interval and checks that a history query right after a forwarded
// order's reply finds the order well before the interval ends, because
// the query's index wait makes the store commit store.ForcedCommitGapMin
// after its last commit.
func TestFollowerQueryEndsCommitInterval(t *testing.T) {
	const interval = time.Second
	seq := startSequencer(t, "", nil)
	f := startFollowerNode(t, "", seq, func(c *Config) { c.Store.LogCommitInterval = interval })
	seq.deposit(1, tokenUSDC, 1000*usdc)
	waitCaughtUp(t, f, seq)
	waitForwarding(t, f, seq)

	for i := range 3 {
		placed := f.place(f.order(1, eip712.Buy, uint64(9_000+i), 1))
		start := time.Now()
		history, _, err := f.OrderHistory(traderAddr(1), rpc.Page{Limit: 1})
		elapsed := time.Since(start)
		if err != nil {
			t.Fatalf("order %d: follower's order history after the reply: %v", i, err)
		}
		if len(history) != 1 || history[0].Hash != placed.Order.Hash {
			t.Fatalf("order %d: follower's order history after the reply is %+v, expected order %s", i, history, placed.Order.Hash)
		}
		if elapsed >= interval/2 {
			t.Fatalf("order %d: follower's order history took %s, expected well below the commit interval %s", i, elapsed, interval)
		}
		t.Logf("order %d: order history after the reply took %s", i, elapsed)
	}
}

// TestFollowerConcurrentQueriesSeeOwnOrders places forwarded orders of
// several traders at once at a follower whose store commits every
// second, and has each trader query its order history right after its
// reply. Queries within one forced-commit gap share commits, and each
// must still find its own order, well before the interval ends.
func TestFollowerConcurrentQueriesSeeOwnOrders(t *testing.T) {
	const (
		interval = time.Second
		traders  = 6
	)
	seq := startSequencer(t, "", nil)
	f := startFollowerNode(t, "", seq, func(c *Config) { c.Store.LogCommitInterval = interval })
	for i := range traders {
		seq.deposit(i, tokenUSDC, 1000*usdc)
	}
	waitCaughtUp(t, f, seq)
	waitForwarding(t, f, seq)
	orders := make([]*state.SignedOrder, traders)
	for i := range orders {
		orders[i] = f.order(i, eip712.Buy, uint64(9_000+i), 1)
	}

	ctx, cancel := context.WithTimeout(context.Background(), networkWait)
	defer cancel()
	errs := make(chan error, traders)
	for i, o := range orders {
		go func() {
			placed, err := f.PlaceOrder(ctx, o)
			if err != nil {
				errs <- fmt.Errorf("trader %d: order at the follower: %w", i, err)
				return
			}
			start := time.Now()
			history, _, err := f.OrderHistory(traderAddr(i), rpc.Page{Limit: 1})
			elapsed := time.Since(start)
			switch {
			case err != nil:
				errs <- fmt.Errorf("trader %d: order history after the reply: %w", i, err)
			case len(history) != 1 || history[0].Hash != placed.Order.Hash:
				errs <- fmt.Errorf("trader %d: order history after the reply is %+v, expected order %s", i, history, placed.Order.Hash)
			case elapsed >= interval/2:
				errs <- fmt.Errorf("trader %d: order history took %s, expected well below the commit interval %s", i, elapsed, interval)
			default:
				t.Logf("trader %d: order history after the reply took %s", i, elapsed)
				errs <- nil
			}
		}()
	}
	for range traders {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestFollowerCatchesUpAfterRestart(t *testing.T) {
	seq := startSequencer(t, "", nil)
	dir := t.TempDir()
	f := startFollowerNode(t, dir, seq, nil)
	trade(t, seq, 5)
	waitCaughtUp(t, f, seq)
	f.stop()

	trade(t, seq, 40)
	f = startFollowerNode(t, dir, seq, nil)
	if got := f.store.FirstSeq(); got != 1 {
		t.Fatalf("restarted follower's log starts at seq %d, expected 1", got)
	}
	waitCaughtUp(t, f, seq)
	checkSameState(t, f, seq, 4)
	if s := f.Syncing(); s.Syncing || s.CurrentSeq != s.TargetSeq {
		t.Fatalf("sync status after catching up %+v, expected not syncing at the target", s)
	}
}

func TestNewFollowerStartsFromSnapshot(t *testing.T) {
	seq := startSequencer(t, "", func(c *Config) { c.SnapshotEntries = 50 })
	trade(t, seq, 60)
	seq.waitQuiet(t, "the sequencer's first snapshot", func() bool { return seq.snapshotSeq() > 0 })

	f := startFollowerNode(t, "", seq, nil)
	waitCaughtUp(t, f, seq)
	// The sequencer may take a newer snapshot while the follower starts,
	// for example after the settlement entries of the trades, and the
	// follower then starts from that one.
	snapshotSeq := seq.snapshotSeq()
	if got := f.store.FirstSeq(); got < 2 || got > snapshotSeq+1 {
		t.Fatalf("new follower's log starts at seq %d, expected after a snapshot of at most seq %d", got, snapshotSeq)
	}
	checkSameState(t, f, seq, 4)

	// The follower goes on with gossiped batches after the snapshot.
	trade(t, seq, 3)
	waitCaughtUp(t, f, seq)
	checkSameState(t, f, seq, 4)
}

// hashAfter returns the state hash after applying entries to a new
// machine.
func hashAfter(t *testing.T, entries []store.Entry) common.Hash {
	t.Helper()
	m := machineAfter(t, entries)
	h, err := m.StateHash()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// machineAfter applies logged entries to a new machine, as recovery and
// followers do, and returns it.
func machineAfter(t *testing.T, entries []store.Entry) *state.Machine {
	t.Helper()
	m := state.New()
	for _, e := range entries {
		entry, err := state.DecodeEntry(e.Payload)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Apply(e.Seq, &entry); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// startBareFollower starts a follower whose only peers are fakes, with
// operatorTestKey's account as the operator.
func startBareFollower(t *testing.T, fakes ...*fakeSequencer) *testNode {
	t.Helper()
	var bootnodes []multiaddr.Multiaddr
	for _, f := range fakes {
		bootnodes = append(bootnodes, f.bootnodes()...)
	}
	return startTestNode(t, "", func(c *Config) {
		c.Logger = networkLogger(t, "follower")
		c.Role, c.Markets = RoleFollower, nil
		c.Network = &NetworkConfig{LoopbackOnly: true, Limits: testNetworkLimits(), SyncStartTimeout: time.Second,
			Operator: crypto.PubkeyToAddress(operatorTestKey.PublicKey), Bootnodes: bootnodes}
	})
}

func TestFollowerStopsOnStateHashMismatch(t *testing.T) {
	source := startTestNode(t, "", nil)
	trade(t, source, 3)
	entries := logOf(t, source)
	split := len(entries) / 2

	fake := startFakeSequencer(t, operatorTestKey)
	f := startBareFollower(t, fake)
	fake.publish(t, entries[:split], hashAfter(t, entries[:split]))
	waitNetwork(t, "the first batch to be durable", func() bool { return f.durable.Load() == uint64(split) })

	last := entries[len(entries)-1].Seq
	fake.publish(t, entries[split:], common.Hash{0xde, 0xad})
	select {
	case <-f.Failed():
	case <-time.After(networkWait):
		t.Fatal("the follower did not stop after a state hash mismatch")
	}
	err := f.Err()
	mustErrorIs(t, err, ErrStateDiverged, "follower error")
	if !strings.Contains(err.Error(), fmt.Sprintf("after log entry %d ", last)) {
		t.Errorf("error %q does not name seq %d", err, last)
	}
	if got := f.durable.Load(); got != uint64(split) {
		t.Errorf("durable seq %d after the mismatch, expected %d: the diverged batch must not be written", got, split)
	}
	if f.Health().OK {
		t.Error("health is OK after the state diverged")
	}
	_, err = f.PlaceOrder(context.Background(), f.order(0, eip712.Sell, 9_000, 1))
	if err == nil {
		t.Error("a diverged follower took an order")
	}
}

func TestFollowerIgnoresBatchesOfOtherSigners(t *testing.T) {
	forged := startTestNode(t, "", nil)
	trade(t, forged, 2)
	real := startTestNode(t, "", nil)
	trade(t, real, 1)
	real.deposit(3, tokenUSDC, 7*usdc)

	impostor := startFakeSequencer(t, mustKey(7002))
	operator := startFakeSequencer(t, operatorTestKey)
	f := startBareFollower(t, impostor, operator)
	impostor.publish(t, logOf(t, forged), forged.stateHash())
	waitNetwork(t, "the impostor's batch to be rejected", func() bool {
		return counterValue(t, f, "thx_p2p_dropped_messages_total", "not_operator") >= 1
	})
	if got := f.durable.Load(); got != 0 {
		t.Fatalf("follower applied %d entries of a batch the operator did not sign", got)
	}

	entries := logOf(t, real)
	operator.publish(t, entries, real.stateHash())
	waitNetwork(t, "the operator's batch", func() bool { return f.durable.Load() == entries[len(entries)-1].Seq })
	if got, want := f.stateHash(), real.stateHash(); got != want {
		t.Fatalf("state hash %s, expected %s from the operator's log only", got, want)
	}
}

// counterValue sums the node's counter samples of a metric whose labels
// include value.
func counterValue(t *testing.T, tn *testNode, name, value string) float64 {
	t.Helper()
	families, err := tn.Metrics().Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetValue() == value {
					sum += m.GetCounter().GetValue()
				}
			}
		}
	}
	return sum
}

func testMarketRef(id uint32) p2p.MarketRef {
	return p2p.MarketRef{ExchangeRef: p2p.ExchangeRef{ChainID: testChain, Contract: testExchange}, Market: id}
}

func bigOf(v int64) *bigInt { return new(bigInt).SetInt64(v) }

func TestNetworkConfigErrors(t *testing.T) {
	operator := crypto.PubkeyToAddress(operatorTestKey.PublicKey)
	cases := []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"unknown role", func(c *Config) { c.Role = "leader" }, `role "leader"`},
		{"follower alone", func(c *Config) { c.Role, c.Markets = RoleFollower, nil }, "a follower needs a network"},
		{"sequencer without key", func(c *Config) { c.Network = &NetworkConfig{} }, "signs its log batches with the operator key"},
		{"other operator", func(c *Config) {
			c.OperatorKey, c.Network = operatorTestKey, &NetworkConfig{Operator: common.Address{9}}
		}, "Network.Operator is"},
		{"follower with markets", func(c *Config) {
			c.Role, c.Network = RoleFollower, &NetworkConfig{Operator: operator}
		}, "remove the 2 configured markets"},
		{"follower without operator", func(c *Config) {
			c.Role, c.Markets, c.Network = RoleFollower, nil, &NetworkConfig{}
		}, "needs Network.Operator"},
		{"no exchange", func(c *Config) {
			c.Chains[0].Exchange, c.Markets, c.OperatorKey, c.Network = common.Address{}, nil, operatorTestKey, &NetworkConfig{}
		}, "no chain with an Exchange address"},
		{"hash share", func(c *Config) {
			c.OperatorKey, c.Network = operatorTestKey, &NetworkConfig{StateHashTimePercent: 101}
		}, "StateHashTimePercent is 101"},
		{"hash gap", func(c *Config) {
			c.OperatorKey, c.Network = operatorTestKey, &NetworkConfig{StateHashGapMin: 2 * time.Minute}
		}, "StateHashGapMin is 2m0s"},
		{"negative hash gap", func(c *Config) {
			c.OperatorKey, c.Network = operatorTestKey, &NetworkConfig{StateHashGapMin: -time.Second}
		}, "StateHashGapMin is -1s"},
		{"batch gap", func(c *Config) {
			c.OperatorKey, c.Network = operatorTestKey, &NetworkConfig{BatchGapMin: 2 * time.Second}
		}, "BatchGapMin is 2s"},
		{"rejection queue", func(c *Config) {
			c.OperatorKey, c.Network = operatorTestKey, &NetworkConfig{RejectionQueueMax: -1}
		}, "RejectionQueueMax is -1"},
		{"rejection rate", func(c *Config) {
			c.OperatorKey, c.Network = operatorTestKey, &NetworkConfig{RejectionMessagesPerSecond: -2}
		}, "RejectionMessagesPerSecond is -2"},
		{"negative interval", func(c *Config) {
			c.OperatorKey, c.Network = operatorTestKey, &NetworkConfig{SyncCheckInterval: -time.Second}
		}, "must not be negative"},
	}
	for _, tc := range cases {
		cfg := testConfig(t.TempDir(), nil)
		tc.edit(&cfg)
		_, err := New(cfg)
		if !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, expected ErrInvalidConfig containing %q", tc.name, err, tc.want)
		}
	}
}

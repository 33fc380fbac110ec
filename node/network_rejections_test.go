package node

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/multiformats/go-multiaddr"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/p2p"
	"github.com/thaliumx/thaliumx/rpc"
)

// waitForwarding waits until the follower reaches the sequencer on the
// market topic and the sequencer reaches the follower on the rejection
// topic.
func waitForwarding(t *testing.T, f, seq *testNode) {
	t.Helper()
	waitNetwork(t, "the follower to see the sequencer on the market topic", func() bool {
		return f.net.host.TopicPeers(p2p.OrderTopic(testMarketRef(1))) > 0
	})
	waitNetwork(t, "the sequencer to see the follower on the rejection topic", func() bool {
		return seq.net.host.TopicPeers(p2p.RejectionTopic(seq.net.ref)) > 0
	})
}

// signCancel returns a cancel of hash signed by trader i.
func signCancel(i int, hash common.Hash) *state.SignedCancel {
	c := eip712.Cancel{Trader: traderAddr(i), OrderHash: hash}
	domain := eip712.Domain{ChainID: testChain, VerifyingContract: testExchange}
	_, sig, err := domain.SignCancel(c, traderKey(i))
	if err != nil {
		panic(err)
	}
	return &state.SignedCancel{ChainID: testChain, Cancel: c, Signature: sig}
}

// asAPIError returns err as the *rpc.Error it must be.
func asAPIError(t *testing.T, err error, call string) *rpc.Error {
	t.Helper()
	var apiErr *rpc.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("%s: error %v (%T), expected the sequencer's *rpc.Error", call, err, err)
	}
	return apiErr
}

// A client on a follower gets the error the sequencer's API returns for
// an order or cancel the sequencer rejects, long before the forward
// timeout, and the rejection changes no state.
func TestFollowerRepliesWithSequencerRejection(t *testing.T) {
	seq := startSequencer(t, "", nil)
	f := startFollowerNode(t, "", seq, func(c *Config) { c.Network.ForwardAckTimeout = 5 * time.Minute })
	trade(t, seq, 1)
	resting := seq.place(seq.order(0, eip712.Sell, 9_500, 2))
	waitCaughtUp(t, f, seq)
	waitForwarding(t, f, seq)
	ctx := context.Background()

	postOnly := f.order(1, eip712.Buy, 9_500, 1)
	postOnly.Order.PostOnly = true
	postOnly = signOrder(postOnly.Order, traderKey(1))
	cases := []struct {
		name   string
		code   int
		order  *state.SignedOrder
		cancel *state.SignedCancel
	}{
		{name: "insufficient balance", code: rpc.CodeInsufficientBalance, order: f.order(9, eip712.Buy, 9_000, 1)},
		{name: "post-only would take", code: rpc.CodePostOnlyWouldTake, order: postOnly},
		{name: "cancel by another trader", code: rpc.CodeNotOrderOwner, cancel: signCancel(1, resting.Order.Hash)},
	}
	var replies []*rpc.Error
	for _, tc := range cases {
		start := time.Now()
		var err, seqErr error
		if tc.order != nil {
			_, err = f.PlaceOrder(ctx, tc.order)
			_, seqErr = seq.PlaceOrder(ctx, tc.order)
		} else {
			_, err = f.CancelOrder(ctx, tc.cancel)
			_, seqErr = seq.CancelOrder(ctx, tc.cancel)
		}
		elapsed := time.Since(start)
		got := asAPIError(t, err, tc.name)
		replies = append(replies, got)
		want := rpc.ExplainRejection(seq.Node, seqErr, tc.order, tc.cancel)
		t.Logf("%s: the follower replied in %s: %d %s", tc.name, elapsed.Round(time.Millisecond), got.Code, got.Message)
		if got.Code != tc.code || want.Code != tc.code {
			t.Errorf("%s: code %d on the follower and %d on the sequencer, expected %d", tc.name, got.Code, want.Code, tc.code)
		}
		if got.Message != want.Message || got.Data.Reason != want.Data.Reason {
			t.Errorf("%s: the follower returned %q (%s), the sequencer %q (%s)", tc.name, got.Message, got.Data.Reason, want.Message, want.Data.Reason)
		}
		if elapsed >= f.net.cfg.ForwardAckTimeout {
			t.Errorf("%s: the reply took %s, the forward timeout is %s", tc.name, elapsed, f.net.cfg.ForwardAckTimeout)
		}
	}
	if shortfall := replies[0].Data.Shortfall; shortfall == nil || shortfall.NeededUnits != "9045" || shortfall.AvailableUnits != "0" {
		t.Errorf("the follower's insufficient balance error has the shortfall %+v, expected 9045 needed and 0 available", shortfall)
	}

	if got := counterValue(t, f, "thx_forwarded_requests_total", "rejected_by_sequencer"); got != 3 {
		t.Errorf("follower counted %v requests rejected by the sequencer, expected 3", got)
	}
	if got := testutil.ToFloat64(seq.net.metrics.rejectionsPublished); got != 3 {
		t.Errorf("sequencer counted %v published rejections, expected 3", got)
	}
	waitCaughtUp(t, f, seq)
	checkSameState(t, f, seq, 10)
}

// startFakesFollower starts a follower of fakes, with a ForwardAckTimeout
// of timeout. The first fake, which has the operator's key, publishes a
// test log and takes the orders of market 1 without replying.
func startFakesFollower(t *testing.T, timeout time.Duration, fakes ...*fakeSequencer) *testNode {
	t.Helper()
	source := startTestNode(t, "", nil)
	trade(t, source, 1)
	operator := fakes[0]
	if err := operator.host.JoinMarket(testMarketRef(1)); err != nil {
		t.Fatal(err)
	}
	var bootnodes []multiaddr.Multiaddr
	for _, fake := range fakes {
		bootnodes = append(bootnodes, fake.bootnodes()...)
	}
	f := startTestNode(t, "", func(c *Config) {
		c.Logger = networkLogger(t, "follower")
		c.Role, c.Markets = RoleFollower, nil
		c.Network = &NetworkConfig{LoopbackOnly: true, Limits: testNetworkLimits(), SyncStartTimeout: time.Second,
			Operator: crypto.PubkeyToAddress(operatorTestKey.PublicKey), Bootnodes: bootnodes, ForwardAckTimeout: timeout}
	})
	entries := logOf(t, source)
	operator.publish(t, entries, source.stateHash())
	waitNetwork(t, "the follower to apply the operator's log", func() bool { return f.durable.Load() == entries[len(entries)-1].Seq })
	waitNetwork(t, "the follower to see the operator on the market topic", func() bool {
		return f.net.host.TopicPeers(p2p.OrderTopic(testMarketRef(1))) > 0
	})
	for _, fake := range fakes {
		waitNetwork(t, "the fakes to see the follower on the rejection topic", func() bool {
			return fake.host.TopicPeers(p2p.RejectionTopic(fake.ref)) > 0
		})
	}
	return f
}

// publishRejection publishes one rejection of order signed with the
// fake's key.
func (fake *fakeSequencer) publishRejection(t *testing.T, order *state.SignedOrder, seq uint64, message string) {
	t.Helper()
	domain := eip712.Domain{ChainID: testChain, VerifyingContract: testExchange}
	r := p2p.Rejection{Hash: domain.OrderHash(order.Order), Signature: order.Signature, Seq: seq,
		Code: rpc.CodeInsufficientBalance, Message: message, Data: []byte(`{"reason":"insufficient_balance"}`)}
	m, err := p2p.NewRejectionMessage(fake.ref, []p2p.Rejection{r}, fake.key)
	if err != nil {
		t.Fatal(err)
	}
	if err := fake.host.PublishRejections(context.Background(), m); err != nil {
		t.Fatalf("publish rejection: %v", err)
	}
}

// A follower replies only with a rejection that the operator signed, of
// the message it gossiped, made after it gossiped it.
func TestFollowerIgnoresForeignRejections(t *testing.T) {
	operator := startFakeSequencer(t, operatorTestKey)
	impostor := startFakeSequencer(t, mustKey(7002))
	f := startFakesFollower(t, networkWait, operator, impostor)
	rejections := p2p.RejectionTopic(operator.ref)

	order := f.order(9, eip712.Buy, 9_000, 1)
	result := make(chan error, 1)
	go func() {
		_, err := f.PlaceOrder(context.Background(), order)
		result <- err
	}()
	waitNetwork(t, "the order to wait for the sequencer", func() bool { return f.net.forwarder.count.Load() == 1 })
	stillWaiting := func(what string) {
		t.Helper()
		select {
		case err := <-result:
			t.Fatalf("the follower replied %v after %s", err, what)
		default:
		}
	}

	impostor.publishRejection(t, order, 1000, "from the impostor")
	waitNetwork(t, "the impostor's rejection to be dropped", func() bool {
		return counterValue(t, f, "thx_p2p_dropped_messages_total", "not_operator") == 1
	})
	stillWaiting("a rejection signed by another key")

	// The same order signed again is another message with the same hash.
	resigned := *order
	resigned.Signature[0] ^= 1
	operator.publishRejection(t, &resigned, 1000, "of another signature")
	operator.publishRejection(t, order, 0, "made before the order was gossiped")
	waitNetwork(t, "the operator's rejections to be accepted", func() bool {
		return counterValue(t, f, "thx_p2p_messages_total", rejections) == 3
	})
	stillWaiting("rejections of another message and of an earlier seq")

	operator.publishRejection(t, order, 1000, "ledger: insufficient available balance: the operator's")
	select {
	case err := <-result:
		if got := asAPIError(t, err, "the operator's rejection"); got.Message != "ledger: insufficient available balance: the operator's" ||
			got.Code != rpc.CodeInsufficientBalance || got.Data.Reason != "insufficient_balance" {
			t.Fatalf("the follower replied %d %q (%s), expected the operator's rejection", got.Code, got.Message, got.Data.Reason)
		}
	case <-time.After(networkWait):
		t.Fatal("the follower did not reply with the operator's rejection")
	}
}

// Without a rejection, the follower replies after ForwardAckTimeout with
// the likely reason.
func TestForwardTimesOutWithoutRejection(t *testing.T) {
	operator := startFakeSequencer(t, operatorTestKey)
	f := startFakesFollower(t, 300*time.Millisecond, operator)

	_, err := f.PlaceOrder(context.Background(), f.order(9, eip712.Buy, 9_000, 1))
	mustErrorIs(t, err, rpc.ErrUnavailable, "order without an answer")
	if !strings.Contains(err.Error(), "thx_order") {
		t.Errorf("timeout error %q does not say how to look the order up", err)
	}
	if !strings.Contains(err.Error(), "this follower's copy of the state rejects it") || !strings.Contains(err.Error(), "insufficient available balance") {
		t.Errorf("timeout error %q does not give the likely reason", err)
	}
	if !strings.Contains(err.Error(), "drops an identical resend for up to 3m0s") || !strings.Contains(err.Error(), "sign a new order with another nonce") {
		t.Errorf("timeout error %q does not say that an identical resend is dropped and what to do", err)
	}
}

// A resend of a rejected order or cancel, which gossip drops as a
// duplicate message, gets the sequencer's rejection again at once, from
// the follower that forwarded the first copy and from another follower.
func TestFollowerRepliesToResendOfRejection(t *testing.T) {
	seq := startSequencer(t, "", nil)
	longWait := func(c *Config) { c.Network.ForwardAckTimeout = networkWait }
	f1 := startFollowerNode(t, "", seq, longWait)
	f2 := startFollowerNode(t, "", seq, longWait)
	trade(t, seq, 1)
	resting := seq.place(seq.order(0, eip712.Sell, 9_500, 2))
	waitCaughtUp(t, f1, seq)
	waitCaughtUp(t, f2, seq)
	waitForwarding(t, f1, seq)
	waitForwarding(t, f2, seq)
	rejectionTopic := p2p.RejectionTopic(seq.net.ref)
	waitNetwork(t, "the sequencer to see both followers on the rejection topic", func() bool {
		return seq.net.host.TopicPeers(rejectionTopic) >= 2
	})
	ctx := context.Background()

	cases := []struct {
		name   string
		code   int
		order  *state.SignedOrder
		cancel *state.SignedCancel
	}{
		{name: "order", code: rpc.CodeInsufficientBalance, order: f1.order(9, eip712.Buy, 9_000, 1)},
		{name: "cancel", code: rpc.CodeNotOrderOwner, cancel: signCancel(1, resting.Order.Hash)},
	}
	send := func(tn *testNode, order *state.SignedOrder, cancel *state.SignedCancel) (*rpc.Error, time.Duration) {
		t.Helper()
		start := time.Now()
		var err error
		if order != nil {
			_, err = tn.PlaceOrder(ctx, order)
		} else {
			_, err = tn.CancelOrder(ctx, cancel)
		}
		return asAPIError(t, err, "send"), time.Since(start)
	}
	for i, tc := range cases {
		first, _ := send(f1, tc.order, tc.cancel)
		if first.Code != tc.code {
			t.Fatalf("%s: the first reply is %d %q, expected code %d", tc.name, first.Code, first.Message, tc.code)
		}
		waitNetwork(t, "the second follower to receive the rejection", func() bool {
			return counterValue(t, f2, "thx_p2p_messages_total", rejectionTopic) == float64(i+1)
		})

		for _, resend := range []struct {
			node *testNode
			name string
		}{{f1, "the same follower"}, {f2, "another follower"}} {
			got, elapsed := send(resend.node, tc.order, tc.cancel)
			t.Logf("%s resent to %s: replied in %s: %d %s", tc.name, resend.name, elapsed.Round(time.Millisecond), got.Code, got.Message)
			if elapsed >= networkWait {
				t.Errorf("%s resent to %s: the reply took %s, the forward timeout is %s", tc.name, resend.name, elapsed, networkWait)
			}
			if got.Code != first.Code || got.Data.Reason != first.Data.Reason {
				t.Errorf("%s resent to %s: %d (%s), expected the sequencer's %d (%s)", tc.name, resend.name, got.Code, got.Data.Reason, first.Code, first.Data.Reason)
			}
			if !strings.HasPrefix(got.Message, first.Message) {
				t.Errorf("%s resent to %s: message %q does not start with the sequencer's %q", tc.name, resend.name, got.Message, first.Message)
			}
			if !strings.Contains(got.Message, "the sequencer rejected this signed "+tc.name+" at seq") {
				t.Errorf("%s resent to %s: message %q does not say that the sequencer rejected it before", tc.name, resend.name, got.Message)
			}
			if !strings.Contains(got.Message, "drops a repeat of the same signed message for up to 3m0s") {
				t.Errorf("%s resent to %s: message %q does not say how long gossip drops a repeat", tc.name, resend.name, got.Message)
			}
		}
	}
	if tc := cases[0]; tc.order != nil {
		got, _ := send(f1, tc.order, nil)
		if !strings.Contains(got.Message, "sign a new order with another nonce") {
			t.Errorf("order resent: message %q does not say to sign a new order", got.Message)
		}
	}

	for _, f := range []*testNode{f1, f2} {
		if got := counterValue(t, f, "thx_forwarded_requests_total", "rejected_recently"); got < 2 {
			t.Errorf("a follower counted %v resends answered from recent rejections, expected at least 2", got)
		}
		if got := counterValue(t, f, "thx_forwarded_requests_total", "timed_out"); got != 0 {
			t.Errorf("a follower counted %v timed out requests, expected 0", got)
		}
	}
	if got := counterValue(t, f1, "thx_forwarded_requests_total", "published"); got != 2 {
		t.Errorf("the first follower gossiped %v requests, expected only the 2 first copies", got)
	}
	if got := counterValue(t, f2, "thx_forwarded_requests_total", "published"); got != 0 {
		t.Errorf("the second follower gossiped %v requests, expected none", got)
	}
}

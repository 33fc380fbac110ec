package node

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/p2p"
)

// forwardExpireInterval is how often the forwarder replies to the requests
// whose wait for the sequencer's log timed out.
const forwardExpireInterval = 100 * time.Millisecond

// forwarder takes a follower's verified orders and cancels, gossips them
// to the sequencer, and keeps each request until the entry that sequenced
// it reaches the follower's log. The applier then puts the request into
// the entry's round and replies with the entry's outcome once it has
// applied and shown the round, without waiting for its own store
// (showRound). When the sequencer rejects the request, it
// publishes the error its API returned, and the forwarder replies with
// it. A request that neither an entry nor a rejection claims within
// NetworkConfig.ForwardAckTimeout, because the rejection was dropped or
// lost, gets rpc.ErrUnavailable. Once the follower fails (Node.Err), the
// waiting requests and every new one get rpc.ErrUnavailable at once,
// because the applier claims no more entries.
type forwarder struct {
	n  *Node
	nw *network

	// count mirrors len(pending), so that the applier skips the lookup
	// while nothing is pending.
	count atomic.Int64

	mu sync.Mutex
	// pending maps an order hash, or a cancelled order's hash, to the
	// request waiting for it.
	// Invariant: at most pendingMax entries.
	pending map[forwardKey]forwardWait
	// deadlines lists the pending requests in the order they were
	// gossiped, which is the order their waits end.
	deadlines  []forwardDeadline
	pendingMax int

	// recent keeps the sequencer's rejections, to reply to a resend that
	// gossip would drop.
	recent *recentRejections
}

type forwardKey struct {
	cancel bool
	hash   common.Hash
}

// forwardWait is a request waiting for the sequencer, with the last
// entry the follower had applied when it gossiped the request. The
// sequencer had applied at least that entry before it received the
// request, so a rejection it sent at an earlier seq is of another
// request.
type forwardWait struct {
	req *request
	seq uint64
}

type forwardDeadline struct {
	key forwardKey
	req *request
	at  time.Time
}

func newForwarder(n *Node, nw *network) *forwarder {
	pendingMax := nw.cfg.ForwardPendingMax
	if pendingMax == 0 {
		pendingMax = n.cfg.IngressQueueRequestsMax
	}
	return &forwarder{n: n, nw: nw, pending: map[forwardKey]forwardWait{}, pendingMax: pendingMax,
		recent: newRecentRejections(nw.limits.SeenMessagesTTL+gossipSeenSweepMax, recentRejectionsMax)}
}

// runForwarder gossips the verified requests until Stop closes the
// verified queue, and then fails the requests still waiting.
func (n *Node) runForwarder() {
	defer n.pipelines.Done()
	fw := n.net.forwarder
	ticker := time.NewTicker(forwardExpireInterval)
	defer ticker.Stop()
	failed := n.Failed()
	for {
		select {
		case req, ok := <-n.verified:
			if !ok {
				fw.failAll(fmt.Errorf("%w: the follower stopped before the sequencer's log contained the entry", ErrStopped))
				return
			}
			fw.forward(req)
		case now := <-ticker.C:
			fw.expire(now)
		case <-failed:
			// The applier applies no more entries, so no entry will claim
			// the waiting requests.
			failed = nil
			fw.failAll(unavailable("the follower stopped applying the sequencer's log after an error, so it cannot tell "+
				"whether the sequencer's log contains the request. Look it up with thx_order at another node before sending it again: %v",
				n.failed()))
		}
	}
}

// forward checks what the follower can check of a request, registers it
// and gossips it. It replies at once to a request it cannot forward.
func (fw *forwarder) forward(req *request) {
	key, market, err := fw.check(req)
	if failure := fw.n.failed(); failure != nil {
		err = unavailable("the follower stopped applying the sequencer's log after an error, "+
			"so the request was not sent to the sequencer; send it to another node: %v", failure)
	}
	if err == nil {
		now := time.Now()
		if rejected, ok := fw.recent.lookup(newRejectionKey(key.cancel, key.hash, signatureOf(req)), now); ok {
			fw.nw.metrics.forwarded.WithLabelValues("rejected_recently").Inc()
			req.respond(nil, fw.recent.repeatedRejection(rejected, now))
			return
		}
		err = fw.register(key, req)
	}
	if err != nil {
		fw.n.rejected(req, err)
		fw.nw.metrics.forwarded.WithLabelValues("rejected").Inc()
		req.respond(nil, err)
		return
	}
	if err := fw.publish(req, market); err != nil {
		if fw.unregister(key, req) {
			fw.nw.metrics.forwarded.WithLabelValues("not_published").Inc()
			req.respond(nil, err)
		}
		return
	}
	fw.nw.metrics.forwarded.WithLabelValues("published").Inc()
}

// check returns the key the request waits under and its market's topic.
// It rejects what the sequencer would reject for certain, so that the
// follower does not gossip it. That is an unknown or halted market,
// invalid fields, an order placed before, a cancel of an unknown order,
// and withdrawals, which have no gossip topic.
func (fw *forwarder) check(req *request) (forwardKey, p2p.MarketRef, error) {
	n := fw.n
	e := &req.entry
	switch e.Type {
	case state.EntryPlaceOrder:
		ref, err := fw.openMarket(e.Order.ChainID, e.Order.Order.Market)
		if err != nil {
			return forwardKey{}, ref, err
		}
		if err := e.Order.Order.Validate(); err != nil {
			return forwardKey{}, ref, fmt.Errorf("%w: %w", state.ErrInvalidEntry, err)
		}
		n.mu.RLock()
		known := n.machine.KnownOrder(req.hash)
		n.mu.RUnlock()
		if known {
			return forwardKey{}, ref, fmt.Errorf("%w: order %s", state.ErrOrderReplayed, req.hash)
		}
		return forwardKey{hash: req.hash}, ref, nil
	case state.EntryCancelOrder:
		n.mu.RLock()
		view, ok := n.machine.Order(req.hash)
		n.mu.RUnlock()
		if !ok || view.ChainID != e.Cancel.ChainID {
			return forwardKey{}, p2p.MarketRef{}, fmt.Errorf("%w: order %s on chain %d", state.ErrUnknownOrder, req.hash, e.Cancel.ChainID)
		}
		ref, err := fw.openMarket(view.ChainID, view.Market)
		return forwardKey{cancel: true, hash: req.hash}, ref, err
	}
	return forwardKey{}, p2p.MarketRef{}, unavailable("a follower cannot gossip a %s entry; submit it to the sequencer", e.Type)
}

// openMarket returns the order topic of a listed market that is not
// halted.
func (fw *forwarder) openMarket(chainID uint64, id uint32) (p2p.MarketRef, error) {
	key := state.MarketKey{ChainID: chainID, ID: id}
	m, ok := fw.n.views.marketByKey(key)
	if !ok {
		return p2p.MarketRef{}, fmt.Errorf("%w: %s", state.ErrUnknownMarket, key)
	}
	if m.Halted {
		return p2p.MarketRef{}, fmt.Errorf("%w: %s", state.ErrMarketHalted, m.Symbol)
	}
	return p2p.MarketRef{ExchangeRef: p2p.ExchangeRef{ChainID: chainID, Contract: m.Exchange}, Market: id}, nil
}

func (fw *forwarder) register(key forwardKey, req *request) error {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	if _, dup := fw.pending[key]; dup {
		return fmt.Errorf("%w: %s is already waiting for the sequencer", state.ErrOrderReplayed, key)
	}
	if len(fw.pending) >= fw.pendingMax {
		return unavailable("%d requests already wait for the sequencer's log; retry later", fw.pendingMax)
	}
	fw.pending[key] = forwardWait{req: req, seq: fw.nw.follower.applied.Load()}
	fw.deadlines = append(fw.deadlines, forwardDeadline{key: key, req: req, at: time.Now().Add(fw.nw.cfg.ForwardAckTimeout)})
	fw.count.Add(1)
	return nil
}

// unregister removes req if it still waits under key, and reports whether
// it did.
func (fw *forwarder) unregister(key forwardKey, req *request) bool {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	if fw.pending[key].req != req {
		return false
	}
	delete(fw.pending, key)
	fw.count.Add(-1)
	return true
}

// publish gossips the request on its market's topic. Without a connected
// peer that subscribes, the message would be lost, so that is an error.
func (fw *forwarder) publish(req *request, market p2p.MarketRef) error {
	host := fw.nw.host
	if host.TopicPeers(p2p.OrderTopic(market)) == 0 {
		return unavailable("no connected peer takes the orders of %s; the sequencer is not reachable, check --bootnodes", market)
	}
	var err error
	if req.entry.Type == state.EntryPlaceOrder {
		err = host.PublishOrder(context.Background(), market.ExchangeRef, req.entry.Order)
	} else {
		err = host.PublishCancel(context.Background(), market, req.entry.Cancel)
	}
	if err != nil {
		return unavailable("gossip to the sequencer failed: %v", err)
	}
	return nil
}

// claim returns the request waiting for an entry of the sequencer's log,
// and removes it, or a request without a reply when none waits. rec is
// what the entry changed. The order it placed carries its order hash, so
// an order entry needs no EIP-712 hash here.
// REQUIRES: called by the applier, which owns the machine.
func (fw *forwarder) claim(e *state.Entry, rec *record) *request {
	if fw == nil || fw.count.Load() == 0 {
		return &request{}
	}
	var key forwardKey
	switch e.Type {
	case state.EntryPlaceOrder:
		if u, ok := rec.placed(); ok {
			key = forwardKey{hash: u.Hash}
			break
		}
		d, ok := fw.n.views.domain(e.Order.ChainID)
		if !ok {
			return &request{}
		}
		key = forwardKey{hash: d.OrderHash(e.Order.Order)}
	case state.EntryCancelOrder:
		key = forwardKey{cancel: true, hash: e.Cancel.Cancel.OrderHash}
	default:
		return &request{}
	}
	fw.mu.Lock()
	defer fw.mu.Unlock()
	w, ok := fw.pending[key]
	if !ok {
		return &request{}
	}
	delete(fw.pending, key)
	fw.count.Add(-1)
	return w.req
}

// HandleRejections replies to the waiting requests that the sequencer
// rejected, with the code, message and data of the error its API
// returned, and keeps every rejection for a resend. A rejection of a
// request this follower did not gossip, or of another message with the
// same hash, claims no waiting request.
func (fw *forwarder) HandleRejections(_ context.Context, m *p2p.RejectionMessage) {
	now := time.Now()
	for i := range m.Rejections {
		r := &m.Rejections[i]
		fw.recent.add(r, now)
		req := fw.takeRejected(r)
		if req == nil {
			continue
		}
		fw.nw.metrics.forwarded.WithLabelValues("rejected_by_sequencer").Inc()
		req.respond(nil, forwardError(r))
	}
}

// takeRejected returns the request that r rejects and removes it, or nil
// when none waits.
func (fw *forwarder) takeRejected(r *p2p.Rejection) *request {
	if fw.count.Load() == 0 {
		return nil
	}
	key := forwardKey{cancel: r.Cancel, hash: r.Hash}
	fw.mu.Lock()
	defer fw.mu.Unlock()
	w, ok := fw.pending[key]
	if !ok || r.Seq < w.seq || !sameSignature(signatureOf(w.req), r.Signature) {
		return nil
	}
	delete(fw.pending, key)
	fw.count.Add(-1)
	return w.req
}

// signatureOf returns the trader's signature of a forwarded order or
// cancel.
func signatureOf(req *request) eip712.Signature {
	if req.entry.Type == state.EntryCancelOrder {
		return req.entry.Cancel.Signature
	}
	return req.entry.Order.Signature
}

// expire replies to the requests whose wait ended before now.
func (fw *forwarder) expire(now time.Time) {
	fw.mu.Lock()
	var expired []forwardDeadline
	for len(fw.deadlines) > 0 && !fw.deadlines[0].at.After(now) {
		d := fw.deadlines[0]
		fw.deadlines = fw.deadlines[1:]
		if fw.pending[d.key].req == d.req {
			delete(fw.pending, d.key)
			fw.count.Add(-1)
			expired = append(expired, d)
		}
	}
	fw.compactLocked()
	fw.mu.Unlock()

	for _, d := range expired {
		fw.nw.metrics.forwarded.WithLabelValues("timed_out").Inc()
		d.req.respond(nil, unavailable("%s was gossiped to the sequencer %s ago and is not in its log yet, and no rejection arrived; "+
			"the sequencer may have rejected it%s, and logs the reason as \"gossiped request rejected\". "+
			"Look it up with thx_order (thx order get HASH) before sending it again. "+
			"The gossip network drops an identical resend for up to %s after the first, so the sequencer would not see it; %s",
			d.key, fw.nw.cfg.ForwardAckTimeout, fw.likelyRejection(d.req, now), fw.recent.ttl, resendAdvice(d.key)))
	}
}

// resendAdvice returns what to do instead of resending the same signed
// request while gossip drops it.
func resendAdvice(key forwardKey) string {
	if key.cancel {
		return "wait that long before sending the same cancel again"
	}
	return "within that time, sign a new order with another nonce instead"
}

// likelyRejection returns why this follower's copy of the state would
// reject the order now, as a clause of the timeout message, or a generic
// example when it would not.
func (fw *forwarder) likelyRejection(req *request, now time.Time) string {
	if req.entry.Type != state.EntryPlaceOrder || req.entry.Order == nil {
		return ", for example for an insufficient balance"
	}
	fw.n.mu.RLock()
	err := fw.n.machine.PrecheckOrder(uint64(max(now.UnixMilli(), 0)), req.entry.Order)
	fw.n.mu.RUnlock()
	if err == nil {
		return ", for example for an insufficient balance"
	}
	return fmt.Sprintf("; this follower's copy of the state rejects it: %v", err)
}

// compactLocked drops the deadlines of requests that no longer wait, so
// that the list stays bounded by pendingMax even when every request is
// claimed before its deadline.
// REQUIRES: fw.mu held.
func (fw *forwarder) compactLocked() {
	if len(fw.deadlines) <= 2*fw.pendingMax {
		return
	}
	kept := fw.deadlines[:0]
	for _, d := range fw.deadlines {
		if fw.pending[d.key].req == d.req {
			kept = append(kept, d)
		}
	}
	clear(fw.deadlines[len(kept):])
	fw.deadlines = kept
}

// failAll replies err to every waiting request.
func (fw *forwarder) failAll(err error) {
	fw.mu.Lock()
	waiting := make([]*request, 0, len(fw.pending))
	for _, w := range fw.pending {
		waiting = append(waiting, w.req)
	}
	clear(fw.pending)
	fw.deadlines = nil
	fw.count.Store(0)
	fw.mu.Unlock()
	for _, req := range waiting {
		req.respond(nil, err)
	}
}

func (k forwardKey) String() string {
	if k.cancel {
		return "the cancel of order " + k.hash.Hex()
	}
	return "order " + k.hash.Hex()
}

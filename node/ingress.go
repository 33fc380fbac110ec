package node

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
)

// request is one entry on its way to the sequencer. reply, when not nil,
// receives exactly one reply: the entry's record once it is durable, or
// the error that stopped it.
type request struct {
	entry state.Entry
	// hash is the order hash of a placed order, the hash of the order a
	// cancel names, or the digest of a withdrawal. The sequencer gives a
	// placed order's hash to the machine in place of computing it again.
	// Invariant: for a placed order it is zero or the EIP-712 order hash in
	// the domain of the chain's listed Exchange, as the machine computes it.
	hash     common.Hash
	received time.Time
	reply    chan reply
	// seq is the sequence number the entry got; set by the sequencer.
	seq uint64
	// sealAll makes the sequencer seal every open batch instead of
	// applying entry. Its reply comes once the seals are durable.
	sealAll bool
}

type reply struct {
	rec *record
	err error
}

func newRequest(e state.Entry) *request {
	return &request{entry: e, received: time.Now(), reply: make(chan reply, 1)}
}

func (r *request) respond(rec *record, err error) {
	if r.reply != nil {
		r.reply <- reply{rec: rec, err: err}
	}
}

// submit queues a signed request for verification and sequencing and waits
// until its entry is durable or rejected. A full ingress queue rejects the
// request at once with rpc.ErrUnavailable.
func (n *Node) submit(ctx context.Context, req *request) (*record, error) {
	n.acceptMu.RLock()
	if !n.accepting {
		n.acceptMu.RUnlock()
		return nil, unavailable("the node is not running")
	}
	select {
	case n.ingress <- req:
		n.acceptMu.RUnlock()
	default:
		n.acceptMu.RUnlock()
		n.metrics.ingressFull.Inc()
		n.rejected(req, nil)
		return nil, unavailable("the ingress queue is full (%d requests); retry later", cap(n.ingress))
	}
	return n.await(ctx, req)
}

// submitInternal queues an entry the node made and waits until it is
// durable or rejected. It blocks while the internal queue is full.
func (n *Node) submitInternal(ctx context.Context, e state.Entry) (*record, error) {
	req := newRequest(e)
	select {
	case n.internal <- req:
	case <-n.seqDone:
		return nil, fmt.Errorf("%w: the sequencer has stopped", ErrStopped)
	case <-ctx.Done():
		return nil, fmt.Errorf("node: queue %s entry: %w", e.Type, ctx.Err())
	}
	return n.await(ctx, req)
}

func (n *Node) await(ctx context.Context, req *request) (*record, error) {
	select {
	case rep := <-req.reply:
		n.metrics.ackLatency.Observe(time.Since(req.received).Seconds())
		return rep.rec, rep.err
	case <-n.stopped:
		select {
		case rep := <-req.reply:
			return rep.rec, rep.err
		default:
			return nil, fmt.Errorf("%w: the %s entry was not sequenced", ErrStopped, req.entry.Type)
		}
	case <-ctx.Done():
		return nil, fmt.Errorf("node: waiting for the %s entry to be durable: %w; it may still be sequenced", req.entry.Type, ctx.Err())
	}
}

// runVerifier checks signatures of queued requests and passes the valid
// ones to the sequencer. One runs per core, because recovering a
// secp256k1 public key costs tens of microseconds.
func (n *Node) runVerifier() {
	defer n.workers.Done()
	for req := range n.ingress {
		if err := n.verify(req); err != nil {
			n.rejected(req, err)
			req.respond(nil, err)
			continue
		}
		n.verified <- req
	}
}

// verify checks a request's signature against the EIP-712 domain of its
// chain and sets req.hash.
func (n *Node) verify(req *request) error {
	e := &req.entry
	switch e.Type {
	case state.EntryPlaceOrder:
		h, err := n.hasherOf(e.Order.ChainID)
		if err != nil {
			return err
		}
		req.hash = h.OrderHash(&e.Order.Order)
		if err := eip712.Verify(req.hash, e.Order.Signature[:], e.Order.Order.Trader); err != nil {
			return fmt.Errorf("order %s: %w", req.hash, err)
		}
	case state.EntryCancelOrder:
		h, err := n.hasherOf(e.Cancel.ChainID)
		if err != nil {
			return err
		}
		req.hash = e.Cancel.Cancel.OrderHash
		digest := h.Digest(e.Cancel.Cancel.StructHash())
		if err := eip712.Verify(digest, e.Cancel.Signature[:], e.Cancel.Cancel.Trader); err != nil {
			return fmt.Errorf("cancel of order %s: %w", req.hash, err)
		}
	case state.EntryWithdraw:
		h, err := n.hasherOf(e.Withdrawal.ChainID)
		if err != nil {
			return err
		}
		w := e.Withdrawal.Withdrawal
		if err := w.Validate(); err != nil {
			return fmt.Errorf("%w: %w", state.ErrInvalidEntry, err)
		}
		req.hash = h.Digest(w.StructHash())
		if err := eip712.Verify(req.hash, e.Withdrawal.Signature[:], w.Trader); err != nil {
			return fmt.Errorf("withdrawal %s: %w", req.hash, err)
		}
	default:
		return fmt.Errorf("%w: a %s entry cannot be submitted by a trader", state.ErrInvalidEntry, e.Type)
	}
	return nil
}

func (n *Node) hasherOf(chainID uint64) (eip712.Hasher, error) {
	h, ok := n.views.hasher(chainID)
	if !ok {
		return h, fmt.Errorf("%w: chain %d has no listed market on this node", state.ErrUnknownChain, chainID)
	}
	return h, nil
}

// rejected counts a rejected request by type and reason.
func (n *Node) rejected(req *request, err error) {
	reason := "queue_full"
	if err != nil {
		reason = rejectReason(err)
	}
	n.metrics.requestsRejected.WithLabelValues(req.entry.Type.String(), reason).Inc()
	// A request that a follower gossiped has no caller waiting here. The
	// follower learns the reason from the rejection the sequencer
	// publishes, unless a full queue drops it, so the log keeps it too.
	if req.reply == nil && err != nil {
		n.gossipRejectLog.Do(func() {
			n.log.Info("gossiped request rejected (at most one line a second; thx_requests_rejected_total counts all)",
				"type", req.entry.Type, "hash", req.hash, "reason", reason, "err", err)
		})
	}
}

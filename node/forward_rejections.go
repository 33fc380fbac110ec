package node

import (
	"bytes"
	"fmt"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/p2p"
	"github.com/thaliumx/thaliumx/rpc"
)

// recentRejectionsMax bounds the sequencer's rejections that a follower
// keeps to reply to a repeat of a rejected order or cancel. When it is
// full, the oldest rejection goes first, and a repeat of it waits for
// ForwardAckTimeout as before.
const recentRejectionsMax = 4096

// gossipSeenSweepMax is how long after SeenMessagesTTL gossipsub may still
// drop a repeated message id. go-libp2p-pubsub v0.19.0 deletes expired ids
// from its seen-message cache once a minute (timecache's
// backgroundSweepInterval). So it drops an id for SeenMessagesTTL to
// SeenMessagesTTL plus a minute after it first saw it.
const gossipSeenSweepMax = time.Minute

// rejectionKey identifies one signed order or cancel the way the
// forwarder matches a rejection to a request: its kind, its order hash,
// and its trader signature with v reduced to 0 or 1.
type rejectionKey struct {
	cancel    bool
	hash      common.Hash
	signature eip712.Signature
}

func newRejectionKey(cancel bool, hash common.Hash, signature eip712.Signature) rejectionKey {
	signature[64] %= 27
	return rejectionKey{cancel: cancel, hash: hash, signature: signature}
}

// recentRejection is a rejection from the sequencer and when this
// follower received it.
type recentRejection struct {
	key       rejectionKey
	rejection p2p.Rejection
	received  time.Time
}

// recentRejections keeps the sequencer's rejections of the last ttl,
// whichever follower gossiped the request. Message ids on the order
// topics are hashes of the content, so gossipsub drops an identical
// resend for SeenMessagesTTL and the sequencer never receives it. A
// follower replies to such a resend from here at once, instead of after
// ForwardAckTimeout.
type recentRejections struct {
	ttl time.Duration
	max int

	mu sync.Mutex
	// byKey maps a signed request to its newest rejection.
	// Invariant: len(byKey) <= len(queue) <= max.
	byKey map[rejectionKey]*recentRejection
	// queue lists the rejections in the order they arrived, which is the
	// order they expire. An entry whose key got a newer rejection stays
	// until it reaches the front.
	queue []*recentRejection
}

func newRecentRejections(ttl time.Duration, max int) *recentRejections {
	return &recentRejections{ttl: ttl, max: max, byKey: map[rejectionKey]*recentRejection{}}
}

// add stores r, received at now. It copies r's data, which may alias the
// gossip message.
func (c *recentRejections) add(r *p2p.Rejection, now time.Time) {
	entry := &recentRejection{key: newRejectionKey(r.Cancel, r.Hash, r.Signature), rejection: *r, received: now}
	entry.rejection.Data = bytes.Clone(r.Data)

	c.mu.Lock()
	defer c.mu.Unlock()
	c.expireLocked(now)
	for len(c.queue) >= c.max {
		c.popLocked()
	}
	c.byKey[entry.key] = entry
	c.queue = append(c.queue, entry)
}

// lookup returns the rejection of the signed request key that arrived
// less than ttl before now.
func (c *recentRejections) lookup(key rejectionKey, now time.Time) (recentRejection, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expireLocked(now)
	entry, ok := c.byKey[key]
	if !ok {
		return recentRejection{}, false
	}
	return *entry, true
}

// expireLocked drops the rejections that arrived ttl or more before now.
// REQUIRES: c.mu held.
func (c *recentRejections) expireLocked(now time.Time) {
	for len(c.queue) > 0 && !now.Before(c.queue[0].received.Add(c.ttl)) {
		c.popLocked()
	}
}

// popLocked drops the oldest rejection.
// REQUIRES: c.mu held and a nonempty queue.
func (c *recentRejections) popLocked() {
	oldest := c.queue[0]
	c.queue[0] = nil
	c.queue = c.queue[1:]
	if c.byKey[oldest.key] == oldest {
		delete(c.byKey, oldest.key)
	}
}

// repeatedRejection returns the error for a resend of a request that the
// sequencer rejected recently: the sequencer's code and data, and its
// message with why this follower does not forward the resend and what to
// do instead.
func (c *recentRejections) repeatedRejection(entry recentRejection, now time.Time) *rpc.Error {
	e := forwardError(&entry.rejection)
	what, retry := "order", "sign a new order with another nonce to retry now, or send this one again after that time"
	if entry.key.cancel {
		what, retry = "cancel", "send it again after that time"
	}
	e.Message = fmt.Sprintf("%s (the sequencer rejected this signed %s at seq %d, %s ago. The gossip network drops a repeat of the same signed message "+
		"for up to %s, so this follower does not forward it before %s; %s)",
		e.Message, what, entry.rejection.Seq, now.Sub(entry.received).Round(time.Second), c.ttl,
		entry.received.Add(c.ttl).UTC().Format(time.RFC3339), retry)
	return e
}

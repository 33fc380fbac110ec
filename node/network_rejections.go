package node

import (
	"context"
	"encoding/json"
	"unicode/utf8"

	"golang.org/x/time/rate"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/p2p"
	"github.com/thaliumx/thaliumx/rpc"
)

// rejectionMessagesBurst is how many rejection messages the sequencer
// may publish at once before RejectionMessagesPerSecond applies.
const rejectionMessagesBurst = 5

// rejectionNotice is a gossiped order or cancel that the sequencer
// rejected, on its way to the followers.
type rejectionNotice struct {
	req *request
	err error
	// seq is the last entry the sequencer had applied.
	seq uint64
}

// queueRejection queues the rejection of a gossiped order or cancel for
// the followers without blocking the sequencer. A full queue drops it,
// and the follower that gossiped the request replies after its
// ForwardAckTimeout. It does nothing for a request with a caller waiting
// on this node, or on a node without a network.
// REQUIRES: called by the sequencer, which owns the machine.
func (nw *network) queueRejection(req *request, err error) {
	if nw == nil || nw.follower != nil || req.reply != nil {
		return
	}
	if req.entry.Type != state.EntryPlaceOrder && req.entry.Type != state.EntryCancelOrder {
		return
	}
	select {
	case nw.rejections <- rejectionNotice{req: req, err: err, seq: nw.n.machine.Seq()}:
	default:
		nw.metrics.rejectionsDropped.Inc()
		nw.rejectionDropLog.Do(func() {
			nw.log.Warn("rejection not published: the rejection queue is full; the follower's caller waits for ForwardAckTimeout "+
				"(at most one line a second; thx_rejections_dropped_total counts all)",
				"hash", req.hash, "queue", cap(nw.rejections))
		})
	}
}

// runRejectionPublisher explains, signs and publishes the queued
// rejections until closeNetwork closes the queue. Rejections that queue
// up while it waits for RejectionMessagesPerSecond go out together, up to
// p2p.Limits.RejectionsPerMessageMax per message, because each message
// costs every follower a signature check.
func (nw *network) runRejectionPublisher(ctx context.Context) {
	defer close(nw.rejectionsDone)
	limiter := rate.NewLimiter(rate.Limit(nw.cfg.RejectionMessagesPerSecond), rejectionMessagesBurst)
	for first := range nw.rejections {
		if err := limiter.Wait(ctx); err != nil {
			// The node is stopping; the followers' callers time out.
			for range nw.rejections {
			}
			return
		}
		nw.publishRejections(nw.collectRejections(first))
	}
}

// collectRejections returns first and the rejections queued behind it,
// up to one message's worth.
func (nw *network) collectRejections(first rejectionNotice) []rejectionNotice {
	notices := []rejectionNotice{first}
	for len(notices) < nw.limits.RejectionsPerMessageMax {
		select {
		case next, ok := <-nw.rejections:
			if !ok {
				return notices
			}
			notices = append(notices, next)
		default:
			return notices
		}
	}
	return notices
}

// publishRejections signs and publishes one message of rejections. A
// failure is logged, and the followers' callers time out.
func (nw *network) publishRejections(notices []rejectionNotice) {
	rejections := make([]p2p.Rejection, len(notices))
	for i := range notices {
		rejections[i] = nw.explainRejection(&notices[i])
	}
	m, err := p2p.NewRejectionMessage(nw.ref, rejections, nw.n.cfg.OperatorKey)
	if err == nil {
		err = nw.host.PublishRejections(context.Background(), m)
	}
	if err != nil {
		nw.metrics.rejectionsDropped.Add(float64(len(rejections)))
		nw.log.Error("rejections not published; the followers' callers wait for ForwardAckTimeout",
			"rejections", len(rejections), "err", err)
		return
	}
	nw.metrics.rejectionsPublished.Add(float64(len(rejections)))
}

// explainRejection returns the rejection of a gossiped request with the
// error this node's API returns for it.
func (nw *network) explainRejection(notice *rejectionNotice) p2p.Rejection {
	e := &notice.req.entry
	r := p2p.Rejection{Hash: notice.req.hash, Seq: notice.seq}
	var apiErr *rpc.Error
	if e.Type == state.EntryCancelOrder {
		r.Cancel, r.Signature = true, e.Cancel.Signature
		apiErr = rpc.ExplainRejection(nw.n, notice.err, nil, e.Cancel)
	} else {
		r.Signature = e.Order.Signature
		apiErr = rpc.ExplainRejection(nw.n, notice.err, e.Order, nil)
	}
	r.Code = int32(apiErr.Code)
	r.Message = truncateUTF8(apiErr.Message, p2p.RejectionTextBytesMax)
	data, err := json.Marshal(apiErr.Data)
	if err != nil || len(data) > p2p.RejectionDataBytesMax {
		// Only the reason then; it always fits.
		data, _ = json.Marshal(rpc.ErrorData{Reason: apiErr.Data.Reason})
	}
	r.Data = data
	return r
}

// truncateUTF8 returns at most limit bytes of s, cut at a character
// boundary.
func truncateUTF8(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// forwardError returns the error a follower replies to its caller for a
// request the sequencer rejected: the sequencer's code, message and data.
func forwardError(r *p2p.Rejection) *rpc.Error {
	e := &rpc.Error{Code: int(r.Code), Message: r.Message}
	if len(r.Data) > 0 {
		if err := json.Unmarshal(r.Data, &e.Data); err != nil {
			e.Data = rpc.ErrorData{}
		}
	}
	return e
}

// sameSignature reports whether two signatures are the same, whether v is
// 0 or 1, or 27 or 28.
func sameSignature(a, b eip712.Signature) bool {
	return [64]byte(a[:64]) == [64]byte(b[:64]) && a[64]%27 == b[64]%27
}

package p2p

import (
	"context"
	"errors"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// verdict is a validator's decision and, unless it accepts, the reason.
type verdict struct {
	result pubsub.ValidationResult
	reason string
	err    error
}

var accept = verdict{result: pubsub.ValidationAccept}

func reject(reason string, err error) verdict {
	return verdict{result: pubsub.ValidationReject, reason: reason, err: err}
}

func ignore(reason string, err error) verdict {
	return verdict{result: pubsub.ValidationIgnore, reason: reason, err: err}
}

// rejectFor maps a decoding or verification error to a rejection.
func rejectFor(err error) verdict {
	switch {
	case errors.Is(err, ErrMessageTooLarge):
		return reject(reasonOversized, err)
	case errors.Is(err, ErrWrongTopic):
		return reject(reasonWrongTopic, err)
	case errors.Is(err, ErrNotOperator):
		return reject(reasonNotOperator, err)
	case errors.Is(err, ErrInvalidSignature):
		return reject(reasonSignature, err)
	default:
		return reject(reasonMalformed, err)
	}
}

// record counts a verdict and logs a drop at debug level; drops are
// frequent under attack, so the metrics carry them.
func (h *Host) record(topic string, from peer.ID, v verdict) pubsub.ValidationResult {
	switch v.result {
	case pubsub.ValidationAccept:
		h.metrics.messages.WithLabelValues(topic, resultAccepted).Inc()
		return v.result
	case pubsub.ValidationReject:
		h.metrics.messages.WithLabelValues(topic, resultRejected).Inc()
	default:
		h.metrics.messages.WithLabelValues(topic, resultIgnored).Inc()
	}
	h.metrics.rejected.WithLabelValues(topicKind(topic), v.reason).Inc()
	h.log.Debug("gossip message dropped", "topic", topic, "peer", from, "reason", v.reason, "err", v.err)
	return v.result
}

// orderValidator checks the messages of one market topic. Checks run from
// cheapest to dearest, so a flood or garbage costs little before the
// signature check, which takes tens of microseconds.
func (h *Host) orderValidator(ref MarketRef) pubsub.ValidatorEx {
	topic := OrderTopic(ref)
	return func(_ context.Context, from peer.ID, msg *pubsub.Message) pubsub.ValidationResult {
		return h.record(topic, from, h.checkOrderMessage(ref, from, msg))
	}
}

func (h *Host) checkOrderMessage(ref MarketRef, from peer.ID, msg *pubsub.Message) verdict {
	local := from == h.host.ID()
	now := h.cfg.Now()
	if !local && !h.limiters.allowOrder(from, now) {
		h.penalties.add(from, floodPenalty)
		return ignore(reasonRateLimited, nil)
	}
	m, err := DecodeOrderMessage(msg.GetData())
	if err != nil {
		return rejectFor(err)
	}
	if local {
		// The node verified the signature at ingress, and checking it
		// again would double the cost of every order it takes.
		if m.Market != ref {
			return rejectFor(ErrWrongTopic)
		}
	} else if err := m.Verify(ref); err != nil {
		return rejectFor(err)
	}
	if m.Order != nil && expired(m.Order.Order, now) {
		return ignore(reasonExpired, nil)
	}
	msg.ValidatorData = m
	return accept
}

// expired reports whether an order's expiry has passed. Such an order is
// dropped without penalty: an honest peer may forward one that expired in
// flight.
func expired(o eip712.Order, now time.Time) bool {
	return o.Expiry != 0 && int64(o.Expiry) <= now.Unix()
}

// batchValidator checks the messages of the log topic.
func (h *Host) batchValidator() pubsub.ValidatorEx {
	topic := LogTopic(h.cfg.Log)
	return func(_ context.Context, from peer.ID, msg *pubsub.Message) pubsub.ValidationResult {
		return h.record(topic, from, h.checkBatch(from, msg))
	}
}

func (h *Host) checkBatch(from peer.ID, msg *pubsub.Message) verdict {
	local := from == h.host.ID()
	if !local && !h.limiters.allowBatch(from, h.cfg.Now()) {
		h.penalties.add(from, floodPenalty)
		return ignore(reasonRateLimited, nil)
	}
	data := msg.GetData()
	if len(data) > h.cfg.Limits.BatchBytesMax {
		return reject(reasonOversized, ErrMessageTooLarge)
	}
	b, err := DecodeBatch(data, h.cfg.Limits.BatchEntriesMax)
	if err != nil {
		return rejectFor(err)
	}
	if err := verifyEncodedBatch(b, data, h.cfg.Log, *h.operator.Load()); err != nil {
		return rejectFor(err)
	}
	if !local && h.handlers.Batches != nil && b.Last() < h.handlers.Batches.NextSeq() {
		return ignore(reasonStale, nil)
	}
	msg.ValidatorData = b
	return accept
}

// rejectionValidator checks the messages of the rejection topic.
func (h *Host) rejectionValidator() pubsub.ValidatorEx {
	topic := RejectionTopic(h.cfg.Log)
	return func(_ context.Context, from peer.ID, msg *pubsub.Message) pubsub.ValidationResult {
		return h.record(topic, from, h.checkRejections(from, msg))
	}
}

func (h *Host) checkRejections(from peer.ID, msg *pubsub.Message) verdict {
	local := from == h.host.ID()
	if !local && !h.limiters.allowRejections(from, h.cfg.Now()) {
		h.penalties.add(from, floodPenalty)
		return ignore(reasonRateLimited, nil)
	}
	data := msg.GetData()
	if len(data) > rejectionMessageBytesMax(h.cfg.Limits.RejectionsPerMessageMax) {
		return reject(reasonOversized, ErrMessageTooLarge)
	}
	m, err := DecodeRejectionMessage(data, h.cfg.Limits.RejectionsPerMessageMax)
	if err != nil {
		return rejectFor(err)
	}
	if err := verifyEncodedRejections(m, data, h.cfg.Log, *h.operator.Load()); err != nil {
		return rejectFor(err)
	}
	msg.ValidatorData = m
	return accept
}

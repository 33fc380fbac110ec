package p2p

import (
	"context"
	"fmt"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
)

// joinRejections joins the rejection topic. A host with a
// RejectionHandler subscribes and starts the goroutine that delivers the
// messages. Any other host only publishes.
func (h *Host) joinRejections() error {
	subscribe := h.handlers.Rejections != nil
	topic, sub, err := h.join(RejectionTopic(h.cfg.Log), h.rejectionValidator(), subscribe)
	if err != nil {
		return err
	}
	h.rejectionTopic = topic
	if sub != nil {
		h.wg.Add(1)
		go h.deliverRejections(sub)
	}
	return nil
}

// deliverRejections hands the rejection topic's messages to the handler
// until the host closes.
func (h *Host) deliverRejections(sub *pubsub.Subscription) {
	receive(h, sub, func(m *RejectionMessage) bool {
		h.handlers.Rejections.HandleRejections(h.ctx, m)
		return true
	})
}

// PublishRejections gossips a signed rejection message. The host's own
// validator checks the signature before any peer receives it, so a
// sequencer whose key is not the configured operator's gets an error.
func (h *Host) PublishRejections(ctx context.Context, m *RejectionMessage) error {
	if m.Log != h.cfg.Log {
		return fmt.Errorf("%w: rejections of %s, this host gossips those of %s", ErrWrongTopic, m.Log, h.cfg.Log)
	}
	if len(m.Rejections) > h.cfg.Limits.RejectionsPerMessageMax {
		return fmt.Errorf("%w: %d rejections, the limit is RejectionsPerMessageMax %d; split them",
			ErrMessageTooLarge, len(m.Rejections), h.cfg.Limits.RejectionsPerMessageMax)
	}
	data, err := m.Encode()
	if err != nil {
		return err
	}
	if h.isClosed() {
		return ErrClosed
	}
	if err := h.rejectionTopic.Publish(ctx, data); err != nil {
		return fmt.Errorf("p2p: publish %d rejections: %w", len(m.Rejections), err)
	}
	return nil
}

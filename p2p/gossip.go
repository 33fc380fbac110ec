package p2p

import (
	"context"
	"errors"
	"fmt"

	pubsub "github.com/libp2p/go-libp2p-pubsub"

	"github.com/thaliumx/thaliumx/node/state"
)

// marketTopic is a joined market topic and the goroutine delivering it.
type marketTopic struct {
	ref   MarketRef
	name  string
	topic *pubsub.Topic
	sub   *pubsub.Subscription
	// done is closed when the delivery goroutine returns.
	done chan struct{}
}

// JoinMarket joins the order topic of a market: the host validates,
// relays and delivers its orders and cancels from now on.
func (h *Host) JoinMarket(ref MarketRef) error {
	return h.joinMarket(ref, true)
}

// JoinMarketToPublish joins the order topic of a market without
// subscribing to it: the host can publish orders and cancels there, and
// flood publishing sends each one straight to every connected peer that
// subscribes, but it neither relays nor delivers other peers' messages.
// A follower uses it so that only the sequencer, which subscribes, pays
// for checking the signature of every order gossiped to it.
func (h *Host) JoinMarketToPublish(ref MarketRef) error {
	return h.joinMarket(ref, false)
}

func (h *Host) joinMarket(ref MarketRef, subscribe bool) error {
	if err := ref.Validate(); err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return ErrClosed
	}
	if _, ok := h.markets[ref]; ok {
		return fmt.Errorf("%w: %s", ErrAlreadyJoined, ref)
	}

	name := OrderTopic(ref)
	topic, sub, err := h.join(name, h.orderValidator(ref), subscribe)
	if err != nil {
		return err
	}
	mt := &marketTopic{ref: ref, name: name, topic: topic, sub: sub, done: make(chan struct{})}
	h.markets[ref] = mt
	if sub == nil {
		close(mt.done)
	} else {
		h.wg.Add(1)
		go h.deliverOrders(mt)
	}
	h.log.Info("market topic joined", "market", ref.Market, "chain_id", ref.ChainID, "exchange", ref.Contract,
		"subscribed", subscribe)
	return nil
}

// LeaveMarket leaves a market's order topic.
func (h *Host) LeaveMarket(ref MarketRef) error {
	h.mu.Lock()
	mt, ok := h.markets[ref]
	delete(h.markets, ref)
	h.mu.Unlock()
	if !ok {
		return fmt.Errorf("%w: %s", ErrNotJoined, ref)
	}
	if mt.sub != nil {
		mt.sub.Cancel()
	}
	<-mt.done
	return h.leave(mt.name, mt.topic)
}

// join joins a topic with its score parameters and validator, and
// subscribes to it unless subscribe is false, when the subscription is
// nil.
func (h *Host) join(name string, validator pubsub.ValidatorEx, subscribe bool) (*pubsub.Topic, *pubsub.Subscription, error) {
	err := h.ps.RegisterTopicValidator(name, validator, pubsub.WithValidatorInline(true))
	if err != nil {
		return nil, nil, fmt.Errorf("p2p: register validator of topic %s: %w", name, err)
	}
	topic, err := h.ps.Join(name)
	if err != nil {
		h.ps.UnregisterTopicValidator(name)
		return nil, nil, fmt.Errorf("p2p: join topic %s: %w", name, err)
	}
	if err := topic.SetScoreParams(topicScoreParams()); err != nil {
		return nil, nil, errors.Join(fmt.Errorf("p2p: set score parameters of topic %s: %w", name, err), h.leave(name, topic))
	}
	if !subscribe {
		return topic, nil, nil
	}
	sub, err := topic.Subscribe(pubsub.WithBufferSize(h.cfg.Limits.SubscriptionBufferMessages))
	if err != nil {
		return nil, nil, errors.Join(fmt.Errorf("p2p: subscribe to topic %s: %w", name, err), h.leave(name, topic))
	}
	return topic, sub, nil
}

func (h *Host) leave(name string, topic *pubsub.Topic) error {
	h.ps.UnregisterTopicValidator(name)
	if err := topic.Close(); err != nil {
		return fmt.Errorf("p2p: leave topic %s: %w", name, err)
	}
	return nil
}

// deliverOrders hands a market topic's messages to the order handler until
// the subscription is cancelled or the host closes.
func (h *Host) deliverOrders(mt *marketTopic) {
	defer h.wg.Done()
	defer close(mt.done)
	self := h.host.ID()
	for {
		msg, err := mt.sub.Next(h.ctx)
		if err != nil {
			return
		}
		m, ok := msg.ValidatorData.(*OrderMessage)
		if !ok || msg.ReceivedFrom == self || h.handlers.Orders == nil {
			continue
		}
		m.ID, m.From = msg.ID, msg.ReceivedFrom
		h.handlers.Orders.HandleOrderMessage(h.ctx, m)
	}
}

// PublishOrder gossips a signed order on its market's topic, which must be
// joined. The host does not check the signature again: the node verified
// it when it took the order, and peers reject and penalise a bad one.
// Publishing an order the host has already seen does nothing.
func (h *Host) PublishOrder(ctx context.Context, exchange ExchangeRef, order *state.SignedOrder) error {
	m := &OrderMessage{Market: MarketRef{ExchangeRef: exchange, Market: order.Order.Market}, Order: order}
	return h.publishOrderMessage(ctx, m)
}

// PublishCancel gossips a signed cancel on the topic of the market of the
// order it cancels, which must be joined. As with PublishOrder, the
// signature is not checked again.
func (h *Host) PublishCancel(ctx context.Context, market MarketRef, cancel *state.SignedCancel) error {
	return h.publishOrderMessage(ctx, &OrderMessage{Market: market, Cancel: cancel})
}

func (h *Host) publishOrderMessage(ctx context.Context, m *OrderMessage) error {
	data, err := m.Encode()
	if err != nil {
		return err
	}
	h.mu.Lock()
	mt, ok := h.markets[m.Market]
	closed := h.closed
	h.mu.Unlock()
	if closed {
		return ErrClosed
	}
	if !ok {
		return fmt.Errorf("%w: %s; join it with JoinMarket first", ErrNotJoined, m.Market)
	}
	if err := mt.topic.Publish(ctx, data); err != nil {
		return fmt.Errorf("p2p: publish to %s: %w", mt.name, err)
	}
	return nil
}

// PublishBatch gossips a signed log batch. The host verifies the signature
// first, so a sequencer running with a key other than the configured
// operator's learns it at once instead of being penalised by its peers.
func (h *Host) PublishBatch(ctx context.Context, b *Batch) error {
	if b.Log != h.cfg.Log {
		return fmt.Errorf("%w: batch of %s, this host gossips the log of %s", ErrWrongTopic, b.Log, h.cfg.Log)
	}
	data, err := b.Encode()
	if err != nil {
		return err
	}
	if len(data) > h.cfg.Limits.BatchBytesMax {
		return fmt.Errorf("%w: batch of seq %d to %d takes %d bytes, the limit is BatchBytesMax %d; split it",
			ErrMessageTooLarge, b.First(), b.Last(), len(data), h.cfg.Limits.BatchBytesMax)
	}
	if len(b.Entries) > h.cfg.Limits.BatchEntriesMax {
		return fmt.Errorf("%w: batch of seq %d to %d has %d entries, the limit is BatchEntriesMax %d; split it",
			ErrInvalidBatch, b.First(), b.Last(), len(b.Entries), h.cfg.Limits.BatchEntriesMax)
	}
	if h.isClosed() {
		return ErrClosed
	}
	if err := h.logTopic.Publish(ctx, data); err != nil {
		return fmt.Errorf("p2p: publish batch of seq %d to %d: %w", b.First(), b.Last(), err)
	}
	return nil
}

func (h *Host) isClosed() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.closed
}

// joinLog joins the log topic and starts the batch goroutines.
func (h *Host) joinLog() error {
	name := LogTopic(h.cfg.Log)
	topic, sub, err := h.join(name, h.batchValidator(), true)
	if err != nil {
		return err
	}
	h.logTopic = topic
	h.follower = newFollower(h)
	h.wg.Add(2)
	go h.receiveBatches(sub)
	go h.follower.run()
	return nil
}

// receiveBatches passes the log topic's batches to the follower.
func (h *Host) receiveBatches(sub *pubsub.Subscription) {
	receive(h, sub, func(b *Batch) bool {
		if h.handlers.Batches == nil {
			return true
		}
		select {
		case h.follower.in <- b:
			return true
		case <-h.ctx.Done():
			return false
		}
	})
}

// receive passes each validated message of sub that a peer sent to handle,
// until the host closes or handle returns false. The validator stores the
// decoded message as its ValidatorData, of type T.
func receive[T any](h *Host, sub *pubsub.Subscription, handle func(T) bool) {
	defer h.wg.Done()
	defer sub.Cancel()
	self := h.host.ID()
	for {
		msg, err := sub.Next(h.ctx)
		if err != nil {
			return
		}
		m, ok := msg.ValidatorData.(T)
		if !ok || msg.ReceivedFrom == self {
			continue
		}
		if !handle(m) {
			return
		}
	}
}

// ResumeBatches signals that the log advanced outside gossip, for example
// after a sync filled a gap, so that batches kept ahead of the log are
// applied.
func (h *Host) ResumeBatches() {
	if h.follower == nil {
		return
	}
	select {
	case h.follower.resume <- struct{}{}:
	default:
	}
}

// MeshPeers returns how many peers are in the host's gossip mesh for
// topic, as OrderTopic or LogTopic names it.
func (h *Host) MeshPeers(topic string) int {
	return h.tracer.meshPeers(topic)
}

// TopicPeers returns how many connected peers subscribe to topic.
func (h *Host) TopicPeers(topic string) int {
	return len(h.ps.ListPeers(topic))
}

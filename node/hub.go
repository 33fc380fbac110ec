package node

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/thaliumx/thaliumx/rpc"
)

// topicKey names one stream: a market's book or trades, or a trader's
// orders or balances.
type topicKey struct {
	kind   rpc.TopicKind
	symbol string
	trader common.Address
}

// hub fans events of durable entries out to subscribers. The publisher
// sends without blocking: a subscriber whose buffer is full is dropped.
type hub struct {
	eventsMax int
	log       *slog.Logger
	dropped   *prometheus.CounterVec

	mu   sync.Mutex
	subs map[topicKey]map[*subscription]struct{}
}

func newHub(eventsMax int, log *slog.Logger, dropped *prometheus.CounterVec) *hub {
	return &hub{eventsMax: eventsMax, log: log, dropped: dropped, subs: map[topicKey]map[*subscription]struct{}{}}
}

// subscription is one subscriber's stream. Its channel is closed exactly
// once, by remove, under hub.mu.
type subscription struct {
	hub *hub
	key topicKey
	ch  chan any
	// stopContext, closed and err are guarded by hub.mu. stopContext
	// cancels the context watch.
	stopContext func() bool
	closed      bool
	err         error
}

func (s *subscription) Events() <-chan any { return s.ch }

func (s *subscription) Unsubscribe() { s.hub.remove(s, nil) }

func (s *subscription) Err() error {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	return s.err
}

// add registers a subscriber with first, if not nil, already in its
// buffer, and ends it when ctx ends.
// REQUIRES: for a book topic, the market's mu held, so that no update
// falls between first and the registration.
func (h *hub) add(ctx context.Context, key topicKey, first any) *subscription {
	s := &subscription{hub: h, key: key, ch: make(chan any, h.eventsMax)}
	if first != nil {
		s.ch <- first
	}
	h.mu.Lock()
	set := h.subs[key]
	if set == nil {
		set = map[*subscription]struct{}{}
		h.subs[key] = set
	}
	set[s] = struct{}{}
	h.mu.Unlock()

	stop := context.AfterFunc(ctx, s.Unsubscribe)
	h.mu.Lock()
	s.stopContext = stop
	h.mu.Unlock()
	return s
}

// remove ends a subscription with err, nil for an ordinary end.
func (h *hub) remove(s *subscription, err error) {
	h.mu.Lock()
	h.removeLocked(s, err)
	stop := s.stopContext
	h.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// removeLocked ends a subscription.
// REQUIRES: h.mu held.
func (h *hub) removeLocked(s *subscription, err error) {
	if s.closed {
		return
	}
	s.closed = true
	s.err = err
	close(s.ch)
	set := h.subs[s.key]
	delete(set, s)
	if len(set) == 0 {
		delete(h.subs, s.key)
	}
}

// publish sends event to every subscriber of key and drops those whose
// buffer is full.
func (h *hub) publish(key topicKey, event any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs[key] {
		select {
		case s.ch <- event:
		default:
			h.dropped.WithLabelValues(string(key.kind)).Inc()
			h.log.Warn("subscriber dropped: its buffer is full", "topic", key.kind, "market", key.symbol,
				"trader", key.trader, "buffer_events", h.eventsMax)
			h.removeLocked(s, fmt.Errorf("%w: %s subscriber fell %d events behind", ErrSubscriberTooSlow, key.kind, h.eventsMax))
		}
	}
}

// has reports whether key has a subscriber, so the publisher can skip
// building events that no subscriber reads.
func (h *hub) has(key topicKey) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs[key]) > 0
}

// closeAll ends every subscription with err, at shutdown.
func (h *hub) closeAll(err error) {
	h.mu.Lock()
	var all []*subscription
	for _, set := range h.subs {
		for s := range set {
			all = append(all, s)
		}
	}
	for _, s := range all {
		h.removeLocked(s, err)
	}
	h.mu.Unlock()
}

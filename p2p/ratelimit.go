package p2p

import (
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	"golang.org/x/time/rate"
)

// limitedPeersMax bounds the peers with a rate limiter. Limiters of
// disconnected peers are dropped. When the bound is reached, an arbitrary
// limiter is dropped to make room.
const limitedPeersMax = 4096

// peerLimiters are the per-peer rate limits on gossip messages validated.
// Safe for concurrent use.
type peerLimiters struct {
	orderRate, batchRate, rejectionRate    rate.Limit
	orderBurst, batchBurst, rejectionBurst int

	mu sync.Mutex
	// orders, batches and rejections hold one limiter per forwarding
	// peer.
	// Invariant: each has at most limitedPeersMax entries.
	orders     map[peer.ID]*rate.Limiter
	batches    map[peer.ID]*rate.Limiter
	rejections map[peer.ID]*rate.Limiter
}

func newPeerLimiters(l Limits) *peerLimiters {
	return &peerLimiters{
		orderRate:      rate.Limit(l.OrderMessagesPerPeerPerSecond),
		orderBurst:     l.OrderMessagesPerPeerBurst,
		batchRate:      rate.Limit(l.BatchesPerPeerPerSecond),
		batchBurst:     l.BatchesPerPeerBurst,
		rejectionRate:  rate.Limit(l.RejectionMessagesPerPeerPerSecond),
		rejectionBurst: l.RejectionMessagesPerPeerBurst,
		orders:         make(map[peer.ID]*rate.Limiter),
		batches:        make(map[peer.ID]*rate.Limiter),
		rejections:     make(map[peer.ID]*rate.Limiter),
	}
}

// allowOrder reports whether p may have one more order message validated.
func (l *peerLimiters) allowOrder(p peer.ID, now time.Time) bool {
	return l.allow(l.orders, p, now, l.orderRate, l.orderBurst)
}

// allowBatch reports whether p may have one more batch validated.
func (l *peerLimiters) allowBatch(p peer.ID, now time.Time) bool {
	return l.allow(l.batches, p, now, l.batchRate, l.batchBurst)
}

// allowRejections reports whether p may have one more rejection message
// validated.
func (l *peerLimiters) allowRejections(p peer.ID, now time.Time) bool {
	return l.allow(l.rejections, p, now, l.rejectionRate, l.rejectionBurst)
}

func (l *peerLimiters) allow(m map[peer.ID]*rate.Limiter, p peer.ID, now time.Time, r rate.Limit, burst int) bool {
	l.mu.Lock()
	lim, ok := m[p]
	if !ok {
		if len(m) >= limitedPeersMax {
			for victim := range m {
				delete(m, victim)
				break
			}
		}
		lim = rate.NewLimiter(r, burst)
		m[p] = lim
	}
	l.mu.Unlock()
	return lim.AllowN(now, 1)
}

// forget drops the limiters of a disconnected peer.
func (l *peerLimiters) forget(p peer.ID) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.orders, p)
	delete(l.batches, p)
	delete(l.rejections, p)
}

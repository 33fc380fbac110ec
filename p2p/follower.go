package p2p

import (
	"sort"
	"time"
)

// batchQueueMax is how many validated batches may wait for the follower
// goroutine; the log topic's subscription buffer holds more behind it.
const batchQueueMax = 64

// follower applies the log topic's batches in sequence. One goroutine owns
// it; validators only read the handler's NextSeq.
type follower struct {
	h *Host

	in     chan *Batch
	resume chan struct{}

	// pending holds batches ahead of the log, sorted by first seq.
	// Invariant: at most Limits.PendingBatchesMax batches.
	pending []*Batch

	// gap is the gap last seen before pending[0], gapSince when it was
	// first seen and gapReported when it was last reported (zero before
	// the first report).
	gap         Gap
	gapSince    time.Time
	gapReported time.Time
}

func newFollower(h *Host) *follower {
	return &follower{
		h:      h,
		in:     make(chan *Batch, batchQueueMax),
		resume: make(chan struct{}, 1),
	}
}

// run takes batches and resume signals until the host closes. A ticker
// checks a persisting gap even when no batch arrives.
func (f *follower) run() {
	defer f.h.wg.Done()
	ticker := time.NewTicker(f.gapCheckInterval())
	defer ticker.Stop()
	for {
		select {
		case <-f.h.ctx.Done():
			return
		case b := <-f.in:
			f.add(b)
		case <-f.resume:
		case <-ticker.C:
		}
		f.drain()
	}
}

func (f *follower) gapCheckInterval() time.Duration {
	return max(min(f.h.cfg.Limits.GapReportDelay, f.h.cfg.Limits.GapReportInterval)/2, time.Millisecond)
}

// add inserts b into pending by first seq. When pending is full, the batch
// furthest ahead is dropped: the nearest ones are applied first, and sync
// can fetch the rest.
func (f *follower) add(b *Batch) {
	i := sort.Search(len(f.pending), func(i int) bool { return f.pending[i].First() >= b.First() })
	f.pending = append(f.pending, nil)
	copy(f.pending[i+1:], f.pending[i:])
	f.pending[i] = b

	if pendingMax := f.h.cfg.Limits.PendingBatchesMax; len(f.pending) > pendingMax {
		dropped := f.pending[len(f.pending)-1]
		f.pending = f.pending[:pendingMax]
		f.h.metrics.batches.WithLabelValues("dropped").Inc()
		f.h.log.Warn("log batch dropped: too many batches ahead of the log", "first_seq", dropped.First(),
			"last_seq", dropped.Last(), "pending_max", pendingMax)
	}
}

// drain applies the pending batches that continue the log and reports the
// gap before the first one that does not.
func (f *follower) drain() {
	handler := f.h.handlers.Batches
	for handler != nil && len(f.pending) > 0 {
		next := handler.NextSeq()
		b := f.pending[0]
		if b.Last() < next {
			f.pending = f.pending[1:]
			f.h.metrics.batches.WithLabelValues("stale").Inc()
			continue
		}
		if b.First() > next {
			f.checkGap(Gap{From: next, To: b.First() - 1})
			return
		}
		f.pending = f.pending[1:]
		f.apply(trimBatch(b, next))
	}
	f.gap = Gap{}
}

func (f *follower) apply(b *Batch) {
	if err := f.h.handlers.Batches.HandleBatch(f.h.ctx, b); err != nil {
		f.h.metrics.batches.WithLabelValues("failed").Inc()
		f.h.log.Error("log batch not applied", "first_seq", b.First(), "last_seq", b.Last(), "err", err)
		return
	}
	f.h.metrics.batches.WithLabelValues("applied").Inc()
}

// checkGap reports gap once it has persisted for GapReportDelay, and again
// every GapReportInterval.
func (f *follower) checkGap(gap Gap) {
	now := f.h.cfg.Now()
	if gap != f.gap {
		f.gap, f.gapSince, f.gapReported = gap, now, time.Time{}
	}
	limits := f.h.cfg.Limits
	if now.Sub(f.gapSince) < limits.GapReportDelay {
		return
	}
	if !f.gapReported.IsZero() && now.Sub(f.gapReported) < limits.GapReportInterval {
		return
	}
	f.gapReported = now
	f.h.metrics.gaps.Inc()
	f.h.log.Info("log gap before a batch", "from_seq", gap.From, "to_seq", gap.To, "pending_batches", len(f.pending))
	f.h.handlers.Batches.HandleGap(f.h.ctx, gap)
}

package p2p

import (
	"time"
)

// Progress describes a log sync under way.
type Progress struct {
	// From and To are the requested range; Next is the next seq to fetch.
	From, To, Next uint64
	// Entries counts the entries applied so far.
	Entries uint64
	Elapsed time.Duration
	// EntriesPerSecond is the average rate since the start, and ETA the
	// time the rest takes at that rate (0 before the first entry).
	EntriesPerSecond float64
	ETA              time.Duration
}

// Done reports whether every entry of the range was applied.
func (p Progress) Done() bool { return p.Next > p.To }

// computeProgress returns the progress of a sync of from..to that has
// reached next after elapsed.
func computeProgress(from, to, next uint64, elapsed time.Duration) Progress {
	p := Progress{From: from, To: to, Next: next, Elapsed: elapsed}
	if next > from {
		p.Entries = next - from
	}
	if elapsed <= 0 || p.Entries == 0 {
		return p
	}
	p.EntriesPerSecond = float64(p.Entries) / elapsed.Seconds()
	if next <= to {
		remaining := float64(to - next + 1)
		p.ETA = time.Duration(remaining / p.EntriesPerSecond * float64(time.Second))
	}
	return p
}

// progressTracker reports a sync's progress to a callback after every
// response and to the log every ProgressLogInterval.
type progressTracker struct {
	h         *Host
	from, to  uint64
	started   time.Time
	lastLog   time.Time
	callback  func(Progress)
	announced bool
}

func newProgressTracker(h *Host, from, to uint64, callback func(Progress)) *progressTracker {
	now := h.cfg.Now()
	return &progressTracker{h: h, from: from, to: to, started: now, lastLog: now, callback: callback}
}

func (t *progressTracker) update(next uint64) {
	now := t.h.cfg.Now()
	p := computeProgress(t.from, t.to, next, now.Sub(t.started))
	if t.callback != nil {
		t.callback(p)
	}
	if p.Done() {
		if t.announced {
			t.h.log.Info("log sync finished", "from_seq", p.From, "to_seq", p.To, "entries", p.Entries,
				"elapsed", p.Elapsed.Round(time.Millisecond), "entries_per_second", int64(p.EntriesPerSecond))
		}
		return
	}
	if now.Sub(t.lastLog) >= t.h.cfg.Limits.ProgressLogInterval {
		t.lastLog = now
		t.announced = true
		t.h.log.Info("log sync progress", "next_seq", p.Next, "to_seq", p.To, "entries", p.Entries,
			"entries_per_second", int64(p.EntriesPerSecond), "eta", p.ETA.Round(time.Second))
	}
}

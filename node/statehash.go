package node

import (
	"time"
)

// The state hash published with a log batch encodes the whole state, so
// its cost grows with the number of accounts and resting orders, not with
// the entries of the batch. It takes about 120 ms for a ledger of 100,000
// accounts (BenchmarkStateHash in docs/BENCHMARKS.md), and tens of
// microseconds for a small exchange.
// The sequencer therefore computes it at a bounded rate: after a hash that
// took d, the next is computed at the end of the first round that starts
// d × (100 − p) / p later, where p is NetworkConfig.StateHashTimePercent,
// so that hashing takes at most about p% of the sequencer's time, and at
// least NetworkConfig.StateHashGapMin later. A round
// in between is published with an all-zero hash, which followers read as
// "not computed" and do not check. A small state gets a hash on every
// round; a large one every few rounds. Because the sequencer logs a tick
// every TickInterval, a quiet exchange's last batch carries a hash within
// about one tick, and followers check the state they hold at rest.

// hashRound computes the state hash after the round's last entry for its
// log batch, when the time budget allows. submit calls it only for a round
// that took no snapshot, because a snapshot sets the round's hash
// (takeSnapshot).
func (s *sequencer) hashRound(r *round) {
	n := s.n
	if n.net == nil || len(r.entries) == 0 || n.failed() != nil {
		return
	}
	start := time.Now()
	if start.Before(s.nextHashAt) {
		return
	}
	n.mu.RLock()
	hash, err := n.machine.StateHash()
	n.mu.RUnlock()
	if err != nil {
		n.log.Error("state hash for a log batch not computed", "seq", r.lastSeq(), "err", err)
		return
	}
	cost := time.Since(start)
	n.net.metrics.hashSeconds.Observe(cost.Seconds())
	percent := time.Duration(n.cfg.Network.StateHashTimePercent)
	s.spaceStateWork(start.Add(cost + cost*(100-percent)/percent))
	if next := start.Add(n.cfg.Network.StateHashGapMin); next.After(s.nextHashAt) {
		s.nextHashAt = next
	}
	r.stateHash = hash
	s.lastHashSeq = r.lastSeq()
	n.hashAt.Store(&stateHashAt{seq: r.lastSeq(), hash: hash})
}

package node

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/p2p"
)

// followJobsMax bounds the jobs waiting for the applier. Each sender
// waits for its job's result, so there are at most two: the host's batch
// goroutine and the sync goroutine.
const followJobsMax = 2

// follower applies the sequencer's log to a follower's machine. The host's
// batch goroutine hands it gossiped batches through the p2p.BatchHandler
// methods, the sync goroutine hands it entries and snapshots fetched from
// peers, and one applier goroutine (runFollower) owns the machine and
// applies both, in log order.
type follower struct {
	n *Node

	jobs chan *applyJob
	// applied is the seq of the last entry applied to the machine, and
	// appliedAt the wall-clock time of the last change, in unix
	// nanoseconds.
	applied   atomic.Uint64
	appliedAt atomic.Int64
	// target is the newest seq that a peer reported or gossiped.
	target atomic.Uint64

	// syncWake wakes the sync goroutine to catch up, syncStop ends it, and
	// syncDone is closed when it has returned.
	syncWake  chan struct{}
	syncStop  context.CancelFunc
	syncDone  chan struct{}
	stopOnce  sync.Once
	jobsClose sync.Once
	// progress describes the running sync, nil when none runs.
	progress atomic.Pointer[syncProgress]
}

// applyJob is work for the applier: consecutive entries, with the state
// hash after the last one when the sequencer published it, or a snapshot
// to install into an empty node.
type applyJob struct {
	entries   []store.Entry
	stateHash common.Hash
	snapshot  *store.Snapshot
	done      chan error
}

func newFollower(n *Node) *follower {
	return &follower{n: n, jobs: make(chan *applyJob, followJobsMax), syncWake: make(chan struct{}, 1)}
}

// NextSeq returns the seq of the next entry the follower's log expects.
func (f *follower) NextSeq() uint64 { return f.applied.Load() + 1 }

// HandleBatch applies a gossiped batch that continues the log and checks
// the state hash it carries.
func (f *follower) HandleBatch(ctx context.Context, b *p2p.Batch) error {
	f.raiseTarget(b.Last())
	return f.run(ctx, &applyJob{entries: b.Entries, stateHash: common.Hash(b.StateHash)})
}

// HandleGap wakes the sync goroutine to fetch the missing entries.
func (f *follower) HandleGap(_ context.Context, gap p2p.Gap) {
	f.raiseTarget(gap.To)
	f.wakeSync()
}

func (f *follower) wakeSync() {
	select {
	case f.syncWake <- struct{}{}:
	default:
	}
}

func (f *follower) setApplied(seq uint64) {
	f.applied.Store(seq)
	f.appliedAt.Store(time.Now().UnixNano())
}

// idleFor returns how long ago the follower last applied an entry.
func (f *follower) idleFor() time.Duration {
	return time.Duration(time.Now().UnixNano() - f.appliedAt.Load())
}

func (f *follower) raiseTarget(seq uint64) {
	for {
		current := f.target.Load()
		if seq <= current || f.target.CompareAndSwap(current, seq) {
			return
		}
	}
}

// run hands a job to the applier and waits for its result.
func (f *follower) run(ctx context.Context, job *applyJob) error {
	job.done = make(chan error, 1)
	select {
	case f.jobs <- job:
	case <-f.n.seqDone:
		return fmt.Errorf("%w: the follower has stopped", ErrStopped)
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-job.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// runFollower is a follower's applier goroutine, in place of the
// sequencer's. It returns when stop closes the job queue.
func (n *Node) runFollower() {
	defer n.pipelines.Done()
	defer close(n.rounds)
	defer close(n.seqDone)
	f := n.net.follower
	a := &applier{sequencer: sequencer{n: n, roundBytesMax: roundBytesMaxOf(n.cfg.Store)}, f: f}
	a.sinceSnapshot = n.machine.Seq() - n.snapshotSeq()
	f.setApplied(n.machine.Seq())
	f.raiseTarget(n.machine.Seq())
	for job := range f.jobs {
		job.done <- a.do(job)
	}
}

// roundBytesMaxOf returns the largest encoded round the store takes in
// one request, with room for one more entry.
func roundBytesMaxOf(opts store.Options) int {
	if opts.BatchBytesMax == 0 {
		return storeBatchBytesDefault - roundBytesMargin
	}
	return opts.BatchBytesMax - roundBytesMargin
}

// stop ends the sync goroutine and then the applier. The host must be
// closed first, so that no batch is handed over any more.
func (f *follower) stop() {
	f.stopOnce.Do(func() {
		if f.syncStop != nil {
			f.syncStop()
			<-f.syncDone
		}
	})
	f.jobsClose.Do(func() { close(f.jobs) })
}

// applier is the state of runFollower. It reuses the sequencer's rounds,
// submission and snapshots; only the source of the entries differs.
type applier struct {
	sequencer
	f *follower
	// lastInfoHash is when updateStateHash last computed a hash.
	lastInfoHash time.Time
}

func (a *applier) do(job *applyJob) error {
	if err := a.n.failed(); err != nil {
		return fmt.Errorf("%w: the follower stopped applying the log after an error: %w", ErrStopped, err)
	}
	if job.snapshot != nil {
		return a.install(job.snapshot)
	}
	return a.applyEntries(job.entries, job.stateHash)
}

// applyEntries applies entries, which must continue the log after
// dropping those already applied, checks the state hash after the last
// one when it is not zero, and submits them to the store in rounds. An
// entry the machine rejects, or a different state hash, stops the node:
// its state no longer follows the sequencer's.
func (a *applier) applyEntries(entries []store.Entry, stateHash common.Hash) error {
	n := a.n
	last := n.machine.Seq()
	for len(entries) > 0 && entries[0].Seq <= last {
		entries = entries[1:]
	}
	if len(entries) == 0 {
		return nil
	}
	if entries[0].Seq != last+1 {
		return fmt.Errorf("%w: entries start at seq %d, the log ends at %d", ErrLogGap, entries[0].Seq, last)
	}

	var rounds []*round
	r := &round{}
	for _, e := range entries {
		if err := a.applyEntry(r, e); err != nil {
			n.fail(err)
			return err
		}
		if len(r.entries) >= n.cfg.RoundEntriesMax || r.bytes >= a.roundBytesMax {
			rounds = append(rounds, r)
			r = &round{}
		}
	}
	if len(r.entries) > 0 {
		rounds = append(rounds, r)
	}
	if stateHash != (common.Hash{}) {
		if err := a.checkStateHash(stateHash); err != nil {
			n.fail(err)
			return err
		}
		rounds[len(rounds)-1].stateHash = stateHash
	}
	for i, r := range rounds {
		a.submitRound(r, i == len(rounds)-1)
	}
	if stateHash == (common.Hash{}) {
		// The hash for NodeInfo runs while the store syncs the rounds.
		a.updateStateHash()
	}
	a.f.setApplied(n.machine.Seq())
	return nil
}

// submitRound submits a round to the store. A snapshot, when one is due,
// is taken only with the job's last round, because the machine is already
// past the earlier rounds' last entries.
func (a *applier) submitRound(r *round, last bool) {
	if last {
		a.submit(r)
		return
	}
	since := a.sinceSnapshot
	a.sinceSnapshot = 0
	a.submit(r)
	a.sinceSnapshot = since
}

// applyEntry decodes and applies one entry of the sequencer's log and
// adds it to the round, with the waiting request of a forwarded order or
// cancel when there is one.
func (a *applier) applyEntry(r *round, e store.Entry) error {
	n := a.n
	entry, err := state.DecodeEntry(e.Payload)
	if err != nil {
		return fmt.Errorf("%w: log entry %d from the sequencer does not decode: %w", ErrStateDiverged, e.Seq, err)
	}
	var outcomes []state.SettlementBatch
	if (entry.Type == state.EntrySettlementDone || entry.Type == state.EntrySettlementFailed) && entry.Batch != nil {
		if b, err := n.machine.SettlementBatch(entry.Batch.ChainID, entry.Batch.ID); err == nil {
			outcomes = []state.SettlementBatch{b}
		}
	}

	n.mu.Lock()
	start := time.Now()
	res, err := n.machine.Apply(e.Seq, &entry)
	var rec *record
	if err == nil {
		rec = captureRecord(n.machine, &entry, res, outcomes)
	}
	n.mu.Unlock()
	if err != nil {
		return fmt.Errorf("%w: log entry %d from the sequencer is rejected by this node's state machine: %w", ErrStateDiverged, e.Seq, err)
	}
	n.metrics.matchLatency.Observe(time.Since(start).Seconds())
	// A follower starts with the markets of its own log, none when it is
	// new, and learns the others from the sequencer's entries.
	if m := rec.listed; m != nil {
		n.log.Info("market listed", "market", m.Symbol, "chain", m.ChainID, "id", m.ID, "seq", e.Seq)
	}

	if signedEntry(entry.Type) {
		a.lastRequestAt = n.clock.Now()
	}
	req := n.net.forwarder.claim(&entry, rec)
	req.seq = e.Seq
	r.items = append(r.items, roundItem{req: req, rec: rec})
	r.entries = append(r.entries, store.Entry{Seq: e.Seq, Payload: e.Payload})
	r.bytes += len(e.Payload) + 16
	a.sinceSnapshot++
	return nil
}

// updateStateHash computes the state hash for NodeInfo after entries that
// came without one, at most once per Config.StateHashInterval, so that a
// follower that caught up through sync reports the hash at its last
// entries.
func (a *applier) updateStateHash() {
	interval := a.n.cfg.StateHashInterval
	if interval <= 0 || time.Since(a.lastInfoHash) < interval {
		return
	}
	a.lastInfoHash = time.Now()
	a.sequencer.updateStateHash()
}

// checkStateHash compares the machine's state hash with the sequencer's.
func (a *applier) checkStateHash(expected common.Hash) error {
	n := a.n
	start := time.Now()
	n.mu.RLock()
	seq := n.machine.Seq()
	hash, err := n.machine.StateHash()
	n.mu.RUnlock()
	n.net.metrics.hashSeconds.Observe(time.Since(start).Seconds())
	if err != nil {
		return fmt.Errorf("node: state hash at seq %d: %w", seq, err)
	}
	if hash != expected {
		n.net.metrics.hashChecks.WithLabelValues("mismatch").Inc()
		n.log.Error("state diverged from the sequencer's; the follower stops", "seq", seq,
			"state_hash", hash, "sequencer_state_hash", expected)
		return fmt.Errorf("%w: after log entry %d this node's state hash is %s, the sequencer's is %s; "+
			"the log before it or this build differs from the sequencer's. If the builds differ, run the sequencer's build on this data directory; "+
			"otherwise restore the data directory from a trusted node's backup, or start it empty to sync from a snapshot",
			ErrStateDiverged, seq, hash, expected)
	}
	n.net.metrics.hashChecks.WithLabelValues("match").Inc()
	a.lastHashSeq, a.lastInfoHash = seq, time.Now()
	n.hashAt.Store(&stateHashAt{seq: seq, hash: hash})
	return nil
}

// install restores a snapshot fetched from a peer into a node whose log
// is empty: the store, the machine and the views. It does nothing when
// the node has applied entries since the sync started.
func (a *applier) install(snap *store.Snapshot) error {
	n := a.n
	if n.machine.Seq() != 0 || n.store.LastSeq() != 0 {
		n.log.Info("snapshot from a peer not installed: the log is no longer empty", "snapshot_seq", snap.Seq,
			"seq", n.machine.Seq())
		return nil
	}
	m, err := state.Restore(snap.Payload)
	var hash common.Hash
	if err == nil {
		hash, err = checkRestored(m, *snap)
	}
	if err != nil {
		return fmt.Errorf("node: snapshot seq %d from a peer: %w", snap.Seq, err)
	}
	if err := n.store.InstallSnapshot(*snap); err != nil {
		return err
	}

	n.mu.Lock()
	n.machine = m
	n.mu.Unlock()
	n.buildViews()
	n.durable.Store(snap.Seq)
	n.visibleSeq.Store(snap.Seq)
	n.metrics.logSeq.Set(float64(snap.Seq))
	n.metrics.indexedThrough.Set(float64(n.store.IndexedThrough()))
	n.hashAt.Store(&stateHashAt{seq: snap.Seq, hash: hash})
	a.sinceSnapshot, a.lastHashSeq = 0, snap.Seq
	a.f.setApplied(snap.Seq)
	a.f.raiseTarget(snap.Seq)
	n.net.joinMarkets()
	n.log.Info("snapshot from a peer installed", "seq", snap.Seq, "state_hash", hash,
		"markets", len(m.Markets()))
	return nil
}

package node

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/p2p"
	"github.com/thaliumx/thaliumx/rpc"
)

const (
	// syncRetryInterval is how long the sync goroutine waits after a
	// failed catch-up before it tries again, unless a gap wakes it first.
	syncRetryInterval = 5 * time.Second
	// catchUpRoundsMax bounds the status requests and syncs of one
	// catch-up, because gossip keeps moving the target while it runs.
	catchUpRoundsMax = 8
	// peerPollInterval is how often a starting follower looks for a peer
	// to sync from.
	peerPollInterval = 100 * time.Millisecond
)

// Phases of a sync, as thx_syncing reports them.
const (
	syncPhaseSnapshot = "snapshot"
	syncPhaseLog      = "log"
)

// syncProgress is an immutable description of the running sync.
type syncProgress struct {
	phase    string
	starting uint64
	rate     float64 // entries per second
	eta      time.Duration
}

// startSync starts the goroutine that catches up with the peers' log at
// start, after every gap the host reports, and whenever no entry was
// applied for SyncCheckInterval.
func (f *follower) startSync() {
	ctx, cancel := context.WithCancel(context.Background())
	f.syncStop, f.syncDone = cancel, make(chan struct{})
	go f.runSync(ctx)
}

func (f *follower) runSync(ctx context.Context) {
	defer close(f.syncDone)
	check := time.NewTicker(f.n.net.cfg.SyncCheckInterval)
	defer check.Stop()
	for {
		err := f.catchUp(ctx)
		if ctx.Err() != nil || f.n.failed() != nil {
			return
		}
		var retry <-chan time.Time
		if err != nil {
			f.n.net.log.Warn("catching up with the sequencer's log failed; retrying", "seq", f.applied.Load(),
				"target_seq", f.target.Load(), "retry_in", syncRetryInterval, "err", err)
			retry = time.After(syncRetryInterval)
		}
		if !f.waitForWork(ctx, retry, check.C) {
			return
		}
	}
}

// waitForWork waits until a gap is reported, the retry delay ends, or a
// check finds the follower idle for SyncCheckInterval. It returns false
// when ctx ends.
func (f *follower) waitForWork(ctx context.Context, retry, check <-chan time.Time) bool {
	for {
		select {
		case <-ctx.Done():
			return false
		case <-f.syncWake:
			return true
		case <-retry:
			return true
		case <-check:
			if f.idleFor() >= f.n.net.cfg.SyncCheckInterval {
				return true
			}
		}
	}
}

// catchUp fetches what the peers hold beyond the log: a snapshot first
// when the node's log is empty and a peer has one, then the log entries.
// It repeats while the peers' log keeps growing, up to catchUpRoundsMax
// times, and lets the host apply the batches it kept meanwhile.
func (f *follower) catchUp(ctx context.Context) error {
	n := f.n
	host := n.net.host
	defer host.ResumeBatches()
	for range catchUpRoundsMax {
		statuses, err := f.peerStatuses(ctx)
		if err != nil {
			return err
		}
		bestSnapshot := uint64(0)
		for _, s := range statuses {
			f.raiseTarget(s.LastSeq)
			bestSnapshot = max(bestSnapshot, s.SnapshotSeq)
		}
		next, target := f.applied.Load()+1, f.target.Load()
		if next > target {
			return nil
		}
		if next == 1 && n.store.LastSeq() == 0 && bestSnapshot > 0 {
			if err := f.syncSnapshot(ctx); err != nil {
				return err
			}
			continue
		}
		if err := f.syncLog(ctx, next, target); err != nil {
			return err
		}
		host.ResumeBatches()
	}
	return nil
}

// peerStatuses requests the log bounds of the connected peers, waiting up
// to SyncStartTimeout for a first peer.
func (f *follower) peerStatuses(ctx context.Context) ([]p2p.PeerStatus, error) {
	sc := f.n.net.host.Sync()
	deadline := time.Now().Add(f.n.net.cfg.SyncStartTimeout)
	for {
		statuses := sc.Statuses(ctx)
		if len(statuses) > 0 {
			return statuses, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%w: no peer responded to a status request within %s; check --bootnodes",
				p2p.ErrNoPeers, f.n.net.cfg.SyncStartTimeout)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(peerPollInterval):
		}
	}
}

// syncSnapshot fetches the newest snapshot a peer has and installs it.
func (f *follower) syncSnapshot(ctx context.Context) error {
	f.progress.Store(&syncProgress{phase: syncPhaseSnapshot})
	defer f.progress.Store(nil)
	snap, from, err := f.n.net.host.Sync().SyncSnapshot(ctx, 1)
	if err != nil {
		return err
	}
	f.n.net.log.Info("snapshot fetched", "seq", snap.Seq, "peer", from, "bytes", len(snap.Payload))
	return f.run(ctx, &applyJob{snapshot: &snap})
}

// syncLog fetches and applies the entries from seq from through to. The
// entries carry no state hash; the next gossiped batch that does checks
// them.
func (f *follower) syncLog(ctx context.Context, from, to uint64) error {
	f.progress.Store(&syncProgress{phase: syncPhaseLog, starting: from - 1})
	defer f.progress.Store(nil)
	err := f.n.net.host.Sync().SyncLog(ctx, p2p.LogSync{
		From: from, To: to,
		Apply: func(entries []store.Entry) error { return f.run(ctx, &applyJob{entries: entries}) },
		Progress: func(p p2p.Progress) {
			f.progress.Store(&syncProgress{phase: syncPhaseLog, starting: from - 1, rate: p.EntriesPerSecond, eta: p.ETA})
		},
	})
	if errors.Is(err, p2p.ErrRangeNotStored) {
		return fmt.Errorf("%w; this node's log ends at seq %d, so move its data directory aside and start it empty to sync from a snapshot",
			err, from-1)
	}
	return err
}

// Syncing reports how far the node's log is behind the newest entry that
// a peer reported or gossiped. CurrentSeq is the last durable entry, whose changes
// the read API serves. A sequencer is never behind.
func (n *Node) Syncing() rpc.SyncStatus {
	if n.net == nil || n.net.follower == nil {
		seq := n.durable.Load()
		return rpc.SyncStatus{StartingSeq: seq, CurrentSeq: seq, TargetSeq: seq}
	}
	f := n.net.follower
	current := n.durable.Load()
	status := rpc.SyncStatus{StartingSeq: current, CurrentSeq: current, TargetSeq: max(current, f.target.Load())}
	if p := f.progress.Load(); p != nil {
		status.Syncing, status.Phase, status.StartingSeq = true, p.phase, p.starting
		status.EntriesPerSecond, status.ETA = p.rate, p.eta
	}
	return status
}

package p2p

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/thaliumx/thaliumx/node/store"
)

// LogSync is a range of the log to fetch from peers.
type LogSync struct {
	// From and To are the first and last seq to fetch.
	From, To uint64
	// Apply receives the entries in order, each call continuing the last.
	// An error stops the sync and is returned.
	Apply func([]store.Entry) error
	// Progress, when set, is called after each applied response.
	Progress func(Progress)
}

// SyncLog fetches the entries From through To from whichever peers hold
// them and hands them to Apply in order. It requests Limits.SyncEntriesMax
// entries at a time, moves to the next peer when one fails, and gives up
// after Limits.SyncRoundsMax rounds without progress.
// Progress is logged every Limits.ProgressLogInterval.
func (c *SyncClient) SyncLog(ctx context.Context, s LogSync) error {
	if s.From == 0 || s.From > s.To || s.Apply == nil {
		return fmt.Errorf("%w: log sync of seq %d to %d; expected 1 <= from <= to and an Apply function", ErrInvalidRequest, s.From, s.To)
	}
	next := s.From
	tracker := newProgressTracker(c.h, s.From, s.To, s.Progress)
	var failures []string
	for round := 0; next <= s.To; {
		statuses := c.Statuses(ctx)
		candidates := holders(statuses, next)
		if len(candidates) == 0 && pruned(statuses, next) {
			return fmt.Errorf("%w: every peer's log starts after seq %d; fetch a snapshot", ErrRangeNotStored, next)
		}

		before := next
		for _, p := range candidates {
			var err error
			next, err = c.fetchRange(ctx, p, next, s, tracker)
			if errors.As(err, new(*applyError)) || next > s.To {
				return unwrapApply(err)
			}
			if err != nil {
				c.h.log.Info("log sync moves to another peer", "peer", p, "next_seq", next, "err", err)
				failures = append(failures, err.Error())
			}
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("p2p: log sync stopped at seq %d: %w", next, err)
		}
		if next > before {
			round = 0
			continue
		}
		if round++; round >= c.h.cfg.Limits.SyncRoundsMax {
			return syncFailed(fmt.Sprintf("log sync of seq %d to %d stopped at seq %d", s.From, s.To, next), len(statuses), failures)
		}
		if err := c.wait(ctx); err != nil {
			return fmt.Errorf("p2p: log sync stopped at seq %d: %w", next, err)
		}
	}
	return nil
}

// fetchRange fetches from peer p from seq next until s.To, the peer fails
// or Apply fails. It returns the new next seq.
func (c *SyncClient) fetchRange(ctx context.Context, p peer.ID, next uint64, s LogSync, tracker *progressTracker) (uint64, error) {
	for next <= s.To {
		count := min(uint64(c.h.cfg.Limits.SyncEntriesMax), s.To-next+1)
		entries, err := c.FetchLog(ctx, p, next, int(count))
		if err != nil {
			return next, err
		}
		if err := s.Apply(entries); err != nil {
			return next, &applyError{err: fmt.Errorf("p2p: apply entries seq %d to %d: %w", entries[0].Seq, entries[len(entries)-1].Seq, err)}
		}
		next = entries[len(entries)-1].Seq + 1
		tracker.update(next)
	}
	return next, nil
}

func unwrapApply(err error) error {
	if ae := (*applyError)(nil); errors.As(err, &ae) {
		return ae.err
	}
	return err
}

// holders returns the peers that store seq, the most advanced first.
func holders(statuses []PeerStatus, seq uint64) []peer.ID {
	var peers []peer.ID
	for _, s := range statuses {
		if s.Holds(seq) {
			peers = append(peers, s.Peer)
		}
	}
	return peers
}

// pruned reports whether at least one peer responded and every responding
// peer's log starts after seq, so that no peer will ever serve it.
func pruned(statuses []PeerStatus, seq uint64) bool {
	if len(statuses) == 0 {
		return false
	}
	for _, s := range statuses {
		if s.FirstSeq <= seq {
			return false
		}
	}
	return true
}

// SyncSnapshot fetches the newest snapshot at or after seq minSeq from
// whichever peer has one, trying the peers with the newest snapshots first
// and giving up after Limits.SyncRoundsMax rounds.
func (c *SyncClient) SyncSnapshot(ctx context.Context, minSeq uint64) (store.Snapshot, peer.ID, error) {
	var failures []string
	for round := 0; ; {
		statuses := c.Statuses(ctx)
		slices.SortStableFunc(statuses, func(a, b PeerStatus) int { return cmpDesc(a.SnapshotSeq, b.SnapshotSeq) })
		for _, s := range statuses {
			if s.SnapshotSeq == 0 || s.SnapshotSeq < minSeq {
				continue
			}
			snap, err := c.fetchSnapshotLogged(ctx, s.Peer)
			if err == nil && snap.Seq >= minSeq {
				return snap, s.Peer, nil
			}
			if err == nil {
				err = fmt.Errorf("%w: snapshot seq %d is older than seq %d", ErrInvalidResponse, snap.Seq, minSeq)
			}
			c.h.log.Info("snapshot sync moves to another peer", "peer", s.Peer, "err", err)
			failures = append(failures, err.Error())
		}
		if err := ctx.Err(); err != nil {
			return store.Snapshot{}, "", fmt.Errorf("p2p: snapshot sync stopped: %w", err)
		}
		if round++; round >= c.h.cfg.Limits.SyncRoundsMax {
			return store.Snapshot{}, "", syncFailed(fmt.Sprintf("snapshot sync from seq %d", minSeq), len(statuses), failures)
		}
		if err := c.wait(ctx); err != nil {
			return store.Snapshot{}, "", fmt.Errorf("p2p: snapshot sync stopped: %w", err)
		}
	}
}

func (c *SyncClient) fetchSnapshotLogged(ctx context.Context, p peer.ID) (store.Snapshot, error) {
	started := c.h.cfg.Now()
	c.h.log.Info("snapshot sync started", "peer", p)
	snap, err := c.FetchSnapshot(ctx, p)
	if err == nil {
		c.h.log.Info("snapshot sync finished", "peer", p, "seq", snap.Seq, "bytes", len(snap.Payload),
			"elapsed", c.h.cfg.Now().Sub(started).Round(time.Millisecond))
	}
	return snap, err
}

// wait sleeps SyncRetryDelay between rounds, or until ctx ends.
func (c *SyncClient) wait(ctx context.Context) error {
	t := time.NewTimer(c.h.cfg.Limits.SyncRetryDelay)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// syncFailed builds the error of a sync that gave up, with the last few
// peer failures.
func syncFailed(operation string, peers int, failures []string) error {
	const failuresShown = 3
	if len(failures) == 0 {
		return fmt.Errorf("%w: %s: %w (%d peers responded to a status request)", ErrSyncFailed, operation, ErrNoPeers, peers)
	}
	last := failures[max(0, len(failures)-failuresShown):]
	return fmt.Errorf("%w: %s after %d failed requests; last: %s", ErrSyncFailed, operation, len(failures), strings.Join(last, "; "))
}

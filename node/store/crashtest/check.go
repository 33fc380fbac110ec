package crashtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/thaliumx/thaliumx/node/store"
)

// History holds the progress that the children of one data directory
// reported before they were killed.
type History struct {
	// AckedThrough is the highest seq reported durable.
	AckedThrough uint64
	// SnapshotSaved is the highest snapshot seq reported saved.
	SnapshotSaved uint64
}

// Report describes a checked store.
type Report struct {
	LastSeq uint64
	// IndexedThrough is the indexed-through marker after recovery.
	IndexedThrough uint64
	Snapshots      int
	StateHash      store.StateHash
}

// Check opens the store in dir after a crash and checks it against the
// children's reports. Every acknowledged entry must be present and intact,
// and the log contiguous, ending where an append request ends. Every
// snapshot must load and match a clean replay, and the state rebuilt from
// the newest snapshot must have the clean replay's state hash. The index
// must hold exactly the records of the entries through its marker.
func Check(ctx context.Context, dir string, cfg Config, hist History) (Report, error) {
	s, err := store.Open(dir, cfg.Store)
	if err != nil {
		return Report{}, fmt.Errorf("reopen after crash: %w", err)
	}
	defer s.Close()
	if s.LastSeq() < hist.AckedThrough {
		return Report{}, fmt.Errorf("acknowledged entries lost: seq %d was acknowledged, the log ends at %d", hist.AckedThrough, s.LastSeq())
	}
	infos, err := s.Snapshots()
	if err != nil {
		return Report{}, err
	}

	hashes, final, err := cleanReplay(ctx, s, cfg, infos)
	if err != nil {
		return Report{}, err
	}
	if err := checkSnapshots(s, infos, hashes, hist); err != nil {
		return Report{}, err
	}
	recovered, err := RecoverState(ctx, s, cfg)
	if err != nil {
		return Report{}, fmt.Errorf("recover from the newest snapshot: %w", err)
	}
	if checker, ok := recovered.(interface{ CheckInvariants() error }); ok {
		if err := checker.CheckInvariants(); err != nil {
			return Report{}, fmt.Errorf("state recovered at seq %d: %w", s.LastSeq(), err)
		}
	}
	if recovered.StateHash() != final {
		return Report{}, fmt.Errorf("state hash after recovery %x differs from the clean replay's %x at seq %d", recovered.StateHash(), final, s.LastSeq())
	}
	if err := checkIndex(s); err != nil {
		return Report{}, err
	}
	if err := s.Verify(ctx); err != nil {
		return Report{}, err
	}
	return Report{LastSeq: s.LastSeq(), IndexedThrough: s.IndexedThrough(), Snapshots: len(infos), StateHash: final}, nil
}

// cleanReplay applies the whole log to a new state, checking each entry
// against the EntrySource and its frame, and returns the state hash at each
// snapshot seq and at the end.
func cleanReplay(ctx context.Context, s *store.Store, cfg Config, infos []store.SnapshotInfo) (map[uint64]store.StateHash, store.StateHash, error) {
	if s.FirstSeq() != 1 {
		return nil, store.StateHash{}, fmt.Errorf("log starts at seq %d; the crash test writes from seq 1", s.FirstSeq())
	}
	wanted := map[uint64]bool{}
	for _, info := range infos {
		wanted[info.Seq] = true
	}
	hashes := map[uint64]store.StateHash{}
	state := cfg.NewState()
	var requestEnd uint64
	err := s.ReplayLog(ctx, 1, func(e store.Entry) error {
		first, count, body, err := decodeFrame(e.Seq, e.Payload)
		if err != nil {
			return err
		}
		if want := cfg.Entries.Body(e.Seq); !bytes.Equal(body, want) {
			return fmt.Errorf("entry seq %d body differs from the one written (%d bytes, expected %d)", e.Seq, len(body), len(want))
		}
		requestEnd = first + uint64(count) - 1
		if err := state.Apply(e.Seq, body); err != nil {
			return err
		}
		if wanted[e.Seq] {
			hashes[e.Seq] = state.StateHash()
		}
		return nil
	})
	if err != nil {
		return nil, store.StateHash{}, err
	}
	if last := s.LastSeq(); last > 0 && requestEnd != last {
		return nil, store.StateHash{}, fmt.Errorf("half batch visible: the log ends at seq %d inside a request that ends at seq %d", last, requestEnd)
	}
	return hashes, state.StateHash(), nil
}

func checkSnapshots(s *store.Store, infos []store.SnapshotInfo, hashes map[uint64]store.StateHash, hist History) error {
	latest, skipped, err := s.LatestSnapshot()
	if err != nil && !errors.Is(err, store.ErrNoSnapshot) {
		return err
	}
	if len(skipped) > 0 {
		return fmt.Errorf("damaged snapshots after a crash: %w", errors.Join(skipped...))
	}
	if hist.SnapshotSaved > 0 && latest.Seq < hist.SnapshotSaved {
		return fmt.Errorf("snapshot seq %d was reported saved, the newest stored is seq %d", hist.SnapshotSaved, latest.Seq)
	}
	for _, info := range infos {
		if info.Err != nil {
			return info.Err
		}
		if _, err := s.LoadSnapshot(info.Seq); err != nil {
			return err
		}
		if info.StateHash != hashes[info.Seq] {
			return fmt.Errorf("snapshot seq %d has state hash %x, a clean replay gives %x", info.Seq, info.StateHash, hashes[info.Seq])
		}
	}
	return nil
}

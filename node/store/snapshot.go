package store

import (
	"errors"
	"fmt"
	"os"
)

// snapshotPayloadBytesMax is the largest snapshot payload. LoadSnapshot
// reads a whole payload into memory, and a state of a million resting
// orders encodes to about 250 MB. It is a variable only so that tests can
// check the limit without allocating 16 GiB.
var snapshotPayloadBytesMax uint64 = 1 << 34

// StateHash is the hash of the state machine's state after an entry.
type StateHash [32]byte

// Snapshot is the serialised state after applying the log through Seq.
type Snapshot struct {
	Seq       uint64
	StateHash StateHash
	Payload   []byte
}

// SnapshotInfo describes a stored snapshot without its payload. Err is set
// when the file's header or trailer fails its checks; the payload is
// checked only on load.
type SnapshotInfo struct {
	Seq          uint64
	StateHash    StateHash
	PayloadBytes uint64
	Err          error
}

// SaveSnapshot stores a snapshot of the state after applying the log
// through snap.Seq, which must be a durable entry (or the installed base),
// and deletes the oldest snapshots beyond Options.SnapshotsKept. Saving the
// same seq again replaces that snapshot. It returns once the snapshot is
// durable.
func (s *Store) SaveSnapshot(snap Snapshot) error {
	if uint64(len(snap.Payload)) > snapshotPayloadBytesMax {
		return fmt.Errorf("%w: snapshot seq %d has %d bytes, the limit is %d", ErrPayloadTooLarge, snap.Seq, len(snap.Payload), snapshotPayloadBytesMax)
	}
	w, err := s.CreateSnapshot(snap.Seq)
	if err != nil {
		return err
	}
	if _, err := w.Write(snap.Payload); err != nil {
		w.Discard()
		return err
	}
	return w.Commit(snap.StateHash)
}

// InstallSnapshot stores a snapshot received from a peer in a store whose
// log is empty and moves the log base to its seq, so the next entry
// appended must be snap.Seq+1. The indexed-through marker moves there too,
// because the entries before it are not stored here.
//
// The snapshot file is durable before the markers move. A crash in between
// leaves a file beyond the log's end, which Open deletes.
func (s *Store) InstallSnapshot(snap Snapshot) error {
	if snap.Seq == 0 {
		return fmt.Errorf("%w: snapshot seq 0, expected at least 1", ErrSnapshotSeq)
	}
	if uint64(len(snap.Payload)) > snapshotPayloadBytesMax {
		return fmt.Errorf("%w: snapshot seq %d has %d bytes, the limit is %d", ErrPayloadTooLarge, snap.Seq, len(snap.Payload), snapshotPayloadBytesMax)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return fmt.Errorf("%w: data directory %s", ErrClosed, s.dir)
	case s.failure != nil:
		return fmt.Errorf("%w: %w", ErrFailed, s.failure)
	case s.nextSeq != s.LastSeq()+1 || s.LastSeq() != s.base.Load():
		return fmt.Errorf("%w: entries %d to %d are stored or queued; install a snapshot only into an empty store",
			ErrLogNotEmpty, s.FirstSeq(), s.nextSeq-1)
	}

	w, err := s.newSnapshotWriter(snap.Seq)
	if err != nil {
		return err
	}
	if _, err := w.Write(snap.Payload); err != nil {
		w.Discard()
		return err
	}
	if err := w.finish(snap.StateHash); err != nil {
		return err
	}
	if err := s.commitSnapshotFile(w, s.markBase); err != nil {
		return err
	}
	s.base.Store(snap.Seq)
	s.last.Store(snap.Seq)
	s.indexed.Store(snap.Seq)
	s.nextSeq = snap.Seq + 1
	s.log.Info("snapshot installed", "seq", snap.Seq, "state_hash", fmt.Sprintf("0x%x", snap.StateHash))
	return nil
}

// Snapshots lists the stored snapshots, newest first. A snapshot whose
// header or trailer is damaged is listed with Err set.
func (s *Store) Snapshots() ([]SnapshotInfo, error) {
	exit, err := s.enter()
	if err != nil {
		return nil, err
	}
	defer exit()
	seqs, err := s.snapshotSeqs()
	if err != nil {
		return nil, err
	}
	infos := make([]SnapshotInfo, 0, len(seqs))
	for i := len(seqs) - 1; i >= 0; i-- {
		info, err := s.readSnapshotInfo(seqs[i])
		if errors.Is(err, ErrNoSnapshot) {
			continue // pruned by a concurrent SaveSnapshot
		}
		if err != nil && !errors.Is(err, ErrCorrupt) {
			return nil, err
		}
		info.Err = err
		infos = append(infos, info)
	}
	return infos, nil
}

// LoadSnapshot reads the snapshot at seq and verifies its checksums.
func (s *Store) LoadSnapshot(seq uint64) (Snapshot, error) {
	exit, err := s.enter()
	if err != nil {
		return Snapshot{}, err
	}
	defer exit()
	f, err := s.openSnapshotFile(seq)
	if err != nil {
		return Snapshot{}, err
	}
	defer f.Close()
	return s.readSnapshotFile(f, seq)
}

// LatestSnapshot loads the newest snapshot that passes its checks. Each
// newer damaged snapshot is logged and returned in skipped. It returns
// ErrNoSnapshot when no valid snapshot is stored.
func (s *Store) LatestSnapshot() (snap Snapshot, skipped []error, err error) {
	infos, err := s.Snapshots()
	if err != nil {
		return Snapshot{}, nil, err
	}
	for _, info := range infos {
		snap, err := s.LoadSnapshot(info.Seq)
		if err == nil {
			return snap, skipped, nil
		}
		if errors.Is(err, ErrNoSnapshot) {
			continue // pruned by a concurrent SaveSnapshot
		}
		if !errors.Is(err, ErrCorrupt) {
			return Snapshot{}, skipped, err
		}
		s.log.Error("snapshot damaged, trying the next older one", "seq", info.Seq, "err", err)
		skipped = append(skipped, err)
	}
	return Snapshot{}, skipped, fmt.Errorf("%w in data directory %s (%d damaged)", ErrNoSnapshot, s.dir, len(skipped))
}

// openSnapshotFile opens the snapshot file of seq for reading.
func (s *Store) openSnapshotFile(seq uint64) (*os.File, error) {
	f, err := os.Open(s.snapshotPath(seq))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: no snapshot at seq %d in data directory %s", ErrNoSnapshot, seq, s.dir)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open snapshot seq %d in %s: %w", seq, s.dir, err)
	}
	return f, nil
}

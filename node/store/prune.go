package store

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// pruneSegmentsPerTxn bounds the segments one pruning transaction deletes,
// which keeps it far below Badger's transaction size limit.
const pruneSegmentsPerTxn = 4096

// valueLogGCDiscardRatio is the share of a value-log file that must be
// garbage for Badger to rewrite it after pruning.
const valueLogGCDiscardRatio = 0.5

// PruneLog deletes the log segments whose entries all lie at or before
// through, oldest first, and moves the log base past them. A segment with
// entries on both sides of through is kept whole, so fewer entries may go
// than asked. through may not pass the newest stored snapshot nor
// IndexedThrough, because a restart needs a snapshot and the indexes of
// the entries before the log's first one. PruneLog then runs Badger's
// value-log garbage collection, which returns the space of the deleted
// entries to the file system. It returns the number of entries deleted.
//
// Each transaction deletes whole segments and moves the base marker
// together, so a crash leaves a log that starts at base+1.
func (s *Store) PruneLog(through uint64) (uint64, error) {
	if s.opts.ReadOnly {
		return 0, fmt.Errorf("%w: prune the log of data directory %s", ErrReadOnly, s.dir)
	}
	exit, err := s.enter()
	if err != nil {
		return 0, err
	}
	defer exit()

	if err := s.checkPruneLimit(through); err != nil {
		return 0, err
	}
	s.pruneMu.Lock()
	defer s.pruneMu.Unlock()
	startBase := s.base.Load()
	for {
		done, err := s.pruneSegments(through)
		if err != nil {
			return s.base.Load() - startBase, err
		}
		if done {
			break
		}
	}
	pruned := s.base.Load() - startBase
	if pruned > 0 {
		s.collectValueLog()
		s.log.Info("log pruned", "entries", pruned, "first_seq", s.FirstSeq())
	}
	return pruned, nil
}

// checkPruneLimit rejects a through past the newest snapshot or the
// indexes.
func (s *Store) checkPruneLimit(through uint64) error {
	if indexed := s.IndexedThrough(); through > indexed {
		return fmt.Errorf("%w: prune through seq %d, past the entries indexed through %d", ErrInvalidLimit, through, indexed)
	}
	infos, err := s.Snapshots()
	if err != nil {
		return err
	}
	if len(infos) == 0 || through > infos[0].Seq {
		newest := uint64(0)
		if len(infos) > 0 {
			newest = infos[0].Seq
		}
		return fmt.Errorf("%w: prune through seq %d, past the newest snapshot at seq %d; save a snapshot first", ErrInvalidLimit, through, newest)
	}
	return nil
}

// pruneSegments deletes up to pruneSegmentsPerTxn whole segments at or
// before through in one transaction and reports whether none is left.
func (s *Store) pruneSegments(through uint64) (done bool, err error) {
	var newBase uint64
	err = s.db.Update(func(txn *badger.Txn) error {
		base, err := s.readMeta(txn, keyBase)
		if err != nil {
			return err
		}
		keys, last, err := s.prunableSegments(txn, base, through)
		if err != nil || len(keys) == 0 {
			done = len(keys) == 0
			return err
		}
		for _, key := range keys {
			if err := txn.Delete(key); err != nil {
				return err
			}
		}
		newBase = last
		return setMeta(txn, keyBase, last)
	})
	if err != nil {
		return false, fmt.Errorf("store: prune the log of data directory %s: %w", s.dir, err)
	}
	if !done {
		s.base.Store(newBase)
	}
	return done, nil
}

// prunableSegments returns the keys of up to pruneSegmentsPerTxn whole
// segments after base that end at or before through, and the last seq of
// the last one.
func (s *Store) prunableSegments(txn *badger.Txn, base, through uint64) (keys [][]byte, last uint64, err error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixLog}, PrefetchValues: false})
	defer it.Close()
	last = base
	for it.Seek(segmentKey(base+1, 0)); it.Valid() && len(keys) < pruneSegmentsPerTxn; it.Next() {
		key := it.Item().KeyCopy(nil)
		first, end, ok := parseSegmentKey(key)
		if !ok || first != last+1 {
			return nil, 0, s.corrupt("log entry", last+1, key, "segment does not continue the log")
		}
		if end > through {
			break
		}
		keys = append(keys, key)
		last = end
	}
	return keys, last, nil
}

// collectValueLog rewrites value-log files that are mostly garbage until
// Badger finds none, and logs a failure; the space comes back later.
func (s *Store) collectValueLog() {
	for range valueLogGCRunsMax {
		err := s.db.RunValueLogGC(valueLogGCDiscardRatio)
		if errors.Is(err, badger.ErrNoRewrite) {
			return
		}
		if err != nil {
			s.log.Warn("value log garbage collection failed", "dir", s.dir, "err", err)
			return
		}
	}
}

// valueLogGCRunsMax bounds the value-log files one prune rewrites.
const valueLogGCRunsMax = 64

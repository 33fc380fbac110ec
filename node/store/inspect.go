package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"syscall"

	"github.com/dgraph-io/badger/v4"
)

// Inspection summarises a store for operators.
type Inspection struct {
	Dir string
	// Format is the store's format version as recorded in the database.
	// This build marks a format-2 store as format 3 at its first
	// read-write open.
	Format         uint64
	FirstSeq       uint64 // LastSeq+1 when the log is empty
	LastSeq        uint64
	LogEntries     uint64
	IndexedThrough uint64
	// Snapshots lists the stored snapshots, newest first.
	Snapshots []SnapshotInfo
	// LatestSnapshotSeq and LatestStateHash come from the newest snapshot
	// whose header is intact; LatestSnapshotSeq is 0 when there is none.
	LatestSnapshotSeq uint64
	LatestStateHash   StateHash
	// IndexRecords counts the records of each index, in index id order.
	IndexRecords []IndexCount
	// LSMBytes and ValueLogBytes are the disk space allocated to Badger's
	// table files (.sst) and value log files (.vlog).
	LSMBytes      int64
	ValueLogBytes int64
}

// IndexCount is the number of records in one index.
type IndexCount struct {
	Index   IndexID
	Records uint64
}

// Inspect counts the log entries and index records and lists the
// snapshots. It reads keys only; Verify checks the values.
func (s *Store) Inspect() (Inspection, error) {
	exit, err := s.enter()
	if err != nil {
		return Inspection{}, err
	}
	defer exit()
	in := Inspection{
		Dir:            s.dir,
		FirstSeq:       s.FirstSeq(),
		LastSeq:        s.LastSeq(),
		IndexedThrough: s.IndexedThrough(),
	}
	counts := map[IndexID]uint64{}
	err = s.db.View(func(txn *badger.Txn) error {
		format, err := s.readMeta(txn, keyFormat)
		if err != nil {
			return err
		}
		in.Format = format
		in.LogEntries = countLogEntries(txn)
		for id := range indexSchemas {
			counts[id] = countKeys(txn, []byte{prefixIndex, byte(id)})
		}
		return nil
	})
	if err != nil {
		return Inspection{}, err
	}
	for id, n := range counts {
		in.IndexRecords = append(in.IndexRecords, IndexCount{Index: id, Records: n})
	}
	sort.Slice(in.IndexRecords, func(i, j int) bool { return in.IndexRecords[i].Index < in.IndexRecords[j].Index })

	if in.Snapshots, err = s.Snapshots(); err != nil {
		return Inspection{}, err
	}
	for _, info := range in.Snapshots {
		if info.Err == nil {
			in.LatestSnapshotSeq, in.LatestStateHash = info.Seq, info.StateHash
			break
		}
	}
	in.LSMBytes, in.ValueLogBytes = diskUsage(s.dir)
	return in, nil
}

// countLogEntries adds up the seq ranges of the segment keys.
func countLogEntries(txn *badger.Txn) uint64 {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixLog}})
	defer it.Close()
	var n uint64
	for it.Rewind(); it.Valid(); it.Next() {
		if first, last, ok := parseSegmentKey(it.Item().Key()); ok {
			n += last - first + 1
		}
	}
	return n
}

// diskUsage adds up the allocated size of the table and value log files.
// Badger's own Size() is refreshed only once a minute, and an open value
// log file is preallocated sparse, so its apparent size overstates it.
func diskUsage(dir string) (lsm, vlog int64) {
	entries, _ := os.ReadDir(dir)
	for _, entry := range entries {
		info, err := entry.Info()
		if err != nil {
			continue
		}
		size := info.Size()
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			size = min(size, st.Blocks*512)
		}
		switch filepath.Ext(entry.Name()) {
		case ".sst":
			lsm += size
		case ".vlog":
			vlog += size
		}
	}
	return lsm, vlog
}

func countKeys(txn *badger.Txn, prefix []byte) uint64 {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	var n uint64
	for it.Rewind(); it.Valid(); it.Next() {
		n++
	}
	return n
}

// Verify reads every stored record and checks its checksum: the whole log
// (and its contiguity), every index record and every snapshot. It returns
// all the damage it found, joined; nil means the store is intact.
func (s *Store) Verify(ctx context.Context) error {
	exit, err := s.enter()
	if err != nil {
		return err
	}
	defer exit()

	var errs []error
	if err := s.verifyLogAndIndexes(ctx); err != nil {
		errs = append(errs, err)
	}
	infos, err := s.Snapshots()
	if err != nil {
		return err
	}
	for _, info := range infos {
		if _, err := s.LoadSnapshot(info.Seq); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// verifyLogAndIndexes scans the log from its first entry and every index
// record, stopping at the first damage in each.
func (s *Store) verifyLogAndIndexes(ctx context.Context) error {
	var errs []error
	if s.LastSeq() >= s.FirstSeq() {
		if err := s.ReplayLog(ctx, s.FirstSeq(), func(Entry) error { return nil }); err != nil {
			errs = append(errs, err)
		}
	}
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixIndex}})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if _, _, err := s.readIndexRecord(it.Item()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		errs = append(errs, fmt.Errorf("index records: %w", err))
	}
	return errors.Join(errs...)
}

// IndexSize is the number of records in one index and the bytes of their
// keys and values as stored, checksums included.
type IndexSize struct {
	Index      IndexID
	Records    uint64
	KeyBytes   uint64
	ValueBytes uint64
}

// IndexSizes measures every index, in index id order. It reads every key,
// so it takes time in proportion to the indexes.
func (s *Store) IndexSizes() ([]IndexSize, error) {
	exit, err := s.enter()
	if err != nil {
		return nil, err
	}
	defer exit()
	var sizes []IndexSize
	err = s.db.View(func(txn *badger.Txn) error {
		for id := range indexSchemas {
			size := IndexSize{Index: id}
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixIndex, byte(id)}})
			for it.Rewind(); it.Valid(); it.Next() {
				size.Records++
				size.KeyBytes += uint64(it.Item().KeySize())
				size.ValueBytes += uint64(it.Item().ValueSize())
			}
			it.Close()
			sizes = append(sizes, size)
		}
		return nil
	})
	sort.Slice(sizes, func(i, j int) bool { return sizes[i].Index < sizes[j].Index })
	return sizes, err
}

package store

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// Snapshot files live in the snapshots directory of the data directory,
// one per snapshot, named by seq. They are written with plain file writes
// rather than as Badger values, so a snapshot neither passes through the
// value log (which keeps what it wrote mapped in the process) nor needs
// the whole payload in memory.
//
// File layout, integers big-endian:
//
//	header   magic "THXSNAP\x00" | file version u8 | seq u64
//	payload  the state machine's snapshot, as given
//	trailer  payload length u64 | state hash [32] | payload CRC-32C u32 |
//	         CRC-32C of the header and the trailer's fields before it u32
//
// A snapshot is written to a temporary file, synced, and renamed into
// place, and the directory is synced, so after a crash a snapshot file is
// either complete or absent. Open deletes leftover temporary files.
const (
	snapshotDirName      = "snapshots"
	snapshotFileMagic    = "THXSNAP\x00"
	snapshotFileVersion  = 1
	snapshotHeaderBytes  = len(snapshotFileMagic) + 1 + 8
	snapshotTrailerBytes = 8 + 32 + 4 + 4
	snapshotFilePrefix   = "snapshot-"
	snapshotFileSuffix   = ".thxsnap"
	snapshotTempSuffix   = ".tmp"

	// snapshotBufferBytes is the write buffer of a snapshot file.
	snapshotBufferBytes = 1 << 20
)

func (s *Store) snapshotDir() string { return filepath.Join(s.dir, snapshotDirName) }

func snapshotFileName(seq uint64) string {
	return fmt.Sprintf("%s%020d%s", snapshotFilePrefix, seq, snapshotFileSuffix)
}

func (s *Store) snapshotPath(seq uint64) string {
	return filepath.Join(s.snapshotDir(), snapshotFileName(seq))
}

// snapshotKey names a snapshot file in errors, relative to the data
// directory.
func snapshotKey(seq uint64) string { return filepath.Join(snapshotDirName, snapshotFileName(seq)) }

// parseSnapshotFileName returns the seq of a snapshot file name.
func parseSnapshotFileName(name string) (uint64, bool) {
	digits, ok := strings.CutPrefix(name, snapshotFilePrefix)
	if !ok {
		return 0, false
	}
	digits, ok = strings.CutSuffix(digits, snapshotFileSuffix)
	if !ok || len(digits) != 20 {
		return 0, false
	}
	seq, err := strconv.ParseUint(digits, 10, 64)
	return seq, err == nil
}

// snapshotSeqs lists the seqs that have a snapshot file, oldest first.
func (s *Store) snapshotSeqs() ([]uint64, error) {
	entries, err := os.ReadDir(s.snapshotDir())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: list snapshots in %s: %w", s.snapshotDir(), err)
	}
	var seqs []uint64
	for _, e := range entries {
		if seq, ok := parseSnapshotFileName(e.Name()); ok && e.Type().IsRegular() {
			seqs = append(seqs, seq)
		}
	}
	slices.Sort(seqs)
	return seqs, nil
}

// SnapshotWriter streams one snapshot payload into a temporary file. Commit
// makes it the stored snapshot of its seq; Discard deletes it. A writer is
// used by one goroutine.
type SnapshotWriter struct {
	s    *Store
	seq  uint64
	f    *os.File
	w    *bufio.Writer
	crc  hash.Hash32
	n    uint64
	err  error
	done bool
}

// CreateSnapshot starts a snapshot of the state after seq. The entry need
// not be durable yet; Commit checks that it is. Write the payload, then
// call Commit or Discard.
func (s *Store) CreateSnapshot(seq uint64) (*SnapshotWriter, error) {
	if seq == 0 {
		return nil, fmt.Errorf("%w: snapshot seq 0, expected at least 1", ErrSnapshotSeq)
	}
	exit, err := s.enter()
	if err != nil {
		return nil, err
	}
	defer exit()
	return s.newSnapshotWriter(seq)
}

func (s *Store) newSnapshotWriter(seq uint64) (*SnapshotWriter, error) {
	if err := os.MkdirAll(s.snapshotDir(), 0o700); err != nil {
		return nil, fmt.Errorf("store: create snapshot directory %s: %w", s.snapshotDir(), err)
	}
	f, err := os.CreateTemp(s.snapshotDir(), fmt.Sprintf("%s%020d-*%s", snapshotFilePrefix, seq, snapshotTempSuffix))
	if err != nil {
		return nil, fmt.Errorf("store: create snapshot file for seq %d in %s: %w", seq, s.snapshotDir(), err)
	}
	w := &SnapshotWriter{s: s, seq: seq, f: f, w: bufio.NewWriterSize(f, snapshotBufferBytes), crc: crc32.New(castagnoli)}
	if _, err := w.w.Write(encodeSnapshotFileHeader(seq)); err != nil {
		w.Discard()
		return nil, w.fail(err)
	}
	return w, nil
}

// Seq returns the seq of the snapshot being written.
func (w *SnapshotWriter) Seq() uint64 { return w.seq }

// Size returns the payload bytes written so far.
func (w *SnapshotWriter) Size() uint64 { return w.n }

// Write appends p to the payload.
func (w *SnapshotWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	if w.n+uint64(len(p)) > snapshotPayloadBytesMax {
		w.err = fmt.Errorf("%w: snapshot seq %d passes the limit of %d bytes", ErrPayloadTooLarge, w.seq, snapshotPayloadBytesMax)
		return 0, w.err
	}
	n, err := w.w.Write(p)
	w.crc.Write(p[:n])
	w.n += uint64(n)
	if err != nil {
		return n, w.fail(err)
	}
	return n, nil
}

func (w *SnapshotWriter) fail(err error) error {
	if w.err == nil {
		w.err = fmt.Errorf("store: write snapshot seq %d in %s: %w", w.seq, w.s.snapshotDir(), err)
	}
	return w.err
}

// Commit finishes the file with its trailer, syncs it and renames it into
// place, then deletes the oldest snapshots beyond Options.SnapshotsKept.
// The snapshot's seq must be durable by now (or be the installed base). On
// error nothing is stored and the temporary file is gone.
func (w *SnapshotWriter) Commit(hash StateHash) error {
	s := w.s
	exit, err := s.enter()
	if err != nil {
		w.Discard()
		return err
	}
	defer exit()
	if base, last := s.base.Load(), s.LastSeq(); w.seq < base || w.seq > last {
		w.Discard()
		return fmt.Errorf("%w: snapshot seq %d, expected a durable seq from %d to %d", ErrSnapshotSeq, w.seq, max(base, 1), last)
	}
	if err := w.finish(hash); err != nil {
		return err
	}
	return s.commitSnapshotFile(w, nil)
}

// Discard deletes the temporary file. It does nothing after Commit.
func (w *SnapshotWriter) Discard() {
	if w.done {
		return
	}
	w.done = true
	name := w.f.Name()
	w.f.Close()
	os.Remove(name)
}

// finish writes the trailer, flushes and syncs the file and closes it.
func (w *SnapshotWriter) finish(hash StateHash) error {
	if w.err == nil {
		_, err := w.w.Write(encodeSnapshotTrailer(w.seq, w.n, hash, w.crc.Sum32()))
		if err == nil {
			err = w.w.Flush()
		}
		if err == nil {
			err = w.f.Sync()
		}
		if err != nil {
			w.fail(err)
		}
	}
	if w.err != nil {
		w.Discard()
		return w.err
	}
	if err := w.f.Close(); err != nil {
		w.fail(err)
		w.Discard()
		return w.err
	}
	return nil
}

// commitSnapshotFile renames a finished temporary file into place and
// syncs the directory, runs extra in one Badger transaction when given,
// and prunes the oldest snapshots.
func (s *Store) commitSnapshotFile(w *SnapshotWriter, extra func(txn *badger.Txn, seq uint64) error) error {
	s.snapshotMu.Lock()
	defer s.snapshotMu.Unlock()
	w.done = true
	tmp := w.f.Name()
	if err := os.Rename(tmp, s.snapshotPath(w.seq)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: move snapshot seq %d into place in %s: %w", w.seq, s.snapshotDir(), err)
	}
	if err := syncDirErr(s.snapshotDir()); err != nil {
		return fmt.Errorf("store: sync snapshot directory %s: %w", s.snapshotDir(), err)
	}
	if extra != nil {
		if err := s.db.Update(func(txn *badger.Txn) error { return extra(txn, w.seq) }); err != nil {
			return fmt.Errorf("store: write markers of snapshot seq %d in %s: %w", w.seq, s.dir, err)
		}
	}
	if err := s.pruneSnapshots(); err != nil {
		return err
	}
	s.log.Debug("snapshot file committed", "seq", w.seq, "bytes", w.n)
	return nil
}

// markBase moves the base, last and indexed-through markers to seq.
func (s *Store) markBase(txn *badger.Txn, seq uint64) error {
	for _, key := range [][]byte{keyBase, keyLast, keyIndexed} {
		if err := setMeta(txn, key, seq); err != nil {
			return err
		}
	}
	return nil
}

// pruneSnapshots deletes the snapshot files older than the newest
// SnapshotsKept.
// REQUIRES: snapshotMu held.
func (s *Store) pruneSnapshots() error {
	seqs, err := s.snapshotSeqs()
	if err != nil {
		return err
	}
	if len(seqs) <= s.opts.SnapshotsKept {
		return nil
	}
	for _, old := range seqs[:len(seqs)-s.opts.SnapshotsKept] {
		if err := os.Remove(s.snapshotPath(old)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("store: delete old snapshot seq %d in %s: %w", old, s.snapshotDir(), err)
		}
		s.log.Debug("snapshot pruned", "seq", old)
	}
	return syncDirErr(s.snapshotDir())
}

// cleanSnapshotDir deletes what a crash can leave in the snapshot
// directory: temporary files, and snapshot files beyond the log's end,
// which an interrupted InstallSnapshot wrote before it moved the markers.
// Open calls it before any writer exists.
func (s *Store) cleanSnapshotDir() error {
	entries, err := os.ReadDir(s.snapshotDir())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: list snapshots in %s: %w", s.snapshotDir(), err)
	}
	for _, e := range entries {
		name := e.Name()
		seq, isSnapshot := parseSnapshotFileName(name)
		stale := strings.HasPrefix(name, snapshotFilePrefix) && strings.HasSuffix(name, snapshotTempSuffix)
		if isSnapshot && seq > s.LastSeq() {
			s.log.Warn("deleting a snapshot beyond the log's end, left by an interrupted install", "seq", seq, "last_seq", s.LastSeq())
			stale = true
		}
		if !stale {
			continue
		}
		if err := os.Remove(filepath.Join(s.snapshotDir(), name)); err != nil {
			return fmt.Errorf("store: delete %s in %s: %w", name, s.snapshotDir(), err)
		}
	}
	return nil
}

// syncDirErr syncs a directory, so that renames and deletions in it are
// durable.
func syncDirErr(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func encodeSnapshotFileHeader(seq uint64) []byte {
	b := make([]byte, 0, snapshotHeaderBytes)
	b = append(b, snapshotFileMagic...)
	b = append(b, snapshotFileVersion)
	return binary.BigEndian.AppendUint64(b, seq)
}

func encodeSnapshotTrailer(seq, payloadBytes uint64, hash StateHash, payloadCRC uint32) []byte {
	b := make([]byte, 0, snapshotTrailerBytes)
	b = binary.BigEndian.AppendUint64(b, payloadBytes)
	b = append(b, hash[:]...)
	b = binary.BigEndian.AppendUint32(b, payloadCRC)
	sum := crc32.Update(crc32.Checksum(encodeSnapshotFileHeader(seq), castagnoli), castagnoli, b)
	return binary.BigEndian.AppendUint32(b, sum)
}

// snapshotTrailer is the decoded header and trailer of a snapshot file.
type snapshotTrailer struct {
	payloadBytes uint64
	stateHash    StateHash
	payloadCRC   uint32
}

// decodeSnapshotFrame checks the header and trailer of a snapshot file of
// fileBytes bytes stored under seq; the error text is the reason for a
// CorruptionError.
func decodeSnapshotFrame(seq uint64, fileBytes int64, header, trailer []byte) (snapshotTrailer, error) {
	var t snapshotTrailer
	if fileBytes < int64(snapshotHeaderBytes+snapshotTrailerBytes) || len(header) != snapshotHeaderBytes || len(trailer) != snapshotTrailerBytes {
		return t, fmt.Errorf("file of %d bytes is shorter than its %d-byte header and trailer", fileBytes, snapshotHeaderBytes+snapshotTrailerBytes)
	}
	if string(header[:len(snapshotFileMagic)]) != snapshotFileMagic {
		return t, fmt.Errorf("file does not start with %q", snapshotFileMagic)
	}
	stored := binary.BigEndian.Uint32(trailer[snapshotTrailerBytes-4:])
	computed := crc32.Update(crc32.Checksum(header, castagnoli), castagnoli, trailer[:snapshotTrailerBytes-4])
	if stored != computed {
		return t, fmt.Errorf("header and trailer CRC-32C mismatch: stored %08x, computed %08x", stored, computed)
	}
	if v := header[len(snapshotFileMagic)]; v != snapshotFileVersion {
		return t, fmt.Errorf("unknown snapshot file version %d, expected %d", v, snapshotFileVersion)
	}
	if got := binary.BigEndian.Uint64(header[len(snapshotFileMagic)+1:]); got != seq {
		return t, fmt.Errorf("header names seq %d but the file is named for seq %d", got, seq)
	}
	t.payloadBytes = binary.BigEndian.Uint64(trailer)
	copy(t.stateHash[:], trailer[8:40])
	t.payloadCRC = binary.BigEndian.Uint32(trailer[40:44])
	if want := uint64(fileBytes) - uint64(snapshotHeaderBytes+snapshotTrailerBytes); t.payloadBytes != want || t.payloadBytes > snapshotPayloadBytesMax {
		return t, fmt.Errorf("trailer gives a payload of %d bytes, but the file contains %d", t.payloadBytes, want)
	}
	return t, nil
}

// readSnapshotInfo reads and checks the header and trailer of the
// snapshot file of seq.
func (s *Store) readSnapshotInfo(seq uint64) (SnapshotInfo, error) {
	info := SnapshotInfo{Seq: seq}
	f, err := s.openSnapshotFile(seq)
	if err != nil {
		return info, err
	}
	defer f.Close()
	t, err := s.readSnapshotFrame(f, seq)
	if err != nil {
		return info, err
	}
	info.StateHash, info.PayloadBytes = t.stateHash, t.payloadBytes
	return info, nil
}

func (s *Store) readSnapshotFrame(f *os.File, seq uint64) (snapshotTrailer, error) {
	st, err := f.Stat()
	if err != nil {
		return snapshotTrailer{}, fmt.Errorf("store: stat snapshot seq %d in %s: %w", seq, s.dir, err)
	}
	size := st.Size()
	header := make([]byte, snapshotHeaderBytes)
	trailer := make([]byte, snapshotTrailerBytes)
	if size >= int64(snapshotHeaderBytes+snapshotTrailerBytes) {
		if _, err := f.ReadAt(header, 0); err != nil {
			return snapshotTrailer{}, fmt.Errorf("store: read snapshot seq %d in %s: %w", seq, s.dir, err)
		}
		if _, err := f.ReadAt(trailer, size-snapshotTrailerBytes); err != nil {
			return snapshotTrailer{}, fmt.Errorf("store: read snapshot seq %d in %s: %w", seq, s.dir, err)
		}
	}
	t, err := decodeSnapshotFrame(seq, size, header, trailer)
	if err != nil {
		return t, s.snapshotCorrupt(seq, err.Error())
	}
	return t, nil
}

// readSnapshotFile reads the payload of an open snapshot file and checks
// it against the trailer.
func (s *Store) readSnapshotFile(f *os.File, seq uint64) (Snapshot, error) {
	t, err := s.readSnapshotFrame(f, seq)
	if err != nil {
		return Snapshot{}, err
	}
	payload := make([]byte, t.payloadBytes)
	if _, err := f.ReadAt(payload, int64(snapshotHeaderBytes)); err != nil && !errors.Is(err, io.EOF) {
		return Snapshot{}, fmt.Errorf("store: read snapshot seq %d in %s: %w", seq, s.dir, err)
	}
	if computed := crc32.Checksum(payload, castagnoli); computed != t.payloadCRC {
		return Snapshot{}, s.snapshotCorrupt(seq, fmt.Sprintf("payload CRC-32C mismatch: stored %08x, computed %08x", t.payloadCRC, computed))
	}
	return Snapshot{Seq: seq, StateHash: t.stateHash, Payload: payload}, nil
}

func (s *Store) snapshotCorrupt(seq uint64, reason string) error {
	return &CorruptionError{Dir: s.dir, Record: "snapshot", Seq: seq, Key: snapshotKey(seq), Reason: reason}
}

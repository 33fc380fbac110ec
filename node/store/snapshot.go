package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"sort"

	"github.com/dgraph-io/badger/v4"
)

const (
	// snapshotPayloadBytesMax is the largest snapshot payload.
	snapshotPayloadBytesMax = 1 << 30

	// snapshotChunkBytes is the size of each stored piece of a snapshot
	// payload; the last piece may be shorter. Pieces above Badger's value
	// threshold go to the value log.
	snapshotChunkBytes = 4 << 20

	snapshotVersion = 1

	// snapshotHeaderBytes: version, seq, state hash, payload length,
	// chunk count, payload CRC-32C, header CRC-32C.
	snapshotHeaderBytes = 1 + 8 + 32 + 8 + 4 + 4 + 4
)

// StateHash is the hash of the state machine's state after an entry.
type StateHash [32]byte

// Snapshot is the serialised state after applying the log through Seq.
type Snapshot struct {
	Seq       uint64
	StateHash StateHash
	Payload   []byte
}

// SnapshotInfo describes a stored snapshot without its payload. Err is set
// when the header fails its checks; the payload is checked only on load.
type SnapshotInfo struct {
	Seq          uint64
	StateHash    StateHash
	PayloadBytes uint64
	Err          error
}

type snapshotHeader struct {
	seq          uint64
	stateHash    StateHash
	payloadBytes uint64
	chunks       uint32
	payloadCRC   uint32
}

func snapshotPrefix(seq uint64) []byte {
	key := make([]byte, 9)
	key[0] = prefixSnapshot
	binary.BigEndian.PutUint64(key[1:], seq)
	return key
}

func snapshotHeaderKey(seq uint64) []byte {
	return append(snapshotPrefix(seq), snapshotHeaderTag)
}

func snapshotChunkKey(seq uint64, chunk uint32) []byte {
	key := append(snapshotPrefix(seq), snapshotChunkTag, 0, 0, 0, 0)
	binary.BigEndian.PutUint32(key[10:], chunk)
	return key
}

func encodeSnapshotHeader(h snapshotHeader) []byte {
	b := make([]byte, snapshotHeaderBytes)
	b[0] = snapshotVersion
	binary.BigEndian.PutUint64(b[1:9], h.seq)
	copy(b[9:41], h.stateHash[:])
	binary.BigEndian.PutUint64(b[41:49], h.payloadBytes)
	binary.BigEndian.PutUint32(b[49:53], h.chunks)
	binary.BigEndian.PutUint32(b[53:57], h.payloadCRC)
	binary.BigEndian.PutUint32(b[57:61], crc32.Checksum(b[:57], castagnoli))
	return b
}

// decodeSnapshotHeader checks a stored header; the error text is the reason
// for a CorruptionError.
func decodeSnapshotHeader(seq uint64, b []byte) (snapshotHeader, error) {
	var h snapshotHeader
	if len(b) != snapshotHeaderBytes {
		return h, fmt.Errorf("header has %d bytes, expected %d", len(b), snapshotHeaderBytes)
	}
	if stored, computed := binary.BigEndian.Uint32(b[57:61]), crc32.Checksum(b[:57], castagnoli); stored != computed {
		return h, fmt.Errorf("header CRC-32C mismatch: stored %08x, computed %08x", stored, computed)
	}
	if b[0] != snapshotVersion {
		return h, fmt.Errorf("unknown snapshot version %d, expected %d", b[0], snapshotVersion)
	}
	h.seq = binary.BigEndian.Uint64(b[1:9])
	copy(h.stateHash[:], b[9:41])
	h.payloadBytes = binary.BigEndian.Uint64(b[41:49])
	h.chunks = binary.BigEndian.Uint32(b[49:53])
	h.payloadCRC = binary.BigEndian.Uint32(b[53:57])
	if h.seq != seq {
		return h, fmt.Errorf("header names seq %d but is stored under seq %d", h.seq, seq)
	}
	if h.payloadBytes > snapshotPayloadBytesMax || uint64(h.chunks) != chunkCount(h.payloadBytes) {
		return h, fmt.Errorf("payload of %d bytes in %d chunks is inconsistent", h.payloadBytes, h.chunks)
	}
	return h, nil
}

func chunkCount(payloadBytes uint64) uint64 {
	return (payloadBytes + snapshotChunkBytes - 1) / snapshotChunkBytes
}

// SaveSnapshot stores a snapshot of the state after applying the log
// through snap.Seq, which must be a durable entry (or the installed base),
// and deletes the oldest snapshots beyond Options.SnapshotsKept, all in one
// transaction. Saving the same seq again replaces that snapshot.
func (s *Store) SaveSnapshot(snap Snapshot) error {
	exit, err := s.enter()
	if err != nil {
		return err
	}
	defer exit()
	if base, last := s.base.Load(), s.LastSeq(); snap.Seq < base || snap.Seq > last || snap.Seq == 0 {
		return fmt.Errorf("%w: snapshot seq %d, expected a durable seq from %d to %d", ErrSnapshotSeq, snap.Seq, max(base, 1), last)
	}
	return s.writeSnapshot(snap, nil)
}

// InstallSnapshot stores a snapshot received from a peer in a store whose
// log is empty and moves the log base to its seq, so the next entry
// appended must be snap.Seq+1. The indexed-through marker moves there too,
// because the entries before it are not stored here.
func (s *Store) InstallSnapshot(snap Snapshot) error {
	if snap.Seq == 0 {
		return fmt.Errorf("%w: snapshot seq 0, expected at least 1", ErrSnapshotSeq)
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

	err := s.writeSnapshot(snap, func(txn *badger.Txn) error {
		for _, key := range [][]byte{keyBase, keyLast, keyIndexed} {
			if err := setMeta(txn, key, snap.Seq); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.base.Store(snap.Seq)
	s.last.Store(snap.Seq)
	s.indexed.Store(snap.Seq)
	s.nextSeq = snap.Seq + 1
	s.log.Info("snapshot installed", "seq", snap.Seq, "state_hash", fmt.Sprintf("%x", snap.StateHash))
	return nil
}

// writeSnapshot writes snap, prunes old snapshots and runs extra in one
// transaction.
func (s *Store) writeSnapshot(snap Snapshot, extra func(*badger.Txn) error) error {
	if len(snap.Payload) > snapshotPayloadBytesMax {
		return fmt.Errorf("%w: snapshot seq %d has %d bytes, the limit is %d", ErrPayloadTooLarge, snap.Seq, len(snap.Payload), snapshotPayloadBytesMax)
	}
	s.snapshotMu.Lock()
	defer s.snapshotMu.Unlock()

	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	if err := s.deleteSnapshotKeys(txn, snap.Seq); err != nil {
		return err
	}
	if err := putSnapshot(txn, snap); err != nil {
		return fmt.Errorf("store: write snapshot seq %d: %w", snap.Seq, err)
	}
	if err := s.pruneSnapshots(txn, snap.Seq); err != nil {
		return err
	}
	if extra != nil {
		if err := extra(txn); err != nil {
			return fmt.Errorf("store: write snapshot seq %d markers: %w", snap.Seq, err)
		}
	}
	if err := txn.Commit(); err != nil {
		return fmt.Errorf("store: commit snapshot seq %d in %s: %w", snap.Seq, s.dir, err)
	}
	s.log.Info("snapshot saved", "seq", snap.Seq, "bytes", len(snap.Payload))
	return nil
}

func putSnapshot(txn *badger.Txn, snap Snapshot) error {
	h := snapshotHeader{
		seq:          snap.Seq,
		stateHash:    snap.StateHash,
		payloadBytes: uint64(len(snap.Payload)),
		chunks:       uint32(chunkCount(uint64(len(snap.Payload)))),
		payloadCRC:   crc32.Checksum(snap.Payload, castagnoli),
	}
	for i := uint32(0); i < h.chunks; i++ {
		start := uint64(i) * snapshotChunkBytes
		end := min(start+snapshotChunkBytes, h.payloadBytes)
		chunk := append([]byte(nil), snap.Payload[start:end]...)
		if err := txn.Set(snapshotChunkKey(snap.Seq, i), chunk); err != nil {
			return err
		}
	}
	return txn.Set(snapshotHeaderKey(snap.Seq), encodeSnapshotHeader(h))
}

// pruneSnapshots deletes the snapshots older than the newest
// SnapshotsKept, counting the one being written at seq.
func (s *Store) pruneSnapshots(txn *badger.Txn, seq uint64) error {
	seqs := snapshotSeqs(txn)
	if !containsSeq(seqs, seq) {
		seqs = append(seqs, seq)
	}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] > seqs[j] })
	for _, old := range seqs[min(len(seqs), s.opts.SnapshotsKept):] {
		if err := s.deleteSnapshotKeys(txn, old); err != nil {
			return err
		}
		s.log.Debug("snapshot pruned", "seq", old)
	}
	return nil
}

// deleteSnapshotKeys deletes every key of the snapshot at seq, including
// the chunks of a damaged snapshot whose header no longer gives their count.
func (s *Store) deleteSnapshotKeys(txn *badger.Txn, seq uint64) error {
	prefix := snapshotPrefix(seq)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	var keys [][]byte
	for it.Seek(prefix); it.Valid(); it.Next() {
		keys = append(keys, it.Item().KeyCopy(nil))
	}
	it.Close()
	for _, key := range keys {
		if err := txn.Delete(key); err != nil {
			return fmt.Errorf("store: delete snapshot seq %d key %s: %w", seq, printableKey(key), err)
		}
	}
	return nil
}

// snapshotSeqs lists the seqs that have a snapshot header, oldest first.
func snapshotSeqs(txn *badger.Txn) []uint64 {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixSnapshot}})
	defer it.Close()
	var seqs []uint64
	for it.Rewind(); it.Valid(); it.Next() {
		key := it.Item().Key()
		if len(key) == 10 && key[9] == snapshotHeaderTag {
			seqs = append(seqs, binary.BigEndian.Uint64(key[1:9]))
		}
	}
	return seqs
}

func containsSeq(seqs []uint64, seq uint64) bool {
	for _, v := range seqs {
		if v == seq {
			return true
		}
	}
	return false
}

// Snapshots lists the stored snapshots, newest first. A damaged header is
// listed with Err set.
func (s *Store) Snapshots() ([]SnapshotInfo, error) {
	exit, err := s.enter()
	if err != nil {
		return nil, err
	}
	defer exit()
	var infos []SnapshotInfo
	err = s.db.View(func(txn *badger.Txn) error {
		seqs := snapshotSeqs(txn)
		for i := len(seqs) - 1; i >= 0; i-- {
			info := SnapshotInfo{Seq: seqs[i]}
			h, err := s.readSnapshotHeader(txn, seqs[i])
			if err == nil {
				info.StateHash, info.PayloadBytes = h.stateHash, h.payloadBytes
			} else if !errors.Is(err, ErrCorrupt) {
				return err
			}
			info.Err = err
			infos = append(infos, info)
		}
		return nil
	})
	return infos, err
}

// LoadSnapshot reads the snapshot at seq and verifies its checksums.
func (s *Store) LoadSnapshot(seq uint64) (Snapshot, error) {
	exit, err := s.enter()
	if err != nil {
		return Snapshot{}, err
	}
	defer exit()
	var snap Snapshot
	err = s.db.View(func(txn *badger.Txn) error {
		var err error
		snap, err = s.readSnapshot(txn, seq)
		return err
	})
	return snap, err
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

func (s *Store) readSnapshotHeader(txn *badger.Txn, seq uint64) (snapshotHeader, error) {
	key := snapshotHeaderKey(seq)
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return snapshotHeader{}, fmt.Errorf("%w: no snapshot at seq %d in data directory %s", ErrNoSnapshot, seq, s.dir)
	}
	if err != nil {
		return snapshotHeader{}, s.wrapSnapshotErr(err, seq, key)
	}
	var h snapshotHeader
	err = item.Value(func(value []byte) error {
		var err error
		h, err = decodeSnapshotHeader(seq, value)
		if err != nil {
			return s.corrupt("snapshot", seq, key, err.Error())
		}
		return nil
	})
	return h, s.wrapSnapshotErr(err, seq, key)
}

func (s *Store) readSnapshot(txn *badger.Txn, seq uint64) (Snapshot, error) {
	h, err := s.readSnapshotHeader(txn, seq)
	if err != nil {
		return Snapshot{}, err
	}
	payload := make([]byte, 0, h.payloadBytes)
	for i := uint32(0); i < h.chunks; i++ {
		key := snapshotChunkKey(seq, i)
		item, err := txn.Get(key)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return Snapshot{}, s.corrupt("snapshot", seq, key, fmt.Sprintf("chunk %d of %d missing", i, h.chunks))
		}
		if err != nil {
			return Snapshot{}, s.wrapSnapshotErr(err, seq, key)
		}
		err = item.Value(func(chunk []byte) error {
			if uint64(len(payload)+len(chunk)) > h.payloadBytes {
				return s.corrupt("snapshot", seq, key, fmt.Sprintf("chunk %d runs past the %d-byte payload", i, h.payloadBytes))
			}
			payload = append(payload, chunk...)
			return nil
		})
		if err != nil {
			return Snapshot{}, s.wrapSnapshotErr(err, seq, key)
		}
	}
	return s.checkSnapshotPayload(h, payload)
}

func (s *Store) checkSnapshotPayload(h snapshotHeader, payload []byte) (Snapshot, error) {
	key := snapshotHeaderKey(h.seq)
	if uint64(len(payload)) != h.payloadBytes {
		return Snapshot{}, s.corrupt("snapshot", h.seq, key, fmt.Sprintf("payload has %d bytes, header says %d", len(payload), h.payloadBytes))
	}
	if computed := crc32.Checksum(payload, castagnoli); computed != h.payloadCRC {
		return Snapshot{}, s.corrupt("snapshot", h.seq, key, fmt.Sprintf("payload CRC-32C mismatch: stored %08x, computed %08x", h.payloadCRC, computed))
	}
	return Snapshot{Seq: h.seq, StateHash: h.stateHash, Payload: payload}, nil
}

func (s *Store) wrapSnapshotErr(err error, seq uint64, key []byte) error {
	if err != nil && isBadgerChecksumErr(err) {
		return s.corrupt("snapshot", seq, key, err.Error())
	}
	return err
}
